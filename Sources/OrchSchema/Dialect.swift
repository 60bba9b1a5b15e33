import OrchJSON

/// Which keywords apply: the draft, and for 2020-12 the vocabularies a meta-schema enables.
struct Dialect: Hashable, Sendable {
    enum Draft: Hashable, Sendable { case draft7, draft2020 }

    var draft: Draft
    var applicator = true
    var validation = true
    var unevaluated = true
    var formatAssertion = false

    static let draft2020 = Dialect(draft: .draft2020)
    static let draft7 = Dialect(draft: .draft7, unevaluated: false)

    static let draft2020URI = "https://json-schema.org/draft/2020-12/schema"
    static let draft7URI = "http://json-schema.org/draft-07/schema"

    /// The dialect a `$schema` URI names, when it is one of the standard ones.
    static func standard(_ uri: String) -> Dialect? {
        var text = uri
        if text.hasSuffix("#") { text.removeLast() }
        if text.hasPrefix("https://") { text.removeFirst("https://".count) } else if text.hasPrefix("http://") { text.removeFirst("http://".count) }
        switch text {
        case "json-schema.org/draft/2020-12/schema", "json-schema.org/draft/2019-09/schema": return .draft2020
        case "json-schema.org/draft-07/schema", "json-schema.org/draft-06/schema", "json-schema.org/draft-04/schema": return .draft7
        default: return nil
        }
    }

    static let knownVocabularies: Set<String> = [
        "https://json-schema.org/draft/2020-12/vocab/core",
        "https://json-schema.org/draft/2020-12/vocab/applicator",
        "https://json-schema.org/draft/2020-12/vocab/unevaluated",
        "https://json-schema.org/draft/2020-12/vocab/validation",
        "https://json-schema.org/draft/2020-12/vocab/meta-data",
        "https://json-schema.org/draft/2020-12/vocab/format-annotation",
        "https://json-schema.org/draft/2020-12/vocab/format-assertion",
        "https://json-schema.org/draft/2020-12/vocab/content",
    ]

    /// The dialect a custom meta-schema describes through its `$vocabulary`.
    static func from(metaSchema: JSONValue, uri: String, location: String) throws(SchemaError) -> Dialect {
        guard let vocabulary = metaSchema["$vocabulary"]?.objectValue else {
            if let inner = metaSchema["$schema"]?.stringValue, let standard = standard(inner) { return standard }
            return .draft2020
        }
        var dialect = Dialect(draft: .draft2020, applicator: false, validation: false, unevaluated: false)
        for (name, required) in vocabulary {
            switch name {
            case "https://json-schema.org/draft/2020-12/vocab/applicator": dialect.applicator = true
            case "https://json-schema.org/draft/2020-12/vocab/validation": dialect.validation = true
            case "https://json-schema.org/draft/2020-12/vocab/unevaluated": dialect.unevaluated = true
            case "https://json-schema.org/draft/2020-12/vocab/format-assertion": dialect.formatAssertion = true
            default:
                if !knownVocabularies.contains(name) && required == .bool(true) {
                    throw SchemaError(.unknownVocabulary, at: location,
                                      "The meta-schema '\(uri)' requires the vocabulary '\(name)', which this validator does not support.")
                }
            }
        }
        return dialect
    }
}
