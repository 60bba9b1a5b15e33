/// Why a step failed: a stable code and a sentence. The vocabulary every tool kind reports in.
public struct StepError: Error, Sendable, Hashable, CustomStringConvertible {
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public init(_ rawValue: String) { self.rawValue = rawValue }

        /// The resolved input fails the tool's `inputSchema`.
        public static let invalidInput = Code("invalid_input")
        /// A `step:` reference selects something the referenced output does not have.
        public static let referenceError = Code("reference_error")
        /// The tool ran and reported failure (a function threw; an MCP tool answered `isError`).
        public static let toolError = Code("tool_error")
        /// The output fails the tool's `outputSchema`.
        public static let invalidOutput = Code("invalid_output")
        public static let timeout = Code("timeout")
        /// The MCP server could not be started or died.
        public static let workerUnavailable = Code("worker_unavailable")
        public static let transportError = Code("transport_error")
        public static let cancelled = Code("cancelled")
        /// Code steps (orch-sandbox): a forbidden system call, naming it when the runner could.
        public static let sandboxViolation = Code("sandbox_violation")
        /// Code steps: the CPU-time limit was reached.
        public static let cpuLimit = Code("cpu_limit")
        /// Code steps: the memory (address-space) limit was reached.
        public static let memoryLimit = Code("memory_limit")
        /// Code steps: `output`, or the raw stdout, went past its cap.
        public static let outputLimit = Code("output_limit")
        /// Code steps: the code raised; the message names the exception and the line of user code.
        public static let codeError = Code("code_error")
        /// Code steps: the process died of a signal no other code covers (named in the message).
        public static let crashed = Code("crashed")

        /// Codes retried by a retry policy that has no `retry_on`: the transient ones.
        public static let retriedByDefault: Set<Code> = [.toolError, .timeout, .workerUnavailable, .transportError]
        /// Every code a plan's `retry_on` may name (sandbox codes included).
        public static let known: Set<String> = [
            "invalid_input", "reference_error", "tool_error", "invalid_output", "timeout", "worker_unavailable",
            "transport_error", "cancelled", "sandbox_violation", "cpu_limit", "memory_limit", "output_limit",
            "code_error", "crashed",
        ]
        public var description: String { rawValue }
    }

    public let code: Code
    public let message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code.rawValue): \(message)" }
}
