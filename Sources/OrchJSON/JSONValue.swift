/// One JSON value: what every MCP message, tool input, tool output and schema is made of.
///
/// Numbers keep their kind: an integer literal that fits in 64 bits stays an exact `.int`
/// (an id of 9007199254740993 round-trips), anything else is a `.double`.
/// Equality is JSON equality: `1 == 1.0`, and object member order does not matter.
public enum JSONValue: Sendable {
    case null
    case bool(Bool)
    case int(Int64)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)
}

extension JSONValue {
    /// The JSON type name as JSON Schema spells it (`integer` for `.int` and integral doubles).
    public var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "boolean"
        case .int: "integer"
        case .double(let d): d.rounded(.towardZero) == d && d.isFinite ? "integer" : "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }

    /// A short human description for error messages: `the string "12,50"`, `an object`.
    public var shortDescription: String {
        switch self {
        case .null: return "null"
        case .bool(let b): return "the boolean \(b)"
        case .int(let i): return "the number \(i)"
        case .double(let d): return "the number \(JSONWriter.format(d))"
        case .string(let s):
            let shown = s.unicodeScalars.count > 40 ? String(s.unicodeScalars.prefix(40)) + "…" : s
            return "the string \(JSONWriter.quoted(shown))"
        case .array(let a): return "an array of \(a.count) item\(a.count == 1 ? "" : "s")"
        case .object(let o): return "an object of \(o.count) member\(o.count == 1 ? "" : "s")"
        }
    }

    public var isNumber: Bool {
        switch self { case .int, .double: true; default: false }
    }

    /// The value as a `Double` when it is a number.
    public var doubleValue: Double? {
        switch self {
        case .int(let i): Double(i)
        case .double(let d): d
        default: nil
        }
    }

    public var stringValue: String? { if case .string(let s) = self { s } else { nil } }
    public var boolValue: Bool? { if case .bool(let b) = self { b } else { nil } }
    public var arrayValue: [JSONValue]? { if case .array(let a) = self { a } else { nil } }
    public var objectValue: JSONObject? { if case .object(let o) = self { o } else { nil } }

    /// The value as an exact integer: `.int`, or a `.double` with no fraction that fits.
    public var intValue: Int64? {
        switch self {
        case .int(let i): return i
        case .double(let d):
            guard d.isFinite, d.rounded(.towardZero) == d, let i = Int64(exactly: d) else { return nil }
            return i
        default: return nil
        }
    }

    /// Member lookup on objects; `nil` for a missing key or a non-object.
    public subscript(key: String) -> JSONValue? {
        if case .object(let o) = self { o[key] } else { nil }
    }

    /// Element lookup on arrays; `nil` when out of range or not an array.
    public subscript(index: Int) -> JSONValue? {
        guard case .array(let a) = self, a.indices.contains(index) else { return nil }
        return a[index]
    }
}

extension JSONValue: Equatable {
    /// JSON equality: numbers compare by value across `.int` and `.double`, strings by
    /// Unicode code points (not canonical equivalence), objects regardless of member order.
    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.int(let a), .int(let b)): return a == b
        case (.double(let a), .double(let b)): return a == b
        case (.int(let a), .double(let b)), (.double(let b), .int(let a)):
            return Int64(exactly: b) == a
        case (.string(let a), .string(let b)): return a.hasSameCodePoints(as: b)
        case (.array(let a), .array(let b)): return a == b
        case (.object(let a), .object(let b)):
            guard a.count == b.count else { return false }
            for (key, value) in a {
                guard let other = b[key], other == value else { return false }
            }
            return true
        default: return false
        }
    }
}

extension JSONValue: Hashable {
    /// Hashing consistent with JSON equality (`1` and `1.0` hash alike; member order ignored).
    public func hash(into hasher: inout Hasher) {
        switch self {
        case .null: hasher.combine(0)
        case .bool(let b): hasher.combine(1); hasher.combine(b)
        case .int(let i): hasher.combine(2); hasher.combine(i)
        case .double(let d):
            if let i = Int64(exactly: d) { hasher.combine(2); hasher.combine(i) } else { hasher.combine(3); hasher.combine(d) }
        case .string(let s): hasher.combine(4); for byte in s.utf8 { hasher.combine(byte) }
        case .array(let a): hasher.combine(5); hasher.combine(a)
        case .object(let o):
            hasher.combine(6)
            var sum = 0
            for (key, value) in o {
                var h = Hasher()
                for byte in key.utf8 { h.combine(byte) }
                h.combine(value)
                sum = sum &+ h.finalize()
            }
            hasher.combine(sum)
        }
    }
}

extension JSONValue: ExpressibleByNilLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByFloatLiteral, ExpressibleByStringLiteral, ExpressibleByArrayLiteral,
    ExpressibleByDictionaryLiteral
{
    public init(nilLiteral: ()) { self = .null }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(integerLiteral value: Int64) { self = .int(value) }
    public init(floatLiteral value: Double) { self = .double(value) }
    public init(stringLiteral value: String) { self = .string(value) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        var object = JSONObject()
        for (key, value) in elements { object[key] = value }
        self = .object(object)
    }
}

extension JSONValue: CustomStringConvertible {
    /// Compact JSON text.
    public var description: String { JSONWriter.string(self) }
}
