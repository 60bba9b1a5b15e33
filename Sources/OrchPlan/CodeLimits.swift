/// The limits a code step may set in `"input": {"limits": {…}}` and a run with `--sandbox-*`:
/// the numeric ones with their largest accepted value (the smallest is 1), and the one boolean.
/// The plan checker and orch-mcp's options both validate against this table; the defaults are
/// `SandboxLimits.defaults` (OrchSandbox), as in `sandbox/policy/limits.def`.
public enum CodeLimits {
    /// A numeric limit: its JSON name and the largest value accepted.
    public struct Numeric: Sendable, Hashable {
        public let name: String
        public let maximum: Int64
    }

    public static let cpuSeconds = Numeric(name: "cpu_seconds", maximum: 3600)
    public static let memoryMB = Numeric(name: "memory_mb", maximum: 65536)
    public static let outputBytes = Numeric(name: "output_bytes", maximum: 1 << 30)
    public static let logsBytes = Numeric(name: "logs_bytes", maximum: 1 << 26)

    /// The numeric limits, in the order they are listed to users.
    public static let numeric: [Numeric] = [cpuSeconds, memoryMB, outputBytes, logsBytes]

    /// The boolean limit: whether the code may start threads.
    public static let allowThreads = "allow_threads"

    /// Every limit's name, numeric ones first.
    public static var names: [String] { numeric.map(\.name) + [allowThreads] }

    /// The largest value of the numeric limit `name`, nil for any other name.
    public static func maximum(of name: String) -> Int64? {
        numeric.first { $0.name == name }?.maximum
    }
}
