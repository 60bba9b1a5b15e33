import Glibc

/// How to start one MCP server: the `mcpServers` entry of MCP-aware assistants.
///
/// The child does not inherit orch-mcp's whole environment: only ``inheritedVariables``
/// (those that are set) pass through, then ``environment`` is added on top, so API keys and
/// tokens of the parent reach a server only when its entry names them.
public struct ServerLaunch: Sendable {
    /// The server's name in the config, for messages.
    public var name: String
    /// An absolute path, a path with `/`, or a bare name looked up by ``ServerProcess/resolve(_:server:workingDirectory:)``.
    public var command: String
    /// The arguments after the command (`argv[1...]`); `argv[0]` is ``command`` as written.
    public var arguments: [String]
    /// Variables added to the allowlisted parent variables; they win over a parent value.
    public var environment: [String: String]
    /// The child's current directory; nil keeps orch-mcp's.
    public var workingDirectory: String?

    /// A launch description; nothing is checked until ``ServerProcess/spawn(_:)``.
    public init(
        name: String,
        command: String,
        arguments: [String] = [],
        environment: [String: String] = [:],
        workingDirectory: String? = nil
    ) {
        self.name = name
        self.command = command
        self.arguments = arguments
        self.environment = environment
        self.workingDirectory = workingDirectory
    }

    /// Parent variables passed through: PATH, HOME, LANG, LC_ALL, LC_CTYPE, TERM, TMPDIR, USER,
    /// LOGNAME, SHELL, TZ (only those set).
    public static let inheritedVariables: [String] = [
        "PATH", "HOME", "LANG", "LC_ALL", "LC_CTYPE", "TERM", "TMPDIR", "USER", "LOGNAME", "SHELL", "TZ",
    ]

    /// The child's environment as `NAME=value` strings, sorted by name.
    func childEnvironment() -> [String] {
        var merged: [String: String] = [:]
        for name in Self.inheritedVariables {
            if let value = getenv(name) { merged[name] = String(cString: value) }
        }
        merged.merge(environment) { _, added in added }
        return merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
    }
}

/// How a server process ended: it exited with a code, or a signal killed it.
///
/// Compare with the factories: `status == .exited(0)`, `status == .signaled(SIGKILL)`.
public struct ExitStatus: Sendable, Hashable, CustomStringConvertible {
    private enum Kind: Hashable, Sendable { case exited, signaled }
    private let kind: Kind
    private let value: Int32

    /// The process called `exit(code)` (or returned from `main`). A code of -1 means the status
    /// was lost because something else in orch-mcp reaped the child with `waitpid(-1)`.
    public static func exited(_ code: Int32) -> ExitStatus { ExitStatus(kind: .exited, value: code) }

    /// The process was killed by `signal` (`SIGKILL` is 9, `SIGTERM` 15).
    public static func signaled(_ signal: Int32) -> ExitStatus { ExitStatus(kind: .signaled, value: signal) }

    /// The exit code, or nil when a signal ended the process.
    public var exitCode: Int32? { kind == .exited ? value : nil }

    /// The signal that ended the process, or nil when it exited.
    public var signal: Int32? { kind == .signaled ? value : nil }

    /// True for `exit(0)`.
    public var isSuccess: Bool { kind == .exited && value == 0 }

    /// `exit status 3` or `signal SIGKILL (9)`.
    public var description: String {
        switch kind {
        case .exited: return "exit status \(value)"
        case .signaled:
            if let name = Self.signalNames[value] { return "signal \(name) (\(value))" }
            return "signal \(value)"
        }
    }

    /// Decodes a `waitpid` status word (the `WIFEXITED`/`WTERMSIG` macros are not imported).
    public init(waitStatus status: Int32) {
        let signal = status & 0x7F
        self = signal == 0 ? .exited((status >> 8) & 0xFF) : .signaled(signal)
    }

    private init(kind: Kind, value: Int32) {
        self.kind = kind
        self.value = value
    }

    private static let signalNames: [Int32: String] = [
        SIGHUP: "SIGHUP", SIGINT: "SIGINT", SIGQUIT: "SIGQUIT", SIGILL: "SIGILL", SIGTRAP: "SIGTRAP",
        SIGABRT: "SIGABRT", SIGBUS: "SIGBUS", SIGFPE: "SIGFPE", SIGKILL: "SIGKILL", SIGUSR1: "SIGUSR1",
        SIGSEGV: "SIGSEGV", SIGUSR2: "SIGUSR2", SIGPIPE: "SIGPIPE", SIGALRM: "SIGALRM", SIGTERM: "SIGTERM",
        SIGCHLD: "SIGCHLD", SIGCONT: "SIGCONT", SIGSTOP: "SIGSTOP", SIGTSTP: "SIGTSTP", SIGTTIN: "SIGTTIN",
        SIGTTOU: "SIGTTOU", SIGURG: "SIGURG", SIGXCPU: "SIGXCPU", SIGXFSZ: "SIGXFSZ", SIGVTALRM: "SIGVTALRM",
        SIGPROF: "SIGPROF", SIGWINCH: "SIGWINCH", SIGIO: "SIGIO", SIGSYS: "SIGSYS",
    ]
}
