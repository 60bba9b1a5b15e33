import Glibc
import Synchronization

/// One running MCP server: a child process in its own process group, spoken to over its
/// stdin and stdout, with its stderr kept for messages.
///
/// Two threads serve each child: a waiter blocked in `waitpid` on it (so a dead worker is
/// noticed at once, without polling) and a reader of its stderr. Call ``terminate(grace:)``
/// to end it; dropping the last reference without doing so kills the process group with
/// `SIGKILL` at once (no grace, and descendants that left the group are not looked for), and
/// the waiter thread still reaps the child.
public final class ServerProcess: Sendable {
    /// The child's process id, which is also its process group id.
    public let pid: Int32
    /// What was started.
    public let launch: ServerLaunch
    /// Write end of the child's stdin (the caller frames JSON-RPC lines on it). Owned by
    /// `ServerProcess`, which closes it first thing in ``terminate(grace:)``: stop writing
    /// before calling it. A write after the child died fails with `EPIPE`; it never raises
    /// `SIGPIPE`.
    public let stdinFD: Int32
    /// Read end of the child's stdout. Owned by `ServerProcess`, which closes it at the end of
    /// ``terminate(grace:)``, after every process that could write to it is dead: a reader
    /// sees end of file first and must not read after `terminate` returns.
    public let stdoutFD: Int32
    let core: Core

    init(launch: ServerLaunch, core: Core) {
        self.pid = core.pid
        self.launch = launch
        self.stdinFD = core.stdinFD
        self.stdoutFD = core.stdoutFD
        self.core = core
    }

    deinit { core.abandon() }

    /// The last 64 KiB of the child's stderr, as text (invalid UTF-8 repaired). Once
    /// ``exitStatus`` is set, it holds everything the child wrote before it exited.
    public func stderrTail() -> String { core.stderr.tail() }

    /// Called on a background thread for each stderr line (for logging), if set before lines
    /// arrive; keep it quick. A trailing `\r` is dropped; a line over 64 KiB arrives in pieces.
    /// Setting it again replaces the handler.
    public func onStderrLine(_ body: @escaping @Sendable (String) -> Void) {
        core.stderr.setLineHandler(body)
    }

    /// Called once, on a dedicated waiter thread blocked in `waitpid(pid)`, the moment the
    /// child exits (immediately, on the calling thread, if it already has). This is how a dead
    /// worker is noticed at once. Every handler registered is called.
    public func onExit(_ body: @escaping @Sendable (ExitStatus) -> Void) {
        let status = core.state.withLock { state -> ExitStatus? in
            if state.exitStatus == nil { state.exitHandlers.append(body) }
            return state.exitStatus
        }
        if let status { body(status) }
    }

    /// How the child ended, once it has been reaped; nil while it runs.
    public var exitStatus: ExitStatus? { core.state.withLock { $0.exitStatus } }

    /// Waits for the exit, up to `timeout`; nil on timeout or when the calling task is
    /// cancelled. Suspends without blocking a thread: the waiter thread resumes it.
    public func waitForExit(timeout: Duration) async -> ExitStatus? {
        if let status = exitStatus { return status }
        return await withTaskGroup(of: ExitStatus?.self) { group in
            group.addTask { await self.core.awaitExit(cancellable: true) }
            group.addTask {
                try? await Task.sleep(for: timeout)
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first
        }
    }
}

extension ServerProcess {
    /// The state the waiter and reader threads share with the `ServerProcess`; it outlives
    /// the object until both threads have ended.
    final class Core: Sendable {
        struct State {
            /// Set, under this lock, in the same step that reaps the child: while it is nil the
            /// pid (and so the process group id) cannot have been reused.
            var exitStatus: ExitStatus?
            var exitHandlers: [@Sendable (ExitStatus) -> Void] = []
            var exitWaiters: [UInt64: CheckedContinuation<ExitStatus?, Never>] = [:]
            var nextWaiter: UInt64 = 0
            var stdinOpen = true
            var stdoutOpen = true
            var teardown = Teardown.notStarted
            /// The child's group and descendants as they were when it exited, for teardown.
            var orphans: Descendants?
            /// The `ServerProcess` went away without `terminate`.
            var abandoned = false
        }

        enum Teardown {
            case notStarted
            case running([CheckedContinuation<ExitStatus, Never>])
            case finished(ExitStatus)
        }

        let pid: pid_t
        let startTime: UInt64?
        let stdinFD: Int32
        let stdoutFD: Int32
        let stderr: StderrPipe
        let state = Mutex(State())

        init(pid: pid_t, stdinFD: Int32, stdoutFD: Int32, stderr: StderrPipe) {
            self.pid = pid
            self.startTime = ProcTable.entry(pid)?.startTime  // only our waiter reaps it: still ours
            self.stdinFD = stdinFD
            self.stdoutFD = stdoutFD
            self.stderr = stderr
        }

        /// The waiter thread's body. `waitid(WNOWAIT)` blocks until the child exits but leaves
        /// it a zombie, which keeps its pid and group id from being reused while the group's
        /// remaining members are collected; stderr is drained; then the child is reaped and the
        /// status published in one locked step, so a signal sent under the lock never reaches
        /// a reused pid.
        func waitForChild() {
            var info = siginfo_t()
            while waitid(P_PID, id_t(pid), &info, WEXITED | WNOWAIT) != 0 && errno == EINTR {}
            var orphans = Descendants(root: pid, rootStartTime: startTime)
            orphans.collect()
            stderr.drain()
            let (status, handlers, waiters, abandoned) = state.withLock { state in
                var raw: Int32 = 0
                var reaped: pid_t
                repeat { reaped = waitpid(pid, &raw, WNOHANG) } while reaped < 0 && errno == EINTR
                let status = reaped == pid ? ExitStatus(waitStatus: raw) : .exited(-1)
                state.exitStatus = status
                state.orphans = state.abandoned ? nil : orphans
                defer {
                    state.exitHandlers = []
                    state.exitWaiters = [:]
                }
                return (status, state.exitHandlers, Array(state.exitWaiters.values), state.abandoned)
            }
            for handler in handlers { handler(status) }
            for waiter in waiters { waiter.resume(returning: status) }
            if abandoned { orphans.killAndReap(within: .seconds(2)) }
        }

        /// What the waiter collected when the child exited (once).
        func takeOrphans() -> Descendants? {
            state.withLock { state in
                defer { state.orphans = nil }
                return state.orphans
            }
        }

        /// The exit status once the child is reaped; nil only if `cancellable` and the task
        /// is cancelled first.
        func awaitExit(cancellable: Bool) async -> ExitStatus? {
            let id = state.withLock { state in
                state.nextWaiter += 1
                return state.nextWaiter
            }
            return await withTaskCancellationHandler {
                await withCheckedContinuation { (continuation: CheckedContinuation<ExitStatus?, Never>) in
                    let now = state.withLock { state -> ExitStatus?? in
                        if let status = state.exitStatus { return .some(status) }
                        if cancellable && Task.isCancelled { return .some(nil) }
                        state.exitWaiters[id] = continuation
                        return nil
                    }
                    if let now { continuation.resume(returning: now) }
                }
            } onCancel: {
                guard cancellable else { return }
                state.withLock { $0.exitWaiters.removeValue(forKey: id) }?.resume(returning: nil)
            }
        }

        /// Sends `signal` to the child's process group and to the child itself (in case it
        /// left the group), unless the child has been reaped.
        func signalGroup(_ signal: Int32) {
            state.withLock { state in
                guard state.exitStatus == nil else { return }
                _ = kill(-pid, signal)
                _ = kill(pid, signal)
            }
        }

        func closeStdin() {
            state.withLock { state in
                guard state.stdinOpen else { return }
                state.stdinOpen = false
                close(stdinFD)
            }
        }

        func closeStdout() {
            state.withLock { state in
                guard state.stdoutOpen else { return }
                state.stdoutOpen = false
                close(stdoutFD)
            }
        }

        /// The owner went away without `terminate`: kill the group now, let go of the fds, and
        /// kill and reap what was left in the group when the child exited (on the waiter thread,
        /// or here on a new one if the child has exited already).
        func abandon() {
            let (tornDown, orphans) = state.withLock { state -> (Bool, Descendants?) in
                if case .finished = state.teardown { return (true, nil) }
                state.abandoned = true
                defer { state.orphans = nil }
                return (false, state.orphans)
            }
            guard !tornDown else { return }
            signalGroup(SIGKILL)
            closeStdin()
            closeStdout()
            stderr.requestStop()
            if let orphans {
                _ = Sys.startThread {
                    var orphans = orphans
                    orphans.killAndReap(within: .seconds(2))
                }
            }
        }
    }
}
