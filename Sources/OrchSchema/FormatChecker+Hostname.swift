// MARK: - Host names (RFC 1123 §2.1, IDNA2008 A-labels)

extension FormatChecker {
    /// Dot-separated labels of 1–63 letters, digits and hyphens, none starting or ending with a hyphen,
    /// 253 octets in all (no trailing dot). A label starting `xn--` must be a valid A-label.
    static func isHostname(_ s: Bytes) -> Bool {
        guard !s.isEmpty, s.count <= 253 else { return false }
        var start = 0
        for i in 0...s.count where i == s.count || s[i] == UInt8(ascii: ".") {
            guard isHostLabel(Bytes(rebasing: s[start..<i])) else { return false }
            start = i + 1
        }
        return true
    }

    static func isHostLabel(_ label: Bytes) -> Bool {
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
    static func isALabel(_ label: Bytes) -> Bool {
        let encoded = label.dropFirst(4).map(lowercased)
        guard let decoded = Punycode.decode(encoded), decoded.contains(where: { $0 >= 0x80 }),
              Punycode.encode(decoded) == encoded
        else { return false }
        return isULabel(decoded.compactMap(Unicode.Scalar.init))
    }

    /// RFC 5891 §4.2.3: NFC; no `--` in the third and fourth positions; no leading or trailing hyphen;
    /// no leading combining mark; every code point PVALID, or CONTEXTJ / CONTEXTO with its RFC 5892
    /// Appendix A rule satisfied; and, for a label with right-to-left characters, the RFC 5893 Bidi rule.
    static func isULabel(_ label: [Unicode.Scalar]) -> Bool {
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
    enum Punycode {
        static let base = 36, tMin = 1, tMax = 26, skew = 38, damp = 700, initialBias = 72, initialN = 128

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

        static func threshold(_ k: Int, _ bias: Int) -> Int {
            k <= bias ? tMin : k >= bias + tMax ? tMax : k - bias
        }

        static func adapt(_ delta: Int, _ count: Int, first: Bool) -> Int {
            var delta = first ? delta / damp : delta / 2
            delta += delta / count
            var k = 0
            while delta > ((base - tMin) * tMax) / 2 {
                delta /= base - tMin
                k += base
            }
            return k + (base - tMin + 1) * delta / (delta + skew)
        }

        static func digitValue(_ c: UInt8) -> Int? {
            switch c {
            case UInt8(ascii: "a")...UInt8(ascii: "z"): Int(c - UInt8(ascii: "a"))
            case UInt8(ascii: "0")...UInt8(ascii: "9"): Int(c - UInt8(ascii: "0")) + 26
            default: nil
            }
        }

        static func digitCharacter(_ d: Int) -> UInt8 {
            d < 26 ? UInt8(ascii: "a") + UInt8(d) : UInt8(ascii: "0") + UInt8(d - 26)
        }
    }
}

extension FormatChecker {
    /// IDNA2008 code point classification (RFC 5892 §3), contextual rules (RFC 5892 Appendix A) and Bidi
    /// rule (RFC 5893), derived from the standard library's Unicode properties plus the few tables it
    /// does not expose.
    enum IDNA {
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
        enum BidiClass { case leftToRight, rightToLeft, arabicNumber, europeanNumber, nonspacingMark, neutral }

        /// Unicode `Bidi_Class` for a code point already known to be PVALID, CONTEXTJ or CONTEXTO (among those
        /// the classes are only L, R, AL, AN, EN, ES, ON, BN and NSM).
        static func bidiClass(_ scalar: Unicode.Scalar) -> BidiClass {
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

        enum JoiningType { case dual, right, left, transparent, other }

        /// Unicode `Joining_Type` (ArabicShaping.txt / DerivedJoiningType.txt): D, R and L from tables; T for
        /// general categories Mn, Me and Cf (the file's default) bar a few listed exceptions; C counts as other.
        static func joiningType(_ scalar: Unicode.Scalar) -> JoiningType {
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
        static let scriptGreek: [UInt32] = [
            0x370, 0x373, 0x375, 0x377, 0x37A, 0x37D, 0x37F, 0x37F, 0x384, 0x384, 0x386, 0x386, 0x388, 0x38A,
            0x38C, 0x38C, 0x38E, 0x3A1, 0x3A3, 0x3E1, 0x3F0, 0x3FF, 0x1D26, 0x1D2A, 0x1D5D, 0x1D61, 0x1D66, 0x1D6A,
            0x1DBF, 0x1DBF, 0x1F00, 0x1F15, 0x1F18, 0x1F1D, 0x1F20, 0x1F45, 0x1F48, 0x1F4D, 0x1F50, 0x1F57,
            0x1F59, 0x1F59, 0x1F5B, 0x1F5B, 0x1F5D, 0x1F5D, 0x1F5F, 0x1F7D, 0x1F80, 0x1FB4, 0x1FB6, 0x1FC4,
            0x1FC6, 0x1FD3, 0x1FD6, 0x1FDB, 0x1FDD, 0x1FEF, 0x1FF2, 0x1FF4, 0x1FF6, 0x1FFE, 0x2126, 0x2126,
            0xAB65, 0xAB65, 0x10140, 0x1018E, 0x101A0, 0x101A0, 0x1D200, 0x1D245,
        ]
        static let scriptHebrew: [UInt32] = [
            0x591, 0x5C7, 0x5D0, 0x5EA, 0x5EF, 0x5F4, 0xFB1D, 0xFB36, 0xFB38, 0xFB3C, 0xFB3E, 0xFB3E,
            0xFB40, 0xFB41, 0xFB43, 0xFB44, 0xFB46, 0xFB4F,
        ]
        static let scriptHiragana: [UInt32] = [
            0x3041, 0x3096, 0x309D, 0x309F, 0x1B001, 0x1B11F, 0x1B132, 0x1B132, 0x1B150, 0x1B152, 0x1F200, 0x1F200,
        ]
        static let scriptKatakana: [UInt32] = [
            0x30A1, 0x30FA, 0x30FD, 0x30FF, 0x31F0, 0x31FF, 0x32D0, 0x32FE, 0x3300, 0x3357, 0xFF66, 0xFF6F,
            0xFF71, 0xFF9D, 0x1AFF0, 0x1AFF3, 0x1AFF5, 0x1AFFB, 0x1AFFD, 0x1AFFE, 0x1B000, 0x1B000,
            0x1B120, 0x1B122, 0x1B155, 0x1B155, 0x1B164, 0x1B167,
        ]
        static let scriptHan: [UInt32] = [
            0x2E80, 0x2E99, 0x2E9B, 0x2EF3, 0x2F00, 0x2FD5, 0x3005, 0x3005, 0x3007, 0x3007, 0x3021, 0x3029,
            0x3038, 0x303B, 0x3400, 0x4DBF, 0x4E00, 0x9FFF, 0xF900, 0xFA6D, 0xFA70, 0xFAD9, 0x16FE2, 0x16FE3,
            0x16FF0, 0x16FF6, 0x20000, 0x2A6DF, 0x2A700, 0x2B81D, 0x2B820, 0x2CEAD, 0x2CEB0, 0x2EBE0,
            0x2EBF0, 0x2EE5D, 0x2F800, 0x2FA1D, 0x30000, 0x3134A, 0x31350, 0x33479,
        ]
        static let joiningD: [UInt32] = [
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
        static let joiningR: [UInt32] = [
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
        static let joiningL: [UInt32] = [
            0xA872, 0xA872, 0x10ACD, 0x10ACD, 0x10AD7, 0x10AD7, 0x10D00, 0x10D00, 0x10FCB, 0x10FCB,
        ]
        /// Bidi_Class R or AL, among code points that are PVALID or CONTEXTJ/CONTEXTO.
        static let bidiRightToLeft: [UInt32] = [
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
        static let joiningT: [UInt32] = [0x1E94B, 0x1E94B]
        /// Mn, Me and Cf code points whose `Joining_Type` is not T (U or C).
        static let joiningNotTransparent: [UInt32] = [
            0x600, 0x605, 0x6DD, 0x6DD, 0x890, 0x891, 0x8E2, 0x8E2, 0x180E, 0x180E, 0x200C, 0x200D, 0x2066, 0x2069,
            0x110BD, 0x110BD, 0x110CD, 0x110CD,
        ]

        /// Whether the sorted, inclusive `[first, last, first, last, …]` pairs in `table` cover `value`.
        static func rangeTable(_ table: [UInt32], contains value: UInt32) -> Bool {
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
