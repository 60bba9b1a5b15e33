import OrchJSON
import Synchronization

extension ServerConnection {
    /// Sorts a request into its era, checks the envelope or the handshake, and serves it.
    func handleRequest(id: JSONRPCID, method: String, params: JSONValue?, respond: @escaping Respond) {
        let meta = params?["_meta"]?.objectValue
        if method == "initialize" {
            initialize(id: id, params: params, respond: respond)
        } else if meta?[ProtocolVersion.versionKey] != nil {
            modern(id: id, method: method, params: params, meta: meta!, respond: respond)
        } else {
            legacy(id: id, method: method, params: params, respond: respond)
        }
    }

    // MARK: 2026-07-28

    private func modern(id: JSONRPCID, method: String, params: JSONValue?, meta: JSONObject, respond: @escaping Respond) {
        let era = state.withLock { state -> Era in
            if state.era == .undecided { state.era = .modern }
            return state.era
        }
        guard era == .modern else {
            respond(.error(id: id, .invalidRequest("This connection uses the initialize handshake; requests with the 2026-07-28 _meta envelope are not accepted on it.")))
            return
        }
        var missing: [String] = []
        if meta[ProtocolVersion.versionKey]?.stringValue == nil { missing.append(ProtocolVersion.versionKey) }
        if meta[ProtocolVersion.clientCapabilitiesKey]?.objectValue == nil { missing.append(ProtocolVersion.clientCapabilitiesKey) }
        guard missing.isEmpty else {
            respond(.error(id: id, .invalidParams("params._meta is missing or has a wrong type for: \(missing.joined(separator: ", ")).")))
            return
        }
        let requested = meta[ProtocolVersion.versionKey]!.stringValue!
        guard requested == ProtocolVersion.modern else {
            respond(.error(id: id, MCPError(code: MCPError.unsupportedVersionCode, message: "Unsupported protocol version \(requested)",
                                            data: ["supported": [.string(ProtocolVersion.modern)], "requested": .string(requested)])))
            return
        }
        let clientInfo = Self.implementation(meta[ProtocolVersion.clientInfoKey])
        let version = ProtocolVersion.modern
        switch method {
        case "server/discover":
            var result: JSONObject = [
                "supportedVersions": [.string(ProtocolVersion.modern)],
                "capabilities": ["tools": ["listChanged": false]],
            ]
            if let instructions = server.instructions { result["instructions"] = .string(instructions) }
            respond(.response(id: id, result: modernResult(result, cacheable: true)))
        case "tools/list":
            listTools(id: id, params: params, version: version, respond: respond)
        case "tools/call":
            callTool(id: id, params: params, version: version, clientInfo: clientInfo, respond: respond)
        default:
            respond(.error(id: id, .methodNotFound(method)))
        }
    }

    /// A 2026-07-28 result: `resultType`, the server's identity and, for lists, cache hints.
    func modernResult(_ result: JSONObject, cacheable: Bool = false) -> JSONValue {
        var object = result
        object["resultType"] = "complete"
        if cacheable {
            object["ttlMs"] = .int(Int64(server.cacheMs))
            object["cacheScope"] = "public"
        }
        object["_meta"] = server.resultMeta
        return .object(object)
    }

    // MARK: Handshake revisions

    private func initialize(id: JSONRPCID, params: JSONValue?, respond: @escaping Respond) {
        guard case .object(let object)? = params, let requested = object["protocolVersion"]?.stringValue else {
            respond(.error(id: id, .invalidParams("initialize needs params.protocolVersion (a string), capabilities and clientInfo.")))
            return
        }
        guard object["capabilities"]?.objectValue != nil, let clientInfo = object["clientInfo"]?.objectValue,
              clientInfo["name"]?.stringValue != nil, clientInfo["version"]?.stringValue != nil else {
            respond(.error(id: id, .invalidParams("initialize needs params.capabilities (an object) and params.clientInfo {name, version}.")))
            return
        }
        let negotiated = ProtocolVersion.legacy.contains(requested) ? requested : ProtocolVersion.legacy[0]
        enum Outcome { case ok, modern, again(String) }
        let outcome = state.withLock { state -> Outcome in
            switch state.era {
            case .modern: return .modern
            case .legacy: return .again(state.legacyVersion ?? "?")
            case .undecided:
                state.era = .legacy
                state.legacyVersion = negotiated
                return .ok
            }
        }
        switch outcome {
        case .modern:
            respond(.error(id: id, MCPError(code: MCPError.unsupportedVersionCode,
                                            message: "This connection serves the 2026-07-28 protocol; the initialize handshake is not accepted on it.",
                                            data: ["supported": [.string(ProtocolVersion.modern)], "requested": .string(requested)])))
        case .again(let version):
            respond(.error(id: id, .invalidRequest("The connection is already initialized (protocol \(version)); initialize may be sent only once.")))
        case .ok:
            var capabilities: JSONObject = ["tools": ["listChanged": false]]
            capabilities["logging"] = [:]
            var result: JSONObject = [
                "protocolVersion": .string(negotiated),
                "capabilities": .object(capabilities),
                "serverInfo": server.info.json,
            ]
            if let instructions = server.instructions { result["instructions"] = .string(instructions) }
            respond(.response(id: id, result: .object(result)))
        }
    }

    private func legacy(id: JSONRPCID, method: String, params: JSONValue?, respond: @escaping Respond) {
        let (era, version) = state.withLock { ($0.era, $0.legacyVersion) }
        if method == "ping" && era != .modern {
            respond(.response(id: id, result: [:]))
            return
        }
        guard era == .legacy, let version else {
            if era == .modern {
                respond(.error(id: id, .invalidParams("A 2026-07-28 request needs params._meta with \(ProtocolVersion.versionKey) and \(ProtocolVersion.clientCapabilitiesKey).")))
            } else {
                respond(.error(id: id, .invalidRequest("Send initialize first (MCP 2024-11-05 … 2025-11-25), or use the 2026-07-28 envelope: params._meta with \(ProtocolVersion.versionKey) and \(ProtocolVersion.clientCapabilitiesKey).")))
            }
            return
        }
        switch method {
        case "logging/setLevel":
            guard let level = params?["level"]?.stringValue, Self.logLevels.contains(level) else {
                respond(.error(id: id, .invalidParams("logging/setLevel needs params.level, one of \(Self.logLevels.sorted().joined(separator: ", ")).")))
                return
            }
            state.withLock { $0.logLevel = level }
            respond(.response(id: id, result: [:]))
        case "tools/list":
            listTools(id: id, params: params, version: version, respond: respond)
        case "tools/call":
            callTool(id: id, params: params, version: version, clientInfo: nil, respond: respond)
        default:
            respond(.error(id: id, .methodNotFound(method)))
        }
    }

    static func implementation(_ value: JSONValue?) -> Implementation? {
        guard let name = value?["name"]?.stringValue, let version = value?["version"]?.stringValue else { return nil }
        return Implementation(name: name, version: version)
    }
}
