/// Why a JSON text could not be read, and where.
///
/// `offset` is the zero-based byte offset of the first byte that could not be accepted.
public struct JSONError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What kind of problem it is; stable for programs, while `reason` is for people.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public static let unexpectedEnd = Code(rawValue: "unexpected_end")
        public static let unexpectedCharacter = Code(rawValue: "unexpected_character")
        public static let invalidUTF8 = Code(rawValue: "invalid_utf8")
        public static let invalidEscape = Code(rawValue: "invalid_escape")
        public static let loneSurrogate = Code(rawValue: "lone_surrogate")
        public static let controlCharacter = Code(rawValue: "control_character")
        public static let invalidNumber = Code(rawValue: "invalid_number")
        public static let tooDeep = Code(rawValue: "too_deep")
        public static let trailingData = Code(rawValue: "trailing_data")
        public static let invalidPointer = Code(rawValue: "invalid_pointer")
        public static let pointerNotFound = Code(rawValue: "pointer_not_found")
        public var description: String { rawValue }
    }

    public let code: Code
    /// Byte offset into the input, when the error comes from parsing.
    public let offset: Int?
    /// A whole sentence saying what is wrong.
    public let reason: String

    public init(_ code: Code, offset: Int?, _ reason: String) {
        self.code = code
        self.offset = offset
        self.reason = reason
    }

    public var description: String {
        if let offset { "invalid JSON at byte \(offset): \(reason)" } else { reason }
    }
}
