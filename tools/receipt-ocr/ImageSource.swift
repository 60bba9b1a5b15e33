#if canImport(Glibc)
import Glibc
#endif

/// Where `image_uri` points, and the bytes behind it.
///
/// A plain path (relative to the server's working directory, which orch-mcp's by default),
/// a `file://` URI, a `data:` URI with base64 content, or an `http(s)://` URL fetched with
/// libcurl. Every source is capped at ``Limits/maxBytes`` before any decoding.
enum ImageSource {
    case file(String)
    case data(mediaType: String?, base64: Substring)
    case http(String)

    struct Limits: Sendable {
        /// The largest encoded image read from any source.
        var maxBytes = 32 << 20
        /// The largest decoded image: 40 megapixels (a receipt scanned at 600 dpi is ~10).
        var maxPixels = 40_000_000
        /// The time an http(s) fetch may take, connection included.
        var fetchTimeoutMs = 15_000

        /// The environment variables that change the limits, with their ranges.
        static let variables: [(name: String, range: ClosedRange<Int>, what: String)] = [
            ("RECEIPT_OCR_MAX_MB", 1...1024, "the largest encoded image, in MiB (default 32)"),
            ("RECEIPT_OCR_MAX_MEGAPIXELS", 1...400, "the largest decoded image, in megapixels (default 40)"),
            ("RECEIPT_OCR_FETCH_TIMEOUT_MS", 100...600_000, "the time an http(s) fetch may take, in ms (default 15000)"),
        ]

        struct ConfigurationError: Error, CustomStringConvertible {
            let description: String
        }

        /// The defaults, changed by whichever of ``variables`` is set in `environment`. A value
        /// that is not a whole number in its range is an error naming the variable.
        init(environment: [String: String]) throws(ConfigurationError) {
            for (name, range, what) in Self.variables {
                guard let text = environment[name] else { continue }
                guard let value = Int(text), range.contains(value) else {
                    throw ConfigurationError(description: "\(name)='\(text)' must be a whole number from \(range.lowerBound) to \(range.upperBound): \(what).")
                }
                switch name {
                case "RECEIPT_OCR_MAX_MB": maxBytes = value << 20
                case "RECEIPT_OCR_MAX_MEGAPIXELS": maxPixels = value * 1_000_000
                default: fetchTimeoutMs = value
                }
            }
        }

        init() {}
    }

    init(_ uri: String) throws(OCRError) {
        let lower = uri.lowercased()
        if lower.hasPrefix("data:") {
            let rest = uri.dropFirst(5)
            guard let comma = rest.firstIndex(of: ",") else {
                throw OCRError(.invalidURI, "the data: URI has no ',' before its content.")
            }
            var parameters = rest[..<comma].split(separator: ";").map { $0.lowercased() }
            guard parameters.last == "base64" else {
                throw OCRError(.invalidURI, "only base64 data: URIs are supported (data:image/png;base64,...).")
            }
            parameters.removeLast()
            self = .data(mediaType: parameters.first, base64: rest[rest.index(after: comma)...])
        } else if lower.hasPrefix("file://") {
            var rest = uri.dropFirst(7)
            if rest.lowercased().hasPrefix("localhost/") { rest = rest.dropFirst(9) }
            guard rest.hasPrefix("/") else {
                throw OCRError(.invalidURI, "file URIs must name a local absolute path (file:///path/to/receipt.png), found '\(uri)'.")
            }
            self = .file(try Self.percentDecoded(rest, uri: uri))
        } else if lower.hasPrefix("http://") || lower.hasPrefix("https://") {
            self = .http(uri)
        } else if let colon = uri.firstIndex(of: ":"), !uri[..<colon].contains("/"),
                  uri[..<colon].count > 1, uri[..<colon].allSatisfy({ $0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == "." }) {
            throw OCRError(.invalidURI, "the scheme '\(uri[..<colon])' is not supported; use a path, file://, data: or http(s)://.")
        } else {
            self = .file(uri)
        }
    }

    /// How errors name the image: the path or URL quoted, or "the data: URI".
    var label: String {
        switch self {
        case .file(let path): "'\(path)'"
        case .data: "the data: URI"
        case .http(let url): "'\(url)'"
        }
    }

    /// The encoded image.
    func load(_ limits: Limits) throws(OCRError) -> [UInt8] {
        switch self {
        case .file(let path):
            return try Self.readFile(path, maxBytes: limits.maxBytes)
        case .data(let mediaType, let base64):
            if let mediaType, !ImageFormat.acceptedMediaTypes.contains(mediaType) {
                throw OCRError(.notAnImage, "the data: URI says '\(mediaType)'; expected image/png, image/jpeg or image/tiff.")
            }
            guard base64.utf8.count / 4 * 3 <= limits.maxBytes else {
                throw OCRError(.tooLarge, "the data: URI holds more than \(limits.maxBytes >> 20) MiB (RECEIPT_OCR_MAX_MB raises the limit).")
            }
            do {
                return try Base64.decode(base64.utf8)
            } catch .invalidCharacter(let offset) {
                throw OCRError(.invalidURI, "the data: URI's base64 content has an invalid character at offset \(offset).")
            } catch {
                throw OCRError(.invalidURI, "the data: URI's base64 content is truncated.")
            }
        case .http(let url):
            return try HTTPFetch.get(url, maxBytes: limits.maxBytes, timeoutMs: limits.fetchTimeoutMs)
        }
    }

    private static func percentDecoded(_ text: Substring, uri: String) throws(OCRError) -> String {
        var bytes: [UInt8] = []
        var iterator = Array(text.utf8)[...]
        while let byte = iterator.popFirst() {
            guard byte == UInt8(ascii: "%") else { bytes.append(byte); continue }
            guard iterator.count >= 2, let high = hexValue(iterator[iterator.startIndex]),
                  let low = hexValue(iterator[iterator.startIndex + 1]) else {
                throw OCRError(.invalidURI, "'\(uri)' has a '%' that is not followed by two hex digits.")
            }
            bytes.append(high << 4 | low)
            iterator = iterator.dropFirst(2)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    private static func readFile(_ path: String, maxBytes: Int) throws(OCRError) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            let code = errno
            if code == ENOENT || code == ENOTDIR {
                throw OCRError(.missingFile, "no file at '\(path)'.")
            }
            throw OCRError(.unreadable, "cannot open '\(path)': \(String(cString: strerror(code))).")
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            throw OCRError(.unreadable, "cannot stat '\(path)': \(String(cString: strerror(errno))).")
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            throw OCRError(.unreadable, "'\(path)' is not a regular file.")
        }
        guard info.st_size <= maxBytes else {
            throw OCRError(.tooLarge, "'\(path)' is \(info.st_size) bytes; the limit is \(maxBytes >> 20) MiB (RECEIPT_OCR_MAX_MB raises it).")
        }
        var bytes = [UInt8](repeating: 0, count: Int(info.st_size))
        var filled = 0
        while filled < bytes.count {
            let n = bytes.withUnsafeMutableBytes { read(fd, $0.baseAddress! + filled, $0.count - filled) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else {
                if n == 0 { break }
                throw OCRError(.unreadable, "cannot read '\(path)': \(String(cString: strerror(errno))).")
            }
            filled += n
        }
        return Array(bytes[..<filled])
    }
}

/// The image formats receipt_ocr reads, told by their first bytes (not by a name or a header
/// that may lie).
enum ImageFormat: String {
    case png = "PNG", jpeg = "JPEG", tiff = "TIFF"

    static let acceptedMediaTypes: Set<String> = ["image/png", "image/jpeg", "image/jpg", "image/tiff", "image/tif"]

    init?(sniffing bytes: [UInt8]) {
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) {
            self = .png
        } else if bytes.starts(with: [0xFF, 0xD8, 0xFF]) {
            self = .jpeg
        } else if bytes.starts(with: [0x49, 0x49, 0x2A, 0x00]) || bytes.starts(with: [0x4D, 0x4D, 0x00, 0x2A]) {
            self = .tiff
        } else {
            return nil
        }
    }
}
