/// Why a call to an MCP server failed: the one error type of the client.
///
/// A tool that answers `isError: true` is not an error here: that result is returned.
public struct MCPClientError: Error, Sendable, CustomStringConvertible {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        /// The server could not be started.
        public static let spawnFailed = Code(rawValue: "spawn_failed")
        /// The server process exited (or closed its stdout) while calls were in flight.
        public static let serverExited = Code(rawValue: "server_exited")
        /// No answer within the request's time limit.
        public static let timeout = Code(rawValue: "timeout")
        /// The caller cancelled the request.
        public static let cancelled = Code(rawValue: "cancelled")
        /// The server answered with a JSON-RPC error (see ``MCPClientError/protocolError``).
        public static let protocolError = Code(rawValue: "protocol_error")
        /// The server's answer does not follow the protocol.
        public static let badResponse = Code(rawValue: "bad_response")
        /// The server was marked broken after repeated crashes.
        public static let broken = Code(rawValue: "broken")
        public var description: String { rawValue }
    }

    public let code: Code
    /// The server's name in the configuration.
    public let server: String
    public let message: String
    /// The JSON-RPC error, for ``Code/protocolError``.
    public let protocolError: MCPError?

    public init(_ code: Code, server: String, _ message: String, protocolError: MCPError? = nil) {
        self.code = code
        self.server = server
        self.message = message
        self.protocolError = protocolError
    }

    public var description: String { "MCP server '\(server)': \(message)" }
}
