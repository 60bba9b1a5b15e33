import OrchJSON

/// One compiled subschema. Built by ``SchemaCompiler`` and never changed after compilation
/// ends, which is what makes sharing it across threads safe.
final class SchemaNode: @unchecked Sendable {
    /// Where the subschema stands: a JSON pointer into the root schema, or `uri#pointer`.
    let location: String
    /// `true`/`false` for boolean schemas (and for an empty object schema: `true`).
    // Written only while compiling, read-only afterwards: no dynamic exclusivity checks.
    @exclusivity(unchecked) var constant: Bool?
    @exclusivity(unchecked) var checks: [Check] = []
    /// `unevaluatedProperties` / `unevaluatedItems`, run after every other keyword.
    /// The fused fast path, when every check is a simple assertion (see ``LeafCheck``).
    @exclusivity(unchecked) var leaf: LeafCheck?
    @exclusivity(unchecked) var unevaluatedProperties: Check?
    @exclusivity(unchecked) var unevaluatedItems: Check?
    /// The schema resource this node belongs to (for `$dynamicRef`'s dynamic scope).
    @exclusivity(unchecked) var resource: SchemaResource!

    init(location: String) {
        self.location = location
    }

    var needsAnnotations: Bool { unevaluatedProperties != nil || unevaluatedItems != nil }
}

/// Owns every node and resource of one compiled schema. Recursive schemas make reference
/// cycles (a `$ref` back to an ancestor, a resource and its dynamic anchors); this breaks them
/// when the last ``Schema`` copy goes away, so compiled schemas never leak.
final class SchemaGraph: @unchecked Sendable {
    private let nodes: [SchemaNode]
    private let resources: [SchemaResource]

    init(nodes: [SchemaNode], resources: [SchemaResource]) {
        self.nodes = nodes
        self.resources = resources
    }

    /// Drops every edge between nodes.
    func breakCycles() {
        for node in nodes {
            node.checks = []
            node.unevaluatedProperties = nil
            node.unevaluatedItems = nil
            node.resource = nil
        }
        for resource in resources { resource.dynamicAnchors = [:] }
    }

    deinit { breakCycles() }
}

/// A schema resource (a document root or a subschema with `$id`) and its dynamic anchors.
final class SchemaResource: @unchecked Sendable {
    let uri: String
    @exclusivity(unchecked) var dynamicAnchors: [String: SchemaNode] = [:]

    init(uri: String) { self.uri = uri }
}

/// One keyword, compiled, with its location for error messages.
///
/// A class so that walking a node's checks costs one reference count each, not a copy of
/// every payload and location string.
final class Check: Sendable {
    let kind: Kind
    let location: String

    init(kind: Kind, location: String) {
        self.kind = kind
        self.location = location
    }
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
/// Built by a compiler, then never changed (hence a reference type shared without copies).
final class ObjectApplicator: @unchecked Sendable {
    /// `properties`, in schema order.
    @exclusivity(unchecked) private(set) var names: [String] = []
    @exclusivity(unchecked) private(set) var nodes: [SchemaNode] = []
    /// A hash index once there are many properties; small sets are scanned.
    @exclusivity(unchecked) private var index: [String: Int]?
    @exclusivity(unchecked) var patterns: [(regex: ECMARegex, node: SchemaNode)] = []
    @exclusivity(unchecked) var additional: SchemaNode?
    @exclusivity(unchecked) var additionalLocation = ""

    @exclusivity(unchecked) private var prints: [KeyFingerprint] = []

    func addProperty(_ name: String, _ node: SchemaNode) {
        names.append(name)
        prints.append(KeyFingerprint(name))
        requiredFlags.append(false)
        nodes.append(node)
        if names.count > 12 {
            var map = index ?? Dictionary(uniqueKeysWithValues: names.dropLast().enumerated().map { ($1, $0) })
            map[name] = names.count - 1
            index = map
        }
    }

    /// `required` folded in when every required name is one of `properties`: the properties
    /// pass counts the required ones it meets instead of looking each one up.
    @exclusivity(unchecked) private(set) var requiredFlags: [Bool] = []
    @exclusivity(unchecked) private(set) var requiredCount = 0
    @exclusivity(unchecked) private(set) var requiredLocation = ""

    /// Folds `required` in; false (and nothing changed) when a name is not among `properties`.
    func foldRequired(_ required: [String], location: String) -> Bool {
        var flags = [Bool](repeating: false, count: names.count)
        for name in Set(required) {
            guard let i = propertyIndex(name) else { return false }
            flags[i] = true
        }
        requiredFlags = flags
        requiredCount = flags.filter { $0 }.count
        requiredLocation = location
        return true
    }

    /// The position in `names` of the `properties` entry for `key`, matched by code points.
    @inline(__always)
    func propertyIndex(_ key: String) -> Int? {
        if let index {
            guard let i = index[key], names[i].hasSameCodePoints(as: key) else { return nil }
            return i
        }
        let print = KeyFingerprint(key)
        for i in prints.indices where prints[i].matches(names[i], print, key) { return i }
        return nil
    }
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
