import OrchJSON
import Testing

/// An object with members `k0`…`k<count-1>` whose values are their indices.
func numberedObject(_ count: Int) -> JSONObject {
    var object = JSONObject()
    for i in 0..<count { object["k\(i)"] = .int(Int64(i)) }
    return object
}

@Suite struct JSONObjectTests {
    @Test func keepsInsertionOrder() {
        var object = JSONObject()
        object["z"] = 1
        object["a"] = 2
        object["m"] = 3
        #expect(object.keys == ["z", "a", "m"])
        #expect(object.values == [1, 2, 3])
        #expect(object.map(\.key) == ["z", "a", "m"])
        #expect(object.count == 3)
        #expect(!object.isEmpty)
        #expect(JSONObject().isEmpty)
    }

    @Test func keepsParsedOrderAndWritesItBack() throws {
        let text = #"{"zeta":1,"alpha":{"y":2,"b":3},"mid":[{"q":1,"p":2}]}"#
        let value = try JSONValue(parsing: text)
        #expect(value.objectValue?.keys == ["zeta", "alpha", "mid"])
        #expect(value["alpha"]?.objectValue?.keys == ["y", "b"])
        #expect(value.jsonBytes() == Array(text.utf8))
    }

    @Test func keepsLastValueOfDuplicateKeyAtFirstPosition() throws {
        let value = try JSONValue(parsing: #"{"a":1,"b":2,"a":3}"#)
        let object = try #require(value.objectValue)
        #expect(object.keys == ["a", "b"])
        #expect(object["a"] == 3)
        #expect(object["b"] == 2)
        #expect(JSONWriter.string(value) == #"{"a":3,"b":2}"#)
    }

    @Test func keepsLastValueOfDuplicateKeyInInitialiser() {
        let object = JSONObject([("x", 1), ("y", 2), ("x", 3), ("y", 4), ("z", 5)])
        #expect(object.keys == ["x", "y", "z"])
        #expect(object.values == [3, 4, 5])
    }

    @Test func replacesExistingKeyInPlace() {
        var object: JSONObject = ["a": 1, "b": 2, "c": 3]
        object["b"] = "two"
        #expect(object.keys == ["a", "b", "c"])
        #expect(object["b"] == "two")
        object.append("a", "one")
        #expect(object.keys == ["a", "b", "c"])
        #expect(object.values == ["one", "two", 3])
    }

    @Test func removesMemberWhenAssignedNil() {
        var object: JSONObject = ["a": 1, "b": 2, "c": 3]
        object["b"] = nil
        #expect(object.keys == ["a", "c"])
        #expect(object.values == [1, 3])
        #expect(object["b"] == nil)
        #expect(object.position(of: "c") == 1)
        object["missing"] = nil
        #expect(object.count == 2)
        object["b"] = 4
        #expect(object.keys == ["a", "c", "b"])
    }

    @Test func storesJSONNullDistinctFromRemoval() {
        var object = JSONObject()
        object["n"] = .null
        #expect(object.count == 1)
        #expect(object["n"] == .null)
        #expect(object.position(of: "n") == 0)
    }

    @Test(arguments: [1, 15, 16, 17, 18, 40, 200])
    func looksUpEveryMemberAtAnySize(count: Int) {
        let object = numberedObject(count)
        #expect(object.count == count)
        for i in 0..<count {
            #expect(object["k\(i)"] == .int(Int64(i)))
            #expect(object.position(of: "k\(i)") == i)
        }
        #expect(object["k\(count)"] == nil)
        #expect(object.position(of: "missing") == nil)
    }

    @Test(arguments: [16, 17, 40])
    func replacesAndRemovesInLargeObjects(count: Int) throws {
        var object = numberedObject(count)
        object["k3"] = "three"
        #expect(object.position(of: "k3") == 3)
        #expect(object.count == count)
        object.append("k5", "five")
        #expect(object.position(of: "k5") == 5)
        #expect(object["k5"] == "five")

        object["k0"] = nil
        object["k10"] = nil
        #expect(object.count == count - 2)
        #expect(object["k0"] == nil)
        #expect(object["k10"] == nil)
        #expect(object.position(of: "k1") == 0)
        #expect(object.position(of: "k11") == 9)
        let last = "k\(count - 1)"
        #expect(object.position(of: last) == count - 3)
        #expect(object[last] == .int(Int64(count - 1)))
        for i in 1..<count where i != 10 {
            #expect(object.keys[try #require(object.position(of: "k\(i)"))] == "k\(i)")
        }

        object["k0"] = "back"
        #expect(object.keys.last == "k0")
        #expect(object.position(of: "k0") == count - 2)
        object["new"] = true
        #expect(object.position(of: "new") == count - 1)
        #expect(object["new"] == true)
        object.append("new", false)
        #expect(object.count == count)
        #expect(object["new"] == false)
    }

    @Test func shrinksBelowIndexThresholdAndGrowsBack() {
        var object = numberedObject(30)
        for i in 0..<25 { object["k\(i)"] = nil }
        #expect(object.keys == ["k25", "k26", "k27", "k28", "k29"])
        #expect(object["k27"] == 27)
        #expect(object.position(of: "k29") == 4)
        for i in 0..<25 { object["k\(i)"] = .int(Int64(i)) }
        #expect(object.count == 30)
        #expect(object.position(of: "k0") == 5)
        #expect(object.position(of: "k24") == 29)
        #expect(object["k12"] == 12)
    }

    @Test func parsesLargeObjectWithDuplicates() throws {
        var text = "{"
        for i in 0..<40 { text += "\"k\(i)\":\(i)," }
        text += #""k3":"dup","k39":"last"}"#
        let object = try #require(try JSONValue(parsing: text).objectValue)
        #expect(object.count == 40)
        #expect(object.position(of: "k3") == 3)
        #expect(object["k3"] == "dup")
        #expect(object.position(of: "k39") == 39)
        #expect(object["k39"] == "last")
    }

    @Test(arguments: [2, 20])
    func distinguishesCanonicallyEquivalentKeys(padding: Int) throws {
        var object = numberedObject(padding)
        object["\u{E9}"] = "precomposed"
        object["e\u{301}"] = "decomposed"
        #expect(object.count == padding + 2)
        #expect(object["\u{E9}"] == "precomposed")
        #expect(object["e\u{301}"] == "decomposed")
        object["e\u{301}"] = nil
        #expect(object["\u{E9}"] == "precomposed")
        #expect(object.count == padding + 1)
    }

    @Test func parsesCanonicallyEquivalentKeysAsDistinctMembers() throws {
        let value = try JSONValue(parsing: #"{"\u00e9":1,"e\u0301":2}"#)
        #expect(value.objectValue?.count == 2)
        #expect(value["\u{E9}"] == 1)
        #expect(value["e\u{301}"] == 2)
        let swapped = try JSONValue(parsing: #"{"\u00e9":2,"e\u0301":1}"#)
        #expect(value != swapped)
    }

    @Test func comparesAndHashesRegardlessOfOrder() {
        let a: JSONObject = ["x": 1, "y": "s", "z": [1, 2]]
        let b: JSONObject = ["z": [1.0, 2.0], "x": 1.0, "y": "s"]
        let c: JSONObject = ["x": 1, "y": "t", "z": [1, 2]]
        #expect(a == b)
        #expect(a.hashValue == b.hashValue)
        #expect(a != c)
        #expect(Set([a, b, c]).count == 2)
    }

    @Test func iteratesMembersInOrder() {
        let object: JSONObject = ["b": 1, "a": 2]
        var seen: [String] = []
        var values: [JSONValue] = []
        for (key, value) in object {
            seen.append(key)
            values.append(value)
        }
        #expect(seen == ["b", "a"])
        #expect(values == [1, 2])
        #expect(object.underestimatedCount == 2)
    }

    @Test func reservesCapacityWithoutAddingMembers() {
        var object = JSONObject(minimumCapacity: 64)
        #expect(object.isEmpty)
        object["a"] = 1
        #expect(object.keys == ["a"])
    }

    @Test func usesSixteenMembersAsIndexThreshold() {
        #expect(JSONObject.indexThreshold == 16)
    }
}
