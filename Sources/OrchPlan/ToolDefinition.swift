import OrchJSON
import OrchSchema

/// How a tool is run.
public enum ToolKind: String, Sendable, CaseIterable {
    /// A tool of an MCP worker server, called over stdio.
    case mcp
    /// A Swift function registered in-process.
    case function
    /// Python code run in the sandbox.
    case code
}

/// One tool a plan step can name: its schemas and where it comes from.
public struct ToolDefinition: Sendable {
    public var name: String
    public var kind: ToolKind
    public var description: String
    /// JSON Schema of the tool's input (an object schema).
    public var inputSchema: JSONValue
    /// JSON Schema of the tool's output, when the tool declares one.
    public var outputSchema: JSONValue?
    /// For `mcp` tools: the name of the server (in the `mcpServers` config) that provides it.
    public var server: String?
    /// Where the definition was read from: a file path, `built-in`, or `server NAME`.
    public var source: String
    /// For `mcp` tools listed under another name (`server.tool`): the name the server knows.
    public var remoteName: String?

    public init(name: String, kind: ToolKind, description: String, inputSchema: JSONValue,
                outputSchema: JSONValue? = nil, server: String? = nil, source: String) {
        self.name = name
        self.kind = kind
        self.description = description
        self.inputSchema = inputSchema
        self.outputSchema = outputSchema
        self.server = server
        self.source = source
    }

    /// The definition as catalog JSON: `{"name", "type", "description", "inputSchema", "outputSchema"?, "server"?}`.
    public var json: JSONValue {
        var object: JSONObject = [
            "name": .string(name), "type": .string(kind.rawValue), "description": .string(description),
            "inputSchema": inputSchema,
        ]
        if let outputSchema { object["outputSchema"] = outputSchema }
        if let server { object["server"] = .string(server) }
        return .object(object)
    }
}

/// A tool with its schemas compiled once.
public struct CompiledTool: Sendable {
    public let definition: ToolDefinition
    public let input: Schema
    public let output: Schema?

    public init(_ definition: ToolDefinition) throws(CatalogError) {
        self.definition = definition
        do {
            input = try Schema(definition.inputSchema)
        } catch {
            throw CatalogError(.invalidSchema, in: definition.source, at: "/inputSchema",
                               "The input schema of tool '\(definition.name)' is invalid: \(error.description)")
        }
        if let outputSchema = definition.outputSchema {
            do {
                output = try Schema(outputSchema)
            } catch {
                throw CatalogError(.invalidSchema, in: definition.source, at: "/outputSchema",
                                   "The output schema of tool '\(definition.name)' is invalid: \(error.description)")
            }
        } else {
            output = nil
        }
    }
}
