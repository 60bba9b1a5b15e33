import OrchJSON
import Synchronization

extension ServerConnection {
    /// `tools/list`, in registration order, `pageSize` tools a page. The cursor is the
    /// offset of the next page written as text.
    func listTools(id: JSONRPCID, params: JSONValue?, version: String, respond: @escaping Respond) {
        var offset = 0
        if let cursor = params?["cursor"] {
            guard let text = cursor.stringValue, let value = Int(text), value >= 0, value <= server.tools.count else {
                respond(.error(id: id, .invalidParams("Invalid cursor \(cursor.shortDescription): use the nextCursor of a previous tools/list.")))
                return
            }
            offset = value
        }
        let end = min(offset + server.pageSize, server.tools.count)
        var result: JSONObject = ["tools": .array(server.tools[offset..<end].map { $0.json(version: version) })]
        if end < server.tools.count { result["nextCursor"] = .string(String(end)) }
        respond(.response(id: id, result: version == ProtocolVersion.modern ? modernResult(result, cacheable: true) : .object(result)))
    }

    /// `tools/call`: an unknown tool or malformed params are protocol errors; arguments that
    /// break the input schema are an `isError` result (2025-11-25 and later; -32602 before).
    func callTool(id: JSONRPCID, params: JSONValue?, version: String, clientInfo: Implementation?, respond: @escaping Respond) {
        guard let name = params?["name"]?.stringValue else {
            respond(.error(id: id, .invalidParams("tools/call needs params.name, the tool to call.")))
            return
        }
        guard let tool = server.tool(named: name) else {
            respond(.error(id: id, MCPError(code: MCPError.invalidParamsCode, message: "Unknown tool: \(name)",
                                            data: ["available": .array(server.tools.prefix(50).map { .string($0.name) })])))
            return
        }
        let arguments = params?["arguments"] ?? [:]
        guard arguments.objectValue != nil else {
            respond(.error(id: id, .invalidParams("params.arguments must be an object, found \(arguments.shortDescription).")))
            return
        }
        let check = tool.input.validate(arguments)
        if !check.valid {
            let detail = check.errors.prefix(10).map(\.description).joined(separator: "; ")
            let message = "Invalid arguments for tool '\(name)': \(detail)"
            if version == ProtocolVersion.modern || ProtocolVersion.legacy(version, atLeast: "2025-11-25") {
                respond(.response(id: id, result: toolResult(.text(message, isError: true), tool: tool, version: version)))
            } else {
                respond(.error(id: id, .invalidParams(message)))
            }
            return
        }
        let token = params?["_meta"]?["progressToken"].flatMap(JSONRPCID.init)
        switch tool.handler {
        case .sync(let body):
            let context = ToolCallContext(protocolVersion: version, clientInfo: clientInfo,
                                          progressSink: token.map { progressSink(token: $0, version: version, until: nil) })
            respond(.response(id: id, result: toolResult(Self.run(body, arguments, context), tool: tool, version: version)))
        case .async(let body):
            let entry = InFlight()
            let duplicate = state.withLock { state -> Bool in
                if state.inFlight[id] != nil { return true }
                state.inFlight[id] = entry
                return false
            }
            guard !duplicate else {
                respond(.error(id: id, .invalidRequest("The request id \(id) is already used by a request in flight.")))
                return
            }
            let context = ToolCallContext(protocolVersion: version, clientInfo: clientInfo,
                                          progressSink: token.map { progressSink(token: $0, version: version, until: entry) })
            work.yield { [self] in
                let task = Task {
                    let output: ToolOutput
                    do {
                        output = try await body(arguments, context)
                    } catch is CancellationError {
                        output = .text("The call was cancelled.", isError: true)
                    } catch {
                        output = .text("\(error)", isError: true)
                    }
                    entry.finished.store(true, ordering: .sequentiallyConsistent)
                    state.withLock { _ = $0.inFlight.removeValue(forKey: id) }
                    // A cancelled request gets no response (the client has stopped listening for it).
                    guard !entry.cancelled.load(ordering: .sequentiallyConsistent) else { return }
                    respond(.response(id: id, result: toolResult(output, tool: tool, version: version)))
                }
                entry.task.withLock { $0 = task }
                if entry.cancelled.load(ordering: .sequentiallyConsistent) { task.cancel() }
                await task.value
            }
        }
    }

    static func run(_ body: @Sendable (JSONValue, ToolCallContext) throws -> ToolOutput, _ arguments: JSONValue, _ context: ToolCallContext) -> ToolOutput {
        do {
            return try body(arguments, context)
        } catch {
            return .text("\(error)", isError: true)
        }
    }

    /// The `CallToolResult` for `version`, with structured output checked against the schema.
    func toolResult(_ output: ToolOutput, tool: ServerTool, version: String) -> JSONValue {
        var output = output
        if !output.isError, let schema = tool.output {
            if let structured = output.structuredContent {
                let check = schema.validate(structured)
                if !check.valid {
                    output = .text("The tool '\(tool.name)' produced output that does not match its outputSchema: \(check.errors.prefix(5).map(\.description).joined(separator: "; "))", isError: true)
                }
            } else {
                output = .text("The tool '\(tool.name)' declares an outputSchema but returned no structured content.", isError: true)
            }
        }
        var result: JSONObject = ["content": .array(output.content)]
        let structuredAllowed = version == ProtocolVersion.modern || ProtocolVersion.legacy(version, atLeast: "2025-06-18")
        if structuredAllowed, let structured = output.structuredContent {
            // Before 2026-07-28 structured content must be an object.
            if version == ProtocolVersion.modern || structured.objectValue != nil { result["structuredContent"] = structured }
        }
        result["isError"] = .bool(output.isError)
        return version == ProtocolVersion.modern ? modernResult(result) : .object(result)
    }

    /// Sends `notifications/progress` for `token`, dropping anything after the response.
    func progressSink(token: JSONRPCID, version: String, until entry: InFlight?) -> @Sendable (Double, Double?, String?) -> Void {
        let last = Mutex<Double>(-.infinity)
        return { [self] progress, total, message in
            if let entry, entry.finished.load(ordering: .sequentiallyConsistent) || entry.cancelled.load(ordering: .sequentiallyConsistent) { return }
            guard last.withLock({ previous in
                guard progress > previous else { return false }
                previous = progress
                return true
            }) else { return }
            var params: JSONObject = ["progressToken": token.json, "progress": Self.number(progress)]
            if let total { params["total"] = Self.number(total) }
            if let message, version == ProtocolVersion.modern || ProtocolVersion.legacy(version, atLeast: "2025-03-26") {
                params["message"] = .string(message)
            }
            send(.notification(method: "notifications/progress", params: .object(params)))
        }
    }

    static func number(_ value: Double) -> JSONValue {
        if let exact = Int64(exactly: value) { return .int(exact) }
        return .double(value)
    }
}
