import Foundation

/// The threads that run steps' blocking work (a step waits in poll(2) and on the zygote's
/// answers, for up to its wall-clock limit, so it must not hold a Swift concurrency thread).
///
/// A thread that finishes a step waits up to ``idleSeconds`` for the next one instead of
/// exiting: starting a thread per step cost ~40 µs before the step began, and its teardown CPU
/// that the next step competed with. At most ``maxIdle`` threads wait; there is no cap on busy
/// ones (each running step has its own, as before).
final class StepThreads: @unchecked Sendable {
    static let shared = StepThreads()

    static let maxIdle = 4
    static let idleSeconds: TimeInterval = 30

    /// Guards `queue` and `idle`.
    private let condition = NSCondition()
    private var queue: [@Sendable () -> Void] = []
    private var idle = 0

    /// Runs `body` on an idle step thread, or on a new one when none is idle.
    func run(_ body: @escaping @Sendable () -> Void) {
        condition.lock()
        if idle > queue.count {
            queue.append(body)
            condition.signal()
            condition.unlock()
            return
        }
        condition.unlock()
        let thread = Thread { [self] in serve(body) }
        thread.name = "orch-sandbox step"
        thread.start()
    }

    /// Runs `first`, then whatever is handed over while this thread waits idle.
    private func serve(_ first: @escaping @Sendable () -> Void) {
        var next: (@Sendable () -> Void)? = first
        while let body = next {
            body()
            next = nil
            condition.lock()
            if idle < Self.maxIdle {
                idle += 1
                let until = Date(timeIntervalSinceNow: Self.idleSeconds)
                while queue.isEmpty && condition.wait(until: until) {}
                idle -= 1
                if !queue.isEmpty { next = queue.removeFirst() }
            }
            condition.unlock()
        }
    }
}
