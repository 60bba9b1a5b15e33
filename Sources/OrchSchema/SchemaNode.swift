import OrchJSON

/// One compiled subschema. Built by ``SchemaCompiler`` and never changed after compilation
/// ends, which is what makes sharing it across threads safe.
final class SchemaNode: @unchecked Sendable {
    /// Where the subschema stands: a JSON pointer into the root schema, or `uri#pointer`.
    let location: String
    /// `true`/`false` for boolean schemas (and for an empty object schema: `true`).
    var constant: Bool?
    var checks: [Check] = []
    /// `unevaluatedProperties` / `unevaluatedItems`, run after every other keyword.
    var unevaluatedProperties: Check?
    var unevaluatedItems: Check?
    /// The schema resource this node belongs to (for `$dynamicRef`'s dynamic scope).
    var resource: SchemaResource!

    init(location: String) {
        self.location = location
    }

    var needsAnnotations: Bool { unevaluatedProperties != nil || unevaluatedItems != nil }
}

/// A schema resource (a document root or a subschema with `$id`) and its dynamic anchors.
final class SchemaResource: @unchecked Sendable {
    let uri: String
    var dynamicAnchors: [String: SchemaNode] = [:]

    init(uri: String) { self.uri = uri }
}

/// One keyword, compiled, with its location for error messages.
struct Check: Sendable {
    let kind: Kind
    let location: String
}

/// The JSON types as a bit set.
struct TypeMask: OptionSet, Sendable {
    let rawValue: UInt8
    static let null = TypeMask(rawValue: 1)
    static let boolean = TypeMask(rawValue: 2)
    static let integer = TypeMask(rawValue: 4)
    static let number = TypeMask(rawValue: 8)
    static let string = TypeMask(rawValue: 16)
    static let array = TypeMask(rawValue: 32)
    static let object = TypeMask(rawValue: 64)

    static let names: [(String, TypeMask)] = [
        ("null", .null), ("boolean", .boolean), ("integer", .integer), ("number", .number),
        ("string", .string), ("array", .array), ("object", .object),
    ]

    init(rawValue: UInt8) { self.rawValue = rawValue }

    init?(name: String) {
        guard let entry = Self.names.first(where: { $0.0 == name }) else { return nil }
        self = entry.1
    }

    func matches(_ value: JSONValue) -> Bool {
        switch value {
        case .null: contains(.null)
        case .bool: contains(.boolean)
        case .int: contains(.integer) || contains(.number)
        case .double(let d): contains(.number) || (contains(.integer) && d.rounded(.towardZero) == d)
        case .string: contains(.string)
        case .array: contains(.array)
        case .object: contains(.object)
        }
    }

    /// `a string or null`.
    var phrase: String {
        let parts = Self.names.filter { contains($0.1) }.map { name, _ -> String in
            switch name {
            case "null": "null"
            case "integer", "array", "object": "an \(name)"
            default: "a \(name)"
            }
        }
        if parts.count <= 1 { return parts.first ?? "nothing" }
        return parts.dropLast().joined(separator: ", ") + " or " + parts.last!
    }
}

/// `properties`, `patternProperties` and `additionalProperties` compiled together.
struct ObjectApplicator: Sendable {
    var properties: [String: SchemaNode] = [:]
    var propertyLocations: [String: String] = [:]
    var patterns: [(regex: ECMARegex, node: SchemaNode)] = []
    var additional: SchemaNode?
    var additionalLocation = ""
}

enum Kind: Sendable {
    case type(TypeMask)
    case enumeration([JSONValue])
    case constant(JSONValue)
    case multipleOf(ExactDecimal, JSONValue)
    case maximum(JSONValue)
    case exclusiveMaximum(JSONValue)
    case minimum(JSONValue)
    case exclusiveMinimum(JSONValue)
    case maxLength(Int)
    case minLength(Int)
    case pattern(ECMARegex)
    case format(String)
    case maxItems(Int)
    case minItems(Int)
    case uniqueItems
    case contains(SchemaNode, min: Int, max: Int?)
    case items(prefix: [SchemaNode], rest: SchemaNode?)
    case maxProperties(Int)
    case minProperties(Int)
    case required([String])
    case dependentRequired([(String, [String])])
    case properties(ObjectApplicator)
    case propertyNames(SchemaNode)
    case dependentSchemas([(String, SchemaNode)])
    case allOf([SchemaNode])
    case anyOf([SchemaNode])
    case oneOf([SchemaNode])
    case not(SchemaNode)
    case conditional(if: SchemaNode, then: SchemaNode?, else: SchemaNode?)
    case ref(SchemaNode)
    case dynamicRef(SchemaNode, anchor: String?)
    case unevaluatedProperties(SchemaNode)
    case unevaluatedItems(SchemaNode)
}
