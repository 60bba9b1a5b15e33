import Foundation
import OrchSandboxShim

/// The parent's side of one running step: writes the request to the child's stdin, reads its
/// stdout (capped) and the tail of its stderr, and stops at the wall-clock deadline, at an
/// output flood or on cancellation by calling `kill`. Runs on the step's own thread; every
/// wait is bounded by the deadline plus a grace period.
struct StepIO {
    let stdinFD: Int32
    let stdoutFD: Int32
    let stderrFD: Int32
    /// Readable when the step's task is cancelled (a byte is written to the other end).
    let wakeFD: Int32
    let request: [UInt8]
    let stdoutCap: Int
    let deadlineNanos: UInt64

    struct Outcome {
        var stdout: [UInt8] = []
        var stderrTail: [UInt8] = []
        var kill: Verdict.Kill = .none
    }

    static let stderrTailBytes = 4096
    /// After a kill, how long the pipes may take to reach EOF.
    static let graceNanos: UInt64 = 2_000_000_000

    /// Runs until both output pipes reach EOF. Closes the three pipe fds (not `wakeFD`).
    func run(kill: () -> Void) -> Outcome {
        var outcome = Outcome()
        var stdinOpen = true
        var written = 0
        _ = orch_sbx_set_nonblocking(stdinFD, 1)
        var outOpen = true
        var errOpen = true
        var deadline = deadlineNanos
        var killed = false
        var buffer = [UInt8](repeating: 0, count: 65536)
        if request.isEmpty {
            close(stdinFD)
            stdinOpen = false
        }
        func stop(_ reason: Verdict.Kill) {
            guard !killed else { return }
            killed = true
            outcome.kill = reason
            kill()
            deadline = Self.now() + Self.graceNanos
            if stdinOpen { close(stdinFD); stdinOpen = false }
        }
        while outOpen || errOpen {
            let now = Self.now()
            if now >= deadline {
                // The child's pipes are still open when the grace period after a kill ran out.
                if killed { break }
                stop(.wallClock)
                continue
            }
            var fds = [
                pollfd(fd: outOpen ? stdoutFD : -1, events: Int16(POLLIN), revents: 0),
                pollfd(fd: errOpen ? stderrFD : -1, events: Int16(POLLIN), revents: 0),
                pollfd(fd: stdinOpen ? stdinFD : -1, events: Int16(POLLOUT), revents: 0),
                pollfd(fd: killed ? -1 : wakeFD, events: Int16(POLLIN), revents: 0),
            ]
            let waitMs = Int32(min(UInt64(Int32.max), (deadline - now + 999_999) / 1_000_000))
            let ready = poll(&fds, nfds_t(fds.count), waitMs)
            if ready < 0 {
                if errno == EINTR { continue }
                stop(.cancelled)
                continue
            }
            if fds[3].revents != 0 {
                // A cancel is a cancel: when the executor's timeout_ms timer caused it, the
                // executor reports the timeout itself and never reads this verdict.
                stop(.cancelled)
                continue
            }
            if stdinOpen, fds[2].revents != 0 {
                let count = request.withUnsafeBytes { raw -> Int in
                    guard let base = raw.baseAddress else { return 0 }
                    return write(stdinFD, base + written, raw.count - written)
                }
                if count > 0 { written += count }
                if written == request.count || (count < 0 && errno != EAGAIN && errno != EINTR) {
                    close(stdinFD)
                    stdinOpen = false
                }
            }
            if outOpen, fds[0].revents != 0 {
                let count = buffer.withUnsafeMutableBytes { read(stdoutFD, $0.baseAddress, $0.count) }
                if count > 0 {
                    if !killed { outcome.stdout += buffer[..<count] }
                    if outcome.stdout.count > stdoutCap { stop(.outputFlood) }
                } else if count == 0 || (errno != EAGAIN && errno != EINTR) {
                    outOpen = false
                }
            }
            if errOpen, fds[1].revents != 0 {
                let count = buffer.withUnsafeMutableBytes { read(stderrFD, $0.baseAddress, $0.count) }
                if count > 0 {
                    outcome.stderrTail += buffer[..<count]
                    if outcome.stderrTail.count > Self.stderrTailBytes {
                        outcome.stderrTail.removeFirst(outcome.stderrTail.count - Self.stderrTailBytes)
                    }
                } else if count == 0 || (errno != EAGAIN && errno != EINTR) {
                    errOpen = false
                }
            }
        }
        if stdinOpen { close(stdinFD) }
        close(stdoutFD)
        close(stderrFD)
        return outcome
    }

    static func now() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
    }
}

/// Three pipes for a step plus the wake pipe, closed on every failure path.
struct StepPipes {
    /// Child ends: stdin read, stdout write, stderr write.
    var child: (Int32, Int32, Int32)
    /// Our ends: stdin write, stdout read, stderr read.
    var parent: (Int32, Int32, Int32)

    static func make() -> StepPipes? {
        var fds: [Int32] = []
        for _ in 0..<3 {
            var pair: [Int32] = [-1, -1]
            guard orch_sbx_pipe(&pair) == 0 else {
                for fd in fds { close(fd) }
                return nil
            }
            fds += pair
        }
        return StepPipes(child: (fds[0], fds[3], fds[5]), parent: (fds[1], fds[2], fds[4]))
    }

    func closeChildEnds() {
        close(child.0)
        close(child.1)
        close(child.2)
    }

    func closeAll() {
        closeChildEnds()
        close(parent.0)
        close(parent.1)
        close(parent.2)
    }
}
