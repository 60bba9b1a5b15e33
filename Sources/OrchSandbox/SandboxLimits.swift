import OrchJSON
import OrchSandboxShim

/// The limits of one code step. Defaults as in `sandbox/policy/limits.def`; a run sets its own
/// (`orch-mcp run --sandbox-cpu …`), a step narrows or widens them with `"input": {"limits": {…}}`.
public struct SandboxLimits: Sendable, Hashable {
    /// CPU seconds (RLIMIT_CPU); past it the step fails with `cpu_limit`.
    public var cpuSeconds: Int
    /// Address space in MiB (RLIMIT_AS); running out fails with `memory_limit`.
    public var memoryMB: Int
    /// Wall clock in ms, kept by the parent; a step's `timeout_ms` wins. Past it: `timeout`.
    public var wallMs: Int
    /// The JSON of `output` may be this long; raw stdout past about this much kills the child (`output_limit`).
    public var outputBytes: Int
    /// What the code prints is kept up to this many characters, then cut with a marker (not an error).
    public var logsBytes: Int
    /// Whether the code may start threads (clone with CLONE_THREAD).
    public var allowThreads: Bool

    /// The defaults are `sandbox/policy/limits.def`'s, through the protocol header: one table
    /// for the runner and for orch-mcp.
    public init(cpuSeconds: Int = Int(ORCH_SBX_LIMIT_cpu_seconds), memoryMB: Int = Int(ORCH_SBX_LIMIT_memory_mb),
                wallMs: Int = Int(ORCH_SBX_LIMIT_wall_ms), outputBytes: Int = Int(ORCH_SBX_LIMIT_output_bytes),
                logsBytes: Int = Int(ORCH_SBX_LIMIT_logs_bytes), allowThreads: Bool = false) {
        self.cpuSeconds = cpuSeconds
        self.memoryMB = memoryMB
        self.wallMs = wallMs
        self.outputBytes = outputBytes
        self.logsBytes = logsBytes
        self.allowThreads = allowThreads
    }

    public static let defaults = SandboxLimits()

    /// These limits with a step's `"limits"` object applied (`cpu_seconds`, `memory_mb`,
    /// `output_bytes`, `logs_bytes`, `allow_threads`) and its `timeout_ms` as the wall clock.
    /// The plan checker has validated the object; a member that is still malformed is ignored.
    public func applying(step limits: JSONValue?, timeoutMs: Int?) -> SandboxLimits {
        var result = self
        if let timeoutMs, timeoutMs > 0 { result.wallMs = timeoutMs }
        guard let limits = limits?.objectValue else { return result }
        func positive(_ key: String) -> Int? {
            guard let value = limits[key]?.intValue, value > 0, value <= Int64(UInt32.max) else { return nil }
            return Int(value)
        }
        if let value = positive("cpu_seconds") { result.cpuSeconds = value }
        if let value = positive("memory_mb") { result.memoryMB = value }
        if let value = positive("output_bytes") { result.outputBytes = value }
        if let value = positive("logs_bytes") { result.logsBytes = value }
        if let value = limits["allow_threads"]?.boolValue { result.allowThreads = value }
        return result
    }

    /// How many bytes of raw stdout the parent accepts: the output, the logs JSON-escaped
    /// (at most 6 bytes a character) and the frame around them.
    var stdoutCap: Int { outputBytes + 6 * logsBytes + 4096 }

    /// The runner's command-line form (cold mode).
    var arguments: [String] {
        var list = ["--cpu", String(cpuSeconds), "--memory-mb", String(memoryMB),
                    "--output-bytes", String(outputBytes), "--logs-bytes", String(logsBytes)]
        if allowThreads { list.append("--threads") }
        return list
    }
}
