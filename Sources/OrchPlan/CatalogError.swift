/// Why a catalog, a catalog export or a function registration failed: the one error type
/// of catalog handling.
public struct CatalogError: Error, Sendable, CustomStringConvertible {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public static let unreadable = Code(rawValue: "unreadable")
        public static let invalidJSON = Code(rawValue: "invalid_json")
        public static let invalidCatalog = Code(rawValue: "invalid_catalog")
        public static let invalidName = Code(rawValue: "invalid_name")
        public static let duplicateTool = Code(rawValue: "duplicate_tool")
        public static let invalidSchema = Code(rawValue: "invalid_schema")
        /// A tool cannot be expressed in an export format.
        public static let unsupportedByFormat = Code(rawValue: "unsupported_by_format")
        public var description: String { rawValue }
    }

    public let code: Code
    /// The file (or `built-in`) the problem is in.
    public let source: String
    /// A JSON pointer into that file.
    public let path: String
    /// A whole sentence saying what is wrong and what to do.
    public let message: String

    public init(_ code: Code, in source: String, at path: String, _ message: String) {
        self.code = code
        self.source = source
        self.path = path
        self.message = message
    }

    public var description: String {
        path.isEmpty ? "\(source): \(message)" : "\(source) at \(path): \(message)"
    }
}
