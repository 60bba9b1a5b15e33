/// A JSON object that keeps its members in the order they were read or inserted.
///
/// Writing an object emits the members in that order, so output is deterministic.
/// Assigning to an existing key replaces the value in place; assigning `nil` removes it.
/// Lookups are linear for small objects and hashed once an object grows past
/// ``JSONObject/indexThreshold`` members.
public struct JSONObject: Sendable {
    public private(set) var keys: [String] = []
    public private(set) var values: [JSONValue] = []
    private var index: [Name: Int]? = nil

    /// Member count from which lookups go through a hash index.
    public static let indexThreshold = 16

    public init() {}

    public init(_ members: [(String, JSONValue)]) {
        keys.reserveCapacity(members.count)
        values.reserveCapacity(members.count)
        for (key, value) in members { self[key] = value }
    }

    public init(minimumCapacity: Int) {
        keys.reserveCapacity(minimumCapacity)
        values.reserveCapacity(minimumCapacity)
    }

    public var count: Int { keys.count }
    public var isEmpty: Bool { keys.isEmpty }

    /// The position of `key`, if present.
    /// Names match by Unicode code points (as JSON compares them), not canonical equivalence.
    public func position(of key: String) -> Int? {
        if let index { return index[Name(key)] }
        for i in keys.indices where Name.same(keys[i], key) { return i }
        return nil
    }

    public subscript(key: String) -> JSONValue? {
        get { position(of: key).map { values[$0] } }
        set {
            if let newValue {
                if let i = position(of: key) {
                    values[i] = newValue
                } else {
                    append(key, newValue)
                }
            } else if let i = position(of: key) {
                keys.remove(at: i)
                values.remove(at: i)
                if index != nil { rebuildIndex() }
            }
        }
    }

    /// Appends a member known not to be present, or replaces the value of a duplicate key
    /// (the last value wins, at the first key's position — as most JSON parsers do).
    public mutating func append(_ key: String, _ value: JSONValue) {
        if let i = position(of: key) {
            values[i] = value
            return
        }
        keys.append(key)
        values.append(value)
        if index != nil {
            index![Name(key)] = keys.count - 1
        } else if keys.count > Self.indexThreshold {
            rebuildIndex()
        }
    }

    private mutating func rebuildIndex() {
        var map = [Name: Int](minimumCapacity: keys.count)
        for (i, key) in keys.enumerated() { map[Name(key)] = i }
        index = map
    }

    /// A member name compared and hashed by its UTF-8 bytes. `String`'s own `==` and hash
    /// follow canonical equivalence, which would merge `"\u{E9}"` and `"e\u{301}"`.
    private struct Name: Hashable {
        let text: String
        init(_ text: String) { self.text = text }

        @inline(__always)
        static func same(_ a: String, _ b: String) -> Bool {
            a.hasSameCodePoints(as: b)
        }

        static func == (lhs: Name, rhs: Name) -> Bool { same(lhs.text, rhs.text) }

        func hash(into hasher: inout Hasher) {
            var text = text
            text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        }
    }
}

extension JSONObject: Sequence {
    public struct Iterator: IteratorProtocol {
        let object: JSONObject
        var position = 0
        public mutating func next() -> (key: String, value: JSONValue)? {
            guard position < object.keys.count else { return nil }
            defer { position += 1 }
            return (object.keys[position], object.values[position])
        }
    }

    public func makeIterator() -> Iterator { Iterator(object: self) }
    public var underestimatedCount: Int { keys.count }
}

extension JSONObject: Equatable, Hashable {
    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        JSONValue.object(lhs) == JSONValue.object(rhs)
    }

    public func hash(into hasher: inout Hasher) { JSONValue.object(self).hash(into: &hasher) }
}

extension JSONObject: ExpressibleByDictionaryLiteral {
    public init(dictionaryLiteral elements: (String, JSONValue)...) { self.init(elements) }
}
