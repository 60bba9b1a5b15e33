import Glibc

/// Why a server process could not be found or started: the one error type of
/// ``ServerProcess``.
///
/// A server that starts and then exits, even at once and with a failure code, is not an
/// error here: it is reported through ``ServerProcess/onExit(_:)`` and
/// ``ServerProcess/exitStatus``, with its ``ServerProcess/stderrTail()`` for the reason.
public struct ProcessError: Error, Sendable, CustomStringConvertible {
    /// The server's name in the config (``ServerLaunch/name``).
    public let server: String
    /// A whole sentence (or two) saying what went wrong and what to do.
    public let message: String

    /// An error about `server`.
    public init(server: String, _ message: String) {
        self.server = server
        self.message = message
    }

    /// `MCP server 'files': The command 'npx' was not found. …`
    public var description: String { "MCP server '\(server)': \(message)" }

    /// An error for a failed system call, with `strerror` of `code` after `what`.
    static func system(_ server: String, _ what: String, _ code: Int32) -> ProcessError {
        ProcessError(server: server, "\(what): \(String(cString: strerror(code))) (errno \(code)).")
    }
}
