#if canImport(Glibc)
import Glibc
#endif
import Logging
import OrchJSON
import OrchMCP

private let standardError = FrameWriter(fd: 2)

/// Writes `text` to standard error unbuffered (whole, never interleaved with another writer's
/// line): the workers' stdout carries protocol only.
public func writeStderr(_ text: String) {
    standardError.write(Array(text.utf8))
}

/// What the three receipt workers share at start-up: logs on stderr (stdout carries protocol
/// only) at `ORCH_LOG_LEVEL` (warning by default, as orch-mcp), their tool's definition from
/// ``ReceiptCatalog``, and the MCP server on stdio until the client goes.
public enum ReceiptWorker {
    /// Serves the catalog tool `tool` as MCP server `server`; returns when stdin closes. A tool
    /// whose schemas do not compile ends the process with status 1 and the reason on stderr.
    public static func serve(_ server: String, tool: String, title: String, annotations: JSONValue,
                             handler: ServerTool.Handler) async {
        let level = getenv("ORCH_LOG_LEVEL").flatMap { Logger.Level(rawValue: String(cString: $0)) } ?? .warning
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        let served: ServerTool
        do {
            let definition = try ReceiptCatalog.tool(tool)
            served = try ServerTool(name: definition.name, title: title, description: definition.description,
                                    inputSchema: definition.inputSchema, outputSchema: definition.outputSchema,
                                    annotations: annotations, handler: handler)
        } catch {
            writeStderr("\(server): the tool \(tool) cannot be served: \(error)\n")
            exit(1)
        }
        await MCPServer(info: Implementation(name: server, version: "1.0.0"), tools: [served]).run()
    }
}
