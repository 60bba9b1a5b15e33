import ArgumentParser
import Foundation
import OrchExecutor
import OrchJSON
import OrchPlan
import OrchSandbox

/// `--sandbox warm|cold|off` and the run's code-step limits, shared by run, serve and validate.
/// A step's `"input": {"limits": {…}}` and `timeout_ms` apply on top of these.
struct SandboxOptions: ParsableArguments {
    enum Mode: String, ExpressibleByArgument, CaseIterable {
        case warm, cold, off
    }

    @Option(help: "How code_exec steps run: warm (a fork server, the default), cold (one orch-sandbox per step) or off (code steps are refused).")
    var sandbox: Mode = .warm

    @Option(name: .customLong("sandbox-cpu"), help: ArgumentHelp("CPU seconds per code step (default \(SandboxLimits.defaults.cpuSeconds)).", valueName: "S"))
    var cpuSeconds: Int?

    @Option(name: .customLong("sandbox-memory-mb"), help: ArgumentHelp("Address space per code step in MiB (default \(SandboxLimits.defaults.memoryMB)).", valueName: "MIB"))
    var memoryMB: Int?

    @Option(name: .customLong("sandbox-timeout-ms"), help: ArgumentHelp("Wall clock per code step in ms when the step has no timeout_ms (default \(SandboxLimits.defaults.wallMs)).", valueName: "MS"))
    var wallMs: Int?

    @Option(name: .customLong("sandbox-output-bytes"), help: ArgumentHelp("Largest `output` JSON per code step (default \(SandboxLimits.defaults.outputBytes)).", valueName: "BYTES"))
    var outputBytes: Int?

    @Option(name: .customLong("sandbox-logs-bytes"), help: ArgumentHelp("Printed text kept per code step; more is cut with a marker (default \(SandboxLimits.defaults.logsBytes)).", valueName: "CHARS"))
    var logsBytes: Int?

    @Flag(name: .customLong("sandbox-allow-threads"), help: "Let code steps start threads (off by default; a step may set limits.allow_threads).")
    var allowThreads = false

    func validate() throws {
        let values: [(String, Int?, Int64)] = [
            ("--sandbox-cpu", cpuSeconds, CodeLimits.cpuSeconds.maximum), ("--sandbox-memory-mb", memoryMB, CodeLimits.memoryMB.maximum),
            ("--sandbox-timeout-ms", wallMs, 86_400_000),
            ("--sandbox-output-bytes", outputBytes, CodeLimits.outputBytes.maximum), ("--sandbox-logs-bytes", logsBytes, CodeLimits.logsBytes.maximum),
        ]
        for (name, value, maximum) in values {
            if let value, value < 1 || Int64(value) > maximum {
                throw ValidationError("\(name) must be from 1 to \(maximum), not \(value).")
            }
        }
    }

    var limits: SandboxLimits {
        var limits = SandboxLimits.defaults
        if let cpuSeconds { limits.cpuSeconds = cpuSeconds }
        if let memoryMB { limits.memoryMB = memoryMB }
        if let wallMs { limits.wallMs = wallMs }
        if let outputBytes { limits.outputBytes = outputBytes }
        if let logsBytes { limits.logsBytes = logsBytes }
        limits.allowThreads = allowThreads
        return limits
    }

    /// Whether code steps can run (the runner exists and the sandbox is not off); starts nothing.
    var available: Bool {
        sandbox != .off && (try? Sandbox.locate()) != nil
    }

    /// The sandbox, started (warm: the fork server is up); or nil and why not, for plans with
    /// code steps, which then fail validation saying so (a failed start is said on stderr too).
    func start() -> (sandbox: Sandbox?, unavailable: String?) {
        guard sandbox != .off else { return (nil, "is off (--sandbox off)") }
        do {
            return (try Sandbox(mode: sandbox == .cold ? .cold : .warm, limits: limits), nil)
        } catch {
            FileHandle.standardError.write(Data("orch-mcp: code steps cannot run: \(error.message)\n".utf8))
            return (nil, "could not start: \(error.message)")
        }
    }

    /// Whether a plan document has code steps, so that the sandbox is started only when needed.
    static func wantsCode(_ document: JSONValue, catalog: ToolCatalog) -> Bool {
        document["steps"]?.arrayValue?.contains { step in
            guard let tool = step["tool"]?.stringValue else { return false }
            return tool == "code_exec" || catalog.tool(named: tool)?.definition.kind == .code
        } ?? false
    }
}
