/// Reads JSON text (RFC 8259) into a ``JSONValue``.
///
/// Strict: invalid UTF-8, lone surrogates, control characters in strings, leading zeros,
/// trailing commas and trailing data are errors that name the byte offset. Nesting deeper
/// than ``maxDepth`` is an error, never a stack overflow. A leading UTF-8 byte-order mark is
/// skipped. Duplicate object keys are not an error: the last value wins.
public struct JSONParser: Sendable {
    /// How deep arrays and objects may nest.
    public var maxDepth: Int

    public init(maxDepth: Int = 512) {
        self.maxDepth = maxDepth
    }

    /// Parses one JSON document that must fill `bytes` (surrounding whitespace allowed).
    public func parse(_ bytes: some Collection<UInt8>) throws(JSONError) -> JSONValue {
        let result: Result<JSONValue, JSONError>? = bytes.withContiguousStorageIfAvailable { buffer in
            Result { () throws(JSONError) in try self.parse(buffer: buffer) }
        }
        if let result { return try result.get() }
        let copy = Array(bytes)
        let copied: Result<JSONValue, JSONError> = copy.withUnsafeBufferPointer { buffer in
            Result { () throws(JSONError) in try self.parse(buffer: buffer) }
        }
        return try copied.get()
    }

    /// Parses one JSON document from a string.
    public func parse(_ text: String) throws(JSONError) -> JSONValue {
        var text = text
        let result: Result<JSONValue, JSONError> = text.withUTF8 { buffer in
            Result { () throws(JSONError) in try self.parse(buffer: buffer) }
        }
        return try result.get()
    }

    func parse(buffer: UnsafeBufferPointer<UInt8>) throws(JSONError) -> JSONValue {
        var reader = Reader(bytes: buffer, maxDepth: maxDepth)
        if buffer.count >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF { reader.position = 3 }
        reader.skipWhitespace()
        let value = try reader.readValue(depth: 0)
        reader.skipWhitespace()
        if reader.position < buffer.count {
            throw JSONError(.trailingData, offset: reader.position,
                            "Expected the end of the document after a complete value, found \(Reader.describe(buffer[reader.position])).")
        }
        return value
    }
}

extension JSONValue {
    /// Parses a JSON document with the default limits.
    public init(parsing bytes: some Collection<UInt8>) throws(JSONError) {
        self = try JSONParser().parse(bytes)
    }

    /// Parses a JSON document from text with the default limits.
    public init(parsing text: String) throws(JSONError) {
        self = try JSONParser().parse(text)
    }
}

private struct Reader {
    let bytes: UnsafeBufferPointer<UInt8>
    let maxDepth: Int
    var position = 0
    var scratch: [UInt8] = []

    init(bytes: UnsafeBufferPointer<UInt8>, maxDepth: Int) {
        self.bytes = bytes
        self.maxDepth = maxDepth
    }

    static func describe(_ byte: UInt8) -> String {
        if byte >= 0x21 && byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
        return "byte 0x" + String(byte, radix: 16, uppercase: true)
    }

    @inline(__always)
    mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x0A, 0x0D, 0x09: position += 1
            default: return
            }
        }
    }

    func endError(_ what: String) -> JSONError {
        JSONError(.unexpectedEnd, offset: position, "The document ends in the middle of \(what).")
    }

    mutating func readValue(depth: Int) throws(JSONError) -> JSONValue {
        guard position < bytes.count else { throw endError("a value: a value was expected") }
        switch bytes[position] {
        case UInt8(ascii: "{"): return try readObject(depth: depth + 1)
        case UInt8(ascii: "["): return try readArray(depth: depth + 1)
        case UInt8(ascii: "\""): return .string(try readString())
        case UInt8(ascii: "t"): try expectLiteral("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectLiteral("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectLiteral("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try readNumber()
        case let byte:
            throw JSONError(.unexpectedCharacter, offset: position,
                            "Expected a value (object, array, string, number, true, false or null), found \(Self.describe(byte)).")
        }
    }

    mutating func expectLiteral(_ literal: StaticString) throws(JSONError) {
        let start = position
        let utf8 = UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount)
        for expected in utf8 {
            guard position < bytes.count else { throw endError("the literal \(literal)") }
            guard bytes[position] == expected else {
                throw JSONError(.unexpectedCharacter, offset: start, "Expected the literal \(literal), found an invalid token.")
            }
            position += 1
        }
    }

    mutating func checkDepth(_ depth: Int) throws(JSONError) {
        if depth > maxDepth {
            throw JSONError(.tooDeep, offset: position, "Arrays and objects nest deeper than the limit of \(maxDepth) levels.")
        }
    }

    mutating func readArray(depth: Int) throws(JSONError) -> JSONValue {
        try checkDepth(depth)
        position += 1
        var elements: [JSONValue] = []
        skipWhitespace()
        guard position < bytes.count else { throw endError("an array") }
        if bytes[position] == UInt8(ascii: "]") { position += 1; return .array(elements) }
        while true {
            skipWhitespace()
            elements.append(try readValue(depth: depth))
            skipWhitespace()
            guard position < bytes.count else { throw endError("an array: ',' or ']' was expected") }
            switch bytes[position] {
            case UInt8(ascii: ","):
                position += 1
                skipWhitespace()
                if position < bytes.count, bytes[position] == UInt8(ascii: "]") {
                    throw JSONError(.unexpectedCharacter, offset: position, "A trailing comma before ']' is not allowed in JSON.")
                }
            case UInt8(ascii: "]"):
                position += 1
                return .array(elements)
            case let byte:
                throw JSONError(.unexpectedCharacter, offset: position, "Expected ',' or ']' in an array, found \(Self.describe(byte)).")
            }
        }
    }

    mutating func readObject(depth: Int) throws(JSONError) -> JSONValue {
        try checkDepth(depth)
        position += 1
        var object = JSONObject()
        skipWhitespace()
        guard position < bytes.count else { throw endError("an object") }
        if bytes[position] == UInt8(ascii: "}") { position += 1; return .object(object) }
        while true {
            skipWhitespace()
            guard position < bytes.count else { throw endError("an object: a member name was expected") }
            guard bytes[position] == UInt8(ascii: "\"") else {
                throw JSONError(.unexpectedCharacter, offset: position,
                                "Expected a member name in double quotes, found \(Self.describe(bytes[position])).")
            }
            let key = try readString()
            skipWhitespace()
            guard position < bytes.count else { throw endError("an object: ':' was expected") }
            guard bytes[position] == UInt8(ascii: ":") else {
                throw JSONError(.unexpectedCharacter, offset: position, "Expected ':' after a member name, found \(Self.describe(bytes[position])).")
            }
            position += 1
            skipWhitespace()
            object.append(key, try readValue(depth: depth))
            skipWhitespace()
            guard position < bytes.count else { throw endError("an object: ',' or '}' was expected") }
            switch bytes[position] {
            case UInt8(ascii: ","):
                position += 1
                skipWhitespace()
                if position < bytes.count, bytes[position] == UInt8(ascii: "}") {
                    throw JSONError(.unexpectedCharacter, offset: position, "A trailing comma before '}' is not allowed in JSON.")
                }
            case UInt8(ascii: "}"):
                position += 1
                return .object(object)
            case let byte:
                throw JSONError(.unexpectedCharacter, offset: position, "Expected ',' or '}' in an object, found \(Self.describe(byte)).")
            }
        }
    }

    mutating func readString() throws(JSONError) -> String {
        let start = position + 1
        var index = start
        var hasEscape = false
        var nonASCII = false
        let count = bytes.count
        while true {
            guard index < count else {
                position = count  // an escape at the very end skips past it
                throw endError("a string that starts at byte \(start - 1)")
            }
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") { break }
            if byte == UInt8(ascii: "\\") {
                hasEscape = true
                index += 2
                continue
            }
            if byte < 0x20 {
                throw JSONError(.controlCharacter, offset: index,
                                "A control character (\(Self.describe(byte))) must be escaped inside a string.")
            }
            if byte >= 0x80 { nonASCII = true }
            index += 1
        }
        let raw = UnsafeBufferPointer(rebasing: bytes[start..<index])
        position = index + 1
        if nonASCII, let bad = UTF8Validation.firstInvalidOffset(raw) {
            throw JSONError(.invalidUTF8, offset: start + bad, "The string contains bytes that are not valid UTF-8.")
        }
        if !hasEscape { return String(decoding: raw, as: UTF8.self) }
        return try unescape(raw, base: start)
    }

    mutating func unescape(_ raw: UnsafeBufferPointer<UInt8>, base: Int) throws(JSONError) -> String {
        scratch.removeAll(keepingCapacity: true)
        scratch.reserveCapacity(raw.count)
        var i = 0
        while i < raw.count {
            let byte = raw[i]
            guard byte == UInt8(ascii: "\\") else {
                scratch.append(byte)
                i += 1
                continue
            }
            guard i + 1 < raw.count else {
                throw JSONError(.invalidEscape, offset: base + i, "A backslash at the end of a string escapes nothing.")
            }
            switch raw[i + 1] {
            case UInt8(ascii: "\""): scratch.append(0x22)
            case UInt8(ascii: "\\"): scratch.append(0x5C)
            case UInt8(ascii: "/"): scratch.append(0x2F)
            case UInt8(ascii: "b"): scratch.append(0x08)
            case UInt8(ascii: "f"): scratch.append(0x0C)
            case UInt8(ascii: "n"): scratch.append(0x0A)
            case UInt8(ascii: "r"): scratch.append(0x0D)
            case UInt8(ascii: "t"): scratch.append(0x09)
            case UInt8(ascii: "u"):
                let high = try hex4(raw, at: i + 2, base: base)
                var scalarValue = UInt32(high)
                var consumed = 6
                if (0xD800...0xDBFF).contains(high) {
                    guard i + 7 < raw.count, raw[i + 6] == UInt8(ascii: "\\"), raw[i + 7] == UInt8(ascii: "u") else {
                        throw JSONError(.loneSurrogate, offset: base + i,
                                        "The escape \\u\(String(high, radix: 16, uppercase: true)) is a lone high surrogate: it must be followed by a \\uDC00–\\uDFFF escape.")
                    }
                    let low = try hex4(raw, at: i + 8, base: base)
                    guard (0xDC00...0xDFFF).contains(low) else {
                        throw JSONError(.loneSurrogate, offset: base + i,
                                        "The escape \\u\(String(high, radix: 16, uppercase: true)) is a high surrogate followed by \\u\(String(low, radix: 16, uppercase: true)), which is not a low surrogate.")
                    }
                    scalarValue = 0x10000 + ((UInt32(high) - 0xD800) << 10) + (UInt32(low) - 0xDC00)
                    consumed = 12
                } else if (0xDC00...0xDFFF).contains(high) {
                    throw JSONError(.loneSurrogate, offset: base + i,
                                    "The escape \\u\(String(high, radix: 16, uppercase: true)) is a lone low surrogate, which is not a character.")
                }
                let scalar = Unicode.Scalar(scalarValue)!
                for unit in UTF8.encode(scalar)! { scratch.append(unit) }
                i += consumed
                continue
            case let other:
                throw JSONError(.invalidEscape, offset: base + i, "The escape '\\\(Character(Unicode.Scalar(other)))' is not valid in JSON.")
            }
            i += 2
        }
        return String(decoding: scratch, as: UTF8.self)
    }

    func hex4(_ raw: UnsafeBufferPointer<UInt8>, at start: Int, base: Int) throws(JSONError) -> UInt16 {
        guard start + 4 <= raw.count else {
            throw JSONError(.invalidEscape, offset: base + start - 2, "A \\u escape needs four hexadecimal digits.")
        }
        var value: UInt16 = 0
        for k in start..<(start + 4) {
            let c = raw[k]
            let digit: UInt8
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = c - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = c - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = c - UInt8(ascii: "A") + 10
            default:
                throw JSONError(.invalidEscape, offset: base + k, "A \\u escape needs four hexadecimal digits, found \(Self.describe(c)).")
            }
            value = value << 4 | UInt16(digit)
        }
        return value
    }

    mutating func readNumber() throws(JSONError) -> JSONValue {
        let start = position
        var index = position
        let count = bytes.count
        var negative = false
        if bytes[index] == UInt8(ascii: "-") {
            negative = true
            index += 1
        }
        guard index < count else { position = index; throw endError("a number") }
        var integer: Int64 = 0
        var overflow = false
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
            if index < count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) {
                throw JSONError(.invalidNumber, offset: start, "Numbers may not have leading zeros.")
            }
        } else if (UInt8(ascii: "1")...UInt8(ascii: "9")).contains(bytes[index]) {
            while index < count, case let c = bytes[index], c >= UInt8(ascii: "0"), c <= UInt8(ascii: "9") {
                let digit = Int64(c - UInt8(ascii: "0"))
                // Accumulate negatively so that Int64.min is representable.
                let (m, o1) = integer.multipliedReportingOverflow(by: 10)
                let (s, o2) = m.subtractingReportingOverflow(digit)
                if o1 || o2 { overflow = true }
                integer = s
                index += 1
            }
        } else {
            throw JSONError(.invalidNumber, offset: index, "A '-' must be followed by a digit.")
        }
        var isInteger = true
        if index < count, bytes[index] == UInt8(ascii: ".") {
            isInteger = false
            index += 1
            let digitsStart = index
            while index < count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") { index += 1 }
            if index == digitsStart {
                throw JSONError(.invalidNumber, offset: index, "A decimal point must be followed by at least one digit.")
            }
        }
        if index < count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            isInteger = false
            index += 1
            if index < count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            let digitsStart = index
            while index < count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") { index += 1 }
            if index == digitsStart {
                throw JSONError(.invalidNumber, offset: index, "An exponent must have at least one digit.")
            }
        }
        position = index
        if isInteger && !overflow {
            if negative { return .int(integer) }
            if integer != .min { return .int(-integer) }
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        guard let double = Double(text), double.isFinite else {
            throw JSONError(.invalidNumber, offset: start, "The number \(text.prefix(40)) is too large to represent.")
        }
        return .double(double)
    }
}

/// UTF-8 well-formedness (RFC 3629: no overlongs, no surrogates, nothing above U+10FFFF).
enum UTF8Validation {
    /// The offset of the first byte that starts an ill-formed sequence, or nil if all is well.
    static func firstInvalidOffset(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var i = 0
        let n = bytes.count
        while i < n {
            let b0 = bytes[i]
            if b0 < 0x80 { i += 1; continue }
            let length: Int
            var lower: UInt8 = 0x80
            var upper: UInt8 = 0xBF
            switch b0 {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; lower = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; upper = 0x9F
            case 0xF0: length = 4; lower = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; upper = 0x8F
            default: return i
            }
            guard i + length <= n else { return i }
            let b1 = bytes[i + 1]
            guard b1 >= lower && b1 <= upper else { return i }
            for k in 2..<max(2, length) where bytes[i + k] & 0xC0 != 0x80 { return i }
            i += length
        }
        return nil
    }
}
