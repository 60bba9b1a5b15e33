import OrchJSON
import OrchPlan

/// Turns the OCR text of a receipt into its merchant, date, currency, line items, discounts
/// and printed totals, as exact decimals.
///
/// Built for tesseract's output of real receipts: dot leaders read as `cece eee`, tax flags
/// after prices, `3,49` or `3.49`, letters for digits inside prices (`3.4S`), prices split by a
/// space, quantity lines above or below their item (`2 @ 3.49`, `0.452 kg @ 2.99/kg`),
/// wrapped names, SKUs, and discount lines with the minus before or after (`-1.00`, `1.00-`).
///
/// Never throws and never traps: empty or garbage text gives an empty receipt with warnings.
/// Figures are reported as printed; when they disagree with the items the receipt says so in
/// ``ParsedReceipt/warnings`` instead of adjusting anything. A number printed without its
/// decimal separator (`349`) is not guessed at.
public struct LineItemParser: Sendable {
    public init() {}

    /// Parses `text`, the receipt as OCR read it (one receipt line per text line).
    ///
    /// `currencyHint` (an ISO 4217 code such as `EUR`) is used when the receipt shows no
    /// currency symbol or code, and to tell which dollar a `$` is; an invalid hint is ignored.
    public func parse(_ text: String, currencyHint: String?) -> ParsedReceipt {
        let lines = ReceiptLine.lines(of: text)
        var receipt = ParsedReceipt()
        let (currency, currencyWarning) = CurrencyReader.currency(of: lines, hint: currencyHint)
        receipt.currency = currency
        receipt.merchant = MerchantReader.merchant(in: lines)
        receipt.date = DateReader.firstDate(in: lines, dayFirst: CurrencyReader.writesDayFirst(currency))

        var assembler = ReceiptAssembler()
        for index in lines.indices { assembler.add(lines, at: index) }
        let totals = assembler.finish()
        receipt.items = assembler.items
        receipt.discounts = assembler.discounts
        receipt.subtotal = totals.subtotal
        receipt.tax = totals.tax
        receipt.total = totals.total
        receipt.warnings = (currencyWarning.map { [$0] } ?? []) + assembler.warnings
        if lines.isEmpty { receipt.warnings.append("The text is empty: there is no receipt to read.") }
        return receipt
    }
}

extension LineItemParser {
    /// Finds the store's name: the first of the top lines that reads like one.
    enum MerchantReader {
        /// How far down the merchant is looked for.
        static let searchedLines = 6

        private static let skippedWords: Set<String> = ["WELCOME", "RECEIPT", "COPY", "CUSTOMER", "DUPLICATE", "ORIGINAL"]

        static func merchant(in lines: [ReceiptLine]) -> String? {
            for line in lines.prefix(searchedLines) {
                let words = LineKind.keywordWords(line.words)
                guard line.text.count(where: \.isLetter) >= 3, !DateReader.containsDate(line.text),
                      line.amount == nil else { continue }
                if words.count <= 2, words.allSatisfy(skippedWords.contains) { continue }
                let name = line.text.filter { $0.isLetter || $0.isNumber || " &'-#./".contains($0) }
                var nameWords = name.split(separator: " ")
                // "Welcome to Walmart", in any case and spacing: the shop is what follows.
                if nameWords.count >= 2, nameWords[0].uppercased() == "WELCOME", nameWords[1].uppercased() == "TO" { nameWords.removeFirst(2) }
                let collapsed = nameWords.joined(separator: " ")
                if collapsed.count(where: \.isLetter) >= 3 { return collapsed }
            }
            return nil
        }
    }
}
