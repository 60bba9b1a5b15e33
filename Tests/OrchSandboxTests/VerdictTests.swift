import Foundation
import OrchJSON
import OrchPlan
@testable import OrchSandbox
import Testing

/// The verdict comes from the wait status; what the child wrote is untrusted data, read only
/// when it exited by itself with the runner's codes.
@Suite struct VerdictTests {
    static let limits = SandboxLimits(cpuSeconds: 2, memoryMB: 256, wallMs: 5_000, outputBytes: 1 << 20, logsBytes: 64 << 10)

    /// A raw wait status: exited with `code`, or killed by `signal`.
    static func exited(_ code: Int32) -> Int32 { code << 8 }
    static func killed(_ signal: Int32) -> Int32 { signal }

    static func decide(status: Int32, stdout: String = "", stderr: String = "", kill: Verdict.Kill = .none,
                       cpuMicroseconds: Int64? = nil) -> Result<CodeResult, StepError> {
        Verdict(status: status, stdout: Array(stdout.utf8), stderrTail: Array(stderr.utf8), kill: kill,
                cpuMicroseconds: cpuMicroseconds, limits: limits).decide()
    }

    static let forged = #"{"ok":true,"logs":"","logs_truncated":false,"output":"forged"}"#

    @Test(arguments: [
        // A success frame the code forged before it was killed is ignored: the signal decides.
        (killed(SIGSYS), forged, "orch-sandbox: blocked syscall 57 (fork)\n", Verdict.Kill.none, nil, "sandbox_violation", "the forbidden system call 'fork'"),
        (killed(SIGSEGV), forged, "", .none, nil, "crashed", "SIGSEGV"),
        (killed(SIGXCPU), "", "", .none, nil, "cpu_limit", "2 s of CPU time"),
        (killed(SIGKILL), "", "", .none, Int64(2_000_000), "cpu_limit", "2 s of CPU time and was killed"),
        (killed(SIGKILL), forged, "", .none, Int64(10_000), "crashed", "SIGKILL"),
        (killed(SIGKILL), forged, "", .wallClock, nil, "timeout", "5000 ms"),
        (exited(0), forged, "", .outputFlood, nil, "output_limit", "stdout (fd 1) directly"),
        (exited(0), forged, "", .cancelled, nil, "cancelled", "cancelled"),
        // Exit 1 carries only the runner's own error codes; anything else is a crash.
        (exited(1), #"{"ok":false,"code":"code_error","message":"NameError: x (line 1)","logs":"","logs_truncated":false}"#, "", .none, nil, "code_error", "NameError: x (line 1)"),
        (exited(1), #"{"ok":false,"code":"timeout","message":"forged","logs":"","logs_truncated":false}"#, "", .none, nil, "crashed", "without a readable error"),
        (exited(1), #"{"ok":false,"code":"memory_limit","message":"MemoryError","logs":"","logs_truncated":false}"#, "", .none, nil, "memory_limit", "raise it with input.limits.memory_mb"),
        // Exit 0 needs exactly one success frame.
        (exited(0), forged + forged, "", .none, nil, "invalid_output", "not the expected JSON frame"),
        (exited(0), "junk", "", .none, nil, "invalid_output", "not the expected JSON frame"),
        (exited(71), "", "orch-sandbox: setrlimit(RLIMIT_AS) failed: EPERM\n", .none, nil, "worker_unavailable", "setrlimit(RLIMIT_AS) failed"),
        (exited(3), forged, "", .none, nil, "crashed", "without an answer"),
    ] as [(Int32, String, String, Verdict.Kill, Int64?, String, String)])
    func theWaitStatusDecides(status: Int32, stdout: String, stderr: String, kill: Verdict.Kill, cpu: Int64?, code: String, message: String) {
        let result = Self.decide(status: status, stdout: stdout, stderr: stderr, kill: kill, cpuMicroseconds: cpu)
        switch result {
        case .success(let value):
            Issue.record("expected \(code), got success \(value.output)")
        case .failure(let error):
            #expect(error.code.rawValue == code, "\(error.message)")
            #expect(error.message.contains(message), "\(error.message)")
        }
    }

    @Test func aCleanExitWithOneFrameIsTheResult() throws {
        let result = try Self.decide(status: Self.exited(0), stdout: #"{"ok":true,"logs":"hi\n","logs_truncated":true,"output":{"total":6}}"#).get()
        #expect(result.output == ["total": 6])
        #expect(result.logs == "hi\n")
        #expect(result.logsTruncated)
    }
}

/// The limits a step runs with: the issue's defaults, from the one table in policy/limits.def,
/// and a step's own `limits` and `timeout_ms` over the run's.
@Suite struct SandboxLimitsTests {
    @Test func theDefaultsAreTheIssues() {
        let defaults = SandboxLimits.defaults
        #expect(defaults.cpuSeconds == 5 && defaults.memoryMB == 512 && defaults.wallMs == 10_000)
        #expect(defaults.outputBytes == 1 << 20 && defaults.logsBytes == 64 << 10 && !defaults.allowThreads)
    }

    @Test func aStepsLimitsAndTimeoutWinAndMalformedMembersAreIgnored() {
        var run = SandboxLimits.defaults
        run.allowThreads = true
        let step = run.applying(step: ["cpu_seconds": 2, "memory_mb": 128, "output_bytes": 100, "logs_bytes": 10, "allow_threads": false],
                                timeoutMs: 300)
        #expect(step == SandboxLimits(cpuSeconds: 2, memoryMB: 128, wallMs: 300, outputBytes: 100, logsBytes: 10, allowThreads: false))
        let malformed = run.applying(step: ["cpu_seconds": 0, "memory_mb": "lots", "output_bytes": -1, "allow_threads": 1], timeoutMs: nil)
        #expect(malformed == run)
        #expect(run.applying(step: nil, timeoutMs: 0) == run)
    }
}
