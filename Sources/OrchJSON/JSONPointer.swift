/// A JSON Pointer (RFC 6901): `""` is the whole document, `/items/2/price` a path into it.
public struct JSONPointer: Sendable, Hashable, CustomStringConvertible {
    /// The unescaped reference tokens.
    public private(set) var tokens: [String]

    /// The root pointer.
    public init() { tokens = [] }

    public init(tokens: [String]) { self.tokens = tokens }

    /// Parses pointer text; it must be empty or start with `/`, and `~` must be followed by 0 or 1.
    public init(_ text: String) throws(JSONError) {
        guard !text.isEmpty else { tokens = []; return }
        guard text.utf8.first == UInt8(ascii: "/") else {
            throw JSONError(.invalidPointer, offset: nil, "The JSON pointer \(JSONWriter.quoted(text)) must be empty or start with '/'.")
        }
        var result: [String] = []
        for raw in text.utf8.dropFirst().split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false) {
            let token = String(decoding: raw, as: UTF8.self)
            guard raw.contains(UInt8(ascii: "~")) else { result.append(token); continue }
            // Scalar by scalar: a '~' or '/' may carry a combining mark in one Character.
            var decoded = String.UnicodeScalarView()
            var iterator = token.unicodeScalars.makeIterator()
            while let c = iterator.next() {
                guard c == "~" else { decoded.append(c); continue }
                switch iterator.next() {
                case "0": decoded.append("~")
                case "1": decoded.append("/")
                default:
                    throw JSONError(.invalidPointer, offset: nil, "In the JSON pointer \(JSONWriter.quoted(text)), '~' must be followed by '0' or '1'.")
                }
            }
            result.append(String(decoded))
        }
        tokens = result
    }

    /// The pointer text, with `~` and `/` escaped.
    public var description: String {
        var out = ""
        for token in tokens {
            out.append("/")
            if token.utf8.contains(where: { $0 == UInt8(ascii: "~") || $0 == UInt8(ascii: "/") }) {
                out.append(token.replacingAll("~", with: "~0").replacingAll("/", with: "~1"))
            } else {
                out.append(token)
            }
        }
        return out
    }

    /// The pointer one level deeper.
    public func appending(_ token: String) -> JSONPointer {
        var copy = self
        copy.tokens.append(token)
        return copy
    }

    public func appending(_ index: Int) -> JSONPointer { appending(String(index)) }

    /// The value this pointer selects in `document`, or nil when it selects nothing.
    public func get(in document: JSONValue) -> JSONValue? {
        var current = document
        for token in tokens {
            switch current {
            case .object(let object):
                guard let next = object[token] else { return nil }
                current = next
            case .array(let array):
                guard let index = Self.arrayIndex(token), index < array.count else { return nil }
                current = array[index]
            default:
                return nil
            }
        }
        return current
    }

    /// Replaces (or adds) the value at this pointer. On arrays, `-` or the count appends.
    /// Throws when a parent is missing or is not a container.
    public func set(_ value: JSONValue, in document: inout JSONValue) throws(JSONError) {
        try Self.set(value, in: &document, tokens: tokens[...], full: self)
    }

    private static func set(_ value: JSONValue, in node: inout JSONValue, tokens: ArraySlice<String>, full: JSONPointer) throws(JSONError) {
        guard let token = tokens.first else { node = value; return }
        let rest = tokens.dropFirst()
        switch node {
        case .object(var object):
            node = .null
            defer { node = .object(object) }
            if rest.isEmpty {
                object[token] = value
            } else {
                guard var child = object[token] else { throw notFound(full) }
                try set(value, in: &child, tokens: rest, full: full)
                object[token] = child
            }
        case .array(var array):
            node = .null
            defer { node = .array(array) }
            if token == "-" || arrayIndex(token) == array.count {
                guard rest.isEmpty else { throw notFound(full) }
                array.append(value)
            } else {
                guard let index = arrayIndex(token), index < array.count else { throw notFound(full) }
                try set(value, in: &array[index], tokens: rest, full: full)
            }
        default:
            throw notFound(full)
        }
    }

    private static func notFound(_ pointer: JSONPointer) -> JSONError {
        JSONError(.pointerNotFound, offset: nil, "The JSON pointer \(JSONWriter.quoted(pointer.description)) does not reach an existing object or array.")
    }

    /// A token as an array index: decimal digits, no leading zero.
    static func arrayIndex(_ token: String) -> Int? {
        guard let first = token.utf8.first, first >= UInt8(ascii: "0"), first <= UInt8(ascii: "9") else { return nil }
        if first == UInt8(ascii: "0") && token.utf8.count > 1 { return nil }
        guard token.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else { return nil }
        return Int(token)
    }
}

extension String {
    /// Replaces every `target` scalar (not Character: a combining mark must not hide it).
    func replacingAll(_ target: Unicode.Scalar, with replacement: String) -> String {
        var out = String.UnicodeScalarView()
        for c in unicodeScalars {
            if c == target { out.append(contentsOf: replacement.unicodeScalars) } else { out.append(c) }
        }
        return String(out)
    }
}

extension JSONPointer {
    /// Pointers are equal when their tokens are equal code point for code point (not by
    /// Unicode canonical equivalence, which `String ==` uses).
    public static func == (lhs: JSONPointer, rhs: JSONPointer) -> Bool {
        lhs.tokens.count == rhs.tokens.count
            && zip(lhs.tokens, rhs.tokens).allSatisfy { $0.hasSameCodePoints(as: $1) }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(tokens.count)
        for token in tokens {
            for byte in token.utf8 { hasher.combine(byte) }
            hasher.combine(0xFF as UInt8)
        }
    }
}
