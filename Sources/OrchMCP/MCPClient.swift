import Logging
import OrchJSON
import Synchronization

/// A client of one MCP server that runs as a child process, in whichever era it speaks.
///
/// ``connect(_:options:)`` starts the server and, per the stdio backward-compatibility rules,
/// probes `server/discover` at 2026-07-28; anything but a modern answer (an error, silence
/// until `probeTimeout`) falls back to `initialize`, newest handshake version first. A
/// server entry may pin the era to skip the probe. A tool that answers `isError: true` is a
/// result, not a thrown error. When the server exits, every call in flight fails at once
/// with the exit status and the tail of its stderr.
public final class MCPClient: Sendable {
    public enum Era: String, Sendable { case modern, legacy }

    public struct Options: Sendable {
        public var probeTimeout: Duration = .seconds(2)
        public var requestTimeout: Duration = .seconds(60)
        /// Skip the probe and speak this era.
        public var era: Era?
        public var clientInfo = Implementation(name: "orch-mcp", version: "0.1.0")
        /// Answered to `roots/list` (legacy) and in MRTR `inputResponses` (modern).
        public var roots: [JSONValue] = []
        public var logger = Logger(label: "orch-mcp.client")

        public init() {}
    }

    public let process: ServerProcess
    public let options: Options
    public let era: Era
    /// 2026-07-28, or the negotiated handshake version.
    public let protocolVersion: String
    public let serverInfo: Implementation?
    public let capabilities: JSONValue
    let connection: ClientConnection
    /// The 2026-07-28 request `_meta`, built once.
    private let envelope: JSONObject

    public var name: String { process.launch.name }
    /// Lines on the server's stdout that were not JSON-RPC (skipped, not fatal).
    public var skippedLines: Int { connection.skippedLines }

    private init(process: ServerProcess, connection: ClientConnection, options: Options, era: Era, version: String,
                 serverInfo: Implementation?, capabilities: JSONValue) {
        self.process = process
        self.connection = connection
        self.options = options
        self.era = era
        protocolVersion = version
        self.serverInfo = serverInfo
        self.capabilities = capabilities
        envelope = Self.modernMeta(options).objectValue ?? [:]
    }

    /// Starts the server and finds out which era it speaks.
    public static func connect(_ launch: ServerLaunch, options: Options = Options()) async throws(MCPClientError) -> MCPClient {
        var resolved = launch
        let process: ServerProcess
        do {
            resolved.command = try ServerProcess.resolve(launch.command, server: launch.name, workingDirectory: launch.workingDirectory)
            process = try ServerProcess.spawn(resolved)
        } catch {
            throw MCPClientError(.spawnFailed, server: launch.name, error.message)
        }
        let connection = Self.attach(process, options: options)
        do {
            return try await handshake(process: process, connection: connection, options: options)
        } catch {
            _ = await process.terminate(grace: .milliseconds(200))
            // Some legacy servers exit on a method they do not know: start a fresh one and
            // use the handshake (as the spec's stdio backward-compatibility notes suggest).
            guard error.code == .serverExited, options.era == nil else { throw error }
            options.logger.debug("MCP server '\(launch.name)' exited on server/discover; restarting it for initialize")
            var legacy = options
            legacy.era = .legacy
            let retry: ServerProcess
            do { retry = try ServerProcess.spawn(resolved) } catch { throw MCPClientError(.spawnFailed, server: launch.name, error.message) }
            let retried = Self.attach(retry, options: legacy)
            do {
                return try await handshake(process: retry, connection: retried, options: legacy)
            } catch {
                _ = await retry.terminate(grace: .milliseconds(200))
                throw error
            }
        }
    }

    static func attach(_ process: ServerProcess, options: Options) -> ClientConnection {
        let name = process.launch.name
        let roots = options.roots
        let connection = ClientConnection(server: name, input: process.stdinFD, output: process.stdoutFD, logger: options.logger) { method, _ in
            switch method {
            case "ping": .success([:])
            case "roots/list": .success(["roots": .array(roots)])
            case "sampling/createMessage": .failure(MCPError(code: MCPError.methodNotFoundCode, message: "orch-mcp does not offer sampling (no model is attached to this client)."))
            case "elicitation/create": .failure(MCPError(code: MCPError.methodNotFoundCode, message: "orch-mcp cannot ask a person for input (elicitation is not supported)."))
            default: .failure(.methodNotFound(method))
            }
        }
        process.onStderrLine { line in options.logger.debug("[\(name) stderr] \(line)") }
        process.onExit { [weak connection] status in
            let tail = process.stderrTail().split(separator: "\n").suffix(5).joined(separator: "\n")
            connection?.close(MCPClientError(.serverExited, server: name,
                                             "the server exited (\(status))" + (tail.isEmpty ? "." : "; its stderr ended with:\n\(tail)")))
        }
        return connection
    }

    private static func handshake(process: ServerProcess, connection: ClientConnection, options: Options) async throws(MCPClientError) -> MCPClient {
        let name = process.launch.name
        if options.era != .legacy {
            let probe = await connection.request("server/discover", params: ["_meta": modernMeta(options)],
                                                 timeout: options.era == .modern ? options.requestTimeout : options.probeTimeout)
            switch probe {
            case .success(let result):
                let versions = result["supportedVersions"]?.arrayValue?.compactMap(\.stringValue) ?? []
                if versions.contains(ProtocolVersion.modern) {
                    let info = result["_meta"]?[ProtocolVersion.serverInfoKey]
                    return MCPClient(process: process, connection: connection, options: options, era: .modern, version: ProtocolVersion.modern,
                                     serverInfo: ServerConnection.implementation(info), capabilities: result["capabilities"] ?? [:])
                }
            case .failure(let error):
                if let closed = connection.closedError { throw closed }
                if error.protocolError?.code == MCPError.unsupportedVersionCode {
                    let supported = error.protocolError?.data?["supported"]?.arrayValue?.compactMap(\.stringValue) ?? []
                    if !supported.contains(where: ProtocolVersion.legacy.contains) {
                        throw MCPClientError(.badResponse, server: name, "the server speaks only \(supported.joined(separator: ", ")), none of which orch-mcp supports.")
                    }
                }
                if options.era == .modern { throw error }
                options.logger.debug("MCP server '\(name)' is not modern (\(error.message)); falling back to initialize")
            }
        }
        let params: JSONValue = [
            "protocolVersion": .string(ProtocolVersion.legacy[0]),
            "capabilities": ["roots": ["listChanged": false]],
            "clientInfo": options.clientInfo.json,
        ]
        let result: JSONValue
        switch await connection.request("initialize", params: params, timeout: options.requestTimeout) {
        case .success(let answer):
            result = answer
        case .failure(let error):
            // A slow modern server (one that loads a model before serving) may answer the probe
            // after its timeout and then refuse the handshake: ask it once more, patiently.
            guard options.era == nil, error.protocolError != nil, connection.closedError == nil,
                  case .success(let late) = await connection.request("server/discover", params: ["_meta": modernMeta(options)], timeout: options.requestTimeout),
                  late["supportedVersions"]?.arrayValue?.contains(.string(ProtocolVersion.modern)) == true else { throw error }
            return MCPClient(process: process, connection: connection, options: options, era: .modern, version: ProtocolVersion.modern,
                             serverInfo: ServerConnection.implementation(late["_meta"]?[ProtocolVersion.serverInfoKey]), capabilities: late["capabilities"] ?? [:])
        }
        guard let version = result["protocolVersion"]?.stringValue else {
            throw MCPClientError(.badResponse, server: name, "the initialize result has no protocolVersion.")
        }
        guard ProtocolVersion.legacy.contains(version) else {
            throw MCPClientError(.badResponse, server: name, "the server chose protocol version \(version), which orch-mcp does not speak (it speaks \(ProtocolVersion.all.joined(separator: ", "))).")
        }
        connection.notify("notifications/initialized", params: nil)
        return MCPClient(process: process, connection: connection, options: options, era: .legacy, version: version,
                         serverInfo: ServerConnection.implementation(result["serverInfo"]), capabilities: result["capabilities"] ?? [:])
    }

    static func modernMeta(_ options: Options) -> JSONValue {
        [
            ProtocolVersion.versionKey: .string(ProtocolVersion.modern),
            ProtocolVersion.clientCapabilitiesKey: [:],
            ProtocolVersion.clientInfoKey: options.clientInfo.json,
        ]
    }

    /// Sends a request in this client's era (the 2026-07-28 envelope when modern).
    public func request(_ method: String, params: JSONObject = [:], timeout: Duration? = nil,
                        progress: (@Sendable (Double, Double?, String?) -> Void)? = nil, resetTimeoutOnProgress: Bool = false) async throws(MCPClientError) -> JSONValue {
        var params = params
        if era == .modern {
            if var meta = params["_meta"]?.objectValue {
                for (key, value) in envelope where meta[key] == nil { meta[key] = value }
                params["_meta"] = .object(meta)
            } else {
                params["_meta"] = .object(envelope)
            }
        }
        let sent: JSONValue? = params.isEmpty ? nil : .object(params)
        return try await connection.request(method, params: sent, timeout: timeout ?? options.requestTimeout,
                                            progress: progress, resetTimeoutOnProgress: resetTimeoutOnProgress).get()
    }

    /// Every tool, following `nextCursor` through all pages.
    public func listTools() async throws(MCPClientError) -> [JSONValue] {
        var tools: [JSONValue] = []
        var cursor: JSONValue?
        for _ in 0..<1000 {
            var params = JSONObject()
            if let cursor { params["cursor"] = cursor }
            let page = try await request("tools/list", params: params)
            guard let list = page["tools"]?.arrayValue else {
                throw MCPClientError(.badResponse, server: name, "tools/list answered without a \"tools\" array.")
            }
            tools += list
            guard let next = page["nextCursor"], next != .null else { return tools }
            cursor = next
        }
        throw MCPClientError(.badResponse, server: name, "tools/list returned more than 1000 pages.")
    }

    /// Calls a tool and returns the `CallToolResult` (`isError: true` included). In the
    /// 2026-07-28 era, `input_required` answers are followed up (roots are given, elicitation
    /// is declined, sampling fails the call) for up to 10 rounds.
    public func callTool(_ tool: String, arguments: JSONValue = [:], timeout: Duration? = nil,
                         progress: (@Sendable (Double, Double?, String?) -> Void)? = nil) async throws(MCPClientError) -> JSONValue {
        var params: JSONObject = ["name": .string(tool), "arguments": arguments]
        for _ in 0..<10 {
            let result = try await request("tools/call", params: params, timeout: timeout, progress: progress, resetTimeoutOnProgress: progress != nil)
            guard result["resultType"] == "input_required" else { return result }
            var responses = JSONObject()
            for (key, ask) in result["inputRequests"]?.objectValue ?? [:] {
                switch ask["method"]?.stringValue {
                case "roots/list": responses[key] = ["roots": .array(options.roots)]
                case "elicitation/create": responses[key] = ["action": "decline"]
                default:
                    throw MCPClientError(.badResponse, server: name, "the tool \(tool) asked for \(ask["method"]?.stringValue ?? "?"), which orch-mcp cannot provide.")
                }
            }
            params["inputResponses"] = .object(responses)
            if let state = result["requestState"] { params["requestState"] = state } else { params["requestState"] = nil }
        }
        throw MCPClientError(.badResponse, server: name, "the tool \(tool) kept asking for input after 10 rounds.")
    }

    /// Shuts the server down per the spec (close stdin, SIGTERM, SIGKILL to its group) and reaps it.
    @discardableResult
    public func close(grace: Duration = .seconds(2)) async -> ExitStatus {
        connection.close(MCPClientError(.serverExited, server: name, "the client was closed."))
        return await process.terminate(grace: grace)
    }
}
