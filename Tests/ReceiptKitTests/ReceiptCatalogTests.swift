import Foundation
import OrchJSON
import ReceiptKit
import Testing

/// The catalog compiled into the workers is catalogs/receipts.json, and each worker finds its tool.
@Suite struct ReceiptCatalogTests {
    static let file = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("catalogs/receipts.json")

    @Test func theCompiledInCatalogIsTheFileByteForByte() throws {
        let file = try Data(contentsOf: Self.file)
        #expect(file == Data(ReceiptCatalog.json.utf8), "catalogs/receipts.json and ReceiptCatalog.json differ; edit both together")
    }

    @Test(arguments: ["receipt_ocr", "line_item_parser", "expense_categorizer"])
    func everyWorkerFindsItsTool(name: String) throws {
        let tool = try ReceiptCatalog.tool(name)
        #expect(tool.name == name)
        #expect(tool.kind == .mcp)
        #expect(tool.inputSchema["type"] == "object")
        #expect(tool.outputSchema?["type"] == "object")
    }

    @Test func anUnknownToolIsNamedWithTheOnesThereAre() {
        let error = #expect(throws: (any Error).self) { try ReceiptCatalog.tool("receipt_scanner") }
        #expect("\(error.map { "\($0)" } ?? "")".contains("no tool 'receipt_scanner'; it has receipt_ocr, line_item_parser, expense_categorizer"))
    }
}
