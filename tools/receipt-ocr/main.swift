// receipt-ocr: the MCP worker that reads receipt images with tesseract (see catalogs/receipts.json,
// tool receipt_ocr). One engine per process, loaded on the first call and reused for every call.

#if canImport(Glibc)
import Glibc
#endif
import OrchJSON
import OrchMCP
import ReceiptKit

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
let limits: ImageSource.Limits
do throws(ImageSource.Limits.ConfigurationError) {
    var environment: [String: String] = [:]
    for variable in ImageSource.Limits.variables {
        if let value = getenv(variable.name) { environment[variable.name] = String(cString: value) }
    }
    limits = try ImageSource.Limits(environment: environment)
} catch {
    writeStderr("receipt-ocr: \(error)\n")
    exit(2)
}

await ReceiptWorker.serve(
    "receipt-ocr", tool: "receipt_ocr", title: "Receipt OCR",
    annotations: ["readOnlyHint": true, "openWorldHint": true],
    handler: .async { arguments, _ in
        let uri = arguments["image_uri"]?.stringValue ?? ""
        // Its own thread (a full-size stack for tesseract): a 300 ms recognition must not hold
        // a thread of the cooperative pool, which answers ping and cancellation meanwhile.
        let result = await onOwnThread { () -> Result<JSONValue, OCRError> in
            do throws(OCRError) {
                let source = try ImageSource(uri)
                let bytes = try source.load(limits)
                // An engine that cannot load is no fault of the image: only recognition errors name it.
                let ocr = try engine.get()
                do throws(OCRError) {
                    return .success(try ocr.recognize(bytes, limits: limits))
                } catch {
                    return .failure(error.naming(source.label))
                }
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
// Release the engine before the process's static destructors run, or tesseract's object cache
// reports its language data as leaked on stderr.
engine.shutdown()
