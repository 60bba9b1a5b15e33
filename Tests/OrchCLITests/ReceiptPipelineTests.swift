import Foundation
import Testing

/// The receipt pipeline through orch-mcp on every fixture receipt (Tests/Fixtures/receipts),
/// judged against its ground truth with issue #5's thresholds, and the demo a user runs first.
@Suite("receipt pipeline")
struct ReceiptPipelineTests {
    struct Fixture {
        let name: String
        let image: String
        let truth: [String: Any]
    }

    static func fixtures() throws -> [Fixture] {
        let folder = ReceiptWorkerTests.fixtures
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix(".png") && $0.first?.isNumber == true }.sorted()
        return try names.map { name in
            let truthURL = folder.appendingPathComponent(name.replacingOccurrences(of: ".png", with: ".json"))
            let truth = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: truthURL)) as? [String: Any])
            return Fixture(name: name, image: folder.appendingPathComponent(name).path, truth: truth)
        }
    }

    /// One plan for the whole set: per receipt ocr → parse → categorize, all receipts in
    /// parallel branches, then one statistics step over every receipt's items.
    static func plan(_ fixtures: [Fixture]) throws -> String {
        var steps: [[String: Any]] = []
        for (i, fixture) in fixtures.enumerated() {
            steps.append(["id": "ocr-\(i)", "tool": "receipt_ocr", "timeout_ms": 60_000, "input": ["image_uri": fixture.image]])
            steps.append(["id": "parse-\(i)", "tool": "line_item_parser", "input": ["text": "step:ocr-\(i).text"]])
            steps.append(["id": "categorize-\(i)", "tool": "expense_categorizer",
                          "input": ["items": "step:parse-\(i).items", "merchant": "step:parse-\(i).merchant"]])
        }
        steps.append(["id": "merge", "tool": "function_call",
                      "input": ["name": "merge_items", "args": ["lists": fixtures.indices.map { "step:categorize-\($0).items" }]]])
        let plan: [String: Any] = ["request_id": "fixtures", "steps": steps]
        return String(decoding: try JSONSerialization.data(withJSONObject: plan), as: UTF8.self)
    }

    static func cents(_ value: Any?) -> Int? {
        guard let number = value as? NSNumber, !(value is Bool) else { return nil }
        return Int((number.doubleValue * 100).rounded())
    }

    static func normalized(_ name: String) -> String {
        String(name.lowercased().map { $0.isLetter || $0.isNumber ? $0 : " " }).split(separator: " ").joined(separator: " ")
    }

    @Test func everyFixtureRunsThroughOrchMCPWithinTheTargets() async throws {
        let fixtures = try Self.fixtures()
        #expect(fixtures.count >= 20)
        let planFile = try CLIRunner.file(try Self.plan(fixtures), name: "fixtures.plan.json")
        let (output, elapsed) = try await CLIRunner.onOwnThread {
            try CLIRunner.run(["run", planFile, "--catalog", "catalogs/receipts.json", "--servers", "catalogs/servers.json", "--json"], timeout: 300)
        }
        let result = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any], "\(output.stderr)")
        let steps = try #require(result["steps"] as? [String: [String: Any]])
        #expect(result["status"] as? String == "succeeded", "\(output.stdout.prefix(2000))")

        var exactTotals = 0, found = 0, truthCount = 0, matched = 0, rightCategory = 0
        var misses: [String] = []
        for (i, fixture) in fixtures.enumerated() {
            let parsed = steps["parse-\(i)"]?["output"] as? [String: Any] ?? [:]
            let items = (steps["categorize-\(i)"]?["output"] as? [String: Any])?["items"] as? [[String: Any]] ?? []
            let truthItems = fixture.truth["items"] as? [[String: Any]] ?? []
            if Self.cents(parsed["total"]) == Self.cents(fixture.truth["total"]) {
                exactTotals += 1
            } else {
                misses.append("\(fixture.name): total \(parsed["total"] ?? "nil") ≠ \(fixture.truth["total"] ?? "nil")")
            }
            var remaining = truthItems
            for item in items {
                let key = (Self.normalized(item["name"] as? String ?? ""), Self.cents(item["total"]))
                if let j = remaining.firstIndex(where: { (Self.normalized($0["name"] as? String ?? ""), Self.cents($0["total"])) == key }) {
                    matched += 1
                    if item["category"] as? String == remaining[j]["category"] as? String {
                        rightCategory += 1
                    } else {
                        misses.append("\(fixture.name): '\(item["name"] ?? "")' is \(item["category"] ?? "nil"), truth \(remaining[j]["category"] ?? "nil")")
                    }
                    remaining.remove(at: j)
                } else {
                    misses.append("\(fixture.name): found '\(item["name"] ?? "")' \(item["total"] ?? "nil") not in the truth")
                }
            }
            misses += remaining.map { "\(fixture.name): missed '\($0["name"] ?? "")' \($0["total"] ?? "nil")" }
            found += items.count
            truthCount += truthItems.count
        }
        let precision = Double(matched) / Double(max(found, 1))
        let recall = Double(matched) / Double(max(truthCount, 1))
        let f1 = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0
        let totals = Double(exactTotals) / Double(fixtures.count)
        let categories = Double(rightCategory) / Double(max(matched, 1))
        let report = "exact totals \(exactTotals)/\(fixtures.count), items P \(precision) R \(recall) F1 \(f1), categories \(rightCategory)/\(matched), \(elapsed) for all; misses:\n" + misses.joined(separator: "\n")
        #expect(totals >= 0.95, "\(report)")
        #expect(f1 >= 0.95, "\(report)")
        #expect(categories >= 0.90, "\(report)")
        // The merged list has every receipt's items: the fan-in step saw all branches.
        let merged = (steps["merge"]?["output"] as? [String: Any])?["items"] as? [Any]
        #expect((merged?.count ?? 0) > fixtures.count)
    }

    @Test func theDemoPrintsTheSampleReceiptCategorizedWithTimings() async throws {
        let (output, _) = try await CLIRunner.onOwnThread { try CLIRunner.run(["demo"], timeout: 120) }
        #expect(output.status == 0, "\(output.stdout)\n\(output.stderr)")
        let truth = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: CLIRunner.repository.appendingPathComponent("catalogs/samples/receipt.json"))) as? [String: Any])
        let merchant = try #require(truth["merchant"] as? String)
        #expect(output.stdout.contains(merchant), "\(output.stdout)")
        for item in truth["items"] as? [[String: Any]] ?? [] {
            let name = try #require(item["name"] as? String)
            let category = try #require(item["category"] as? String)
            #expect(output.stdout.split(separator: "\n").contains { $0.contains(name) && $0.contains(category) }, "no row with \(name) and \(category):\n\(output.stdout)")
        }
        #expect(output.stdout.contains(String(format: "total %.2f", try #require(truth["total"] as? Double))), "\(output.stdout)")
        for step in ["ocr", "parse", "categorize", "stats", "tax"] {
            #expect(output.stdout.range(of: "\\n  \(step) +succeeded +[0-9.]+ ms", options: .regularExpression) != nil, "no timing for \(step):\n\(output.stdout)")
        }
    }

    @Test func theDemoSaysWhyAStepFailedAndPrintsNoSynthesis() async throws {
        let (output, _) = try await CLIRunner.onOwnThread { try CLIRunner.run(["demo", "--image", "Package.swift"], timeout: 120) }
        #expect(output.status == 1)
        #expect(output.stdout.contains("ocr failed: tool_error: not an image: '\(CLIRunner.repository.path)/Package.swift': the "), "\(output.stdout)")
        #expect(output.stdout.range(of: "\\n  parse +skipped", options: .regularExpression) != nil, "\(output.stdout)")
        #expect(!output.stdout.contains("null on null"), "the synthesis of a failed run is not printed")
    }

    @Test func theDemoSaysWhichWorkerIsMissing() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("orch-demo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("examples"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let catalogs = CLIRunner.repository.appendingPathComponent("catalogs")
        for file in ["receipts.json", "examples/receipt-pipeline.plan.json"] {
            try FileManager.default.copyItem(at: catalogs.appendingPathComponent(file), to: folder.appendingPathComponent(file))
        }
        try Data(#"{"mcpServers": {"receipt-ocr": {"command": "receipt-ocr"}, "line-item-parser": {"command": "no-such-parser"}, "expense-categorizer": {"command": "expense-categorizer"}}}"#.utf8)
            .write(to: folder.appendingPathComponent("servers.json"))
        let output = try CLIRunner.run(["demo", "--catalogs", folder.path, "--image", ReceiptWorkerTests.sample], timeout: 60)
        #expect(output.status == 1)
        #expect(output.stderr.contains("the worker line-item-parser could not be started"), "\(output.stderr)")
        #expect(output.stderr.contains("no-such-parser"), "\(output.stderr)")
    }
}
