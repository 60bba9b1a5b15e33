import Foundation

/// Buffered writes to stdout, flushed per line when asked.
struct OutputStream {
    static func write(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { pointer in
            var offset = 0
            while offset < pointer.count {
                let n = Foundation.write(1, pointer.baseAddress! + offset, pointer.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    return
                }
                offset += n
            }
        }
    }

    static func write(_ text: String) { write(Array(text.utf8)) }
}
