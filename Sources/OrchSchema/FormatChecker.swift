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
    fileprivate typealias Bytes = UnsafeBufferPointer<UInt8>
}

// MARK: - Byte helpers

extension FormatChecker {
    /// The byte at `i`, or 0 past either end (NUL never matches a delimiter the parsers look for).
    @inline(__always)
    private static func byte(_ s: Bytes, _ i: Int) -> UInt8 {
        i >= 0 && i < s.count ? s[i] : 0
    }

    @inline(__always)
    private static func isDigit(_ c: UInt8) -> Bool {
        c &- 0x30 < 10
    }

    @inline(__always)
    private static func isAlpha(_ c: UInt8) -> Bool {
        (c | 0x20) &- 0x61 < 26
    }

    @inline(__always)
    private static func isHexDigit(_ c: UInt8) -> Bool {
        isDigit(c) || (c | 0x20) &- 0x61 < 6
    }

    /// ASCII letters folded to lower case; other bytes unchanged.
    @inline(__always)
    private static func lowercased(_ c: UInt8) -> UInt8 {
        isAlpha(c) ? c | 0x20 : c
    }

    /// The value of exactly `count` ASCII digits starting at `i`, or `nil`.
    private static func number(_ s: Bytes, _ i: Int, _ count: Int) -> Int? {
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
    private static func isPercentEncoded(_ s: Bytes, _ i: Int) -> Bool {
        byte(s, i) == UInt8(ascii: "%") && isHexDigit(byte(s, i + 1)) && isHexDigit(byte(s, i + 2))
    }

    /// Whether every byte of `s[from..<to]` is in `allowed` or starts a percent-encoding (when `percent`).
    private static func scan(_ s: Bytes, _ from: Int, _ to: Int, _ allowed: ASCIISet, percent: Bool = true) -> Bool {
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
    private static func scalar(_ s: Bytes, _ i: Int) -> (value: UInt32, length: Int) {
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
    fileprivate struct ASCIISet: Sendable {
        private var low: UInt64 = 0
        private var high: UInt64 = 0

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
    private static func isDateTime(_ s: Bytes) -> Bool {
        isFullDate(s, at: 0) && (byte(s, 10) | 0x20) == UInt8(ascii: "t") && isFullTime(s, from: 11)
    }

    private static func isDate(_ s: Bytes) -> Bool {
        s.count == 10 && isFullDate(s, at: 0)
    }

    private static func isTime(_ s: Bytes) -> Bool {
        isFullTime(s, from: 0)
    }

    /// `full-date = date-fullyear "-" date-month "-" date-mday` in `s[i..<i + 10]`, with real month lengths.
    private static func isFullDate(_ s: Bytes, at i: Int) -> Bool {
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
    private static func isFullTime(_ s: Bytes, from start: Int) -> Bool {
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
    private static func isDuration(_ s: Bytes) -> Bool {
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
    private static func durationElement(_ s: Bytes, _ i: inout Int) -> UInt8? {
        while isDigit(byte(s, i)) { i += 1 }
        guard i < s.count, isAlpha(s[i]) else { return nil }
        i += 1
        return s[i - 1] | 0x20
    }

    private static func durationUnitIndex(_ unit: UInt8, in units: StaticString) -> Int? {
        for k in 0..<units.utf8CodeUnitCount where units.utf8Start[k] == unit {
            return k
        }
        return nil
    }
}

// MARK: - E-mail (RFC 5321 §4.1.2 Mailbox)

extension FormatChecker {
    /// `atext` of RFC 5322 §3.2.3.
    private static let atext = ASCIISet("!#$%&'*+-/=?^_`{|}~", letters: true, digits: true)

    /// `Mailbox = Local-part "@" ( Domain / address-literal )`.
    private static func isEmail(_ s: Bytes) -> Bool {
        guard let at = localPartEnd(s), at < s.count, s[at] == UInt8(ascii: "@") else { return false }
        let domain = Bytes(rebasing: s[(at + 1)...])
        guard domain.first == UInt8(ascii: "[") else { return isHostname(domain) }
        guard domain.count >= 2, domain.last == UInt8(ascii: "]") else { return false }
        return isAddressLiteral(Bytes(rebasing: domain[1..<(domain.count - 1)]))
    }

    /// The index just past `Local-part = Dot-string / Quoted-string` at the start of `s`.
    private static func localPartEnd(_ s: Bytes) -> Int? {
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
    private static func isAddressLiteral(_ s: Bytes) -> Bool {
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
    private static func isIPv4(_ s: Bytes, smtp: Bool = false) -> Bool {
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
    private static func isIPv6(_ s: Bytes, smtp: Bool = false) -> Bool {
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

// MARK: - Host names (RFC 1123 §2.1, IDNA2008 A-labels)

extension FormatChecker {
    /// Dot-separated labels of 1–63 letters, digits and hyphens, none starting or ending with a hyphen,
    /// 253 octets in all (no trailing dot). A label starting `xn--` must be a valid A-label.
    private static func isHostname(_ s: Bytes) -> Bool {
        guard !s.isEmpty, s.count <= 253 else { return false }
        var start = 0
        for i in 0...s.count where i == s.count || s[i] == UInt8(ascii: ".") {
            guard isHostLabel(Bytes(rebasing: s[start..<i])) else { return false }
            start = i + 1
        }
        return true
    }

    private static func isHostLabel(_ label: Bytes) -> Bool {
        guard let first = label.first, let last = label.last, label.count <= 63,
              first != UInt8(ascii: "-"), last != UInt8(ascii: "-")
        else { return false }
        for c in label where !(isAlpha(c) || isDigit(c) || c == UInt8(ascii: "-")) {
            return false
        }
        if label.count >= 4, (label[0] | 0x20) == UInt8(ascii: "x"), (label[1] | 0x20) == UInt8(ascii: "n"),
           label[2] == UInt8(ascii: "-"), label[3] == UInt8(ascii: "-") {
            return isALabel(label)
        }
        return true
    }

    /// RFC 5891 §5.3–5.4: the Punycode after `xn--` (taken in lower case) must decode to a valid U-label
    /// that encodes back to the same text.
    private static func isALabel(_ label: Bytes) -> Bool {
        let encoded = label.dropFirst(4).map(lowercased)
        guard let decoded = Punycode.decode(encoded), decoded.contains(where: { $0 >= 0x80 }),
              Punycode.encode(decoded) == encoded
        else { return false }
        return isULabel(decoded.compactMap(Unicode.Scalar.init))
    }

    /// RFC 5891 §4.2.3: NFC; no `--` in the third and fourth positions; no leading or trailing hyphen;
    /// no leading combining mark; every code point PVALID, or CONTEXTJ / CONTEXTO with its RFC 5892
    /// Appendix A rule satisfied; and, for a label with right-to-left characters, the RFC 5893 Bidi rule.
    private static func isULabel(_ label: [Unicode.Scalar]) -> Bool {
        guard let first = label.first, let last = label.last, first != "-", last != "-",
              !(label.count >= 4 && label[2] == "-" && label[3] == "-")
        else { return false }
        switch first.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return false
        default: break
        }
        // The standard library's NFC (the same one `String` comparison uses), without Foundation.
        var text = ""
        text.unicodeScalars.append(contentsOf: label)
        guard text.utf8.elementsEqual(text._nfcCodeUnits) else { return false }
        for position in label.indices {
            switch IDNA.derivedProperty(label[position]) {
            case .pvalid: continue
            case .contextJ: guard IDNA.contextJAllows(label, at: position) else { return false }
            case .contextO: guard IDNA.contextOAllows(label, at: position) else { return false }
            case .disallowed: return false
            }
        }
        return IDNA.satisfiesBidiRule(label)
    }
}

extension FormatChecker {
    /// Punycode (RFC 3492) over code point values.
    fileprivate enum Punycode {
        private static let base = 36, tMin = 1, tMax = 26, skew = 38, damp = 700, initialBias = 72, initialN = 128

        /// Decodes `input` (lower-case ASCII), or `nil` when it is not well-formed Punycode.
        static func decode(_ input: [UInt8]) -> [UInt32]? {
            var output: [UInt32] = []
            var position = 0
            if let delimiter = input.lastIndex(of: UInt8(ascii: "-")) {
                for c in input[..<delimiter] {
                    guard c < 0x80 else { return nil }
                    output.append(UInt32(c))
                }
                position = delimiter + 1
            }
            var n = initialN, i = 0, bias = initialBias
            while position < input.count {
                let oldI = i
                var weight = 1
                var k = base
                while true {
                    guard position < input.count, let digit = digitValue(input[position]) else { return nil }
                    position += 1
                    guard digit <= (Int.max - i) / weight else { return nil }
                    i += digit * weight
                    let t = threshold(k, bias)
                    if digit < t { break }
                    guard weight <= Int.max / (base - t) else { return nil }
                    weight *= base - t
                    k += base
                }
                let length = output.count + 1
                bias = adapt(i - oldI, length, first: oldI == 0)
                guard i / length <= 0x10FFFF - n else { return nil }
                n += i / length
                i %= length
                guard n >= 0x80, !(0xD800...0xDFFF).contains(n) else { return nil }
                output.insert(UInt32(n), at: i)
                i += 1
            }
            return output
        }

        /// Encodes `input` (Unicode scalar values) as lower-case Punycode.
        static func encode(_ input: [UInt32]) -> [UInt8] {
            var output = input.filter { $0 < 0x80 }.map { UInt8($0) }
            let basicCount = output.count
            if basicCount > 0 { output.append(UInt8(ascii: "-")) }
            var n = initialN, delta = 0, bias = initialBias, handled = basicCount
            while handled < input.count {
                let m = Int(input.lazy.filter { Int($0) >= n }.min() ?? 0)
                delta += (m - n) * (handled + 1)
                n = m
                for c in input {
                    if Int(c) < n { delta += 1 }
                    guard Int(c) == n else { continue }
                    var q = delta
                    var k = base
                    while true {
                        let t = threshold(k, bias)
                        if q < t { break }
                        output.append(digitCharacter(t + (q - t) % (base - t)))
                        q = (q - t) / (base - t)
                        k += base
                    }
                    output.append(digitCharacter(q))
                    bias = adapt(delta, handled + 1, first: handled == basicCount)
                    delta = 0
                    handled += 1
                }
                delta += 1
                n += 1
            }
            return output
        }

        private static func threshold(_ k: Int, _ bias: Int) -> Int {
            k <= bias ? tMin : k >= bias + tMax ? tMax : k - bias
        }

        private static func adapt(_ delta: Int, _ count: Int, first: Bool) -> Int {
            var delta = first ? delta / damp : delta / 2
            delta += delta / count
            var k = 0
            while delta > ((base - tMin) * tMax) / 2 {
                delta /= base - tMin
                k += base
            }
            return k + (base - tMin + 1) * delta / (delta + skew)
        }

        private static func digitValue(_ c: UInt8) -> Int? {
            switch c {
            case UInt8(ascii: "a")...UInt8(ascii: "z"): Int(c - UInt8(ascii: "a"))
            case UInt8(ascii: "0")...UInt8(ascii: "9"): Int(c - UInt8(ascii: "0")) + 26
            default: nil
            }
        }

        private static func digitCharacter(_ d: Int) -> UInt8 {
            d < 26 ? UInt8(ascii: "a") + UInt8(d) : UInt8(ascii: "0") + UInt8(d - 26)
        }
    }
}

extension FormatChecker {
    /// IDNA2008 code point classification (RFC 5892 §3), contextual rules (RFC 5892 Appendix A) and Bidi
    /// rule (RFC 5893), derived from the standard library's Unicode properties plus the few tables it
    /// does not expose.
    fileprivate enum IDNA {
        enum DerivedProperty { case pvalid, contextJ, contextO, disallowed }

        /// RFC 5892 §3 derivation (the BackwardCompatible set (G) is empty).
        static func derivedProperty(_ scalar: Unicode.Scalar) -> DerivedProperty {
            let v = scalar.value
            switch v {  // Exceptions (F)
            case 0x00DF, 0x03C2, 0x06FD, 0x06FE, 0x0F0B, 0x3007:
                return .pvalid
            case 0x00B7, 0x0375, 0x05F3, 0x05F4, 0x30FB, 0x0660...0x0669, 0x06F0...0x06F9:
                return .contextO
            case 0x0640, 0x07FA, 0x302E, 0x302F, 0x3031...0x3035, 0x303B:
                return .disallowed
            default:
                break
            }
            let properties = scalar.properties
            if properties.generalCategory == .unassigned { return .disallowed }  // Unassigned (J), noncharacters
            if v == 0x2D || (0x30...0x39).contains(v) || (0x61...0x7A).contains(v) { return .pvalid }  // LDH (H)
            if properties.isJoinControl { return .contextJ }  // JoinControl (I)
            if properties.changesWhenNFKCCaseFolded { return .disallowed }  // Unstable (B)
            if properties.isDefaultIgnorableCodePoint || properties.isWhitespace || properties.isNoncharacterCodePoint {
                return .disallowed  // IgnorableProperties (C)
            }
            if (0x20D0...0x20FF).contains(v) || (0x1D100...0x1D24F).contains(v) {
                return .disallowed  // IgnorableBlocks (D)
            }
            if (0x1100...0x11FF).contains(v) || (0xA960...0xA97F).contains(v) || (0xD7B0...0xD7FF).contains(v) {
                return .disallowed  // OldHangulJamo (E)
            }
            switch properties.generalCategory {  // LetterDigits (A)
            case .lowercaseLetter, .uppercaseLetter, .otherLetter, .decimalNumber, .modifierLetter,
                 .nonspacingMark, .spacingMark:
                return .pvalid
            default:
                return .disallowed
            }
        }

        /// RFC 5892 Appendix A.1 (ZERO WIDTH NON-JOINER) and A.2 (ZERO WIDTH JOINER).
        static func contextJAllows(_ label: [Unicode.Scalar], at position: Int) -> Bool {
            if position > 0, label[position - 1].properties.canonicalCombiningClass == .virama { return true }
            guard label[position].value == 0x200C else { return false }
            // (Joining_Type:{L,D})(Joining_Type:T)*\u200C(Joining_Type:T)*(Joining_Type:{R,D})
            var before = position - 1
            while before >= 0, joiningType(label[before]) == .transparent { before -= 1 }
            guard before >= 0 else { return false }
            let left = joiningType(label[before])
            guard left == .left || left == .dual else { return false }
            var after = position + 1
            while after < label.count, joiningType(label[after]) == .transparent { after += 1 }
            guard after < label.count else { return false }
            let right = joiningType(label[after])
            return right == .right || right == .dual
        }

        /// RFC 5892 Appendix A.3–A.9.
        static func contextOAllows(_ label: [Unicode.Scalar], at position: Int) -> Bool {
            let before = position > 0 ? label[position - 1].value : nil
            let after = position + 1 < label.count ? label[position + 1].value : nil
            switch label[position].value {
            case 0x00B7:  // MIDDLE DOT: between two 'l'
                return before == 0x6C && after == 0x6C
            case 0x0375:  // GREEK LOWER NUMERAL SIGN (KERAIA): followed by Greek
                return after.map { rangeTable(scriptGreek, contains: $0) } ?? false
            case 0x05F3, 0x05F4:  // HEBREW PUNCTUATION GERESH / GERSHAYIM: preceded by Hebrew
                return before.map { rangeTable(scriptHebrew, contains: $0) } ?? false
            case 0x30FB:  // KATAKANA MIDDLE DOT: some Hiragana, Katakana or Han in the label
                return label.contains {
                    rangeTable(scriptHiragana, contains: $0.value) || rangeTable(scriptKatakana, contains: $0.value)
                        || rangeTable(scriptHan, contains: $0.value)
                }
            case 0x0660...0x0669:  // ARABIC-INDIC DIGITS: not mixed with extended ones
                return !label.contains { (0x06F0...0x06F9).contains($0.value) }
            case 0x06F0...0x06F9:  // EXTENDED ARABIC-INDIC DIGITS: not mixed with Arabic-Indic ones
                return !label.contains { (0x0660...0x0669).contains($0.value) }
            default:
                return false
            }
        }

        /// RFC 5893 §2, applied (as RFC 5891 §4.2.3.4 words it) to a label holding a right-to-left character.
        static func satisfiesBidiRule(_ label: [Unicode.Scalar]) -> Bool {
            let classes = label.map(bidiClass)
            guard classes.contains(where: { $0 == .rightToLeft || $0 == .arabicNumber }) else { return true }
            let rightToLeft: Bool
            switch classes[0] {  // 1: the first character is L, R or AL
            case .rightToLeft: rightToLeft = true
            case .leftToRight: rightToLeft = false
            default: return false
            }
            var validEnding = false
            var numberClass: BidiClass?
            for bidi in classes {
                if rightToLeft {
                    // 2: no L; 3: ends in R, AL, EN or AN, then NSMs; 4: not both EN and AN
                    guard bidi != .leftToRight else { return false }
                    switch bidi {
                    case .rightToLeft: validEnding = true
                    case .europeanNumber, .arabicNumber:
                        validEnding = true
                        guard numberClass == nil || numberClass == bidi else { return false }
                        numberClass = bidi
                    case .nonspacingMark: break
                    default: validEnding = false
                    }
                } else {
                    // 5: no R, AL or AN; 6: ends in L or EN, then NSMs
                    guard bidi != .rightToLeft, bidi != .arabicNumber else { return false }
                    switch bidi {
                    case .leftToRight, .europeanNumber: validEnding = true
                    case .nonspacingMark: break
                    default: validEnding = false
                    }
                }
            }
            return validEnding
        }

        /// The RFC 5893 bidi categories, with ES, CS, ET, ON and BN folded into `neutral`.
        private enum BidiClass { case leftToRight, rightToLeft, arabicNumber, europeanNumber, nonspacingMark, neutral }

        /// Unicode `Bidi_Class` for a code point already known to be PVALID, CONTEXTJ or CONTEXTO (among those
        /// the classes are only L, R, AL, AN, EN, ES, ON, BN and NSM).
        private static func bidiClass(_ scalar: Unicode.Scalar) -> BidiClass {
            let v = scalar.value
            switch v {
            case 0x30...0x39, 0x06F0...0x06F9:
                return .europeanNumber
            case 0x0660...0x0669, 0x10D30...0x10D39, 0x10D40...0x10D49:
                return .arabicNumber
            case 0x2D, 0xB7, 0x02B9...0x02BA, 0x02C6...0x02CF, 0x02EC, 0x0375, 0x200C...0x200D, 0x2E2F, 0x30FB,
                 0xA67F, 0xA717...0xA71F, 0xA788:
                return .neutral  // ES, ON, BN
            case 0x0CBF, 0x0CC6, 0x11A07, 0x11A08, 0x11C3F:
                return .leftToRight  // marks whose Bidi_Class is L
            default:
                break
            }
            if rangeTable(bidiRightToLeft, contains: v) { return .rightToLeft }
            switch scalar.properties.generalCategory {
            case .nonspacingMark, .enclosingMark: return .nonspacingMark
            default: return .leftToRight
            }
        }

        private enum JoiningType { case dual, right, left, transparent, other }

        /// Unicode `Joining_Type` (ArabicShaping.txt / DerivedJoiningType.txt): D, R and L from tables; T for
        /// general categories Mn, Me and Cf (the file's default) bar a few listed exceptions; C counts as other.
        private static func joiningType(_ scalar: Unicode.Scalar) -> JoiningType {
            let v = scalar.value
            if rangeTable(joiningD, contains: v) { return .dual }
            if rangeTable(joiningR, contains: v) { return .right }
            if rangeTable(joiningL, contains: v) { return .left }
            if rangeTable(joiningT, contains: v) { return .transparent }
            if rangeTable(joiningNotTransparent, contains: v) { return .other }
            switch scalar.properties.generalCategory {
            case .nonspacingMark, .enclosingMark, .format: return .transparent
            default: return .other
            }
        }


        // The tables below are inclusive [first, last] pairs from Unicode 17.0 (Scripts.txt, ArabicShaping.txt,
        // DerivedBidiClass.txt), cut down to what the rules above consult.
        private static let scriptGreek: [UInt32] = [
            0x370, 0x373, 0x375, 0x377, 0x37A, 0x37D, 0x37F, 0x37F, 0x384, 0x384, 0x386, 0x386, 0x388, 0x38A,
            0x38C, 0x38C, 0x38E, 0x3A1, 0x3A3, 0x3E1, 0x3F0, 0x3FF, 0x1D26, 0x1D2A, 0x1D5D, 0x1D61, 0x1D66, 0x1D6A,
            0x1DBF, 0x1DBF, 0x1F00, 0x1F15, 0x1F18, 0x1F1D, 0x1F20, 0x1F45, 0x1F48, 0x1F4D, 0x1F50, 0x1F57,
            0x1F59, 0x1F59, 0x1F5B, 0x1F5B, 0x1F5D, 0x1F5D, 0x1F5F, 0x1F7D, 0x1F80, 0x1FB4, 0x1FB6, 0x1FC4,
            0x1FC6, 0x1FD3, 0x1FD6, 0x1FDB, 0x1FDD, 0x1FEF, 0x1FF2, 0x1FF4, 0x1FF6, 0x1FFE, 0x2126, 0x2126,
            0xAB65, 0xAB65, 0x10140, 0x1018E, 0x101A0, 0x101A0, 0x1D200, 0x1D245,
        ]
        private static let scriptHebrew: [UInt32] = [
            0x591, 0x5C7, 0x5D0, 0x5EA, 0x5EF, 0x5F4, 0xFB1D, 0xFB36, 0xFB38, 0xFB3C, 0xFB3E, 0xFB3E,
            0xFB40, 0xFB41, 0xFB43, 0xFB44, 0xFB46, 0xFB4F,
        ]
        private static let scriptHiragana: [UInt32] = [
            0x3041, 0x3096, 0x309D, 0x309F, 0x1B001, 0x1B11F, 0x1B132, 0x1B132, 0x1B150, 0x1B152, 0x1F200, 0x1F200,
        ]
        private static let scriptKatakana: [UInt32] = [
            0x30A1, 0x30FA, 0x30FD, 0x30FF, 0x31F0, 0x31FF, 0x32D0, 0x32FE, 0x3300, 0x3357, 0xFF66, 0xFF6F,
            0xFF71, 0xFF9D, 0x1AFF0, 0x1AFF3, 0x1AFF5, 0x1AFFB, 0x1AFFD, 0x1AFFE, 0x1B000, 0x1B000,
            0x1B120, 0x1B122, 0x1B155, 0x1B155, 0x1B164, 0x1B167,
        ]
        private static let scriptHan: [UInt32] = [
            0x2E80, 0x2E99, 0x2E9B, 0x2EF3, 0x2F00, 0x2FD5, 0x3005, 0x3005, 0x3007, 0x3007, 0x3021, 0x3029,
            0x3038, 0x303B, 0x3400, 0x4DBF, 0x4E00, 0x9FFF, 0xF900, 0xFA6D, 0xFA70, 0xFAD9, 0x16FE2, 0x16FE3,
            0x16FF0, 0x16FF6, 0x20000, 0x2A6DF, 0x2A700, 0x2B81D, 0x2B820, 0x2CEAD, 0x2CEB0, 0x2EBE0,
            0x2EBF0, 0x2EE5D, 0x2F800, 0x2FA1D, 0x30000, 0x3134A, 0x31350, 0x33479,
        ]
        private static let joiningD: [UInt32] = [
            0x620, 0x620, 0x626, 0x626, 0x628, 0x628, 0x62A, 0x62E, 0x633, 0x63F, 0x641, 0x647, 0x649, 0x64A,
            0x66E, 0x66F, 0x678, 0x687, 0x69A, 0x6BF, 0x6C1, 0x6C2, 0x6CC, 0x6CC, 0x6CE, 0x6CE, 0x6D0, 0x6D1,
            0x6FA, 0x6FC, 0x6FF, 0x6FF, 0x712, 0x714, 0x71A, 0x71D, 0x71F, 0x727, 0x729, 0x729, 0x72B, 0x72B,
            0x72D, 0x72E, 0x74E, 0x758, 0x75C, 0x76A, 0x76D, 0x770, 0x772, 0x772, 0x775, 0x777, 0x77A, 0x77F,
            0x7CA, 0x7EA, 0x841, 0x845, 0x848, 0x848, 0x84A, 0x853, 0x855, 0x855, 0x860, 0x860, 0x862, 0x865,
            0x868, 0x868, 0x886, 0x886, 0x889, 0x88D, 0x88F, 0x88F, 0x8A0, 0x8A9, 0x8AF, 0x8B0, 0x8B3, 0x8B8,
            0x8BA, 0x8C8, 0x1807, 0x1807, 0x1820, 0x1878, 0x1887, 0x18A8, 0x18AA, 0x18AA, 0xA840, 0xA871,
            0x10AC0, 0x10AC4, 0x10AD3, 0x10AD6, 0x10AD8, 0x10ADC, 0x10ADE, 0x10AE0, 0x10AEB, 0x10AEE,
            0x10B80, 0x10B80, 0x10B82, 0x10B82, 0x10B86, 0x10B88, 0x10B8A, 0x10B8B, 0x10B8D, 0x10B8D,
            0x10B90, 0x10B90, 0x10BAD, 0x10BAE, 0x10D01, 0x10D21, 0x10D23, 0x10D23, 0x10EC3, 0x10EC4,
            0x10EC6, 0x10EC7, 0x10F30, 0x10F32, 0x10F34, 0x10F44, 0x10F51, 0x10F53, 0x10F70, 0x10F73,
            0x10F76, 0x10F81, 0x10FB0, 0x10FB0, 0x10FB2, 0x10FB3, 0x10FB8, 0x10FB8, 0x10FBB, 0x10FBC,
            0x10FBE, 0x10FBF, 0x10FC1, 0x10FC1, 0x10FC4, 0x10FC4, 0x10FCA, 0x10FCA, 0x1E900, 0x1E943,
        ]
        private static let joiningR: [UInt32] = [
            0x622, 0x625, 0x627, 0x627, 0x629, 0x629, 0x62F, 0x632, 0x648, 0x648, 0x671, 0x673, 0x675, 0x677,
            0x688, 0x699, 0x6C0, 0x6C0, 0x6C3, 0x6CB, 0x6CD, 0x6CD, 0x6CF, 0x6CF, 0x6D2, 0x6D3, 0x6D5, 0x6D5,
            0x6EE, 0x6EF, 0x710, 0x710, 0x715, 0x719, 0x71E, 0x71E, 0x728, 0x728, 0x72A, 0x72A, 0x72C, 0x72C,
            0x72F, 0x72F, 0x74D, 0x74D, 0x759, 0x75B, 0x76B, 0x76C, 0x771, 0x771, 0x773, 0x774, 0x778, 0x779,
            0x840, 0x840, 0x846, 0x847, 0x849, 0x849, 0x854, 0x854, 0x856, 0x858, 0x867, 0x867, 0x869, 0x86A,
            0x870, 0x882, 0x88E, 0x88E, 0x8AA, 0x8AC, 0x8AE, 0x8AE, 0x8B1, 0x8B2, 0x8B9, 0x8B9, 0x10AC5, 0x10AC5,
            0x10AC7, 0x10AC7, 0x10AC9, 0x10ACA, 0x10ACE, 0x10AD2, 0x10ADD, 0x10ADD, 0x10AE1, 0x10AE1,
            0x10AE4, 0x10AE4, 0x10AEF, 0x10AEF, 0x10B81, 0x10B81, 0x10B83, 0x10B85, 0x10B89, 0x10B89,
            0x10B8C, 0x10B8C, 0x10B8E, 0x10B8F, 0x10B91, 0x10B91, 0x10BA9, 0x10BAC, 0x10D22, 0x10D22,
            0x10EC2, 0x10EC2, 0x10F33, 0x10F33, 0x10F54, 0x10F54, 0x10F74, 0x10F75, 0x10FB4, 0x10FB6,
            0x10FB9, 0x10FBA, 0x10FBD, 0x10FBD, 0x10FC2, 0x10FC3, 0x10FC9, 0x10FC9,
        ]
        private static let joiningL: [UInt32] = [
            0xA872, 0xA872, 0x10ACD, 0x10ACD, 0x10AD7, 0x10AD7, 0x10D00, 0x10D00, 0x10FCB, 0x10FCB,
        ]
        /// Bidi_Class R or AL, among code points that are PVALID or CONTEXTJ/CONTEXTO.
        private static let bidiRightToLeft: [UInt32] = [
            0x5D0, 0x5EA, 0x5EF, 0x5F4, 0x620, 0x63F, 0x641, 0x64A, 0x66E, 0x66F, 0x671, 0x674, 0x679, 0x6D3,
            0x6D5, 0x6D5, 0x6E5, 0x6E6, 0x6EE, 0x6EF, 0x6FA, 0x6FF, 0x710, 0x710, 0x712, 0x72F, 0x74D, 0x7A5,
            0x7B1, 0x7B1, 0x7C0, 0x7EA, 0x7F4, 0x7F5, 0x800, 0x815, 0x81A, 0x81A, 0x824, 0x824, 0x828, 0x828,
            0x840, 0x858, 0x860, 0x86A, 0x870, 0x887, 0x889, 0x88F, 0x8A0, 0x8C9, 0xFE73, 0xFE73, 0x10800, 0x10805,
            0x10808, 0x10808, 0x1080A, 0x10835, 0x10837, 0x10838, 0x1083C, 0x1083C, 0x1083F, 0x10855,
            0x10860, 0x10876, 0x10880, 0x1089E, 0x108E0, 0x108F2, 0x108F4, 0x108F5, 0x10900, 0x10915,
            0x10920, 0x10939, 0x10940, 0x10959, 0x10980, 0x109B7, 0x109BE, 0x109BF, 0x10A00, 0x10A00,
            0x10A10, 0x10A13, 0x10A15, 0x10A17, 0x10A19, 0x10A35, 0x10A60, 0x10A7C, 0x10A80, 0x10A9C,
            0x10AC0, 0x10AC7, 0x10AC9, 0x10AE4, 0x10B00, 0x10B35, 0x10B40, 0x10B55, 0x10B60, 0x10B72,
            0x10B80, 0x10B91, 0x10C00, 0x10C48, 0x10CC0, 0x10CF2, 0x10D00, 0x10D23, 0x10D4A, 0x10D4F,
            0x10D6F, 0x10D85, 0x10E80, 0x10EA9, 0x10EB0, 0x10EB1, 0x10EC2, 0x10EC7, 0x10F00, 0x10F1C,
            0x10F27, 0x10F27, 0x10F30, 0x10F45, 0x10F70, 0x10F81, 0x10FB0, 0x10FC4, 0x10FE0, 0x10FF6,
            0x1E800, 0x1E8C4, 0x1E922, 0x1E943, 0x1E94B, 0x1E94B, 0x1E950, 0x1E959,
        ]
        /// Explicit `Joining_Type=T` outside Mn, Me and Cf.
        private static let joiningT: [UInt32] = [0x1E94B, 0x1E94B]
        /// Mn, Me and Cf code points whose `Joining_Type` is not T (U or C).
        private static let joiningNotTransparent: [UInt32] = [
            0x600, 0x605, 0x6DD, 0x6DD, 0x890, 0x891, 0x8E2, 0x8E2, 0x180E, 0x180E, 0x200C, 0x200D, 0x2066, 0x2069,
            0x110BD, 0x110BD, 0x110CD, 0x110CD,
        ]

        /// Whether the sorted, inclusive `[first, last, first, last, …]` pairs in `table` cover `value`.
        private static func rangeTable(_ table: [UInt32], contains value: UInt32) -> Bool {
            var low = 0
            var high = table.count / 2
            while low < high {
                let mid = (low + high) / 2
                if value < table[2 * mid] {
                    high = mid
                } else if value > table[2 * mid + 1] {
                    low = mid + 1
                } else {
                    return true
                }
            }
            return false
        }
    }
}

// MARK: - URIs (RFC 3986)

extension FormatChecker {
    private static let unreservedAndSubDelims = ASCIISet("-._~!$&'()*+,;=", letters: true, digits: true)
    /// `userinfo`, and the tail of `IPvFuture`.
    private static let userinfoCharacters = ASCIISet("-._~!$&'()*+,;=:", letters: true, digits: true)
    /// `pchar` and "/".
    private static let pathCharacters = ASCIISet("-._~!$&'()*+,;=:@/", letters: true, digits: true)
    /// `query` and `fragment`.
    private static let queryCharacters = ASCIISet("-._~!$&'()*+,;=:@/?", letters: true, digits: true)
    private static let schemeCharacters = ASCIISet("+-.", letters: true, digits: true)
    private static let schemeEndCandidates = ASCIISet("/?#:")

    /// `URI` when `requireScheme`, else `URI-reference = URI / relative-ref`.
    private static func isURI(_ s: Bytes, requireScheme: Bool) -> Bool {
        // A ':' before any '/', '?' or '#' ends a scheme; a relative-ref's first segment cannot hold one.
        var i = 0
        while i < s.count, !schemeEndCandidates.contains(s[i]) { i += 1 }
        if i < s.count, s[i] == UInt8(ascii: ":") {
            guard i > 0, isAlpha(s[0]), scan(s, 1, i, schemeCharacters, percent: false) else { return false }
            i += 1
        } else {
            guard !requireScheme else { return false }
            i = 0
        }
        var pathEnd = i
        while pathEnd < s.count, s[pathEnd] != UInt8(ascii: "?"), s[pathEnd] != UInt8(ascii: "#") { pathEnd += 1 }
        if byte(s, i) == UInt8(ascii: "/"), byte(s, i + 1) == UInt8(ascii: "/") {
            var authorityEnd = i + 2
            while authorityEnd < pathEnd, s[authorityEnd] != UInt8(ascii: "/") { authorityEnd += 1 }
            guard isAuthority(Bytes(rebasing: s[(i + 2)..<authorityEnd])) else { return false }
            i = authorityEnd
        }
        guard scan(s, i, pathEnd, pathCharacters) else { return false }
        i = pathEnd
        if byte(s, i) == UInt8(ascii: "?") {
            i += 1
            while i < s.count, s[i] != UInt8(ascii: "#") { i += 1 }
            guard scan(s, pathEnd + 1, i, queryCharacters) else { return false }
        }
        return i == s.count || scan(s, i + 1, s.count, queryCharacters)
    }

    /// `authority = [ userinfo "@" ] host [ ":" port ]`.
    private static func isAuthority(_ s: Bytes) -> Bool {
        var hostStart = 0
        if let at = s.firstIndex(of: UInt8(ascii: "@")) {
            guard scan(s, 0, at, userinfoCharacters) else { return false }
            hostStart = at + 1
        }
        var hostEnd = hostStart
        if byte(s, hostStart) == UInt8(ascii: "[") {
            guard let close = s[hostStart...].firstIndex(of: UInt8(ascii: "]")),
                  isIPLiteral(Bytes(rebasing: s[(hostStart + 1)..<close]))
            else { return false }
            hostEnd = close + 1
        } else {
            while hostEnd < s.count, s[hostEnd] != UInt8(ascii: ":") { hostEnd += 1 }
            guard scan(s, hostStart, hostEnd, unreservedAndSubDelims) else { return false }
        }
        guard hostEnd < s.count else { return true }
        guard s[hostEnd] == UInt8(ascii: ":") else { return false }
        return s[(hostEnd + 1)...].allSatisfy(isDigit)
    }

    /// The inside of `IP-literal = "[" ( IPv6address / IPvFuture ) "]"`, where
    /// `IPvFuture = "v" 1*HEXDIG "." 1*( unreserved / sub-delims / ":" )`.
    private static func isIPLiteral(_ s: Bytes) -> Bool {
        guard (byte(s, 0) | 0x20) == UInt8(ascii: "v") else { return isIPv6(s) }
        var i = 1
        while isHexDigit(byte(s, i)) { i += 1 }
        guard i > 1, byte(s, i) == UInt8(ascii: "."), i + 1 < s.count else { return false }
        return scan(s, i + 1, s.count, userinfoCharacters, percent: false)
    }
}

// MARK: - URI templates (RFC 6570)

extension FormatChecker {
    /// The ASCII of `literals`: %x21 / %x23-24 / %x26-3B / %x3D / %x3F-5B / %x5D / %x5F / %x61-7A / %x7E
    /// (with "'" admitted, per RFC 6570 erratum 6937; the JSON-Schema-Test-Suite expects it).
    private static let templateLiterals = ASCIISet("!#$&'()*+,-./:;=?@[]_~", letters: true, digits: true)
    private static let templateOperators = ASCIISet("+#./;?&=,!@|")

    /// `URI-Template = *( literals / expression )`.
    private static func isURITemplate(_ s: Bytes) -> Bool {
        var i = 0
        while i < s.count {
            let c = s[i]
            if c == UInt8(ascii: "{") {
                guard let end = templateExpressionEnd(s, from: i + 1) else { return false }
                i = end
            } else if c == UInt8(ascii: "%") {
                guard isPercentEncoded(s, i) else { return false }
                i += 3
            } else if c < 0x80 {
                guard templateLiterals.contains(c) else { return false }
                i += 1
            } else {
                let (value, length) = scalar(s, i)
                guard isUCSCharOrPrivate(value) else { return false }
                i += length
            }
        }
        return true
    }

    /// `ucschar` / `iprivate` of RFC 3987.
    private static func isUCSCharOrPrivate(_ v: UInt32) -> Bool {
        switch v {
        case 0xA0...0xD7FF, 0xE000...0xFDCF, 0xFDF0...0xFFEF: true
        case 0x10000...0xEFFFD: (v & 0xFFFF) <= 0xFFFD && !(0xE0000...0xE0FFF).contains(v)
        case 0xF0000...0x10FFFD: (v & 0xFFFF) <= 0xFFFD
        default: false
        }
    }

    /// The index just past `expression = "{" [ operator ] variable-list "}"` whose body starts at `start`.
    private static func templateExpressionEnd(_ s: Bytes, from start: Int) -> Int? {
        var i = start
        if templateOperators.contains(byte(s, i)) { i += 1 }
        while true {
            // varname = varchar *( ["."] varchar )
            guard let first = templateVarcharEnd(s, i) else { return nil }
            i = first
            while true {
                if let next = templateVarcharEnd(s, i) {
                    i = next
                } else if byte(s, i) == UInt8(ascii: "."), let next = templateVarcharEnd(s, i + 1) {
                    i = next
                } else {
                    break
                }
            }
            // modifier-level4 = prefix / explode; prefix = ":" max-length (1-9999, no leading zero)
            if byte(s, i) == UInt8(ascii: ":") {
                i += 1
                let digits = i
                guard byte(s, i) != UInt8(ascii: "0") else { return nil }
                while isDigit(byte(s, i)) { i += 1 }
                guard (1...4).contains(i - digits) else { return nil }
            } else if byte(s, i) == UInt8(ascii: "*") {
                i += 1
            }
            switch byte(s, i) {
            case UInt8(ascii: ","): i += 1
            case UInt8(ascii: "}"): return i + 1
            default: return nil
            }
        }
    }

    /// The index just past `varchar = ALPHA / DIGIT / "_" / pct-encoded` at `i`.
    private static func templateVarcharEnd(_ s: Bytes, _ i: Int) -> Int? {
        let c = byte(s, i)
        if isAlpha(c) || isDigit(c) || c == UInt8(ascii: "_") { return i + 1 }
        return isPercentEncoded(s, i) ? i + 3 : nil
    }
}

// MARK: - UUIDs and JSON pointers

extension FormatChecker {
    /// RFC 4122 §3: `8HEXDIG "-" 4HEXDIG "-" 4HEXDIG "-" 4HEXDIG "-" 12HEXDIG`, any case, any version.
    private static func isUUID(_ s: Bytes) -> Bool {
        guard s.count == 36 else { return false }
        for (i, c) in s.enumerated() {
            let isHyphenPosition = i == 8 || i == 13 || i == 18 || i == 23
            guard isHyphenPosition ? c == UInt8(ascii: "-") : isHexDigit(c) else { return false }
        }
        return true
    }

    /// RFC 6901: `json-pointer = *( "/" reference-token )`, where `~` only starts `~0` or `~1`.
    private static func isJSONPointer(_ s: Bytes) -> Bool {
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
    private static func isRelativeJSONPointer(_ s: Bytes) -> Bool {
        guard var i = nonNegativeIntegerEnd(s, 0) else { return false }
        if byte(s, i) == UInt8(ascii: "+") || byte(s, i) == UInt8(ascii: "-") {
            guard let end = nonNegativeIntegerEnd(s, i + 1) else { return false }
            i = end
        }
        if byte(s, i) == UInt8(ascii: "#") { return i + 1 == s.count }
        return isJSONPointer(Bytes(rebasing: s[i...]))
    }

    /// The index just past `non-negative-integer = "0" / %x31-39 *DIGIT` at `i`.
    private static func nonNegativeIntegerEnd(_ s: Bytes, _ i: Int) -> Int? {
        guard isDigit(byte(s, i)) else { return nil }
        if s[i] == UInt8(ascii: "0") { return i + 1 }
        var end = i + 1
        while isDigit(byte(s, end)) { end += 1 }
        return end
    }
}
