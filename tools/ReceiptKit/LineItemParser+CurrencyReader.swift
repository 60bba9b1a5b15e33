extension LineItemParser {
    /// Decides a receipt's currency: an ISO code printed on it (`TOTAL EUR`), else the symbols
    /// its amounts carry (`€`, `£`, `$`), else the caller's hint, else a guess with a warning:
    /// `EUR` when nearly all amounts are written with a decimal comma (`2,49`; at least three to one),
    /// `USD` otherwise.
    ///
    /// A `$` alone says "some dollar": it is the hint when the hint is a dollar currency (a
    /// Canadian caller's `CAD`), else the dollar the rest of the receipt points to (an ABN is
    /// Australian, HST Canadian: ``dollar(of:)``), else `USD`. A decimal comma is only a guess's ground (the
    /// krona and the złoty use it too), so it never overrides a symbol, a code or the hint.
    enum CurrencyReader {
        /// ISO codes recognised when printed on the receipt: as a word (`TOTAL EUR`), as a flag
        /// after an amount (`15,74 SEK`) and as a prefix fused to one (`USD12.00`). The one list
        /// of them, so that a code the currency is read from is never dropped with its amount.
        static let isoCodes: Set<String> = ["USD", "EUR", "GBP", "CAD", "AUD", "NZD", "CHF", "JPY", "SEK", "NOK",
                                            "DKK", "PLN", "CZK", "MXN", "INR", "SGD", "HKD", "MYR"]
        private static let dollarCurrencies: Set<String> = ["USD", "CAD", "AUD", "NZD", "SGD", "HKD", "MXN"]
        /// `£` and `¥` by the second byte of their UTF-8 form (C2 A3, C2 A5); `€` is E2 82 AC.
        private static let twoByteSymbols: [UInt8: String] = [0xA3: "GBP", 0xA5: "JPY"]

        /// The words of two or three capitals standing alone: `EUR` in `TOTAL EUR 15,74`.
        private static func capitalRuns(_ bytes: [UInt8]) -> [String] {
            var words: [String] = []
            var start: Int?
            for i in 0...bytes.count {
                let isLetter = i < bytes.count && (bytes[i] >= 0x41 && bytes[i] <= 0x5A || bytes[i] >= 0x61 && bytes[i] <= 0x7A || bytes[i] >= 0x80)
                if isLetter {
                    if start == nil { start = i }
                    continue
                }
                if let s = start, (2...3).contains(i - s), bytes[s..<i].allSatisfy({ $0 >= 0x41 && $0 <= 0x5A }) {
                    words.append(String(decoding: bytes[s..<i], as: UTF8.self))
                }
                start = nil
            }
            return words
        }

        /// The currency and, when it had to be assumed, the warning that says so.
        static func currency(of lines: [ReceiptLine], hint: String?) -> (code: String, warning: String?) {
            let validHint = hint.flatMap { isISOCode($0) ? $0 : nil }
            var symbolCounts: [String: Int] = [:]
            var dollars = 0
            for line in lines {
                // Bytewise: the symbols' UTF-8 forms, then words of capitals (codes).
                let bytes = Array(line.text.utf8)
                for (i, byte) in bytes.enumerated() {
                    if byte == 0x24 { dollars += 1 }
                    if byte == 0xC2, i + 1 < bytes.count, let code = twoByteSymbols[bytes[i + 1]] {
                        symbolCounts[code, default: 0] += 1
                    }
                    if byte == 0xE2, i + 2 < bytes.count, bytes[i + 1] == 0x82, bytes[i + 2] == 0xAC {
                        symbolCounts["EUR", default: 0] += 1
                    }
                }
                for word in capitalRuns(bytes) {
                    if isoCodes.contains(word) { return (word, nil) }
                    // Malaysia's ringgit is printed RM, before amounts on the same line.
                    if word == "RM", line.amount != nil { return ("MYR", nil) }
                }
            }
            if let (code, _) = symbolCounts.max(by: { $0.value < $1.value }), (symbolCounts[code] ?? 0) >= dollars {
                return (code, nil)
            }
            if dollars > 0 {
                if let validHint, dollarCurrencies.contains(validHint) { return (validHint, nil) }
                return (dollar(of: lines) ?? "USD", nil)
            }
            if let validHint { return (validHint, nil) }
            let separators = lines.reduce(into: (commas: 0, points: 0)) { counts, line in
                let found = decimalSeparators(Array(line.text.utf8))
                counts.commas += found.commas
                counts.points += found.points
            }
            // Three to one at least: OCR reads many a decimal point as a comma (`3,89` on a US
            // receipt), so a mere majority of commas says little.
            if separators.commas > 0 && separators.commas >= 3 * separators.points {
                return ("EUR", "No currency symbol or code was found and no currency_hint was given; the amounts have decimal commas, so EUR is assumed.")
            }
            return ("USD", "No currency symbol or code was found and no currency_hint was given, so USD is assumed.")
        }

        /// How many amounts in `bytes` have a decimal comma (`2,49`) and how many a decimal point
        /// (`2.49`): a digit, the separator, exactly two digits, then neither a digit nor another
        /// separator — so `1.234,56` counts one comma, and neither `14.03.2025` nor `2,144` counts.
        static func decimalSeparators(_ bytes: [UInt8]) -> (commas: Int, points: Int) {
            func isDigit(_ i: Int) -> Bool { i >= 0 && i < bytes.count && bytes[i] >= 0x30 && bytes[i] <= 0x39 }
            var counts = (commas: 0, points: 0)
            for (i, byte) in bytes.enumerated() where (byte == 0x2C || byte == 0x2E) && isDigit(i - 1) && isDigit(i + 1) && isDigit(i + 2) {
                let after = i + 3
                if after < bytes.count && (isDigit(after) || bytes[after] == 0x2C || bytes[after] == 0x2E) { continue }
                if byte == 0x2C { counts.commas += 1 } else { counts.points += 1 }
            }
            return counts
        }

        /// Which dollar a `$` is, from what else the receipt prints; nil when nothing says
        /// (then it is the US dollar). New Zealand: `NZ`, an IRD or "GST No" number, GST at 15 %.
        /// Australia: an ABN, a state and postcode (`QLD 4870`), GST at 10 %, EFTPOS, GST
        /// included in the prices. Canada: HST, PST or QST, Interac, GST at 5 %, a postal code
        /// (`M5V 2A2`) or a province code ending an address line near the top (`Red Deer AB`).
        static func dollar(of lines: [ReceiptLine]) -> String? {
            var words: Set<String> = []
            var pairs: Set<String> = []
            var australianAddress = false
            var canadianAddress = false
            var gstRates: Set<Int> = []
            for (index, line) in lines.enumerated() {
                let upper = line.text.uppercased()
                let lineWords = upper.split { !$0.isLetter && !$0.isNumber }.map(String.init)
                words.formUnion(lineWords)
                if let rate = gstRate(upper) { gstRates.insert(rate) }
                for (i, word) in lineWords.enumerated() where i + 1 < lineWords.count {
                    let next = lineWords[i + 1]
                    pairs.insert(word + " " + next)
                    if ["NSW", "VIC", "QLD", "TAS", "ACT", "NT", "WA", "SA"].contains(word), next.count == 4, next.allSatisfy(\.isASCIIDigit) {
                        australianAddress = true
                    }
                    if isPostalCodeHalf(word, letterFirst: true), isPostalCodeHalf(next, letterFirst: false) { canadianAddress = true }
                }
                if index < 8, line.amount == nil, lineWords.count >= 2, let last = lineWords.last,
                   ["AB", "BC", "MB", "NB", "NL", "NS", "ON", "PE", "QC", "SK", "YT", "NU"].contains(last) {
                    canadianAddress = true
                }
            }
            if words.contains("NZ") || words.contains("IRD") || words.contains("ZEALAND") || pairs.contains("GST NO")
                || gstRates.contains(15) {
                return "NZD"
            }
            if words.contains("ABN") || australianAddress || gstRates.contains(10) || words.contains("EFTPOS")
                || words.contains("GST") && (words.contains("INCL") || words.contains("INC") || words.contains("INCLUDED")) {
                return "AUD"
            }
            if words.contains("HST") || words.contains("PST") || words.contains("QST") || words.contains("INTERAC")
                || gstRates.contains(5) || canadianAddress {
                return "CAD"
            }
            return nil
        }

        /// The whole-number rate printed after GST on a line (`GST 5%`, `GST (10%)`), if any.
        private static func gstRate(_ upper: String) -> Int? {
            guard let range = upper.range(of: "GST") else { return nil }
            var rest = upper[range.upperBound...].drop { $0 == " " || $0 == "(" || $0 == "@" }
            let digits = rest.prefix { $0.isASCIIDigit }
            guard (1...2).contains(digits.count) else { return nil }
            rest = rest.dropFirst(digits.count)
            return rest.first == "%" ? Int(digits) : nil
        }

        /// `M5V` (letter, digit, letter) or `2A2` (digit, letter, digit): a half of a Canadian
        /// postal code.
        private static func isPostalCodeHalf(_ word: String, letterFirst: Bool) -> Bool {
            let chars = Array(word)
            guard chars.count == 3, chars.allSatisfy(\.isASCII) else { return false }
            let pattern = letterFirst ? [true, false, true] : [false, true, false]
            return zip(chars, pattern).allSatisfy { $1 ? $0.isLetter : $0.isNumber }
        }

        /// Whether `code` is three upper-case ASCII letters, the shape of an ISO 4217 code.
        static func isISOCode(_ code: String) -> Bool {
            code.count == 3 && code.allSatisfy { $0.isASCII && $0.isUppercase }
        }

        /// Whether dates on a receipt in `currency` are written day first when ambiguous.
        static func writesDayFirst(_ currency: String) -> Bool {
            !["USD", "CAD"].contains(currency)
        }
    }
}
