import OrchPlan

extension LineItemParser {
    /// A money amount read from one token of OCR text, with what the reading doubted.
    struct ReadAmount: Equatable {
        /// The amount, negative when a minus sign was printed before or after it.
        var money: Money
        /// Whether a minus sign was seen (`-1.00`, `1.00-`).
        var negative: Bool
        /// Another reading to try when the figures do not add up: `71.00` as `1.00`, for a
        /// minus sign that OCR read as a `7` after leader dots.
        var alternative: Money?
    }

    /// Reads the numbers of a receipt line from OCR tokens: money (exactly two decimals),
    /// quantities and unit prices (up to three).
    ///
    /// OCR confusions are repaired only inside a token that is already mostly a number, so that
    /// `O`→`0` never touches a product name: `3.4S` is 3.45, `l2.99` is 12.99. A number without
    /// its decimal separator (`349`) is not guessed: it is not an amount.
    enum AmountReader {
        /// Letters OCR produces for digits, repaired only inside numeric tokens.
        static let digitLookalikes: [Character: Character] = [
            "O": "0", "o": "0",
            "l": "1", "I": "1", "|": "1", "i": "1", "!": "1",
            "S": "5", "s": "5", "B": "8", "Z": "2", "z": "2",
        ]

        /// Minus signs as OCR prints them.
        static let minusSigns: Set<Character> = ["-", "–", "—", "−", "~"]

        /// Stray marks OCR puts before or after a number: quotes, guillemets, brackets, equals.
        static let strayMarks: Set<Character> = ["«", "»", "\"", "'", "“", "”", "‘", "’", "`", "=", "+", ":", ";", "*",
                                                 "(", ")", "[", "]", "{", "}", "|", "_"]

        static let currencySymbols: Set<Character> = ["$", "€", "£", "¥"]

        /// The money amount `token` stands for, or `nil` when it is not one.
        ///
        /// Accepts `3.49`, `3,49`, `$3.49`, `€3,49`, `-1.00`, `1.00-`, `1,234.56`, `1.234,56` and
        /// a third decimal taken as a misread flag (`2,144`). Rejects `349`, `14.03.2025`, `2.0`.
        static func money(_ token: Substring) -> ReadAmount? {
            // Every amount has a digit, and one look-alike at most stands for one ("3.4S"): a
            // token without a digit (a tax flag, a word) is no amount. Checked bytewise first.
            guard token.utf8.contains(where: { $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
            if let plain = plainMoney(token) { return plain }
            var chars = Array(token)
            // "(1.00)": the accountant's negative.
            var negative = chars.count > 2 && chars.first == "(" && chars.last == ")"
            // Peel marks, signs and symbols from both ends, in any order. Any mark that is not a
            // digit, letter, sign or decimal separator is OCR debris ("§=€6,50", "«7,99").
            while let first = chars.first, !first.isASCIIDigit, first != ".", first != "," {
                // A leading S before digits is a dollar sign (dropped like one) more often than a 5.
                if minusSigns.contains(first) { negative = true }
                else if first.isLetter, !(first == "S" && chars.count > 1 && chars[1].isASCIIDigit) { break }
                chars.removeFirst()
            }
            stripCurrencyPrefix(&chars)
            stripFlag(&chars)
            while let last = chars.last, !last.isASCIIDigit {
                if minusSigns.contains(last) { negative = true }
                else if last.isLetter { break }
                // "3.95," keeps its own separator.
                else if last == "." || last == ",", !chars.dropLast().contains(where: { $0 == "." || $0 == "," }) { break }
                chars.removeLast()
            }
            guard let body = repairedDigits(chars) else { return nil }
            guard let separator = body.lastIndex(where: { $0 == "." || $0 == "," }) else { return nil }
            let decimals = body[(separator + 1)...]
            guard decimals.count == 2 || decimals.count == 3 else { return nil }
            guard let whole = wholePart(body[..<separator], decimalSeparator: body[separator]) else { return nil }
            // Receipt amounts stay far below this; longer digit runs are codes, not prices.
            guard whole.count <= 9 else { return nil }
            let centsText = String(decimals.prefix(2))
            guard let units = Int64(whole.isEmpty ? "0" : whole), let fraction = Int64(centsText) else { return nil }
            let cents = units * 100 + fraction
            guard let money = Money(cents: negative ? -cents : cents) else { return nil }
            var read = ReadAmount(money: money, negative: negative)
            if !negative, whole.count >= 2, whole.first == "7", let rest = Int64(whole.dropFirst()),
               let other = Money(cents: rest * 100 + fraction) {
                read.alternative = other
            }
            return read
        }

        /// The common case on bytes: `2.07`, `13,49` (1–9 digits, a separator, two digits, nothing
        /// else), read exactly as ``money(_:)`` would; nil for anything else.
        private static func plainMoney(_ token: Substring) -> ReadAmount? {
            let bytes = token.utf8
            let count = bytes.count
            guard count >= 4, count <= 12 else { return nil }
            var units: Int64 = 0, cents: Int64 = 0, first: UInt8 = 0
            for (i, byte) in bytes.enumerated() {
                let isDigit = byte >= 0x30 && byte <= 0x39
                if i == count - 3 {
                    guard byte == 0x2E || byte == 0x2C else { return nil }
                } else {
                    guard isDigit else { return nil }
                    if i == 0 { first = byte }
                    if i < count - 3 { units = units * 10 + Int64(byte - 0x30) } else { cents = cents * 10 + Int64(byte - 0x30) }
                }
            }
            guard let money = Money(cents: units * 100 + cents) else { return nil }
            var read = ReadAmount(money: money, negative: false)
            let wholeDigits = count - 3
            if wholeDigits >= 2, first == 0x37 {
                var rest: Int64 = 0
                for byte in bytes.dropFirst().prefix(wholeDigits - 1) { rest = rest * 10 + Int64(byte - 0x30) }
                read.alternative = Money(cents: rest * 100 + cents)
            }
            return read
        }

        /// Letter prefixes that stand for a currency before an amount: `RM9.00`, `USD12.00`.
        /// None is the start of another, so the order in which they are tried does not matter.
        private static let currencyPrefixes: [String] = CurrencyReader.isoCodes.sorted() + ["RM", "Rs", "kr", "Fr"]

        private static func stripCurrencyPrefix(_ chars: inout [Character]) {
            for prefix in currencyPrefixes where chars.count > prefix.count + 2 && chars.starts(with: prefix) {
                let next = chars[prefix.count]
                guard next.isASCIIDigit || next == "$" || next == "." else { continue }
                chars.removeFirst(prefix.count)
                if chars.first == "$" { chars.removeFirst() }
                return
            }
        }

        /// Drops a tax flag fused to the price, `7.49A`, `4.25T` or `4.00-A`: one capital letter
        /// right after two decimals (and a minus). `3.4S` keeps its S, which is a misread 5.
        private static func stripFlag(_ chars: inout [Character]) {
            // "4.00-A": the flag after a trailing minus.
            let signed = chars.count >= 2 && chars[chars.count - 2] == "-" ? 1 : 0
            let n = chars.count - signed
            guard n >= 5, let last = chars.last, last.isUppercase,
                  chars[n - 2].isASCIIDigit, chars[n - 3].isASCIIDigit, chars[n - 4] == "." || chars[n - 4] == "," else { return }
            chars.removeLast()
        }

        /// A quantity or unit price: `2`, `0.452`, `1,105`, `3.459`, `2.99`. Whole numbers are
        /// accepted only when `allowWhole` (a count), never for a unit price.
        static func number(_ token: Substring, allowWhole: Bool) -> ReceiptNumber? {
            if let plain = plainNumber(token, allowWhole: allowWhole) { return plain }
            var chars = Array(token)
            while let first = chars.first, currencySymbols.contains(first) || strayMarks.contains(first) { chars.removeFirst() }
            while let last = chars.last, strayMarks.contains(last) { chars.removeLast() }
            guard let body = repairedDigits(chars) else { return nil }
            let separators = body.indices.filter { body[$0] == "." || body[$0] == "," }
            guard separators.count <= 1 else { return nil }
            guard let separator = separators.first else {
                guard allowWhole, body.count <= 4, let whole = Int64(String(body)) else { return nil }
                return ReceiptNumber(thousandths: whole * 1000)
            }
            let whole = body[..<separator]
            let fraction = body[(separator + 1)...]
            guard whole.count <= 7, (1...3).contains(fraction.count) else { return nil }
            guard let units = Int64(whole.isEmpty ? "0" : String(whole)),
                  let part = Int64(String(fraction) + String(repeating: "0", count: 3 - fraction.count)) else { return nil }
            return ReceiptNumber(thousandths: units * 1000 + part)
        }

        /// The common case on bytes: `3`, `0.452`, `2,99` (digits, and at most one separator
        /// followed by one to three digits), read exactly as ``number(_:allowWhole:)`` would;
        /// nil for anything else, which then takes the general path.
        private static func plainNumber(_ token: Substring, allowWhole: Bool) -> ReceiptNumber? {
            var whole: Int64 = 0, fraction: Int64 = 0
            var wholeDigits = 0, fractionDigits = 0, separators = 0
            for byte in token.utf8 {
                if byte == 0x2E || byte == 0x2C {
                    separators += 1
                    guard separators == 1 else { return nil }
                } else if byte >= 0x30 && byte <= 0x39 {
                    if separators == 0 { whole = whole * 10 + Int64(byte - 0x30); wholeDigits += 1 }
                    else { fraction = fraction * 10 + Int64(byte - 0x30); fractionDigits += 1 }
                    guard wholeDigits <= 7, fractionDigits <= 3 else { return nil }
                } else {
                    return nil
                }
            }
            guard wholeDigits >= 1 else { return nil }
            if separators == 0 {
                guard allowWhole, wholeDigits <= 4 else { return nil }
                return ReceiptNumber(thousandths: whole * 1000)
            }
            guard fractionDigits >= 1 else { return nil }
            for _ in fractionDigits..<3 { fraction *= 10 }
            return ReceiptNumber(thousandths: whole * 1000 + fraction)
        }

        /// `chars` with letter look-alikes turned into digits, when the token is a number with
        /// at most a couple of misread characters; `nil` when it is not numeric.
        private static func repairedDigits(_ chars: [Character]) -> [Character]? {
            guard !chars.isEmpty, chars.count <= 24 else { return nil }
            let digitCount = chars.count(where: { $0.isASCIIDigit })
            guard digitCount >= 1 else { return nil }
            var repairs = 0
            var out: [Character] = []
            out.reserveCapacity(chars.count)
            for c in chars {
                if c.isASCIIDigit || c == "." || c == "," {
                    out.append(c)
                } else if let digit = digitLookalikes[c] {
                    out.append(digit)
                    repairs += 1
                } else {
                    return nil
                }
            }
            guard repairs <= 1 || repairs * 2 < digitCount else { return nil }
            return out
        }

        /// The digits before the decimal separator, without thousands separators (`1,234` or
        /// `1.234`): `nil` when a group is not three digits, as in a date.
        private static func wholePart(_ part: ArraySlice<Character>, decimalSeparator: Character) -> String? {
            if part.allSatisfy(\.isASCIIDigit) { return String(part) }
            let groups = part.split(separator: decimalSeparator == "." ? "," : ".", omittingEmptySubsequences: false)
            guard !groups.contains(where: { $0.contains(decimalSeparator) }) else { return nil }
            if groups.count > 1 {
                guard let head = groups.first, (1...3).contains(head.count),
                      groups.dropFirst().allSatisfy({ $0.count == 3 }) else { return nil }
            }
            return String(groups.joined())
        }
    }
}

extension Character {
    /// `0`–`9` only; much cheaper than `isNumber`, which consults Unicode tables, and what a
    /// receipt's figures are made of.
    var isASCIIDigit: Bool {
        guard let ascii = asciiValue else { return false }
        return ascii >= 0x30 && ascii <= 0x39
    }
}
