import OrchPlan

extension LineItemParser {
    /// One line of OCR text taken apart: its words, and the amount printed at its end.
    ///
    /// Cleaning removes what a till prints between a name and its price and what OCR makes of
    /// it: dot leaders (`......`, `----`, and the `cece eee` tesseract reads them as), tax flags
    /// after the price (`3.49 F`, `2,58 A`), stray marks (`«7,99`), and a price split by a
    /// space (`3. 49`). Nothing else is guessed here; deciding what the line *is* happens in
    /// ``LineKind``.
    struct ReceiptLine {
        /// Longer lines are cut: no receipt line is this long, and it bounds the work per line.
        static let maxLength = 400

        /// The trimmed text as OCR read it (cut to ``maxLength``).
        let text: String
        /// The words before the amount, leaders and flags removed.
        let words: [Substring]
        /// The amount at the end of the line, if any.
        let amount: ReadAmount?

        init(_ raw: Substring) {
            let cut = raw.prefix(Self.maxLength)
            var tokens: [Substring]
            if cut.utf8.allSatisfy({ $0 < 0x80 }) {
                // ASCII (nearly every line): the same trimming and splitting on the bytes.
                let bytes = cut.utf8
                let isSpace = { (b: UInt8) in b == 0x20 || (b >= 0x09 && b <= 0x0D) }
                let start = bytes.firstIndex(where: { !isSpace($0) }) ?? bytes.endIndex
                let end = bytes.lastIndex(where: { !isSpace($0) }).map(bytes.index(after:)) ?? start
                text = start < end ? String(cut[start..<end]) : ""
                tokens = bytes.split(whereSeparator: { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }).map { Substring($0) }
            } else {
                let start = cut.firstIndex(where: { !$0.isWhitespace }) ?? cut.endIndex
                let end = cut.lastIndex(where: { !$0.isWhitespace }).map(cut.index(after:)) ?? start
                text = start < end ? String(cut[start..<end]) : ""
                tokens = cut.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" })
            }
            let amount = Self.takeAmount(from: &tokens)
            self.amount = amount
            words = Self.withoutLeaders(tokens)
        }

        /// Splits `text` into lines; blank lines are dropped (tesseract's paragraph breaks carry
        /// no meaning on a receipt).
        static func lines(of text: String) -> [ReceiptLine] {
            let raw: [Substring]
            if text.utf8.allSatisfy({ $0 < 0x80 }) {
                // ASCII text (nearly every OCR output): split on the bytes, not on Characters.
                raw = text.utf8.split(whereSeparator: { $0 >= 0x0A && $0 <= 0x0D }).map { Substring($0) }
            } else {
                raw = text.split(whereSeparator: \.isNewline)
            }
            return raw.map { ReceiptLine($0) }.filter { !$0.text.isEmpty }
        }

        // MARK: - The amount at the end

        /// Removes the amount and everything after it (flags, a trailing minus) from `tokens` and
        /// returns it; leaves `tokens` alone when the line does not end with an amount.
        private static func takeAmount(from tokens: inout [Substring]) -> ReadAmount? {
            // The amount is one of the last three tokens; whatever follows it must be flags.
            let lowest = max(0, tokens.count - 3)
            for index in stride(from: tokens.count - 1, through: lowest, by: -1) {
                let after = tokens[(index + 1)...]
                guard after.allSatisfy(isFlag) else { return nil }
                var start = index
                var candidate = tokens[index]
                // "3. 49": a price split after its separator.
                if candidate.count == 2, candidate.allSatisfy(\.isASCIIDigit), index > 0,
                   let previous = tokens[index - 1].last, previous == "." || previous == "," {
                    candidate = tokens[index - 1] + candidate
                    start = index - 1
                }
                guard var read = AmountReader.money(candidate) else { continue }
                // A lone sign or symbol token just before: "- 1.00", "$ 3.49".
                if start > 0 {
                    let before = tokens[start - 1]
                    if before.count == 1, let mark = before.first {
                        if AmountReader.minusSigns.contains(mark) {
                            read = negated(read)
                            start -= 1
                        } else if AmountReader.currencySymbols.contains(mark) {
                            start -= 1
                        }
                    }
                }
                if after.contains(where: { $0.count == 1 && $0.first.map(AmountReader.minusSigns.contains) == true }) {
                    read = negated(read)
                }
                // A line that is only a number ("2.07") still counts: a price on its own line.
                tokens.removeSubrange(start...)
                return read
            }
            return nil
        }

        private static func negated(_ read: ReadAmount) -> ReadAmount {
            guard !read.negative, let money = Money(cents: -read.money.cents) else { return read }
            var copy = read
            copy.money = money
            copy.negative = true
            copy.alternative = nil
            return copy
        }

        /// A tax or department flag printed after the price (`F`, `T`, `N`, `A`, `TF`, `*`), a
        /// currency code, or a trailing minus sign standing alone.
        private static func isFlag(_ token: Substring) -> Bool {
            if token.count == 3, CurrencyReader.isoCodes.contains(String(token)) {
                return true  // "15,74 EUR"
            }
            guard token.count <= 2 else { return false }
            return token.allSatisfy { $0.isLetter || $0 == "*" || AmountReader.minusSigns.contains($0) }
        }

        // MARK: - Leaders

        /// Marks that mean something on their own: `2 @ 3.49`, `2.99 / kg`, `PET & GARDEN`.
        private static let keptMarks: Set<Character> = ["@", "*", "/", "×", "&", "#", "%"]

        /// The words of the name part, cut where the leader begins.
        ///
        /// A leader starts at the first token containing `..`, made only of punctuation, or (on
        /// an upper-case line) made only of the letters OCR reads dots as. A word fused to its
        /// leader (`BREAD...`) keeps its letters.
        private static func withoutLeaders(_ tokens: [Substring]) -> [Substring] {
            // ASCII letters decide the case of a line; counting them bytewise keeps this cheap.
            var upper = 0, lower = 0
            for byte in tokens.lazy.flatMap(\.utf8) {
                if byte >= 0x41 && byte <= 0x5A { upper += 1 } else if byte >= 0x61 && byte <= 0x7A { lower += 1 }
            }
            let upperCaseLine = upper > lower * 2
            var words: [Substring] = []
            // Whether a kept word has a lower-case letter, kept up to date as words are added.
            var nameHasLowercase = false
            for token in tokens {
                if let dots = doubleDot(in: token) {
                    let head = token[..<dots]
                    let nameIsUpperCase = !words.isEmpty && !nameHasLowercase
                    if head.contains(where: \.isLetter), !(nameIsUpperCase && isLeaderWord(head)) { words.append(head) }
                    if !words.isEmpty { break } else { continue }
                }
                if !hasLetterOrDigit(token) {
                    if token.count == 1, let mark = token.first, keptMarks.contains(mark) {
                        words.append(token)
                        continue
                    }
                    if !words.isEmpty, token.count >= 2 { break }
                    continue
                }
                // Leader letters after capitals: "2% MLK GAL ww cece eee".
                let nameIsUpperCase = !words.isEmpty && !nameHasLowercase
                if (upperCaseLine || nameIsUpperCase), !words.isEmpty, isLeaderWord(token) { break }
                words.append(token)
                nameHasLowercase = nameHasLowercase || hasLowercase(token)
            }
            return words
        }

        /// Where `..` starts in `token`, found bytewise (`firstRange(of:)` is generic and slow).
        private static func doubleDot(in token: Substring) -> Substring.Index? {
            var previousWasDot = false
            var index = token.utf8.startIndex
            while index < token.utf8.endIndex {
                let isDot = token.utf8[index] == 0x2E
                if isDot && previousWasDot { return token.utf8.index(before: index) }
                previousWasDot = isDot
                token.utf8.formIndex(after: &index)
            }
            return nil
        }

        /// `token.contains { $0.isLetter || $0.isASCIIDigit }`, bytewise for ASCII.
        private static func hasLetterOrDigit(_ token: Substring) -> Bool {
            guard token.utf8.allSatisfy({ $0 < 0x80 }) else { return token.contains { $0.isLetter || $0.isASCIIDigit } }
            return token.utf8.contains { ($0 >= 0x30 && $0 <= 0x39) || (($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A) }
        }

        /// `token.contains(where: \.isLowercase)`, bytewise for ASCII.
        private static func hasLowercase(_ token: Substring) -> Bool {
            guard token.utf8.allSatisfy({ $0 < 0x80 }) else { return token.contains(where: \.isLowercase) }
            return token.utf8.contains { $0 >= 0x61 && $0 <= 0x7A }
        }

        /// Letters that tesseract produces for a run of leader dots: `cece eee ee ww vec`.
        private static let leaderBytes = Array("ceoswvrnautimL".utf8)
        /// The leader letters that mark a run of several different ones as a leader.
        private static let markerBytes = Array("cewv".utf8)

        /// Whether `token`, without `.`, `,` and `-`, is two or more leader letters, all the same
        /// or with a marker among them. Decided on the bytes: the leader letters are ASCII, so a
        /// token with any other byte (every non-ASCII one included) is no leader word.
        private static func isLeaderWord(_ token: Substring) -> Bool {
            var count = 0, first: UInt8 = 0, same = true, marker = false
            for byte in token.utf8 where byte != 0x2E && byte != 0x2C && byte != 0x2D {
                guard leaderBytes.contains(byte) else { return false }
                if count == 0 { first = byte } else if byte != first { same = false }
                if markerBytes.contains(byte) { marker = true }
                count += 1
            }
            return count >= 2 && (marker || same)
        }
    }
}
