/// A string's UTF-8 length and first fifteen bytes in two words: strings with different
/// fingerprints differ, and for strings of at most fifteen bytes (nearly every property
/// name) equal fingerprints mean equal code points. Lets a lookup compare two words per
/// candidate instead of whole strings.
struct KeyFingerprint: Hashable, Sendable {
    let low: UInt64
    let high: UInt64

    /// Whether the fingerprint holds every byte of the string.
    var isComplete: Bool { high >> 56 <= 15 }

    @inline(__always)
    init(_ text: String) {
        var text = text
        (low, high) = text.withUTF8 { bytes in
            var low: UInt64 = 0
            var high = UInt64(min(bytes.count, 255)) << 56
            let n = min(15, bytes.count)
            var i = 0
            while i < n {
                if i < 8 {
                    low |= UInt64(bytes[i]) << (UInt64(i) * 8)
                } else {
                    high |= UInt64(bytes[i]) << (UInt64(i - 8) * 8)
                }
                i += 1
            }
            return (low, high)
        }
    }

    /// Whether `candidate` (whose fingerprint is `self`) equals `key` (whose fingerprint is `keyPrint`).
    @inline(__always)
    func matches(_ candidate: String, _ keyPrint: KeyFingerprint, _ key: String) -> Bool {
        low == keyPrint.low && high == keyPrint.high && (isComplete || candidate.hasSameCodePoints(as: key))
    }
}
