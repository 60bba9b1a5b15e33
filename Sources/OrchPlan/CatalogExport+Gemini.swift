import Foundation
import OrchJSON

/// Why a schema has no Gemini `parameters` form; the tool is then exported with
/// `parametersJsonSchema` instead.
struct GeminiFallback: Error {
    let keyword: String
    let location: [String]
    let reason: String
}

/// Rewrites one tool's input schema as Gemini `parameters` (Gemini's OpenAPI-style `Schema`).
///
/// Local `$ref`s are inlined (siblings of a `$ref` override the target's members), a
/// one-element `allOf` is merged, `additionalProperties`, `$defs` and schema identifiers are
/// dropped, `const` becomes a one-value `enum`, `type: [T, "null"]` and an `anyOf` with a
/// `{"type": "null"}` branch become `type: T, nullable: true`, and `oneOf` becomes `anyOf`.
/// Whatever `Schema` cannot hold — recursion, `patternProperties`, `not`, `if`/`then`/`else`,
/// non-string enums, free-form objects, several types — throws ``GeminiFallback``.
struct GeminiSchema {
    let tool: ToolDefinition
    let root: JSONValue
    private(set) var notes: [CatalogExport.Note] = []
    /// Schema nodes left to produce: inlining shared definitions can grow a schema exponentially.
    private var budget = 10_000

    init(tool: ToolDefinition, root: JSONValue) {
        self.tool = tool
        self.root = root
    }

    /// Members of Gemini's `Schema` that pass through as they are.
    static let kept: Set<String> = [
        "title", "description", "format", "default", "example", "minimum", "maximum",
        "minLength", "maxLength", "pattern", "minItems", "maxItems", "minProperties", "maxProperties",
        "propertyOrdering", "required",
    ]
    /// Keywords dropped without a note: identifiers, definitions (inlined), annotations, and
    /// the object-closing keywords `Schema` has no member for.
    static let silentlyDropped: Set<String> = [
        "$schema", "$id", "$comment", "$anchor", "$defs", "definitions", "additionalProperties",
        "unevaluatedProperties", "examples", "deprecated", "readOnly", "writeOnly",
    ]
    /// Constraints `Schema` has no member for, whose loss only widens what the model may send.
    static let droppedConstraints: Set<String> = [
        "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "uniqueItems", "contentEncoding", "contentMediaType",
    ]
    /// Keywords `Schema` cannot express, with the reason.
    static let unsupported: [String: String] = [
        "patternProperties": "Gemini's parameters accept only named properties",
        "propertyNames": "Gemini's parameters cannot constrain property names",
        "dependentRequired": "Gemini's parameters have no conditional requirements",
        "dependentSchemas": "Gemini's parameters have no conditional schemas",
        "dependencies": "Gemini's parameters have no conditional schemas",
        "if": "Gemini's parameters have no conditional schemas (if/then/else)",
        "then": "Gemini's parameters have no conditional schemas (if/then/else)",
        "else": "Gemini's parameters have no conditional schemas (if/then/else)",
        "not": "Gemini's parameters cannot negate a schema",
        "allOf": "Gemini's parameters have no allOf, and only an allOf of one object schema can be merged",
        "prefixItems": "Gemini's parameters have no tuples",
        "additionalItems": "Gemini's parameters have no tuples",
        "unevaluatedItems": "Gemini's parameters have no tuples",
        "contains": "Gemini's parameters cannot require an array to contain a matching item",
        "minContains": "Gemini's parameters cannot require an array to contain a matching item",
        "maxContains": "Gemini's parameters cannot require an array to contain a matching item",
        "$dynamicRef": "only plain references into the schema (#/$defs/…) can be inlined",
        "$dynamicAnchor": "only plain references into the schema (#/$defs/…) can be inlined",
        "$recursiveRef": "only plain references into the schema (#/$defs/…) can be inlined",
        "$recursiveAnchor": "only plain references into the schema (#/$defs/…) can be inlined",
    ]

    /// The `parameters` of the tool, or nil when it takes no arguments (Gemini rejects an
    /// object schema with no properties, and a function without parameters leaves them out).
    mutating func convertRoot() throws(GeminiFallback) -> JSONValue? {
        let converted = try convert(root, at: [], references: [], isRoot: true)
        guard converted["properties"]?.objectValue?.isEmpty ?? true else { return converted }
        if converted["anyOf"] != nil {
            throw GeminiFallback(keyword: "anyOf", location: [],
                                 reason: "the arguments are alternatives without named properties at the root, and Gemini's parameters need named properties")
        }
        if let open = root["additionalProperties"], open != false {
            throw GeminiFallback(keyword: "additionalProperties", location: [],
                                 reason: "the tool takes free-form arguments, and Gemini's parameters need named properties")
        }
        return nil
    }

    private mutating func convert(_ schema: JSONValue, at location: [String], references: [String], isRoot: Bool = false) throws(GeminiFallback) -> JSONValue {
        budget -= 1
        guard budget >= 0 else {
            throw GeminiFallback(keyword: "$ref", location: location, reason: "inlining its references would make a schema of more than 10000 nodes")
        }
        guard case .object(var object) = schema else {
            throw GeminiFallback(keyword: schema == true ? "true" : "false", location: location,
                                 reason: "the boolean schema \(schema) has no type, which Gemini's parameters need")
        }

        if let reference = object["$ref"] {
            guard let text = reference.stringValue, text == "#" || text.hasPrefix("#/"),
                  let decoded = String(text.dropFirst()).removingPercentEncoding,
                  let pointer = try? JSONPointer(decoded), let target = pointer.get(in: root)
            else {
                throw GeminiFallback(keyword: "$ref", location: location,
                                     reason: "only references into the schema itself (#/$defs/…) can be inlined, and \(reference.shortDescription) is not one")
            }
            guard !references.contains(text) else {
                throw GeminiFallback(keyword: "$ref", location: location,
                                     reason: "the reference \"\(text)\" is recursive, so it cannot be inlined")
            }
            object["$ref"] = nil
            var merged: JSONValue = .object(object)
            if case .object(var members) = target {
                for (key, value) in object { members[key] = value }
                merged = .object(members)
            } else if object.isEmpty {
                merged = target
            }
            return try convert(merged, at: pointer.tokens, references: references + [text], isRoot: isRoot)
        }

        if let allOf = object["allOf"] {
            guard case .array(let parts) = allOf, parts.count == 1, case .object(var merged) = parts[0] else {
                throw GeminiFallback(keyword: "allOf", location: location, reason: Self.unsupported["allOf"]!)
            }
            object["allOf"] = nil
            for (key, value) in object { merged[key] = value }
            return try convert(.object(merged), at: location, references: references, isRoot: isRoot)
        }

        for key in ["anyOf", "oneOf"] {
            guard case .array(let branches)? = object[key] else { continue }
            let others = branches.filter { !Self.isNull($0) }
            guard others.count < branches.count, !others.isEmpty else { continue }
            object["nullable"] = true
            guard others.count == 1, case .object(var merged) = others[0] else {
                object[key] = .array(others)
                continue
            }
            object[key] = nil
            for (member, value) in object { merged[member] = value }
            return try convert(.object(merged), at: location, references: references, isRoot: isRoot)
        }

        var out = JSONObject()
        var nullable = false
        for (key, value) in object {
            switch key {
            case "type":
                let types = value.arrayValue ?? [value]
                let named = types.compactMap(\.stringValue)
                let nonNull = named.filter { $0 != "null" }
                guard named.count == types.count, nonNull.count == 1 else {
                    throw GeminiFallback(keyword: key, location: location,
                                         reason: "the type \(JSONWriter.string(value)) is not one type (with or without null), and Gemini's parameters take one type per schema")
                }
                out[key] = .string(nonNull[0])
                if nonNull.count < named.count { nullable = true }
            case "nullable":
                if value == true { nullable = true }
            case "enum", "const":
                var strings: [JSONValue] = []
                for option in key == "enum" ? value.arrayValue ?? [] : [value] {
                    switch option {
                    case .null: nullable = true
                    case .string: strings.append(option)
                    default:
                        throw GeminiFallback(keyword: key, location: location,
                                             reason: "Gemini's enums hold strings only, and this one holds \(option.shortDescription)")
                    }
                }
                guard !strings.isEmpty else {
                    throw GeminiFallback(keyword: key, location: location, reason: "a schema allowing only null has no Gemini form")
                }
                out["enum"] = .array(strings)
            case "properties":
                guard case .object(let properties) = value else {
                    throw GeminiFallback(keyword: key, location: location, reason: "\"properties\" must be an object")
                }
                var converted = JSONObject(minimumCapacity: properties.count)
                for (name, property) in properties {
                    if isRoot && !Self.isParameterName(name) {
                        throw GeminiFallback(keyword: key, location: location + [key, name],
                                             reason: "Gemini parameter names start with a letter or '_' and hold at most 64 letters, digits and '_', and \(JSONWriter.quoted(name)) does not")
                    }
                    converted[name] = try convert(property, at: location + [key, name], references: references)
                }
                out[key] = .object(converted)
            case "items":
                if case .array = value {
                    throw GeminiFallback(keyword: key, location: location, reason: Self.unsupported["prefixItems"]!)
                }
                out[key] = try convert(value, at: location + [key], references: references)
            case "anyOf", "oneOf":
                guard case .array(let branches) = value else {
                    throw GeminiFallback(keyword: key, location: location, reason: "\"\(key)\" must be an array of schemas")
                }
                if key == "oneOf" && object["anyOf"] != nil {
                    throw GeminiFallback(keyword: key, location: location, reason: "Gemini's parameters have no oneOf, and it cannot become anyOf beside an anyOf")
                }
                var converted: [JSONValue] = []
                for (i, branch) in branches.enumerated() {
                    converted.append(try convert(branch, at: location + [key, String(i)], references: references))
                }
                out["anyOf"] = .array(converted)
                if key == "oneOf" {
                    note(key, at: location, "'oneOf' is exported as 'anyOf', which Gemini supports; arguments matching several branches are still rejected when the call is validated")
                }
            default:
                if Self.kept.contains(key) {
                    out[key] = value
                } else if Self.silentlyDropped.contains(key) {
                    continue
                } else if let reason = Self.unsupported[key] {
                    throw GeminiFallback(keyword: key, location: location, reason: reason)
                } else if Self.droppedConstraints.contains(key) {
                    note(key, at: location, "'\(key)' is left out because Gemini's parameters have no such field; calls are still validated against the full schema")
                } else {
                    note(key, at: location, "the unknown keyword '\(key)' is left out because Gemini rejects fields its Schema does not define")
                }
            }
        }

        if out["type"] == nil && out["anyOf"] == nil {
            let inferred: JSONValue? = out["properties"] != nil ? "object" : out["items"] != nil ? "array" : out["enum"] != nil ? "string" : nil
            guard let inferred else {
                throw GeminiFallback(keyword: "type", location: location,
                                     reason: "a schema without a type accepts any JSON value, which Gemini's parameters cannot express")
            }
            out = CatalogExport.prepending("type", inferred, to: out)
        }
        if !isRoot && out["type"] == "object" && (out["properties"]?.objectValue?.isEmpty ?? true) {
            throw GeminiFallback(keyword: "properties", location: location,
                                 reason: "an object without named properties (a free-form map) cannot be expressed, as Gemini's parameters need at least one property per object")
        }
        if nullable { out = Self.addingNullable(to: out) }
        return .object(out)
    }

    /// `{"type": "null"}`, possibly with a description or title.
    static func isNull(_ schema: JSONValue) -> Bool {
        guard case .object(let object) = schema, object["type"] == "null" else { return false }
        return object.keys.allSatisfy { ["type", "description", "title"].contains($0) }
    }

    /// `"nullable": true` placed right after `type` (or last when there is none).
    static func addingNullable(to object: JSONObject) -> JSONObject {
        guard object["type"] != nil else {
            var result = object
            result["nullable"] = true
            return result
        }
        var result = JSONObject(minimumCapacity: object.count + 1)
        for (key, value) in object {
            result.append(key, value)
            if key == "type" { result.append("nullable", true) }
        }
        return result
    }

    /// Gemini's documented rule for parameter names: `^[A-Za-z_][A-Za-z0-9_]{0,63}$`.
    static func isParameterName(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        guard !bytes.isEmpty, bytes.count <= 64 else { return false }
        func letter(_ c: UInt8) -> Bool { (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == 0x5F }
        return letter(bytes[0]) && bytes.allSatisfy { letter($0) || ($0 >= 0x30 && $0 <= 0x39) }
    }

    private mutating func note(_ keyword: String, at location: [String], _ what: String) {
        notes.append(CatalogExport.Note(
            tool: tool.name, path: CatalogExport.schemaPath(tool.name, location), keyword: keyword,
            message: "In the Gemini export of tool '\(tool.name)' at \(CatalogExport.describe(location)), \(what)."))
    }
}
