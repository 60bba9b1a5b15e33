import OrchJSON
import OrchMCP
import OrchPlan

/// Decides a step's outcome. The wait status decides first; what the child wrote on stdout is
/// untrusted data, read only when the child exited by itself with the runner's codes.
struct Verdict {
    /// Why the parent killed the child, if it did.
    enum Kill: Sendable { case none, wallClock, outputFlood, cancelled }

    var status: Int32
    var stdout: [UInt8]
    var stderrTail: [UInt8]
    var kill: Kill
    var cpuMicroseconds: Int64?
    var limits: SandboxLimits

    /// The raw wait status decoded (exit code or signal).
    var exitStatus: ExitStatus { ExitStatus(waitStatus: status) }

    func decide() -> Result<CodeResult, StepError> {
        switch kill {
        case .cancelled:
            return .failure(StepError(.cancelled, "The step was cancelled; its code was killed."))
        case .wallClock:
            return .failure(StepError(.timeout, "The code did not finish within \(limits.wallMs) ms of wall-clock time and was killed."))
        case .outputFlood:
            return .failure(StepError(.outputLimit, "The code wrote to stdout (fd 1) directly, past the cap of \(limits.stdoutCap) bytes, and was killed; a step's data belongs in `output` (limit output_bytes = \(limits.outputBytes) bytes) and what it prints goes to the logs (limit logs_bytes = \(limits.logsBytes) characters)."))
        case .none:
            break
        }
        let exitStatus = exitStatus
        if let signal = exitStatus.signal { return .failure(signalled(exitStatus, signal)) }
        switch exitStatus.exitCode ?? -1 {
        case 0:
            return success()
        case 1:
            return .failure(reportedFailure())
        case 71:
            return .failure(StepError(.workerUnavailable, "The sandbox could not set up the step: \(stderrText.isEmpty ? "no reason given" : stderrText)"))
        default:
            return .failure(StepError(.crashed, "The code's process ended with \(exitStatus) without an answer.\(stderrSuffix)"))
        }
    }

    private func signalled(_ exitStatus: ExitStatus, _ signal: Int32) -> StepError {
        let cpuSpent = cpuMicroseconds.map { $0 >= Int64(limits.cpuSeconds) * 1_000_000 } ?? false
        switch signal {
        case SIGSYS:
            let call = blockedSyscall.map { "the forbidden system call '\($0)'" } ?? "a forbidden system call"
            return StepError(.sandboxViolation, "The code made \(call) and was killed by the sandbox (SIGSYS).")
        case SIGXCPU:
            return StepError(.cpuLimit, "The code used its \(limits.cpuSeconds) s of CPU time and was stopped (SIGXCPU).")
        case SIGKILL where cpuSpent:
            return StepError(.cpuLimit, "The code used its \(limits.cpuSeconds) s of CPU time and was killed.")
        default:
            return StepError(.crashed, "The code's process died of \(exitStatus).\(stderrSuffix)")
        }
    }

    private func success() -> Result<CodeResult, StepError> {
        guard let frame = try? JSONParser().parse(stdout), frame["ok"]?.boolValue == true, let output = frame["output"] else {
            return .failure(StepError(.invalidOutput, "The sandbox's answer was not the expected JSON frame (\(stdout.count) bytes); the code may have written to stdout directly."))
        }
        let logs = frame["logs"]?.stringValue ?? ""
        return .success(CodeResult(output: output, logs: logs, logsTruncated: frame["logs_truncated"]?.boolValue ?? false))
    }

    private func reportedFailure() -> StepError {
        let allowed: Set<String> = ["code_error", "invalid_output", "memory_limit", "output_limit"]
        guard let frame = try? JSONParser().parse(stdout), let code = frame["code"]?.stringValue, allowed.contains(code),
              let message = frame["message"]?.stringValue else {
            return StepError(.crashed, "The code's process exited with status 1 without a readable error.\(stderrSuffix)")
        }
        var text = message
        if code == "memory_limit" {
            text += " (memory_mb = \(limits.memoryMB) MiB; raise it with input.limits.memory_mb or --sandbox-memory-mb.)"
        }
        if let logs = frame["logs"]?.stringValue, !logs.isEmpty {
            text += " Logs: " + String(logs.suffix(500))
        }
        return StepError(StepError.Code(code), text)
    }

    /// The syscall the runner's SIGSYS handler named on stderr ("blocked syscall 101 (ptrace)").
    var blockedSyscall: String? {
        let marker = "orch-sandbox: blocked syscall "
        guard let line = stderrText.split(separator: "\n").last(where: { $0.hasPrefix(marker) }) else { return nil }
        let rest = line.dropFirst(marker.count)
        if let open = rest.firstIndex(of: "("), let close = rest.lastIndex(of: ")"), open < close {
            return String(rest[rest.index(after: open)..<close])
        }
        return "syscall " + rest
    }

    private var stderrText: String {
        String(decoding: stderrTail, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private var stderrSuffix: String {
        let text = stderrText
        return text.isEmpty ? "" : " stderr: " + String(text.suffix(300))
    }
}

import Foundation
