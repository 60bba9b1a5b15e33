import OrchJSON

/// What a code step produced: the final value of `output`, and what the code printed.
public struct CodeResult: Sendable, Hashable {
    public let output: JSONValue
    /// What the code printed, at most the logs limit (then cut with a marker).
    public let logs: String
    public let logsTruncated: Bool

    public init(output: JSONValue, logs: String, logsTruncated: Bool) {
        self.output = output
        self.logs = logs
        self.logsTruncated = logsTruncated
    }

    /// The `code_exec` tool's output: `{"output", "logs", "logs_truncated"}`.
    public var json: JSONValue {
        ["output": output, "logs": .string(logs), "logs_truncated": .bool(logsTruncated)]
    }
}
