import Logging
import OrchJSON

/// An MCP server over stdio that speaks both eras on one stream: a first `initialize`
/// means the handshake revisions (2024-11-05 … 2025-11-25, negotiated); requests carrying
/// the 2026-07-28 `_meta` envelope are served statelessly. The first of the two a connection
/// sees decides its era, as the reference SDK does.
///
/// Requests are answered in any order, each as soon as it is done; quick handlers run on
/// the reader thread, async tool handlers as tasks. stdout carries protocol only. ``run(input:output:)``
/// returns once input has ended and every request read has been answered (or cancelled).
public final class MCPServer: Sendable {
    public let info: Implementation
    public let instructions: String?
    public let tools: [ServerTool]
    let toolIndex: [String: Int]
    /// Tools per `tools/list` page.
    public let pageSize: Int
    /// How long clients may cache `tools/list` and `server/discover` (2026-07-28 `ttlMs`).
    public let cacheMs: Int
    let logger: Logger
    /// `_meta` of every 2026-07-28 result, built once.
    let resultMeta: JSONValue

    public init(info: Implementation, instructions: String? = nil, tools: [ServerTool], pageSize: Int = 100,
                cacheMs: Int = 300_000, logger: Logger = Logger(label: "orch-mcp.server")) {
        self.info = info
        self.instructions = instructions
        self.tools = tools
        var index: [String: Int] = [:]
        for (i, tool) in tools.enumerated() where index[tool.name] == nil { index[tool.name] = i }
        toolIndex = index
        self.pageSize = max(1, pageSize)
        self.cacheMs = cacheMs
        self.logger = logger
        resultMeta = [ProtocolVersion.serverInfoKey: info.json]
    }

    /// Serves one connection on `input`/`output` (stdin and stdout by default).
    public func run(input: Int32 = 0, output: Int32 = 1) async {
        let (stream, work) = AsyncStream.makeStream(of: ServerConnection.Work.self)
        let connection = ServerConnection(server: self, writer: FrameWriter(fd: output), work: work)
        startThread(name: "mcp-server-read") { connection.readLoop(fd: input) }
        await withTaskGroup(of: Void.self) { group in
            for await job in stream { group.addTask { await job() } }
        }
    }

    func tool(named name: String) -> ServerTool? { toolIndex[name].map { tools[$0] } }
}
