/// Why a `receipt_ocr` call failed; its description is the `isError` result's text, so it
/// says which kind of failure and what to do about it.
struct OCRError: Error, CustomStringConvertible {
    enum Kind: String {
        case invalidURI = "invalid image_uri"
        case missingFile = "missing file"
        case unreadable = "unreadable image"
        case notAnImage = "not an image"
        case tooLarge = "image too large"
        case fetchFailed = "fetch failed"
        case emptyResult = "no text found"
        case engine = "OCR engine error"
    }

    let kind: Kind
    let message: String

    init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    var description: String { "\(kind.rawValue): \(message)" }

    /// The same error saying which image it is about (for errors raised after loading, whose
    /// messages speak of "the image"): `not an image: 'scan.png': the 1234 bytes are …`.
    func naming(_ image: String) -> OCRError {
        OCRError(kind, "\(image): \(message)")
    }
}
