import Foundation
import OrchJSON
import OrchPlan
import OrchSandbox
import OrchTesting
import Testing

/// One warm sandbox for the whole test process (a fork server costs ~50 ms to start), plus
/// helpers that run a step and check that nothing was left behind.
enum Harness {
    static let warm: Sandbox = {
        do {
            return try Sandbox(mode: .warm)
        } catch {
            fatalError("The warm sandbox did not start: \(error)")
        }
    }()

    static let cold: Sandbox = {
        do {
            return try Sandbox(mode: .cold)
        } catch {
            fatalError("The cold sandbox could not be set up: \(error)")
        }
    }()

    /// Small CPU and memory limits keep the escape battery fast. The wall limit is generous on
    /// purpose: when the whole test run starts, two cores serve dozens of processes, and a step
    /// that needs a second of CPU can take many seconds of wall time. Tests of the wall limit
    /// set their own.
    static let small = SandboxLimits(cpuSeconds: 2, memoryMB: 256, wallMs: 60_000, outputBytes: 1 << 20, logsBytes: 64 << 10)

    static func run(_ code: String, input: JSONValue = .null, limits: SandboxLimits = small, on sandbox: Sandbox = warm) async -> Result<CodeResult, StepError> {
        do throws(StepError) {
            return .success(try await sandbox.run(code: code, input: input, limits: limits))
        } catch {
            return .failure(error)
        }
    }

    /// The runner's path, for probes. Found directly, not through `warm`: a synchronous probe
    /// test must not wait for the fork server to start (that wait blocks a thread of the
    /// cooperative pool, and two of them on two cores stall every test in the process).
    static let binary: String = {
        do {
            return try Sandbox.locate()
        } catch {
            fatalError("The sandbox runner was not found: \(error)")
        }
    }()

    /// orch-sandbox processes of ours that should be gone: a step child that installed its
    /// filter (`Seccomp: 2`), warm or cold, anywhere below us, or a cold runner of ours. A warm
    /// step is a fork of the fork server and so carries its command line (`orch-sandbox
    /// zygote`): the filter, not the command line, tells it from the fork server and its spares
    /// (no filter yet), which are not counted.
    static func strays() -> [Int32] {
        let me = getpid()
        let zygote = warm.zygotePID ?? -1
        return ProcessTable.pids().filter { pid in
            guard pid != zygote, let stat = ProcessTable.stat(pid) else { return false }
            let name = String(decoding: ProcessTable.read("/proc/\(pid)/comm"), as: UTF8.self)
            guard name.hasPrefix("orch-sandbox") else { return false }
            let status = String(decoding: ProcessTable.read("/proc/\(pid)/status"), as: UTF8.self)
            if status.contains("Seccomp:\t2") { return descends(pid, from: me) }
            // Fork servers are not step processes: another suite's Sandbox may still be shutting
            // its zygote down (ZygoteTests covers zygotes).
            let arguments = ProcessTable.read("/proc/\(pid)/cmdline").split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
            if arguments.dropFirst().first == "zygote" { return false }
            return stat.ppid == me
        }
    }

    /// Whether `pid` descends from `ancestor` through orch-sandbox processes only: a step of an
    /// `orch-mcp` that another suite runs at the same time is that orch-mcp's, not a stray of ours.
    private static func descends(_ pid: Int32, from ancestor: Int32) -> Bool {
        var current = pid
        for _ in 0..<64 {
            guard let parent = ProcessTable.stat(current)?.ppid, parent > 1 else { return false }
            if parent == ancestor { return true }
            let name = String(decoding: ProcessTable.read("/proc/\(parent)/comm"), as: UTF8.self)
            guard name.hasPrefix("orch-sandbox") else { return false }
            current = parent
        }
        return false
    }

    /// Fails the test when a step process is still around after a short while, and checks that
    /// the sandbox still serves a plain step.
    static func expectClean(on sandbox: Sandbox = warm, sourceLocation: SourceLocation = #_sourceLocation) async {
        // Generous: on a loaded 2-core machine a killed step can take seconds to be reaped.
        let clean = await ProcessTable.eventually(within: .seconds(10)) { strays().isEmpty }
        #expect(clean, "processes left behind: \(strays().map(describe))", sourceLocation: sourceLocation)
        let next = await run("output = 41 + 1", on: sandbox)
        #expect((try? next.get().output) == .int(42), "the sandbox no longer serves steps: \(next)", sourceLocation: sourceLocation)
    }

    /// `pid (argv) state S ppid P`, for a failure message that says what was left.
    static func describe(_ pid: Int32) -> String {
        let arguments = ProcessTable.read("/proc/\(pid)/cmdline").split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
        let status = String(decoding: ProcessTable.read("/proc/\(pid)/status"), as: UTF8.self)
        let state = status.split(separator: "\n").first { $0.hasPrefix("State:") } ?? "State: ?"
        return "\(pid) (\(arguments.joined(separator: " "))) \(state) ppid \(ProcessTable.stat(pid)?.ppid ?? -1)"
    }

    /// Python that reaches a built-in module past the restricted `__import__`, the way hostile code would.
    static func builtin(_ module: String) -> String {
        "[c for c in ().__class__.__base__.__subclasses__() if c.__name__ == 'BuiltinImporter'][0].load_module('\(module)')"
    }

    /// Runs `orch-sandbox probe SYSCALL`: the full confinement, then the raw call. The signal that
    /// ended it (0 when it exited), what it printed ("NAME returned R (errno E)") and its stderr.
    static func probe(_ syscall: String) async throws -> (status: Int32, stdout: String, stderr: String) {
        let ran = try await runner(["probe", syscall])
        return (ran.signal, ran.stdout, ran.stderr)
    }

    /// ``runnerBlocking(_:)`` off the cooperative pool.
    static func runner(_ arguments: [String]) async throws -> (signal: Int32, exitCode: Int32, stdout: String, stderr: String) {
        try await offPool { try runnerBlocking(arguments) }
    }

    /// Runs `orch-sandbox ARGUMENTS` (at most 10 s): the signal that ended it (0 if none), its
    /// exit code, stdout and stderr.
    /// Pipes, not ProcessRun's files: the runner's RLIMIT_FSIZE of 0 stops any write to a regular
    /// file. Its output is small, so it is read after the exit.
    static func runnerBlocking(_ arguments: [String]) throws -> (signal: Int32, exitCode: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        let errors = Pipe()
        let output = Pipe()
        process.standardError = errors
        process.standardOutput = output
        let done = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in done.signal() }
        try process.run()
        if done.wait(timeout: .now() + 10) == .timedOut {
            process.terminate()
            throw StepError(.timeout, "orch-sandbox \(arguments.joined(separator: " ")) did not finish in 10 s")
        }
        let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let signaled = process.terminationReason == .uncaughtSignal
        return (signaled ? process.terminationStatus : 0, signaled ? 0 : process.terminationStatus, printed, text)
    }

    /// The built orch-mcp, next to the runner.
    static var orchMCP: URL { URL(fileURLWithPath: binary).deletingLastPathComponent().appendingPathComponent("orch-mcp") }
}

extension Result where Success == CodeResult, Failure == StepError {
    var code: String? {
        if case .failure(let error) = self { return error.code.rawValue }
        return nil
    }

    var message: String {
        switch self {
        case .success(let result): return "succeeded with \(JSONWriter.string(result.output))"
        case .failure(let error): return error.description
        }
    }

    var output: JSONValue? { try? get().output }
}
