import OrchJSON

/// One way an instance fails its schema.
public struct ValidationError: Sendable, Hashable, CustomStringConvertible {
    /// Where in the instance (JSON pointer, `""` for the whole instance).
    public let instanceLocation: JSONPointer
    /// Which keyword of the schema (a JSON pointer into the root schema, or a URI with a
    /// pointer fragment for keywords in other documents).
    public let keywordLocation: String
    /// A readable sentence: `expected a number, found the string "12,50"`.
    public let message: String

    public init(instanceLocation: JSONPointer, keywordLocation: String, message: String) {
        self.instanceLocation = instanceLocation
        self.keywordLocation = keywordLocation
        self.message = message
    }

    /// `` `/items/2/price`: expected a number, found the string "12,50" ``
    public var description: String {
        let location = instanceLocation.tokens.isEmpty ? "(root)" : instanceLocation.description
        return "`\(location)`: \(message)"
    }

    /// `{"instanceLocation", "keywordLocation", "message"}`.
    public var json: JSONValue {
        [
            "instanceLocation": .string(instanceLocation.description),
            "keywordLocation": .string(keywordLocation),
            "message": .string(message),
        ]
    }
}

/// The verdict on one instance: valid, or every error found.
public struct ValidationResult: Sendable, Hashable {
    public let errors: [ValidationError]
    public var valid: Bool { errors.isEmpty }

    public init(errors: [ValidationError]) { self.errors = errors }

    /// `{"valid": bool, "errors": [...]}`.
    public var json: JSONValue {
        ["valid": .bool(valid), "errors": .array(errors.map(\.json))]
    }
}
