import OrchJSON
import OrchPlan

/// Runs the steps of one tool kind that live outside the process: MCP worker tools, code.
///
/// Failures are thrown as ``StepError`` with the code that fits (`tool_error` when the tool
/// answered with an error, `worker_unavailable`, `transport_error`, `timeout`, …). A
/// conforming type must stop promptly when its task is cancelled and throw `cancelled`.
public protocol ToolInvoker: Sendable {
    func invoke(_ tool: ToolDefinition, arguments: JSONValue, context: InvocationContext) async throws(StepError) -> JSONValue
}

/// What an invocation knows about the step it serves.
public struct InvocationContext: Sendable {
    public let stepID: String
    /// 1 for the first attempt.
    public let attempt: Int
    public let idempotencyKey: String?
    public let timeoutMs: Int?
    /// Reports the tool's progress (progress, total, message) to the run's observer; nil when
    /// nobody listens.
    public let progress: (@Sendable (Double, Double?, String?) -> Void)?

    public init(stepID: String, attempt: Int, idempotencyKey: String?, timeoutMs: Int?,
                progress: (@Sendable (Double, Double?, String?) -> Void)? = nil) {
        self.stepID = stepID
        self.attempt = attempt
        self.idempotencyKey = idempotencyKey
        self.timeoutMs = timeoutMs
        self.progress = progress
    }
}
