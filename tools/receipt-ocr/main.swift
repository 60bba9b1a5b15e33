#if canImport(Glibc)
import Glibc
#endif
// receipt-ocr: the MCP worker that reads receipt images with tesseract (see catalogs/receipts.json,
// tool receipt_ocr). One engine per process, loaded on the first call and reused for every call.
// stdout carries protocol only: logs go to stderr.

import Logging
import OrchJSON
import OrchMCP
import ReceiptKit

LoggingSystem.bootstrap { label in
    var handler = StreamLogHandler.standardError(label: label)
    handler.logLevel = .warning
    return handler
}

// Tesseract's OpenMP threads spin on two cores and make each recognition several times
// slower (measured: 950 ms against 110 ms a receipt). libgomp reads OMP_THREAD_LIMIT when it
// is loaded, before main, so the server sets it and starts itself again once.
if getenv("OMP_THREAD_LIMIT") == nil {
    setenv("OMP_THREAD_LIMIT", "1", 1)
    execv("/proc/self/exe", CommandLine.unsafeArgv)
    // Could not re-execute: carry on, only slower.
}

HTTPFetch.initialize()
let engine = SharedEngine()
let limits = ImageSource.Limits()

let tool: ServerTool
do {
    let definition = try ReceiptCatalog.tool("receipt_ocr")
    tool = try ServerTool(
        name: definition.name, title: "Receipt OCR", description: definition.description,
        inputSchema: definition.inputSchema, outputSchema: definition.outputSchema,
        annotations: ["readOnlyHint": true, "openWorldHint": true],
        handler: .async { arguments, _ in
            let uri = arguments["image_uri"]?.stringValue ?? ""
            let result = await OCRWorker.run {
                do throws(OCRError) {
                    let bytes = try ImageSource(uri).load(limits)
                    return .success(try engine.get().recognize(bytes, limits: limits))
                } catch {
                    return .failure(error)
                }
            }
            switch result {
            case .success(let value):
                let lineCount = value["lines"]?.arrayValue?.count ?? 0
                return .structured(value, summary: value["text"]?.stringValue ?? "\(lineCount) lines")
            case .failure(let error):
                return .text("\(error)", isError: true)
            }
        }
    )
} catch {
    writeStderr("receipt-ocr: the tool's schemas do not compile: \(error)\n")
    exit(1)
}

await MCPServer(info: Implementation(name: "receipt-ocr", version: "1.0.0"), tools: [tool]).run()
// Release the engine before the process's static destructors run, or tesseract's object cache
// reports its language data as leaked on stderr.
engine.shutdown()
