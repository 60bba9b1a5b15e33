import Foundation
import OrchJSON
import OrchPlan
import OrchSandbox
import OrchTesting
import Testing

extension SandboxTests {
    /// The escape battery: each attempt must be contained, the sandbox must keep serving, and no
    /// process may be left behind.
    @Suite struct EscapeTests {
        static let posix = Harness.builtin("posix")

        @Test func tcpAndUDPToLocalhostReachNothing() async throws {
            let listener = try LocalListener()
            defer { listener.close() }
            let attempts = [
                "s = \(Harness.builtin("_socket"))\nc = s.socket(2, 1)\nc.connect(('127.0.0.1', \(listener.tcpPort)))\nc.send(b'leak')",
                "s = \(Harness.builtin("_socket"))\nc = s.socket(2, 2)\nc.sendto(b'leak', ('127.0.0.1', \(listener.udpPort)))",
                "import socket",
            ]
            for code in attempts {
                let result = await Harness.run(code)
                #expect(["sandbox_violation", "code_error"].contains(result.code), "\(result.message)")
                await Harness.expectClean()
            }
            let violation = await Harness.run(attempts[0])
            #expect(violation.message.contains("socket"), "the syscall is named: \(violation.message)")
            #expect(listener.sawNothing(), "the listener saw a connection or a datagram")
        }

        @Test(arguments: ["/etc/passwd", "/proc/self/environ", "/proc/1/environ"])
        func readingFilesFails(path: String) async {
            for code in ["output = open('\(path)').read()", "p = \(Self.posix)\nfd = p.open('\(path)', 0)\noutput = p.read(fd, 4096).decode()"] {
                let result = await Harness.run(code)
                #expect(result.code == "code_error", "\(result.message)")
                #expect(!result.message.contains("root:"))
            }
            await Harness.expectClean()
        }

        @Test func readingTheOrchestratorsFilesFails() async throws {
            let secret = FileManager.default.temporaryDirectory.appendingPathComponent("orch-secret-\(UUID().uuidString)")
            try Data("api-key-sk-test-secret".utf8).write(to: secret)
            defer { try? FileManager.default.removeItem(at: secret) }
            chmod(secret.path, 0o644)  // readable by anyone outside: only the sandbox stops it
            let result = await Harness.run("p = \(Self.posix)\nfd = p.open('\(secret.path)', 0)\noutput = p.read(fd, 100).decode()")
            #expect(result.code == "code_error", "\(result.message)")
            #expect(!result.message.contains("sk-test-secret"))
            await Harness.expectClean()
        }

        @Test func writingAFileFails() async {
            let target = "/tmp/orch-sandbox-escape-\(UUID().uuidString)"
            for code in ["open('\(target)', 'w').write('x')", "p = \(Self.posix)\np.open('\(target)', 0o101, 0o644)",
                         "p = \(Self.posix)\np.mkdir('\(target)')"] {
                let result = await Harness.run(code)
                #expect(result.code == "code_error", "\(result.message)")
                #expect(!FileManager.default.fileExists(atPath: target))
            }
            await Harness.expectClean()
        }

        @Test(arguments: [
            ("os.system", "p = \(posix)\np.system('touch /tmp/orch-escaped')"),
            ("subprocess", "import subprocess\nsubprocess.run(['touch', '/tmp/orch-escaped'])"),
            ("os.popen", "g = [c for c in ().__class__.__base__.__subclasses__() if c.__name__ == '_wrap_close'][0].__init__.__globals__\ng['popen']('touch /tmp/orch-escaped')"),
            ("os.execv", "p = \(posix)\np.execv('/bin/sh', ['sh', '-c', 'touch /tmp/orch-escaped'])"),
            ("os.fork", "p = \(posix)\nif p.fork() == 0:\n    p.execv('/bin/sh', ['sh', '-c', 'touch /tmp/orch-escaped'])"),
            ("fork bomb", "p = \(posix)\nwhile True:\n    p.fork()"),
            ("posix_spawn", "p = \(posix)\np.posix_spawn('/bin/touch', ['touch', '/tmp/orch-escaped'], {})"),
        ])
        func startingProcessesFails(name: String, code: String) async {
            let result = await Harness.run(code)
            #expect(["sandbox_violation", "code_error"].contains(result.code), "\(name): \(result.message)")
            #expect(!FileManager.default.fileExists(atPath: "/tmp/orch-escaped"), "\(name) escaped")
            await Harness.expectClean()
        }

        @Test func forkIsKilledNamingTheSyscall() async {
            let result = await Harness.run("p = \(Self.posix)\np.fork()")
            #expect(result.code == "sandbox_violation", "\(result.message)")
            #expect(result.message.contains("clone"), "\(result.message)")
            await Harness.expectClean()
        }

        @Test func threadsAreKilledUnlessAllowed() async {
            let code = "t = \(Harness.builtin("_thread"))\nlock = t.allocate_lock()\nlock.acquire()\nt.start_new_thread(lock.release, ())\nlock.acquire()\noutput = 'threaded'"
            let refused = await Harness.run(code)
            #expect(refused.code == "sandbox_violation", "\(refused.message)")
            let importing = await Harness.run("import threading")
            #expect(importing.code == "code_error")
            var limits = Harness.small
            limits.allowThreads = true
            let allowed = await Harness.run(code, limits: limits)
            #expect(allowed.output == .string("threaded"), "\(allowed.message)")
            await Harness.expectClean()
        }

        @Test func allocatingFourGiBHitsTheMemoryLimit() async {
            for code in ["x = bytearray(4 << 30)", "x = 'x' * (4 << 30)", "x = []\nwhile True:\n    x.append(' ' * (1 << 20))"] {
                let result = await Harness.run(code)
                #expect(result.code == "memory_limit", "\(result.message)")
                #expect(result.message.contains("MiB; raise it with input.limits.memory_mb or --sandbox-memory-mb"), "\(result.message)")
            }
            await Harness.expectClean()
        }

        @Test func anInfiniteLoopHitsTheCPULimit() async {
            var limits = Harness.small
            limits.cpuSeconds = 1
            let result = await Harness.run("while True:\n    pass", limits: limits)
            #expect(result.code == "cpu_limit", "\(result.message)")
            await Harness.expectClean()
        }

        @Test func sleepingAnHourTimesOut() async {
            var limits = Harness.small
            limits.wallMs = 300
            let started = ContinuousClock.now
            let result = await Harness.run("t = \(Harness.builtin("time"))\nt.sleep(3600)", limits: limits)
            #expect(result.code == "timeout", "\(result.message)")
            // Not the hour: well under a minute even on a loaded machine (about 0.35 s when idle).
            #expect(ContinuousClock.now - started < .seconds(15))
            await Harness.expectClean()
        }

        @Test func printing100MBIsTruncatedAndFloodingStdoutIsKilled() async throws {
            let printed = await Harness.run("print('x' * 100_000_000)\noutput = 'done'")
            let result = try printed.get()
            #expect(result.output == .string("done"))
            #expect(result.logsTruncated)
            #expect(result.logs.count < 70_000 && result.logs.hasSuffix("[logs truncated at 65536 characters]"))
            let flood = await Harness.run("p = \(Self.posix)\nwhile True:\n    p.write(1, b'x' * 65536)")
            #expect(flood.code == "output_limit", "\(flood.message)")
            #expect(flood.message.contains("stdout (fd 1) directly") && flood.message.contains("belongs in `output` (limit output_bytes"), "\(flood.message)")
            await Harness.expectClean()
        }

        @Test func theEnvironmentIsEmptyEvenWithAnAPIKeySet() async {
            setenv("ORCH_TEST_API_KEY", "sk-live-do-not-leak", 1)
            defer { unsetenv("ORCH_TEST_API_KEY") }
            let code = "p = \(Self.posix)\noutput = {k.decode(): v.decode() for k, v in p.environ.items()}"
            for sandbox in [Harness.warm, Harness.cold] {
                let result = await Harness.run(code, on: sandbox)
                #expect(result.output == .object([:]), "\(result.message)")
            }
            let proc = await Harness.run("p = \(Self.posix)\noutput = p.read(p.open('/proc/self/environ', 0), 4096).decode()")
            #expect(proc.code == "code_error" && !proc.message.contains("sk-live"))
            await Harness.expectClean()
        }

        @Test func ctypesAndLibcSystemAreUnreachable() async {
            for code in ["import ctypes\nctypes.CDLL(None).system(b'touch /tmp/orch-escaped')",
                         "m = \(Harness.builtin("_ctypes"))", "import _ctypes"] {
                let result = await Harness.run(code)
                #expect(result.code == "code_error", "\(result.message)")
            }
            #expect(!FileManager.default.fileExists(atPath: "/tmp/orch-escaped"))
            await Harness.expectClean()
        }

        /// `PARENT` is the step's real parent (the fork server; `getppid` answers EPERM inside),
        /// `ORCH` the orchestrator (this test process); both must survive.
        @Test(arguments: ["p.kill(PARENT, 9)", "p.kill(ORCH, 9)", "p.kill(0, 9)", "p.kill(-1, 9)", "p.killpg(0, 9)"])
        func killingOthersIsKilled(call: String) async throws {
            let parent = try #require(Harness.warm.zygotePID)
            let code = call.replacingOccurrences(of: "PARENT", with: "\(parent)").replacingOccurrences(of: "ORCH", with: "\(getpid())")
            let result = await Harness.run("p = \(Self.posix)\n\(code)")
            #expect(result.code == "sandbox_violation", "\(result.message)")
            #expect(kill(parent, 0) == 0, "the fork server survives")
            await Harness.expectClean()
        }

        /// The "no process left behind" check itself: a step still running is found.
        @Test func aStepStillRunningIsFoundAsAStray() async {
            let step = Task { await Harness.run("t = \(Harness.builtin("time"))\nt.sleep(3600)", limits: SandboxLimits(wallMs: 60_000)) }
            let seen = await ProcessTable.eventually(within: .seconds(10)) { !Harness.strays().isEmpty }
            step.cancel()
            _ = await step.value
            #expect(seen, "a sleeping warm step was not counted as a stray")
            await Harness.expectClean()
        }

        @Test(arguments: ["ptrace", "mount", "umount2", "unshare", "setns", "bpf", "seccomp", "prctl", "socket", "execve",
                          "perf_event_open", "process_vm_readv", "keyctl", "pivot_root", "chroot", "io_uring_setup"])
        func dangerousSyscallsDieOfSIGSYS(syscall: String) async throws {
            let (signal, _, stderr) = try await Harness.probe(syscall)
            #expect(signal == SIGSYS, "\(syscall): signal \(signal), stderr: \(stderr)")
            #expect(stderr.contains("(\(syscall))"), "\(stderr)")
        }

        @Test(arguments: ["openat", "getpid", "ioctl", "symlink"])
        func harmlessMissesAnswerEPERM(syscall: String) async throws {
            let (signal, stdout, stderr) = try await Harness.probe(syscall)
            #expect(signal == 0, "\(syscall): signal \(signal), stderr: \(stderr)")
            // Refused, not allowed: an allowed call would return a pid, a fd or another errno.
            #expect(stdout.contains("\(syscall) returned -1 (errno \(EPERM))"), "\(stdout)")
        }

        @Test func deepRecursionIsContained() async {
            let shallow = await Harness.run("def f(n):\n    return f(n + 1)\nf(0)")
            #expect(shallow.code == "code_error" && shallow.message.contains("RecursionError"), "\(shallow.message)")
            let deep = await Harness.run("s = \(Harness.builtin("sys"))\ns.setrecursionlimit(10 ** 7)\ndef f(n):\n    return f(n + 1)\nf(0)")
            // Contained either way: the stack overflows (crashed), Python or the address space
            // stops it, or on a loaded machine the CPU limit comes first.
            #expect(["crashed", "code_error", "memory_limit", "cpu_limit"].contains(deep.code), "\(deep.message)")
            await Harness.expectClean()
        }

        @Test func subclassesTricksReachOSButNothingBeyond() async {
            let code = """
                g = [c for c in ().__class__.__base__.__subclasses__() if c.__name__ == '_wrap_close'][0].__init__.__globals__
                output = g['listdir']('/')
                """
            let listing = await Harness.run(code)
            #expect(listing.code == "code_error", "\(listing.message)")
            let system = await Harness.run("g = [c for c in ().__class__.__base__.__subclasses__() if c.__name__ == '_wrap_close'][0].__init__.__globals__\ng['system']('id')")
            #expect(system.code == "sandbox_violation", "\(system.message)")
            await Harness.expectClean()
        }

        @Test func symlinksCannotBeMade() async {
            let link = "/tmp/orch-sandbox-link-\(UUID().uuidString)"
            let result = await Harness.run("p = \(Self.posix)\np.symlink('/etc/shadow', '\(link)')")
            #expect(result.code == "code_error", "\(result.message)")
            #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: link)) == nil)
            await Harness.expectClean()
        }

        @Test func coldStepsAreContainedToo() async {
            var limits = Harness.small
            limits.wallMs = 1_000
            let fork = await Harness.run("p = \(Self.posix)\np.fork()", on: Harness.cold)
            #expect(fork.code == "sandbox_violation", "\(fork.message)")
            let sleep = await Harness.run("t = \(Harness.builtin("time"))\nt.sleep(3600)", limits: limits, on: Harness.cold)
            #expect(sleep.code == "timeout", "\(sleep.message)")
            let read = await Harness.run("p = \(Self.posix)\np.open('/etc/passwd', 0)", on: Harness.cold)
            #expect(read.code == "code_error", "\(read.message)")
            await Harness.expectClean(on: Harness.cold)
        }
    }

}

/// A TCP and a UDP socket on 127.0.0.1 that must never see anything.
struct LocalListener {
    let tcp: Int32
    let udp: Int32
    let tcpPort: UInt16
    let udpPort: UInt16

    init() throws {
        tcp = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        udp = socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
        tcpPort = try Self.bind(tcp)
        udpPort = try Self.bind(udp)
        listen(tcp, 8)
        _ = fcntl(tcp, F_SETFL, O_NONBLOCK)
        _ = fcntl(udp, F_SETFL, O_NONBLOCK)
    }

    private static func bind(_ fd: Int32) throws -> UInt16 {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.bind(fd, $0, length) } }
        guard bound == 0 else { throw StepError(.workerUnavailable, "bind failed: \(errno)") }
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
        return UInt16(bigEndian: address.sin_port)
    }

    func sawNothing() -> Bool {
        let accepted = accept(tcp, nil, nil)
        if accepted >= 0 {
            Glibc.close(accepted)
            return false
        }
        var byte: UInt8 = 0
        return recv(udp, &byte, 1, 0) < 0
    }

    func close() {
        Glibc.close(tcp)
        Glibc.close(udp)
    }
}
