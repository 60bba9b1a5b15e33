#if canImport(Glibc)
import Glibc
#endif

/// Writes `text` to standard error unbuffered: the workers' stdout carries protocol only.
public func writeStderr(_ text: String) {
    var bytes = Array(text.utf8)
    var written = 0
    while written < bytes.count {
        let n = bytes.withUnsafeMutableBytes { write(2, $0.baseAddress! + written, $0.count - written) }
        if n < 0 && errno == EINTR { continue }
        guard n > 0 else { return }
        written += n
    }
}
