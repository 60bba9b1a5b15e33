import Foundation
import OrchExecutor
import OrchJSON
import OrchMCP
import OrchPlan
import OrchSandboxShim
import Synchronization

/// Runs `code_exec` steps in `orch-sandbox`: warm through one fork server per sandbox (a fresh
/// child per step, never reused), or cold (one runner process per step). In warm mode a dead
/// fork server is restarted in the background while steps run cold.
///
/// A failing step is a thrown ``StepError`` with the sandbox codes (`sandbox_violation`,
/// `timeout`, `cpu_limit`, `memory_limit`, `output_limit`, `code_error`, `invalid_output`,
/// `crashed`); the verdict comes from the child's wait status, never from what it printed.
/// Every child is killed by process group on expiry and reaped before a step returns.
public final class Sandbox: ToolInvoker, Sendable {
    public enum Mode: String, Sendable, CaseIterable {
        /// A fork server with Python pre-initialized: a step pays a fork, not an interpreter start.
        case warm
        /// One `orch-sandbox run` per step.
        case cold
    }

    /// The runner's path.
    public let binary: String
    public let mode: Mode
    /// The run's limits; a step's `limits` and `timeout_ms` apply on top.
    public let limits: SandboxLimits
    private let zygote: Mutex<ZygoteSlot>

    private enum ZygoteSlot {
        /// `failed`: the last start failed; steps run cold until `retryAt` (StepIO.now() ns).
        case none, ready(Zygote), restarting, failed(retryAt: UInt64), closed
    }

    /// How long steps run cold after a fork server failed to start, before it is tried again.
    static let restartBackoffNanos: UInt64 = 30_000_000_000

    /// Finds the runner (``locate(explicit:)``) and, in warm mode, starts the fork server and
    /// waits until it is ready. Throws `worker_unavailable` when the runner is missing or the
    /// fork server cannot start.
    public init(mode: Mode = .warm, limits: SandboxLimits = .defaults, binary: String? = nil) throws(StepError) {
        // A step child that dies while we write its request is an EPIPE here, not our death.
        _ = signal(SIGPIPE, SIG_IGN)
        self.binary = try Self.locate(explicit: binary)
        self.mode = mode
        self.limits = limits
        self.zygote = Mutex(.none)
        if mode == .warm {
            let started = try Zygote.start(binary: self.binary, onDeath: deathHandler)
            zygote.withLock { $0 = .ready(started) }
        }
    }

    deinit { shutdown() }

    /// Restarts the fork server when it dies unasked; a weak reference, so a dropped sandbox is not kept alive.
    private var deathHandler: @Sendable () -> Void {
        { [weak self] in self?.restartZygote() }
    }

    /// Stops the fork server (it kills and reaps any step still running). Steps after this run cold.
    public func shutdown() {
        let running = zygote.withLock { slot -> Zygote? in
            defer { slot = .closed }
            if case .ready(let zygote) = slot { return zygote }
            return nil
        }
        running?.shutdown()
    }

    /// The fork server's pid while one is running (tests use it to find stray processes).
    public var zygotePID: pid_t? {
        zygote.withLock { slot in
            if case .ready(let zygote) = slot, zygote.isAlive { return zygote.pid }
            return nil
        }
    }

    // MARK: Running steps

    /// Runs `code` with `input` bound to `input`; the final value of `output` and the logs.
    public func run(code: String, input: JSONValue, limits: SandboxLimits? = nil) async throws(StepError) -> CodeResult {
        let limits = limits ?? self.limits
        let request = JSONWriter().bytes(["code": .string(code), "input_data": input])
        let wake = WakePipe()
        guard let wake else { throw StepError(.workerUnavailable, "Could not create a pipe for the sandbox: \(String(cString: strerror(errno))).") }
        let result: Result<CodeResult, StepError> = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                StepThreads.shared.run {
                    continuation.resume(returning: self.runBlocking(request: request, limits: limits, wake: wake))
                }
            }
        } onCancel: {
            wake.signal()
        }
        wake.close()
        return try result.get()
    }

    /// ``ToolInvoker``: `arguments` is the step's input `{"code", "input_data", "limits"?}`; the
    /// result is ``CodeResult/json`` (`{"output", "logs", "logs_truncated"}`).
    public func invoke(_ tool: ToolDefinition, arguments: JSONValue, context: InvocationContext) async throws(StepError) -> JSONValue {
        guard let code = arguments["code"]?.stringValue else {
            throw StepError(.invalidInput, "A code_exec step needs \"code\", the Python source to run.")
        }
        let stepLimits = limits.applying(step: arguments["limits"], timeoutMs: context.timeoutMs)
        return try await run(code: code, input: arguments["input_data"] ?? .null, limits: stepLimits).json
    }

    /// The whole step on the calling thread: warm when the fork server is up, else cold.
    private func runBlocking(request: [UInt8], limits: SandboxLimits, wake: WakePipe) -> Result<CodeResult, StepError> {
        if mode == .warm, let zygote = currentZygote() {
            switch runWarm(zygote, request: request, limits: limits, wake: wake) {
            case .some(let result): return result
            case .none: break  // it died under this step before the step began (restarted already); run cold
            }
        }
        return runCold(request: request, limits: limits, wake: wake)
    }

    private func currentZygote() -> Zygote? {
        let (zygote, dead, missing) = self.zygote.withLock { slot -> (Zygote?, Bool, Bool) in
            switch slot {
            case .ready(let zygote): return zygote.isAlive ? (zygote, false, false) : (nil, true, false)
            case .none: return (nil, false, true)
            case .failed(let retryAt):
                guard StepIO.now() >= retryAt else { return (nil, false, false) }
                slot = .none
                return (nil, false, true)
            case .restarting, .closed: return (nil, false, false)
            }
        }
        if dead { restartZygote() }
        if missing { startZygote(replacing: nil) }
        return zygote
    }

    /// Replaces a dead fork server on a background thread; steps meanwhile run cold. A failed
    /// start is said once on stderr, and steps run cold for ``restartBackoffNanos`` before the
    /// next try (a runner that cannot start would otherwise be started again for every step).
    private func restartZygote() {
        let old = zygote.withLock { slot -> Zygote? in
            guard case .ready(let zygote) = slot, !zygote.isAlive else { return nil }
            slot = .restarting
            return zygote
        }
        guard let old else { return }
        startZygote(replacing: old)
    }

    private func startZygote(replacing old: Zygote?) {
        if old == nil {
            let claimed = zygote.withLock { slot -> Bool in
                guard case .none = slot else { return false }
                slot = .restarting
                return true
            }
            guard claimed else { return }
        }
        let binary = self.binary
        startThread(name: "orch-sandbox restart") { [self] in
            old?.shutdown()
            let started = Result { () throws(StepError) in try Zygote.start(binary: binary, onDeath: deathHandler) }
            let keep = zygote.withLock { slot -> Bool in
                guard case .restarting = slot else { return false }
                switch started {
                case .success(let fresh): slot = .ready(fresh); return true
                case .failure: slot = .failed(retryAt: StepIO.now() + Self.restartBackoffNanos); return false
                }
            }
            switch started {
            case .success(let fresh): if !keep { fresh.shutdown() }
            case .failure(let error):
                FileHandle.standardError.write(Data("orch-mcp: the sandbox's fork server could not start again (\(error.message)); code steps run cold, and it is tried again in \(Self.restartBackoffNanos / 1_000_000_000) s.\n".utf8))
            }
        }
    }

    /// One warm step; nil when the fork server could not take it, or died before a child had
    /// it (the caller runs it cold: a step that never started has had no effect).
    private func runWarm(_ zygote: Zygote, request: [UInt8], limits: SandboxLimits, wake: WakePipe) -> Result<CodeResult, StepError>? {
        guard let pipes = StepPipes.make() else {
            return .failure(StepError(.workerUnavailable, "Could not create the step's pipes: \(String(cString: strerror(errno)))."))
        }
        let start = StepIO.now()
        let deadline = start + UInt64(max(1, limits.wallMs)) * 1_000_000
        let waiter: StepWaiter
        do {
            waiter = try zygote.begin(limits: limits, stdin: pipes.child.0, stdout: pipes.child.1, stderr: pipes.child.2)
        } catch {
            pipes.closeAll()
            return nil
        }
        pipes.closeChildEnds()
        // The request goes into the pipe now, not after STARTED: waiting for that answer cost a
        // round trip through the zygote per step. If no child ever gets the pipes, the zygote
        // closes its copies and the outputs reach EOF at once.
        let io = StepIO(stdinFD: pipes.parent.0, stdoutFD: pipes.parent.1, stderrFD: pipes.parent.2, wakeFD: wake.readFD,
                        request: request, stdoutCap: limits.stdoutCap, deadlineNanos: deadline)
        let outcome = io.run { zygote.kill(step: waiter.id) }
        var final = waiter.waitFinal(timeoutNanos: outcome.kill == .none ? 1_000_000_000 : StepIO.graceNanos)
        if final == .pending {
            // Output is closed but no status yet: the child lingers (its pipes went shut). Kill it.
            zygote.kill(step: waiter.id)
            final = waiter.waitFinal(timeoutNanos: StepIO.graceNanos)
        }
        switch final {
        case .exited(_, let status, let cpu):
            return Verdict(status: status, stdout: outcome.stdout, stderrTail: outcome.stderrTail, kill: outcome.kill,
                           cpuMicroseconds: cpu, limits: limits).decide()
        case .failed(let code):
            return .failure(StepError(.workerUnavailable, "The sandbox's fork server could not fork a step child: \(String(cString: strerror(code)))."))
        case .zygoteDied:
            restartZygote()
            if !waiter.hasStarted && outcome.kill == .none { return nil }
            if outcome.kill != .none {
                return Verdict(status: SIGKILL, stdout: [], stderrTail: [], kill: outcome.kill, cpuMicroseconds: nil, limits: limits).decide()
            }
            return .failure(StepError(.workerUnavailable, "The sandbox's fork server died while the step ran; the step's child died with it."))
        case .pending:
            return .failure(StepError(.workerUnavailable, "The sandbox's fork server did not report the step child's exit within \(StepIO.graceNanos / 1_000_000_000) s after its output closed."))
        }
    }

    private func closeParentEnds(_ pipes: StepPipes) {
        close(pipes.parent.0)
        close(pipes.parent.1)
        close(pipes.parent.2)
    }

    /// One cold step: `orch-sandbox run` in its own process group, reaped here.
    private func runCold(request: [UInt8], limits: SandboxLimits, wake: WakePipe) -> Result<CodeResult, StepError> {
        guard let pipes = StepPipes.make() else {
            return .failure(StepError(.workerUnavailable, "Could not create the step's pipes: \(String(cString: strerror(errno)))."))
        }
        let deadline = StepIO.now() + UInt64(max(1, limits.wallMs)) * 1_000_000
        let pid = spawnRunner(binary, ["run"] + limits.arguments, in: pipes.child.0, out: pipes.child.1, err: pipes.child.2, control: -1)
        pipes.closeChildEnds()
        guard pid > 0 else {
            closeParentEnds(pipes)
            return .failure(StepError(.workerUnavailable, "Could not start the sandbox '\(binary) run': \(String(cString: strerror(-pid)))."))
        }
        let io = StepIO(stdinFD: pipes.parent.0, stdoutFD: pipes.parent.1, stderrFD: pipes.parent.2, wakeFD: wake.readFD,
                        request: request, stdoutCap: limits.stdoutCap, deadlineNanos: deadline)
        let outcome = io.run {
            Glibc.kill(-pid, SIGKILL)
            Glibc.kill(pid, SIGKILL)
        }
        var status: Int32 = 0
        let waitUntil = StepIO.now() + StepIO.graceNanos
        var reaped = false
        while StepIO.now() < waitUntil {
            let result = waitpid(pid, &status, WNOHANG)
            if result == pid { reaped = true; break }
            if result < 0 && errno != EINTR { break }
            usleep(200)
        }
        if !reaped { status = reapAfterKill(pid) }
        reapGroup(pid)
        return Verdict(status: status, stdout: outcome.stdout, stderrTail: outcome.stderrTail, kill: outcome.kill,
                       cpuMicroseconds: nil, limits: limits).decide()
    }
}

/// A pipe whose write end wakes a step's poll loop when its task is cancelled.
final class WakePipe: Sendable {
    let readFD: Int32
    private let writeFD: Int32
    private let closed = Mutex(false)

    init?() {
        var fds: [Int32] = [-1, -1]
        guard orch_sbx_pipe(&fds) == 0 else { return nil }
        readFD = fds[0]
        writeFD = fds[1]
        _ = orch_sbx_set_nonblocking(writeFD, 1)
    }

    func signal() {
        closed.withLock { closed in
            guard !closed else { return }
            var byte: UInt8 = 1
            _ = write(writeFD, &byte, 1)
        }
    }

    func close() {
        closed.withLock { closed in
            guard !closed else { return }
            closed = true
            Glibc.close(readFD)
            Glibc.close(writeFD)
        }
    }
}
