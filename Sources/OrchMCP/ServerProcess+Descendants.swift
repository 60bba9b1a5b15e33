import Glibc

extension ServerProcess {
    /// The processes below one child, each held by a pidfd from the moment it is found, so that
    /// killing and reaping them later can never hit an unrelated process that reused a pid.
    ///
    /// A process belongs here when its parent chain in /proc leads to the child (or to a
    /// process already tracked), or when it is in the child's process group. The group is
    /// matched only while the child (alive or a zombie) still holds its pid: once it is reaped,
    /// its number may be reused, by another server's group among others. The waiter thread
    /// therefore collects the group once more before it reaps the child. Without pidfds (Linux
    /// before 5.3) processes are tracked by pid and start time instead.
    struct Descendants: Sendable {
        struct Tracked: Sendable {
            var fd: Int32
            let startTime: UInt64
            var exited = false
        }

        let root: pid_t
        /// The child's start time, read at spawn (nil if /proc could not be read then).
        let rootStartTime: UInt64?
        private(set) var tracked: [pid_t: Tracked] = [:]

        init(root: pid_t, rootStartTime: UInt64?) {
            self.root = root
            self.rootStartTime = rootStartTime
        }

        /// Tracks every descendant now in /proc; returns how many were new.
        @discardableResult
        mutating func collect() -> Int {
            let me = getpid()
            let table = ProcTable.read()
            var children: [pid_t: [pid_t]] = [:]
            for entry in table.values { children[entry.ppid, default: []].append(entry.pid) }
            var queue: [pid_t] = []
            if let start = rootStartTime, table[root]?.startTime == start {
                queue = table.values.filter { $0.pgrp == root }.map(\.pid)
            }
            for (pid, process) in tracked where table[pid]?.startTime == process.startTime {
                queue.append(pid)
            }
            var seen: Set<pid_t> = []
            while let pid = queue.popLast() {
                guard pid > 1, pid != me, seen.insert(pid).inserted else { continue }
                queue += children[pid] ?? []
            }
            var added = 0
            for pid in seen where pid != root && tracked[pid] == nil {
                if let entry = table[pid], track(entry) { added += 1 }
            }
            return added
        }

        /// Takes over the processes `other` tracks (closing pidfds held twice).
        mutating func absorb(_ other: Descendants) {
            for (pid, process) in other.tracked {
                if tracked[pid] == nil {
                    tracked[pid] = process
                } else if process.fd >= 0 {
                    close(process.fd)
                }
            }
        }

        private mutating func track(_ entry: ProcEntry) -> Bool {
            let fd = Sys.pidfdOpen(entry.pid)
            if fd < 0 {
                guard errno == ENOSYS else { return false }  // gone already
                tracked[entry.pid] = Tracked(fd: -1, startTime: entry.startTime)
                return true
            }
            // The pid may have been reused between reading /proc and pidfd_open.
            guard ProcTable.entry(entry.pid)?.startTime == entry.startTime else {
                close(fd)
                return false
            }
            tracked[entry.pid] = Tracked(fd: fd, startTime: entry.startTime)
            return true
        }

        /// SIGKILLs every tracked process, looks again for any they started meanwhile, waits up
        /// to `limit` for all to die, reaps those that are (now) our children, and closes the
        /// pidfds. Blocking: run it on a dedicated thread.
        mutating func killAndReap(within limit: Duration) {
            let deadline = ContinuousClock.now + limit
            collect()
            var rounds = 0
            repeat {
                signalAll(SIGKILL)
                waitForExits(until: deadline)
                rounds += 1
            } while collect() > 0 && rounds < 8
            reapAll()
            for process in tracked.values where process.fd >= 0 { close(process.fd) }
            tracked = [:]
        }

        private func signalAll(_ signal: Int32) {
            for (pid, process) in tracked where !process.exited {
                if process.fd >= 0 {
                    Sys.pidfdSendSignal(process.fd, signal)
                } else if ProcTable.entry(pid)?.startTime == process.startTime {
                    _ = kill(pid, signal)
                }
            }
        }

        /// Waits until every tracked process has exited (a pidfd turns readable then) or the
        /// deadline passes. Without pidfds, /proc is checked every 5 ms.
        private mutating func waitForExits(until deadline: ContinuousClock.Instant) {
            while true {
                for (pid, process) in tracked where !process.exited && process.fd < 0 {
                    let entry = ProcTable.entry(pid)
                    if entry == nil || entry?.startTime != process.startTime || entry?.state == UInt8(ascii: "Z") {
                        tracked[pid]?.exited = true
                    }
                }
                let pending = tracked.filter { !$0.value.exited }
                guard !pending.isEmpty else { return }
                let remaining = Sys.milliseconds(deadline - ContinuousClock.now)
                guard remaining > 0 else { return }
                let withFD = pending.filter { $0.value.fd >= 0 }
                let timeout = withFD.count < pending.count ? min(remaining, 5) : remaining
                var fds = withFD.map { pollfd(fd: $0.value.fd, events: Int16(POLLIN), revents: 0) }
                let ready = poll(&fds, nfds_t(fds.count), timeout)
                if ready < 0 && errno != EINTR { return }
                for (index, (pid, _)) in withFD.enumerated() where fds[index].revents != 0 {
                    tracked[pid]?.exited = true
                }
            }
        }

        /// Reaps every tracked zombie whose parent is orch-mcp (killed descendants are
        /// reparented to us, the subreaper, once their own parents die).
        private func reapAll() {
            let me = getpid()
            for (pid, process) in tracked {
                var info = siginfo_t()
                if process.fd >= 0 {
                    if waitid(Sys.pidfdWaitType, id_t(process.fd), &info, WEXITED | WNOHANG) == 0 { continue }
                    guard errno == EINVAL else { continue }  // ECHILD: another parent reaps it
                }
                // No P_PIDFD (Linux before 5.4): by pid, after checking it is the same process.
                guard let entry = ProcTable.entry(pid), entry.startTime == process.startTime, entry.ppid == me else { continue }
                _ = waitid(P_PID, id_t(pid), &info, WEXITED | WNOHANG)
            }
        }
    }

    /// One line of `/proc/<pid>/stat`.
    struct ProcEntry: Sendable {
        let pid: pid_t
        let state: UInt8
        let ppid: pid_t
        let pgrp: pid_t
        /// Clock ticks after boot; with the pid, it names one process for good.
        let startTime: UInt64
    }

    enum ProcTable {
        /// Every process in /proc, by pid.
        static func read() -> [pid_t: ProcEntry] {
            var table: [pid_t: ProcEntry] = [:]
            guard let directory = opendir("/proc") else { return table }
            defer { closedir(directory) }
            while let item = readdir(directory) {
                let name = withUnsafeBytes(of: item.pointee.d_name) { raw in
                    String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
                }
                guard let pid = pid_t(name), let entry = entry(pid) else { continue }
                table[pid] = entry
            }
            return table
        }

        /// The process `pid`, or nil when there is none.
        static func entry(_ pid: pid_t) -> ProcEntry? {
            let fd = open("/proc/\(pid)/stat", O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { return nil }
            defer { close(fd) }
            var buffer = [UInt8](repeating: 0, count: 1024)
            let count = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            guard count > 0 else { return nil }
            // "pid (comm) state ppid pgrp session tty tpgid flags … starttime(22nd) …";
            // comm may hold spaces and parentheses, so fields are counted from the last ')'.
            guard let close = buffer[..<count].lastIndex(of: UInt8(ascii: ")")) else { return nil }
            let fields = buffer[(close + 1)..<count].split(separator: UInt8(ascii: " "))
            guard fields.count > 19, let state = fields[0].first,
                  let ppid = pid_t(String(decoding: fields[1], as: UTF8.self)),
                  let pgrp = pid_t(String(decoding: fields[2], as: UTF8.self)),
                  let start = UInt64(String(decoding: fields[19], as: UTF8.self))
            else { return nil }
            return ProcEntry(pid: pid, state: state, ppid: ppid, pgrp: pgrp, startTime: start)
        }
    }
}
