import OrchJSON
import OrchPlan
import Testing

/// The built-ins, a no-op function and an MCP tool of the server `web`; built once.
private let catalog: ToolCatalog = {
    var catalog = ToolCatalog.standard()
    do {
        try catalog.register(FunctionTool(name: "noop", description: "", inputSchema: ["type": "object"]) { _ in [:] })
        try catalog.add(ToolDefinition(name: "search_web", kind: .mcp, description: "Searches the web.",
                                       inputSchema: ["type": "object"], server: "web", source: "web.json"))
    } catch {
        fatalError("the test catalog does not build: \(error)")
    }
    return catalog
}()

private func makeLoader(_ options: PlanLoader.Options = .init()) -> PlanLoader {
    PlanLoader(catalog: catalog, options: options)
}

/// The issues of the plan written as JSON text.
private func issues(_ text: String, options: PlanLoader.Options = .init()) throws -> [PlanIssue] {
    makeLoader(options).validate(try JSONValue(parsing: text))
}

/// A valid plan built from the JSON text, or a recorded failure listing its issues.
private func loadPlan(_ text: String, options: PlanLoader.Options = .init()) throws -> Plan {
    switch makeLoader(options).load(try JSONValue(parsing: text)) {
    case .success(let plan): return plan
    case .failure(let error):
        Issue.record("expected a valid plan: \(error)")
        throw error
    }
}

/// One rule of plan validation: a plan that breaks it, and the issue it must produce.
struct BrokenPlan: Sendable, CustomTestStringConvertible {
    let rule: String
    let json: String
    let path: String
    let message: String

    var testDescription: String { rule }

    init(_ rule: String, _ json: String, at path: String, saying message: String) {
        self.rule = rule
        self.json = json
        self.path = path
        self.message = message
    }

    static let all: [BrokenPlan] = [
        BrokenPlan("plan not an object", #"[1, 2]"#, at: "", saying: "A plan must be an object"),
        BrokenPlan("no steps member", #"{"request_id": "r1"}"#, at: "/steps", saying: #"The plan has no "steps" array"#),
        BrokenPlan("steps not an array", #"{"steps": {"id": "a"}}"#, at: "/steps", saying: #""steps" must be an array"#),
        BrokenPlan("steps empty", #"{"steps": []}"#, at: "/steps", saying: "The plan has no steps"),
        BrokenPlan("request_id not a string", #"{"request_id": [1], "steps": [{"id": "a", "tool": "noop"}]}"#,
                   at: "/request_id", saying: #""request_id" must be a string"#),
        BrokenPlan("step not an object", #"{"steps": [{"id": "a", "tool": "noop"}, "b"]}"#,
                   at: "/steps/1", saying: "A step must be an object"),
        BrokenPlan("step without id", #"{"steps": [{"tool": "noop"}]}"#, at: "/steps/0/id", saying: #"The step has no "id""#),
        BrokenPlan("step without tool", #"{"steps": [{"id": "a"}]}"#, at: "/steps/0/tool", saying: #"The step has no "tool""#),
        BrokenPlan("reference to a missing step, with did-you-mean",
                   #"{"steps": [{"id": "note", "tool": "noop"}, {"id": "tax", "tool": "compute_tax", "input": {"amount": "step:nope.total", "tax_rate": 0.1}}]}"#,
                   at: "/steps/1/input/amount",
                   saying: "The reference 'step:nope.total' names 'nope', which is not a step of this plan. Did you mean 'note'?"),
        BrokenPlan("reference to a missing step, nothing close",
                   #"{"steps": [{"id": "a", "tool": "noop", "input": {"x": "step:elsewhere"}}]}"#,
                   at: "/steps/0/input/x", saying: "names 'elsewhere', which is not a step of this plan."),
        BrokenPlan("depends_on a missing step",
                   #"{"steps": [{"id": "alpha", "tool": "noop"}, {"id": "b", "tool": "noop", "depends_on": ["alpah"]}]}"#,
                   at: "/steps/1/depends_on/0", saying: "'alpah', which is not a step of this plan. Did you mean 'alpha'?"),
        BrokenPlan("depends_on not an array",
                   #"{"steps": [{"id": "a", "tool": "noop", "depends_on": "b"}]}"#,
                   at: "/steps/0/depends_on", saying: #""depends_on" must be an array of step ids"#),
        BrokenPlan("self reference",
                   #"{"steps": [{"id": "a", "tool": "compute_tax", "input": {"amount": "step:a.total", "tax_rate": 0.1}}]}"#,
                   at: "/steps/0/input/amount", saying: "points at its own step"),
        BrokenPlan("self dependency",
                   #"{"steps": [{"id": "a", "tool": "noop", "depends_on": ["a"]}]}"#,
                   at: "/steps/0/depends_on/0", saying: "A step cannot depend on itself."),
        BrokenPlan("reference without a step id",
                   #"{"steps": [{"id": "a", "tool": "noop", "input": {"x": "step:"}}]}"#,
                   at: "/steps/0/input/x", saying: "needs a step id after 'step:'"),
        BrokenPlan("reference with an empty field",
                   #"{"steps": [{"id": "a", "tool": "noop"}, {"id": "b", "tool": "noop", "input": {"x": "step:a..b"}}]}"#,
                   at: "/steps/1/input/x", saying: "has an empty field name after '.'"),
        BrokenPlan("reference with a malformed index",
                   #"{"steps": [{"id": "a", "tool": "noop"}, {"id": "b", "tool": "noop", "input": {"x": ["ok", "step:a[x]"]}}]}"#,
                   at: "/steps/1/input/x/1", saying: "has a malformed index"),
        BrokenPlan("step id with spaces",
                   #"{"steps": [{"id": "my step", "tool": "noop"}]}"#,
                   at: "/steps/0/id", saying: #"The step id "my step" is not valid"#),
        BrokenPlan("duplicate ids name the first index",
                   #"{"steps": [{"id": "a", "tool": "noop"}, {"id": "b", "tool": "noop"}, {"id": "a", "tool": "noop"}]}"#,
                   at: "/steps/2/id", saying: "The step id 'a' is already used by step 0 (/steps/0)"),
        BrokenPlan("unknown tool, with did-you-mean",
                   #"{"steps": [{"id": "a", "tool": "compute_tx", "input": {}}]}"#,
                   at: "/steps/0/tool", saying: "Tool 'compute_tx' is not in the catalog. Did you mean 'compute_tax'?"),
        BrokenPlan("unknown function in function_call",
                   #"{"steps": [{"id": "a", "tool": "function_call", "input": {"name": "compute_taxes", "args": {}}}]}"#,
                   at: "/steps/0/input/name", saying: "The function 'compute_taxes' is not registered. Did you mean 'compute_tax'?"),
        BrokenPlan("function_call without a name",
                   #"{"steps": [{"id": "a", "tool": "function_call", "input": {"args": {}}}]}"#,
                   at: "/steps/0/input/name", saying: #"needs "input.name""#),
        BrokenPlan("args not an object",
                   #"{"steps": [{"id": "a", "tool": "function_call", "input": {"name": "noop", "args": [1]}}]}"#,
                   at: "/steps/0/input/args", saying: #""args" must be an object"#),
        BrokenPlan("input not an object",
                   #"{"steps": [{"id": "a", "tool": "noop", "input": "x"}]}"#,
                   at: "/steps/0/input", saying: #""input" must be an object"#),
        BrokenPlan("code_exec without the sandbox",
                   #"{"steps": [{"id": "a", "tool": "code_exec", "input": {"code": "print(1)"}}]}"#,
                   at: "/steps/0/tool", saying: "code steps need the sandbox"),
        BrokenPlan("mcp tool without a configured server",
                   #"{"steps": [{"id": "a", "tool": "search_web", "input": {}}]}"#,
                   at: "/steps/0/tool", saying: "No server provides tool 'search_web': it needs the MCP server 'web'"),
        BrokenPlan("retry with a negative base_delay_ms",
                   #"{"steps": [{"id": "a", "tool": "noop", "retry": {"base_delay_ms": -5}}]}"#,
                   at: "/steps/0/retry/base_delay_ms", saying: "must be a whole number from 0 to 3600000, found the number -5"),
        BrokenPlan("retry with max_delay_ms below base_delay_ms",
                   #"{"steps": [{"id": "a", "tool": "noop", "retry": {"base_delay_ms": 500, "max_delay_ms": 100}}]}"#,
                   at: "/steps/0/retry/max_delay_ms", saying: #""max_delay_ms" (100) is less than "base_delay_ms" (500)"#),
        BrokenPlan("retry_on with an unknown code",
                   #"{"steps": [{"id": "a", "tool": "noop", "retry": {"retry_on": ["timeout", "kaboom"]}}]}"#,
                   at: "/steps/0/retry/retry_on/1", saying: #"the string "kaboom" is not a step error code"#),
        BrokenPlan("retry with a bad strategy",
                   #"{"steps": [{"id": "a", "tool": "noop", "retry": {"strategy": "fibonacci"}}]}"#,
                   at: "/steps/0/retry/strategy", saying: #""strategy" must be none, immediate, linear or exponential"#),
        BrokenPlan("retry with a misspelt setting",
                   #"{"steps": [{"id": "a", "tool": "noop", "retry": {"max_retrys": 2}}]}"#,
                   at: "/steps/0/retry/max_retrys", saying: "Did you mean 'max_retries'?"),
        BrokenPlan("timeout_ms of 0",
                   #"{"steps": [{"id": "a", "tool": "noop", "timeout_ms": 0}]}"#,
                   at: "/steps/0/timeout_ms", saying: #""timeout_ms" must be a whole number of milliseconds from 1 to 86400000"#),
        BrokenPlan("priority out of range",
                   #"{"steps": [{"id": "a", "tool": "noop", "priority": 2000000}]}"#,
                   at: "/steps/0/priority", saying: #""priority" must be a whole number from -1000000 to 1000000"#),
        BrokenPlan("on_error explode",
                   #"{"steps": [{"id": "a", "tool": "noop", "on_error": "explode"}]}"#,
                   at: "/steps/0/on_error", saying: #""on_error" must be "fail" or "continue", found the string "explode""#),
        BrokenPlan("misspelt member depend_on",
                   #"{"steps": [{"id": "a", "tool": "noop"}, {"id": "b", "tool": "noop", "depend_on": ["a"]}]}"#,
                   at: "/steps/1/depend_on", saying: "Unknown step member 'depend_on'. Did you mean 'depends_on'?"),
        BrokenPlan("literal input failing the schema",
                   #"{"steps": [{"id": "a", "tool": "noop"}, {"id": "tax", "tool": "function_call", "input": {"name": "compute_tax", "args": {"amount": 10, "tax_rate": 7}}}]}"#,
                   at: "/steps/1/input/args/tax_rate", saying: "the number 7 is greater than the maximum 1"),
        BrokenPlan("literal input missing a required field",
                   #"{"steps": [{"id": "tax", "tool": "compute_tax", "input": {"amount": 10}}]}"#,
                   at: "/steps/0/input", saying: "tax_rate"),
        BrokenPlan("final_synthesis placeholder naming a missing step",
                   #"{"steps": [{"id": "a", "tool": "noop"}], "final_synthesis": {"prompt_template": "Total: {{step:ghost.total}}"}}"#,
                   at: "/final_synthesis/prompt_template", saying: "The placeholder {{step:ghost.total}} names the step 'ghost', which is not in this plan."),
        BrokenPlan("final_synthesis template not a string",
                   #"{"steps": [{"id": "a", "tool": "noop"}], "final_synthesis": {"prompt_template": 3}}"#,
                   at: "/final_synthesis/prompt_template", saying: #""prompt_template" must be a string"#),
        BrokenPlan("final_synthesis not an object",
                   #"{"steps": [{"id": "a", "tool": "noop"}], "final_synthesis": "text"}"#,
                   at: "/final_synthesis", saying: #""final_synthesis" must be an object"#),
    ]
}

/// The names of a cycle issue, split at the arrows: `["b", "a", "b"]`.
private func cycleNames(_ issue: PlanIssue) -> [String] {
    guard let start = issue.message.range(of: "cycle: "), let end = issue.message.range(of: ". A plan must be a DAG.") else { return [] }
    var text = issue.message[start.upperBound..<end.lowerBound]
    if let count = text.range(of: " (", options: .backwards) { text = text[..<count.lowerBound] }
    return text.components(separatedBy: " → ")
}

@Suite struct PlanLoaderTests {
    @Test(arguments: BrokenPlan.all)
    func reportsEachBrokenRuleAtItsPath(_ broken: BrokenPlan) throws {
        let found = try issues(broken.json)
        #expect(found.contains { $0.path == broken.path && $0.message.contains(broken.message) },
                "expected an issue at \(broken.path.isEmpty ? "(plan)" : broken.path) saying “\(broken.message)”; got \(found)")
    }

    @Test func acceptsAValidPlanAndKeepsItsSettings() throws {
        let plan = try loadPlan(#"""
        {"request_id": 42, "steps": [
          {"id": "a", "tool": "compute_tax", "input": {"amount": 100, "tax_rate": 0.08}},
          {"id": "b-2", "tool": "function_call", "input": {"name": "noop", "args": {"x": 1}}, "depends_on": ["a"],
           "timeout_ms": 250, "priority": 7, "on_error": "continue", "idempotency_key": "k1",
           "retry": {"strategy": "linear", "max_retries": 2, "base_delay_ms": 10, "max_delay_ms": 40, "jitter": true,
                     "retry_on": ["timeout"]}},
          {"id": "c_3", "tool": "noop", "input": {}}
        ], "final_synthesis": {"prompt_template": "{{steps}}"}}
        """#)
        #expect(plan.requestID == "42")
        #expect(plan.steps.map(\.id) == ["a", "b-2", "c_3"])
        #expect(plan.index(of: "c_3") == 2)
        #expect(plan.index(of: "zzz") == nil)
        #expect(plan.synthesis?.source == "{{steps}}")
        let b = plan.steps[1]
        #expect(b.tool == "function_call")
        #expect(b.target == "noop")
        #expect(b.kind == .function)
        #expect(b.arguments == ["x": 1])
        #expect(b.argumentsPath == "/steps/1/input/args")
        #expect(b.dependencies == [0])
        #expect(b.timeoutMs == 250)
        #expect(b.priority == 7)
        #expect(b.onError == .continue)
        #expect(b.idempotencyKey == "k1")
        #expect(b.retry == RetryPolicy(strategy: .linear, maxRetries: 2, baseDelayMs: 10, maxDelayMs: 40, jitter: true,
                                       retryOn: [.timeout]))
        let a = plan.steps[0]
        #expect(a.argumentsPath == "/steps/0/input")
        #expect(a.retry == .none)
        #expect(a.onError == .fail)
        #expect(a.priority == 0)
        #expect(a.timeoutMs == nil)
    }

    @Test func reportsEveryIssueNotJustTheFirst() throws {
        let found = try issues(#"""
        {"steps": [
          {"id": "a", "tool": "compute_tx"},
          {"id": "a", "tool": "noop", "timeout_ms": -1},
          {"id": "c", "tool": "noop", "on_error": "explode"}
        ]}
        """#)
        #expect(Set(found.map(\.path)) == ["/steps/0/tool", "/steps/1/id", "/steps/1/timeout_ms", "/steps/2/on_error"], "\(found)")
    }

    @Test func refusesMoreStepsThanTheLimitWithoutReadingThem() throws {
        let step: JSONValue = ["id": "s", "tool": "noop"]
        let huge: JSONValue = ["steps": .array(Array(repeating: step, count: 100_000))]
        let loader = makeLoader()
        let clock = ContinuousClock()
        var found: [PlanIssue] = []
        let elapsed = clock.measure { found = loader.validate(huge) }
        #expect(found == [PlanIssue(path: "/steps", message: "The plan has 100000 steps; the limit is 50000. Split the work into several plans or raise the limit.")])
        #expect(elapsed < .milliseconds(500), "refusing an oversized plan took \(elapsed)")
    }

    @Test func maxStepsIsInclusive() throws {
        let three = #"{"steps": [{"id": "a", "tool": "noop"}, {"id": "b", "tool": "noop"}, {"id": "c", "tool": "noop"}]}"#
        #expect(try issues(three, options: .init(maxSteps: 3)).isEmpty)
        #expect(try issues(three, options: .init(maxSteps: 2)).map(\.path) == ["/steps"])
    }

    @Test func namesATwoStepCycleInArrowOrder() throws {
        let found = try issues(#"""
        {"steps": [
          {"id": "step-1", "tool": "noop"},
          {"id": "step-2", "tool": "noop", "depends_on": ["step-1", "step-4"]},
          {"id": "step-3", "tool": "noop", "depends_on": ["step-1"]},
          {"id": "step-4", "tool": "noop", "input": {"x": "step:step-2.out"}}
        ]}
        """#)
        #expect(found.count == 1, "\(found)")
        let issue = try #require(found.first)
        #expect(issue.message.hasPrefix("The steps form a cycle: "))
        let names = cycleNames(issue)
        // Either starting point names the same cycle; the path is where the second step named
        // depends on the first: step-2's depends_on entry, or step-4's reference.
        #expect(names == ["step-2", "step-4", "step-2"] || names == ["step-4", "step-2", "step-4"], "\(issue)")
        let first = try #require(names.first)
        #expect(issue.path == (first == "step-4" ? "/steps/1/depends_on/1" : "/steps/3/input/x"))
    }

    @Test func pointsACycleOfReferencesAtARealPlace() throws {
        let json = try JSONValue(parsing: #"""
        {"steps": [
          {"id": "a", "tool": "noop", "input": {"x": "step:b.out"}},
          {"id": "b", "tool": "noop", "input": {"y": "step:a.out"}}
        ]}
        """#)
        let found = makeLoader().validate(json)
        #expect(found.count == 1 && found[0].message.contains("The steps form a cycle: "), "\(found)")
        let issue = try #require(found.first)
        #expect(Set(cycleNames(issue)) == ["a", "b"])
        do {
            let pointer = try JSONPointer(issue.path)
            #expect(pointer.get(in: json) != nil, "\(issue.path) is not in the plan")
        }
    }

    @Test(.timeLimit(.minutes(1)))
    func namesALongCycleWithoutHanging() throws {
        let n = 1_000
        let steps: [JSONValue] = (1...n).map { i in
            ["id": .string("step-\(i)"), "tool": "noop", "depends_on": [.string("step-\(i == n ? 1 : i + 1)")]]
        }
        let found = makeLoader().validate(["steps": .array(steps)])
        #expect(found.count == 1, "\(found.prefix(3))")
        let issue = try #require(found.first)
        #expect(issue.message.contains("The steps form a cycle: "))
        #expect(issue.message.contains("(1000 steps)"), "\(issue.message)")
        let names = cycleNames(issue)
        #expect(names.contains("…"))
        #expect(names.count == 12, "\(names)")
        #expect(names.first == names.last)
        // Each arrow points from a step to the step that depends on it: step-(i+1) → step-i.
        let number = { (name: String) in Int(name.dropFirst("step-".count)) }
        for (a, b) in zip(names, names.dropFirst()) where a != "…" && b != "…" {
            let from = try #require(number(a))
            let to = try #require(number(b))
            #expect(to == from - 1 || (from == 1 && to == n), "\(a) → \(b) is not a dependency edge")
        }
        // The path is the depends_on entry where the second step named depends on the first.
        let second = try #require(names.dropFirst().first.flatMap(number))
        #expect(issue.path == "/steps/\(second - 1)/depends_on/0")
    }

    @Test func doesNotFlagAReferencedFieldThatFailsTheSchemaLiterally() throws {
        // tax_rate is a string here, which the schema rejects, but the reference decides at run time.
        let plan = try loadPlan(#"""
        {"steps": [
          {"id": "rates", "tool": "noop"},
          {"id": "tax", "tool": "function_call",
           "input": {"name": "compute_tax", "args": {"amount": 10, "tax_rate": "step:rates.vat"}}}
        ]}
        """#)
        #expect(plan.steps[1].dependencies == [0])
        #expect(plan.steps[1].references.map(\.location.description) == ["/tax_rate"])
        #expect(plan.steps[1].references.map(\.reference.text) == ["step:rates.vat"])
    }

    @Test func stillFlagsLiteralFieldsBesideAReference() throws {
        let found = try issues(#"""
        {"steps": [
          {"id": "rates", "tool": "noop"},
          {"id": "tax", "tool": "compute_tax", "input": {"amount": true, "tax_rate": "step:rates.vat"}}
        ]}
        """#)
        #expect(found.map(\.path) == ["/steps/1/input/amount"], "\(found)")
    }

    @Test func referencesNestedInArraysAndObjectsAreDependencies() throws {
        let plan = try loadPlan(#"""
        {"steps": [
          {"id": "a", "tool": "noop"},
          {"id": "b", "tool": "noop"},
          {"id": "c", "tool": "noop"},
          {"id": "d", "tool": "noop", "depends_on": ["b"],
           "input": {"list": [1, "step:a", {"deep": ["step:b.items[0].name"]}], "nested": {"x": {"y": "step:a.total"}}}}
        ]}
        """#)
        let d = plan.steps[3]
        #expect(d.dependencies.sorted() == [0, 1], "each step once, from depends_on and references alike")
        #expect(d.references.map(\.location.description) == ["/list/1", "/list/2/deep/0", "/nested/x/y"])
        let nested = try #require(d.references.dropFirst().first?.reference)
        #expect(nested.stepID == "b")
        #expect(nested.path == [.key("items"), .index(0), .key("name")])
        #expect(plan.steps[2].dependencies.isEmpty)
    }

    @Test func mcpToolRunsWhenItsServerIsConfigured() throws {
        let text = #"{"steps": [{"id": "a", "tool": "search_web", "input": {"q": "swift"}}]}"#
        let plan = try loadPlan(text, options: .init(configuredServers: ["web"]))
        #expect(plan.steps[0].kind == .mcp)
        #expect(try issues(text, options: .init(configuredServers: ["other"])).map(\.path) == ["/steps/0/tool"])
    }

    @Test func codeExecNeedsCodeWhenTheSandboxIsThere() throws {
        let options = PlanLoader.Options(codeSteps: true)
        #expect(try loadPlan(#"{"steps": [{"id": "a", "tool": "code_exec", "input": {"code": "print(1)"}}]}"#, options: options).steps[0].kind == .code)
        let found = try issues(#"{"steps": [{"id": "a", "tool": "code_exec", "input": {}}]}"#, options: options)
        #expect(found.map(\.path) == ["/steps/0/input/code"], "\(found)")
    }

    @Test func strategyNoneMeansNoRetries() throws {
        let plan = try loadPlan(#"{"steps": [{"id": "a", "tool": "noop", "retry": {"strategy": "none", "max_retries": 5}}]}"#)
        #expect(plan.steps[0].retry.maxRetries == 0)
        #expect(!plan.steps[0].retry.retries(.toolError, afterAttempt: 1))
    }

    @Test func issueJSONIsPathAndMessage() throws {
        let issue = PlanIssue(path: "/steps/0/id", message: "The step has no \"id\".")
        #expect(JSONWriter.string(issue.json) == #"{"path":"/steps/0/id","message":"The step has no \"id\"."}"#)
        #expect(issue.description == "/steps/0/id: The step has no \"id\".")
        #expect(PlanIssue(path: "", message: "Bad.").description == "(plan): Bad.")
    }

    @Test func validationErrorListsTheIssues() throws {
        guard case .failure(let error) = makeLoader().load(try JSONValue(parsing: #"{"steps": []}"#)) else {
            Issue.record("an empty plan loaded")
            return
        }
        #expect(error.issues.map(\.path) == ["/steps"])
        #expect(error.description.hasPrefix("The plan is invalid (1 issue):\n  /steps: The plan has no steps"))
    }
}
