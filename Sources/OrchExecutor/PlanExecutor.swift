import OrchJSON
import OrchPlan
import OrchSchema

/// Runs a validated ``Plan``: an ``ExecutionState`` decides what runs when, and a task group
/// carries it out.
///
/// Synchronous function tools run inline (no task per step: a no-op step costs a few
/// microseconds); async functions, MCP tools and code run as child tasks, at most
/// `maxConcurrency` at once. A step's `timeout_ms` bounds each attempt of an async step.
/// Cancelling the task that calls ``run(_:runID:)`` cancels the run: running steps are
/// cancelled and the result says `cancelled`. A failing step is a result, never a throw.
public struct PlanExecutor: Sendable {
    public let catalog: ToolCatalog
    /// Runs `mcp` tools; steps that need it fail with `worker_unavailable` when it is nil.
    public var mcp: (any ToolInvoker)?
    /// Runs `code_exec` steps and `code` tools.
    public var code: (any ToolInvoker)?
    public var maxConcurrency: Int
    /// Told about every start, retry and finished step, on the executor's task; keep it quick.
    public var observer: (@Sendable (ExecutionEvent) -> Void)?

    public init(catalog: ToolCatalog, mcp: (any ToolInvoker)? = nil, code: (any ToolInvoker)? = nil,
                maxConcurrency: Int = 16, observer: (@Sendable (ExecutionEvent) -> Void)? = nil) {
        self.catalog = catalog
        self.mcp = mcp
        self.code = code
        self.maxConcurrency = maxConcurrency
        self.observer = observer
    }

    /// A fresh run id: `run-` and 16 hex digits.
    public static func makeRunID() -> String {
        let hex = String(UInt64.random(in: .min ... .max), radix: 16)
        return "run-" + String(repeating: "0", count: 16 - hex.count) + hex
    }

    public func run(_ plan: Plan, runID: String = PlanExecutor.makeRunID()) async -> RunResult {
        var run = RunState(plan: plan, catalog: catalog, maxConcurrency: maxConcurrency)
        await withTaskGroup(of: ChildEvent.self) { group in
            var actions = run.state.start()
            var inline: [ChildEvent] = []
            var cancelled = false
            while true {
                var done = false
                for action in actions {
                    switch action {
                    case .start(let step, let attempt):
                        if let event = start(step, attempt: attempt, run: &run, group: &group) { inline.append(event) }
                    case .retry(let step, let delayMs):
                        group.addTask {
                            try? await Task.sleep(for: .milliseconds(delayMs))
                            return .retryDue(step: step)
                        }
                    case .cancelRunning:
                        group.cancelAll()
                    case .finish(let status):
                        run.finalStatus = status
                        done = true
                    }
                }
                actions = []
                if done { break }
                if !cancelled && Task.isCancelled {
                    cancelled = true
                    actions = run.state.cancel()
                    reportFinished(&run)
                    continue
                }
                let event: ChildEvent
                if !inline.isEmpty {
                    event = inline.removeFirst()
                } else if let next = await group.next() {
                    event = next
                } else {
                    // Nothing running and nothing to start: cannot happen with a consistent state.
                    actions = run.state.cancel()
                    if actions.isEmpty { break }
                    continue
                }
                // A cancelled caller first: the event that follows is the cancellation's echo,
                // not a step failure (and a retry wait cut short must not start an attempt).
                if !cancelled && Task.isCancelled {
                    cancelled = true
                    actions = run.state.cancel()
                    reportFinished(&run)
                }
                actions += handle(event, run: &run)
            }
            group.cancelAll()
        }
        return run.result(runID: runID)
    }

    /// Starts one attempt; a synchronous step runs right here and its event is returned.
    private func start(_ i: Int, attempt: Int, run: inout RunState, group: inout TaskGroup<ChildEvent>) -> ChildEvent? {
        let step = run.plan.steps[i]
        run.markStarted(i)
        observer?(.started(step: step.id, attempt: attempt))
        let arguments: JSONValue
        do {
            arguments = try run.resolveArguments(of: step)
        } catch {
            return .finished(step: i, attempt: attempt, result: .failure(error), endNanos: Timestamp.monotonicNanoseconds())
        }
        let tool = run.catalog.tool(named: step.target)
        if step.kind == .function, let function = run.catalog.functions[step.target] {
            switch function.body {
            case .sync(let body):
                let result = Self.callSync(body, arguments, tool: step.target).flatMap { Self.checkOutput($0, tool) }
                return .finished(step: i, attempt: attempt, result: result, endNanos: Timestamp.monotonicNanoseconds())
            case .async(let body):
                let timeout = step.timeoutMs
                group.addTask {
                    let result = await Self.withTimeout(ms: timeout) { () async throws(StepError) -> JSONValue in
                        do {
                            return try await body(arguments)
                        } catch let error as FunctionToolError {
                            throw StepError(.toolError, error.message)
                        } catch is CancellationError {
                            throw StepError(.cancelled, "The step was cancelled.")
                        } catch {
                            throw StepError(.toolError, "\(error)")
                        }
                    }
                    return .finished(step: i, attempt: attempt, result: result.flatMap { Self.checkOutput($0, tool) }, endNanos: Timestamp.monotonicNanoseconds())
                }
                return nil
            }
        }
        let invoker = step.kind == .mcp ? mcp : code
        guard let invoker else {
            let what = step.kind == .mcp ? "no MCP client is configured to run the mcp tool '\(step.target)'" : "no sandbox is configured to run code"
            return .finished(step: i, attempt: attempt, result: .failure(StepError(.workerUnavailable, what)), endNanos: Timestamp.monotonicNanoseconds())
        }
        let definition = tool?.definition ?? ToolDefinition(name: step.target, kind: step.kind, description: "", inputSchema: [:], source: "plan")
        let progress = Self.progressReporter(observer, step: step.id)
        let context = InvocationContext(stepID: step.id, attempt: attempt, idempotencyKey: step.idempotencyKey,
                                        timeoutMs: step.timeoutMs, progress: progress)
        group.addTask {
            let result = await Self.withTimeout(ms: context.timeoutMs) { () async throws(StepError) -> JSONValue in
                try await invoker.invoke(definition, arguments: arguments, context: context)
            }
            return .finished(step: i, attempt: attempt, result: result.flatMap { Self.checkOutput($0, tool) }, endNanos: Timestamp.monotonicNanoseconds())
        }
        return nil
    }

    private func handle(_ event: ChildEvent, run: inout RunState) -> [ExecutionState.Action] {
        switch event {
        case .retryDue(let step):
            return run.state.retryDue(step)
        case .finished(let i, let attempt, let result, let endNanos):
            run.endNanos[i] = endNanos
            switch result {
            case .success(let output):
                run.outputs[i] = output
                run.errors[i] = nil
                let actions = run.state.stepSucceeded(i)
                if run.state.status[i] == .succeeded, !run.reported[i] {
                    run.reported[i] = true
                    observer?(.finished(run.stepResult(i)))
                }
                return actions
            case .failure(let error):
                run.errors[i] = error
                let actions = run.state.stepFailed(i, code: error.code, random: Double.random(in: 0..<1))
                if case .waitingRetry = run.state.status[i] {
                    let delay = actions.compactMap { if case .retry(i, let ms) = $0 { ms } else { nil } }.first ?? 0
                    observer?(.retrying(step: run.plan.steps[i].id, attempt: attempt, delayMs: delay, error: error))
                } else {
                    // A failure can end many steps at once (skipped, cancelled while waiting to retry).
                    reportFinished(&run)
                }
                return actions
            }
        }
    }

    /// Forwards a tool's progress to the observer as ``ExecutionEvent/progress(step:progress:total:message:)``.
    static func progressReporter(_ observer: (@Sendable (ExecutionEvent) -> Void)?, step: String) -> (@Sendable (Double, Double?, String?) -> Void)? {
        guard let observer else { return nil }
        return { value, total, message in
            observer(.progress(step: step, progress: value, total: total, message: message))
        }
    }

    /// Tells the observer about every step that has ended and was not reported yet.
    private func reportFinished(_ run: inout RunState) {
        guard let observer else { return }
        for j in run.plan.steps.indices where run.state.status[j].isFinal && !run.reported[j] {
            run.reported[j] = true
            observer(.finished(run.stepResult(j)))
        }
    }

    static func callSync(_ body: @Sendable (JSONValue) throws -> JSONValue, _ arguments: JSONValue, tool: String) -> Result<JSONValue, StepError> {
        do {
            return .success(try body(arguments))
        } catch let error as FunctionToolError {
            return .failure(StepError(.toolError, error.message))
        } catch {
            return .failure(StepError(.toolError, "The function '\(tool)' failed: \(error)"))
        }
    }

    /// The output checked against the tool's `outputSchema`, when it has one.
    static func checkOutput(_ output: JSONValue, _ tool: CompiledTool?) -> Result<JSONValue, StepError> {
        guard let schema = tool?.output else { return .success(output) }
        let result = schema.validate(output)
        guard !result.valid else { return .success(output) }
        let shown = result.errors.prefix(5).map(\.description).joined(separator: "; ")
        return .failure(StepError(.invalidOutput, "The output of '\(tool!.definition.name)' does not match its outputSchema: \(shown)"))
    }

    /// Runs `body`, failing with `timeout` if it takes longer than `ms` (when given).
    static func withTimeout(ms: Int?, _ body: @escaping @Sendable () async throws(StepError) -> JSONValue) async -> Result<JSONValue, StepError> {
        guard let ms else {
            do throws(StepError) { return .success(try await body()) } catch { return .failure(error) }
        }
        enum Outcome: Sendable { case done(Result<JSONValue, StepError>), timedOut, interrupted }
        return await withTaskGroup(of: Outcome.self) { group in
            group.addTask {
                do throws(StepError) { return .done(.success(try await body())) } catch { return .done(.failure(error)) }
            }
            group.addTask {
                do {
                    try await Task.sleep(for: .milliseconds(ms))
                    return .timedOut
                } catch {
                    return .interrupted
                }
            }
            while let outcome = await group.next() {
                switch outcome {
                case .done(let result):
                    group.cancelAll()
                    return result
                case .timedOut:
                    group.cancelAll()
                    return .failure(StepError(.timeout, "The step did not finish within its timeout of \(ms) ms."))
                case .interrupted:
                    continue
                }
            }
            return .failure(StepError(.cancelled, "The step was cancelled."))
        }
    }
}

/// What a child task reports back.
enum ChildEvent: Sendable {
    case finished(step: Int, attempt: Int, result: Result<JSONValue, StepError>, endNanos: UInt64)
    case retryDue(step: Int)
}

/// What the executor tells its observer.
public enum ExecutionEvent: Sendable {
    case started(step: String, attempt: Int)
    /// Progress a running tool reported (MCP `notifications/progress` from a worker).
    case progress(step: String, progress: Double, total: Double?, message: String?)
    case retrying(step: String, attempt: Int, delayMs: Int, error: StepError)
    case finished(StepResult)
}
