import OrchJSON

/// Rewrites one tool's input schema for OpenAI strict mode (Structured Outputs).
///
/// Strict mode wants every object closed (`"additionalProperties": false`) with every property
/// in `required`, so optional properties become required and nullable (`type` gains `"null"`,
/// or the schema is wrapped in `anyOf` with `{"type": "null"}`). A one-element `allOf` is
/// merged, `oneOf` becomes `anyOf`, and keywords strict mode rejects but that only narrow the
/// accepted values (`minLength`, `uniqueItems`, …) are dropped with a note — the executor still
/// validates arguments against the original schema. Keywords that change which objects exist
/// (`patternProperties`, an open `additionalProperties`, `if`/`then`/`else`, `$dynamicRef`, …)
/// cannot be expressed and throw.
struct OpenAIStrictSchema {
    let tool: ToolDefinition
    private(set) var notes: [CatalogExport.Note] = []
    private var propertyCount = 0

    /// Documented strict-mode limits: object properties in all, and object nesting levels.
    static let maximumProperties = 5000
    static let maximumDepth = 10

    init(tool: ToolDefinition) { self.tool = tool }

    /// Keywords strict mode accepts and that pass through as they are.
    static let kept: Set<String> = [
        "type", "enum", "const", "description", "title", "pattern", "format",
        "multipleOf", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "minItems", "maxItems",
    ]
    /// Identifiers and annotations with no effect on which arguments are valid.
    static let silentlyDropped: Set<String> = [
        "$schema", "$id", "$comment", "$anchor", "default", "examples", "deprecated", "readOnly", "writeOnly",
    ]
    /// Constraints strict mode rejects whose loss only widens what the model may send.
    static let droppedConstraints: Set<String> = [
        "minLength", "maxLength", "uniqueItems", "contentEncoding", "contentMediaType", "contentSchema",
    ]
    /// Keywords strict mode cannot express, with the reason.
    static let rejected: [String: String] = [
        "patternProperties": "strict mode accepts only named properties, not properties matched by a pattern",
        "propertyNames": "strict mode accepts only named properties, so it cannot constrain property names",
        "minProperties": "strict mode requires every property, so it cannot count them",
        "maxProperties": "strict mode requires every property, so it cannot count them",
        "dependentRequired": "strict mode requires every property, so it has no conditional requirements",
        "dependentSchemas": "strict mode cannot apply a schema depending on which properties are present",
        "dependencies": "strict mode cannot apply a schema depending on which properties are present",
        "if": "strict mode has no conditional schemas (if/then/else)",
        "then": "strict mode has no conditional schemas (if/then/else)",
        "else": "strict mode has no conditional schemas (if/then/else)",
        "not": "strict mode cannot negate a schema",
        "allOf": "strict mode has no allOf, and only an allOf of one object schema can be merged",
        "prefixItems": "strict mode has no tuples; arrays take one items schema",
        "additionalItems": "strict mode has no tuples; arrays take one items schema",
        "unevaluatedItems": "strict mode has no tuples; arrays take one items schema",
        "contains": "strict mode cannot require an array to contain a matching item",
        "minContains": "strict mode cannot require an array to contain a matching item",
        "maxContains": "strict mode cannot require an array to contain a matching item",
        "$dynamicRef": "strict mode resolves only plain references into the schema (#/$defs/…)",
        "$dynamicAnchor": "strict mode resolves only plain references into the schema (#/$defs/…)",
        "$recursiveRef": "strict mode resolves only plain references into the schema (#/$defs/…)",
        "$recursiveAnchor": "strict mode resolves only plain references into the schema (#/$defs/…)",
    ]

    /// The root schema converted; it must already be an object schema.
    mutating func convertRoot(_ schema: JSONValue) throws(CatalogError) -> JSONValue {
        let converted = try convert(schema, at: [], depth: 0)
        if propertyCount > Self.maximumProperties {
            throw failure("properties", at: [], "the schema declares \(propertyCount) object properties in all, and strict mode allows at most \(Self.maximumProperties)")
        }
        return converted
    }

    private mutating func convert(_ schema: JSONValue, at location: [String], depth: Int) throws(CatalogError) -> JSONValue {
        guard case .object(var object) = schema else {
            throw failure(schema == true ? "true" : "false", at: location,
                          "the boolean schema \(schema) has no type, and strict mode needs every value typed")
        }
        while let allOf = object["allOf"] {
            guard case .array(let parts) = allOf, parts.count == 1, case .object(let part) = parts[0] else {
                throw failure("allOf", at: location, Self.rejected["allOf"]!)
            }
            object["allOf"] = nil
            var merged = part
            for (key, value) in object { merged[key] = value }
            object = merged
        }

        let isObject = Self.declaresObject(object)
        if isObject && object["properties"] == nil {
            for keyword in ["$ref", "anyOf", "oneOf"] where object[keyword] != nil {
                throw failure(keyword, at: location, "strict mode closes every object schema, so an object type beside '\(keyword)' and without properties would accept only {}; declare the properties in the object itself")
            }
        }
        let depth = isObject ? depth + 1 : depth
        if depth > Self.maximumDepth {
            throw failure("properties", at: location, "objects are nested more than \(Self.maximumDepth) levels deep, and strict mode allows at most \(Self.maximumDepth)")
        }

        var out = JSONObject()
        for (key, value) in object {
            switch key {
            case "properties":
                guard case .object(let properties) = value else { throw failure(key, at: location, "\"properties\" must be an object") }
                propertyCount += properties.count
                var converted = JSONObject(minimumCapacity: properties.count)
                for (name, property) in properties {
                    converted[name] = try convert(property, at: location + [key, name], depth: depth)
                }
                out[key] = .object(converted)
            case "required":
                continue
            case "additionalProperties", "unevaluatedProperties":
                guard value == false else {
                    throw failure(key, at: location, "strict mode needs \"\(key)\": false on every object, and this one allows \(value == true ? "any other property" : "other properties matching a schema")")
                }
            case "items":
                if case .array = value { throw failure(key, at: location, Self.rejected["prefixItems"]!) }
                out[key] = try convert(value, at: location + [key], depth: depth)
            case "anyOf", "oneOf":
                guard case .array(let branches) = value else { throw failure(key, at: location, "\"\(key)\" must be an array of schemas") }
                if key == "oneOf" && object["anyOf"] != nil {
                    throw failure(key, at: location, "strict mode has no oneOf, and it cannot become anyOf beside an anyOf")
                }
                var converted: [JSONValue] = []
                for (i, branch) in branches.enumerated() {
                    converted.append(try convert(branch, at: location + [key, String(i)], depth: depth))
                }
                out["anyOf"] = .array(converted)
                if key == "oneOf" {
                    note(key, at: location, "'oneOf' is exported as 'anyOf', which strict mode supports; arguments matching several branches are still rejected when the call is validated")
                }
            case "$defs", "definitions":
                guard case .object(let definitions) = value else { throw failure(key, at: location, "\"\(key)\" must be an object of schemas") }
                var converted = JSONObject(minimumCapacity: definitions.count)
                for (name, definition) in definitions {
                    converted[name] = try convert(definition, at: location + [key, name], depth: 0)
                }
                out[key] = .object(converted)
            case "$ref":
                guard let reference = value.stringValue, reference == "#" || reference.hasPrefix("#/") else {
                    throw failure(key, at: location, "strict mode resolves only references into the schema itself (#/$defs/…), and this one is \(value.shortDescription)")
                }
                out[key] = value
            default:
                if Self.kept.contains(key) {
                    out[key] = value
                } else if Self.silentlyDropped.contains(key) {
                    continue
                } else if let reason = Self.rejected[key] {
                    throw failure(key, at: location, reason)
                } else if Self.droppedConstraints.contains(key) {
                    note(key, at: location, "'\(key)' is left out because OpenAI strict mode does not accept it; calls are still validated against the full schema")
                } else {
                    note(key, at: location, "the unknown keyword '\(key)' is left out because OpenAI strict mode accepts only the keywords it documents")
                }
            }
        }

        if isObject {
            if out["type"] == nil { out = CatalogExport.prepending("type", "object", to: out) }
            let properties = out["properties"]?.objectValue ?? JSONObject()
            let required = Set(object["required"]?.arrayValue?.compactMap(\.stringValue) ?? [])
            var closed = JSONObject(minimumCapacity: properties.count)
            for (name, property) in properties {
                closed[name] = required.contains(name) ? property : Self.nullable(property)
            }
            out["properties"] = .object(closed)
            out["required"] = .array(properties.keys.map { .string($0) })
            out["additionalProperties"] = false
        } else if out["type"] == nil && out["enum"] == nil && out["const"] == nil && out["anyOf"] == nil && out["$ref"] == nil {
            guard out["items"] != nil else {
                throw failure("type", at: location, "a schema without a type accepts any JSON value, and strict mode needs every value typed")
            }
            out = CatalogExport.prepending("type", "array", to: out)
        }
        return .object(out)
    }

    /// Whether a schema describes objects: its type is or includes `object`, or it has none
    /// and declares properties.
    static func declaresObject(_ schema: JSONObject) -> Bool {
        switch schema["type"] {
        case .string(let type)?: return type == "object"
        case .array(let types)?: return types.contains("object")
        case nil: return schema["properties"] != nil || schema["additionalProperties"] != nil
        default: return false
        }
    }

    /// `schema` also accepting `null`: `"null"` added to its type (and to its enum), `null` as a
    /// branch of its `anyOf`, or else the schema wrapped in `anyOf` with `{"type": "null"}`.
    static func nullable(_ schema: JSONValue) -> JSONValue {
        guard case .object(var object) = schema else { return schema }
        let wrapped: JSONValue = ["anyOf": [schema, ["type": "null"]]]
        if object["$ref"] != nil || (object["type"] != nil && object["anyOf"] != nil) { return wrapped }
        if let type = object["type"] {
            var types: [JSONValue]
            switch type {
            case .string: types = [type]
            case .array(let list): types = list
            default: return wrapped
            }
            if types.contains("null") { return schema }
            types.append("null")
            object["type"] = .array(types)
            acceptNullInEnum(&object)
            return .object(object)
        }
        if case .array(var branches)? = object["anyOf"] {
            if !branches.contains(where: { $0["type"] == "null" }) { branches.append(["type": "null"]) }
            object["anyOf"] = .array(branches)
            return .object(object)
        }
        if object["enum"] != nil || object["const"] != nil {
            acceptNullInEnum(&object)
            return .object(object)
        }
        return wrapped
    }

    private static func acceptNullInEnum(_ object: inout JSONObject) {
        if let value = object["const"] {
            object["const"] = nil
            object["enum"] = .array(value == .null ? [.null] : [value, .null])
        } else if case .array(var values)? = object["enum"], !values.contains(.null) {
            values.append(.null)
            object["enum"] = .array(values)
        }
    }

    private mutating func note(_ keyword: String, at location: [String], _ what: String) {
        notes.append(CatalogExport.Note(
            tool: tool.name, path: CatalogExport.schemaPath(tool.name, location), keyword: keyword,
            message: "In the OpenAI strict export of tool '\(tool.name)' at \(CatalogExport.describe(location)), \(what)."))
    }

    private func failure(_ keyword: String, at location: [String], _ reason: String) -> CatalogError {
        CatalogError(.unsupportedByFormat, in: tool.source, at: CatalogExport.schemaPath(tool.name, location),
                     "The tool '\(tool.name)' cannot be exported to OpenAI with strict mode because of '\(keyword)' at \(CatalogExport.describe(location)): \(reason). Export it without strict, or change the schema.")
    }
}
