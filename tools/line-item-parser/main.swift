// line-item-parser: the MCP worker that turns a receipt's OCR text into merchant, date,
// currency, items, discounts and totals (see catalogs/receipts.json, tool line_item_parser;
// the rules are ReceiptKit's LineItemParser).

import ReceiptKit

let parser = LineItemParser()
await ReceiptWorker.serve(
    "line-item-parser", tool: "line_item_parser", title: "Receipt line-item parser",
    annotations: ["readOnlyHint": true, "idempotentHint": true, "openWorldHint": false],
    handler: .sync { arguments, _ in
        let text = arguments["text"]?.stringValue ?? ""
        return .structured(parser.parse(text, currencyHint: arguments["currency_hint"]?.stringValue).json)
    }
)
