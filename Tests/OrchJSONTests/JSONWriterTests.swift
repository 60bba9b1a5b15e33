import OrchJSON
import Testing

@Suite struct JSONWriterTests {
    // MARK: Numbers

    @Test(arguments: [
        "9007199254740993",
        "-9007199254740993",
        "9223372036854775807",
        "-9223372036854775808",
        "0",
        "-1",
        "10",
        #"{"id":9007199254740993,"ids":[9223372036854775807,-9223372036854775808,1]}"#,
    ])
    func roundTripsIntegersByteIdentical(text: String) throws {
        let value = try JSONValue(parsing: text)
        #expect(value.jsonBytes() == Array(text.utf8))
    }

    @Test(arguments: [
        (Int64.max, "9223372036854775807"),
        (Int64.min, "-9223372036854775808"),
        (0, "0"),
        (9, "9"),
        (-9, "-9"),
        (10, "10"),
        (1_000_000, "1000000"),
    ] as [(Int64, String)])
    func writesIntegersExactly(value: Int64, expected: String) {
        #expect(JSONWriter.string(.int(value)) == expected)
    }

    @Test(arguments: [
        (0.1, "0.1"),
        (1e-7, "1e-07"),
        (21.64, "21.64"),
        (Double.greatestFiniteMagnitude, "1.7976931348623157e+308"),
        (Double.leastNonzeroMagnitude, "5e-324"),
        (-0.0, "-0.0"),
        (100.0, "100.0"),
        (-2.5, "-2.5"),
        (1e16, "1e+16"),
        (0.30000000000000004, "0.30000000000000004"),
    ] as [(Double, String)])
    func writesDoublesInShortestRoundTripForm(value: Double, expected: String) throws {
        let text = JSONWriter.string(.double(value))
        #expect(text == expected)
        #expect(JSONWriter.format(value) == expected)
        let parsed = try JSONValue(parsing: text)
        guard case .double(let back) = parsed else {
            Issue.record("\(text) parsed as \(parsed), not .double")
            return
        }
        #expect(back.bitPattern == value.bitPattern)
    }

    @Test func roundTripsDoublesThroughTextBitForBit() throws {
        var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<2_000 {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let value = Double(bitPattern: seed)
            guard value.isFinite else { continue }
            let parsed = try JSONValue(parsing: JSONWriter.string(.double(value)))
            guard case .double(let back) = parsed else {
                Issue.record("\(value) parsed as \(parsed), not .double")
                return
            }
            #expect(back.bitPattern == value.bitPattern)
        }
    }

    @Test(arguments: [Double.infinity, -Double.infinity, Double.nan])
    func writesNonFiniteDoublesAsNull(value: Double) {
        #expect(JSONWriter.string(.double(value)) == "null")
        #expect(JSONWriter.string([.double(value)]) == "[null]")
    }

    // MARK: Strings

    @Test func escapesOnlyWhatJSONRequires() {
        let text = "\"\\/\u{08}\u{0C}\n\r\t\u{00}\u{1F}\u{7F}é😀"
        let expected = #""\"\\/\b\f\n\r\t\u0000\u001f"# + "\u{7F}é😀\""
        #expect(JSONWriter.quoted(text) == expected)
        #expect(JSONWriter.string(.string(text)) == expected)
    }

    @Test func escapesEveryControlCharacter() throws {
        let controls = String(String.UnicodeScalarView((0..<0x20).map { Unicode.Scalar(UInt8($0)) }))
        let bytes = JSONValue.string(controls).jsonBytes()
        #expect(!bytes.contains { $0 < 0x20 })
        let short: [UInt8: String] = [0x08: "\\b", 0x09: "\\t", 0x0A: "\\n", 0x0C: "\\f", 0x0D: "\\r"]
        var expected = "\""
        for byte in UInt8(0)..<0x20 {
            if let escape = short[byte] {
                expected += escape
            } else {
                expected += byte < 0x10 ? "\\u000" : "\\u001"
                expected += String(byte & 0xF, radix: 16)
            }
        }
        expected += "\""
        #expect(String(decoding: bytes, as: UTF8.self) == expected)
        #expect(try JSONValue(parsing: bytes) == .string(controls))
    }

    @Test func writesNonASCIIAsRawUTF8() {
        #expect(JSONValue.string("é€😀").jsonBytes() == [0x22, 0xC3, 0xA9, 0xE2, 0x82, 0xAC, 0xF0, 0x9F, 0x98, 0x80, 0x22])
    }

    @Test func outputReparsesToEqualValue() throws {
        let value: JSONValue = [
            "text": "line1\nline2\t\"quoted\" \\ back / slash \u{01}\u{1F} é 😀 \u{FFFF}",
            "e\u{301}": "decomposed key",
            "\u{E9}": "precomposed key",
            "numbers": [0, -1, 9_007_199_254_740_993, .int(.min), .int(.max), 0.1, -0.0, 1e300, 5e-300],
            "nested": ["a": [[], [:], [nil, true, false]]],
            "": "empty key",
        ]
        for writer in [JSONWriter(), JSONWriter(pretty: true), JSONWriter(sortedKeys: true), JSONWriter(pretty: true, sortedKeys: true)] {
            let bytes = writer.bytes(value)
            let back = try JSONValue(parsing: bytes)
            #expect(back == value)
            #expect(back.objectValue?.count == 6)
            #expect(writer.bytes(back) == bytes)
        }
    }

    @Test func quotesMemberNames() throws {
        let value: JSONValue = ["a\"b": 1, "c\nd": 2]
        #expect(JSONWriter.string(value) == #"{"a\"b":1,"c\nd":2}"#)
    }

    // MARK: Layout

    @Test func writesCompactByDefault() {
        let value: JSONValue = ["a": [1, true, nil, "s"], "b": [:], "c": []]
        #expect(JSONWriter.string(value) == #"{"a":[1,true,null,"s"],"b":{},"c":[]}"#)
        #expect(value.description == #"{"a":[1,true,null,"s"],"b":{},"c":[]}"#)
    }

    @Test func writesPrettyWithTwoSpaceIndent() {
        let value: JSONValue = ["name": "x", "list": [1, [], [:], ["b": true]], "empty": [:], "n": nil]
        let expected = """
            {
              "name": "x",
              "list": [
                1,
                [],
                {},
                {
                  "b": true
                }
              ],
              "empty": {},
              "n": null
            }
            """
        #expect(JSONWriter(pretty: true).string(value) == expected)
        #expect(value.jsonBytes(pretty: true) == Array(expected.utf8))
    }

    @Test func writesPrettyScalarsAndEmptyContainersOnOneLine() {
        let writer = JSONWriter(pretty: true)
        #expect(writer.string(42) == "42")
        #expect(writer.string("s") == #""s""#)
        #expect(writer.string([]) == "[]")
        #expect(writer.string([:]) == "{}")
        #expect(writer.string([[]]) == "[\n  []\n]")
    }

    @Test func sortsKeysByUTF8Bytes() {
        let value: JSONValue = ["b": 1, "B": 2, "a": 3, "é": 4, "_": 5, "aa": 6]
        #expect(JSONWriter(sortedKeys: true).string(value) == #"{"B":2,"_":5,"a":3,"aa":6,"b":1,"é":4}"#)
    }

    @Test func sortsKeysAtEveryLevel() {
        let value: JSONValue = ["z": ["y": 1, "x": 2], "a": [["d": 1, "c": 2]]]
        #expect(value.jsonBytes(sortedKeys: true) == Array(#"{"a":[{"c":2,"d":1}],"z":{"x":2,"y":1}}"#.utf8))
        let expected = """
            {
              "a": [
                {
                  "c": 2,
                  "d": 1
                }
              ],
              "z": {
                "x": 2,
                "y": 1
              }
            }
            """
        #expect(JSONWriter(pretty: true, sortedKeys: true).string(value) == expected)
    }

    @Test func keepsStoredOrderWhenNotSorting() {
        let value: JSONValue = ["z": 1, "a": 2, "m": 3]
        #expect(JSONWriter().string(value) == #"{"z":1,"a":2,"m":3}"#)
        #expect(JSONWriter(pretty: true).string(value) == "{\n  \"z\": 1,\n  \"a\": 2,\n  \"m\": 3\n}")
    }

    @Test func appendsToExistingBuffer() {
        var out = Array("prefix:".utf8)
        JSONWriter().write([1, 2], into: &out)
        JSONWriter(sortedKeys: true).write(["b": 1, "a": 2], into: &out)
        #expect(String(decoding: out, as: UTF8.self) == #"prefix:[1,2]{"a":2,"b":1}"#)
    }

    @Test func exposesOptions() {
        let writer = JSONWriter(pretty: true, sortedKeys: false)
        #expect(writer.pretty)
        #expect(!writer.sortedKeys)
        #expect(!JSONWriter().pretty)
        #expect(!JSONWriter().sortedKeys)
    }
}
