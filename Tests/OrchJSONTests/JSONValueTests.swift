import OrchJSON
import Testing

@Suite struct JSONValueTests {
    // MARK: Equality and hashing

    @Test func equatesIntegerAndIntegralDouble() throws {
        #expect(JSONValue.int(1) == .double(1.0))
        #expect(JSONValue.double(1.0) == .int(1))
        #expect(JSONValue.int(0) == .double(-0.0))
        #expect(JSONValue.int(-7) == .double(-7.0))
        #expect(try JSONValue(parsing: "1") == JSONValue(parsing: "1.0"))
        #expect(try JSONValue(parsing: "[100]") == JSONValue(parsing: "[1e2]"))
    }

    @Test func distinguishesIntegerFromNonIntegralOrRoundedDouble() {
        #expect(JSONValue.int(1) != .double(1.5))
        #expect(JSONValue.int(9_007_199_254_740_993) != .double(9_007_199_254_740_992))
        #expect(JSONValue.int(.max) != .double(0x1p63))
        #expect(JSONValue.double(0x1p63) != .int(.min))
        #expect(JSONValue.double(-0x1p63) == .int(.min))
    }

    @Test func distinguishesDifferentKinds() {
        let values: [JSONValue] = [nil, false, true, 0, 1, 0.5, "", "0", "null", [], [nil], [:], ["": nil]]
        for (i, a) in values.enumerated() {
            for (j, b) in values.enumerated() {
                #expect((a == b) == (i == j), "\(a) vs \(b)")
            }
        }
    }

    @Test func comparesObjectsRegardlessOfMemberOrder() throws {
        let a = try JSONValue(parsing: #"{"x":1,"y":[1,2],"z":{"p":null,"q":true}}"#)
        let b = try JSONValue(parsing: #"{"z":{"q":true,"p":null},"y":[1,2],"x":1.0}"#)
        #expect(a == b)
        #expect(a.objectValue == b.objectValue)
        #expect(a.objectValue?.keys != b.objectValue?.keys)
    }

    @Test func comparesObjectsByMembers() {
        #expect(JSONValue.object(["a": 1]) != .object(["a": 2]))
        #expect(JSONValue.object(["a": 1]) != .object(["b": 1]))
        #expect(JSONValue.object(["a": 1]) != .object(["a": 1, "b": 2]))
        #expect(JSONValue.object(["a": 1, "b": 2]) != .object(["a": 1]))
        #expect(JSONValue.object(["a": nil]) != .object([:]))
    }

    @Test func comparesArraysInOrder() {
        #expect(JSONValue.array([1, 2]) != .array([2, 1]))
        #expect(JSONValue.array([1, 2]) != .array([1, 2, 3]))
        #expect(JSONValue.array([1, 2]) == .array([1.0, 2.0]))
    }

    @Test func comparesStringsByCodePoints() {
        #expect(JSONValue.string("\u{E9}") != .string("e\u{301}"))
        #expect(JSONValue.string("\u{E9}") == .string("\u{E9}"))
        #expect(Set<JSONValue>([.string("\u{E9}"), .string("e\u{301}")]).count == 2)
    }

    @Test func hashesConsistentlyWithEquality() throws {
        let values: [JSONValue] = [
            .int(1), .double(1.0),
            .int(0), .double(0.0), .double(-0.0),
            try JSONValue(parsing: #"{"a":1,"b":[true,null]}"#),
            try JSONValue(parsing: #"{"b":[true,null],"a":1.0}"#),
            [1, 2.0], [1.0, 2],
            "s", "s",
            .double(1.5),
            .int(.max), .double(0x1p63),
        ]
        let set = Set(values)
        #expect(set.count == 8)
        #expect(set.contains(.double(2.0)) == false)
        #expect(set.contains(.double(1.0)))
        #expect(set.contains(["b": [true, nil], "a": 1]))
        #expect(set.contains([1.0, 2.0]))
        #expect(!set.contains([2, 1]))
    }

    @Test func hashesEqualValuesAlike() throws {
        let pairs: [(JSONValue, JSONValue)] = [
            (.int(42), .double(42)),
            (.int(0), .double(-0.0)),
            (["a": 1, "b": 2, "c": 3], ["c": 3.0, "a": 1, "b": 2]),
            ([["x": 1, "y": 2]], [["y": 2, "x": 1]]),
        ]
        for (a, b) in pairs {
            #expect(a == b)
            #expect(a.hashValue == b.hashValue, "\(a) vs \(b)")
        }
    }

    // MARK: Accessors

    @Test(arguments: [
        (JSONValue.null, "null"),
        (.bool(true), "boolean"),
        (.int(3), "integer"),
        (.double(3.0), "integer"),
        (.double(-0.0), "integer"),
        (.double(3.5), "number"),
        (.double(.infinity), "number"),
        (.string("3"), "string"),
        (.array([]), "array"),
        (.object([:]), "object"),
    ] as [(JSONValue, String)])
    func namesTypesAsJSONSchemaDoes(value: JSONValue, expected: String) {
        #expect(value.typeName == expected)
    }

    @Test(arguments: [
        (.int(7), 7),
        (.double(7.0), 7),
        (.double(-0.0), 0),
        (.double(7.5), nil),
        (.double(0x1p63), nil),
        (.double(-0x1p63), .min),
        (.double(.infinity), nil),
        (.double(.nan), nil),
        (.string("7"), nil),
        (.bool(true), nil),
    ] as [(JSONValue, Int64?)])
    func readsExactIntegerValues(value: JSONValue, expected: Int64?) {
        #expect(value.intValue == expected)
    }

    @Test func readsTypedAccessors() {
        #expect(JSONValue.int(2).doubleValue == 2.0)
        #expect(JSONValue.double(2.5).doubleValue == 2.5)
        #expect(JSONValue.string("2").doubleValue == nil)
        #expect(JSONValue.int(2).isNumber)
        #expect(JSONValue.double(2).isNumber)
        #expect(!JSONValue.string("2").isNumber)
        #expect(!JSONValue.null.isNumber)
        #expect(JSONValue.string("s").stringValue == "s")
        #expect(JSONValue.int(1).stringValue == nil)
        #expect(JSONValue.bool(false).boolValue == false)
        #expect(JSONValue.int(0).boolValue == nil)
        #expect(JSONValue.array([1]).arrayValue == [1])
        #expect(JSONValue.object([:]).arrayValue == nil)
        #expect(JSONValue.object(["k": 1]).objectValue?["k"] == 1)
        #expect(JSONValue.array([]).objectValue == nil)
    }

    @Test func subscriptsObjectsAndArrays() {
        let value: JSONValue = ["list": [10, 20, 30], "name": "n"]
        #expect(value["name"] == "n")
        #expect(value["missing"] == nil)
        #expect(value["list"]?[0] == 10)
        #expect(value["list"]?[2] == 30)
        #expect(value["list"]?[3] == nil)
        #expect(value["list"]?[-1] == nil)
        #expect(value[0] == nil)
        #expect(value["name"]?["x"] == nil)
    }

    // MARK: Literals and descriptions

    @Test func buildsFromLiterals() {
        let value: JSONValue = ["n": nil, "b": true, "i": 5, "d": 2.5, "s": "x", "a": [1], "o": ["k": "v"]]
        guard case .object(let object) = value else {
            Issue.record("expected an object")
            return
        }
        #expect(object.keys == ["n", "b", "i", "d", "s", "a", "o"])
        #expect(object["n"] == .null)
        #expect(object["b"] == .bool(true))
        guard case .int(5) = object["i"] else {
            Issue.record("integer literal is not .int(5)")
            return
        }
        guard case .double(2.5) = object["d"] else {
            Issue.record("float literal is not .double(2.5)")
            return
        }
        #expect(object["s"] == .string("x"))
        #expect(object["a"] == .array([.int(1)]))
        #expect(object["o"] == .object(JSONObject([("k", .string("v"))])))
    }

    @Test func keepsLastValueOfDuplicateLiteralKey() {
        let value: JSONValue = ["a": 1, "b": 2, "a": 3]
        #expect(value.objectValue?.keys == ["a", "b"])
        #expect(value["a"] == 3)
        #expect(value.description == #"{"a":3,"b":2}"#)
    }

    @Test(arguments: [
        (JSONValue.null, "null"),
        (.bool(false), "the boolean false"),
        (.int(-3), "the number -3"),
        (.double(2.5), "the number 2.5"),
        (.string("12,50"), #"the string "12,50""#),
        (.string("a\"b"), #"the string "a\"b""#),
        (.array([1]), "an array of 1 item"),
        (.array([1, 2]), "an array of 2 items"),
        (.array([]), "an array of 0 items"),
        (.object(["a": 1]), "an object of 1 member"),
        (.object(["a": 1, "b": 2]), "an object of 2 members"),
    ] as [(JSONValue, String)])
    func describesValuesShortly(value: JSONValue, expected: String) {
        #expect(value.shortDescription == expected)
    }

    @Test func truncatesLongStringsInShortDescriptionAtFortyScalars() {
        let long = String(repeating: "é", count: 41)
        #expect(JSONValue.string(long).shortDescription == "the string \"" + String(repeating: "é", count: 40) + "…\"")
        let exact = String(repeating: "x", count: 40)
        #expect(JSONValue.string(exact).shortDescription == "the string \"\(exact)\"")
    }

    @Test func describesAsCompactJSON() {
        let value: JSONValue = ["a": [1, 2.5, "s"], "b": nil]
        #expect(value.description == #"{"a":[1,2.5,"s"],"b":null}"#)
        #expect("\(value)" == #"{"a":[1,2.5,"s"],"b":null}"#)
    }
}
