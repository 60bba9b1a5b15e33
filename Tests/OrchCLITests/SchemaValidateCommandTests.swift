import Foundation
import OrchJSON
import Testing

@Suite("orch-mcp schema validate")
struct SchemaValidateCommandTests {
    static let schema = ##"{"type":"object","required":["items"],"properties":{"items":{"type":"array","items":{"type":"object","required":["price"],"properties":{"price":{"type":"number"}}}}}}"##

    @Test func validInstanceExitsZero() async throws {
        let out = try await CLIRunner.run(["schema", "validate", try CLIRunner.file(Self.schema), try CLIRunner.file(#"{"items":[{"price":1.5}]}"#)])
        #expect(out.status == 0)
        #expect(out.stdout.hasSuffix(": valid\n"))
    }

    @Test func invalidInstanceExitsOneAndNamesEveryError() async throws {
        let out = try await CLIRunner.run(["schema", "validate", try CLIRunner.file(Self.schema), try CLIRunner.file(#"{"items":[{"price":1},{"price":"12,50"},{}]}"#)])
        #expect(out.status == 1)
        #expect(out.stdout.contains("invalid, 2 errors"))
        #expect(out.stdout.contains(#"`/items/1/price`: expected a number, found the string "12,50""#))
        #expect(out.stdout.contains(#"`/items/2`: the required property "price" is missing"#))
    }

    @Test func jsonOutputCarriesLocations() async throws {
        let out = try await CLIRunner.run(["schema", "validate", "--json", try CLIRunner.file(Self.schema), try CLIRunner.file(#"{"items":[{"price":"x"}]}"#)])
        #expect(out.status == 1)
        let result = try JSONValue(parsing: out.stdout)
        #expect(result["valid"] == false)
        #expect(result["errors"]?[0]?["instanceLocation"] == "/items/0/price")
        #expect(result["errors"]?[0]?["keywordLocation"] == "/properties/items/items/properties/price/type")
    }

    @Test func missingFileExitsTwo() async throws {
        let out = try await CLIRunner.run(["schema", "validate", "/nonexistent/schema.json", try CLIRunner.file("{}")])
        #expect(out.status == 2)
        #expect(out.stderr.contains("'/nonexistent/schema.json' does not exist"))
        #expect(out.stdout.isEmpty)
    }

    @Test func truncatedInstanceExitsTwoWithTheByteOffset() async throws {
        let out = try await CLIRunner.run(["schema", "validate", try CLIRunner.file(Self.schema), try CLIRunner.file(#"{"items": [1, 2"#)])
        #expect(out.status == 2)
        #expect(out.stderr.contains("is not valid JSON: invalid JSON at byte 15"))
    }

    @Test func invalidSchemaExitsTwoNamingTheKeyword() async throws {
        let out = try await CLIRunner.run(["schema", "validate", try CLIRunner.file(#"{"properties": {"a": {"minLength": -1}}}"#), try CLIRunner.file("{}")])
        #expect(out.status == 2)
        #expect(out.stderr.contains("'/properties/a/minLength'"))
    }

    @Test(arguments: [["schema", "validate"], ["schema", "validate", "--bogus", "a", "b"], ["schema", "validate", "--default-draft", "4", "a", "b"], ["schema", "validate", "--resource", "noequals", "a", "b"], ["nosuchcommand"]])
    func usageErrorsExitTwo(_ arguments: [String]) async throws {
        let out = try await CLIRunner.run(arguments)
        #expect(out.status == 2, "\(arguments): \(out.stderr)")
        #expect(!out.stderr.isEmpty)
    }

    @Test func batchAnswersEveryLineInOrder() async throws {
        let input = [
            ##"{"schema":{"type":"string"},"instance":"ok"}"##,
            ##"{"schema":{"type":"string"},"instance":42}"##,
            "this is not json",
            ##"{"instance":1}"##,
            ##"{"schema":{"$ref":"#/nowhere"},"instance":1}"##,
            ##"{"schema":{"type":"string"},"instance":"again"}"##,
        ].joined(separator: "\n") + "\n"
        let out = try await CLIRunner.run(["schema", "validate", "--batch"], stdin: input)
        #expect(out.status == 0)
        let lines = out.stdout.split(separator: "\n").map { try? JSONValue(parsing: String($0)) }
        try #require(lines.count == 6)
        #expect(lines[0]?["valid"] == true)
        #expect(lines[1]?["valid"] == false)
        #expect(lines[1]?["errors"]?[0]?["message"] == "expected a string, found the number 42")
        #expect(lines[2]?["error"]?.stringValue?.hasPrefix("line 3: invalid JSON at byte 0") == true)
        #expect(lines[3]?["error"]?.stringValue?.contains(#"the member "schema" is missing"#) == true)
        #expect(lines[4]?["error"]?.stringValue?.contains("points nowhere") == true)
        #expect(lines[5]?["valid"] == true)
    }

    @Test func batchUsesTheSchemaFileForLinesWithoutOne() async throws {
        let input = (0..<500).map { #"{"instance": {"items": [{"price": \#($0)}]}}"# }.joined(separator: "\n")
        let out = try await CLIRunner.run(["schema", "validate", "--batch", try CLIRunner.file(Self.schema)], stdin: input)
        #expect(out.status == 0)
        let lines = out.stdout.split(separator: "\n")
        #expect(lines.count == 500)
        #expect(lines.allSatisfy { $0 == #"{"valid":true,"errors":[]}"# })
    }

    @Test func batchReportsInvalidUTF8WithItsOffset() async throws {
        let bytes = Array(#"{"schema":{},"instance":"ab"#.utf8) + [0xFF] + Array(#""}"#.utf8) + [0x0A] + Array(#"{"schema":{},"instance":1}"#.utf8)
        let out = try await CLIRunner.run(["schema", "validate", "--batch"], stdinBytes: bytes)
        #expect(out.status == 0)
        let lines = out.stdout.split(separator: "\n").map(String.init)
        try #require(lines.count == 2)
        #expect(lines[0].contains("line 1: invalid JSON at byte 27: The string contains bytes that are not valid UTF-8."))
        #expect(lines[1] == #"{"valid":true,"errors":[]}"#)
    }

    @Test func resourcesServeRemoteReferences() async throws {
        let directory = URL(fileURLWithPath: try CLIRunner.file(#"{"type": "integer"}"#, name: "integer.json")).deletingLastPathComponent().path
        let schema = try CLIRunner.file(#"{"$ref": "https://schemas.example/integer.json"}"#)
        let ok = try await CLIRunner.run(["schema", "validate", "--resource", "https://schemas.example/=\(directory)", schema, try CLIRunner.file("3")])
        #expect(ok.status == 0)
        let bad = try await CLIRunner.run(["schema", "validate", "--resource", "https://schemas.example/=\(directory)", schema, try CLIRunner.file("3.5")])
        #expect(bad.status == 1)
        let unregistered = try await CLIRunner.run(["schema", "validate", schema, try CLIRunner.file("3")])
        #expect(unregistered.status == 2)
        #expect(unregistered.stderr.contains("nothing is fetched from the network"))
    }

    @Test func formatAssertionIsOptIn() async throws {
        let schema = try CLIRunner.file(#"{"format": "email"}"#)
        let instance = try CLIRunner.file(#""not-an-email""#)
        #expect(try await CLIRunner.run(["schema", "validate", schema, instance]).status == 0)
        let strict = try await CLIRunner.run(["schema", "validate", "--format-assertion", schema, instance])
        #expect(strict.status == 1)
        #expect(strict.stdout.contains("is not a valid email"))
    }
}
