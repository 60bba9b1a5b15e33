import Foundation
import OrchJSON

/// Every tool a plan may name: catalog files, registered functions and (later) the live
/// `tools/list` of configured MCP servers, each with its schemas compiled once.
///
/// Catalog files look like `{"name", "version", "tools": [{"name", "type", "description",
/// "inputSchema", "outputSchema"?, "server"?}]}`; the older `parameters: [{name, type,
/// description, required}]` form is accepted in place of `inputSchema`. Several catalogs
/// merge; a tool name defined twice is an error naming both places.
public struct ToolCatalog: Sendable {
    public private(set) var tools: [CompiledTool] = []
    private var index: [String: Int] = [:]
    /// The bodies of `function` tools, by name.
    public private(set) var functions: [String: FunctionTool] = [:]

    /// Names a plan uses for its two built-in step kinds; no tool may take them.
    public static let reservedNames: Set<String> = ["function_call", "code_exec"]

    /// An empty catalog.
    public init() {}

    public var names: [String] { tools.map(\.definition.name) }

    public func tool(named name: String) -> CompiledTool? {
        index[name].map { tools[$0] }
    }

    /// Adds a tool definition. Throws on an invalid name, a duplicate or a schema that does not
    /// compile. Restating a built-in function exactly is not a duplicate (it changes nothing).
    public mutating func add(_ definition: ToolDefinition) throws(CatalogError) {
        try Self.checkName(definition.name, source: definition.source)
        if let existing = index[definition.name] {
            let known = tools[existing].definition
            // A catalog that restates a built-in exactly (catalogs/functions.json) adds nothing.
            if known.source == "built-in", definition.kind == .function, definition.inputSchema == known.inputSchema,
               definition.outputSchema == known.outputSchema {
                return
            }
            let other = known.source
            throw CatalogError(.duplicateTool, in: definition.source, at: "",
                               "The tool '\(definition.name)' is defined twice: in \(other) and in \(definition.source). Rename one of them or load only one catalog.")
        }
        let compiled = try CompiledTool(definition)
        index[definition.name] = tools.count
        tools.append(compiled)
    }

    /// Registers a Swift function as a `function` tool.
    public mutating func register(_ function: FunctionTool) throws(CatalogError) {
        try add(function.definition)
        functions[function.definition.name] = function
    }

    /// Loads a catalog file.
    public mutating func load(contentsOf path: String) throws(CatalogError) {
        guard let data = FileManager.default.contents(atPath: path) else {
            let reason = FileManager.default.fileExists(atPath: path) ? "cannot be read" : "does not exist"
            throw CatalogError(.unreadable, in: path, at: "", "The catalog file \(reason).")
        }
        let json: JSONValue
        do {
            json = try JSONValue(parsing: data)
        } catch {
            throw CatalogError(.invalidJSON, in: path, at: "", "The catalog is not valid JSON: \(error.description)")
        }
        try load(json: json, source: path)
    }

    /// Loads a catalog document; `source` names it in errors.
    public mutating func load(json: JSONValue, source: String) throws(CatalogError) {
        guard case .object(let catalog) = json else {
            throw CatalogError(.invalidCatalog, in: source, at: "", "A catalog must be an object {\"name\", \"version\", \"tools\": [...]}, found \(json.shortDescription).")
        }
        guard case .array(let entries)? = catalog["tools"] else {
            throw CatalogError(.invalidCatalog, in: source, at: "/tools", "A catalog needs a \"tools\" array.")
        }
        for (i, entry) in entries.enumerated() {
            try add(try Self.definition(entry, source: source, path: "/tools/\(i)"))
        }
    }

    /// A tool definition from one catalog entry.
    public static func definition(_ entry: JSONValue, source: String, path: String) throws(CatalogError) -> ToolDefinition {
        guard case .object(let tool) = entry else {
            throw CatalogError(.invalidCatalog, in: source, at: path, "A tool entry must be an object, found \(entry.shortDescription).")
        }
        guard let name = tool["name"]?.stringValue else {
            throw CatalogError(.invalidCatalog, in: source, at: path + "/name", "A tool needs a \"name\" string.")
        }
        let typeName = tool["type"]?.stringValue ?? (tool["server"] != nil ? "mcp" : "function")
        guard let kind = ToolKind(rawValue: typeName) else {
            throw CatalogError(.invalidCatalog, in: source, at: path + "/type",
                               "The tool '\(name)' has type '\(typeName)'; it must be mcp, function or code.")
        }
        let inputSchema: JSONValue
        if let schema = tool["inputSchema"] {
            inputSchema = schema
        } else if let parameters = tool["parameters"] {
            inputSchema = try parametersSchema(parameters, tool: name, source: source, path: path + "/parameters")
        } else {
            inputSchema = ["type": "object"]
        }
        let server = tool["server"]?.stringValue
        if kind == .mcp && server == nil {
            throw CatalogError(.invalidCatalog, in: source, at: path + "/server", "The mcp tool '\(name)' needs a \"server\" naming the MCP server that provides it.")
        }
        return ToolDefinition(name: name, kind: kind, description: tool["description"]?.stringValue ?? "",
                              inputSchema: inputSchema, outputSchema: tool["outputSchema"], server: server, source: source)
    }

    /// Converts the reference design's `parameters: [{name, type, description, required}]` to a JSON Schema.
    static func parametersSchema(_ parameters: JSONValue, tool: String, source: String, path: String) throws(CatalogError) -> JSONValue {
        guard case .array(let list) = parameters else {
            throw CatalogError(.invalidCatalog, in: source, at: path, "\"parameters\" of tool '\(tool)' must be an array of {name, type, description, required}.")
        }
        var properties = JSONObject()
        var required: [JSONValue] = []
        for (i, parameter) in list.enumerated() {
            guard let name = parameter["name"]?.stringValue else {
                throw CatalogError(.invalidCatalog, in: source, at: "\(path)/\(i)/name", "Each parameter of tool '\(tool)' needs a \"name\" string.")
            }
            var property = JSONObject()
            if let type = parameter["type"]?.stringValue {
                guard let mapped = jsonType(type) else {
                    throw CatalogError(.invalidCatalog, in: source, at: "\(path)/\(i)/type",
                                       "The parameter '\(name)' of tool '\(tool)' has type '\(type)', which is not a JSON type (string, number, integer, boolean, array, object, null).")
                }
                property["type"] = .string(mapped)
            }
            if let description = parameter["description"] { property["description"] = description }
            if let values = parameter["enum"] { property["enum"] = values }
            properties[name] = .object(property)
            if parameter["required"]?.boolValue ?? false { required.append(.string(name)) }
        }
        var schema: JSONObject = ["type": "object", "properties": .object(properties)]
        if !required.isEmpty { schema["required"] = .array(required) }
        return .object(schema)
    }

    private static func jsonType(_ name: String) -> String? {
        switch name.lowercased() {
        case "string", "str", "text": "string"
        case "number", "float", "double", "decimal": "number"
        case "integer", "int": "integer"
        case "boolean", "bool": "boolean"
        case "array", "list": "array"
        case "object", "dict", "map": "object"
        case "null", "none": "null"
        default: nil
        }
    }

    /// Tool names: 1–128 of letters, digits, `_`, `-` and `.`, not a reserved step kind.
    static func checkName(_ name: String, source: String) throws(CatalogError) {
        let valid = !name.isEmpty && name.utf8.count <= 128 && name.utf8.allSatisfy { c in
            (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == 0x5F || c == 0x2D || c == 0x2E
        }
        guard valid else {
            throw CatalogError(.invalidName, in: source, at: "",
                               "The tool name \(JSONWriter.quoted(name)) is not valid: use 1–128 letters, digits, '_', '-' or '.'.")
        }
        if reservedNames.contains(name) {
            throw CatalogError(.invalidName, in: source, at: "", "The tool name '\(name)' is reserved for plan steps; choose another.")
        }
    }

    /// The closest known tool name, for "did you mean" hints.
    public func suggestion(for name: String) -> String? {
        var best: (String, Int)?
        for candidate in names {
            let distance = Self.editDistance(name, candidate)
            if distance <= max(2, name.count / 3), best == nil || distance < best!.1 { best = (candidate, distance) }
        }
        return best?.0
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a.unicodeScalars), b = Array(b.unicodeScalars)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = previous
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}

extension ToolCatalog {
    /// A catalog with the built-in function tools (compute_tax, apply_discount, merge_items,
    /// filter_items_by_category, compute_item_statistics) registered: what every plan may use.
    public static func standard() -> ToolCatalog {
        var catalog = ToolCatalog()
        for function in BuiltinFunctions.all {
            // The built-ins are valid by construction; a failure here is a bug in this package.
            do { try catalog.register(function) } catch { preconditionFailure("built-in function: \(error)") }
        }
        return catalog
    }
}

extension ToolCatalog {
    /// Adds the live `tools/list` of MCP server `server` as `mcp` tools. Every tool is
    /// reachable as `server.tool`; the bare name too unless another tool has it (then the
    /// clash is reported and both stay reachable by their qualified names), or the catalog
    /// already declares it for this server (then the catalog's definition is used). A tool whose
    /// schema does not compile is left out and reported. Returns those reports.
    public mutating func addServerTools(_ tools: [JSONValue], server: String) -> [String] {
        var notes: [String] = []
        for tool in tools {
            guard let name = tool["name"]?.stringValue else {
                notes.append("MCP server '\(server)' listed a tool without a name; left out.")
                continue
            }
            let definition = ToolDefinition(name: "\(server).\(name)", kind: .mcp, description: tool["description"]?.stringValue ?? "",
                                            inputSchema: tool["inputSchema"] ?? ["type": "object"], outputSchema: tool["outputSchema"],
                                            server: server, source: "server \(server)")
            var qualified = definition
            qualified.remoteName = name
            do {
                try add(qualified)
            } catch {
                notes.append("MCP server '\(server)': the tool '\(name)' is left out: \(error.message)")
                continue
            }
            if let existing = self.tool(named: name) {
                // A catalog file that declares this server's tool (catalogs/receipts.json does)
                // is the same tool, not a clash: the catalog's definition stays.
                let declared = existing.definition
                if declared.kind == .mcp, declared.server == server, (declared.remoteName ?? declared.name) == name { continue }
                notes.append("The tool name '\(name)' is offered by \(existing.definition.source) and by MCP server '\(server)'; use '\(server).\(name)' for the server's.")
                continue
            }
            var bare = qualified
            bare.name = name
            try? add(bare)
        }
        return notes
    }
}
