/// How a failed step is retried.
public struct RetryPolicy: Sendable, Hashable {
    public enum Strategy: String, Sendable, CaseIterable { case none, immediate, linear, exponential }

    public var strategy: Strategy
    public var maxRetries: Int
    public var baseDelayMs: Int
    public var maxDelayMs: Int
    /// ±20 % random spread on each delay.
    public var jitter: Bool
    /// Codes that are retried; nil means ``StepError/Code/retriedByDefault``.
    public var retryOn: Set<StepError.Code>?

    public static let none = RetryPolicy(strategy: .none, maxRetries: 0, baseDelayMs: 0, maxDelayMs: 0, jitter: false, retryOn: nil)

    public init(strategy: Strategy, maxRetries: Int, baseDelayMs: Int = 100, maxDelayMs: Int = 10_000,
                jitter: Bool = false, retryOn: Set<StepError.Code>? = nil) {
        self.strategy = strategy
        self.maxRetries = maxRetries
        self.baseDelayMs = baseDelayMs
        self.maxDelayMs = maxDelayMs
        self.jitter = jitter
        self.retryOn = retryOn
    }

    /// Whether a failure with `code` after `attempt` attempts (1 = the first) is tried again.
    public func retries(_ code: StepError.Code, afterAttempt attempt: Int) -> Bool {
        guard strategy != .none, attempt <= maxRetries else { return false }
        return (retryOn ?? StepError.Code.retriedByDefault).contains(code)
    }

    /// The wait before attempt `attempt + 1`, in milliseconds, before jitter.
    public func delayMs(afterAttempt attempt: Int) -> Int {
        let raw: Int
        switch strategy {
        case .none, .immediate: return 0
        case .linear: raw = baseDelayMs.multipliedReportingOverflow(by: attempt).partialValue
        case .exponential:
            let shift = min(attempt - 1, 40)
            let (value, overflow) = baseDelayMs.multipliedReportingOverflow(by: 1 << shift)
            raw = overflow ? Int.max : value
        }
        return max(0, min(raw, maxDelayMs))
    }

    /// The delay with ±20 % jitter applied when asked; `random` is in [0, 1).
    public func jitteredDelayMs(afterAttempt attempt: Int, random: Double) -> Int {
        let delay = delayMs(afterAttempt: attempt)
        guard jitter, delay > 0 else { return delay }
        return max(0, Int((Double(delay) * (0.8 + 0.4 * random)).rounded()))
    }
}
