#if canImport(Glibc)
import Glibc
#endif
import CTesseract
import OrchJSON

/// One tesseract engine, initialized once per process and reused for every call.
///
/// Tesseract's API object is not thread-safe, so ``recognize(_:limits:)`` holds a lock for
/// the whole recognition; ``OCRWorker`` runs it off the cooperative thread pool.
final class OCREngine: @unchecked Sendable {
    private let api: OpaquePointer
    private var lock = pthread_mutex_t()
    /// The page segmentation mode: 6 (one uniform block of text) keeps each receipt line's
    /// name and price on one line, where 3 (automatic) splits the price column off as its own
    /// block. Settable with RECEIPT_OCR_PSM for experiments.
    let pageSegmentation: TessPageSegMode
    /// A recognition that takes longer is stopped (a pathological image must not hang the server).
    let deadlineMs: Int32 = 30_000

    init(language: String = "eng") throws(OCRError) {
        guard let api = TessBaseAPICreate() else { throw OCRError(.engine, "tesseract could not create its API object.") }
        self.api = api
        // A nil data path is tesseract's built-in one (Debian: /usr/share/tesseract-ocr/5/tessdata),
        // or TESSDATA_PREFIX when set.
        guard TessBaseAPIInit3(api, nil, language) == 0 else {
            TessBaseAPIDelete(api)
            throw OCRError(.engine, "tesseract could not load the '\(language)' language data. Install tesseract-ocr-\(language) or set TESSDATA_PREFIX to the folder holding \(language).traineddata.")
        }
        if let psm = getenv("RECEIPT_OCR_PSM").flatMap({ Int32(String(cString: $0)) }), (0...13).contains(psm) {
            pageSegmentation = TessPageSegMode(rawValue: UInt32(psm))
        } else {
            pageSegmentation = PSM_SINGLE_BLOCK
        }
        TessBaseAPISetPageSegMode(api, pageSegmentation)
        // Receipts are printed at ~200-300 dpi; saying so skips tesseract's resolution guess
        // (and its warning). Interword spaces are kept so that columns stay apart.
        _ = TessBaseAPISetVariable(api, "user_defined_dpi", "300")
        _ = TessBaseAPISetVariable(api, "preserve_interword_spaces", "1")
        pthread_mutex_init(&lock, nil)
    }

    private var ended = false

    /// Frees the engine's language data; recognitions after this fail.
    func shutdown() {
        pthread_mutex_lock(&lock)
        defer { pthread_mutex_unlock(&lock) }
        guard !ended else { return }
        ended = true
        TessBaseAPIEnd(api)
    }

    deinit {
        shutdown()
        TessBaseAPIDelete(api)
        pthread_mutex_destroy(&lock)
    }

    /// Reads `bytes` (PNG, JPEG or TIFF) and returns the `receipt_ocr` result object.
    func recognize(_ bytes: [UInt8], limits: ImageSource.Limits) throws(OCRError) -> JSONValue {
        guard let format = ImageFormat(sniffing: bytes) else {
            throw OCRError(.notAnImage, "the \(bytes.count) bytes are not a PNG, JPEG or TIFF image (their first bytes are \(bytes.prefix(8).map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined(separator: " "))).")
        }
        var width: Int32 = 0, height: Int32 = 0, fileFormat: Int32 = 0, bps: Int32 = 0, spp: Int32 = 0, colormap: Int32 = 0
        guard pixReadHeaderMem(bytes, bytes.count, &fileFormat, &width, &height, &bps, &spp, &colormap) == 0, width > 0, height > 0 else {
            throw OCRError(.unreadable, "the \(format.rawValue) image's header cannot be read; the file is damaged or truncated.")
        }
        guard Int(width) * Int(height) <= limits.maxPixels else {
            throw OCRError(.tooLarge, "the image is \(width)×\(height) = \(Int(width) * Int(height)) pixels; the limit is \(limits.maxPixels) (RECEIPT_OCR_MAX_MEGAPIXELS raises it).")
        }
        guard let pix = pixReadMem(bytes, bytes.count) else {
            throw OCRError(.unreadable, "the \(format.rawValue) image cannot be decoded; the file is damaged or truncated.")
        }
        let prepared = Preprocess.prepare(pix)
        if let debug = getenv("RECEIPT_OCR_DEBUG_IMAGE") { pixWrite(debug, prepared, Int32(IFF_PNG)) }
        defer {
            var owned: UnsafeMutablePointer<PIX>? = pix
            pixDestroy(&owned)
            if prepared != pix {
                owned = prepared
                pixDestroy(&owned)
            }
        }

        pthread_mutex_lock(&lock)
        defer {
            TessBaseAPIClear(api)
            pthread_mutex_unlock(&lock)
        }
        guard !ended else { throw OCRError(.engine, "the OCR engine is shutting down.") }
        TessBaseAPISetImage2(api, prepared)
        let monitor = TessMonitorCreate()
        defer { TessMonitorDelete(monitor) }
        TessMonitorSetDeadlineMSecs(monitor, deadlineMs)
        guard TessBaseAPIRecognize(api, monitor) == 0 else {
            throw OCRError(.engine, "tesseract could not recognize the image (or it took longer than \(deadlineMs / 1000) s).")
        }
        var lines: [JSONValue] = []
        var texts: [String] = []
        if let iterator = TessBaseAPIGetIterator(api) {
            defer { TessResultIteratorDelete(iterator) }
            repeat {
                guard let pointer = TessResultIteratorGetUTF8Text(iterator, RIL_TEXTLINE) else { continue }
                let text = String(cString: pointer).trimmingCharacters(in: "\n")
                TessDeleteText(pointer)
                let line = text.trimmingCharacters(in: " ")
                guard !line.isEmpty else { continue }
                let confidence = Double(TessResultIteratorConfidence(iterator, RIL_TEXTLINE))
                lines.append(["text": .string(line), "confidence": .double((confidence * 10).rounded() / 10)])
                texts.append(line)
            } while TessResultIteratorNext(iterator, RIL_TEXTLINE) != 0
        }
        guard !texts.isEmpty else {
            throw OCRError(.emptyResult, "tesseract found no text in the \(width)×\(height) image. Is it a receipt, right side up, with text at least ~10 pixels high?")
        }
        let mean = Double(TessBaseAPIMeanTextConf(api))
        return [
            "text": .string(texts.joined(separator: "\n")),
            "lines": .array(lines),
            "mean_confidence": .double(max(0, min(100, mean))),
            "width": .int(Int64(width)),
            "height": .int(Int64(height)),
        ]
    }
}

/// The process's one engine, loaded on first use: tesseract takes ~100-300 ms to load its
/// language data, and the server answers discover, initialize and tools/list before that.
/// A load failure is kept and reported by every call.
final class SharedEngine: @unchecked Sendable {
    private var lock = pthread_mutex_t()
    private var loaded: Result<OCREngine, OCRError>?

    init() { pthread_mutex_init(&lock, nil) }

    func get() throws(OCRError) -> OCREngine {
        pthread_mutex_lock(&lock)
        defer { pthread_mutex_unlock(&lock) }
        if loaded == nil {
            do throws(OCRError) { loaded = .success(try OCREngine()) } catch { loaded = .failure(error) }
        }
        return try loaded!.get()
    }

    /// Frees the engine if it was loaded.
    func shutdown() {
        pthread_mutex_lock(&lock)
        defer { pthread_mutex_unlock(&lock) }
        if case .success(let engine)? = loaded { engine.shutdown() }
    }
}
