import Foundation

/// Writes small blank PNGs by hand (signature, IHDR, IDAT with one stored deflate block,
/// IEND), for tests that need an image with no text or an image header with a given size.
enum PNGWriter {
    static func blank(width: Int, height: Int, headerOnly: Bool) -> Data? {
        var png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        var header = Data()
        header.append(bigEndian: UInt32(width))
        header.append(bigEndian: UInt32(height))
        header.append(contentsOf: [1, 0, 0, 0, 0])  // 1-bit greyscale, deflate, no filter, no interlace
        png.append(chunk: "IHDR", header)
        if !headerOnly {
            let rowBytes = (width + 7) / 8
            var raw = Data()
            for _ in 0..<height {
                raw.append(0)  // filter: none
                raw.append(Data(repeating: 0xFF, count: rowBytes))  // 1 = white
            }
            guard raw.count <= 65_535 else { return nil }
            var zlib = Data([0x78, 0x01, 0x01])  // zlib header; final stored block
            zlib.append(contentsOf: [UInt8(raw.count & 0xFF), UInt8(raw.count >> 8), UInt8(~raw.count & 0xFF), UInt8((~raw.count >> 8) & 0xFF)])
            zlib.append(raw)
            var a: UInt32 = 1, b: UInt32 = 0
            for byte in raw { a = (a + UInt32(byte)) % 65_521; b = (b + a) % 65_521 }
            zlib.append(bigEndian: b << 16 | a)
            png.append(chunk: "IDAT", zlib)
        }
        png.append(chunk: "IEND", Data())
        return png
    }
}

private extension Data {
    mutating func append(bigEndian value: UInt32) {
        append(contentsOf: [UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)])
    }

    mutating func append(chunk type: String, _ body: Data) {
        append(bigEndian: UInt32(body.count))
        let typed = Data(type.utf8) + body
        append(typed)
        append(bigEndian: Self.crc32(typed))
    }

    static func crc32(_ data: Data) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in data {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }
}
