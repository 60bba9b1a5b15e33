/// The MCP revisions orch-mcp speaks.
public enum ProtocolVersion {
    /// The stateless revision: `server/discover`, per-request `_meta`, `resultType`.
    public static let modern = "2026-07-28"
    /// Handshake revisions, newest first.
    public static let legacy = ["2025-11-25", "2025-06-18", "2025-03-26", "2024-11-05"]
    public static let all = [modern] + legacy

    /// `_meta` keys of the 2026-07-28 request envelope.
    public static let versionKey = "io.modelcontextprotocol/protocolVersion"
    public static let clientCapabilitiesKey = "io.modelcontextprotocol/clientCapabilities"
    public static let clientInfoKey = "io.modelcontextprotocol/clientInfo"
    public static let serverInfoKey = "io.modelcontextprotocol/serverInfo"
    public static let logLevelKey = "io.modelcontextprotocol/logLevel"

    /// Whether `version` (a legacy one) is at least `other`: the dates compare as strings.
    static func legacy(_ version: String, atLeast other: String) -> Bool { version >= other }
}

/// The name and version a peer announces.
public struct Implementation: Sendable, Hashable {
    public var name: String
    public var version: String

    public init(name: String, version: String) {
        self.name = name
        self.version = version
    }

    public var json: OrchJSON.JSONValue { ["name": .string(name), "version": .string(version)] }
}

import OrchJSON
