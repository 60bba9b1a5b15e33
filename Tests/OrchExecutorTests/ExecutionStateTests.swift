import OrchExecutor
import OrchJSON
import OrchPlan
import Testing

/// One `noop` step as JSON text, with extra members such as `"priority": 5`.
private func step(_ id: String, _ extra: String = "") -> String {
    #"{"id": "\#(id)", "tool": "noop""# + (extra.isEmpty ? "" : ", " + extra) + "}"
}

/// The built-ins and a no-op function; built once.
private let catalog: ToolCatalog = {
    var catalog = ToolCatalog.standard()
    do {
        try catalog.register(FunctionTool(name: "noop", description: "", inputSchema: ["type": "object"]) { _ in [:] })
    } catch {
        fatalError("the test catalog does not build: \(error)")
    }
    return catalog
}()

/// A plan of `noop` steps.
private func makePlan(_ steps: String...) throws -> Plan {
    let json = try JSONValue(parsing: #"{"steps": ["# + steps.joined(separator: ", ") + "]}")
    return try PlanLoader(catalog: catalog).load(json).get()
}

/// The steps started by `actions`, in order.
private func started(_ actions: [ExecutionState.Action]) -> [Int] {
    actions.compactMap { if case .start(let step, _) = $0 { step } else { nil } }
}

/// Runs every started step to success, one at a time in start order, and returns the start order.
private func drainInStartOrder(_ state: inout ExecutionState, first: [ExecutionState.Action]) -> (order: [Int], last: [ExecutionState.Action]) {
    var queue = started(first)
    var order: [Int] = []
    var last = first
    while !queue.isEmpty {
        let i = queue.removeFirst()
        order.append(i)
        last = state.stepSucceeded(i)
        queue += started(last)
    }
    return (order, last)
}

/// A retry policy shape and the delays it must produce between attempts.
struct RetryCase: Sendable, CustomTestStringConvertible {
    let retry: String
    let delays: [Int]
    var testDescription: String { retry }

    static let all: [RetryCase] = [
        RetryCase(retry: #"{"strategy": "immediate", "max_retries": 3, "base_delay_ms": 100}"#, delays: [0, 0, 0]),
        RetryCase(retry: #"{"strategy": "linear", "max_retries": 3, "base_delay_ms": 100}"#, delays: [100, 200, 300]),
        RetryCase(retry: #"{"strategy": "linear", "max_retries": 4, "base_delay_ms": 100, "max_delay_ms": 250}"#, delays: [100, 200, 250, 250]),
        RetryCase(retry: #"{"strategy": "exponential", "max_retries": 5, "base_delay_ms": 100, "max_delay_ms": 1000}"#,
                  delays: [100, 200, 400, 800, 1000]),
        RetryCase(retry: #"{"max_retries": 2, "base_delay_ms": 50}"#, delays: [50, 100]),
        RetryCase(retry: #"{"strategy": "exponential", "max_retries": 0}"#, delays: []),
        RetryCase(retry: #"{"strategy": "none", "max_retries": 3}"#, delays: []),
    ]
}

@Suite struct ExecutionStateTests {
    @Test func startsReadyStepsByPriorityThenPlanOrder() throws {
        let plan = try makePlan(step("a"), step("b", #""priority": 5"#), step("c", #""priority": 5"#),
                                step("d", #""priority": -1"#), step("e"), step("f", #""priority": 9"#))
        var wide = ExecutionState(plan: plan, maxConcurrency: 10)
        #expect(wide.start() == [5, 1, 2, 0, 4, 3].map { ExecutionState.Action.start(step: $0, attempt: 1) })

        var narrow = ExecutionState(plan: plan, maxConcurrency: 1)
        let (order, last) = drainInStartOrder(&narrow, first: narrow.start())
        #expect(order == [5, 1, 2, 0, 4, 3])
        #expect(last == [.finish(.succeeded)])
        #expect(narrow.status.allSatisfy { $0 == .succeeded })
    }

    @Test func priorityOrdersStepsThatBecomeReadyTogether() throws {
        // b and c wait on a; when a succeeds they are ready at once and c (higher) goes first.
        let plan = try makePlan(step("a"), step("b", #""depends_on": ["a"]"#), step("c", #""depends_on": ["a"], "priority": 3"#))
        var state = ExecutionState(plan: plan, maxConcurrency: 1)
        #expect(state.start() == [.start(step: 0, attempt: 1)])
        #expect(state.stepSucceeded(0) == [.start(step: 2, attempt: 1)])
        #expect(state.stepSucceeded(2) == [.start(step: 1, attempt: 1)])
        #expect(state.stepSucceeded(1) == [.finish(.succeeded)])
    }

    @Test(arguments: [1, 2, 3, 5])
    func neverRunsMoreThanMaxConcurrency(_ limit: Int) throws {
        let plan = try makePlan(step("a"), step("b"), step("c"), step("d"), step("e"))
        var state = ExecutionState(plan: plan, maxConcurrency: limit)
        var running = started(state.start())
        #expect(running.count == min(limit, 5))
        var finished: [ExecutionState.Action] = []
        while let next = running.first {
            running.removeFirst()
            let actions = state.stepSucceeded(next)
            let more = started(actions)
            #expect(more.count <= 1, "one finished step frees one slot")
            running += more
            #expect(running.count <= limit)
            #expect(state.status.filter { $0 == .running }.count == running.count)
            finished += actions.filter { if case .finish = $0 { true } else { false } }
        }
        #expect(finished == [.finish(.succeeded)])
    }

    @Test func maxConcurrencyBelowOneMeansOne() throws {
        let plan = try makePlan(step("a"), step("b"))
        var state = ExecutionState(plan: plan, maxConcurrency: 0)
        #expect(state.start() == [.start(step: 0, attempt: 1)])
    }

    @Test func startsAChainOneStepAtATime() throws {
        let plan = try makePlan(step("a"), step("b", #""depends_on": ["a"]"#), step("c", #""input": {"x": "step:b.out"}"#))
        var state = ExecutionState(plan: plan, maxConcurrency: 8)
        #expect(state.start() == [.start(step: 0, attempt: 1)])
        #expect(state.status == [.running, .pending, .pending])
        #expect(state.stepSucceeded(0) == [.start(step: 1, attempt: 1)])
        #expect(state.status == [.succeeded, .running, .pending])
        #expect(state.stepSucceeded(1) == [.start(step: 2, attempt: 1)])
        #expect(state.stepSucceeded(2) == [.finish(.succeeded)])
    }

    @Test func aStepWaitsForAllItsDependencies() throws {
        let plan = try makePlan(step("a"), step("b"), step("c", #""depends_on": ["a", "b"]"#))
        var state = ExecutionState(plan: plan, maxConcurrency: 8)
        #expect(started(state.start()) == [0, 1])
        #expect(state.stepSucceeded(1) == [])
        #expect(state.status[2] == .pending)
        #expect(state.stepSucceeded(0) == [.start(step: 2, attempt: 1)])
    }

    @Test(arguments: RetryCase.all)
    func retriesWithThePolicysDelays(_ retryCase: RetryCase) throws {
        let plan = try makePlan(step("a", #""retry": \#(retryCase.retry)"#))
        var state = ExecutionState(plan: plan, maxConcurrency: 1)
        #expect(state.start() == [.start(step: 0, attempt: 1)])
        for (n, delay) in retryCase.delays.enumerated() {
            #expect(state.stepFailed(0, code: .toolError) == [.retry(step: 0, delayMs: delay)], "after attempt \(n + 1)")
            #expect(state.status[0] == .waitingRetry)
            #expect(state.retryDue(0) == [.start(step: 0, attempt: n + 2)])
        }
        #expect(state.stepFailed(0, code: .toolError) == [.finish(.failed)])
        #expect(state.status[0] == .failed)
        #expect(state.attempts[0] == retryCase.delays.count + 1)
    }

    @Test(arguments: [(0.0, 800), (0.25, 900), (0.5, 1000), (0.75, 1100), (0.999_999, 1200)])
    func jitterSpreadsDelaysByTwentyPercent(_ random: Double, _ expected: Int) throws {
        let plan = try makePlan(step("a", #""retry": {"strategy": "linear", "max_retries": 1, "base_delay_ms": 1000, "jitter": true}"#))
        var state = ExecutionState(plan: plan, maxConcurrency: 1)
        _ = state.start()
        #expect(state.stepFailed(0, code: .timeout, random: random) == [.retry(step: 0, delayMs: expected)])
    }

    @Test func jitterStaysWithinTwentyPercentForAnyRandom() throws {
        let policy = RetryPolicy(strategy: .exponential, maxRetries: 5, baseDelayMs: 100, maxDelayMs: 10_000, jitter: true)
        for attempt in 1...5 {
            let base = Double(policy.delayMs(afterAttempt: attempt))
            for r in stride(from: 0.0, to: 1.0, by: 0.01) {
                let delay = Double(policy.jitteredDelayMs(afterAttempt: attempt, random: r))
                #expect(delay >= (base * 0.8).rounded(.down) && delay <= (base * 1.2).rounded(.up), "attempt \(attempt), random \(r): \(delay)")
            }
        }
        let steady = RetryPolicy(strategy: .exponential, maxRetries: 5, baseDelayMs: 100, jitter: false)
        #expect(steady.jitteredDelayMs(afterAttempt: 2, random: 0) == 200)
    }

    static let retryOnCases: [(StepError.Code, Bool)] = [(.invalidOutput, true), (.toolError, false), (.timeout, false), (.invalidInput, false)]
    static let defaultRetryCases: [(StepError.Code, Bool)] = [
        (.invalidInput, false), (.referenceError, false), (.invalidOutput, false), (.cancelled, false),
        (.toolError, true), (.timeout, true), (.workerUnavailable, true), (.transportError, true),
    ]

    @Test(arguments: retryOnCases)
    func retriesOnlyTheCodesInRetryOn(_ code: StepError.Code, _ retried: Bool) throws {
        let plan = try makePlan(step("a", #""retry": {"strategy": "immediate", "max_retries": 2, "retry_on": ["invalid_output"]}"#))
        var state = ExecutionState(plan: plan, maxConcurrency: 1)
        _ = state.start()
        let actions = state.stepFailed(0, code: code)
        #expect(actions == (retried ? [.retry(step: 0, delayMs: 0)] : [.finish(.failed)]))
    }

    @Test(arguments: defaultRetryCases)
    func retriesOnlyTransientCodesByDefault(_ code: StepError.Code, _ retried: Bool) throws {
        let plan = try makePlan(step("a", #""retry": {"strategy": "immediate", "max_retries": 2}"#))
        var state = ExecutionState(plan: plan, maxConcurrency: 1)
        _ = state.start()
        #expect(state.stepFailed(0, code: code) == (retried ? [.retry(step: 0, delayMs: 0)] : [.finish(.failed)]))
        #expect(state.attempts[0] == 1)
    }

    @Test func stepsWithoutARetryPolicyFailOnTheFirstError() throws {
        var state = ExecutionState(plan: try makePlan(step("a")), maxConcurrency: 1)
        _ = state.start()
        #expect(state.stepFailed(0, code: .timeout) == [.finish(.failed)])
    }

    @Test func failingStepCancelsRunningAndSkipsTheRest() throws {
        // a fails (on_error fail) while b runs; c depends on a, d is independent but not started yet.
        let plan = try makePlan(step("a"), step("b"), step("c", #""depends_on": ["a"]"#), step("d"))
        var state = ExecutionState(plan: plan, maxConcurrency: 2)
        #expect(started(state.start()) == [0, 1])
        #expect(state.stepFailed(0, code: .toolError) == [.cancelRunning])
        #expect(state.status == [.failed, .running, .skipped, .skipped])
        #expect(state.skipCause == [nil, nil, .dependencyFailed(0), .runStopped(by: 0)])
        #expect(state.stepFailed(1, code: .cancelled) == [.finish(.failed)])
        #expect(state.status[1] == .cancelled)
    }

    @Test func failingStepWithNothingElseRunningFinishesAtOnce() throws {
        let plan = try makePlan(step("a"), step("b"))
        var state = ExecutionState(plan: plan, maxConcurrency: 1)
        _ = state.start()
        #expect(state.stepFailed(0, code: .toolError) == [.finish(.failed)])
        #expect(state.status == [.failed, .skipped])
    }

    @Test func failingStepCancelsAStepWaitingToRetry() throws {
        let plan = try makePlan(step("a", #""retry": {"strategy": "linear", "max_retries": 2, "base_delay_ms": 500}"#), step("b"))
        var state = ExecutionState(plan: plan, maxConcurrency: 2)
        _ = state.start()
        #expect(state.stepFailed(0, code: .timeout) == [.retry(step: 0, delayMs: 500)])
        #expect(state.stepFailed(1, code: .toolError) == [.finish(.failed)])
        #expect(state.status == [.cancelled, .failed])
        #expect(state.retryDue(0) == [], "a retry that comes due after the run ended starts nothing")
    }

    @Test func continuingPastAFailureSkipsOnlyItsDependants() throws {
        // a (continue) fails: b and c (through b) are skipped; d and e go on; the run still fails.
        let plan = try makePlan(step("a", #""on_error": "continue""#), step("b", #""depends_on": ["a"]"#),
                                step("c", #""input": {"x": "step:b"}"#), step("d"), step("e", #""depends_on": ["d"]"#))
        var state = ExecutionState(plan: plan, maxConcurrency: 1)
        #expect(state.start() == [.start(step: 0, attempt: 1)])
        #expect(state.stepFailed(0, code: .toolError) == [.start(step: 3, attempt: 1)])
        #expect(state.status == [.failed, .skipped, .skipped, .running, .pending])
        #expect(state.skipCause == [nil, .dependencyFailed(0), .dependencyFailed(0), nil, nil])
        #expect(state.stepSucceeded(3) == [.start(step: 4, attempt: 1)])
        #expect(state.stepSucceeded(4) == [.finish(.failed)])
        #expect(state.status == [.failed, .skipped, .skipped, .succeeded, .succeeded])
    }

    @Test func continuingStepDoesNotCancelRunningSteps() throws {
        let plan = try makePlan(step("a", #""on_error": "continue""#), step("b"))
        var state = ExecutionState(plan: plan, maxConcurrency: 2)
        _ = state.start()
        #expect(state.stepFailed(0, code: .toolError) == [])
        #expect(state.status[1] == .running)
        #expect(state.stepSucceeded(1) == [.finish(.failed)])
    }

    @Test func cancelStopsRunningStepsAndCancelsTheRest() throws {
        let plan = try makePlan(step("a"), step("b"), step("c"), step("d", #""depends_on": ["a"]"#))
        var state = ExecutionState(plan: plan, maxConcurrency: 2)
        #expect(started(state.start()) == [0, 1])
        #expect(state.cancel() == [.cancelRunning])
        #expect(state.status == [.running, .running, .cancelled, .cancelled])
        #expect(state.cancel() == [], "cancelling twice does nothing more")
        #expect(state.stepFailed(0, code: .cancelled) == [])
        #expect(state.stepSucceeded(1) == [.finish(.cancelled)], "a step that won the race still ends the run cancelled")
        #expect(state.status == [.cancelled, .succeeded, .cancelled, .cancelled])
        #expect(state.cancel() == [])
    }

    @Test func cancelWithNothingRunningFinishesAtOnce() throws {
        let plan = try makePlan(step("a", #""retry": {"strategy": "linear", "max_retries": 1, "base_delay_ms": 100}"#), step("b", #""depends_on": ["a"]"#))
        var state = ExecutionState(plan: plan, maxConcurrency: 1)
        _ = state.start()
        #expect(state.stepFailed(0, code: .toolError) == [.retry(step: 0, delayMs: 100)])
        #expect(state.cancel() == [.finish(.cancelled)])
        #expect(state.status == [.cancelled, .cancelled])
        #expect(state.retryDue(0) == [])
    }
}
