extension LineItemParser {
    /// Finds the purchase date on a receipt and writes it as ISO 8601 (`2025-03-14`).
    ///
    /// Reads `2025-03-14`, `2025/03/14`, `14.03.2025`, `03/14/2025`, `03-14-25`, `Mar 3, 2025`,
    /// `3 March 2025` and `03-Mar-2025`. Numeric dates are ambiguous, so: a dotted date is
    /// day-first (as in Europe); a slashed or dashed one is month-first unless its first number
    /// cannot be a month (> 12), or the receipt's currency is one whose countries write the day
    /// first (`dayFirst`). Impossible dates (`02/30/2025`) are skipped, not repaired.
    enum DateReader {
        private static let months: [String: Int] = [
            "JAN": 1, "JANUARY": 1, "JANUAR": 1, "JANV": 1, "GEN": 1,
            "FEB": 2, "FEBRUARY": 2, "FEBRUAR": 2, "FEV": 2, "FEVR": 2,
            "MAR": 3, "MARCH": 3, "MRZ": 3, "MAERZ": 3, "MARS": 3, "MARZO": 3,
            "APR": 4, "APRIL": 4, "AVR": 4, "AVRIL": 4,
            "MAY": 5, "MAI": 5, "MAG": 5, "MEI": 5,
            "JUN": 6, "JUNE": 6, "JUNI": 6, "JUIN": 6, "GIU": 6,
            "JUL": 7, "JULY": 7, "JULI": 7, "JUIL": 7, "LUG": 7,
            "AUG": 8, "AUGUST": 8, "AOUT": 8, "AGO": 8,
            "SEP": 9, "SEPT": 9, "SEPTEMBER": 9, "SET": 9,
            "OCT": 10, "OCTOBER": 10, "OKT": 10, "OKTOBER": 10, "OTT": 10,
            "NOV": 11, "NOVEMBER": 11,
            "DEC": 12, "DECEMBER": 12, "DEZ": 12, "DEZEMBER": 12, "DIC": 12,
        ]

        /// The first date in `lines`, as `YYYY-MM-DD`.
        static func firstDate(in lines: [ReceiptLine], dayFirst: Bool) -> String? {
            for line in lines {
                if let date = date(in: line.text, dayFirst: dayFirst) { return date }
            }
            return nil
        }

        /// Whether `text` holds a date (for telling header lines from product names).
        static func containsDate(_ text: String) -> Bool { date(in: text, dayFirst: false) != nil }

        /// The first date written in `text`.
        static func date(in text: String, dayFirst: Bool) -> String? {
            // Every date form has at least four digits (3/1/25); most price lines fewer.
            guard text.utf8.count(where: { $0 >= 0x30 && $0 <= 0x39 }) >= 4 else { return nil }
            return numericDate(in: text, dayFirst: dayFirst) ?? (mayNameAMonth(text) ? namedMonthDate(in: text) : nil)
        }

        /// The first three letters of every month name, upper case.
        private static let monthPrefixes: Set<[UInt8]> = Set(months.keys.map { Array($0.utf8.prefix(3)) })

        /// A cheap byte scan: false when no run of three or more ASCII letters starts like a
        /// month name (most lines), true when one does or the text has non-ASCII letters.
        private static func mayNameAMonth(_ text: String) -> Bool {
            var run: [UInt8] = []
            for byte in text.utf8 {
                if byte >= 0x80 { return true }
                let upper = byte >= 0x61 && byte <= 0x7A ? byte - 32 : byte
                if upper >= 0x41 && upper <= 0x5A {
                    if run.count < 3 { run.append(upper) }
                    continue
                }
                if run.count == 3, monthPrefixes.contains(run) { return true }
                run.removeAll(keepingCapacity: true)
            }
            return run.count == 3 && monthPrefixes.contains(run)
        }

        // MARK: - Numeric dates

        private static func numericDate(in text: String, dayFirst: Bool) -> String? {
            // Runs of digits and separators: "14.03.2025", "03/14/25".
            // Bytewise: every character of a run is ASCII, so a run's bytes are its characters.
            var start = -1
            var index = 0
            for byte in text.utf8 {
                let inRun = (byte >= 0x30 && byte <= 0x39) || byte == 0x2F || byte == 0x2E || byte == 0x2D
                if inRun {
                    if start < 0 { start = index }
                } else if start >= 0 {
                    if index - start >= 6, let date = numericDate(run(text, start, index), dayFirst: dayFirst) { return date }
                    start = -1
                }
                index += 1
            }
            if start >= 0, index - start >= 6, let date = numericDate(run(text, start, index), dayFirst: dayFirst) { return date }
            return nil
        }

        private static func run(_ text: String, _ start: Int, _ end: Int) -> [Character] {
            text.utf8.dropFirst(start).prefix(end - start).map { Character(Unicode.Scalar($0)) }
        }

        private static func numericDate(_ run: [Character], dayFirst: Bool) -> String? {
            guard let separator = run.first(where: { !$0.isASCIIDigit }) else { return nil }
            let parts = run.split(separator: separator, omittingEmptySubsequences: false)
                .map { $0.filter(\.isASCIIDigit) }
            guard parts.count >= 3, parts[0].count >= 1, parts[1].count >= 1, parts[2].count >= 2 else { return nil }
            guard let a = Int(String(parts[0])), let b = Int(String(parts[1])),
                  let c = Int(String(parts[2].prefix(4))) else { return nil }
            if parts[0].count == 4 { return iso(year: a, month: b, day: c) }
            guard parts[0].count <= 2, parts[1].count <= 2, parts[2].count == 2 || parts[2].count == 4 else { return nil }
            let year = parts[2].count == 2 ? 2000 + c : c
            let dayFirstHere: Bool
            if separator == "." { dayFirstHere = true }
            else if a > 12 { dayFirstHere = true }
            else if b > 12 { dayFirstHere = false }
            else { dayFirstHere = dayFirst }
            return dayFirstHere ? iso(year: year, month: b, day: a) : iso(year: year, month: a, day: b)
        }

        // MARK: - Month names

        private static func namedMonthDate(in text: String) -> String? {
            let tokens = text.uppercased().split(whereSeparator: { !($0.isLetter || $0.isASCIIDigit) }).map(String.init)
            for (i, token) in tokens.enumerated() {
                guard let month = months[token] ?? (token.count > 3 ? months[String(token.prefix(3))] : nil) else { continue }
                // "Mar 3, 2025" / "March 3 2025"
                if i + 2 < tokens.count, let day = Int(tokens[i + 1]), let year = year(tokens[i + 2]),
                   let date = iso(year: year, month: month, day: day) { return date }
                // "3 Mar 2025" / "03-Mar-2025"
                if i >= 1, i + 1 < tokens.count, let day = Int(tokens[i - 1]), let year = year(tokens[i + 1]),
                   let date = iso(year: year, month: month, day: day) { return date }
            }
            return nil
        }

        private static func year(_ token: String) -> Int? {
            guard let value = Int(token) else { return nil }
            if token.count == 4 { return value }
            if token.count == 2 { return 2000 + value }
            return nil
        }

        // MARK: - Validation

        private static func iso(year: Int, month: Int, day: Int) -> String? {
            guard (1990...2099).contains(year), (1...12).contains(month), day >= 1,
                  day <= daysIn(month: month, year: year) else { return nil }
            return "\(year)-\(twoDigits(month))-\(twoDigits(day))"
        }

        private static func twoDigits(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

        private static func daysIn(month: Int, year: Int) -> Int {
            switch month {
            case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
            case 4, 6, 9, 11: 30
            default: 31
            }
        }
    }
}
