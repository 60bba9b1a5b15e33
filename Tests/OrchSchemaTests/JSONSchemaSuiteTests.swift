import Foundation
import OrchJSON
import OrchSchema
import Testing

/// One file of the official JSON-Schema-Test-Suite.
struct SuiteFile: Sendable, CustomTestStringConvertible {
    let draft: String
    let name: String
    var url: URL { Paths.suite.appendingPathComponent("tests/\(draft)/\(name)") }
    var testDescription: String { "\(draft)/\(name)" }

    static func all(_ draft: String) -> [SuiteFile] {
        let directory = Paths.suite.appendingPathComponent("tests/\(draft)")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(".json") }.sorted().map { SuiteFile(draft: draft, name: $0) }
    }
}

/// The outcome of every case in one suite file.
struct SuiteOutcome {
    var passed: [String] = []
    var failed: [String: String] = [:]  // case id → what went wrong

    static func run(_ file: SuiteFile) throws -> SuiteOutcome {
        let groups = try Paths.json(file.url).arrayValue ?? []
        let draft: Schema.Draft = file.draft == "draft7" ? .draft7 : .draft2020_12
        var outcome = SuiteOutcome()
        for group in groups {
            let groupName = group["description"]?.stringValue ?? "?"
            let tests = group["tests"]?.arrayValue ?? []
            let schema: Schema
            do {
                schema = try Schema(group["schema"] ?? .null, resources: SuiteRemotes.resources, options: .init(defaultDraft: draft))
            } catch {
                for test in tests {
                    outcome.failed[id(file, groupName, test)] = "schema did not compile: \(error)"
                }
                continue
            }
            for test in tests {
                let expected = test["valid"]?.boolValue ?? false
                let data = test["data"] ?? .null
                let result = schema.validate(data)
                let fast = schema.isValid(data)
                let caseID = id(file, groupName, test)
                if result.valid != expected {
                    outcome.failed[caseID] = "expected valid=\(expected), got \(result.valid): \(result.errors.map(\.description))"
                } else if fast != expected {
                    outcome.failed[caseID] = "isValid gave \(fast), validate gave \(result.valid)"
                } else if !expected && result.errors.isEmpty {
                    outcome.failed[caseID] = "invalid without any error message"
                } else {
                    outcome.passed.append(caseID)
                }
            }
        }
        return outcome
    }

    static func id(_ file: SuiteFile, _ group: String, _ test: JSONValue) -> String {
        "\(file.draft)/\(file.name) :: \(group) :: \(test["description"]?.stringValue ?? "?")"
    }
}

enum SuiteRemotes {
    /// `remotes/` served at `http://localhost:1234/`, as the suite prescribes.
    static let resources: SchemaResources = {
        var resources = SchemaResources()
        try? resources.addDirectory(Paths.suite.appendingPathComponent("remotes").path, uriPrefix: "http://localhost:1234/")
        return resources
    }()

    /// Cases this validator deliberately does not support, each with a reason.
    static let unsupported: [String: String] = {
        let url = Paths.repository.appendingPathComponent("Tests/OrchSchemaTests/Fixtures/unsupported-suite-cases.json")
        guard let list = try? Paths.json(url).arrayValue else { return [:] }
        var map: [String: String] = [:]
        for entry in list {
            if let id = entry["case"]?.stringValue { map[id] = entry["reason"]?.stringValue ?? "" }
        }
        return map
    }()
}

@Suite("JSON-Schema-Test-Suite")
struct JSONSchemaSuiteTests {
    @Test("draft 2020-12", arguments: SuiteFile.all("draft2020-12"))
    func draft2020(_ file: SuiteFile) throws { try check(file) }

    @Test("draft-07", arguments: SuiteFile.all("draft7"))
    func draft7(_ file: SuiteFile) throws { try check(file) }

    private func check(_ file: SuiteFile) throws {
        let outcome = try SuiteOutcome.run(file)
        for (caseID, problem) in outcome.failed.sorted(by: { $0.key < $1.key }) where SuiteRemotes.unsupported[caseID] == nil {
            Issue.record("\(caseID): \(problem)")
        }
        for caseID in outcome.passed where SuiteRemotes.unsupported[caseID] != nil {
            Issue.record("\(caseID) is listed as unsupported but now passes: remove it from unsupported-suite-cases.json")
        }
        #expect(!outcome.passed.isEmpty, "no case of \(file.testDescription) passed")
    }

    @Test("the suite is present and at least 99 % of each draft passes", arguments: ["draft2020-12", "draft7"])
    func passRate(_ draft: String) throws {
        let files = SuiteFile.all(draft)
        try #require(files.count > 30, "the JSON-Schema-Test-Suite was not found at \(Paths.suite.path)")
        var passed = 0
        var total = 0
        for file in files {
            let outcome = try SuiteOutcome.run(file)
            passed += outcome.passed.count
            total += outcome.passed.count + outcome.failed.count
        }
        let rate = Double(passed) / Double(total)
        print("JSON-Schema-Test-Suite \(draft): \(passed)/\(total) cases pass (\(String(format: "%.2f", rate * 100)) %)")
        #expect(rate >= 0.99)
    }
}

/// The suite's `optional/format` files, run with format assertion on, for every format
/// orch-mcp checks. (Formats it treats as annotations only — idn-email, idn-hostname, iri,
/// iri-reference — are left out, as the spec allows.)
@Suite("JSON-Schema-Test-Suite optional formats")
struct JSONSchemaFormatSuiteTests {
    static let checked: Set<String> = [
        "date-time", "date", "time", "duration", "email", "hostname", "ipv4", "ipv6", "uri", "uri-reference",
        "uri-template", "uuid", "json-pointer", "relative-json-pointer", "regex",
    ]

    static func files() -> [SuiteFile] {
        ["draft2020-12", "draft7"].flatMap { draft -> [SuiteFile] in
            let directory = Paths.suite.appendingPathComponent("tests/\(draft)/optional/format")
            let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
            return names.filter { checked.contains(String($0.dropLast(5))) }.sorted().map { SuiteFile(draft: "\(draft)/optional/format", name: $0) }
        }
    }

    @Test("format assertion", arguments: files())
    func formatAssertion(_ file: SuiteFile) throws {
        let groups = try Paths.json(file.url).arrayValue ?? []
        let draft: Schema.Draft = file.draft.hasPrefix("draft7") ? .draft7 : .draft2020_12
        var passed = 0
        for group in groups {
            let schema = try Schema(group["schema"] ?? .null, options: .init(defaultDraft: draft, formatAssertion: true))
            for test in group["tests"]?.arrayValue ?? [] {
                let data = test["data"] ?? .null
                let expected = test["valid"]?.boolValue
                if schema.isValid(data) == expected {
                    passed += 1
                } else {
                    Issue.record("\(file.testDescription) :: \(group["description"]?.stringValue ?? "") :: \(test["description"]?.stringValue ?? ""): expected valid=\(String(describing: expected)) for \(data)")
                }
            }
        }
        #expect(passed > 0)
    }
}
