extension LineItemParser {
    /// Product names as they go out: the words of a line without the SKU, stray marks and the
    /// currency symbols OCR leaves behind.
    enum ItemName {
        /// The name in `words`: product codes (6+ digits) removed, tokens
        /// that are only marks dropped, trailing dots trimmed, single spaces.
        static func clean(_ words: [Substring]) -> String {
            var kept = words.filter { word in hasLetterOrDigit(word) || word == "&" }
                .map(repairedSize).map(repairedOunces).map(repairedLetters)
            // A leading item number ("E 30669 ORG BANANAS", "30669 ORG BANANAS"), with the
            // flag letter before it.
            if kept.count >= 3, kept[0].count == 1, kept[0].first?.isUppercase == true, isItemNumber(kept[1]) {
                kept.removeFirst()
            }
            if kept.count >= 2, isItemNumber(kept[0]), kept[1].contains(where: \.isLetter) { kept.removeFirst() }
            // Product codes are never part of a name, wherever the till prints them; nor is the
            // tax flag printed right after one ("007874235187 F 3.48").
            if kept.contains(where: { !isProductCode($0) }) {
                var index = kept.count - 1
                while index >= 0 {
                    if isProductCode(kept[index]) {
                        let flagFollows = index + 1 < kept.count && kept[index + 1].count == 1 && kept[index + 1].first?.isUppercase == true
                        kept.removeSubrange(index...(flagFollows ? index + 1 : index))
                    }
                    index -= 1
                }
            }
            var name = kept.joined(separator: " ")
            while let last = name.last, last == "." || last == "," || last == ":" || last == "-" { name.removeLast() }
            while let first = name.first, !(first.isLetter || first.isASCIIDigit) { name.removeFirst() }
            return name
        }

        /// Pack sizes that follow a number as a unit would (`12 PK`, `6 CT`): no item count.
        private static let packUnits: Set<String> = ["doz", "pk", "ct", "pack"]

        /// The name, and a count printed before it (`2 PAD THAI`, `3 x BAGEL`): a whole number
        /// from 1 to 99 followed by a word that is not a unit, and the name without it. The caller
        /// keeps the count only when the line total divides by it (`7 UP 2.00` stays `7 UP`).
        static func splittingInlineQuantity(_ words: [Substring]) -> (name: String, nameAfterCount: String, count: ReceiptNumber?) {
            let name = clean(words)
            var tokens = name.split(separator: " ")
            guard tokens.count >= 2, let first = tokens.first, first.count <= 2, first.allSatisfy(\.isASCIIDigit),
                  let count = Int64(first), (1...99).contains(count) else { return (name, name, nil) }
            tokens.removeFirst()
            if let x = tokens.first, x == "x" || x == "X", tokens.count > 1 { tokens.removeFirst() }
            // "1 GAL MILK" is a size, not a count.
            guard let next = tokens.first, next.contains(where: \.isLetter),
                  case let unit = next.lowercased(), !QuantityLine.units.contains(unit), !packUnits.contains(unit)
            else { return (name, name, nil) }
            return (name, tokens.joined(separator: " "), ReceiptNumber(thousandths: count * 1000))
        }

        /// `word.contains { $0.isLetter || $0.isASCIIDigit }`, bytewise for ASCII words.
        private static func hasLetterOrDigit(_ word: Substring) -> Bool {
            guard word.utf8.allSatisfy({ $0 < 0x80 }) else { return word.contains { $0.isLetter || $0.isASCIIDigit } }
            return word.utf8.contains { ($0 >= 0x30 && $0 <= 0x39) || (($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A) }
        }

        /// `520Z` → `52OZ`, `2.20Z` → `2.2OZ` and `1602` → `16OZ`: tesseract reads the ounce
        /// unit's O as a zero and often its Z as a 2. A lone Z after a number is no other unit;
        /// `02` is repaired only after exactly two digits (`1602`, not `302` or `10502`), the
        /// shape of a package size.
        private static func repairedOunces(_ word: Substring) -> Substring {
            // Both forms start with a digit; most words do not.
            guard let first = word.utf8.first, first >= 0x30 && first <= 0x39 else { return word }
            let isDigits: (Substring) -> Bool = { !$0.isEmpty && $0.allSatisfy { $0.isASCIIDigit } }
            // A size: digits, perhaps with one decimal separator between digits (`2.2`, `1,5`).
            let isSize: (Substring) -> Bool = { size in
                guard let separator = size.firstIndex(where: { $0 == "." || $0 == "," }) else { return isDigits(size) }
                return isDigits(size[..<separator]) && isDigits(size[size.index(after: separator)...])
            }
            if word.count >= 3, word.hasSuffix("0Z") || word.hasSuffix("0z"), isSize(word.dropLast(2)) {
                return word.dropLast(2) + (word.last == "Z" ? "OZ" : "oz")
            }
            if word.count == 4, word.hasSuffix("02"), isDigits(word), word.first != "0" {
                return word.dropLast(2) + "OZ"
            }
            return word
        }

        /// Units a package size ends in, upper case.
        private static let sizeUnits: Set<String> = ["OZ", "ML", "CL", "L", "LT", "LTR", "G", "KG", "LB", "LBS", "CT", "PK",
                                                     "IN", "CM", "MM", "FT", "GB", "TB", "MAH", "W", "V", "GAL", "QT", "PT"]

        /// Whether `word` is a package size: digits, perhaps one decimal separator between
        /// digits, then a unit (`500ML`, `1,5L`, `12CT`).
        private static func isSize(_ word: Substring) -> Bool {
            guard let unitStart = word.firstIndex(where: \.isLetter), unitStart > word.startIndex,
                  sizeUnits.contains(word[unitStart...].uppercased()) else { return false }
            let number = word[..<unitStart]
            guard number.first?.isASCIIDigit == true, number.last?.isASCIIDigit == true else { return false }
            return number.allSatisfy { $0.isASCIIDigit } || number.filter({ $0 == "." || $0 == "," }).count == 1
                && number.allSatisfy { $0.isASCIIDigit || $0 == "." || $0 == "," }
        }

        /// Package sizes OCR garbled: `S5PK` → `5PK` (a stray S before the digits), `50OML` →
        /// `500ML` (a letter O among the digits), `181N` → `18IN` and `51B` → `5LB` (the unit's
        /// first letter read as a 1). Only when the repaired word is a size and the word as read
        /// is not.
        private static func repairedSize(_ word: Substring) -> Substring {
            guard word.count >= 3, word.utf8.allSatisfy({ $0 < 0x80 }), word.contains(where: \.isASCIIDigit),
                  !isSize(word) else { return word }
            var text = String(word)
            if let first = text.first, first == "S" || first == "s", text.dropFirst().first?.isASCIIDigit == true {
                text.removeFirst()
            }
            return sizeRepair(text).map { Substring($0) } ?? word
        }

        /// `text` as a size, as it is or with the repairs ``repairedSize(_:)`` lists; nil when
        /// none makes it one.
        private static func sizeRepair(_ text: String) -> String? {
            if isSize(Substring(text)) { return text }
            let chars = Array(text)
            // An O among digits: the unit is what follows the last digit-or-O.
            if chars.first?.isASCIIDigit == true,
               let last = chars.lastIndex(where: { $0.isASCIIDigit || $0 == "O" || $0 == "o" }), last + 1 < chars.count {
                let digits = chars[...last].map { $0 == "O" || $0 == "o" ? Character("0") : $0 }
                let candidate = String(digits) + String(chars[(last + 1)...])
                if isSize(Substring(candidate)) { return candidate }
            }
            for (misread, unit) in [("1N", "IN"), ("1n", "in"), ("1B", "LB"), ("1b", "lb")] {
                guard chars.count > 2, text.hasSuffix(misread) else { continue }
                let candidate = String(chars.dropLast(2)) + unit
                if isSize(Substring(candidate)) { return candidate }
            }
            return nil
        }

        /// `0J` → `OJ`, `C0KE` → `COKE`: in a word that is otherwise all letters, a zero is
        /// tesseract's reading of the letter O (no size or code is letters with a lone 0 in them).
        private static func repairedLetters(_ word: Substring) -> Substring {
            guard word.utf8.contains(0x30), word.contains("0"), word.contains(where: \.isLetter),
                  word.allSatisfy({ $0 == "0" || ($0.isLetter && $0.isASCII) }) else { return word }
            let upper = word.contains(where: \.isUppercase) || !word.contains(where: \.isLowercase)
            return Substring(String(word.map { $0 == "0" ? (upper ? "O" : "o") : $0 }))
        }

        /// Whether a line's words start with a store's item number (`991025833103 9V BATTERY`),
        /// perhaps after a one-letter flag: the start of an item, never the second half of a
        /// wrapped name.
        static func startsWithItemNumber(_ words: [Substring]) -> Bool {
            guard let first = words.first else { return false }
            if isItemNumber(first) { return true }
            return words.count >= 2 && first.count == 1 && first.first?.isUppercase == true && isItemNumber(words[1])
        }

        /// A name line whose price OCR could not read: the name without the debris the price
        /// left at its end (`9V BATTERY 2PK #/e0k)` → `9V BATTERY 2PK`), words with two or more
        /// marks that are neither letters nor digits.
        static func withoutTrailingDebris(_ name: String) -> String {
            var words = name.split(separator: " ")
            while words.count > 1, let last = words.last, last.count(where: { !$0.isLetter && !$0.isNumber }) >= 2 {
                words.removeLast()
            }
            return words.joined(separator: " ")
        }

        /// Five or more digits at the start of a line: a store's item number, not a size (sizes
        /// carry their unit, `2000IU`).
        private static func isItemNumber(_ word: Substring) -> Bool {
            word.count >= 5 && word.allSatisfy { $0.isASCIIDigit } || isProductCode(word)
        }

        /// Six or more digits, perhaps with a check letter (`000000004011K`).
        private static func isProductCode(_ word: Substring) -> Bool {
            if word.utf8.allSatisfy({ $0 < 0x80 }) {
                // The rule below, on bytes.
                var bytes = word.utf8[...]
                if let last = bytes.last, (last | 0x20) >= 0x61 && (last | 0x20) <= 0x7A { bytes = bytes.dropLast() }
                return bytes.count >= 6 && bytes.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
            }
            let digits = word.last?.isLetter == true ? word.dropLast() : word
            return digits.count >= 6 && digits.allSatisfy { $0.isASCIIDigit }
        }
    }

    /// Tells the store's header lines (address, phone, cashier, date) from product names, for the
    /// one place where it matters: the line just above the first price, which is either the
    /// first item's name or the last header line.
    enum HeaderLine {
        private static let streetWords: Set<String> = ["ST", "STREET", "AVE", "AVENUE", "RD", "ROAD", "DR", "DRIVE", "BLVD",
                                                       "LN", "LANE", "WAY", "PKWY", "HWY", "CT", "PL", "SQ", "STR",
                                                       "STRASSE", "QUAI", "VIA", "RUE", "PLAZA", "MALL", "SUITE", "UNIT"]
        private static let headerWords: Set<String> = ["TEL", "PHONE", "FAX", "STORE", "CASHIER", "REGISTER",
                                                       "TRANS", "TRANSACTION", "TABLE", "SERVER", "ORDER", "GUEST",
                                                       "TERMINAL", "RECEIPT", "INVOICE", "WELCOME", "OPEN", "HOURS",
                                                       "WWW", "HTTP", "HTTPS", "COM", "VAT", "GST", "HST", "ABN", "TAX"]

        /// Whether `line` may be a product name rather than part of the header.
        /// Words of promotion markers (`CLUBCARD PRICE`, `EXTRACARE SALE`) and of column
        /// headings (`DESCRIPTION QTY PRICE AMOUNT`): lines that label, not name.
        private static let labelWords: Set<String> = ["SALE", "PRICE", "PRICES", "OFFER", "DEAL", "PROMO", "PROMOTION",
                                                      "SAVE", "SAVED", "MEMBER", "REDUCED", "SPECIAL", "DESCRIPTION",
                                                      "QTY", "QUANTITY", "AMOUNT", "AMT", "UNIT", "ARTICLE", "ARTIKEL"]

        /// Whether `line` labels what follows instead of naming a product: a promotion marker
        /// or a column heading. Such a line is never the first half of a wrapped name.
        static func isLabel(_ line: ReceiptLine) -> Bool {
            let words = LineKind.keywordWords(line.words)
            let labels = words.count(where: { labelWords.contains($0) || LineKind.discountWords.contains($0) })
            return labels >= 2 || (labels == 1 && words.count <= 2)
        }

        static func mayBeItemName(_ line: ReceiptLine) -> Bool {
            guard !isLabel(line) else { return false }
            let text = line.text
            // A lone currency code ("EUR") or initials are no product.
            guard text.count(where: \.isLetter) >= 4, !DateReader.containsDate(text) else { return false }
            if text.contains(":") || text.contains("#") || text.contains("@") { return false }
            let words = LineKind.keywordWords(line.words)
            if words.contains(where: headerWords.contains) { return false }
            // A phone number; a product code before the name does not count.
            if ItemName.clean(line.words).count(where: \.isASCIIDigit) >= 7 { return false }
            if let first = line.words.first, first.allSatisfy(\.isASCIIDigit), words.contains(where: streetWords.contains) {
                return false  // "1420 Orchard Ave"
            }
            if line.words.contains(where: { $0.count == 5 && $0.allSatisfy(\.isASCIIDigit) }) { return false }  // a ZIP code
            // Product names are printed in capitals; "Cafe & Bakery" is a header.
            let upper = text.count(where: \.isUppercase)
            let lower = text.count(where: \.isLowercase)
            return upper > lower
        }
    }
}
