import OrchJSON
import OrchMCP
import OrchPlan

/// Runs `mcp` plan steps on the configured servers.
///
/// The step's output is the tool's `structuredContent`; without one, the text of a single
/// text block parsed as JSON when it is JSON, else `{"content": [...]}`. A result with
/// `isError: true` fails the step with `tool_error` and the tool's text.
public struct MCPToolInvoker: ToolInvoker {
    public let pool: ServerPool

    public init(pool: ServerPool) { self.pool = pool }

    public func invoke(_ tool: ToolDefinition, arguments: JSONValue, context: InvocationContext) async throws(StepError) -> JSONValue {
        guard let server = tool.server else {
            throw StepError(.workerUnavailable, "The tool '\(tool.name)' names no MCP server.")
        }
        let result: JSONValue
        do {
            let client = try await pool.client(server)
            result = try await client.callTool(tool.remoteName ?? tool.name, arguments: arguments,
                                               timeout: context.timeoutMs.map { .milliseconds($0) }, progress: context.progress)
        } catch {
            throw Self.stepError(error)
        }
        await pool.succeeded(server)
        let texts = result["content"]?.arrayValue?.compactMap { $0["type"] == "text" ? $0["text"]?.stringValue : nil } ?? []
        if result["isError"] == true {
            throw StepError(.toolError, texts.isEmpty ? "The tool '\(tool.name)' reported an error." : texts.joined(separator: "\n"))
        }
        if let structured = result["structuredContent"] { return structured }
        if texts.count == 1, let parsed = try? JSONValue(parsing: texts[0]) { return parsed }
        return ["content": result["content"] ?? []]
    }

    static func stepError(_ error: MCPClientError) -> StepError {
        switch error.code {
        case .timeout: StepError(.timeout, error.description)
        case .cancelled: StepError(.cancelled, error.description)
        case .serverExited, .spawnFailed, .broken: StepError(.workerUnavailable, error.description)
        default: StepError(.transportError, error.description)
        }
    }
}
