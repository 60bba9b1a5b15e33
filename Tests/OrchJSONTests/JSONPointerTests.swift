import OrchJSON
import Testing

/// The example document of RFC 6901, section 5.
let rfc6901Document = #"""
    {
       "foo": ["bar", "baz"],
       "": 0,
       "a/b": 1,
       "c%d": 2,
       "e^f": 3,
       "g|h": 4,
       "i\\j": 5,
       "k\"l": 6,
       " ": 7,
       "m~n": 8
    }
    """#

@Suite struct JSONPointerTests {
    // MARK: Parsing and printing

    @Test(arguments: [
        ("", []),
        ("/", [""]),
        ("//", ["", ""]),
        ("/a", ["a"]),
        ("/a/b/0", ["a", "b", "0"]),
        ("/a~1b", ["a/b"]),
        ("/m~0n", ["m~n"]),
        ("/~01", ["~1"]),
        ("/~10", ["/0"]),
        ("/~0~1~0", ["~/~"]),
        ("/ ", [" "]),
        ("/é/😀", ["é", "😀"]),
        ("/a/", ["a", ""]),
    ] as [(String, [String])])
    func parsesTokensWithEscapes(text: String, tokens: [String]) throws {
        let pointer = try JSONPointer(text)
        #expect(pointer.tokens == tokens)
        #expect(pointer.description == text)
        #expect(JSONPointer(tokens: tokens).description == text)
        #expect(try JSONPointer(pointer.description) == pointer)
    }

    @Test(arguments: ["a", "a/b", "#/a", " /a", "/~", "/~2", "/a~", "/a/~x/b", "/~~0"])
    func rejectsInvalidPointerText(text: String) throws {
        let error = try #require(throws: JSONError.self) { try JSONPointer(text) }
        #expect(error.code == .invalidPointer)
        #expect(error.offset == nil)
    }

    @Test func rejectsTildeCarryingCombiningMark() throws {
        let error = try #require(throws: JSONError.self) { try JSONPointer("/~\u{301}") }
        #expect(error.code == .invalidPointer)
    }

    @Test(arguments: [["/\u{301}"], ["~\u{301}"], ["a/b~c"], ["\u{E9}", "e\u{301}"]])
    func escapesTokensScalarByScalar(tokens: [String]) throws {
        let pointer = JSONPointer(tokens: tokens)
        let parsed = try JSONPointer(pointer.description)
        #expect(parsed.tokens.map { Array($0.unicodeScalars) } == tokens.map { Array($0.unicodeScalars) })
    }

    @Test func escapesTildeBeforeSlash() {
        #expect(JSONPointer(tokens: ["~1"]).description == "/~01")
        #expect(JSONPointer(tokens: ["/0"]).description == "/~10")
    }

    @Test func buildsPointersByAppending() throws {
        let root = JSONPointer()
        #expect(root.tokens.isEmpty)
        #expect(root.description == "")
        let pointer = root.appending("items").appending(2).appending("a/b")
        #expect(pointer.tokens == ["items", "2", "a/b"])
        #expect(pointer.description == "/items/2/a~1b")
        #expect(try JSONPointer("/items/2/a~1b") == pointer)
        #expect(root.tokens.isEmpty)
    }

    // MARK: get

    @Test(arguments: [
        ("", nil),
        ("/foo", #"["bar","baz"]"#),
        ("/foo/0", #""bar""#),
        ("/foo/1", #""baz""#),
        ("/", "0"),
        ("/a~1b", "1"),
        ("/c%d", "2"),
        ("/e^f", "3"),
        ("/g|h", "4"),
        (#"/i\j"#, "5"),
        (#"/k"l"#, "6"),
        ("/ ", "7"),
        ("/m~0n", "8"),
    ] as [(String, String?)])
    func resolvesRFC6901Examples(pointer: String, expected: String?) throws {
        let document = try JSONValue(parsing: rfc6901Document)
        let want = try expected.map { try JSONValue(parsing: $0) } ?? document
        let got = try #require(try JSONPointer(pointer).get(in: document))
        #expect(got == want)
        #expect(JSONWriter.string(got) == JSONWriter.string(want))
    }

    @Test(arguments: ["/foo/2", "/foo/01", "/foo/00", "/foo/-", "/foo/-1", "/foo/+1", "/foo/1e0", "/foo/ 1",
                      "/foo/", "/missing", "/a~1b/x", "/foo/0/0", "/a/b", "/foo/99999999999999999999999"])
    func returnsNilForPointersThatSelectNothing(pointer: String) throws {
        let document = try JSONValue(parsing: rfc6901Document)
        #expect(try JSONPointer(pointer).get(in: document) == nil)
    }

    @Test func indexesArraysWithoutLeadingZeros() throws {
        let document: JSONValue = ["list": [10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20]]
        #expect(try JSONPointer("/list/0").get(in: document) == 10)
        #expect(try JSONPointer("/list/10").get(in: document) == 20)
        #expect(try JSONPointer("/list/010").get(in: document) == nil)
        #expect(try JSONPointer("/list/11").get(in: document) == nil)
    }

    @Test func treatsDigitTokensAsMemberNamesInObjects() throws {
        let document: JSONValue = ["0": "zero", "01": "zero-one"]
        #expect(try JSONPointer("/0").get(in: document) == "zero")
        #expect(try JSONPointer("/01").get(in: document) == "zero-one")
    }

    // MARK: set

    @Test func replacesMemberKeepingPosition() throws {
        var document: JSONValue = ["a": 1, "b": 2, "c": 3]
        try JSONPointer("/b").set("new", in: &document)
        #expect(document.description == #"{"a":1,"b":"new","c":3}"#)
    }

    @Test func addsMissingMemberAtEnd() throws {
        var document: JSONValue = ["a": 1, "nested": ["x": 1]]
        try JSONPointer("/z").set(true, in: &document)
        try JSONPointer("/nested/y~1z").set(nil, in: &document)
        #expect(document.description == #"{"a":1,"nested":{"x":1,"y/z":null},"z":true}"#)
    }

    @Test func replacesArrayElement() throws {
        var document: JSONValue = ["list": [1, [2, 3]]]
        try JSONPointer("/list/0").set("first", in: &document)
        try JSONPointer("/list/1/1").set(["deep": true], in: &document)
        #expect(document.description == #"{"list":["first",[2,{"deep":true}]]}"#)
    }

    @Test func appendsToArraysWithDashOrCount() throws {
        var document: JSONValue = ["list": [1, 2]]
        try JSONPointer("/list/-").set(3, in: &document)
        try JSONPointer("/list/3").set(4, in: &document)
        #expect(document == ["list": [1, 2, 3, 4]])
        var empty: JSONValue = []
        try JSONPointer("/-").set("only", in: &empty)
        #expect(empty == ["only"])
    }

    @Test func replacesWholeDocumentAtRootPointer() throws {
        var document: JSONValue = ["a": 1]
        try JSONPointer("").set([1, 2], in: &document)
        #expect(document == [1, 2])
    }

    @Test func setsAndGetsRFC6901MembersConsistently() throws {
        var document = try JSONValue(parsing: rfc6901Document)
        for text in ["/", "/a~1b", "/m~0n", #"/k"l"#, "/ "] {
            let pointer = try JSONPointer(text)
            try pointer.set(.string(text), in: &document)
            #expect(pointer.get(in: document) == .string(text))
        }
        #expect(document.objectValue?.count == 10)
        #expect(document.objectValue?.keys.first == "foo")
    }

    @Test(arguments: [
        "/missing/child",
        "/list/5",
        "/list/-/x",
        "/list/01",
        "/list/x",
        "/scalar/x",
        "/list/0/x",
        "/obj/a/b/c",
    ])
    func throwsPointerNotFoundForMissingParent(pointer: String) throws {
        var document: JSONValue = ["list": [1, 2], "scalar": "s", "obj": ["a": [:]]]
        let before = document
        let error = try #require(throws: JSONError.self) { try JSONPointer(pointer).set(0, in: &document) }
        #expect(error.code == .pointerNotFound)
        #expect(error.offset == nil)
        #expect(error.reason.contains(pointer))
        #expect(document == before)
        #expect(document.description == before.description)
    }

    @Test func throwsPointerNotFoundWhenSettingInsideScalarDocument() throws {
        var document: JSONValue = 5
        let error = try #require(throws: JSONError.self) { try JSONPointer("/a").set(0, in: &document) }
        #expect(error.code == .pointerNotFound)
        #expect(document == 5)
    }
}

@Test func comparesPointersByCodePoints() throws {
    let precomposed = try JSONPointer("/\u{E9}")
    let decomposed = try JSONPointer("/e\u{301}")
    #expect(precomposed != decomposed)
    #expect(Set([precomposed, decomposed]).count == 2)
    #expect(try JSONPointer("/a/b") == JSONPointer(tokens: ["a", "b"]))
}
