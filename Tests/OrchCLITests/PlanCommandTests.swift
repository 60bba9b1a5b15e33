import Foundation
import OrchJSON
import Testing

@Suite("orch-mcp validate and run")
struct PlanCommandTests {
    static let example = "catalogs/examples/receipt-totals.plan.json"

    @Test func validPlanValidates() async throws {
        let out = try await CLIRunner.run(["validate", Self.example])
        #expect(out.status == 0, "\(out.stderr)")
        #expect(out.stdout == "\(Self.example): valid\n")
    }

    @Test func invalidPlanNamesEveryIssueWithItsPath() async throws {
        let plan = try CLIRunner.file(##"{"steps": [{"id": "a b", "tool": "compute_tx", "input": {}}, {"id": "c", "tool": "function_call", "input": {"name": "compute_tax", "args": {"amount": 1, "tax_rate": 7}}, "depends_on": ["zz"]}]}"##)
        let out = try await CLIRunner.run(["validate", "--json", plan])
        #expect(out.status == 1)
        let result = try JSONValue(parsing: out.stdout)
        #expect(result["valid"] == false)
        let paths = result["errors"]?.arrayValue?.compactMap { $0["path"]?.stringValue } ?? []
        #expect(paths.contains("/steps/0/id"))
        #expect(paths.contains("/steps/0/tool"))
        #expect(paths.contains("/steps/1/input/args/tax_rate"))
        #expect(paths.contains("/steps/1/depends_on/0"))
        let messages = result["errors"]?.arrayValue?.compactMap { $0["message"]?.stringValue } ?? []
        #expect(messages.contains { $0.contains("Did you mean 'compute_tax'?") })
    }

    @Test func codeStepsFailValidationUntilTheSandboxExists() async throws {
        let out = try await CLIRunner.run(["validate", "--sandbox", "off", "catalogs/examples/code-step.plan.json"])
        #expect(out.status == 1)
        #expect(out.stdout.contains("/steps/1/tool: code steps need the sandbox"))
    }

    /// A run says why its code steps cannot run: off, or the reason the sandbox did not start.
    @Test(arguments: [
        (["--sandbox", "off"], [String: String](), "code steps need the sandbox (orch-sandbox), which is off (--sandbox off)"),
        ([], ["ORCH_SANDBOX": "/bin/false"], "code steps need the sandbox (orch-sandbox), which could not start: The sandbox's fork server did not become ready"),
    ])
    func aRunSaysWhyItsCodeStepsCannotRun(options: [String], environment: [String: String], message: String) async throws {
        let out = try await CLIRunner.run(["run"] + options + ["catalogs/examples/code-step.plan.json"], environment: environment)
        #expect(out.status != 0)
        #expect((out.stdout + out.stderr).contains(message), "\(out.stdout)\n\(out.stderr)")
    }

    @Test(arguments: [
        (["validate", "/nonexistent/plan.json"], "does not exist"),
        (["run", "/nonexistent/plan.json"], "does not exist"),
        (["validate"], "Missing expected argument"),
        (["run", "--max-concurrency", "0", "x.json"], "--max-concurrency must be at least 1"),
        (["validate", "--catalog", "/nonexistent/catalog.json", "catalogs/examples/receipt-totals.plan.json"], "does not exist"),
    ])
    func unreadableInputsAndUsageExitTwo(_ arguments: [String], _ message: String) async throws {
        let out = try await CLIRunner.run(arguments)
        #expect(out.status == 2, "\(arguments): \(out.stderr)")
        #expect(out.stderr.contains(message), "\(out.stderr)")
    }

    @Test func planThatIsNotJSONExitsTwo() async throws {
        let out = try await CLIRunner.run(["run", try CLIRunner.file("{\"steps\": [")])
        #expect(out.status == 2)
        #expect(out.stderr.contains("is not valid JSON: invalid JSON at byte 11"))
    }

    @Test func runPrintsATableAndTheSynthesis() async throws {
        let out = try await CLIRunner.run(["run", Self.example])
        #expect(out.status == 0, "\(out.stderr)")
        #expect(out.stdout.contains(": succeeded (request req-001)"))
        #expect(out.stdout.contains(#"{"amount":15.64,"tax_rate":0.08,"tax":1.25,"total":16.89}"#))
        #expect(out.stdout.contains("Spent 15.64 on 4 items (4.16 on food); 16.89 with tax, 14.36 after the 15 % coupon."))
        #expect(out.stderr.isEmpty, "progress is only for terminals: \(out.stderr)")
    }

    @Test func runJSONIsExactlyTheResult() async throws {
        let out = try await CLIRunner.run(["run", "--json", Self.example])
        #expect(out.status == 0)
        let result = try JSONValue(parsing: out.stdout)
        #expect(result["status"] == "succeeded")
        #expect(result["request_id"] == "req-001")
        #expect(result["steps"]?.objectValue?.keys == ["stats", "tax", "discounted"])
        #expect(result["steps"]?["discounted"]?["output"]?["total"] == 14.36)
        #expect(result["steps"]?["tax"]?["attempts"] == 1)
        #expect(result["run_id"]?.stringValue?.hasPrefix("run-") == true)
    }

    @Test func runtimeFailureExitsOneWithTheStepError() async throws {
        let plan = try CLIRunner.file(##"{"steps": [{"id": "stats", "tool": "function_call", "input": {"name": "compute_item_statistics", "args": {"items": []}}}, {"id": "tax", "tool": "function_call", "input": {"name": "compute_tax", "args": {"amount": "step:stats.totl", "tax_rate": 0.1}}}, {"id": "other", "tool": "function_call", "on_error": "continue", "input": {"name": "compute_tax", "args": {"amount": 1, "tax_rate": 0.1}}}]}"##)
        let out = try await CLIRunner.run(["run", "--json", plan])
        #expect(out.status == 1)
        let result = try JSONValue(parsing: out.stdout)
        #expect(result["status"] == "failed")
        #expect(result["steps"]?["tax"]?["error"]?["code"] == "reference_error")
        #expect(result["steps"]?["tax"]?["error"]?["message"]?.stringValue?.contains("has no field 'totl'") == true)
    }

    @Test func invalidPlanDoesNotRun() async throws {
        let plan = try CLIRunner.file(##"{"steps": [{"id": "a", "tool": "nope"}]}"##)
        let out = try await CLIRunner.run(["run", plan])
        #expect(out.status == 2)
        #expect(out.stdout.isEmpty)
        #expect(out.stderr.contains("/steps/0/tool: Tool 'nope' is not in the catalog."))
    }
}

@Suite("orch-mcp catalog")
struct CatalogCommandTests {
    static let catalog = ##"{"name": "t", "version": "1", "tools": [{"name": "lookup.price", "type": "function", "description": "Price of a product.", "parameters": [{"name": "sku", "type": "str", "description": "Stock unit", "required": true}]}]}"##

    @Test func lintAcceptsGoodCatalogs() async throws {
        let out = try await CLIRunner.run(["catalog", "lint", try CLIRunner.file(Self.catalog), "catalogs/functions.json"])
        // catalogs/functions.json restates the always-loaded built-ins exactly: not a duplicate.
        #expect(out.status == 0, "\(out.stdout)")
        #expect(out.stdout.contains(": 1 tool\n"))
        #expect(out.stdout.contains("✓ catalogs/functions.json: 6 tools\n"))
    }

    @Test func lintRejectsAChangedBuiltin() async throws {
        let changed = try CLIRunner.file(##"{"tools": [{"name": "compute_tax", "type": "function", "inputSchema": {"type": "object"}}]}"##)
        let out = try await CLIRunner.run(["catalog", "lint", changed])
        #expect(out.status == 1)
        #expect(out.stdout.contains("The tool 'compute_tax' is defined twice: in built-in and in \(changed)."))
    }

    @Test func lintReportsDuplicatesAcrossFilesNamingBoth() async throws {
        let a = try CLIRunner.file(Self.catalog, name: "a.json")
        let b = try CLIRunner.file(Self.catalog, name: "b.json")
        let out = try await CLIRunner.run(["catalog", "lint", a, b])
        #expect(out.status == 1)
        #expect(out.stdout.contains("The tool 'lookup.price' is defined twice: in \(a) and in \(b)."))
    }

    @Test func lintReportsSchemasThatDoNotCompile() async throws {
        let bad = try CLIRunner.file(##"{"tools": [{"name": "x", "type": "function", "inputSchema": {"type": "object", "properties": {"a": {"$ref": "#/nowhere"}}}}]}"##)
        let out = try await CLIRunner.run(["catalog", "lint", bad])
        #expect(out.status == 1)
        #expect(out.stdout.contains("The input schema of tool 'x' is invalid"))
    }

    @Test func listShowsBuiltinsAndCatalogTools() async throws {
        let file = try CLIRunner.file(Self.catalog)
        let out = try await CLIRunner.run(["catalog", "list"], environment: ["ORCH_CATALOG": file])
        #expect(out.status == 0)
        for name in ["compute_tax", "apply_discount", "merge_items", "filter_items_by_category", "compute_item_statistics", "lookup.price"] {
            #expect(out.stdout.contains(name))
        }
    }

    @Test func exportMapsNamesForOpenAI() async throws {
        let out = try await CLIRunner.run(["catalog", "export", "--format", "openai", "--no-builtins", "--catalog", try CLIRunner.file(Self.catalog)])
        #expect(out.status == 0, "\(out.stderr)")
        let export = try JSONValue(parsing: out.stdout)
        #expect(export["tools"]?[0]?["function"]?["name"] == "lookup__price")
        #expect(export["tools"]?[0]?["function"]?["parameters"]?["required"] == ["sku"])
        #expect(out.stderr.contains("name: lookup.price → lookup__price"))
    }

    @Test func exportRejectsUnknownFormat() async throws {
        let out = try await CLIRunner.run(["catalog", "export", "--format", "cohere"])
        #expect(out.status == 2)
        #expect(out.stderr.contains("--format must be one of openai, anthropic, gemini, mcp"))
    }
}
