extension LineItemParser {
    /// What a receipt line is, decided from its words: the labels of the totals block, payment
    /// and count lines that are never items, and the discount labels.
    ///
    /// Keywords are matched on the first words only (a product may be called `GREETING CARD`),
    /// after OCR repair (`T0TAL` → `TOTAL`), and the long ones allow one wrong letter
    /// (`SUBTOTAI`, `MwsSt`). The lists cover English, German, French, Italian, Dutch and
    /// Spanish tills.
    enum LineKind: Equatable {
        case subtotal
        /// A tax line; `included` when the tax is part of the prices (`VAT 20% INCL`).
        case tax(included: Bool)
        case total
        /// A tip or service charge: after the subtotal it is part of the total; above it, an
        /// item like any other.
        case surcharge
        /// Tender, change and card lines: money paid, not bought.
        case payment
        /// `ITEMS SOLD 8`, `YOU SAVED 2.25`, thank-you lines: neither items nor totals.
        case ignored
        /// Anything else: an item, a discount, a name line or a quantity line.
        case other

        private static let subtotalWords: Set<String> = ["SUBTOTAL", "SUBTOTAAL", "SUBTOTALE", "SUBTOT", "ZWISCHENSUMME",
                                                         "SOUSTOTAL"]
        private static let totalWords: Set<String> = ["TOTAL", "TOTALE", "TOTAAL", "TOTALT", "SUMME", "SUMA", "BALANCE",
                                                      "MONTANT", "BETRAG", "GESAMT", "IMPORTE"]
        private static let totalPhrases: Set<String> = ["AMOUNT DUE", "TOTAL DUE", "BALANCE DUE", "GRAND TOTAL", "TO PAY",
                                                        "NET TOTAL", "TOTAL AMOUNT", "A PAYER", "NET A", "ZU ZAHLEN", "TE BETALEN"]
        private static let taxWords: Set<String> = ["TAX", "TAXES", "VAT", "HST", "GST", "PST", "QST", "MWST", "UST", "BTW",
                                                    "TVA", "IVA", "SALESTAX", "STEUER"]
        private static let includedWords: Set<String> = ["INCL", "INCLUDED", "INC", "INCLUSIVE", "INKL", "ENTHALTEN",
                                                         "COMPRISE", "INCLUSA", "INCLUIDO"]
        private static let paymentWords: Set<String> = ["CASH", "CHANGE", "VISA", "MASTERCARD", "MC", "AMEX", "DISCOVER",
                                                        "DEBIT", "CREDIT", "TEND", "TENDER", "TENDERED", "INTERAC",
                                                        "CONTACTLESS", "CARD", "PAID", "PAYMENT", "EFTPOS", "MAESTRO",
                                                        "RUECKGELD", "RUCKGELD", "RÜCKGELD", "WECHSELGELD", "GEGEBEN",
                                                        "BAR", "BARGELD", "KARTE", "EC", "GIROCARD", "PIN", "CB", "CARTA",
                                                        "CONTANT", "ESPECES", "AUTH", "APPROVED", "REFUND"]
        /// Words after TOTAL that make it something else: `TOTAL SAVINGS`, `TOTAL ITEMS`.
        private static let totalQualifiers: Set<String> = ["SAVINGS", "SAVED", "ITEMS", "ITEM", "QTY", "DISCOUNT",
                                                           "DISCOUNTS", "NUMBER", "UNITS", "POINTS"]
        private static let ignoredStarts: Set<String> = ["ITEMS", "ITEM", "YOU", "YOUR", "THANK", "THANKS", "NUMBER",
                                                         "QTY", "POINTS", "BONUS", "DANKE", "MERCI", "GRAZIE", "VIELEN"]
        private static let ignoredPhrases: Set<String> = ["ITEMS SOLD", "ITEM COUNT", "YOU SAVED", "YOUR SAVINGS",
                                                          "THANK YOU", "TOTAL SAVINGS", "NUMBER OF", "ITEMS PURCHASED",
                                                          "POINTS EARNED"]

        /// Tips and service charges: with subtotal and tax they make the total.
        private static let surchargeWords: Set<String> = ["TIP", "TIPS", "GRATUITY", "SERVICE", "TRINKGELD", "POURBOIRE", "MANCIA"]
        /// Strong discount labels: the line is a discount even when OCR lost its minus sign.
        static let discountWords: Set<String> = ["COUPON", "CPN", "DISCOUNT", "DISC", "SAVINGS", "SAVING", "REWARDS",
                                                 "REWARD", "RABATT", "KORTING", "MARKDOWN", "VOUCHER", "LOYALTY",
                                                 "CLUBCARD", "PROMO", "REMISE", "SCONTO", "DESCUENTO", "NACHLASS"]

        /// Classifies a line by its words.
        static func of(_ line: ReceiptLine) -> LineKind {
            let words = keywordWords(line.words)
            guard let first = words.first else { return .other }
            let second = words.count > 1 ? words[1] : ""
            let pair = first + " " + second
            if ignoredPhrases.contains(pair) { return .ignored }
            // One word, or two written apart (`SUB-TOTAL`, `SOUS TOTAL`, `SUB TOTAALE`): the pair
            // must match exactly, so that `SUB TOTE` (a bag) is not one edit from `SUBTOT`.
            if matches(first, subtotalWords, fuzzy: true) || subtotalWords.contains(first + second) { return .subtotal }
            let isTotalWord = matches(first, totalWords, fuzzy: true) || totalPhrases.contains(pair)
            if isTotalWord && (taxWords.contains(second)) { return .tax(included: false) }
            if isTotalWord && totalQualifiers.contains(second) { return .ignored }
            if isTotalWord { return .total }
            if taxWords.contains(first) || taxWords.contains(second) || fuzzyEqual(first, "MWST") {
                return .tax(included: words.contains(where: includedWords.contains))
            }
            // "BIW 21% INCL 4,38": a rate and "included" make a VAT line whatever OCR did to its label.
            if words.contains(where: includedWords.contains), line.words.contains(where: isRate) { return .tax(included: true) }
            if surchargeWords.contains(first) { return .surcharge }
            if paymentWords.contains(first) || second == "TEND" || second == "TENDER" || second == "CHANGE" { return .payment }
            if ignoredStarts.contains(first) && line.amount == nil { return .ignored }
            if first == "YOU" || first == "YOUR" { return .ignored }
            return .other
        }

        /// A rate: digits, perhaps with a decimal separator, then `%` (`21%`, `7,5%`).
        private static func isRate(_ word: Substring) -> Bool {
            guard word.count >= 2, word.last == "%" else { return false }
            let number = word.dropLast()
            return number.first?.isASCIIDigit == true && number.allSatisfy { $0.isASCIIDigit || $0 == "." || $0 == "," }
        }

        /// Whether the line names a discount, whatever the sign of its amount.
        static func namesDiscount(_ line: ReceiptLine) -> Bool {
            keywordWords(line.words).contains(where: discountWords.contains)
        }

        /// The words in upper case, split at non-letters (`GST/PST` → `GST`, `PST`), with `0`
        /// read as `O` inside words that have letters (`T0TAL`).
        static func keywordWords(_ words: [Substring]) -> [String] {
            var out: [String] = []
            for word in words.prefix(6) {
                if word.utf8.allSatisfy({ $0 < 0x80 }) {
                    asciiKeywords(word, into: &out)
                    continue
                }
                let hasLetters = word.contains(where: \.isLetter)
                var current = ""
                for c in word.uppercased() {
                    if c.isLetter {
                        current.append(c)
                    } else if c == "0" && hasLetters {
                        current.append("O")
                    } else if !current.isEmpty {
                        out.append(current)
                        current = ""
                    }
                }
                if !current.isEmpty { out.append(current) }
            }
            return out
        }

        /// `keywordWords` for one ASCII word, on its bytes.
        private static func asciiKeywords(_ word: Substring, into out: inout [String]) {
            let hasLetters = word.utf8.contains { ($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A }
            var current: [UInt8] = []
            for byte in word.utf8 {
                let upper = byte >= 0x61 && byte <= 0x7A ? byte - 32 : byte
                if upper >= 0x41 && upper <= 0x5A {
                    current.append(upper)
                } else if byte == 0x30 && hasLetters {
                    current.append(0x4F)
                } else if !current.isEmpty {
                    out.append(String(decoding: current, as: UTF8.self))
                    current.removeAll(keepingCapacity: true)
                }
            }
            if !current.isEmpty { out.append(String(decoding: current, as: UTF8.self)) }
        }

        private static func matches(_ word: String, _ set: Set<String>, fuzzy: Bool) -> Bool {
            if set.contains(word) { return true }
            guard fuzzy, word.utf8.count >= 5 else { return false }
            let length = word.utf8.count
            return set.contains { $0.utf8.count >= 5 && abs($0.utf8.count - length) <= 1 && fuzzyEqual(word, $0) }
        }

        /// Equal but for one substituted, inserted or deleted letter.
        static func fuzzyEqual(_ a: String, _ b: String) -> Bool {
            // Bytes, not characters: both sides are upper-case keywords; a non-ASCII letter
            // counts as its bytes, which only makes a match stricter.
            // One edit leaves the first or the last letter in place: a cheap test that rejects
            // nearly every pair before any array is made.
            guard a.utf8.first == b.utf8.first || a.utf8.last == b.utf8.last else { return false }
            let x = Array(a.utf8), y = Array(b.utf8)
            if x == y { return true }
            guard abs(x.count - y.count) <= 1, x.count >= 4 || y.count >= 4 else { return false }
            var i = 0, j = 0, edits = 0
            while i < x.count && j < y.count {
                if x[i] == y[j] { i += 1; j += 1; continue }
                edits += 1
                if edits > 1 { return false }
                if x.count > y.count { i += 1 } else if y.count > x.count { j += 1 } else { i += 1; j += 1 }
            }
            return edits + (x.count - i) + (y.count - j) <= 1
        }
    }
}
