import Foundation
import Glibc
import OrchMCP
import OrchTesting
import Testing

/// Testing has an `ExitStatus` of its own (for exit tests).
private typealias ExitStatus = OrchMCP.ExitStatus

/// Server processes: spawn, pipes, environment, stderr, exit notification and teardown.
/// Serialized: the leak test counts this process's fds and children, and one test puts a
/// file next to the test executable.
@Suite(.serialized, .timeLimit(.minutes(1)))
struct ServerProcessTests {
    @Test func roundTripsALineThroughCat() async throws {
        let process = try ServerProcess.spawn(ServerLaunch(name: "cat", command: "/bin/cat"))
        #expect(process.exitStatus == nil)
        TestIO.write(process.stdinFD, "hello, {\"jsonrpc\":\"2.0\"}\n")
        #expect(TestIO.readLine(process.stdoutFD) == "hello, {\"jsonrpc\":\"2.0\"}")
        #expect(await process.terminate() == .exited(0))
    }

    @Test func passesOnlyAllowlistedVariablesAndTheLaunchEnvironment() async throws {
        var parent = TestIO.environment()
        if parent.keys.allSatisfy({ ServerLaunch.inheritedVariables.contains($0) }) {
            setenv("ORCH_TEST_NOT_PASSED", "secret", 1)
            parent["ORCH_TEST_NOT_PASSED"] = "secret"
        }
        let launch = ServerLaunch(name: "env", command: "/usr/bin/env", environment: ["ORCH_ADDED": "yes", "LANG": "C.UTF-8"])
        let process = try ServerProcess.spawn(launch)
        let output = TestIO.readAll(process.stdoutFD)
        _ = await process.terminate()
        var child: [String: String] = [:]
        for line in output.split(separator: "\n") {
            let parts = line.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            child[String(parts[0])] = parts.count > 1 ? String(parts[1]) : ""
        }
        #expect(child["ORCH_ADDED"] == "yes")
        #expect(child["LANG"] == "C.UTF-8")
        #expect(child["PATH"] == parent["PATH"])
        let leaked = child.keys.filter { !ServerLaunch.inheritedVariables.contains($0) && $0 != "ORCH_ADDED" }
        #expect(leaked.isEmpty, "variables the child should not have: \(leaked)")
        #expect(parent.keys.contains { !ServerLaunch.inheritedVariables.contains($0) })
    }

    @Test func startsInTheWorkingDirectory() async throws {
        let directory = try TestIO.makeTemporaryDirectory()
        defer { rmdir(directory) }
        let process = try ServerProcess.spawn(ServerLaunch(name: "pwd", command: "/bin/pwd", workingDirectory: directory))
        #expect(TestIO.readAll(process.stdoutFD) == directory + "\n")
        #expect(await process.terminate() == .exited(0))
    }

    @Test func keepsTheLast64KiBOfStderr() async throws {
        let script = #"head -c 200000 /dev/zero | tr "\0" x >&2; echo END >&2"#
        let process = try ServerProcess.spawn(ServerLaunch(name: "noisy", command: "/bin/sh", arguments: ["-c", script]))
        #expect(await process.waitForExit(timeout: .seconds(5)) == .exited(0))
        let tail = process.stderrTail()
        let (endsWithEND, size) = (tail.hasSuffix("xxxEND\n"), tail.utf8.count)
        #expect(endsWithEND, "the tail ends with \(String(tail.suffix(20)).debugDescription)")
        #expect(size <= 64 << 10)
        #expect(size > 60 << 10, "the tail is only \(size) bytes")
        let onlyX = tail.dropLast(4).allSatisfy { $0 == "x" }
        #expect(onlyX)
        _ = await process.terminate()
    }

    @Test func handsOutStderrLines() async throws {
        let script = #"read go; printf 'one\ntwo\r\nthree' >&2"#
        let process = try ServerProcess.spawn(ServerLaunch(name: "lines", command: "/bin/sh", arguments: ["-c", script]))
        let lines = Locked<[String]>([])
        process.onStderrLine { line in lines.update { $0.append(line) } }
        TestIO.write(process.stdinFD, "go\n")
        #expect(await process.terminate() == .exited(0))
        #expect(lines.value == ["one", "two", "three"])
    }

    /// The exit is noticed at once: from the moment the child is killed to onExit, well under
    /// the 100 ms the issue asks for (the bound leaves room for a loaded machine).
    @Test func noticesADeathWithinMilliseconds() async throws {
        let process = try ServerProcess.spawn(ServerLaunch(name: "victim", command: "/bin/sleep", arguments: ["30"]))
        let heard = Locked<ContinuousClock.Instant?>(nil)
        process.onExit { _ in heard.update { $0 = ContinuousClock.now } }
        try await Task.sleep(for: .milliseconds(50))
        let killedAt = ContinuousClock.now
        #expect(kill(process.pid, SIGKILL) == 0)
        #expect(await process.waitForExit(timeout: .seconds(5)) == .signaled(SIGKILL))
        let noticed = try #require(heard.value) - killedAt
        #expect(noticed < .milliseconds(250), "the death was noticed \(noticed) after the kill")
    }

    @Test func announcesTheExitAtOnce() async throws {
        let start = ContinuousClock.now
        let process = try ServerProcess.spawn(ServerLaunch(name: "short", command: "/bin/sh", arguments: ["-c", "sleep 0.2; exit 3"]))
        let heard = Locked<(ExitStatus, Duration)?>(nil)
        process.onExit { status in heard.update { $0 = (status, ContinuousClock.now - start) } }
        #expect(await process.waitForExit(timeout: .seconds(5)) == .exited(3))
        let (status, elapsed) = try #require(heard.value)
        #expect(status == .exited(3))
        #expect(status.description == "exit status 3")
        #expect(elapsed >= .milliseconds(200))
        #expect(elapsed < .seconds(3), "onExit came \(elapsed) after spawn, for a child that exits after 200 ms")

        let late = Locked<ExitStatus?>(nil)
        process.onExit { status in late.update { $0 = status } }
        #expect(late.value == .exited(3))
        _ = await process.terminate()
    }

    @Test func reportsTheSignalThatKilledTheChild() async throws {
        let process = try ServerProcess.spawn(ServerLaunch(name: "suicide", command: "/bin/sh", arguments: ["-c", "kill -KILL $$"]))
        let status = await process.waitForExit(timeout: .seconds(5))
        #expect(status == .signaled(9))
        #expect(status?.description == "signal SIGKILL (9)")
        #expect(await process.terminate() == .signaled(9))
    }

    @Test func waitForExitTimesOut() async throws {
        let process = try ServerProcess.spawn(ServerLaunch(name: "cat", command: "/bin/cat"))
        let start = ContinuousClock.now
        #expect(await process.waitForExit(timeout: .milliseconds(50)) == nil)
        #expect(ContinuousClock.now - start < .seconds(1))
        #expect(await process.terminate() == .exited(0))
    }

    @Test func escalatesToSIGKILLWhenSIGTERMIsIgnored() async throws {
        let script = #"trap "" TERM; echo ready; while :; do sleep 1; done"#
        let process = try ServerProcess.spawn(ServerLaunch(name: "stubborn", command: "/bin/sh", arguments: ["-c", script]))
        #expect(TestIO.readLine(process.stdoutFD) == "ready")
        let start = ContinuousClock.now
        let status = await process.terminate(grace: .milliseconds(200))
        let elapsed = ContinuousClock.now - start
        #expect(status == .signaled(SIGKILL))
        #expect(elapsed >= .milliseconds(400))
        #expect(elapsed < .milliseconds(1500), "teardown took \(elapsed) with a grace of 200 ms")
    }

    @Test func leavesNoProcessBehindAWrapper() async throws {
        let marker = "wrapper-\(UUID().uuidString)"
        let process = try ServerProcess.spawn(ServerLaunch(
            name: "wrapper", command: "/bin/sh", arguments: ["-c", "sleep 300 & sleep 300 & wait"],
            environment: ["ORCH_TEST_MARKER": marker]))
        let found = try await Proc.awaitMarked(marker, count: 3)
        #expect(await process.terminate(grace: .milliseconds(200)) == .signaled(SIGTERM))
        #expect(Proc.survivors(found).isEmpty, "still there: \(Proc.survivors(found))")
        #expect(Proc.marked(marker).isEmpty)
    }

    @Test func killsADescendantThatLeftTheGroupWithSetsid() async throws {
        let marker = "setsid-\(UUID().uuidString)"
        let process = try ServerProcess.spawn(ServerLaunch(
            name: "escapist", command: "/bin/sh", arguments: ["-c", "setsid sleep 300 & sleep 300 & wait"],
            environment: ["ORCH_TEST_MARKER": marker]))
        let found = try await Proc.awaitMarked(marker, count: 3) { marked in
            marked.keys.contains { Proc.stat($0)?.pgrp != process.pid }
        }
        #expect(found.keys.contains { Proc.stat($0)?.pgrp != process.pid }, "no process left the group")
        _ = await process.terminate(grace: .milliseconds(200))
        #expect(Proc.survivors(found).isEmpty, "still there: \(Proc.survivors(found))")
        #expect(Proc.marked(marker).isEmpty)
    }

    @Test func killsAndReapsAnOrphanReparentedToUs() async throws {
        let marker = "orphan-\(UUID().uuidString)"
        let process = try ServerProcess.spawn(ServerLaunch(
            name: "orphaner", command: "/bin/sh", arguments: ["-c", "sleep 300 & echo started"],
            environment: ["ORCH_TEST_MARKER": marker]))
        #expect(TestIO.readLine(process.stdoutFD) == "started")
        #expect(await process.waitForExit(timeout: .seconds(5)) == .exited(0))
        let found = try await Proc.awaitMarked(marker, count: 1)
        let orphan = try #require(found.keys.first)
        #expect(Proc.stat(orphan)?.ppid == getpid(), "orch-mcp is not the orphan's subreaper")
        #expect(await process.terminate(grace: .milliseconds(100)) == .exited(0))
        #expect(Proc.survivors(found).isEmpty, "still there (a zombie?): \(Proc.survivors(found))")
    }

    @Test func droppingTheLastReferenceKillsTheGroup() async throws {
        let marker = "dropped-\(UUID().uuidString)"
        var process: ServerProcess? = try ServerProcess.spawn(ServerLaunch(
            name: "dropped", command: "/bin/sh", arguments: ["-c", "sleep 300 & wait"],
            environment: ["ORCH_TEST_MARKER": marker]))
        let found = try await Proc.awaitMarked(marker, count: 2)
        #expect(process?.exitStatus == nil)
        process = nil
        let gone = await Proc.eventually { Proc.survivors(found).isEmpty }
        #expect(gone, "still there: \(Proc.survivors(found))")
    }

    @Test func terminateIsIdempotent() async throws {
        let process = try ServerProcess.spawn(ServerLaunch(name: "cat", command: "/bin/cat"))
        async let first = process.terminate()
        async let second = process.terminate()
        let both = await [first, second]
        #expect(both == [.exited(0), .exited(0)])
        #expect(await process.terminate() == .exited(0))
        #expect(process.exitStatus == .exited(0))
    }

    @Test func resolvesABareNameOnPATH() throws {
        let path = try ServerProcess.resolve("sh", server: "shell", workingDirectory: nil)
        #expect(path.hasPrefix("/") && path.hasSuffix("/sh"))
        #expect(TestIO.realPath(path) == TestIO.realPath("/bin/sh"))
        let directories = String(cString: getenv("PATH")).split(separator: ":").map(String.init)
        #expect(directories.contains(String(path.dropLast(3))))
    }

    @Test func reportsEveryPlaceLookedIn() throws {
        let error = try #require(throws: ProcessError.self) {
            try ServerProcess.resolve("no-such-command-xyz", server: "ghost", workingDirectory: nil)
        }
        #expect(error.server == "ghost")
        #expect(error.description.contains("'ghost'"))
        let places = [TestIO.executableDirectory()] + String(cString: getenv("PATH")).split(separator: ":").map(String.init)
        for place in places {
            let candidate = (place.hasSuffix("/") ? place : place + "/") + "no-such-command-xyz"
            #expect(error.message.contains(candidate), "\(candidate) is missing from: \(error.message)")
        }
    }

    @Test func prefersAFileNextToTheExecutable() throws {
        #expect(access("/usr/bin/factor", X_OK) == 0, "the test needs a 'factor' on PATH to shadow")
        let mine = TestIO.executableDirectory() + "/factor"
        let fd = creat(mine, 0o755)
        try #require(fd >= 0)
        close(fd)
        defer { unlink(mine) }
        #expect(try ServerProcess.resolve("factor", server: "local", workingDirectory: nil) == mine)
    }

    @Test func throwsNamingTheServerForAMissingCommand() throws {
        let error = try #require(throws: ProcessError.self) {
            try ServerProcess.spawn(ServerLaunch(name: "missing", command: "/nonexistent/orch-server"))
        }
        #expect(error.server == "missing")
        #expect(error.description.contains("'missing'") && error.message.contains("/nonexistent/orch-server"))
        let relative = try #require(throws: ProcessError.self) {
            try ServerProcess.resolve("./bin/tool", server: "rel", workingDirectory: "/nonexistent/dir")
        }
        #expect(relative.message.contains("/nonexistent/dir/./bin/tool"))
        let badDirectory = try #require(throws: ProcessError.self) {
            try ServerProcess.spawn(ServerLaunch(name: "nowhere", command: "/bin/cat", workingDirectory: "/nonexistent/dir"))
        }
        #expect(badDirectory.message.contains("/nonexistent/dir"))
    }

    @Test func leaksNoChildZombieFDOrThreadOver200Cycles() async throws {
        let me = getpid()
        let fdsBefore = Proc.count("/proc/self/fd")
        let threadsBefore = Proc.count("/proc/self/task")
        let childrenBefore = Proc.children(of: me).count
        var pids: [Int32] = []
        var failures: [ExitStatus] = []
        for _ in 0..<200 {
            let process = try ServerProcess.spawn(ServerLaunch(name: "cat", command: "/bin/cat"))
            pids.append(process.pid)
            let status = await process.terminate()
            if status != .exited(0) { failures.append(status) }
        }
        #expect(failures.isEmpty)
        let left = Set(Proc.children(of: me)).intersection(pids)
        #expect(left.isEmpty, "children or zombies left: \(left)")
        // Other suites run at the same time and open their own pipes and children: a leak would
        // be one per cycle, 200 in all, above what they hold at any moment (over 60 fds has been
        // seen, with CLI tests capturing output in files).
        #expect(Proc.children(of: me).count <= childrenBefore + 40)
        #expect(Proc.count("/proc/self/fd") <= fdsBefore + 150, "fds: \(fdsBefore) before, \(Proc.count("/proc/self/fd")) after")
        let settled = await Proc.eventually { Proc.count("/proc/self/task") <= threadsBefore + 10 }
        #expect(settled, "threads: \(threadsBefore) before, \(Proc.count("/proc/self/task")) after")
    }
}

/// A value behind a lock, for handlers that run on other threads.
private final class Locked<Value: Sendable>: @unchecked Sendable {
    private var stored: Value
    private let lock = NSLock()
    init(_ value: Value) { stored = value }
    var value: Value { lock.withLock { stored } }
    func update(_ body: (inout Value) -> Void) { lock.withLock { body(&stored) } }
}

private enum TestIO {
    static func write(_ fd: Int32, _ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
    }

    /// Reads until end of file or `timeout`.
    static func readAll(_ fd: Int32, timeout: Duration = .seconds(5)) -> String {
        String(decoding: read(fd, timeout: timeout) { _ in false }, as: UTF8.self)
    }

    /// Reads one line (without its `\n`), or what came before `timeout`.
    static func readLine(_ fd: Int32, timeout: Duration = .seconds(5)) -> String {
        let bytes = read(fd, timeout: timeout) { $0.last == 0x0A }
        return String(decoding: bytes.last == 0x0A ? bytes.dropLast() : bytes[...], as: UTF8.self)
    }

    /// One byte at a time, so nothing after a line is consumed.
    private static func read(_ fd: Int32, timeout: Duration, until done: ([UInt8]) -> Bool) -> [UInt8] {
        let deadline = ContinuousClock.now + timeout
        var bytes: [UInt8] = []
        while !done(bytes), ContinuousClock.now < deadline {
            var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, 50) >= 0 || errno == EINTR else { break }
            guard poller.revents != 0 else { continue }
            var byte: UInt8 = 0
            let count = Glibc.read(fd, &byte, 1)
            if count == 0 { break }
            if count == 1 { bytes.append(byte) }
        }
        return bytes
    }

    static func environment() -> [String: String] {
        var result: [String: String] = [:]
        var entry = environ
        while let pointer = entry.pointee {
            let text = String(cString: pointer)
            if let equals = text.firstIndex(of: "=") {
                result[String(text[..<equals])] = String(text[text.index(after: equals)...])
            }
            entry = entry.advanced(by: 1)
        }
        return result
    }

    static func makeTemporaryDirectory() throws -> String {
        var template = Array("/tmp/orch-cwd-XXXXXX".utf8CString)
        guard mkdtemp(&template) != nil else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
        return String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    static func executableDirectory() -> String {
        let path = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? ""
        return String(path[..<(path.lastIndex(of: "/") ?? path.startIndex)])
    }
}

/// /proc views (shared test support) plus what these tests wait for.
private enum Proc {
    typealias Stat = ProcessTable.Stat
    static func read(_ path: String) -> [UInt8] { ProcessTable.read(path) }
    static func pids() -> [Int32] { ProcessTable.pids() }
    static func stat(_ pid: Int32) -> Stat? { ProcessTable.stat(pid) }
    static func marked(_ marker: String) -> [Int32: String] { ProcessTable.marked(marker) }
    static func survivors(_ found: [Int32: String]) -> [Int32] { ProcessTable.survivors(found) }
    static func children(of parent: Int32) -> [Int32] { ProcessTable.children(of: parent) }
    static func count(_ directory: String) -> Int { ProcessTable.count(directory) }
    static func eventually(within limit: Duration = .seconds(3), _ condition: () -> Bool) async -> Bool {
        await ProcessTable.eventually(within: limit, condition)
    }

    static func awaitMarked(_ marker: String, count: Int, also: ([Int32: String]) -> Bool = { _ in true }) async throws -> [Int32: String] {
        var found: [Int32: String] = [:]
        let ok = await eventually {
            found = marked(marker)
            return found.count == count && also(found)
        }
        try #require(ok, "expected \(count) processes marked \(marker), found \(found)")
        return found
    }
}
