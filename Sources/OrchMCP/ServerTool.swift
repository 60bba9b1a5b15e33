import OrchJSON
import OrchSchema

/// A tool an ``MCPServer`` offers: its MCP definition and the code that runs it.
///
/// The input is checked against `inputSchema` before the handler runs, and structured
/// output against `outputSchema` after. A handler that throws produces an `isError: true`
/// result carrying the error's description — a tool failure, not a protocol error.
public struct ServerTool: Sendable {
    public enum Handler: Sendable {
        /// Runs on the connection's reader thread: for quick work only.
        case sync(@Sendable (JSONValue, ToolCallContext) throws -> ToolOutput)
        /// Runs as its own task; cancelled by `notifications/cancelled`.
        case async(@Sendable (JSONValue, ToolCallContext) async throws -> ToolOutput)
    }

    public let name: String
    public let title: String?
    public let description: String
    public let inputSchema: JSONValue
    public let outputSchema: JSONValue?
    public let annotations: JSONValue?
    public let handler: Handler
    let input: Schema
    let output: Schema?

    public init(name: String, title: String? = nil, description: String, inputSchema: JSONValue,
                outputSchema: JSONValue? = nil, annotations: JSONValue? = nil, handler: Handler) throws(SchemaError) {
        self.name = name
        self.title = title
        self.description = description
        self.inputSchema = inputSchema
        self.outputSchema = outputSchema
        self.annotations = annotations
        self.handler = handler
        // Tools are code: their schemas are compiled (which still reports broken references,
        // cycles and patterns) without the meta-schema check, which dominates a server's start-up.
        let options = Schema.Options(checkMetaSchema: false)
        input = try Schema(inputSchema, options: options)
        output = try outputSchema.map { json throws(SchemaError) in try Schema(json, options: options) }
    }

    /// The `Tool` object of `tools/list` for `version` (older revisions have fewer fields).
    func json(version: String) -> JSONValue {
        var object: JSONObject = ["name": .string(name)]
        let modernFields = version == ProtocolVersion.modern || ProtocolVersion.legacy(version, atLeast: "2025-06-18")
        if modernFields, let title { object["title"] = .string(title) }
        object["description"] = .string(description)
        object["inputSchema"] = inputSchema
        if modernFields, let outputSchema { object["outputSchema"] = outputSchema }
        if version == ProtocolVersion.modern || ProtocolVersion.legacy(version, atLeast: "2025-03-26"), let annotations {
            object["annotations"] = annotations
        }
        return .object(object)
    }
}

/// What a tool returns.
public struct ToolOutput: Sendable {
    public var content: [JSONValue]
    public var structuredContent: JSONValue?
    public var isError: Bool

    public init(content: [JSONValue], structuredContent: JSONValue? = nil, isError: Bool = false) {
        self.content = content
        self.structuredContent = structuredContent
        self.isError = isError
    }

    /// A text result.
    public static func text(_ text: String, isError: Bool = false) -> ToolOutput {
        ToolOutput(content: [["type": "text", "text": .string(text)]], isError: isError)
    }

    /// A structured result with its JSON also as text, as the specification recommends.
    public static func structured(_ value: JSONValue, summary: String? = nil) -> ToolOutput {
        ToolOutput(content: [["type": "text", "text": .string(summary ?? JSONWriter.string(value))]], structuredContent: value)
    }
}

/// What a running tool knows about its call, and how it reports progress.
public struct ToolCallContext: Sendable {
    /// The protocol revision of the call (2026-07-28 or the negotiated legacy version).
    public let protocolVersion: String
    public let clientInfo: Implementation?
    let progressSink: (@Sendable (Double, Double?, String?) -> Void)?

    /// Whether the caller asked for progress (sent a `progressToken`).
    public var wantsProgress: Bool { progressSink != nil }

    /// Sends `notifications/progress` when the caller asked for it; `progress` must increase.
    public func progress(_ progress: Double, total: Double? = nil, message: String? = nil) {
        progressSink?(progress, total, message)
    }
}
