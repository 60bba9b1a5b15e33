import Foundation
import OrchMCP
import OrchPlan
import OrchSandboxShim
import Synchronization

/// The connection to one `orch-sandbox zygote` fork server: its process, the control socket,
/// and a reader thread that routes STARTED / FAILED / EXITED to the step waiting for them.
/// When the zygote dies every waiter fails at once (its children die with it: PR_SET_PDEATHSIG).
final class Zygote: Sendable {
    let pid: pid_t
    private let socket: Int32
    private let state: Mutex<State>
    /// Called once on the reader thread when the zygote is gone (not after ``shutdown()``'s own EOF
    /// is expected: the owner decides by its own state).
    private let onDeath: @Sendable () -> Void

    private struct State {
        var alive = true
        var nextID: UInt64 = 1
        var waiters: [UInt64: StepWaiter] = [:]
    }

    private init(pid: pid_t, socket: Int32, onDeath: @escaping @Sendable () -> Void) {
        self.pid = pid
        self.socket = socket
        self.state = Mutex(State())
        self.onDeath = onDeath
    }

    var isAlive: Bool { state.withLock { $0.alive } }

    /// The control socket is closed here only, once nothing can use it any more.
    deinit { close(socket) }

    /// Starts the zygote and waits (at most `readyTimeout`) until it has Python warmed.
    static func start(binary: String, readyTimeout: Duration = .seconds(20), onDeath: @escaping @Sendable () -> Void) throws(StepError) -> Zygote {
        var pair: [Int32] = [-1, -1]
        guard orch_sbx_socketpair(&pair) == 0 else {
            throw StepError(.workerUnavailable, "Could not create the sandbox's control socket: \(String(cString: strerror(errno))).")
        }
        let devNull = open("/dev/null", O_RDWR | O_CLOEXEC)
        let pid = spawnRunner(binary, ["zygote"], in: devNull, out: devNull, err: 2, control: pair[1])
        if devNull >= 0 { close(devNull) }
        close(pair[1])
        guard pid > 0 else {
            close(pair[0])
            throw StepError(.workerUnavailable, "Could not start the sandbox '\(binary) zygote': \(String(cString: strerror(-pid))).")
        }
        let zygote = Zygote(pid: pid, socket: pair[0], onDeath: onDeath)
        var ready = orch_sbx_message()
        let seconds = readyTimeout.components.seconds
        var timeout = timeval(tv_sec: Int(seconds), tv_usec: 0)
        setsockopt(pair[0], SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let got = orch_sbx_receive(pair[0], &ready)
        let timedOut = got < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)
        var none = timeval(tv_sec: 0, tv_usec: 0)
        setsockopt(pair[0], SOL_SOCKET, SO_RCVTIMEO, &none, socklen_t(MemoryLayout<timeval>.size))
        guard got == MemoryLayout<orch_sbx_message>.size, ready.type == UInt32(ORCH_SBX_READY) else {
            // pair[0] is the zygote object's now: its deinit closes it when this throws.
            let status = ExitStatus(waitStatus: reapAfterKill(pid))
            let why = timedOut ? "it timed out after \(seconds) s and was killed"
                : got <= 0 ? "it exited with \(status)" : "it sent an unexpected message (type \(ready.type))"
            throw StepError(.workerUnavailable, "The sandbox's fork server did not become ready: \(why); see its stderr above.")
        }
        startThread(name: "orch-sandbox zygote") { zygote.readLoop() }
        return zygote
    }

    /// Hands a step to the zygote: its limits and the child ends of its pipes (which the
    /// caller still closes). The waiter then learns the pid and, later, the wait status; the
    /// caller need not wait for the pid before it writes the request (protocol header).
    func begin(limits: SandboxLimits, stdin: Int32, stdout: Int32, stderr: Int32) throws(StepError) -> StepWaiter {
        let waiter: StepWaiter? = state.withLock { state in
            guard state.alive else { return nil }
            let waiter = StepWaiter(id: state.nextID)
            state.nextID += 1
            state.waiters[waiter.id] = waiter
            return waiter
        }
        guard let waiter else { throw StepError(.workerUnavailable, "The sandbox's fork server has exited.") }
        let id = waiter.id
        var message = orch_sbx_message()
        message.type = UInt32(ORCH_SBX_START)
        message.id = id
        message.limits.cpu_seconds = UInt32(clamping: limits.cpuSeconds)
        message.limits.memory_mb = UInt32(clamping: limits.memoryMB)
        message.limits.output_bytes = UInt32(clamping: limits.outputBytes)
        message.limits.logs_bytes = UInt32(clamping: limits.logsBytes)
        message.limits.allow_threads = limits.allowThreads ? 1 : 0
        guard orch_sbx_send_with_fds(socket, &message, stdin, stdout, stderr) == 0 else {
            let reason = String(cString: strerror(errno))
            _ = state.withLock { $0.waiters.removeValue(forKey: id) }
            throw StepError(.workerUnavailable, "Could not hand the step to the sandbox's fork server: \(reason).")
        }
        return waiter
    }

    /// Asks the zygote to SIGKILL the process group of step `id`'s child; it does so only while
    /// that child is unreaped, so a recycled pid is never hit.
    func kill(step id: UInt64) {
        var message = orch_sbx_message()
        message.type = UInt32(ORCH_SBX_KILL)
        message.id = id
        _ = orch_sbx_send(socket, &message)
    }

    /// Closes the control socket: the zygote kills and reaps its children, then exits; reaped here.
    func shutdown() {
        shutdownSocket()
        reapGracefully(pid)
    }

    private func shutdownSocket() {
        Glibc.shutdown(socket, Int32(SHUT_RDWR))
    }

    private func readLoop() {
        while true {
            var message = orch_sbx_message()
            let got = orch_sbx_receive(socket, &message)
            guard got == MemoryLayout<orch_sbx_message>.size else { break }
            let waiter = state.withLock { state -> StepWaiter? in
                let waiter = state.waiters[message.id]
                if message.type == UInt32(ORCH_SBX_EXITED) || message.type == UInt32(ORCH_SBX_FAILED) {
                    state.waiters.removeValue(forKey: message.id)
                }
                return waiter
            }
            switch Int32(message.type) {
            case Int32(ORCH_SBX_STARTED): waiter?.started(message.pid)
            case Int32(ORCH_SBX_FAILED): waiter?.failed(Int32(truncatingIfNeeded: message.value))
            case Int32(ORCH_SBX_EXITED): waiter?.exited(message.status, cpuMicroseconds: message.value)
            default: break
            }
        }
        let orphans = state.withLock { state -> [StepWaiter] in
            state.alive = false
            defer { state.waiters = [:] }
            return Array(state.waiters.values)
        }
        for waiter in orphans { waiter.zygoteDied() }
        // The socket stays open until deinit: kill() and shutdown() may still use it, and a
        // number closed here could already name another step's pipe or the next zygote's socket.
        // At EOF a healthy zygote is killing and reaping its own children; give it the time to,
        // else they die by pdeathsig unreaped (zombies of init).
        reapGracefully(pid)
        onDeath()
    }
}

/// One step's view of the zygote's answers.
final class StepWaiter: Sendable {
    enum Event: Sendable, Equatable {
        case pending, failed(Int32), exited(pid_t, Int32, Int64), zygoteDied
    }

    /// The step's id in the control protocol.
    let id: UInt64
    private let event = Mutex<(started: pid_t?, final: Event)>((nil, .pending))
    private let finalSignal = DispatchSemaphore(value: 0)

    init(id: UInt64) { self.id = id }

    func started(_ pid: pid_t) { event.withLock { $0.started = pid } }
    func failed(_ error: Int32) { finish(.failed(error)) }
    func exited(_ status: Int32, cpuMicroseconds: Int64) { finish(.exited(event.withLock { $0.started } ?? 0, status, cpuMicroseconds)) }
    func zygoteDied() { finish(.zygoteDied) }

    /// Whether the zygote said it handed the step to a child (STARTED came).
    var hasStarted: Bool { event.withLock { $0.started != nil } }

    private func finish(_ final: Event) {
        event.withLock { $0.final = final }
        finalSignal.signal()
    }

    /// The final event; `.pending` on timeout.
    func waitFinal(timeoutNanos: UInt64) -> Event {
        _ = finalSignal.wait(timeout: .now() + .nanoseconds(Int(clamping: timeoutNanos)))
        return event.withLock { $0.final }
    }
}

/// Starts the runner with `arguments`; the pid, or -errno.
func spawnRunner(_ binary: String, _ arguments: [String], in input: Int32, out: Int32, err: Int32, control: Int32) -> pid_t {
    let argv = [binary] + arguments
    var cStrings: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) }
    cStrings.append(nil)
    defer { for pointer in cStrings { free(pointer) } }
    return orch_sbx_spawn(binary, &cStrings, input, out, err, control)
}

/// Waits up to two seconds for `pid` to exit by itself (reaped here, or by another thread:
/// ECHILD), then kills and reaps it.
func reapGracefully(_ pid: pid_t) {
    let deadline = StepIO.now() + 2_000_000_000
    var status: Int32 = 0
    while StepIO.now() < deadline {
        let reaped = waitpid(pid, &status, WNOHANG)
        if reaped == pid || (reaped < 0 && errno == ECHILD) { return }
        usleep(1_000)
    }
    reapAfterKill(pid)
}

/// SIGKILLs a runner's process group (it is the group leader) and reaps it, and any of its
/// descendants that were reparented to us (orch-mcp may be a child subreaper). Bounded: a
/// SIGKILLed process exits promptly; gives up after two seconds. The raw wait status.
@discardableResult
func reapAfterKill(_ pid: pid_t) -> Int32 {
    Glibc.kill(-pid, SIGKILL)
    Glibc.kill(pid, SIGKILL)
    var status: Int32 = 0
    let deadline = StepIO.now() + 2_000_000_000
    while StepIO.now() < deadline {
        let result = waitpid(pid, &status, WNOHANG)
        if result == pid || (result < 0 && errno == ECHILD) { break }
        usleep(1_000)
    }
    reapGroup(pid)
    return status
}

/// Reaps what is left of process group `pgid` until the group is gone (at most a second).
///
/// A cold runner's step is its child, pid 1 of a new pid namespace, in the runner's group. When
/// the runner is killed first, the step is reparented to us if orch-mcp is a child subreaper
/// (it is once it runs MCP servers) — possibly after this is first called — and would stay a
/// zombie for good. So this waits until no process of the group is left, reaping those that
/// became ours. A runner that exited by itself has reaped its step already: then the group is
/// empty at once and this costs one kill(2).
func reapGroup(_ pgid: pid_t) {
    var status: Int32 = 0
    let deadline = StepIO.now() + 1_000_000_000
    while true {
        while waitpid(-pgid, &status, WNOHANG) > 0 {}
        if Glibc.kill(-pgid, 0) < 0 && errno == ESRCH { return }
        if StepIO.now() >= deadline { return }
        usleep(500)
    }
}
