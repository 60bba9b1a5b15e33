import Glibc

extension ServerProcess {
    /// Resolves a bare command name: first next to the running executable (`/proc/self/exe`'s
    /// directory), then each PATH entry (orch-mcp's own PATH; empty entries are skipped, not
    /// taken as the current directory). A name with '/' is taken as is (relative to
    /// `workingDirectory` when given, else to orch-mcp's current directory) and must name an
    /// executable file. Returns an absolute path. Throws naming the server and every place
    /// looked in.
    public static func resolve(_ command: String, server: String, workingDirectory: String?) throws(ProcessError) -> String {
        guard !command.isEmpty else {
            throw ProcessError(server: server, "The command is empty. Set 'command' to the server's program: an absolute path or a name on PATH.")
        }
        if command.contains("/") {
            var path = command
            if !path.hasPrefix("/"), let directory = workingDirectory {
                path = directory.hasSuffix("/") ? directory + path : directory + "/" + path
            }
            path = Sys.absolute(path)
            switch Sys.check(path) {
            case .executable:
                return path
            case .missing:
                throw ProcessError(server: server, "The command '\(path)' does not exist. Check 'command' in the server's entry, or install the server.")
            case .directory:
                throw ProcessError(server: server, "The command '\(path)' is a directory, not a program. Point 'command' at the server's executable.")
            case .notExecutable:
                throw ProcessError(server: server, "The command '\(path)' is not an executable file. Make it executable (chmod +x) or run it through its interpreter.")
            }
        }
        var candidates: [String] = []
        if let directory = Sys.executableDirectory() {
            candidates.append(join(directory, command))
        }
        let searchPath = getenv("PATH").map { String(cString: $0) } ?? "/usr/local/bin:/usr/bin:/bin"
        for entry in searchPath.split(separator: ":") {
            let candidate = join(Sys.absolute(String(entry)), command)
            if !candidates.contains(candidate) { candidates.append(candidate) }
        }
        for candidate in candidates where Sys.check(candidate) == .executable {
            return candidate
        }
        throw ProcessError(
            server: server,
            "The command '\(command)' was not found. Looked in: \(candidates.joined(separator: ", ")). Install it, put it next to orch-mcp or on PATH, or give its absolute path."
        )
    }

    /// Starts the server in its own process group (POSIX_SPAWN_SETPGROUP, pgid 0), with
    /// stdin/stdout pipes and stderr read by the process itself, default signal dispositions and
    /// an empty signal mask in the child (POSIX_SPAWN_SETSIGDEF/SETSIGMASK), the allowlisted
    /// environment plus `launch.environment`, cwd via posix_spawn_file_actions_addchdir_np.
    /// Every other fd of ours is close-on-exec, and fds from 3 up are closed in the child as
    /// well. Makes orch-mcp a child subreaper once (prctl PR_SET_CHILD_SUBREAPER) so orphaned
    /// descendants come back to us, and ignores SIGPIPE in orch-mcp once.
    ///
    /// Throws when the command cannot be resolved or executed (a missing file, a script without
    /// `#!`, a missing working directory). A server that starts and exits at once is not an
    /// error here; see ``onExit(_:)``.
    public static func spawn(_ launch: ServerLaunch) throws(ProcessError) -> ServerProcess {
        _ = Sys.processSetup
        let server = launch.name
        let path = try resolve(launch.command, server: server, workingDirectory: launch.workingDirectory)
        if let directory = launch.workingDirectory, Sys.check(directory) != .directory {
            throw ProcessError(server: server, "The working directory '\(directory)' does not exist or is not a directory. Create it or fix 'cwd' in the server's entry.")
        }
        let argv = [launch.command] + launch.arguments
        let envp = launch.childEnvironment()
        if let bad = (argv + envp + [launch.workingDirectory ?? ""]).first(where: { $0.utf8.contains(0) }) {
            throw ProcessError(server: server, "The launch value '\(bad.replacingNULs)' contains a NUL byte, which a command line cannot carry. Remove it.")
        }

        var opened: [Int32] = []
        func fail(_ what: String, _ code: Int32) -> ProcessError {
            for fd in opened { close(fd) }
            return ProcessError.system(server, what, code)
        }
        var pipes: [(read: Int32, write: Int32)] = []
        for _ in 0..<3 {
            guard let pipe = Sys.pipe() else { throw fail("Could not create a pipe for the server", errno) }
            opened += [pipe.read, pipe.write]
            pipes.append(pipe)
        }
        let (stdin, stdout, stderr) = (pipes[0], pipes[1], pipes[2])
        let wakeFD = Sys.eventFD()
        guard wakeFD >= 0 else { throw fail("Could not create an eventfd for the server's stderr reader", errno) }
        opened.append(wakeFD)

        let actions = UnsafeMutablePointer<posix_spawn_file_actions_t>.allocate(capacity: 1)
        let attributes = UnsafeMutablePointer<posix_spawnattr_t>.allocate(capacity: 1)
        posix_spawn_file_actions_init(actions)
        posix_spawnattr_init(attributes)
        defer {
            posix_spawn_file_actions_destroy(actions)
            posix_spawnattr_destroy(attributes)
            actions.deallocate()
            attributes.deallocate()
        }
        var setup = posix_spawn_file_actions_adddup2(actions, stdin.read, 0)
        setup = setup != 0 ? setup : posix_spawn_file_actions_adddup2(actions, stdout.write, 1)
        setup = setup != 0 ? setup : posix_spawn_file_actions_adddup2(actions, stderr.write, 2)
        if setup == 0, let directory = launch.workingDirectory {
            setup = Sys.addChdir(actions, directory)
        }
        setup = setup != 0 ? setup : Sys.addCloseFrom(actions, 3)
        var defaults = sigset_t()
        sigfillset(&defaults)
        var mask = sigset_t()
        sigemptyset(&mask)
        setup = setup != 0 ? setup : posix_spawnattr_setsigdefault(attributes, &defaults)
        setup = setup != 0 ? setup : posix_spawnattr_setsigmask(attributes, &mask)
        setup = setup != 0 ? setup : posix_spawnattr_setpgroup(attributes, 0)
        let flags = POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK
        setup = setup != 0 ? setup : posix_spawnattr_setflags(attributes, Int16(flags))
        guard setup == 0 else { throw fail("Could not prepare to start '\(path)'", setup) }

        var pid: pid_t = 0
        let result = Sys.withCStrings(argv) { argv in
            Sys.withCStrings(envp) { envp in posix_spawn(&pid, path, actions, attributes, argv, envp) }
        }
        for fd in [stdin.read, stdout.write, stderr.write] { close(fd) }
        opened = [stdin.write, stdout.read, stderr.read, wakeFD]
        guard result == 0 else { throw fail(spawnFailure(path, result), result) }

        let stderrPipe = StderrPipe(fd: stderr.read, wakeFD: wakeFD)
        let core = Core(pid: pid, stdinFD: stdin.write, stdoutFD: stdout.read, stderr: stderrPipe)
        guard Sys.startThread({ stderrPipe.run() }) else {
            killAndReap(pid)
            throw fail("Could not start the thread that reads the server's stderr", EAGAIN)
        }
        guard Sys.startThread({ core.waitForChild() }) else {
            killAndReap(pid)
            stderrPipe.requestStop()  // the reader thread closes its two fds
            opened = [stdin.write, stdout.read]
            throw fail("Could not start the thread that waits for the server", EAGAIN)
        }
        return ServerProcess(launch: launch, core: core)
    }

    private static func join(_ directory: String, _ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }

    private static func spawnFailure(_ path: String, _ code: Int32) -> String {
        switch code {
        case ENOEXEC: "Could not run '\(path)': it is not a program this system can run (a script needs a '#!' line)"
        case ENOENT: "Could not run '\(path)': it, or the interpreter its '#!' line names, does not exist"
        case EACCES: "Could not run '\(path)': permission denied (is it executable, and is its directory searchable?)"
        default: "Could not run '\(path)'"
        }
    }

    /// Only on the failure paths of `spawn`, before any waiter thread exists.
    private static func killAndReap(_ pid: pid_t) {
        _ = kill(-pid, SIGKILL)
        _ = kill(pid, SIGKILL)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    }
}

extension String {
    fileprivate var replacingNULs: String {
        String(decoding: utf8.map { $0 == 0 ? UInt8(ascii: "?") : $0 }, as: UTF8.self)
    }
}
