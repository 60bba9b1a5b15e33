import OrchJSON
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

    var exited: Bool { status & 0x7F == 0 }
    var exitCode: Int32 { (status >> 8) & 0xFF }
    var signal: Int32? { let s = status & 0x7F; return s != 0 && s != 0x7F ? s : nil }

    func decide() -> Result<CodeResult, StepError> {
        switch kill {
        case .cancelled:
            return .failure(StepError(.cancelled, "The step was cancelled; its code was killed."))
        case .wallClock:
            return .failure(StepError(.timeout, "The code did not finish within \(limits.wallMs) ms of wall-clock time and was killed."))
        case .outputFlood:
            return .failure(StepError(.outputLimit, "The code wrote more than \(limits.stdoutCap) bytes to stdout and was killed (output limit \(limits.outputBytes) bytes, logs \(limits.logsBytes) characters)."))
        case .none:
            break
        }
        if let signal { return .failure(signalled(signal)) }
        switch exitCode {
        case 0:
            return success()
        case 1:
            return .failure(reportedFailure())
        case 71:
            return .failure(StepError(.workerUnavailable, "The sandbox could not set up the step: \(stderrText.isEmpty ? "no reason given" : stderrText)"))
        default:
            return .failure(StepError(.crashed, "The code's process exited with status \(exitCode) without an answer.\(stderrSuffix)"))
        }
    }

    private func signalled(_ signal: Int32) -> StepError {
        let cpuSpent = cpuMicroseconds.map { $0 >= Int64(limits.cpuSeconds) * 1_000_000 } ?? false
        switch signal {
        case SIGSYS:
            let call = blockedSyscall.map { "'\($0)'" } ?? "a forbidden system call"
            return StepError(.sandboxViolation, "The code made \(call == "a forbidden system call" ? call : "the forbidden system call \(call)") and was killed by the sandbox (SIGSYS).")
        case SIGXCPU:
            return StepError(.cpuLimit, "The code used its \(limits.cpuSeconds) s of CPU time and was stopped (SIGXCPU).")
        case SIGKILL where cpuSpent:
            return StepError(.cpuLimit, "The code used its \(limits.cpuSeconds) s of CPU time and was killed.")
        default:
            return StepError(.crashed, "The code's process died of \(Self.signalName(signal)).\(stderrSuffix)")
        }
    }

    private func success() -> Result<CodeResult, StepError> {
        guard let frame = try? JSONParser().parse(stdout), frame["ok"]?.boolValue == true, let output = frame["output"] else {
            return .failure(StepError(.invalidOutput, "The sandbox's answer was not the expected JSON frame (\(stdout.count) bytes); the code may have written to stdout directly."))
        }
        let logs = frame["logs"]?.stringValue ?? ""
        let cpuMs = cpuMicroseconds.map { Double($0) / 1000 }
        return .success(CodeResult(output: output, logs: logs, logsTruncated: frame["logs_truncated"]?.boolValue ?? false, cpuMs: cpuMs))
    }

    private func reportedFailure() -> StepError {
        let allowed: Set<String> = ["code_error", "invalid_output", "memory_limit", "output_limit"]
        guard let frame = try? JSONParser().parse(stdout), let code = frame["code"]?.stringValue, allowed.contains(code),
              let message = frame["message"]?.stringValue else {
            return StepError(.crashed, "The code's process exited with status 1 without a readable error.\(stderrSuffix)")
        }
        var text = message
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

    static func signalName(_ signal: Int32) -> String {
        let names: [Int32: String] = [
            SIGHUP: "SIGHUP", SIGINT: "SIGINT", SIGQUIT: "SIGQUIT", SIGILL: "SIGILL", SIGTRAP: "SIGTRAP", SIGABRT: "SIGABRT",
            SIGBUS: "SIGBUS", SIGFPE: "SIGFPE", SIGKILL: "SIGKILL", SIGUSR1: "SIGUSR1", SIGSEGV: "SIGSEGV", SIGUSR2: "SIGUSR2",
            SIGPIPE: "SIGPIPE", SIGALRM: "SIGALRM", SIGTERM: "SIGTERM", SIGXCPU: "SIGXCPU", SIGXFSZ: "SIGXFSZ", SIGSYS: "SIGSYS",
        ]
        return names[signal].map { "signal \($0) (\(signal))" } ?? "signal \(signal)"
    }
}

import Foundation
