import OrchExecutor
import OrchJSON
import OrchPlan
import Synchronization
import Testing

/// Calls of `fail_n_times` so far, per `key` input: each test uses its own key.
private final class CallCounts: Sendable {
    private let counts = Mutex<[String: Int]>([:])
    func next(_ key: String) -> Int { counts.withLock { $0[key, default: 0] += 1; return $0[key]! } }
    func value(_ key: String) -> Int { counts.withLock { $0[key] ?? 0 } }
}

private let failCalls = CallCounts()

/// What the executor told its observer, in order.
private final class EventLog: Sendable {
    private let events = Mutex<[String]>([])
    private let live = Mutex((now: 0, peak: 0))

    func record(_ event: ExecutionEvent) {
        switch event {
        case .started(let step, let attempt):
            events.withLock { $0.append("start \(step) #\(attempt)") }
            live.withLock { $0.now += 1; $0.peak = max($0.peak, $0.now) }
        case .retrying(let step, let attempt, _, let error):
            events.withLock { $0.append("retry \(step) #\(attempt) \(error.code)") }
            live.withLock { $0.now -= 1 }
        case .finished(let result):
            events.withLock { $0.append("end \(result.id) \(result.status.rawValue)") }
            if result.attempts > 0 { live.withLock { $0.now -= 1 } }
        case .progress(let step, let progress, _, _):
            events.withLock { $0.append("progress \(step) \(progress)") }
        }
    }

    var all: [String] { events.withLock { $0 } }
    /// The most steps running at once.
    var peak: Int { live.withLock { $0.peak } }
    var starts: [String] { all.filter { $0.hasPrefix("start ") }.map { String($0.split(separator: " ")[1]) } }
    func position(_ event: String) -> Int? { all.firstIndex(of: event) }
}

/// The standard catalog plus test tools: async `sleep_ms`, sync `fail_n_times` (counting per `key`), `echo`,
/// `say`, `explode`, `bad_output`, and the MCP tool `search_web` of the server `web`.
/// Built once: compiling the schemas is the costly part of a small test.
private let catalog: ToolCatalog = {
    var catalog = ToolCatalog.standard()
    do {
        try catalog.register(FunctionTool(
            name: "nap", description: "Sleeps, honouring cancellation (a test double of the built-in sleep_ms, with its own output).",
            inputSchema: ["type": "object", "properties": ["ms": ["type": "integer", "minimum": 0]], "required": ["ms"]],
            async: { input in
                let ms = input["ms"]?.intValue ?? 0
                try await Task.sleep(for: .milliseconds(ms))
                return ["slept": .int(ms)]
            }
        ))
        try catalog.register(FunctionTool(
            name: "fail_n_times", description: "Fails the first n calls.",
            inputSchema: ["type": "object", "properties": ["n": ["type": "integer"], "key": ["type": "string"]], "required": ["n", "key"]]
        ) { input in
            let call = failCalls.next(input["key"]?.stringValue ?? "")
            guard call > input["n"]?.intValue ?? 0 else { throw FunctionToolError("call \(call) fails on purpose") }
            return ["calls": .int(Int64(call))]
        })
        try catalog.register(FunctionTool(name: "echo", description: "Returns its input.", inputSchema: ["type": "object"]) { $0 })
        try catalog.register(FunctionTool(name: "say", description: "Returns input.text as a string.", inputSchema: ["type": "object"]) {
            $0["text"] ?? ""
        })
        try catalog.register(FunctionTool(name: "explode", description: "Always throws.", inputSchema: ["type": "object"]) { _ in
            throw FunctionToolError("the ledger is locked")
        })
        try catalog.register(FunctionTool(
            name: "bad_output", description: "Breaks its output schema.", inputSchema: ["type": "object"],
            outputSchema: ["type": "object", "properties": ["total": ["type": "number"]], "required": ["total"]]
        ) { _ in ["total": "twelve"] })
        try catalog.add(ToolDefinition(name: "search_web", kind: .mcp, description: "Searches the web.",
                                       inputSchema: ["type": "object"], server: "web", source: "web.json"))
    } catch {
        fatalError("the test catalog does not build: \(error)")
    }
    return catalog
}()

/// Loads `{"steps": [text]}`, or `text` itself when it is a whole plan, against `catalog`.
private func makePlan(_ text: String, servers: Set<String> = []) throws -> Plan {
    let json = try JSONValue(parsing: text.contains(#""steps": ["#) ? text : #"{"steps": ["# + text + "]}")
    return try PlanLoader(catalog: catalog, options: .init(configuredServers: servers)).load(json).get()
}

/// Runs the plan and measures the wall time.
private func run(_ text: String, maxConcurrency: Int = 16, log: EventLog? = nil,
                 mcp: (any ToolInvoker)? = nil, servers: Set<String> = []) async throws -> (RunResult, Duration) {
    let plan = try makePlan(text, servers: servers)
    var observer: (@Sendable (ExecutionEvent) -> Void)?
    if let log { observer = { log.record($0) } }
    let executor = PlanExecutor(catalog: catalog, mcp: mcp, maxConcurrency: maxConcurrency, observer: observer)
    let clock = ContinuousClock()
    let start = clock.now
    let result = await executor.run(plan, runID: "run-test")
    return (result, clock.now - start)
}

private func sleeps(_ count: Int, ms: Int) -> String {
    (0..<count).map { #"{"id": "s\#($0)", "tool": "nap", "input": {"ms": \#(ms)}}"# }.joined(separator: ", ")
}

/// An MCP stand-in that answers with what it was asked.
private struct ContextEcho: ToolInvoker {
    func invoke(_ tool: ToolDefinition, arguments: JSONValue, context: InvocationContext) async throws(StepError) -> JSONValue {
        ["tool": .string(tool.name), "arguments": arguments, "step": .string(context.stepID), "attempt": .int(Int64(context.attempt)),
         "key": context.idempotencyKey.map(JSONValue.string) ?? .null]
    }
}

/// Reports progress twice through the context, as an MCP worker's notifications would.
private struct ProgressReporting: ToolInvoker {
    func invoke(_ tool: ToolDefinition, arguments: JSONValue, context: InvocationContext) async throws(StepError) -> JSONValue {
        context.progress?(1, 2, "half")
        context.progress?(2, 2, "all")
        return ["done": true]
    }
}

@Suite struct PlanExecutorTests {
    // MARK: Concurrency

    @Test func runsIndependentStepsConcurrently() async throws {
        let log = EventLog()
        let (result, elapsed) = try await run(sleeps(8, ms: 100), log: log)
        #expect(result.status == .succeeded)
        #expect(log.all.prefix(8).allSatisfy { $0.hasPrefix("start ") }, "every sleep starts before the first ends: \(log.all)")
        let durations = result.steps.compactMap(\.durationMs)
        #expect(durations.count == 8 && durations.allSatisfy { $0 >= 100 }, "\(durations)")
        // The sleeps overlapped: one after another, the run would take at least the sum of their
        // durations. This holds on a loaded machine too, where every sleep wakes late (each
        // duration then grows with the delay, and so does their sum).
        let serialMs = durations.reduce(0, +)
        #expect(elapsed < .milliseconds(Int(serialMs * 0.6)), "8 sleeps of 100 ms took \(elapsed) against \(serialMs) ms one after another; they did not run in parallel")
        // And on an idle machine, about one sleep.
        if (durations.max() ?? 0) < 150 {
            #expect(elapsed < .milliseconds(400), "8 sleeps of 100 ms took \(elapsed)")
        }
    }

    @Test func maxConcurrencyBoundsParallelism() async throws {
        let log = EventLog()
        let (result, elapsed) = try await run(sleeps(4, ms: 80), maxConcurrency: 2, log: log)
        #expect(result.status == .succeeded)
        #expect(elapsed >= .milliseconds(160), "4 sleeps of 80 ms two at a time took only \(elapsed)")
        #expect(log.peak == 2)
    }

    @Test func startsByPriorityWhenOneAtATime() async throws {
        let log = EventLog()
        let (result, _) = try await run(#"""
        {"id": "low", "tool": "echo", "priority": -3},
        {"id": "mid", "tool": "nap", "input": {"ms": 1}},
        {"id": "high", "tool": "echo", "priority": 10},
        {"id": "mid2", "tool": "echo"},
        {"id": "higher", "tool": "nap", "input": {"ms": 1}, "priority": 11}
        """#, maxConcurrency: 1, log: log)
        #expect(result.status == .succeeded)
        #expect(log.starts == ["higher", "high", "mid", "mid2", "low"])
        #expect(log.peak == 1)
    }

    @Test func aDependantStartsOnlyAfterItsDependenciesFinish() async throws {
        let log = EventLog()
        let (result, _) = try await run(#"""
        {"id": "a", "tool": "nap", "input": {"ms": 60}},
        {"id": "b", "tool": "nap", "input": {"ms": 20}},
        {"id": "c", "tool": "echo", "input": {"from": "step:b.slept"}, "depends_on": ["a"]}
        """#, log: log)
        #expect(result.status == .succeeded)
        let endA = try #require(log.position("end a succeeded"))
        let endB = try #require(log.position("end b succeeded"))
        let startC = try #require(log.position("start c #1"))
        #expect(startC > endA && startC > endB, "\(log.all)")
        let a = try #require(result.step("a")), c = try #require(result.step("c"))
        let aStart = try #require(a.startedAtMs)
        let aDuration = try #require(a.durationMs)
        let cStart = try #require(c.startedAtMs)
        #expect(Double(cStart) >= Double(aStart) + aDuration - 2, "c started before a ended")
        #expect(c.output == ["from": 20])
    }

    @Test func runsALongChainOfInlineSteps() async throws {
        let steps = (0..<1_000).map { i in
            i == 0 ? #"{"id": "n0", "tool": "echo", "input": {"v": 0}}"#
                : #"{"id": "n\#(i)", "tool": "echo", "input": {"v": "step:n\#(i - 1).v"}}"#
        }
        let (result, elapsed) = try await run(steps.joined(separator: ", "))
        #expect(result.status == .succeeded)
        #expect(result.steps.last?.output == ["v": 0])
        #expect(elapsed < .seconds(2))
    }

    // MARK: References and schemas

    @Test func resolvesReferencesIntoTheInput() async throws {
        let (result, _) = try await run(#"""
        {"id": "a", "tool": "echo", "input": {"total": 12.5, "items": [{"name": "tea"}, {"name": "cake"}]}},
        {"id": "b", "tool": "echo", "input": {"t": "step:a.total", "n": ["step:a.items[1].name"], "all": {"x": "step:a"}}},
        {"id": "tax", "tool": "compute_tax", "input": {"amount": "step:a.total", "tax_rate": 0.1}}
        """#)
        #expect(result.status == .succeeded)
        #expect(result.step("b")?.output == [
            "t": 12.5, "n": ["cake"], "all": ["x": ["total": 12.5, "items": [["name": "tea"], ["name": "cake"]]]],
        ])
        #expect(result.step("tax")?.output?["total"] == 13.75)
    }

    @Test func validatesTheResolvedInput() async throws {
        let (result, _) = try await run(#"""
        {"id": "a", "tool": "echo", "input": {"amount": "12.50"}},
        {"id": "tax", "tool": "compute_tax", "input": {"amount": "step:a.amount", "tax_rate": 0.1}}
        """#)
        #expect(result.status == .failed)
        let tax = try #require(result.step("tax"))
        #expect(tax.status == .failed)
        #expect(tax.error?.code == .invalidInput)
        #expect(tax.error?.message.contains("`/steps/1/input/amount`") == true, "\(String(describing: tax.error))")
        #expect(tax.attempts == 1)
    }

    @Test func missingReferencedFieldIsAReferenceError() async throws {
        let (result, _) = try await run(#"""
        {"id": "a", "tool": "echo", "input": {"total": 1}},
        {"id": "b", "tool": "echo", "input": {"x": {"y": "step:a.subtotal"}}}
        """#)
        let b = try #require(result.step("b"))
        #expect(b.status == .failed)
        #expect(b.error?.code == .referenceError)
        let message = b.error?.message ?? ""
        #expect(message.hasPrefix("/steps/1/input/x/y: "), "\(message)")
        #expect(message.contains("step:a has no field 'subtotal' (it has: total)"), "\(message)")
    }

    @Test func missingArrayItemIsAReferenceError() async throws {
        let (result, _) = try await run(#"""
        {"id": "a", "tool": "echo", "input": {"items": [1]}},
        {"id": "b", "tool": "echo", "input": {"x": "step:a.items[3]"}}
        """#)
        #expect(result.step("b")?.error?.code == .referenceError)
        #expect(result.step("b")?.error?.message.contains("step:a.items has 1 item, so there is no item [3]") == true)
    }

    @Test func thrownFunctionErrorIsAToolError() async throws {
        let (result, _) = try await run(#"{"id": "a", "tool": "explode"}"#)
        #expect(result.status == .failed)
        #expect(result.step("a")?.error == StepError(.toolError, "the ledger is locked"))
    }

    @Test func outputBreakingTheOutputSchemaIsInvalidOutput() async throws {
        let (result, _) = try await run(#"{"id": "a", "tool": "bad_output"}"#)
        let a = try #require(result.step("a"))
        #expect(a.status == .failed)
        #expect(a.output == nil)
        #expect(a.error?.code == .invalidOutput)
        #expect(a.error?.message.contains("outputSchema") == true)
    }

    @Test func mcpStepWithoutAClientIsWorkerUnavailable() async throws {
        let (result, _) = try await run(#"{"id": "a", "tool": "search_web"}"#, servers: ["web"])
        #expect(result.step("a")?.error?.code == .workerUnavailable)
    }

    // MARK: Timeouts and retries

    @Test func timeoutStopsALongStep() async throws {
        let (result, elapsed) = try await run(#"{"id": "a", "tool": "nap", "input": {"ms": 60000}, "timeout_ms": 50}"#)
        let a = try #require(result.step("a"))
        #expect(a.status == .failed)
        #expect(a.error?.code == .timeout)
        #expect(a.error?.message.contains("50 ms") == true)
        #expect(elapsed < .seconds(40), "a 50 ms timeout on a 60 s step took \(elapsed)")
    }

    @Test func stepWithinItsTimeoutSucceeds() async throws {
        let (result, _) = try await run(#"{"id": "a", "tool": "nap", "input": {"ms": 5}, "timeout_ms": 2000}"#)
        #expect(result.step("a")?.output == ["slept": 5])
    }

    @Test func retriesUntilTheToolSucceeds() async throws {
        let log = EventLog()
        let (result, _) = try await run(#"""
        {"id": "a", "tool": "fail_n_times", "input": {"n": 2, "key": "until-success"}, "retry": {"strategy": "linear", "max_retries": 3, "base_delay_ms": 5}}
        """#, log: log)
        let a = try #require(result.step("a"))
        #expect(a.status == .succeeded)
        #expect(a.attempts == 3)
        #expect(a.output == ["calls": 3])
        #expect(failCalls.value("until-success") == 3)
        #expect(log.all == ["start a #1", "retry a #1 tool_error", "start a #2", "retry a #2 tool_error", "start a #3", "end a succeeded"])
    }

    @Test func givesUpAfterMaxRetries() async throws {
        let (result, _) = try await run(#"""
        {"id": "a", "tool": "fail_n_times", "input": {"n": 5, "key": "gives-up"}, "retry": {"strategy": "immediate", "max_retries": 1}}
        """#)
        let a = try #require(result.step("a"))
        #expect(a.status == .failed)
        #expect(a.attempts == 2)
        #expect(a.error == StepError(.toolError, "call 2 fails on purpose"))
        #expect(failCalls.value("gives-up") == 2)
    }

    // MARK: Failure and cancellation

    @Test func failingStepCancelsRunningStepsAndSkipsTheRest() async throws {
        let (result, elapsed) = try await run(#"""
        {"id": "long", "tool": "nap", "input": {"ms": 60000}, "priority": 2},
        {"id": "bad", "tool": "explode", "priority": 1},
        {"id": "later", "tool": "echo"},
        {"id": "after", "tool": "echo", "depends_on": ["long"]}
        """#, maxConcurrency: 2)
        #expect(result.status == .failed)
        #expect(result.steps.map(\.status) == [.cancelled, .failed, .skipped, .skipped])
        #expect(result.step("long")?.error?.code == .cancelled)
        #expect(result.step("bad")?.error?.code == .toolError)
        #expect(result.step("later")?.attempts == 0)
        #expect(result.step("later")?.skipReason == "not run: the run stopped when bad failed (on_error: fail)")
        #expect(result.step("after")?.skipReason == "not run: the run stopped when bad failed (on_error: fail)")
        do {
            let reason = result.step("later")?.json["reason"]?.stringValue ?? ""
            #expect(reason.contains("bad") && !reason.contains("depends on"), "later does not depend on bad: \(reason)")
        }
        #expect(elapsed < .seconds(40), "the cancelled 60 s sleep held the run for \(elapsed)")
    }

    @Test func observerHearsHowEveryStepEnded() async throws {
        // a fails and waits 5 s to retry; b fails meanwhile and stops the run, which cancels a.
        let log = EventLog()
        let (result, elapsed) = try await run(#"""
        {"id": "a", "tool": "fail_n_times", "input": {"n": 9, "key": "observer-wait"},
         "retry": {"strategy": "linear", "max_retries": 3, "base_delay_ms": 60000}},
        {"id": "b", "tool": "explode"},
        {"id": "c", "tool": "echo", "depends_on": ["a"]}
        """#, log: log)
        #expect(result.steps.map(\.status) == [.cancelled, .failed, .skipped])
        #expect(elapsed < .seconds(40), "the pending 60 s retry wait held the run for \(elapsed)")
        #expect(log.all.filter { $0.hasPrefix("end b ") || $0.hasPrefix("end c ") } == ["end b failed", "end c skipped"])
        do {
            #expect(log.all.filter { $0.hasPrefix("end a ") } == ["end a cancelled"], "\(log.all)")
        }
    }

    @Test func continuingPastAFailureKeepsIndependentResults() async throws {
        let (result, _) = try await run(#"""
        {"id": "bad", "tool": "explode", "on_error": "continue"},
        {"id": "uses_bad", "tool": "echo", "input": {"x": "step:bad"}},
        {"id": "then", "tool": "echo", "depends_on": ["uses_bad"]},
        {"id": "fine", "tool": "nap", "input": {"ms": 10}},
        {"id": "after_fine", "tool": "echo", "input": {"x": "step:fine.slept"}}
        """#)
        #expect(result.status == .failed)
        #expect(result.steps.map(\.status) == [.failed, .skipped, .skipped, .succeeded, .succeeded])
        #expect(result.step("after_fine")?.output == ["x": 10])
        #expect(result.step("then")?.skipReason == "not run: it depends on uses_bad, which failed" || result.step("then")?.skipReason == "not run: it depends on bad, which failed")
    }

    @Test func cancellingTheCallerCancelsTheRun() async throws {
        let plan = try makePlan(#"""
        {"id": "a", "tool": "nap", "input": {"ms": 60000}},
        {"id": "b", "tool": "nap", "input": {"ms": 60000}},
        {"id": "c", "tool": "echo", "depends_on": ["a"]},
        {"id": "quick", "tool": "echo"}
        """#)
        let executor = PlanExecutor(catalog: catalog)
        let task = Task { await executor.run(plan) }
        try await Task.sleep(for: .milliseconds(50))
        let clock = ContinuousClock()
        let cancelledAt = clock.now
        task.cancel()
        let result = await task.value
        let elapsed = clock.now - cancelledAt
        #expect(result.status == .cancelled)
        #expect(result.step("quick")?.status == .succeeded)
        #expect(result.step("a")?.status == .cancelled)
        #expect(result.step("b")?.status == .cancelled)
        #expect(result.step("a")?.error?.code == .cancelled)
        #expect(elapsed < .seconds(40), "the run took \(elapsed) to stop 60 s sleeps")
        do {
            #expect(result.step("c")?.status == .cancelled, "an unstarted step of a cancelled run is cancelled, not skipped")
        }
    }

    @Test func cancellingDuringARetryWaitDoesNotStartAnotherAttempt() async throws {
        let plan = try makePlan(#"""
        {"id": "a", "tool": "fail_n_times", "input": {"n": 9, "key": "cancel-in-wait"},
         "retry": {"strategy": "linear", "max_retries": 3, "base_delay_ms": 60000}}
        """#)
        let executor = PlanExecutor(catalog: catalog)
        let task = Task { await executor.run(plan) }
        try await Task.sleep(for: .milliseconds(50))
        task.cancel()
        let result = await task.value
        #expect(result.status == .cancelled)
        do {
            #expect(result.step("a")?.status == .cancelled)
            #expect(failCalls.value("cancel-in-wait") == 1, "the function ran again after the run was cancelled")
        }
    }

    // MARK: Results

    @Test func rendersTheFinalTemplate() async throws {
        let (result, _) = try await run(#"""
        {"steps": [
          {"id": "s", "tool": "say", "input": {"text": "hello"}},
          {"id": "e", "tool": "echo", "input": {"x": {"k": [1, "two"]}, "n": 2}},
          {"id": "f", "tool": "explode", "on_error": "continue"}
        ], "final_synthesis": {"prompt_template": "all={{steps}} s={{ step:s }} x={{step:e.x}} k1={{step:e.x.k[1]}} f={{step:f}} gone={{step:e.nope}} {{other}}"}}
        """#)
        #expect(result.status == .failed)
        #expect(result.final == #"all={"s":"hello","e":{"x":{"k":[1,"two"]},"n":2},"f":null} s=hello x={"k":[1,"two"]} k1=two f=null gone=null {{other}}"#)
    }

    @Test func resultJSONHasTheDocumentedShape() async throws {
        let (result, _) = try await run(#"""
        {"request_id": "req-7", "steps": [
          {"id": "slow", "tool": "nap", "input": {"ms": 30}},
          {"id": "fast", "tool": "echo", "input": {"v": true}}
        ]}
        """#)
        let json = result.json
        #expect(json.objectValue?.keys == ["run_id", "request_id", "status", "steps", "final"])
        #expect(json["run_id"] == "run-test")
        #expect(json["request_id"] == "req-7")
        #expect(json["status"] == "succeeded")
        #expect(json["final"] == .null)
        let steps = try #require(json["steps"]?.objectValue)
        #expect(steps.keys == ["slow", "fast"], "steps are keyed in plan order, not finishing order")
        let fast = try #require(steps["fast"])
        #expect(fast.objectValue?.keys == ["status", "output", "attempts", "started_at", "duration_ms"])
        #expect(fast["status"] == "succeeded")
        #expect(fast["output"] == ["v": true])
        #expect(fast["attempts"] == 1)
        let timestamp = try Regex(#"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$"#)
        for (id, step) in steps {
            let startedAt = try #require(step["started_at"]?.stringValue, "\(id) has no started_at")
            #expect(startedAt.wholeMatch(of: timestamp) != nil, "\(id): \(startedAt)")
            #expect(step["duration_ms"]?.isNumber == true, "\(id): duration_ms")
        }
        #expect((steps["slow"]?["duration_ms"]?.doubleValue ?? 0) >= 30)
    }

    @Test func failedStepJSONCarriesItsError() async throws {
        let (result, _) = try await run(#"{"id": "a", "tool": "explode"}, {"id": "b", "tool": "echo", "depends_on": ["a"]}"#)
        let json = result.json
        #expect(json["steps"]?["a"]?["error"] == ["code": "tool_error", "message": "the ledger is locked"])
        #expect(json["steps"]?["a"]?["output"] == nil)
        #expect(json["steps"]?["b"]?.objectValue?.keys == ["status", "reason", "attempts"])
        #expect(json["steps"]?["b"]?["status"] == "skipped")
    }

    @Test func runIDsAreRunAndSixteenHexDigits() throws {
        let pattern = try Regex(#"^run-[0-9a-f]{16}$"#)
        let ids = (0..<50).map { _ in PlanExecutor.makeRunID() }
        #expect(ids.allSatisfy { $0.wholeMatch(of: pattern) != nil }, "\(ids)")
        #expect(Set(ids).count == ids.count)
    }

    @Test func mcpStepsGoToTheInvokerWithTheirContext() async throws {
        let (result, _) = try await run(#"""
        {"id": "a", "tool": "echo", "input": {"q": "swift"}},
        {"id": "find", "tool": "search_web", "input": {"query": "step:a.q"}, "idempotency_key": "k-1"}
        """#, mcp: ContextEcho(), servers: ["web"])
        #expect(result.step("find")?.output == ["tool": "search_web", "arguments": ["query": "swift"], "step": "find", "attempt": 1, "key": "k-1"])
    }

    @Test func toolProgressReachesTheObserver() async throws {
        let log = EventLog()
        let (result, _) = try await run(#"{"id": "find", "tool": "search_web", "input": {"query": "q"}}"#,
                                        log: log, mcp: ProgressReporting(), servers: ["web"])
        #expect(result.status == .succeeded)
        #expect(log.all == ["start find #1", "progress find 1.0", "progress find 2.0", "end find succeeded"])
    }
}
