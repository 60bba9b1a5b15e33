/// Why the expense lexicon (`catalogs/lexicon.json`) could not be used: the one error type of
/// `ExpenseCategorizer`.
///
/// An item name the lexicon does not know is not an error: it is categorized `other` with a
/// low confidence.
public struct LexiconError: Error, Sendable, CustomStringConvertible {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        /// The file is missing or cannot be read.
        public static let unreadable = Code(rawValue: "unreadable")
        /// The file is not JSON.
        public static let invalidJSON = Code(rawValue: "invalid_json")
        /// The JSON is not a lexicon: an unknown category, a term that is not a string, …
        public static let invalidLexicon = Code(rawValue: "invalid_lexicon")
        public var description: String { rawValue }
    }

    public let code: Code
    /// The file the problem is in (`lexicon` when the lexicon was given as a value).
    public let source: String
    /// A JSON pointer to the bad entry (`/categories/food/12`); empty for the whole file.
    public let path: String
    /// A whole sentence saying what is wrong and what to do.
    public let message: String
    /// The underlying error, e.g. the `JSONError` of a file that is not JSON.
    public let underlying: (any Error & Sendable)?

    public init(_ code: Code, in source: String, at path: String, _ message: String, underlying: (any Error & Sendable)? = nil) {
        self.code = code
        self.source = source
        self.path = path
        self.message = message
        self.underlying = underlying
    }

    public var description: String {
        path.isEmpty ? "\(source): \(message)" : "\(source) at \(path): \(message)"
    }
}
