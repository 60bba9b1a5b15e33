// expense-categorizer: the MCP worker that gives line items an expense category and a
// confidence (see catalogs/receipts.json, tool expense_categorizer), from the lexicon in
// catalogs/lexicon.json.
//
// Usage: expense-categorizer [--lexicon FILE]   (else ORCH_LEXICON, else catalogs/lexicon.json
// found above the executable or the working directory)

#if canImport(Glibc)
import Glibc
#endif
import ReceiptKit

let arguments = CommandLine.arguments.dropFirst()
var lexiconPath: String?
if let flag = arguments.firstIndex(of: "--lexicon") {
    guard flag + 1 < arguments.endIndex else {
        writeStderr("expense-categorizer: --lexicon needs a file.\nusage: expense-categorizer [--lexicon FILE]\n")
        exit(2)
    }
    lexiconPath = arguments[flag + 1]
} else if let unknown = arguments.first {
    writeStderr("expense-categorizer: unknown argument '\(unknown)'.\nusage: expense-categorizer [--lexicon FILE]\n")
    exit(2)
}
// Where the lexicon's path came from, for an error that says which setting to fix.
var lexiconOrigin = "--lexicon"
if lexiconPath == nil {
    lexiconOrigin = getenv("ORCH_LEXICON").map { String(cString: $0).isEmpty ? "the search" : "ORCH_LEXICON" } ?? "the search"
    let found = ExpenseCategorizer.findLexicon()
    guard let path = found.path else {
        writeStderr("expense-categorizer: no lexicon found; looked in \(found.searched.joined(separator: ", ")). Pass --lexicon FILE or set ORCH_LEXICON.\n")
        exit(1)
    }
    lexiconPath = path
}

let categorizer: ExpenseCategorizer
do {
    categorizer = try ExpenseCategorizer.load(path: lexiconPath ?? "")
} catch {
    writeStderr("expense-categorizer: \(error) (the path came from \(lexiconOrigin))\n")
    exit(1)
}

await ReceiptWorker.serve(
    "expense-categorizer", tool: "expense_categorizer", title: "Expense categorizer",
    annotations: ["readOnlyHint": true, "idempotentHint": true, "openWorldHint": false],
    handler: .sync { arguments, _ in
        .structured(["items": .array(categorizer.categorize(items: arguments["items"]?.arrayValue ?? [],
                                                            merchant: arguments["merchant"]?.stringValue))])
    }
)
