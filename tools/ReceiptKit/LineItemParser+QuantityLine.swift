import OrchPlan

extension LineItemParser {
    /// A quantity line: `2 x 3.49`, `3 @ 1.25  3.75`, `0.452 kg @ 2.99/kg  1.35`,
    /// `12.345 gal @ 3.459/gal`, and the same after a name on one line (`BANANAS 3 @ 0.69 2.07`).
    ///
    /// Tills print it above or below the product name, with or without the line total; the
    /// parser attaches it to the neighbour whose total equals quantity × unit price (see
    /// ``ReceiptAssembler``). Nothing but the quantity, an optional unit, the separator, the
    /// unit price, an optional `/unit` and the total may be on the line, so that a product name
    /// such as `2X4X8 STUD` is never taken for one.
    struct QuantityLine: Equatable {
        var quantity: ReceiptNumber
        var unitPrice: ReceiptNumber
        /// The line total when printed on this line.
        var total: ReadAmount?

        /// Units of measure printed after a quantity, with OCR's readings of `lb` (`1b`, `Ib`).
        static let units: Set<String> = ["kg", "g", "lb", "lbs", "1b", "ib", "il", "1lb", "oz", "gal", "l", "ltr", "ea", "pc",
                                         "pcs", "st", "stk", "m"]

        /// The separators between quantity and unit price.
        private static let separators: Set<String> = ["@", "x", "X", "×", "*", "at", "AT"]

        /// The line's words split for quantity reading (see `splitTokens`), or nil when no word
        /// holds a separator; computed once per line for ``parse(_:tokens:)`` and
        /// ``parseTrailing(_:tokens:)``.
        static func tokens(of line: ReceiptLine) -> [String]? {
            mayHoldSeparator(line.words) ? splitTokens(line.words) : nil
        }

        /// Reads `line` as a quantity line from its ``tokens(of:)``, or returns `nil`.
        static func parse(_ line: ReceiptLine, tokens: [String]?) -> QuantityLine? {
            guard let tokens else { return nil }
            return parse(tokens[...], amount: line.amount)
        }

        /// A cheap byte scan: false when no word holds `@`, `x`, `X`, `*` or `×` and none is
        /// `at`, so the line cannot be a quantity line (most lines).
        private static func mayHoldSeparator(_ words: [Substring]) -> Bool {
            for word in words {
                if word == "at" || word == "AT" { return true }
                for byte in word.utf8 where byte == 0x40 || byte == 0x78 || byte == 0x58 || byte == 0x2A || byte >= 0x80 {
                    return true
                }
            }
            return false
        }

        /// Reads a name followed by a quantity (`BANANAS 3 @ 0.69  2.07`) as the name's words and
        /// the quantity line, from the line's ``tokens(of:)``; `nil` unless the words start with a name.
        static func parseTrailing(_ line: ReceiptLine, tokens: [String]?) -> (name: [Substring], quantity: QuantityLine)? {
            guard let tokens, tokens.count >= 3 else { return nil }
            for start in 1..<tokens.count where tokens[start].first?.isASCIIDigit == true {
                guard tokens[..<start].contains(where: { $0.contains(where: \.isLetter) }) else { continue }
                if let quantity = parse(tokens[start...], amount: line.amount) {
                    return (tokens[..<start].map { Substring($0) }, quantity)
                }
            }
            return nil
        }

        /// Reads the column layout `MILK  2  3.49  6.98` (or `MILK 3.49 2 6.98`, or `MILK 3.49
        /// 6.98` with the count column missing) as a name and a quantity line. Only when the
        /// arithmetic holds exactly, so that a name ending in a number (`TEABAGS 80`) stays whole.
        static func parseColumns(_ line: ReceiptLine) -> (name: [Substring], quantity: QuantityLine)? {
            guard let total = line.amount, !total.negative, line.words.count >= 2, let last = line.words.last,
                  let lastPrice = price(last) else {
                guard let total = line.amount, !total.negative, line.words.count >= 3 else { return nil }
                // "MILK 3.49 2 6.98"
                let words = line.words
                guard let count = count(words[words.count - 1]), let unit = price(words[words.count - 2]),
                      count.times(unit) == total.money else { return nil }
                return named(Array(words.dropLast(2)), QuantityLine(quantity: count, unitPrice: unit, total: total))
            }
            let words = line.words
            // "MILK 2 3.49 6.98"
            if words.count >= 3, let count = count(words[words.count - 2]), count.times(lastPrice) == total.money {
                return named(Array(words.dropLast(2)), QuantityLine(quantity: count, unitPrice: lastPrice, total: total))
            }
            // "MILK 3.49 6.98": the count is total / unit.
            guard lastPrice.thousandths > 0, total.money.cents * 10 % lastPrice.thousandths == 0 else { return nil }
            let times = total.money.cents * 10 / lastPrice.thousandths
            guard (1...99).contains(times), let count = ReceiptNumber(thousandths: times * 1000) else { return nil }
            return named(Array(words.dropLast()), QuantityLine(quantity: count, unitPrice: lastPrice, total: total))
        }

        private static func named(_ name: [Substring], _ quantity: QuantityLine) -> (name: [Substring], quantity: QuantityLine)? {
            guard name.contains(where: { $0.contains(where: \.isLetter) }) else { return nil }
            return (name, quantity)
        }

        /// A unit price column: two or three decimals.
        private static func price(_ token: Substring) -> ReceiptNumber? {
            guard token.contains(where: { $0 == "." || $0 == "," }) else { return nil }
            return AmountReader.number(token, allowWhole: false)
        }

        /// A count column: a whole number from 1 to 999.
        private static func count(_ token: Substring) -> ReceiptNumber? {
            guard token.count <= 3, token.allSatisfy({ $0.isASCIIDigit }), let n = Int64(token), n > 0 else { return nil }
            return ReceiptNumber(thousandths: n * 1000)
        }

        private static func parse(_ tokens: ArraySlice<String>, amount: ReadAmount?) -> QuantityLine? {
            guard let first = tokens.first, first.first?.isASCIIDigit == true || first.first == "." else { return nil }
            guard let quantity = AmountReader.number(first[...], allowWhole: true), quantity.thousandths > 0 else { return nil }
            var rest = tokens.dropFirst()
            if let unit = rest.first, units.contains(unit.lowercased()) { rest = rest.dropFirst() }
            guard let separator = rest.first, separators.contains(separator) else { return nil }
            rest = rest.dropFirst()
            if let price = rest.first {
                guard let unitPrice = AmountReader.number(price[...], allowWhole: false) else { return nil }
                rest = rest.dropFirst()
                // "3,49 EUR/kg"
                if let code = rest.first, code.count == 3, code.allSatisfy(\.isUppercase), rest.dropFirst().first == "/" {
                    rest = rest.dropFirst()
                }
                if rest.first == "/" { rest = rest.dropFirst(2) }
                var sizeUnit = false
                if let unit = rest.first?.lowercased(), units.contains(unit) || unit == "each" {
                    sizeUnit = unit != "each" && unit != "ea" && unit != "pc" && unit != "pcs"
                    rest = rest.dropFirst()
                }
                // A total that lost its decimal point ("121A") is no total: it is computed instead.
                if rest.count == 1, let last = rest.first, UndottedPrice.cents(in: last[...]) != nil { rest = rest.dropFirst() }
                guard rest.isEmpty else { return nil }
                let line = QuantityLine(quantity: quantity, unitPrice: unitPrice, total: amount)
                // "6X1,5L  3,49" is a pack of six 1.5-litre bottles, not six at 1.50: a unit of
                // measure right after the second number, and a total that is not their product.
                if sizeUnit, let amount, !line.matches(amount.money) { return nil }
                return line
            }
            // "2x 1,15": the unit price was the line's last number, and there is no total.
            guard let price = amount, !price.negative else { return nil }
            return QuantityLine(quantity: quantity, unitPrice: ReceiptNumber(price.money), total: nil)
        }

        /// quantity × unit price, rounded to cents as a till does.
        var computedTotal: Money? { quantity.times(unitPrice) }

        /// Whether `amount` is this line's total: exactly, or once a misread third decimal is
        /// dropped (which ``AmountReader`` already did).
        func matches(_ amount: Money) -> Bool { computedTotal == amount }

        /// The words with `@`, `/` and an `x` between numbers made tokens of their own:
        /// `2x5,50` → `2 x 5,50`, `2@1.25` → `2 @ 1.25`, `2.99/kg` → `2.99 / kg`.
        private static func splitTokens(_ words: [Substring]) -> [String] {
            var out: [String] = []
            for word in words {
                if word.utf8.allSatisfy({ $0 < 0x80 }) {
                    splitASCII(word, into: &out)
                    continue
                }
                var current = ""
                let chars = Array(word)
                for (i, c) in chars.enumerated() {
                    let previousIsDigit = i > 0 && chars[i - 1].isASCIIDigit
                    let nextIsDigitOrEnd = i + 1 == chars.count || chars[i + 1].isASCIIDigit
                    let isTimes = (c == "x" || c == "X" || c == "×") && previousIsDigit && nextIsDigitOrEnd
                        || (c == "x" || c == "X") && i == 0 && chars.count > 1 && chars[1].isASCIIDigit
                    if c == "@" || c == "/" || c == "*" || isTimes {
                        if !current.isEmpty { out.append(current) }
                        out.append(c == "@" || c == "/" ? String(c) : "x")
                        current = ""
                    } else {
                        current.append(c)
                    }
                }
                if !current.isEmpty { out.append(current) }
            }
            return out.flatMap(splitUnit)
        }

        /// `splitTokens` for one ASCII word, on its bytes (the same rules; `×` is not ASCII).
        private static func splitASCII(_ word: Substring, into out: inout [String]) {
            let bytes = Array(word.utf8)
            func isDigit(_ i: Int) -> Bool { bytes[i] >= 0x30 && bytes[i] <= 0x39 }
            var start = 0
            for i in bytes.indices {
                let c = bytes[i]
                let isX = c == 0x78 || c == 0x58
                let isTimes = isX && i > 0 && isDigit(i - 1) && (i + 1 == bytes.count || isDigit(i + 1))
                    || isX && i == 0 && bytes.count > 1 && isDigit(1)
                guard c == 0x40 || c == 0x2F || c == 0x2A || isTimes else { continue }
                if start < i { out.append(String(decoding: bytes[start..<i], as: UTF8.self)) }
                out.append(c == 0x40 ? "@" : c == 0x2F ? "/" : "x")
                start = i + 1
            }
            if start < bytes.count { out.append(String(decoding: bytes[start...], as: UTF8.self)) }
        }

        /// `0.452kg` → `0.452`, `kg`.
        private static func splitUnit(_ token: String) -> [String] {
            guard token.first?.isASCIIDigit == true, let start = token.firstIndex(where: \.isLetter) else { return [token] }
            let unit = String(token[start...])
            guard units.contains(unit.lowercased()) else { return [token] }
            return [String(token[..<start]), unit]
        }
    }
}
