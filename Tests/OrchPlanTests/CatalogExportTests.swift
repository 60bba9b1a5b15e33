import OrchJSON
import OrchPlan
import Testing

@Suite struct CatalogExportTests {
    static let citySchema: JSONValue = ["type": "object", "properties": ["city": ["type": "string"]], "required": ["city"]]
    static let citySchemaText = #"{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}"#

    static func tool(_ name: String, _ schema: JSONValue = citySchema, description: String = "Weather for a city.",
                     output: JSONValue? = nil) -> ToolDefinition {
        ToolDefinition(name: name, kind: .function, description: description, inputSchema: schema,
                       outputSchema: output, source: "tools.json")
    }

    static func text(_ value: JSONValue?) -> String { value.map { JSONWriter.string($0) } ?? "<missing>" }

    /// The first Gemini function declaration of a one-tool export.
    static func geminiDeclaration(_ schema: JSONValue, name: String = "plan_trip") throws -> (JSONValue, CatalogExport) {
        let export = try CatalogExport.export([tool(name, schema)], format: .gemini)
        return (try #require(export.json["functionDeclarations"]?[0]), export)
    }

    /// The `parameters` of the one OpenAI function of a strict export.
    static func strictParameters(_ schema: JSONValue, name: String = "get_weather") throws -> (JSONValue, CatalogExport) {
        let export = try CatalogExport.export([tool(name, schema)], format: .openai, strict: true)
        let function = try #require(export.json["tools"]?[0]?["function"])
        #expect(function["strict"] == true)
        return (try #require(function["parameters"]), export)
    }

    // MARK: Formats

    @Test func exportsOpenAIFunctionTools() throws {
        let export = try CatalogExport.export([Self.tool("get_weather")], format: .openai)
        #expect(JSONWriter.string(export.json) ==
            #"{"tools":[{"type":"function","function":{"name":"get_weather","description":"Weather for a city.","parameters":"# + Self.citySchemaText + "}}]}")
        #expect(export.format == .openai)
        #expect(export.mappings.isEmpty)
        #expect(export.notes.isEmpty)
    }

    @Test func exportsAnthropicToolsWithInputSchema() throws {
        let export = try CatalogExport.export([Self.tool("get_weather")], format: .anthropic)
        #expect(JSONWriter.string(export.json) ==
            #"{"tools":[{"name":"get_weather","description":"Weather for a city.","input_schema":"# + Self.citySchemaText + "}]}")
    }

    @Test func exportsGeminiFunctionDeclarations() throws {
        let export = try CatalogExport.export([Self.tool("get_weather")], format: .gemini)
        #expect(JSONWriter.string(export.json) ==
            #"{"functionDeclarations":[{"name":"get_weather","description":"Weather for a city.","parameters":"# + Self.citySchemaText + "}]}")
        #expect(export.notes.isEmpty)
    }

    @Test func exportsMCPToolsListKeepingDottedNamesAndOutputSchema() throws {
        let output: JSONValue = ["type": "object", "properties": ["celsius": ["type": "number"]], "required": ["celsius"]]
        let export = try CatalogExport.export([Self.tool("weather.get", output: output), Self.tool("ping", ["type": "object"])], format: .mcp)
        #expect(JSONWriter.string(export.json) ==
            #"{"tools":[{"name":"weather.get","description":"Weather for a city.","inputSchema":"# + Self.citySchemaText
            + #","outputSchema":{"type":"object","properties":{"celsius":{"type":"number"}},"required":["celsius"]}},"#
            + #"{"name":"ping","description":"Weather for a city.","inputSchema":{"type":"object"}}]}"#)
        #expect(export.mappings.isEmpty)
        #expect(export.originalName(for: "weather.get") == "weather.get")
        #expect(export.originalName(for: "weather__get") == nil)
    }

    @Test func mcpLeavesOutANonObjectOutputSchemaWithANote() throws {
        let export = try CatalogExport.export([
            Self.tool("count", output: ["type": "integer"]),
            Self.tool("lookup", output: ["properties": ["hit": ["type": "boolean"]]]),
        ], format: .mcp)
        #expect(export.json["tools"]?[0]?["outputSchema"] == nil)
        #expect(Self.text(export.json["tools"]?[1]?["outputSchema"]) == #"{"type":"object","properties":{"hit":{"type":"boolean"}}}"#)
        let note = try #require(export.notes.first)
        #expect(export.notes.count == 1)
        #expect(note.tool == "count")
        #expect(note.path == "/tools/count/outputSchema")
        #expect(note.message.contains("MCP") && note.message.contains("'count'"))
    }

    @Test(arguments: ExportFormat.allCases)
    func addsObjectTypeToUntypedRootAndRejectsOtherTypes(format: ExportFormat) throws {
        let untyped = try CatalogExport.export([Self.tool("echo", ["properties": ["text": ["type": "string"]]])], format: format)
        let entry = try #require(untyped.json[format == .gemini ? "functionDeclarations" : "tools"]?[0])
        let schema = switch format {
        case .openai: entry["function"]?["parameters"]
        case .anthropic: entry["input_schema"]
        case .gemini: entry["parameters"]
        case .mcp: entry["inputSchema"]
        }
        #expect(schema?["type"] == "object")

        let error = try #require(throws: CatalogError.self) {
            try CatalogExport.export([Self.tool("echo", ["type": "string"])], format: format)
        }
        #expect(error.code == .unsupportedByFormat)
        #expect(error.path == "/tools/echo/inputSchema/type")
        #expect(error.message.contains("'echo'"))
    }

    // MARK: Names

    @Test(arguments: [ExportFormat.openai, .anthropic, .gemini])
    func mapsDottedNamesAndReversesThem(format: ExportFormat) throws {
        let export = try CatalogExport.export([Self.tool("fs.read_file"), Self.tool("get_weather")], format: format)
        #expect(export.mappings == [CatalogExport.NameMapping(original: "fs.read_file", exported: "fs__read_file")])
        #expect(export.originalName(for: "fs__read_file") == "fs.read_file")
        #expect(export.originalName(for: "get_weather") == "get_weather")
        #expect(export.originalName(for: "fs.read_file") == nil)
        let first = try #require(export.json[format == .gemini ? "functionDeclarations" : "tools"]?[0])
        let name = format == .openai ? first["function"]?["name"] : first["name"]
        #expect(name == "fs__read_file")
    }

    @Test func truncatesLongNamesWithAStableHash() throws {
        let long = "analytics." + String(repeating: "x", count: 70)
        let expected = "analytics__" + String(repeating: "x", count: 44) + "_bfb83c57"
        let export = try CatalogExport.export([Self.tool(long)], format: .anthropic)
        #expect(export.json["tools"]?[0]?["name"] == .string(expected))
        #expect(expected.utf8.count == 64)
        #expect(export.mappings == [CatalogExport.NameMapping(original: long, exported: expected)])
        #expect(export.originalName(for: expected) == long)
        let again = try CatalogExport.export([Self.tool("other"), Self.tool(long)], format: .openai)
        #expect(again.mappings.map(\.exported) == [expected])
    }

    @Test func replacesOtherInvalidCharactersAndFixesGeminiFirstCharacter() throws {
        let tools = [Self.tool("r\u{E9}sum\u{E9} parse"), Self.tool("3d.render"), Self.tool("-x")]
        let openai = try CatalogExport.export(tools, format: .openai)
        #expect(openai.mappings.map(\.exported) == ["r_sum__parse", "3d__render"])
        #expect(openai.originalName(for: "-x") == "-x")
        let gemini = try CatalogExport.export(tools, format: .gemini)
        #expect(gemini.mappings.map(\.exported) == ["r_sum__parse", "_3d__render", "_-x"])
        #expect(gemini.originalName(for: "_3d__render") == "3d.render")
        #expect(gemini.originalName(for: "_-x") == "-x")
    }

    @Test func rejectsTwoToolsExportedUnderOneName() throws {
        let error = try #require(throws: CatalogError.self) {
            try CatalogExport.export([Self.tool("a.b"), Self.tool("a__b")], format: .openai)
        }
        #expect(error.code == .unsupportedByFormat)
        #expect(error.path == "/tools/a__b")
        #expect(error.message.contains("'a.b'") && error.message.contains("'a__b'") && error.message.contains("OpenAI"))
        // MCP keeps names, so the same pair is fine there, but a repeated name is not.
        #expect(try CatalogExport.export([Self.tool("a.b"), Self.tool("a__b")], format: .mcp).mappings.isEmpty)
        #expect(throws: CatalogError.self) { try CatalogExport.export([Self.tool("x"), Self.tool("x")], format: .mcp) }
    }

    // MARK: OpenAI strict mode

    @Test func openAIStrictMakesOptionalPropertiesRequiredAndNullable() throws {
        let schema: JSONValue = [
            "type": "object",
            "properties": [
                "city": ["type": "string", "minLength": 1],
                "units": ["type": "string", "enum": ["c", "f"]],
                "days": ["type": "integer", "default": 1],
                "filter": ["type": "object", "properties": ["max": ["type": "number"]]],
            ],
            "required": ["city"],
        ]
        let (parameters, export) = try Self.strictParameters(schema)
        #expect(JSONWriter.string(parameters) == #"{"type":"object","properties":{"city":{"type":"string"},"#
            + #""units":{"type":["string","null"],"enum":["c","f",null]},"days":{"type":["integer","null"]},"#
            + #""filter":{"type":["object","null"],"properties":{"max":{"type":["number","null"]}},"required":["max"],"additionalProperties":false}},"#
            + #""required":["city","units","days","filter"],"additionalProperties":false}"#)
        #expect(export.notes.map(\.keyword) == ["minLength"])
        #expect(export.notes.first?.path == "/tools/get_weather/inputSchema/properties/city")
    }

    @Test func openAIStrictClosesDefinitionsAndWrapsOptionalReferences() throws {
        let schema: JSONValue = [
            "type": "object",
            "properties": ["home": ["$ref": "#/$defs/place"], "tags": ["type": "array", "items": ["type": "object", "properties": ["k": ["type": "string"]], "required": ["k"]]]],
            "required": ["tags"],
            "$defs": ["place": ["type": "object", "properties": ["name": ["type": "string"]], "required": ["name"]]],
        ]
        let (parameters, _) = try Self.strictParameters(schema)
        #expect(JSONWriter.string(parameters) == ##"{"type":"object","properties":{"home":{"anyOf":[{"$ref":"#/$defs/place"},{"type":"null"}]},"##
            + #""tags":{"type":"array","items":{"type":"object","properties":{"k":{"type":"string"}},"required":["k"],"additionalProperties":false}}},"#
            + #""$defs":{"place":{"type":"object","properties":{"name":{"type":"string"}},"required":["name"],"additionalProperties":false}},"#
            + #""required":["home","tags"],"additionalProperties":false}"#)

        let (empty, _) = try Self.strictParameters(["type": "object"], name: "ping")
        #expect(JSONWriter.string(empty) == #"{"type":"object","properties":{},"required":[],"additionalProperties":false}"#)
    }

    @Test func openAIWithoutStrictPassesSchemasThrough() throws {
        let schema: JSONValue = ["type": "object", "patternProperties": ["^x-": ["type": "string"]], "additionalProperties": true]
        let export = try CatalogExport.export([Self.tool("headers", schema)], format: .openai)
        let function = try #require(export.json["tools"]?[0]?["function"])
        #expect(function["parameters"] == schema)
        #expect(function["strict"] == nil)
    }

    static let strictFailures: [(JSONValue, String, String)] = [
        (["type": "object", "properties": ["tags": ["type": "object", "patternProperties": ["^x-": ["type": "string"]]]]],
         "patternProperties", "/tools/tagger/inputSchema/properties/tags"),
        (["type": "object", "properties": ["a": ["type": "string"]], "additionalProperties": true],
         "additionalProperties", "/tools/tagger/inputSchema"),
        (["type": "object", "properties": ["labels": ["type": "object", "additionalProperties": ["type": "string"]]]],
         "additionalProperties", "/tools/tagger/inputSchema/properties/labels"),
        (["type": "object", "properties": ["node": ["$dynamicRef": "#node"]]],
         "$dynamicRef", "/tools/tagger/inputSchema/properties/node"),
        (["type": "object", "properties": ["any": ["description": "anything"]]],
         "type", "/tools/tagger/inputSchema/properties/any"),
    ]

    @Test(arguments: strictFailures)
    func openAIStrictRejectsWhatItCannotExpress(schema: JSONValue, keyword: String, path: String) throws {
        let error = try #require(throws: CatalogError.self) {
            try CatalogExport.export([Self.tool("tagger", schema)], format: .openai, strict: true)
        }
        #expect(error.code == .unsupportedByFormat)
        #expect(error.source == "tools.json")
        #expect(error.path == path)
        #expect(error.message.contains("The tool 'tagger' cannot be exported to OpenAI with strict mode because of '\(keyword)'"))
        #expect(error.message.hasSuffix("Export it without strict, or change the schema."))
    }

    @Test func openAIStrictRejectsObjectsNestedMoreThanTenDeep() throws {
        var schema: JSONValue = ["type": "string"]
        for _ in 0..<11 { schema = ["type": "object", "properties": ["inner": schema], "required": ["inner"]] }
        let error = try #require(throws: CatalogError.self) {
            try CatalogExport.export([Self.tool("deep", schema)], format: .openai, strict: true)
        }
        #expect(error.message.contains("more than 10 levels"))
        #expect(error.path == "/tools/deep/inputSchema" + String(repeating: "/properties/inner", count: 10))
    }

    @Test func notesWhenOpenAIWouldGetTooManyTools() throws {
        let tools = (0..<129).map { Self.tool("t\($0)") }
        let export = try CatalogExport.export(tools, format: .openai)
        #expect(export.notes.map(\.keyword) == ["tools"])
        #expect(try CatalogExport.export(Array(tools.prefix(128)), format: .openai).notes.isEmpty)
    }

    // MARK: Gemini parameters

    @Test func geminiInlinesLocalReferencesAndDropsWhatItRejects() throws {
        let schema: JSONValue = [
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": "https://example.com/trip",
            "type": "object",
            "properties": ["from": ["$ref": "#/$defs/place", "description": "Start"], "to": ["$ref": "#/$defs/place"]],
            "required": ["from"],
            "additionalProperties": false,
            "$defs": ["place": ["type": "object", "properties": ["city": ["type": "string"]], "required": ["city"], "additionalProperties": false, "$comment": "x"]],
        ]
        let (declaration, export) = try Self.geminiDeclaration(schema)
        #expect(declaration["parametersJsonSchema"] == nil)
        #expect(Self.text(declaration["parameters"]) == #"{"type":"object","properties":{"#
            + #""from":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"],"description":"Start"},"#
            + #""to":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}},"required":["from"]}"#)
        #expect(export.notes.isEmpty)
    }

    @Test func geminiMapsNullTypesToNullableAndConstToEnum() throws {
        let schema: JSONValue = [
            "type": "object",
            "properties": [
                "note": ["type": ["string", "null"], "description": "Free text"],
                "tag": ["anyOf": [["type": "string"], ["type": "null"]]],
                "mode": ["enum": ["fast", "slow", nil]],
                "kind": ["const": "fixed"],
            ],
        ]
        let (declaration, _) = try Self.geminiDeclaration(schema)
        #expect(Self.text(declaration["parameters"]?["properties"]) == #"{"note":{"type":"string","nullable":true,"description":"Free text"},"#
            + #""tag":{"type":"string","nullable":true},"mode":{"type":"string","nullable":true,"enum":["fast","slow"]},"#
            + #""kind":{"type":"string","enum":["fixed"]}}"#)
    }

    @Test func geminiTurnsOneOfIntoAnyOfAndNotesDroppedConstraints() throws {
        let schema: JSONValue = [
            "type": "object",
            "properties": ["n": ["type": "integer", "exclusiveMinimum": 0], "v": ["oneOf": [["type": "string"], ["type": "integer"]]]],
        ]
        let (declaration, export) = try Self.geminiDeclaration(schema)
        #expect(Self.text(declaration["parameters"]?["properties"]) == #"{"n":{"type":"integer"},"v":{"anyOf":[{"type":"string"},{"type":"integer"}]}}"#)
        #expect(export.notes.map(\.keyword) == ["exclusiveMinimum", "oneOf"])
        #expect(export.notes.map(\.path) == ["/tools/plan_trip/inputSchema/properties/n", "/tools/plan_trip/inputSchema/properties/v"])
    }

    @Test func geminiFallsBackToParametersJsonSchemaForRecursiveSchemas() throws {
        let recursive: JSONValue = [
            "type": "object",
            "properties": ["tree": ["$ref": "#/$defs/node"]],
            "$defs": ["node": ["type": "object", "properties": ["name": ["type": "string"], "children": ["type": "array", "items": ["$ref": "#/$defs/node"]]]]],
        ]
        let export = try CatalogExport.export([Self.tool("tree.walk", recursive), Self.tool("get_weather")], format: .gemini)
        let declarations = try #require(export.json["functionDeclarations"]?.arrayValue)
        #expect(declarations.count == 2)
        #expect(declarations[0]["name"] == "tree__walk")
        #expect(declarations[0]["parameters"] == nil)
        #expect(declarations[0]["parametersJsonSchema"] == recursive)
        #expect(Self.text(declarations[1]["parameters"]) == Self.citySchemaText)

        let note = try #require(export.notes.first)
        #expect(export.notes.count == 1)
        #expect(note.tool == "tree.walk")
        #expect(note.keyword == "$ref")
        #expect(note.path == "/tools/tree.walk/inputSchema/$defs/node/properties/children/items")
        #expect(note.message.contains("parametersJsonSchema") && note.message.contains("recursive") && note.message.contains("'tree.walk'"))
    }

    static let geminiFallbacks: [(JSONValue, String)] = [
        (["type": "object", "properties": ["self": ["$ref": "#"]]], "$ref"),
        (["type": "object", "properties": ["h": ["type": "object", "patternProperties": ["^x-": ["type": "string"]]]]], "patternProperties"),
        (["type": "object", "properties": ["a": ["not": ["type": "string"]]]], "not"),
        (["type": "object", "properties": ["a": ["type": "string"]], "if": ["required": ["a"]], "then": ["required": ["b"]]], "if"),
        (["type": "object", "properties": ["level": ["type": "integer", "enum": [1, 2, 3]]]], "enum"),
        (["type": "object", "properties": ["meta": ["type": "object", "additionalProperties": ["type": "string"]]]], "properties"),
        (["type": "object", "properties": ["id": ["type": ["string", "integer"]]]], "type"),
        (["type": "object", "properties": ["user-id": ["type": "string"]]], "properties"),
    ]

    @Test(arguments: geminiFallbacks)
    func geminiFallsBackWhenParametersCannotExpressTheSchema(schema: JSONValue, keyword: String) throws {
        let (declaration, export) = try Self.geminiDeclaration(schema)
        #expect(declaration["parameters"] == nil)
        #expect(declaration["parametersJsonSchema"] == schema)
        #expect(export.notes.map(\.keyword) == [keyword])
    }

    @Test func geminiLeavesOutParametersOfToolsWithoutArguments() throws {
        let export = try CatalogExport.export([Self.tool("ping", ["type": "object", "properties": [:]], description: "Ping.")], format: .gemini)
        #expect(JSONWriter.string(export.json) == #"{"functionDeclarations":[{"name":"ping","description":"Ping."}]}"#)
    }
}
