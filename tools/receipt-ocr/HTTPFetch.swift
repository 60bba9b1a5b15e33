import CCurl

/// Fetches an image over http(s) with libcurl: redirects (at most 3, http(s) only), a total
/// timeout, a byte cap enforced while downloading, and a check that the server says it sent
/// an image.
enum HTTPFetch {
    /// Call once at start-up, before any thread exists (curl_global_init is not thread-safe).
    static func initialize() {
        curl_global_init(Int(CURL_GLOBAL_DEFAULT))
    }

    /// The body collected by the write callback; `exceeded` once it would pass the cap.
    private final class Sink {
        let maxBytes: Int
        var body: [UInt8] = []
        var exceeded = false
        init(maxBytes: Int) { self.maxBytes = maxBytes }
    }

    static func get(_ url: String, maxBytes: Int, timeoutMs: Int) throws(OCRError) -> [UInt8] {
        guard let curl = curl_easy_init() else {
            throw OCRError(.fetchFailed, "libcurl could not start a transfer for '\(url)'.")
        }
        defer { curl_easy_cleanup(curl) }
        let sink = Sink(maxBytes: maxBytes)
        let unmanaged = Unmanaged.passRetained(sink)
        defer { unmanaged.release() }
        var errorBuffer = [CChar](repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)

        let code: CURLcode = errorBuffer.withUnsafeMutableBufferPointer { buffer in
            _ = orch_curl_set_string(curl, CURLOPT_URL, url)
            _ = orch_curl_set_string(curl, CURLOPT_PROTOCOLS_STR, "http,https")
            _ = orch_curl_set_string(curl, CURLOPT_REDIR_PROTOCOLS_STR, "http,https")
            _ = orch_curl_set_long(curl, CURLOPT_FOLLOWLOCATION, 1)
            _ = orch_curl_set_long(curl, CURLOPT_MAXREDIRS, 3)
            _ = orch_curl_set_long(curl, CURLOPT_TIMEOUT_MS, timeoutMs)
            _ = orch_curl_set_long(curl, CURLOPT_CONNECTTIMEOUT_MS, min(timeoutMs, 5_000))
            _ = orch_curl_set_long(curl, CURLOPT_NOSIGNAL, 1)
            _ = orch_curl_set_long(curl, CURLOPT_MAXFILESIZE, maxBytes)
            _ = orch_curl_set_string(curl, CURLOPT_USERAGENT, "orch-mcp receipt-ocr/1.0")
            _ = orch_curl_set_pointer(curl, CURLOPT_ERRORBUFFER, buffer.baseAddress)
            _ = orch_curl_set_pointer(curl, CURLOPT_WRITEDATA, unmanaged.toOpaque())
            _ = orch_curl_set_write(curl) { data, size, count, context in
                guard let data, let context else { return 0 }
                let sink = Unmanaged<Sink>.fromOpaque(context).takeUnretainedValue()
                let n = size * count
                guard sink.body.count + n <= sink.maxBytes else {
                    sink.exceeded = true
                    return 0  // aborts the transfer with CURLE_WRITE_ERROR
                }
                data.withMemoryRebound(to: UInt8.self, capacity: n) { sink.body.append(contentsOf: UnsafeBufferPointer(start: $0, count: n)) }
                return n
            }
            return curl_easy_perform(curl)
        }

        if sink.exceeded || code == CURLE_FILESIZE_EXCEEDED {
            throw OCRError(.tooLarge, "'\(url)' is larger than \(maxBytes >> 20) MiB (RECEIPT_OCR_MAX_MB raises the limit).")
        }
        guard code == CURLE_OK else {
            let detail = String(decoding: errorBuffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            let reason = detail.isEmpty ? String(cString: curl_easy_strerror(code)) : detail
            let kind = code == CURLE_OPERATION_TIMEDOUT ? "timed out after \(timeoutMs) ms" : "failed"
            throw OCRError(.fetchFailed, "fetching '\(url)' \(kind): \(reason).")
        }
        var status = 0
        _ = orch_curl_info_long(curl, CURLINFO_RESPONSE_CODE, &status)
        guard (200..<300).contains(status) else {
            throw OCRError(.fetchFailed, "'\(url)' answered HTTP \(status).")
        }
        var typePointer: UnsafeMutablePointer<CChar>?
        _ = orch_curl_info_string(curl, CURLINFO_CONTENT_TYPE, &typePointer)
        let contentType = typePointer.map { String(cString: $0) } ?? ""
        let mediaType = contentType.split(separator: ";").first.map { $0.trimmingCharacters(in: " ").lowercased() } ?? ""
        // application/octet-stream is what many static servers send for anything; the bytes
        // are sniffed afterwards in any case.
        guard ImageFormat.acceptedMediaTypes.contains(mediaType) || mediaType == "application/octet-stream" else {
            throw OCRError(.notAnImage, "'\(url)' sent content type '\(contentType.isEmpty ? "none" : contentType)', not an image (expected image/png, image/jpeg or image/tiff).")
        }
        return sink.body
    }
}

extension StringProtocol {
    func trimmingCharacters(in set: Character) -> String {
        var text = Substring(self)
        while text.first == set { text = text.dropFirst() }
        while text.last == set { text = text.dropLast() }
        return String(text)
    }
}
