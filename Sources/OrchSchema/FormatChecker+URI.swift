// MARK: - URIs (RFC 3986)

extension FormatChecker {
    static let unreservedAndSubDelims = ASCIISet("-._~!$&'()*+,;=", letters: true, digits: true)
    /// `userinfo`, and the tail of `IPvFuture`.
    static let userinfoCharacters = ASCIISet("-._~!$&'()*+,;=:", letters: true, digits: true)
    /// `pchar` and "/".
    static let pathCharacters = ASCIISet("-._~!$&'()*+,;=:@/", letters: true, digits: true)
    /// `query` and `fragment`.
    static let queryCharacters = ASCIISet("-._~!$&'()*+,;=:@/?", letters: true, digits: true)
    static let schemeCharacters = ASCIISet("+-.", letters: true, digits: true)
    static let schemeEndCandidates = ASCIISet("/?#:")

    /// `URI` when `requireScheme`, else `URI-reference = URI / relative-ref`.
    static func isURI(_ s: Bytes, requireScheme: Bool) -> Bool {
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
    static func isAuthority(_ s: Bytes) -> Bool {
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
    static func isIPLiteral(_ s: Bytes) -> Bool {
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
    static let templateLiterals = ASCIISet("!#$&'()*+,-./:;=?@[]_~", letters: true, digits: true)
    static let templateOperators = ASCIISet("+#./;?&=,!@|")

    /// `URI-Template = *( literals / expression )`.
    static func isURITemplate(_ s: Bytes) -> Bool {
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
    static func isUCSCharOrPrivate(_ v: UInt32) -> Bool {
        switch v {
        case 0xA0...0xD7FF, 0xE000...0xFDCF, 0xFDF0...0xFFEF: true
        case 0x10000...0xEFFFD: (v & 0xFFFF) <= 0xFFFD && !(0xE0000...0xE0FFF).contains(v)
        case 0xF0000...0x10FFFD: (v & 0xFFFF) <= 0xFFFD
        default: false
        }
    }

    /// The index just past `expression = "{" [ operator ] variable-list "}"` whose body starts at `start`.
    static func templateExpressionEnd(_ s: Bytes, from start: Int) -> Int? {
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
    static func templateVarcharEnd(_ s: Bytes, _ i: Int) -> Int? {
        let c = byte(s, i)
        if isAlpha(c) || isDigit(c) || c == UInt8(ascii: "_") { return i + 1 }
        return isPercentEncoded(s, i) ? i + 3 : nil
    }
}
