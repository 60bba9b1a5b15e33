import OrchJSON

/// A provider's tool-declaration format that a catalog can be exported to.
public enum ExportFormat: String, Sendable, CaseIterable {
    /// OpenAI Chat Completions function tools:
    /// `{"tools": [{"type": "function", "function": {"name", "description", "parameters", "strict"?}}]}`.
    case openai
    /// Anthropic Messages tool use: `{"tools": [{"name", "description", "input_schema"}]}`.
    case anthropic
    /// A Gemini `Tool`: `{"functionDeclarations": [{"name", "description", "parameters" | "parametersJsonSchema"}]}`.
    case gemini
    /// An MCP (2025-11-25) `tools/list` result: `{"tools": [{"name", "description", "inputSchema", "outputSchema"?}]}`.
    case mcp

    /// The provider's name as messages spell it.
    var displayName: String {
        switch self {
        case .openai: "OpenAI"
        case .anthropic: "Anthropic"
        case .gemini: "Gemini"
        case .mcp: "MCP"
        }
    }
}

/// A catalog's tools as one provider's tool declarations, with the name changes needed to
/// route the provider's tool calls back.
///
/// Names the provider does not accept (`fs.read_file`, names over 64 characters) are mapped
/// deterministically; ``originalName(for:)`` reverses the mapping. Schemas pass through
/// unchanged except where the format needs otherwise: OpenAI strict mode closes every object
/// and makes optional properties nullable, and Gemini's `parameters` get the OpenAPI subset.
/// A Gemini tool whose schema has no `parameters` form is exported with
/// `parametersJsonSchema` and a ``Note`` — that is not an error; nor is an MCP
/// `outputSchema` left out because it is not an object schema.
public struct CatalogExport: Sendable {
    /// A tool name the format required to change.
    public struct NameMapping: Sendable, Hashable {
        /// The name in the catalog.
        public let original: String
        /// The name in the export document, which the provider's tool calls will use.
        public let exported: String

        public init(original: String, exported: String) {
            self.original = original
            self.exported = exported
        }
    }

    /// Something the export changed or left out of a tool without failing: a Gemini tool sent
    /// as `parametersJsonSchema`, a keyword the format drops, an MCP `outputSchema` omitted.
    public struct Note: Sendable, Hashable, CustomStringConvertible {
        /// The original name of the tool (empty for a note about the whole export).
        public let tool: String
        /// A JSON pointer: `/tools/<name>/inputSchema/properties/tags`.
        public let path: String
        /// The schema keyword concerned, such as `patternProperties`.
        public let keyword: String
        /// A whole sentence saying what was done and why.
        public let message: String

        public init(tool: String, path: String, keyword: String, message: String) {
            self.tool = tool
            self.path = path
            self.keyword = keyword
            self.message = message
        }

        public var description: String { "\(path): \(message)" }
    }

    /// The format this export is in.
    public let format: ExportFormat
    /// The export document.
    public let json: JSONValue
    /// The names that changed, in catalog order; unchanged names are not listed.
    public let mappings: [NameMapping]
    /// What the export changed or left out without failing, in catalog order.
    public let notes: [Note]
    /// Exported name → original name, for every exported tool.
    private let originals: [String: String]

    /// The original tool name for an exported one (reverse of the mapping), for routing a
    /// provider's tool call back. A name that was not changed maps to itself; a name that is
    /// not in the export gives `nil`.
    public func originalName(for exported: String) -> String? {
        originals[exported]
    }

    /// Exports `tools` in `format`.
    ///
    /// `strict` asks for OpenAI strict mode (`"strict": true` on every function, with schemas
    /// transformed to fit it) and is ignored by the other formats.
    /// Throws ``CatalogError/Code/unsupportedByFormat`` when two tools would get the same
    /// exported name, when an input schema is not an object schema, or when strict mode cannot
    /// express a schema; the message names the tool, the keyword and the format.
    public static func export(_ tools: [ToolDefinition], format: ExportFormat, strict: Bool = false) throws(CatalogError) -> CatalogExport {
        var entries: [JSONValue] = []
        var mappings: [NameMapping] = []
        var notes: [Note] = []
        var originals: [String: String] = [:]
        for tool in tools {
            let exported = exportedName(for: tool.name, format: format)
            if let other = originals[exported] {
                let message = other == tool.name
                    ? "The tool '\(tool.name)' appears twice in the \(format.displayName) export; export each tool once."
                    : "The tools '\(other)' and '\(tool.name)' would both be exported to \(format.displayName) as '\(exported)'; rename one of them so their exported names differ."
                throw CatalogError(.unsupportedByFormat, in: tool.source, at: JSONPointer(tokens: ["tools", tool.name]).description, message)
            }
            originals[exported] = tool.name
            if exported != tool.name { mappings.append(NameMapping(original: tool.name, exported: exported)) }

            let input = try objectRoot(of: tool, format: format)
            switch format {
            case .openai:
                var function: JSONObject = ["name": .string(exported), "description": .string(tool.description)]
                if strict {
                    var converter = OpenAIStrictSchema(tool: tool)
                    function["parameters"] = try converter.convertRoot(input)
                    function["strict"] = true
                    notes += converter.notes
                } else {
                    function["parameters"] = input
                }
                entries.append(["type": "function", "function": .object(function)])
            case .anthropic:
                entries.append(["name": .string(exported), "description": .string(tool.description), "input_schema": input])
            case .gemini:
                var declaration: JSONObject = ["name": .string(exported), "description": .string(tool.description)]
                var converter = GeminiSchema(tool: tool, root: input)
                do {
                    if let parameters = try converter.convertRoot() { declaration["parameters"] = parameters }
                    notes += converter.notes
                } catch {
                    declaration["parametersJsonSchema"] = input
                    notes.append(Note(tool: tool.name, path: schemaPath(tool.name, error.location), keyword: error.keyword,
                                      message: "The tool '\(tool.name)' is exported to Gemini with parametersJsonSchema (its JSON Schema as is) instead of parameters, because of '\(error.keyword)' at \(describe(error.location)): \(error.reason)."))
                }
                entries.append(.object(declaration))
            case .mcp:
                var entry: JSONObject = ["name": .string(exported), "description": .string(tool.description), "inputSchema": input]
                if let output = tool.outputSchema {
                    if let schema = mcpOutputSchema(output) {
                        entry["outputSchema"] = schema
                    } else {
                        notes.append(Note(tool: tool.name, path: JSONPointer(tokens: ["tools", tool.name, "outputSchema"]).description, keyword: "type",
                                          message: "The output schema of tool '\(tool.name)' is left out of the MCP export: MCP 2025-11-25 allows only object schemas (\"type\": \"object\") as outputSchema, and this one is \(output.shortDescription)."))
                    }
                }
                entries.append(.object(entry))
            }
        }
        if format == .openai && tools.count > 128 {
            notes.append(Note(tool: "", path: "/tools", keyword: "tools",
                              message: "The export has \(tools.count) tools, but OpenAI accepts at most 128 per request; send a subset."))
        }
        let json: JSONValue = .object([format == .gemini ? "functionDeclarations" : "tools": .array(entries)])
        return CatalogExport(format: format, json: json, mappings: mappings, notes: notes, originals: originals)
    }

    private init(format: ExportFormat, json: JSONValue, mappings: [NameMapping], notes: [Note], originals: [String: String]) {
        self.format = format
        self.json = json
        self.mappings = mappings
        self.notes = notes
        self.originals = originals
    }

    /// The input schema with `"type": "object"` at its root (added when it declares no type).
    /// Every format takes tool arguments as one JSON object.
    static func objectRoot(of tool: ToolDefinition, format: ExportFormat) throws(CatalogError) -> JSONValue {
        switch tool.inputSchema {
        case .bool(true):
            return ["type": "object"]
        case .object(let schema):
            switch schema["type"] {
            case nil:
                return .object(prepending("type", "object", to: schema))
            case .string("object")?:
                return tool.inputSchema
            case let other?:
                throw CatalogError(.unsupportedByFormat, in: tool.source, at: schemaPath(tool.name, ["type"]),
                                   "The input schema of tool '\(tool.name)' has type \(JSONWriter.string(other)), but \(format.displayName) tool arguments are one JSON object; give the schema \"type\": \"object\" at its root.")
            }
        default:
            throw CatalogError(.unsupportedByFormat, in: tool.source, at: schemaPath(tool.name, []),
                               "The input schema of tool '\(tool.name)' is \(tool.inputSchema.shortDescription), but \(format.displayName) needs an object schema (\"type\": \"object\") for tool arguments.")
        }
    }

    /// An MCP output schema with `"type": "object"` at its root, or nil when it is not an object schema.
    static func mcpOutputSchema(_ schema: JSONValue) -> JSONValue? {
        guard case .object(let object) = schema else { return nil }
        switch object["type"] {
        case nil:
            return .object(prepending("type", "object", to: object))
        case .string("object")?:
            return schema
        default:
            return nil
        }
    }

    /// `object` with `key` as its first member.
    static func prepending(_ key: String, _ value: JSONValue, to object: JSONObject) -> JSONObject {
        var result = JSONObject(minimumCapacity: object.count + 1)
        result.append(key, value)
        for (member, memberValue) in object { result.append(member, memberValue) }
        return result
    }

    /// `/tools/<name>/inputSchema<pointer>`.
    static func schemaPath(_ tool: String, _ location: [String]) -> String {
        JSONPointer(tokens: ["tools", tool, "inputSchema"] + location).description
    }

    /// A location inside an input schema for a message: `/properties/tags`, or `the root`.
    static func describe(_ location: [String]) -> String {
        location.isEmpty ? "the root" : JSONPointer(tokens: location).description
    }
}
