// echo-server: the minimal MCP server of the round-trip benchmark (see Benchmarks/README.md),
// on orch-mcp's own server runtime. One sync tool, `echo` {text} -> the text as text content.
// stdout carries protocol only: swift-log goes to stderr, warnings and above.

import Logging
import OrchJSON
import OrchMCP

LoggingSystem.bootstrap { label in
    var handler = StreamLogHandler.standardError(label: label)
    handler.logLevel = .warning
    return handler
}

let echo: ServerTool
do {
    echo = try ServerTool(
        name: "echo",
        description: "Returns its text argument as text content.",
        inputSchema: [
            "type": "object",
            "properties": ["text": ["type": "string"]],
            "required": ["text"],
            "additionalProperties": false,
        ],
        handler: .sync { arguments, _ in .text(arguments["text"]?.stringValue ?? "") }
    )
} catch {
    fatalError("echo-server: the echo tool's schema does not compile: \(error)")
}

await MCPServer(info: Implementation(name: "echo-server", version: "1.0.0"), tools: [echo]).run()
