/// Standard and URL-safe base64 (RFC 4648), decoding only: `data:` URIs carry images this way.
/// Whitespace is skipped and padding is optional; anything else that is not in the alphabet
/// is an error with its offset.
enum Base64 {
    private static let table: [Int8] = {
        var table = [Int8](repeating: -1, count: 256)
        for (i, c) in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8.enumerated() {
            table[Int(c)] = Int8(i)
        }
        table[Int(UInt8(ascii: "-"))] = 62
        table[Int(UInt8(ascii: "_"))] = 63
        return table
    }()

    enum DecodeError: Error, Equatable {
        case invalidCharacter(offset: Int)
        case truncated
    }

    static func decode(_ text: Substring.UTF8View) throws(DecodeError) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(text.count * 3 / 4)
        var accumulator: UInt32 = 0
        var bits = 0
        var padding = false
        for (offset, byte) in text.enumerated() {
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\t"):
                continue
            case UInt8(ascii: "="):
                padding = true
                continue
            default:
                let value = table[Int(byte)]
                guard value >= 0, !padding else { throw .invalidCharacter(offset: offset) }
                accumulator = accumulator << 6 | UInt32(value)
                bits += 6
                if bits >= 8 {
                    bits -= 8
                    output.append(UInt8(truncatingIfNeeded: accumulator >> UInt32(bits)))
                }
            }
        }
        // 6 leftover bits cannot hold a byte: a character is missing.
        guard bits < 6 else { throw .truncated }
        return output
    }
}
