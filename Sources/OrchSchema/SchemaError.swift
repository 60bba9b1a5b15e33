import OrchJSON

/// Why a schema could not be compiled: the one error type of this module.
///
/// A schema that compiles but rejects an instance is not an error: that is a
/// ``ValidationResult`` with `valid == false`.
public struct SchemaError: Error, Sendable, CustomStringConvertible {
    /// What kind of problem it is, stable for programs.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        /// The schema does not conform to its meta-schema; ``SchemaError/violations`` says where.
        public static let invalidSchema = Code(rawValue: "invalid_schema")
        /// A `$ref` or `$dynamicRef` names a URI that no registered resource provides.
        public static let unresolvedReference = Code(rawValue: "unresolved_reference")
        /// References loop back to the same schema without looking into the instance.
        public static let referenceCycle = Code(rawValue: "reference_cycle")
        /// A `pattern` or `patternProperties` regular expression does not compile.
        public static let invalidPattern = Code(rawValue: "invalid_pattern")
        /// The meta-schema requires a vocabulary this validator does not know.
        public static let unknownVocabulary = Code(rawValue: "unknown_vocabulary")
        /// A resource file could not be read or is not JSON.
        public static let invalidResource = Code(rawValue: "invalid_resource")
        public var description: String { rawValue }
    }

    public let code: Code
    /// Where in the schema the problem is (a JSON pointer, or a URI with a pointer fragment).
    public let location: String
    /// A whole sentence saying what is wrong and what to do.
    public let message: String
    /// For ``Code/invalidSchema``: each place the schema breaks its meta-schema.
    public let violations: [ValidationError]

    init(_ code: Code, at location: String, _ message: String, violations: [ValidationError] = []) {
        self.code = code
        self.location = location
        self.message = message
        self.violations = violations
    }

    public var description: String {
        // A resource that cannot be read is not a schema problem at any location.
        guard code != .invalidResource else { return message }
        let place = location.isEmpty ? "the schema root" : "'\(location)'"
        return "Invalid schema at \(place): \(message)"
    }
}
