/// Text normalization shared by the lexicon and the item names, so that both sides of every
/// comparison went through the same steps: lower-casing, splitting, number and unit stripping,
/// OCR digit repair and a light stemmer.
enum ReceiptText {
    /// Splits a name into lower-case alphanumeric words. Apostrophes join (`men's` → `mens`),
    /// every other non-alphanumeric character separates (`USB-C` → `usb`, `c`), and `and`
    /// and a lone `n` are dropped so that `HALF & HALF`, `half and half` and `MAC N CHS`
    /// line up with the lexicon's phrases.
    static func words(_ text: String) -> [String] {
        split(text).filter { $0 != "and" && $0 != "n" }
    }

    private static func split(_ text: String) -> [String] {
        var result: [String] = []
        var current = ""
        for scalar in text.unicodeScalars {
            if scalar == "'" || scalar == "’" { continue }
            if let letter = folded(scalar) {
                current.unicodeScalars.append(letter)
            } else if !current.isEmpty {
                result.append(current)
                current = ""
            }
        }
        if !current.isEmpty { result.append(current) }
        return result
    }

    /// A lower-case ASCII letter or digit for `scalar`, with common Latin accents dropped
    /// (`é` → `e`, so `Entrée` and `ENTREE` meet); nil for a separator.
    private static func folded(_ scalar: Unicode.Scalar) -> Unicode.Scalar? {
        switch scalar.value {
        case 0x30...0x39, 0x61...0x7A: return scalar
        case 0x41...0x5A: return Unicode.Scalar(scalar.value + 32)
        case 0xC0...0xC5, 0xE0...0xE5: return "a"
        case 0xC7, 0xE7: return "c"
        case 0xC8...0xCB, 0xE8...0xEB: return "e"
        case 0xCC...0xCF, 0xEC...0xEF: return "i"
        case 0xD1, 0xF1: return "n"
        case 0xD2...0xD6, 0xD8, 0xF2...0xF6, 0xF8: return "o"
        case 0xD9...0xDC, 0xF9...0xFC: return "u"
        case 0xDF: return "s"
        default: return nil
        }
    }

    /// Words after which Romance names put the modifier (`zumo de naranja`): the head noun is
    /// before the first of them.
    static let headConnectors: Set<String> = ["de", "di", "du", "del", "della", "des"]

    static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
    static func isLetter(_ c: UInt8) -> Bool { c >= 0x61 && c <= 0x7A }

    /// True for what carries no product meaning: a PLU, SKU, price or quantity (`4011`,
    /// `12`), a number with a unit (`12oz`, `2.5kg` arrives as `2`, `5kg`, `64gb`, `4pk`),
    /// a size (`32x32`, `x6`) or a pump/aisle number.
    static func isMeasure(_ word: String) -> Bool {
        let bytes = Array(word.utf8)
        guard let first = bytes.first else { return true }
        var i = 0
        if first == UInt8(ascii: "x"), bytes.count > 1, isDigit(bytes[1]) { i = 1 }
        let digitStart = i
        while i < bytes.count, isDigit(bytes[i]) { i += 1 }
        if i == digitStart { return false }
        if i == bytes.count { return true }
        // 32x32
        if bytes[i] == UInt8(ascii: "x"), i + 1 < bytes.count, bytes[(i + 1)...].allSatisfy(isDigit) { return true }
        // a unit of up to four letters: oz, lb, ct, pk, gal, ml, mah, hr, ft, in, cm, mg, iu, w, v
        let rest = bytes[i...]
        return rest.count <= 4 && rest.allSatisfy(isLetter)
    }

    /// The unit of a number+unit word (`10mg` → `mg`, `500ml` → `ml`, `1l` → `l`); nil for
    /// anything else.
    static func measureUnit(_ word: String) -> String? {
        let bytes = Array(word.utf8)
        guard let first = bytes.first, isDigit(first), isMeasure(word) else { return nil }
        let unit = bytes.drop(while: isDigit)
        guard !unit.isEmpty, unit.allSatisfy(isLetter) else { return nil }
        return String(decoding: unit, as: UTF8.self)
    }

    /// Readings of a word that OCR may have garbled with look-alike digits (`m1lk` → `milk`,
    /// `banana5` → `bananas`); empty when the word has no such digit or no letters at all.
    static func ocrRepairs(_ word: String) -> [String] {
        let bytes = Array(word.utf8)
        guard bytes.contains(where: isLetter), bytes.contains(where: isDigit) else { return [] }
        var readings: [[UInt8]] = [[]]
        for c in bytes {
            let options: [UInt8]
            switch c {
            case UInt8(ascii: "0"): options = [UInt8(ascii: "o")]
            case UInt8(ascii: "1"): options = [UInt8(ascii: "i"), UInt8(ascii: "l")]
            case UInt8(ascii: "5"): options = [UInt8(ascii: "s")]
            case UInt8(ascii: "8"): options = [UInt8(ascii: "b")]
            case UInt8(ascii: "3"): options = [UInt8(ascii: "e")]
            case UInt8(ascii: "6"): options = [UInt8(ascii: "g")]
            default:
                if isDigit(c) { return [] }
                options = [c]
            }
            readings = readings.flatMap { prefix in options.map { prefix + [$0] } }
            if readings.count > 16 { return [] }
        }
        return readings.map { String(decoding: $0, as: UTF8.self) }
    }

    /// The letters before the first digit of a word that runs letters into a number
    /// (`spf30` → `spf`, `flex5` → `flex`); nil when there is no such run of two letters.
    static func leadingLetters(_ word: String) -> String? {
        let letters = word.utf8.prefix(while: isLetter)
        guard letters.count >= 2, letters.count < word.utf8.count else { return nil }
        return String(decoding: letters, as: UTF8.self)
    }

    /// A light Porter-like stem: plurals (`-s`, `-es`, `-ies`), `-ed`, `-ing` and a final `e`
    /// go and a final `y` reads `i`, so `berries`/`berry`, `cookies`/`cookie`, `sliced`/`slice`
    /// and `shoes`/`shoe` meet. It is only ever
    /// compared with other stems, so it need not be a real word.
    static func stem(_ word: String) -> String {
        var w = Array(word.utf8)
        guard w.count > 3, w.allSatisfy(isLetter) else { return word }
        func ends(_ suffix: String) -> Bool {
            let s = Array(suffix.utf8)
            return w.count > s.count && Array(w.suffix(s.count)) == s
        }
        if ends("ies"), w.count > 4 {
            w.removeLast(2)
        } else if ends("sses") {
            w.removeLast(2)
        } else if ends("s"), !ends("ss"), !ends("us"), !ends("is") {
            w.removeLast()
        }
        if ends("ing"), w.count >= 7, hasVowel(w.dropLast(3)) {
            w.removeLast(3); undouble(&w)
        } else if ends("ed"), w.count >= 6, hasVowel(w.dropLast(2)) {
            w.removeLast(2); undouble(&w)
        }
        if ends("e"), w.count > 3 { w.removeLast() }
        if ends("y"), w.count > 3 { w[w.count - 1] = UInt8(ascii: "i") }
        return String(decoding: w, as: UTF8.self)
    }

    private static func hasVowel(_ w: ArraySlice<UInt8>) -> Bool {
        w.contains { "aeiouy".utf8.contains($0) }
    }

    /// `shredd` → `shred`, but `roll` and `press` keep their double letter.
    private static func undouble(_ w: inout [UInt8]) {
        guard w.count > 3, let last = w.last, w[w.count - 2] == last,
              !"lsz".utf8.contains(last), !"aeiou".utf8.contains(last) else { return }
        w.removeLast()
    }

    /// The number of vowels (not `y`) in `word`: receipt abbreviations drop vowels.
    static func vowelCount(_ word: String) -> Int {
        word.utf8.filter { "aeiou".utf8.contains($0) }.count
    }

    /// True when `short` can be read as an abbreviation of `long`: same first letter and the
    /// letters of `short` appear in `long` in order (`chkn` in `chicken`, `crmy` in `creamy`).
    static func abbreviates(_ short: String, _ long: String) -> Bool {
        var s = short.utf8.makeIterator()
        guard var want = s.next(), long.utf8.first == want else { return false }
        for c in long.utf8 where c == want {
            guard let next = s.next() else { return true }
            want = next
        }
        return false
    }

    /// Damerau–Levenshtein distance up to 1 (one substitution, insertion, deletion or swap of
    /// neighbours), enough for one OCR slip.
    static func withinOneEdit(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        if abs(x.count - y.count) > 1 || x == y { return x == y }
        var i = 0
        while i < min(x.count, y.count), x[i] == y[i] { i += 1 }
        if x.count == y.count {
            if x[(i + 1)...] == y[(i + 1)...] { return true }
            return i + 1 < x.count && x[i] == y[i + 1] && x[i + 1] == y[i] && x[(i + 2)...] == y[(i + 2)...]
        }
        let (long, short) = x.count > y.count ? (x, y) : (y, x)
        return long[(i + 1)...] == short[i...]
    }
}
