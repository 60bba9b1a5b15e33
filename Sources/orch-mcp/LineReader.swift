import Foundation

/// Reads newline-separated byte lines from a file descriptor, without decoding them
/// (so invalid UTF-8 reaches the JSON parser, which reports it with its offset).
struct LineReader {
    private let fd: Int32
    private var buffer: [UInt8] = []
    private var start = 0
    private var scanned = 0
    private var eof = false

    init(fd: Int32) { self.fd = fd }

    /// The next line without its `\n` (and without a trailing `\r`), or nil at end of input.
    mutating func next() -> ArraySlice<UInt8>? {
        while true {
            if let newline = buffer[max(start, scanned)...].firstIndex(of: 0x0A) {
                var line = buffer[start..<newline]
                start = newline + 1
                scanned = start
                if line.last == 0x0D { line = line.dropLast() }
                return line
            }
            if eof {
                guard start < buffer.count else { return nil }
                let line = buffer[start...]
                start = buffer.count
                return line
            }
            scanned = buffer.count
            if start > 0 {
                buffer.removeFirst(start)
                scanned -= start
                start = 0
            }
            let chunk = max(1 << 16, buffer.count / 2)
            let old = buffer.count
            buffer.append(contentsOf: repeatElement(0, count: chunk))
            let n = buffer.withUnsafeMutableBufferPointer { pointer in
                read(fd, pointer.baseAddress! + old, chunk)
            }
            if n <= 0 {
                if n < 0 && errno == EINTR { buffer.removeLast(chunk); continue }
                eof = true
                buffer.removeLast(chunk)
            } else {
                buffer.removeLast(chunk - n)
            }
        }
    }
}

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
