import Glibc

extension ServerProcess {
    /// Teardown per the MCP stdio spec: close stdin → wait `grace` → SIGTERM to the process
    /// group → wait `grace` → SIGKILL to the group; then kill any remaining descendants and reap
    /// them. Descendants are found by walking /proc for every process whose parent chain leads
    /// to this child, or that is in its group, BEFORE each signal (descendants that called
    /// setsid escape the group, and their chain breaks once their parent dies); they are
    /// signalled through pidfds, so a reused pid is never hit. Always reaps; idempotent (a
    /// second or concurrent call waits for the first and returns the same status); safe to
    /// call after the child died. Returns the exit status.
    ///
    /// If the calling task is cancelled, the grace periods are cut short: the group is killed
    /// at once, and the child is still reaped before this returns. When it returns, the stdin
    /// and stdout fds are closed and the stderr reader has ended.
    ///
    /// Not found: a descendant that left the group with setsid and whose parent chain to the
    /// child was already broken (its parent exited) before teardown began, or before the child
    /// exited on its own.
    public func terminate(grace: Duration = .seconds(2)) async -> ExitStatus {
        enum Role { case lead, follow, done(ExitStatus) }
        let role = core.state.withLock { state -> Role in
            switch state.teardown {
            case .notStarted:
                state.teardown = .running([])
                return .lead
            case .running: return .follow
            case .finished(let status): return .done(status)
            }
        }
        switch role {
        case .done(let status):
            return status
        case .follow:
            return await withCheckedContinuation { continuation in
                let status = core.state.withLock { state -> ExitStatus? in
                    switch state.teardown {
                    case .finished(let status): return status
                    case .running(let waiting):
                        state.teardown = .running(waiting + [continuation])
                        return nil
                    case .notStarted: return nil  // not reached: the leader set .running
                    }
                }
                if let status { continuation.resume(returning: status) }
            }
        case .lead:
            break
        }

        var tree = Descendants(root: pid, rootStartTime: core.startTime)
        tree.collect()
        core.closeStdin()
        if await waitForExit(timeout: grace) == nil {
            tree.collect()
            core.signalGroup(SIGTERM)
            if await waitForExit(timeout: grace) == nil {
                tree.collect()
                core.signalGroup(SIGKILL)
            }
        }
        let status = await core.awaitExit(cancellable: false) ?? .exited(-1)
        if let orphans = core.takeOrphans() { tree.absorb(orphans) }
        let found = tree
        await Sys.onThread {
            var tree = found
            tree.killAndReap(within: .seconds(2))
        }
        core.stderr.requestStop()
        await core.stderr.awaitFinished()
        core.closeStdout()

        let followers = core.state.withLock { state -> [CheckedContinuation<ExitStatus, Never>] in
            defer { state.teardown = .finished(status) }
            if case .running(let waiting) = state.teardown { return waiting }
            return []
        }
        for follower in followers { follower.resume(returning: status) }
        return status
    }
}
