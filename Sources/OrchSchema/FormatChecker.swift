/// Checks strings against the formats of JSON Schema's `format` keyword (draft 2020-12 and draft-07 definitions).
///
/// Every known format is a hand-written parser over the string's UTF-8 bytes that follows the grammar
/// the JSON Schema specification points to:
///
/// | format | grammar |
/// | --- | --- |
/// | `date-time`, `date`, `time` | RFC 3339 §5.6 `date-time`, `full-date`, `full-time`, with real calendar limits |
/// | `duration` | RFC 3339 Appendix A `duration` |
/// | `email` | RFC 5321 §4.1.2 `Mailbox` |
/// | `hostname` | RFC 1123 §2.1, with `xn--` labels checked as IDNA2008 A-labels (RFC 5890–5893) |
/// | `ipv4`, `ipv6` | RFC 2673 dotted quad, RFC 4291 §2.2 |
/// | `uri`, `uri-reference` | RFC 3986 `URI`, `URI-reference` |
/// | `uri-template` | RFC 6570 `URI-Template` |
/// | `uuid` | RFC 4122 string representation |
/// | `json-pointer`, `relative-json-pointer` | RFC 6901, draft-bhutton-relative-json-pointer-00 |
///
/// Formats it does not know (including `regex`, `idn-email`, `idn-hostname`, `iri` and `iri-reference`)
/// yield `nil`, never a failure.
enum FormatChecker {
    /// Whether `value` conforms to `format`; `nil` when the format is not one this checker knows
    /// (unknown formats are never an error).
    static func check(_ format: String, _ value: String) -> Bool? {
        let test: (Bytes) -> Bool
        switch format {
        case "date-time": test = isDateTime
        case "date": test = isDate
        case "time": test = isTime
        case "duration": test = isDuration
        case "email": test = isEmail
        case "hostname": test = isHostname
        case "ipv4": test = { isIPv4($0) }
        case "ipv6": test = { isIPv6($0) }
        case "uri": test = { isURI($0, requireScheme: true) }
        case "uri-reference": test = { isURI($0, requireScheme: false) }
        case "uri-template": test = isURITemplate
        case "uuid": test = isUUID
        case "json-pointer": test = isJSONPointer
        case "relative-json-pointer": test = isRelativeJSONPointer
        default: return nil
        }
        var value = value
        return value.withUTF8(test)
    }
}

extension FormatChecker {
    /// The UTF-8 bytes of the value under test.
    typealias Bytes = UnsafeBufferPointer<UInt8>
}

// MARK: - Byte helpers

extension FormatChecker {
    /// The byte at `i`, or 0 past either end (NUL never matches a delimiter the parsers look for).
    @inline(__always)
    static func byte(_ s: Bytes, _ i: Int) -> UInt8 {
        i >= 0 && i < s.count ? s[i] : 0
    }

    @inline(__always)
    static func isDigit(_ c: UInt8) -> Bool {
        c &- 0x30 < 10
    }

    @inline(__always)
    static func isAlpha(_ c: UInt8) -> Bool {
        (c | 0x20) &- 0x61 < 26
    }

    @inline(__always)
    static func isHexDigit(_ c: UInt8) -> Bool {
        isDigit(c) || (c | 0x20) &- 0x61 < 6
    }

    /// ASCII letters folded to lower case; other bytes unchanged.
    @inline(__always)
    static func lowercased(_ c: UInt8) -> UInt8 {
        isAlpha(c) ? c | 0x20 : c
    }

    /// The value of exactly `count` ASCII digits starting at `i`, or `nil`.
    static func number(_ s: Bytes, _ i: Int, _ count: Int) -> Int? {
        guard i >= 0, i + count <= s.count else { return nil }
        var value = 0
        for k in i..<(i + count) {
            guard isDigit(s[k]) else { return nil }
            value = value * 10 + Int(s[k] &- 0x30)
        }
        return value
    }

    /// Whether `s[i...]` starts with a well-formed percent-encoding `"%" HEXDIG HEXDIG`.
    @inline(__always)
    static func isPercentEncoded(_ s: Bytes, _ i: Int) -> Bool {
        byte(s, i) == UInt8(ascii: "%") && isHexDigit(byte(s, i + 1)) && isHexDigit(byte(s, i + 2))
    }

    /// Whether every byte of `s[from..<to]` is in `allowed` or starts a percent-encoding (when `percent`).
    static func scan(_ s: Bytes, _ from: Int, _ to: Int, _ allowed: ASCIISet, percent: Bool = true) -> Bool {
        var i = from
        while i < to {
            if allowed.contains(s[i]) {
                i += 1
            } else if percent, i + 2 < to, isPercentEncoded(s, i) {
                i += 3
            } else {
                return false
            }
        }
        return true
    }

    /// The Unicode scalar value whose UTF-8 encoding starts at `i`, and that encoding's length.
    /// `s` comes from a `String`, so it is well-formed UTF-8.
    static func scalar(_ s: Bytes, _ i: Int) -> (value: UInt32, length: Int) {
        let lead = UInt32(s[i])
        let length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
        var value = length == 1 ? lead : lead & (0x7F >> UInt32(length))
        for k in 1..<length {
            value = value << 6 | UInt32(s[i + k] & 0x3F)
        }
        return (value, length)
    }
}

extension FormatChecker {
    /// A set of ASCII bytes as a 128-bit mask.
    struct ASCIISet: Sendable {
        var low: UInt64 = 0
        var high: UInt64 = 0

        init(_ members: String, letters: Bool = false, digits: Bool = false) {
            for c in members.utf8 { insert(c) }
            if letters {
                for c in UInt8(ascii: "A")...UInt8(ascii: "Z") { insert(c); insert(c | 0x20) }
            }
            if digits {
                for c in UInt8(ascii: "0")...UInt8(ascii: "9") { insert(c) }
            }
        }

        private mutating func insert(_ c: UInt8) {
            if c < 64 { low |= 1 << UInt64(c) } else { high |= 1 << UInt64(c - 64) }
        }

        @inline(__always)
        func contains(_ c: UInt8) -> Bool {
            c < 64 ? low & (1 << UInt64(c)) != 0 : c < 128 && high & (1 << UInt64(c - 64)) != 0
        }
    }
}

// MARK: - Dates and times (RFC 3339)

extension FormatChecker {
    static func isDateTime(_ s: Bytes) -> Bool {
        isFullDate(s, at: 0) && (byte(s, 10) | 0x20) == UInt8(ascii: "t") && isFullTime(s, from: 11)
    }

    static func isDate(_ s: Bytes) -> Bool {
        s.count == 10 && isFullDate(s, at: 0)
    }

    static func isTime(_ s: Bytes) -> Bool {
        isFullTime(s, from: 0)
    }

    /// `full-date = date-fullyear "-" date-month "-" date-mday` in `s[i..<i + 10]`, with real month lengths.
    static func isFullDate(_ s: Bytes, at i: Int) -> Bool {
        guard let year = number(s, i, 4), byte(s, i + 4) == UInt8(ascii: "-"),
              let month = number(s, i + 5, 2), byte(s, i + 7) == UInt8(ascii: "-"),
              let day = number(s, i + 8, 2)
        else { return false }
        guard month >= 1, month <= 12, day >= 1 else { return false }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let length = switch month {
        case 2: leap ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
        return day <= length
    }

    /// `full-time = partial-time time-offset` in `s[start...]`. A leap second (`:60`) is accepted only
    /// where the time, moved to UTC by its offset, is 23:59.
    static func isFullTime(_ s: Bytes, from start: Int) -> Bool {
        guard let hour = number(s, start, 2), hour <= 23, byte(s, start + 2) == UInt8(ascii: ":"),
              let minute = number(s, start + 3, 2), minute <= 59, byte(s, start + 5) == UInt8(ascii: ":"),
              let second = number(s, start + 6, 2), second <= 60
        else { return false }
        var i = start + 8
        if byte(s, i) == UInt8(ascii: ".") {
            i += 1
            let digits = i
            while isDigit(byte(s, i)) { i += 1 }
            guard i > digits else { return false }
        }
        var offset = 0  // minutes east of UTC
        switch byte(s, i) {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            i += 1
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            guard let offsetHour = number(s, i + 1, 2), offsetHour <= 23, byte(s, i + 3) == UInt8(ascii: ":"),
                  let offsetMinute = number(s, i + 4, 2), offsetMinute <= 59
            else { return false }
            offset = (offsetHour * 60 + offsetMinute) * (s[i] == UInt8(ascii: "+") ? 1 : -1)
            i += 6
        default:
            return false
        }
        guard i == s.count else { return false }
        if second == 60 {
            let utcMinute = ((hour * 60 + minute - offset) % 1440 + 1440) % 1440
            return utcMinute == 23 * 60 + 59
        }
        return true
    }

    /// RFC 3339 Appendix A:
    /// `duration = "P" (dur-date / dur-time / dur-week)`, where the date units run Y, M, D and the time
    /// units H, M, S, each group contiguous (e.g. `P1Y2D` and `PT1H2S` are not durations). Designators
    /// are matched case-insensitively, as ABNF string literals are (RFC 5234 §2.3).
    static func isDuration(_ s: Bytes) -> Bool {
        guard (byte(s, 0) | 0x20) == UInt8(ascii: "p") else { return false }
        var i = 1
        var lastDateUnit = -1
        while isDigit(byte(s, i)) {
            guard let unit = durationElement(s, &i) else { return false }
            if unit == UInt8(ascii: "w") {
                return lastDateUnit < 0 && i == s.count
            }
            guard let index = durationUnitIndex(unit, in: "ymd"),
                  lastDateUnit < 0 || index == lastDateUnit + 1
            else { return false }
            lastDateUnit = index
        }
        if i == s.count { return lastDateUnit >= 0 }
        guard (s[i] | 0x20) == UInt8(ascii: "t") else { return false }
        i += 1
        var lastTimeUnit = -1
        while i < s.count {
            guard isDigit(s[i]), let unit = durationElement(s, &i),
                  let index = durationUnitIndex(unit, in: "hms"),
                  lastTimeUnit < 0 || index == lastTimeUnit + 1
            else { return false }
            lastTimeUnit = index
        }
        return lastTimeUnit >= 0
    }

    /// Reads `1*DIGIT designator` at `i`, returning the designator in lower case.
    static func durationElement(_ s: Bytes, _ i: inout Int) -> UInt8? {
        while isDigit(byte(s, i)) { i += 1 }
        guard i < s.count, isAlpha(s[i]) else { return nil }
        i += 1
        return s[i - 1] | 0x20
    }

    static func durationUnitIndex(_ unit: UInt8, in units: StaticString) -> Int? {
        for k in 0..<units.utf8CodeUnitCount where units.utf8Start[k] == unit {
            return k
        }
        return nil
    }
}

// MARK: - E-mail (RFC 5321 §4.1.2 Mailbox)

extension FormatChecker {
    /// `atext` of RFC 5322 §3.2.3.
    static let atext = ASCIISet("!#$%&'*+-/=?^_`{|}~", letters: true, digits: true)

    /// `Mailbox = Local-part "@" ( Domain / address-literal )`.
    static func isEmail(_ s: Bytes) -> Bool {
        guard let at = localPartEnd(s), at < s.count, s[at] == UInt8(ascii: "@") else { return false }
        let domain = Bytes(rebasing: s[(at + 1)...])
        guard domain.first == UInt8(ascii: "[") else { return isHostname(domain) }
        guard domain.count >= 2, domain.last == UInt8(ascii: "]") else { return false }
        return isAddressLiteral(Bytes(rebasing: domain[1..<(domain.count - 1)]))
    }

    /// The index just past `Local-part = Dot-string / Quoted-string` at the start of `s`.
    static func localPartEnd(_ s: Bytes) -> Int? {
        var i = 0
        if byte(s, 0) == UInt8(ascii: "\"") {
            // Quoted-string = DQUOTE *QcontentSMTP DQUOTE
            i = 1
            while i < s.count {
                switch s[i] {
                case UInt8(ascii: "\""):
                    return i + 1
                case UInt8(ascii: "\\"):  // quoted-pairSMTP = %d92 %d32-126
                    guard (32...126).contains(byte(s, i + 1)) else { return nil }
                    i += 2
                case 32...126:  // qtextSMTP = %d32-33 / %d35-91 / %d93-126
                    i += 1
                default:
                    return nil
                }
            }
            return nil
        }
        // Dot-string = Atom *("." Atom)
        var atomLength = 0
        while i < s.count, s[i] != UInt8(ascii: "@") {
            if s[i] == UInt8(ascii: ".") {
                guard atomLength > 0 else { return nil }
                atomLength = 0
            } else {
                guard atext.contains(s[i]) else { return nil }
                atomLength += 1
            }
            i += 1
        }
        return atomLength > 0 ? i : nil
    }

    /// The inside of `address-literal = "[" ( IPv4-address-literal / IPv6-address-literal ) "]"`.
    /// General-address-literal is refused: IANA registers no standardized tag but `IPv6`.
    static func isAddressLiteral(_ s: Bytes) -> Bool {
        if s.count > 5, (s[0] | 0x20) == UInt8(ascii: "i"), (s[1] | 0x20) == UInt8(ascii: "p"),
           (s[2] | 0x20) == UInt8(ascii: "v"), s[3] == UInt8(ascii: "6"), s[4] == UInt8(ascii: ":") {
            return isIPv6(Bytes(rebasing: s[5...]), smtp: true)
        }
        return isIPv4(s, smtp: true)
    }
}

// MARK: - IP addresses

extension FormatChecker {
    /// A dotted quad of decimal octets 0–255. `smtp` allows RFC 5321's `Snum` leading zeros;
    /// otherwise each octet is an RFC 3986 `dec-octet` (no leading zeros).
    static func isIPv4(_ s: Bytes, smtp: Bool = false) -> Bool {
        var i = 0
        for part in 0..<4 {
            if part > 0 {
                guard byte(s, i) == UInt8(ascii: "."), i < s.count else { return false }
                i += 1
            }
            let start = i
            var value = 0
            while i < s.count, isDigit(s[i]), i - start < 3 {
                value = value * 10 + Int(s[i] &- 0x30)
                i += 1
            }
            let length = i - start
            guard length > 0, value <= 255, smtp || length == 1 || s[start] != UInt8(ascii: "0") else {
                return false
            }
        }
        return i == s.count
    }

    /// The text forms of RFC 4291 §2.2 (RFC 3986 `IPv6address`): eight groups of 1–4 hex digits, at most
    /// one `::` standing for one or more zero groups, optionally ending in a dotted-quad for the last two.
    /// `smtp` applies RFC 5321 §4.1.3 instead: `::` stands for at least two groups, and the dotted quad
    /// is an `IPv4-address-literal`.
    static func isIPv6(_ s: Bytes, smtp: Bool = false) -> Bool {
        var groups = 0
        var compressed = false
        var i = 0
        if byte(s, 0) == UInt8(ascii: ":") {
            guard byte(s, 1) == UInt8(ascii: ":") else { return false }
            compressed = true
            i = 2
        }
        while i < s.count {
            let start = i
            while i < s.count, isHexDigit(s[i]) { i += 1 }
            if i < s.count, s[i] == UInt8(ascii: ".") {
                guard isIPv4(Bytes(rebasing: s[start...]), smtp: smtp) else { return false }
                groups += 2
                break
            }
            guard (1...4).contains(i - start) else { return false }
            groups += 1
            if i == s.count { break }
            guard s[i] == UInt8(ascii: ":"), i + 1 < s.count else { return false }
            i += 1
            if s[i] == UInt8(ascii: ":") {
                guard !compressed else { return false }
                compressed = true
                i += 1
            }
        }
        return compressed ? groups <= (smtp ? 6 : 7) : groups == 8
    }
}

// MARK: - UUIDs and JSON pointers

extension FormatChecker {
    /// RFC 4122 §3: `8HEXDIG "-" 4HEXDIG "-" 4HEXDIG "-" 4HEXDIG "-" 12HEXDIG`, any case, any version.
    static func isUUID(_ s: Bytes) -> Bool {
        guard s.count == 36 else { return false }
        for (i, c) in s.enumerated() {
            let isHyphenPosition = i == 8 || i == 13 || i == 18 || i == 23
            guard isHyphenPosition ? c == UInt8(ascii: "-") : isHexDigit(c) else { return false }
        }
        return true
    }

    /// RFC 6901: `json-pointer = *( "/" reference-token )`, where `~` only starts `~0` or `~1`.
    static func isJSONPointer(_ s: Bytes) -> Bool {
        guard let first = s.first else { return true }
        guard first == UInt8(ascii: "/") else { return false }
        var i = 1
        while i < s.count {
            if s[i] == UInt8(ascii: "~") {
                guard byte(s, i + 1) == UInt8(ascii: "0") || byte(s, i + 1) == UInt8(ascii: "1") else { return false }
                i += 2
            } else {
                i += 1
            }
        }
        return true
    }

    /// draft-bhutton-relative-json-pointer-00 (the 2020-12 reference; draft-07's grammar is its subset
    /// without index manipulation): `non-negative-integer [ ("+" / "-") non-negative-integer ]`
    /// followed by `"#"` or a JSON pointer.
    static func isRelativeJSONPointer(_ s: Bytes) -> Bool {
        guard var i = nonNegativeIntegerEnd(s, 0) else { return false }
        if byte(s, i) == UInt8(ascii: "+") || byte(s, i) == UInt8(ascii: "-") {
            guard let end = nonNegativeIntegerEnd(s, i + 1) else { return false }
            i = end
        }
        if byte(s, i) == UInt8(ascii: "#") { return i + 1 == s.count }
        return isJSONPointer(Bytes(rebasing: s[i...]))
    }

    /// The index just past `non-negative-integer = "0" / %x31-39 *DIGIT` at `i`.
    static func nonNegativeIntegerEnd(_ s: Bytes, _ i: Int) -> Int? {
        guard isDigit(byte(s, i)) else { return nil }
        if s[i] == UInt8(ascii: "0") { return i + 1 }
        var end = i + 1
        while isDigit(byte(s, end)) { end += 1 }
        return end
    }
}
