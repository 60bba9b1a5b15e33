import Glibc

extension ServerProcess {
    /// The Linux calls the server processes need, in one place.
    ///
    /// Swift's Glibc module is built without `_GNU_SOURCE` and does not import variadic
    /// functions, so `pipe2`, `eventfd`, `posix_spawn_file_actions_addchdir_np`,
    /// `posix_spawn_file_actions_addclosefrom_np`, `prctl` and `syscall` (for the pidfd calls)
    /// are looked up once with `dlsym`. (A `.systemLibrary`/C shim target would import them
    /// directly; this module has none.) `prctl` and `syscall` are called through non-variadic
    /// pointers, which matches the variadic calling convention for integer arguments on
    /// x86_64 and arm64 Linux.
    enum Sys {
        private typealias Pipe2 = @convention(c) (UnsafeMutablePointer<Int32>?, Int32) -> Int32
        private typealias EventFD = @convention(c) (UInt32, Int32) -> Int32
        private typealias AddChdir = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>?, UnsafePointer<CChar>?) -> Int32
        private typealias AddCloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>?, Int32) -> Int32
        private typealias Prctl = @convention(c) (Int32, UInt, UInt, UInt, UInt) -> Int32
        private typealias Syscall = @convention(c) (Int, Int, Int, Int, Int) -> Int

        private struct Functions: @unchecked Sendable {
            let pipe2: Pipe2?
            let eventfd: EventFD?
            let addChdir: AddChdir?
            let addCloseFrom: AddCloseFrom?
            let prctl: Prctl?
            let syscall: Syscall?
        }

        private static let functions = Functions(
            pipe2: symbol("pipe2"),
            eventfd: symbol("eventfd"),
            addChdir: symbol("posix_spawn_file_actions_addchdir_np"),
            addCloseFrom: symbol("posix_spawn_file_actions_addclosefrom_np"),
            prctl: symbol("prctl"),
            syscall: symbol("syscall")
        )

        private static func symbol<F>(_ name: String) -> F? {
            guard let raw = dlsym(nil, name) else { return nil }  // nil is RTLD_DEFAULT
            return unsafeBitCast(raw, to: F.self)
        }

        private static let prSetChildSubreaper: Int32 = 36
        private static let sysPidfdSendSignal = 424  // the same number on every architecture
        private static let sysPidfdOpen = 434
        private static let eventfdFlags = O_CLOEXEC | O_NONBLOCK  // EFD_CLOEXEC | EFD_NONBLOCK
        static let pidfdWaitType = idtype_t(rawValue: 3)  // P_PIDFD (Linux 5.4)

        /// Once per process: SIGPIPE ignored (a dead server's pipe is an `EPIPE`, not our
        /// death) and orch-mcp made a child subreaper, so orphaned descendants of servers are
        /// reparented to us rather than to init, where we can still kill and reap them.
        static let processSetup: Void = {
            _ = signal(SIGPIPE, SIG_IGN)
            _ = functions.prctl?(prSetChildSubreaper, 1, 0, 0, 0)
        }()

        /// A close-on-exec pipe whose ends are both above 2, so that `dup2` onto 0, 1 and 2 in
        /// the child never overwrites another end; nil with `errno` set on failure.
        static func pipe() -> (read: Int32, write: Int32)? {
            guard let pipe2 = functions.pipe2 else {
                errno = ENOSYS
                return nil
            }
            var fds: [Int32] = [-1, -1]
            guard pipe2(&fds, O_CLOEXEC) == 0 else { return nil }
            guard let read = aboveStdio(fds[0]) else {
                let saved = errno
                close(fds[1])
                errno = saved
                return nil
            }
            guard let write = aboveStdio(fds[1]) else {
                let saved = errno
                close(read)
                errno = saved
                return nil
            }
            return (read, write)
        }

        /// Moves `fd` to a number above 2 when orch-mcp was started with a standard fd closed.
        private static func aboveStdio(_ fd: Int32) -> Int32? {
            guard fd <= 2 else { return fd }
            let moved = fcntl(fd, F_DUPFD_CLOEXEC, 3)
            let saved = errno
            close(fd)
            errno = saved
            return moved >= 0 ? moved : nil
        }

        /// A non-blocking close-on-exec eventfd, or -1 with `errno` set.
        static func eventFD() -> Int32 {
            guard let eventfd = functions.eventfd else {
                errno = ENOSYS
                return -1
            }
            return eventfd(0, eventfdFlags)
        }

        /// Adds a `chdir` to the spawn's file actions; an errno value, or 0.
        static func addChdir(_ actions: UnsafeMutablePointer<posix_spawn_file_actions_t>, _ path: String) -> Int32 {
            guard let addChdir = functions.addChdir else { return ENOSYS }
            return addChdir(actions, path)
        }

        /// Closes every fd from 3 up in the child (glibc 2.34), so that an fd some other code
        /// opened without close-on-exec never leaks into a server. Skipped on older glibc.
        static func addCloseFrom(_ actions: UnsafeMutablePointer<posix_spawn_file_actions_t>, _ lowest: Int32) -> Int32 {
            guard let addCloseFrom = functions.addCloseFrom else { return 0 }
            return addCloseFrom(actions, lowest)
        }

        /// A pidfd for `pid` (close-on-exec), or -1 with `errno` set (`ESRCH`: gone; `ENOSYS`:
        /// a kernel before 5.3).
        static func pidfdOpen(_ pid: pid_t) -> Int32 {
            guard let syscall = functions.syscall else {
                errno = ENOSYS
                return -1
            }
            return Int32(truncatingIfNeeded: syscall(sysPidfdOpen, Int(pid), 0, 0, 0))
        }

        /// Sends `signal` to the process behind `pidfd`: never to a process that reused its pid.
        static func pidfdSendSignal(_ pidfd: Int32, _ signal: Int32) {
            guard let syscall = functions.syscall else { return }
            _ = syscall(sysPidfdSendSignal, Int(pidfd), Int(signal), 0, 0)
        }

        /// Runs `body` on a new detached thread with a 512 KiB stack (or `stackSize` bytes);
        /// false if none could be created. For blocking waits, which must never hold a thread
        /// of the cooperative pool.
        static func startThread(stackSize: Int = 512 << 10, _ body: @escaping @Sendable () -> Void) -> Bool {
            let box = Unmanaged.passRetained(ThreadBody(body))
            var attributes = pthread_attr_t()
            pthread_attr_init(&attributes)
            defer { pthread_attr_destroy(&attributes) }
            pthread_attr_setdetachstate(&attributes, Int32(PTHREAD_CREATE_DETACHED))
            pthread_attr_setstacksize(&attributes, stackSize)
            var thread = pthread_t()
            let result = pthread_create(&thread, &attributes, { raw in
                Unmanaged<ThreadBody>.fromOpaque(raw!).takeRetainedValue().body()
                return nil
            }, box.toOpaque())
            if result != 0 { box.release() }
            return result == 0
        }

        /// Runs blocking `body` on a dedicated thread and awaits its result.
        static func onThread<T: Sendable>(stackSize: Int = 512 << 10, _ body: @escaping @Sendable () -> T) async -> T {
            await withCheckedContinuation { continuation in
                if !startThread(stackSize: stackSize, { continuation.resume(returning: body()) }) {
                    continuation.resume(returning: body())
                }
            }
        }

        enum FileCheck { case executable, missing, directory, notExecutable }

        static func check(_ path: String) -> FileCheck {
            var info = stat()
            guard stat(path, &info) == 0 else { return .missing }
            if info.st_mode & S_IFMT == S_IFDIR { return .directory }
            guard info.st_mode & S_IFMT == S_IFREG, access(path, X_OK) == 0 else { return .notExecutable }
            return .executable
        }

        /// `path` made absolute against orch-mcp's current directory.
        static func absolute(_ path: String) -> String {
            if path.hasPrefix("/") { return path }
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            guard getcwd(&buffer, buffer.count) != nil else { return path }
            let cwd = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            return cwd == "/" ? "/" + path : cwd + "/" + path
        }

        /// The directory of the running executable (`/proc/self/exe`).
        static func executableDirectory() -> String? {
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let count = readlink("/proc/self/exe", &buffer, buffer.count - 1)
            guard count > 0 else { return nil }
            let path = String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            guard let slash = path.lastIndex(of: "/") else { return nil }
            return slash == path.startIndex ? "/" : String(path[..<slash])
        }

        /// Calls `body` with a NULL-terminated array of C strings (`argv`, `envp`).
        static func withCStrings<R>(_ strings: [String], _ body: (UnsafePointer<UnsafeMutablePointer<CChar>?>) -> R) -> R {
            var pointers: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) }
            pointers.append(nil)
            defer { for pointer in pointers { free(pointer) } }
            return pointers.withUnsafeBufferPointer { body($0.baseAddress!) }
        }

        /// Milliseconds for `poll`, rounded up, capped at a day.
        static func milliseconds(_ duration: Duration) -> Int32 {
            let (seconds, attoseconds) = duration.components
            guard seconds >= 0 else { return 0 }
            let ms = min(seconds, 86_400) * 1000 + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000
            return Int32(ms)
        }
    }
}

private final class ThreadBody {
    let body: @Sendable () -> Void
    init(_ body: @escaping @Sendable () -> Void) { self.body = body }
}
