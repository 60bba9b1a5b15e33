import OrchJSON
import OrchPlan

/// The data of one run next to its ``ExecutionState``: outputs, errors, times.
struct RunState {
    let plan: Plan
    let catalog: ToolCatalog
    var state: ExecutionState
    var outputs: [JSONValue?]
    var errors: [StepError?]
    var startedAtMs: [Int64?]
    var startNanos: [UInt64?]
    var endNanos: [UInt64?]
    var reported: [Bool]
    /// What the state machine decided when the run finished.
    var finalStatus: ExecutionState.RunStatus?

    init(plan: Plan, catalog: ToolCatalog, maxConcurrency: Int) {
        self.plan = plan
        self.catalog = catalog
        state = ExecutionState(plan: plan, maxConcurrency: maxConcurrency)
        let n = plan.steps.count
        outputs = Array(repeating: nil, count: n)
        errors = Array(repeating: nil, count: n)
        startedAtMs = Array(repeating: nil, count: n)
        startNanos = Array(repeating: nil, count: n)
        endNanos = Array(repeating: nil, count: n)
        reported = Array(repeating: false, count: n)
    }

    mutating func markStarted(_ i: Int) {
        if startedAtMs[i] == nil {
            startedAtMs[i] = Timestamp.nowMilliseconds()
            startNanos[i] = Timestamp.monotonicNanoseconds()
        }
    }

    /// The step's arguments with every `step:` reference replaced, checked against the tool's
    /// input schema when references were filled in (literal inputs were checked at load).
    func resolveArguments(of step: PlanStep) throws(StepError) -> JSONValue {
        guard !step.references.isEmpty else { return step.arguments }
        var arguments = step.arguments
        for (location, reference) in step.references {
            guard let source = plan.index(of: reference.stepID), let output = outputs[source] else {
                throw StepError(.referenceError, "\(step.argumentsPath)\(location): \(reference.text) has no output to read.")
            }
            let value: JSONValue
            do {
                value = try reference.select(from: output)
            } catch {
                throw StepError(.referenceError, "\(step.argumentsPath)\(location): \(error.message)")
            }
            do {
                try location.set(value, in: &arguments)
            } catch {
                throw StepError(.referenceError, "\(step.argumentsPath)\(location): \(error.reason)")
            }
        }
        if let schema = catalog.tool(named: step.target)?.input {
            let result = schema.validate(arguments)
            if !result.valid {
                let shown = result.errors.prefix(5).map { "`\(step.argumentsPath)\($0.instanceLocation)`: \($0.message)" }.joined(separator: "; ")
                throw StepError(.invalidInput, "The resolved input does not match the inputSchema of '\(step.target)': \(shown)")
            }
        }
        return arguments
    }

    func stepResult(_ i: Int) -> StepResult {
        let step = plan.steps[i]
        let status = state.status[i]
        var duration: Double?
        if let start = startNanos[i], let end = endNanos[i], end >= start { duration = Double(end - start) / 1_000_000 }
        var error = errors[i]
        if status == .cancelled && error == nil { error = StepError(.cancelled, "The step was cancelled before it finished.") }
        if status == .succeeded { error = nil }
        return StepResult(id: step.id, status: status, output: status == .succeeded ? outputs[i] : nil,
                          error: status == .failed || status == .cancelled ? error : nil,
                          skipReason: state.skipCause[i].map(skipReason),
                          attempts: state.attempts[i], startedAtMs: startedAtMs[i], durationMs: duration)
    }

    private func skipReason(_ cause: ExecutionState.SkipCause) -> String {
        switch cause {
        case .dependencyFailed(let j): "not run: it depends on \(plan.steps[j].id), which failed"
        case .runStopped(let j): "not run: the run stopped when \(plan.steps[j].id) failed (on_error: fail)"
        }
    }

    func result(runID: String) -> RunResult {
        let steps = plan.steps.indices.map(stepResult)
        let status = finalStatus ?? (steps.allSatisfy { $0.status == .succeeded } ? .succeeded : .failed)
        var outputs: [String: JSONValue] = [:]
        for step in steps { if let output = step.output { outputs[step.id] = output } }
        let final = plan.synthesis?.render(outputs: outputs, order: plan.steps.map(\.id))
        return RunResult(runID: runID, requestID: plan.requestID, status: status, steps: steps, final: final)
    }
}
