// line-item-parser: the MCP worker that turns a receipt's OCR text into merchant, date,
// currency, items, discounts and totals (see catalogs/receipts.json, tool line_item_parser;
// the rules are ReceiptKit's LineItemParser). stdout carries protocol only: logs go to stderr.

#if canImport(Glibc)
import Glibc
#endif
import Logging
import OrchJSON
import OrchMCP
import ReceiptKit

LoggingSystem.bootstrap { label in
    var handler = StreamLogHandler.standardError(label: label)
    handler.logLevel = .warning
    return handler
}

let parser = LineItemParser()
let tool: ServerTool
do {
    let definition = try ReceiptCatalog.tool("line_item_parser")
    tool = try ServerTool(
        name: definition.name, title: "Receipt line-item parser", description: definition.description,
        inputSchema: definition.inputSchema, outputSchema: definition.outputSchema,
        annotations: ["readOnlyHint": true, "idempotentHint": true, "openWorldHint": false],
        handler: .sync { arguments, _ in
            let text = arguments["text"]?.stringValue ?? ""
            let parsed = parser.parse(text, currencyHint: arguments["currency_hint"]?.stringValue)
            return .structured(parsed.json)
        }
    )
} catch {
    writeStderr("line-item-parser: the tool's schemas do not compile: \(error)\n")
    exit(1)
}

await MCPServer(info: Implementation(name: "line-item-parser", version: "1.0.0"), tools: [tool]).run()
