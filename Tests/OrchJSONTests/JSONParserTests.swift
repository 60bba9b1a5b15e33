import OrchJSON
import Testing

/// Parses `bytes` expecting failure; returns the error so callers can check code and offset.
func parseFailure(_ bytes: [UInt8], parser: JSONParser = JSONParser()) throws -> JSONError {
    try #require(throws: JSONError.self) { try parser.parse(bytes) }
}

func parseFailure(_ text: String, parser: JSONParser = JSONParser()) throws -> JSONError {
    try parseFailure(Array(text.utf8), parser: parser)
}

/// `count` nested arrays around nothing: `[[[…]]]`.
func nestedArrays(_ count: Int) -> [UInt8] {
    [UInt8](repeating: UInt8(ascii: "["), count: count) + [UInt8](repeating: UInt8(ascii: "]"), count: count)
}

@Suite struct JSONParserTests {
    // MARK: Numbers

    @Test func keepsIntegersAboveTwoToThe53Exact() throws {
        let value = try JSONValue(parsing: "9007199254740993")
        #expect(value == .int(9_007_199_254_740_993))
        guard case .int(let i) = value else {
            Issue.record("expected .int, got \(value)")
            return
        }
        #expect(i == 9_007_199_254_740_993)
        #expect(value != .double(9_007_199_254_740_992))
    }

    @Test(arguments: [
        ("9223372036854775807", Int64.max),
        ("-9223372036854775808", Int64.min),
        ("0", 0),
        ("-1", -1),
        ("1234567890123", 1_234_567_890_123),
    ] as [(String, Int64)])
    func parsesIntegerLiteralsAsExactInt(text: String, expected: Int64) throws {
        let value = try JSONValue(parsing: text)
        guard case .int(let i) = value else {
            Issue.record("\(text) parsed as \(value), not .int")
            return
        }
        #expect(i == expected)
    }

    @Test(arguments: [
        ("9223372036854775808", 0x1p63),
        ("-9223372036854775809", -0x1p63),
        ("18446744073709551616", 0x1p64),
        ("100000000000000000000000000000", 1e29),
    ] as [(String, Double)])
    func turnsIntegersBeyondInt64IntoDoubles(text: String, expected: Double) throws {
        let value = try JSONValue(parsing: text)
        guard case .double(let d) = value else {
            Issue.record("\(text) parsed as \(value), not .double")
            return
        }
        #expect(d == expected)
    }

    @Test func parsesNegativeZeroIntegerAsIntZero() throws {
        let value = try JSONValue(parsing: "-0")
        guard case .int(let i) = value else {
            Issue.record("-0 parsed as \(value), not .int")
            return
        }
        #expect(i == 0)
        #expect(value == .double(0))
    }

    @Test func keepsSignOfNegativeZeroDouble() throws {
        let value = try JSONValue(parsing: "-0.0")
        guard case .double(let d) = value else {
            Issue.record("-0.0 parsed as \(value), not .double")
            return
        }
        #expect(d == 0)
        #expect(d.sign == .minus)
    }

    @Test(arguments: [
        ("1.0", 1.0), ("1e2", 100.0), ("1E2", 100.0), ("1e+2", 100.0), ("1e-2", 0.01),
        ("-2.5", -2.5), ("0.1", 0.1), ("21.64", 21.64), ("0e0", 0.0), ("1.5E-3", 0.0015),
    ] as [(String, Double)])
    func parsesFractionsAndExponentsAsDoubles(text: String, expected: Double) throws {
        let value = try JSONValue(parsing: text)
        guard case .double(let d) = value else {
            Issue.record("\(text) parsed as \(value), not .double")
            return
        }
        #expect(d.bitPattern == expected.bitPattern)
    }

    @Test func parsesExtremeDoublesToIdenticalBits() throws {
        let cases: [(String, Double)] = [
            ("1.7976931348623157e308", .greatestFiniteMagnitude),
            ("5e-324", .leastNonzeroMagnitude),
            ("2.2250738585072014e-308", .leastNormalMagnitude),
        ]
        for (text, expected) in cases {
            let value = try JSONValue(parsing: text)
            guard case .double(let d) = value else {
                Issue.record("\(text) parsed as \(value), not .double")
                continue
            }
            #expect(d.bitPattern == expected.bitPattern, "\(text)")
        }
    }

    // MARK: Strings

    @Test(arguments: [
        (#""\"""#, "\""),
        (#""\\""#, "\\"),
        (#""\/""#, "/"),
        (#""\b""#, "\u{08}"),
        (#""\f""#, "\u{0C}"),
        (#""\n""#, "\n"),
        (#""\r""#, "\r"),
        (#""\t""#, "\t"),
        (#""\u0041""#, "A"),
        (#""\u00e9""#, "\u{E9}"),
        (#""\u00E9""#, "\u{E9}"),
        (#""\u20AC""#, "\u{20AC}"),
        (#""\u0000""#, "\u{0}"),
        (#""\uFFFF""#, "\u{FFFF}"),
        (#""a\nb\tc\\d\"e""#, "a\nb\tc\\d\"e"),
    ])
    func decodesEveryEscape(json: String, expected: String) throws {
        let value = try JSONValue(parsing: json)
        let s = try #require(value.stringValue)
        #expect(Array(s.unicodeScalars) == Array(expected.unicodeScalars))
    }

    @Test func decodesSurrogatePairToOneScalar() throws {
        let value = try JSONValue(parsing: #""\ud83d\ude00""#)
        let s = try #require(value.stringValue)
        #expect(s == "😀")
        #expect(s.unicodeScalars.map(\.value) == [0x1F600])
        #expect(Array(s.utf8) == [0xF0, 0x9F, 0x98, 0x80])
    }

    @Test func decodesHighestSurrogatePair() throws {
        let value = try JSONValue(parsing: #""\uDBFF\uDFFF""#)
        #expect(value.stringValue?.unicodeScalars.map(\.value) == [0x10FFFF])
    }

    @Test func keepsRawNonASCIIUTF8() throws {
        let bytes: [UInt8] = [0x22, 0xC3, 0xA9, 0xE2, 0x82, 0xAC, 0xF0, 0x9F, 0x98, 0x80, 0xF4, 0x8F, 0xBF, 0xBF, 0x22]
        let value = try JSONParser().parse(bytes)
        let s = try #require(value.stringValue)
        #expect(s.unicodeScalars.map(\.value) == [0xE9, 0x20AC, 0x1F600, 0x10FFFF])
        #expect(Array(s.utf8) == Array(bytes[1..<14]))
    }

    @Test func mixesRawUTF8AndEscapesInOneString() throws {
        let value = try JSONValue(parsing: "\"é\\n€\\u00e9\"")
        #expect(value == .string("é\n€é"))
    }

    @Test func keepsDecomposedAndPrecomposedStringsDistinct() throws {
        let pre = try JSONValue(parsing: #""\u00e9""#)
        let decomposed = try JSONValue(parsing: #""e\u0301""#)
        #expect(pre != decomposed)
    }

    // MARK: Structure

    @Test func parsesNestedDocument() throws {
        let value = try JSONValue(parsing: #" { "a" : [ 1 , 2.5 , "x" , true , false , null , { } , [ ] ] } "#)
        let expected: JSONValue = ["a": [1, 2.5, "x", true, false, nil, [:], []]]
        #expect(value == expected)
        #expect(value["a"]?[6] == .object(JSONObject()))
        #expect(value["a"]?[7] == .array([]))
    }

    @Test func acceptsAllFourWhitespaceCharacters() throws {
        let value = try JSONValue(parsing: " \t\r\n[\t1\r,\n2 ]\n\r\t ")
        #expect(value == [1, 2])
    }

    @Test(arguments: [("true", JSONValue.bool(true)), ("false", .bool(false)), ("null", .null)])
    func parsesLiterals(text: String, expected: JSONValue) throws {
        #expect(try JSONValue(parsing: text) == expected)
    }

    @Test func skipsUTF8ByteOrderMark() throws {
        let value = try JSONParser().parse([0xEF, 0xBB, 0xBF] + Array(#"{"a":1}"#.utf8))
        #expect(value == ["a": 1])
    }

    @Test func countsByteOrderMarkInErrorOffsets() throws {
        let error = try parseFailure([0xEF, 0xBB, 0xBF] + Array("[1,]".utf8))
        #expect(error.code == .unexpectedCharacter)
        #expect(error.offset == 6)
    }

    @Test func rejectsByteOrderMarkAlone() throws {
        let error = try parseFailure([0xEF, 0xBB, 0xBF])
        #expect(error.code == .unexpectedEnd)
        #expect(error.offset == 3)
    }

    @Test func parsesNonContiguousCollectionsAndSlices() throws {
        let bytes = Array("xx[1,\"a\"]".utf8)
        #expect(try JSONParser().parse(bytes[2...]) == [1, "a"])
        #expect(try JSONParser().parse(bytes[2...].lazy.map { $0 }) == [1, "a"])
        #expect(try JSONParser().parse("[1,\"a\"]".utf8) == [1, "a"])
    }

    @Test func reportsOffsetsRelativeToSliceStart() throws {
        let bytes = Array("xx[1,]".utf8)
        let error = try #require(throws: JSONError.self) { try JSONParser().parse(bytes[2...]) }
        #expect(error.code == .unexpectedCharacter)
        #expect(error.offset == 3)
    }

    @Test func parsesFromStringAndBytesAlike() throws {
        let text = #"{"k":[1,2,{"z":null}]}"#
        #expect(try JSONParser().parse(text) == JSONParser().parse(Array(text.utf8)))
    }

    // MARK: Malformed input

    @Test(arguments: [
        // Truncated documents.
        (#"{"a":"#, JSONError.Code.unexpectedEnd, 5),
        ("[1,2", .unexpectedEnd, 4),
        (#""abc"#, .unexpectedEnd, 4),
        ("tru", .unexpectedEnd, 3),
        ("nul", .unexpectedEnd, 3),
        ("{", .unexpectedEnd, 1),
        ("[", .unexpectedEnd, 1),
        (#"{"a""#, .unexpectedEnd, 4),
        (#"{"a":1"#, .unexpectedEnd, 6),
        (#"{"a":1,"#, .unexpectedEnd, 7),
        ("[1,", .unexpectedEnd, 3),
        (#""abc\"#, .unexpectedEnd, 5),
        (#""\u12"#, .unexpectedEnd, 5),
        ("", .unexpectedEnd, 0),
        ("   ", .unexpectedEnd, 3),
        ("-", .unexpectedEnd, 1),
        // Trailing commas.
        ("[1,]", .unexpectedCharacter, 3),
        ("[1 , ]", .unexpectedCharacter, 5),
        (#"{"a":1,}"#, .unexpectedCharacter, 7),
        // Numbers.
        ("01", .invalidNumber, 0),
        ("-01", .invalidNumber, 0),
        ("[00]", .invalidNumber, 1),
        ("1.", .invalidNumber, 2),
        ("[1.]", .invalidNumber, 3),
        ("1.e5", .invalidNumber, 2),
        ("1e", .invalidNumber, 2),
        ("1e+", .invalidNumber, 3),
        ("1E-x", .invalidNumber, 3),
        ("-a", .invalidNumber, 1),
        ("1e999", .invalidNumber, 0),
        ("[-1e400]", .invalidNumber, 1),
        ("+1", .unexpectedCharacter, 0),
        (".5", .unexpectedCharacter, 0),
        // Strings.
        ("\"a\nb\"", .controlCharacter, 2),
        ("\"\t\"", .controlCharacter, 1),
        ("[\"ok\",\"\u{1F}\"]", .controlCharacter, 7),
        (#""\x""#, .invalidEscape, 1),
        (#""ab\x""#, .invalidEscape, 3),
        (#""\'""#, .invalidEscape, 1),
        (#""\U0041""#, .invalidEscape, 1),
        (#""\u12G4""#, .invalidEscape, 5),
        (#""\u12""#, .invalidEscape, 1),
        (#""\ud800\uZZZZ""#, .invalidEscape, 9),
        (#""\ud800""#, .loneSurrogate, 1),
        (#""\udc00""#, .loneSurrogate, 1),
        (#""ab\uDFFF""#, .loneSurrogate, 3),
        (#""x\ud800\u0041""#, .loneSurrogate, 2),
        (#""\ud800\ud800""#, .loneSurrogate, 1),
        (#""\ud800x""#, .loneSurrogate, 1),
        (#""\ud800\n""#, .loneSurrogate, 1),
        // Tokens and structure.
        ("nulx", .unexpectedCharacter, 0),
        ("True", .unexpectedCharacter, 0),
        ("'a'", .unexpectedCharacter, 0),
        ("{a:1}", .unexpectedCharacter, 1),
        (#"{"a" 1}"#, .unexpectedCharacter, 5),
        ("[1 2]", .unexpectedCharacter, 3),
        (#"{"a":1 "b":2}"#, .unexpectedCharacter, 7),
        ("[1}", .unexpectedCharacter, 2),
        (#"{"a":1]"#, .unexpectedCharacter, 6),
        ("]", .unexpectedCharacter, 0),
        // Trailing data.
        ("[1] x", .trailingData, 4),
        ("1 2", .trailingData, 2),
        ("{}}", .trailingData, 2),
        (#""a""b""#, .trailingData, 3),
        ("null,", .trailingData, 4),
    ] as [(String, JSONError.Code, Int)])
    func rejectsMalformedTextWithCodeAndOffset(text: String, code: JSONError.Code, offset: Int) throws {
        let error = try parseFailure(text)
        #expect(error.code == code)
        #expect(error.offset == offset)
        #expect(error.description.hasPrefix("invalid JSON at byte \(offset): "))
    }

    @Test(arguments: [
        // Overlong encoding of NUL.
        ([0x22, 0xC0, 0x80, 0x22], 1),
        // Encoded surrogate U+D800.
        ([0x22, 0x61, 0xED, 0xA0, 0x80, 0x22], 2),
        // Never valid in UTF-8.
        ([0x22, 0xFF, 0x22], 1),
        ([0x22, 0x61, 0xFE, 0x22], 2),
        // Truncated multibyte sequences at the end of the string.
        ([0x22, 0x61, 0x62, 0xE2, 0x82, 0x22], 3),
        ([0x22, 0xF0, 0x9F, 0x98, 0x22], 1),
        ([0x22, 0xC3, 0x22], 1),
        // A lone continuation byte.
        ([0x22, 0x80, 0x22], 1),
        // Overlong three-byte encoding, and a scalar above U+10FFFF.
        ([0x22, 0xE0, 0x80, 0x80, 0x22], 1),
        ([0x22, 0xF4, 0x90, 0x80, 0x80, 0x22], 1),
        // Lead byte followed by a non-continuation byte.
        ([0x22, 0xE2, 0x41, 0x41, 0x22], 1),
        // Bad bytes in a member name, and after valid UTF-8.
        ([0x7B, 0x22, 0xC3, 0x22, 0x3A, 0x31, 0x7D], 2),
        ([0x5B, 0x22, 0xC3, 0xA9, 0x22, 0x2C, 0x22, 0xC3, 0xA9, 0xC0, 0xAF, 0x22, 0x5D], 9),
    ] as [([UInt8], Int)])
    func rejectsInvalidUTF8AtOffsetOfBadByte(bytes: [UInt8], offset: Int) throws {
        let error = try parseFailure(bytes)
        #expect(error.code == .invalidUTF8)
        #expect(error.offset == offset)
    }

    @Test func rejectsNonASCIIByteOutsideStrings() throws {
        let error = try parseFailure([0x5B, 0xC3, 0xA9, 0x5D])
        #expect(error.code == .unexpectedCharacter)
        #expect(error.offset == 1)
    }

    @Test func rejectsEveryBareControlCharacterInString() throws {
        for byte in UInt8(0)..<0x20 {
            let error = try parseFailure([0x22, 0x61, byte, 0x22])
            #expect(error.code == .controlCharacter, "byte \(byte)")
            #expect(error.offset == 2, "byte \(byte)")
        }
    }

    @Test func acceptsDeleteCharacterUnescaped() throws {
        let value = try JSONParser().parse([0x22, 0x7F, 0x22])
        #expect(value == .string("\u{7F}"))
    }

    // MARK: Depth

    @Test func parses512NestedArrays() throws {
        var value = try JSONParser().parse(nestedArrays(512))
        var depth = 0
        while case .array(let elements) = value {
            depth += 1
            guard let first = elements.first else { break }
            value = first
        }
        #expect(depth == 512)
    }

    @Test func rejects513NestedArraysAsTooDeep() throws {
        let error = try parseFailure(nestedArrays(513))
        #expect(error.code == .tooDeep)
        #expect(error.offset == 512)
    }

    @Test func rejectsTenThousandNestedArraysWithoutCrashing() throws {
        let error = try parseFailure([UInt8](repeating: UInt8(ascii: "["), count: 10_000))
        #expect(error.code == .tooDeep)
        #expect(error.offset == 512)
    }

    @Test func countsObjectsAndArraysTogetherForDepth() throws {
        let parser = JSONParser(maxDepth: 3)
        #expect(try parser.parse(#"{"a":[{"b":1}]}"#) == ["a": [["b": 1]]])
        let error = try parseFailure(#"{"a":[{"b":[]}]}"#, parser: parser)
        #expect(error.code == .tooDeep)
        #expect(error.offset == 11)
    }

    @Test func honoursCustomMaxDepth() throws {
        let parser = JSONParser(maxDepth: 2)
        #expect(parser.maxDepth == 2)
        #expect(try parser.parse("[[7]]") == [[7]])
        let error = try parseFailure("[[[7]]]", parser: parser)
        #expect(error.code == .tooDeep)
        #expect(error.offset == 2)
    }

    @Test func allowsScalarsAtZeroMaxDepth() throws {
        let parser = JSONParser(maxDepth: 0)
        #expect(try parser.parse("42") == 42)
        let error = try parseFailure("[]", parser: parser)
        #expect(error.code == .tooDeep)
        #expect(error.offset == 0)
    }

    // MARK: Size

    @Test func parsesHundredMegabyteString() throws {
        let length = 100_000_000
        var bytes = [UInt8](repeating: UInt8(ascii: "a"), count: length + 2)
        bytes[0] = UInt8(ascii: "\"")
        bytes[length + 1] = UInt8(ascii: "\"")
        bytes[length] = UInt8(ascii: "z")
        let value = try JSONParser().parse(bytes)
        bytes = []
        guard case .string(let s) = value else {
            Issue.record("expected a string")
            return
        }
        #expect(s.utf8.count == length)
        #expect(s.utf8.first == UInt8(ascii: "a"))
        #expect(s.utf8.last == UInt8(ascii: "z"))
    }
}
