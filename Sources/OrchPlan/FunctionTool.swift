import OrchJSON

/// A Swift function a plan can call as a tool, with JSON-Schema'd input and output.
///
/// A thrown error becomes the step error `tool_error` with the error's description as its
/// message; it is not a crash. Synchronous bodies run inline on the executor (no task is
/// created for them), so keep them short; anything that waits belongs in an async body.
public struct FunctionTool: Sendable {
    public enum Body: Sendable {
        case sync(@Sendable (JSONValue) throws -> JSONValue)
        case async(@Sendable (JSONValue) async throws -> JSONValue)
    }

    public let definition: ToolDefinition
    public let body: Body

    /// A function tool; `definition.kind` is forced to `.function`.
    public init(_ definition: ToolDefinition, body: Body) {
        var definition = definition
        definition.kind = .function
        self.definition = definition
        self.body = body
    }

    public init(name: String, description: String, inputSchema: JSONValue, outputSchema: JSONValue? = nil,
                _ body: @escaping @Sendable (JSONValue) throws -> JSONValue) {
        self.init(ToolDefinition(name: name, kind: .function, description: description, inputSchema: inputSchema,
                                 outputSchema: outputSchema, source: "registered"), body: .sync(body))
    }

    public init(name: String, description: String, inputSchema: JSONValue, outputSchema: JSONValue? = nil,
                async body: @escaping @Sendable (JSONValue) async throws -> JSONValue) {
        self.init(ToolDefinition(name: name, kind: .function, description: description, inputSchema: inputSchema,
                                 outputSchema: outputSchema, source: "registered"), body: .async(body))
    }
}

/// The failure a function tool reports about its input or its work, as a sentence.
public struct FunctionToolError: Error, Sendable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
