import Foundation
import OrchJSON
@testable import OrchSchema
import Testing

private func schema(_ text: String, _ options: Schema.Options = .init(), resources: SchemaResources = .init()) throws -> Schema {
    try Schema(try JSONValue(parsing: text), resources: resources, options: options)
}

private func value(_ text: String) throws -> JSONValue { try JSONValue(parsing: text) }

private func compileError(_ text: String) -> SchemaError? {
    do {
        _ = try schema(text)
        return nil
    } catch {
        return error as? SchemaError
    }
}

@Suite("Schema")
struct SchemaTests {
    @Test func reportsInstanceLocationKeywordLocationAndReadableMessage() throws {
        let s = try schema(##"{"type":"object","properties":{"items":{"type":"array","items":{"type":"object","properties":{"price":{"type":"number"}}}}}}"##)
        let result = s.validate(try value(##"{"items":[{"price":1},{"price":2.5},{"price":"12,50"}]}"##))
        try #require(result.errors.count == 1)
        let error = result.errors[0]
        #expect(error.instanceLocation.description == "/items/2/price")
        #expect(error.keywordLocation == "/properties/items/items/properties/price/type")
        #expect(error.message == #"expected a number, found the string "12,50""#)
        #expect(error.description == #"`/items/2/price`: expected a number, found the string "12,50""#)
    }

    @Test func collectsEveryErrorButIsValidStopsEarly() throws {
        let s = try schema(##"{"type":"object","required":["a","b","c"],"properties":{"d":{"type":"string"}}}"##)
        let instance = try value(##"{"d": 1}"##)
        #expect(s.validate(instance).errors.count == 4)
        #expect(s.isValid(instance) == false)
    }

    @Test(arguments: [("19.99", true), ("0.07", true), ("0.075", false), ("1e-2", true), ("10", true), ("0.1", true), ("4.005", false)])
    func multipleOfIsExactForDecimals(_ number: String, _ expected: Bool) throws {
        let s = try schema(##"{"multipleOf": 0.01}"##)
        #expect(s.isValid(try value(number)) == expected)
    }

    @Test func multipleOfOverflowIsInvalidNotACrash() throws {
        let s = try schema(##"{"type":"integer","multipleOf":0.123456789}"##)
        #expect(s.isValid(try value("1e308")) == false)
    }

    @Test func uniqueItemsUsesJSONEquality() throws {
        let s = try schema(##"{"uniqueItems": true}"##)
        #expect(s.isValid(try value("[1, 1.0]")) == false)
        #expect(s.isValid(try value(##"[{"a":1,"b":2},{"b":2,"a":1}]"##)) == false)
        #expect(s.isValid(try value(##"[1, "1", true, [1], {"1":1}]"##)) == true)
        let many = JSONValue.array((0..<100).map { JSONValue.int($0) } + [.double(42)])
        let result = s.validate(many)
        #expect(result.errors.first?.message == "items 42 and 100 are equal, but items must be unique")
    }

    @Test func stringLengthCountsCodePoints() throws {
        let s = try schema(##"{"maxLength": 2, "minLength": 2}"##)
        #expect(s.isValid(.string("😀😀")))
        #expect(s.isValid(.string("é1")))
        #expect(!s.isValid(.string("😀😀😀")))
        #expect(!s.isValid(.string("😀")))
    }

    @Test func patternFollowsECMAScript() throws {
        let digits = try schema(##"{"pattern": "^\\d+$"}"##)
        #expect(digits.isValid(.string("123")))
        #expect(!digits.isValid(.string("١٢٣")), "\\d is ASCII-only in ECMA-262")
        #expect(!digits.isValid(.string("123\n")), "$ matches only at the very end")
        let unanchored = try schema(##"{"pattern": "b"}"##)
        #expect(unanchored.isValid(.string("abc")))
    }

    @Test func formatIsAnAnnotationUnlessAsserted() throws {
        let text = ##"{"format": "date-time"}"##
        #expect(try schema(text).isValid(.string("yesterday")))
        let strict = try schema(text, .init(formatAssertion: true))
        #expect(!strict.isValid(.string("yesterday")))
        #expect(strict.isValid(.string("2026-11-21T10:05:00Z")))
        #expect(strict.validate(.string("yesterday")).errors.first?.message == #"the string "yesterday" is not a valid date-time"#)
    }

    @Test(arguments: [
        ("email", "a@example.com", "not an email"), ("uuid", "123e4567-e89b-12d3-a456-426614174000", "123e4567"),
        ("ipv4", "192.168.0.1", "256.1.1.1"), ("ipv6", "::1", "1:::2"), ("date", "2024-02-29", "2023-02-29"),
        ("hostname", "example.com", "-bad-.com"), ("uri", "https://example.com/a?b#c", "not a uri"),
        ("time", "10:05:00Z", "25:00:00Z"),
    ])
    func assertsCommonFormats(_ format: String, _ good: String, _ bad: String) throws {
        let s = try schema(##"{"format": "\##(format)"}"##, .init(formatAssertion: true))
        #expect(s.isValid(.string(good)))
        #expect(!s.isValid(.string(bad)))
    }

    @Test func readsDraft07WhenTheSchemaSaysSo() throws {
        // In draft-07, `items` as an array is a tuple and `$ref` hides its siblings.
        let s = try schema(##"{"$schema": "http://json-schema.org/draft-07/schema#", "items": [{"type": "integer"}], "additionalItems": false}"##)
        #expect(s.isValid(try value("[1]")))
        #expect(!s.isValid(try value("[1, 2]")))
        let ref = try schema(##"{"$schema": "http://json-schema.org/draft-07/schema#", "definitions": {"a": {"type": "integer"}}, "$ref": "#/definitions/a", "maximum": 0}"##)
        #expect(ref.isValid(5))
    }

    @Test func resolvesRemoteReferencesOnlyFromRegisteredResources() throws {
        var resources = SchemaResources()
        resources.add(try value(##"{"$defs": {"price": {"type": "number", "minimum": 0}}}"##), uri: "https://schemas.example/common.json")
        let s = try schema(##"{"$ref": "https://schemas.example/common.json#/$defs/price"}"##, resources: resources)
        #expect(s.isValid(3))
        #expect(!s.isValid(-1))
        let missing = compileError(##"{"$ref": "https://schemas.example/other.json"}"##)
        #expect(missing?.code == .unresolvedReference)
        #expect(missing?.message.contains("nothing is fetched from the network") == true)
    }

    @Test(arguments: [
        ##"{"$ref": "#/$defs/missing"}"##,
        ##"{"$ref": "#nowhere"}"##,
        ##"{"properties": {"a": {"$ref": "other.json"}}}"##,
    ])
    func referenceThatPointsNowhereIsAClearError(_ text: String) throws {
        let error = try #require(compileError(text))
        #expect(error.code == .unresolvedReference)
        #expect(error.message.contains("points nowhere"))
    }

    @Test(arguments: [
        ##"{"$ref": "#"}"##,
        ##"{"$defs": {"a": {"$ref": "#/$defs/b"}, "b": {"$ref": "#/$defs/a"}}, "$ref": "#/$defs/a"}"##,
        ##"{"$defs": {"a": {"allOf": [{"$ref": "#/$defs/a"}]}}, "properties": {"x": {"$ref": "#/$defs/a"}}}"##,
    ])
    func referenceCycleWithoutProgressIsRejected(_ text: String) throws {
        let error = try #require(compileError(text))
        #expect(error.code == .referenceCycle)
        #expect(error.message.contains("→"))
    }

    @Test func recursionThroughTheInstanceIsFine() throws {
        let s = try schema(##"{"type": "object", "properties": {"children": {"type": "array", "items": {"$ref": "#"}}}}"##)
        var tree: JSONValue = ["children": []]
        for _ in 0..<200 { tree = ["children": [tree]] }
        #expect(s.isValid(tree))
    }

    @Test(arguments: [##"{"pattern": "(unclosed"}"##, ##"{"patternProperties": {"[z-a]": {}}}"##])
    func regexThatDoesNotCompileIsAClearError(_ text: String) throws {
        let error = try #require(compileError(text))
        #expect(error.code == .invalidPattern)
        #expect(error.message.contains("does not compile"))
    }

    @Test func invalidSchemaNamesThePlace() throws {
        let error = try #require(compileError(##"{"properties": {"price": {"type": "money"}}}"##))
        #expect(error.code == .invalidSchema)
        #expect(error.location == "/properties/price/type")
        #expect(!error.violations.isEmpty)
    }

    @Test func nonSchemaIsRejected() throws {
        #expect(compileError("42")?.code == .invalidSchema)
        #expect(compileError(##"{"minLength": -1}"##)?.code == .invalidSchema)
    }

    @Test func deepInstanceAgainstRecursiveSchemaDoesNotCrash() throws {
        let s = try schema(##"{"items": {"$ref": "#"}, "type": ["array", "integer"]}"##)
        var deep: JSONValue = 1
        for _ in 0..<10_000 { deep = .array([deep]) }
        let result = s.validate(deep)
        #expect(!result.valid)
        #expect(result.errors.first?.message.contains("deeper than") == true)
        #expect(!s.isValid(deep))
    }

    @Test func compiledSchemaValidatesConcurrently() async throws {
        let s = try schema(##"{"type": "object", "properties": {"n": {"type": "integer", "maximum": 100}}}"##)
        let verdicts = await withTaskGroup(of: Bool.self) { group in
            for i in 0..<200 { group.addTask { s.isValid(["n": .int(Int64(i))]) } }
            var all: [Bool] = []
            for await verdict in group { all.append(verdict) }
            return all
        }
        #expect(verdicts.filter { $0 }.count == 101)
    }

    @Test func unevaluatedPropertiesSeesThroughReferences() throws {
        let s = try schema(##"{"$defs": {"base": {"properties": {"a": {}}}}, "$ref": "#/$defs/base", "properties": {"b": {}}, "unevaluatedProperties": false}"##)
        #expect(s.isValid(["a": 1, "b": 2]))
        let result = s.validate(["a": 1, "c": 3])
        #expect(result.errors.map(\.instanceLocation.description) == ["/c"])
        #expect(result.errors.first?.message == #"the property "c" is not allowed (unevaluatedProperties)"#)
    }

    @Test func additionalPropertiesErrorNamesTheAllowedOnes() throws {
        let s = try schema(##"{"properties": {"name": {}, "total": {}}, "additionalProperties": false}"##)
        let result = s.validate(["name": "x", "colour": "red"])
        #expect(result.errors.first?.instanceLocation.description == "/colour")
        #expect(result.errors.first?.message == #"the property "colour" is not allowed (additionalProperties is false); allowed: name, total"#)
    }
}

@Suite("Schema memory")
struct SchemaMemoryTests {
    @Test func recursiveSchemasAreFreedWithTheirLastCopy() throws {
        weak var node: SchemaNode?
        do {
            let schema = try Schema(try JSONValue(parsing: ##"{"properties": {"kids": {"items": {"$ref": "#"}}}}"##))
            node = schema.root
            #expect(node != nil)
            #expect(schema.isValid(["kids": [["kids": []]]]))
        }
        #expect(node == nil, "a self-referencing schema leaked")
    }
}
