import OrchPlan

/// The scheduling of one run as a pure state machine: no I/O, no clock, no tasks.
///
/// The driver reports what happened (`stepSucceeded`, `stepFailed`, `retryDue`, `cancel`)
/// and gets back ``Action``s to carry out. Ready steps start highest `priority` first (then
/// in plan order), never more than `maxConcurrency` at once.
public struct ExecutionState: Sendable {
    public enum StepStatus: String, Sendable {
        case pending, ready, running, waitingRetry, succeeded, failed, skipped, cancelled

        public var isFinal: Bool {
            switch self {
            case .succeeded, .failed, .skipped, .cancelled: true
            default: false
            }
        }
    }

    public enum RunStatus: String, Sendable { case succeeded, failed, cancelled }

    public enum Action: Sendable, Equatable {
        /// Start attempt `attempt` (1-based) of step `step`.
        case start(step: Int, attempt: Int)
        /// Report ``retryDue(_:)`` for `step` after `delayMs`.
        case retry(step: Int, delayMs: Int)
        /// Cancel every running step (they report back as cancelled).
        case cancelRunning
        /// The run is over.
        case finish(RunStatus)
    }

    public private(set) var status: [StepStatus]
    public private(set) var attempts: [Int]
    /// Why a step was not run.
    public enum SkipCause: Sendable, Equatable {
        /// It depends, directly or not, on this step, which failed.
        case dependencyFailed(Int)
        /// This step failed with `on_error: fail`, which stopped the run.
        case runStopped(by: Int)
    }

    /// Why each skipped step was skipped.
    public private(set) var skipCause: [SkipCause?]
    private let steps: [PlanStep]
    private var waitingOn: [Int]
    private var dependents: [[Int]]
    private var ready = ReadyQueue()
    private let maxConcurrency: Int
    private var running = 0
    private var unfinished: Int
    private var halted = false
    private var cancelled = false
    private var anyFailed = false
    private var finished = false

    public init(plan: Plan, maxConcurrency: Int) {
        steps = plan.steps
        self.maxConcurrency = max(1, maxConcurrency)
        let n = plan.steps.count
        status = Array(repeating: .pending, count: n)
        attempts = Array(repeating: 0, count: n)
        skipCause = Array(repeating: nil, count: n)
        waitingOn = plan.steps.map(\.dependencies.count)
        dependents = Array(repeating: [], count: n)
        for step in plan.steps {
            for dependency in step.dependencies { dependents[dependency].append(step.index) }
        }
        unfinished = n
    }

    /// The first actions of the run.
    public mutating func start() -> [Action] {
        for i in steps.indices where waitingOn[i] == 0 { makeReady(i) }
        return schedule()
    }

    public mutating func stepSucceeded(_ i: Int) -> [Action] {
        guard status[i] == .running else { return schedule() }
        running -= 1
        finish(i, as: .succeeded)
        for next in dependents[i] {
            waitingOn[next] -= 1
            if waitingOn[next] == 0 && status[next] == .pending { makeReady(next) }
        }
        return schedule()
    }

    /// A failed attempt. `random` in [0, 1) drives jitter.
    public mutating func stepFailed(_ i: Int, code: StepError.Code, random: Double = 0.5) -> [Action] {
        guard status[i] == .running else { return schedule() }
        running -= 1
        if code == .cancelled && (halted || cancelled) {
            finish(i, as: .cancelled)
            return schedule()
        }
        let policy = steps[i].retry
        if !halted && policy.retries(code, afterAttempt: attempts[i]) {
            status[i] = .waitingRetry
            let delay = policy.jitteredDelayMs(afterAttempt: attempts[i], random: random)
            return [.retry(step: i, delayMs: delay)] + schedule()
        }
        finish(i, as: code == .cancelled ? .cancelled : .failed)
        anyFailed = true
        var actions: [Action] = []
        switch steps[i].onError {
        case .fail:
            halted = true
            skipDependents(of: i)
            for j in steps.indices where status[j] == .pending || status[j] == .ready {
                skip(j, because: .runStopped(by: i))
            }
            for j in steps.indices where status[j] == .waitingRetry { finish(j, as: .cancelled) }
            if running > 0 { actions.append(.cancelRunning) }
        case .continue:
            skipDependents(of: i)
        }
        return actions + schedule()
    }

    /// The wait before a retry is over.
    public mutating func retryDue(_ i: Int) -> [Action] {
        guard status[i] == .waitingRetry else { return schedule() }
        makeReady(i)
        return schedule()
    }

    /// Cancels the whole run: running steps are cancelled, nothing new starts, the rest is `cancelled`.
    public mutating func cancel() -> [Action] {
        guard !cancelled && !finished else { return [] }
        cancelled = true
        halted = true
        for j in steps.indices where [.pending, .ready, .waitingRetry].contains(status[j]) { finish(j, as: .cancelled) }
        return (running > 0 ? [.cancelRunning] : []) + schedule()
    }

    // MARK: -

    private mutating func makeReady(_ i: Int) {
        status[i] = .ready
        ready.push(priority: steps[i].priority, index: i)
    }

    private mutating func finish(_ i: Int, as final: StepStatus) {
        status[i] = final
        unfinished -= 1
    }

    private mutating func skip(_ i: Int, because cause: SkipCause) {
        guard !status[i].isFinal else { return }
        skipCause[i] = cause
        finish(i, as: .skipped)
    }

    /// Skips everything that depends, directly or not, on `i`.
    private mutating func skipDependents(of i: Int) {
        var stack = dependents[i]
        while let j = stack.popLast() {
            guard status[j] == .pending || status[j] == .ready else { continue }
            skip(j, because: .dependencyFailed(i))
            stack.append(contentsOf: dependents[j])
        }
    }

    private mutating func schedule() -> [Action] {
        var actions: [Action] = []
        while !halted, running < maxConcurrency, let i = ready.pop() {
            guard status[i] == .ready else { continue }
            status[i] = .running
            attempts[i] += 1
            running += 1
            actions.append(.start(step: i, attempt: attempts[i]))
        }
        if unfinished == 0 && running == 0 && !finished {
            finished = true
            actions.append(.finish(cancelled ? .cancelled : (anyFailed ? .failed : .succeeded)))
        }
        return actions
    }
}

/// Ready steps by priority (highest first), then plan order: a binary heap.
struct ReadyQueue: Sendable {
    private var heap: [(priority: Int, index: Int)] = []

    private static func before(_ a: (priority: Int, index: Int), _ b: (priority: Int, index: Int)) -> Bool {
        a.priority != b.priority ? a.priority > b.priority : a.index < b.index
    }

    mutating func push(priority: Int, index: Int) {
        heap.append((priority, index))
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard Self.before(heap[child], heap[parent]) else { break }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    mutating func pop() -> Int? {
        guard !heap.isEmpty else { return nil }
        let top = heap[0].index
        let last = heap.removeLast()
        if !heap.isEmpty {
            heap[0] = last
            var parent = 0
            while true {
                let left = 2 * parent + 1, right = left + 1
                var best = parent
                if left < heap.count, Self.before(heap[left], heap[best]) { best = left }
                if right < heap.count, Self.before(heap[right], heap[best]) { best = right }
                guard best != parent else { break }
                heap.swapAt(parent, best)
                parent = best
            }
        }
        return top
    }
}
