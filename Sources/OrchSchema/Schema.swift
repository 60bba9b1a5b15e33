import OrchJSON

/// A compiled JSON Schema: compile once, validate many instances, from any thread.
///
/// Draft 2020-12 is the default dialect; a schema (or an embedded resource) whose `$schema`
/// names draft-07 is read as draft-07. References resolve only against the schema itself,
/// the registered ``SchemaResources`` and the built-in meta-schemas — never the network.
///
/// ```swift
/// let schema = try Schema(["type": "object", "required": ["name"]])
/// let result = schema.validate(["age": 3])
/// // result.errors[0].description == "`(root)`: the required property \"name\" is missing"
/// ```
public struct Schema: Sendable {
    /// The dialects this validator reads.
    public enum Draft: String, Sendable, CaseIterable {
        case draft2020_12 = "2020-12"
        case draft7 = "draft-07"
    }

    /// Settings for compiling a schema.
    public struct Options: Sendable {
        /// The dialect of a schema that has no `$schema` keyword.
        public var defaultDraft: Draft
        /// Check `format` (date-time, email, uuid, …) as an assertion instead of an annotation.
        public var formatAssertion: Bool
        /// Check the schema against its standard meta-schema before compiling it, so that a
        /// misspelt keyword value is an error with a location rather than a surprise later.
        public var checkMetaSchema: Bool

        public init(defaultDraft: Draft = .draft2020_12, formatAssertion: Bool = false, checkMetaSchema: Bool = true) {
            self.defaultDraft = defaultDraft
            self.formatAssertion = formatAssertion
            self.checkMetaSchema = checkMetaSchema
        }
    }

    let root: SchemaNode
    let tracksScope: Bool
    /// Keeps the nodes alive and frees their cycles with the last copy of this schema.
    private let graph: SchemaGraph
    /// The schema as given.
    public let json: JSONValue

    /// Compiles `json`. Throws ``SchemaError`` when the schema is invalid, a reference
    /// points nowhere, references loop without progress, or a pattern does not compile.
    public init(_ json: JSONValue, resources: SchemaResources = SchemaResources(), options: Options = Options()) throws(SchemaError) {
        self.json = json
        if options.checkMetaSchema {
            try Self.checkAgainstMetaSchema(json, defaultDraft: options.defaultDraft)
        }
        let compiler = SchemaCompiler(resources: resources, formatAssertion: options.formatAssertion)
        let dialect: Dialect = json["$schema"]?.stringValue.flatMap(Dialect.standard)
            ?? (options.defaultDraft == .draft7 ? .draft7 : .draft2020)
        do {
            root = try compiler.compileRoot(json, defaultDialect: dialect)
        } catch {
            compiler.graph.breakCycles()
            throw error
        }
        graph = compiler.graph
        tracksScope = compiler.usesDynamicRef
    }

    /// Validates `instance`, collecting every error.
    public func validate(_ instance: JSONValue) -> ValidationResult {
        var validator = Validator(collecting: true, tracksScope: tracksScope)
        var none: Evaluated? = nil
        _ = validator.validate(root, instance, &none)
        return ValidationResult(errors: validator.errors)
    }

    /// Whether `instance` is valid; stops at the first failure, so it is faster than ``validate(_:)``.
    public func isValid(_ instance: JSONValue) -> Bool {
        var validator = Validator(collecting: false, tracksScope: tracksScope)
        var none: Evaluated? = nil
        return validator.validate(root, instance, &none)
    }

    // MARK: Meta-schemas

    private static let metaSchemas: [String: Schema] = {
        var compiled: [String: Schema] = [:]
        for uri in [Dialect.draft2020URI, Dialect.draft7URI] {
            guard let text = MetaSchemas.documents.first(where: { $0.uri == uri })?.json,
                  let document = try? JSONValue(parsing: text),
                  let schema = try? Schema(document, options: Options(checkMetaSchema: false)) else {
                preconditionFailure("The built-in meta-schema \(uri) does not compile.")
            }
            compiled[uri] = schema
        }
        return compiled
    }()

    static func checkAgainstMetaSchema(_ json: JSONValue, defaultDraft: Draft) throws(SchemaError) {
        var uri = defaultDraft == .draft7 ? Dialect.draft7URI : Dialect.draft2020URI
        if let declared = json["$schema"]?.stringValue {
            guard let standard = Dialect.standard(declared) else { return }
            uri = standard.draft == .draft7 ? Dialect.draft7URI : Dialect.draft2020URI
        }
        guard let meta = metaSchemas[uri] else { return }
        let result = meta.validate(json)
        guard let first = result.errors.first else { return }
        throw SchemaError(.invalidSchema, at: first.instanceLocation.description,
                          "The schema does not conform to its meta-schema (\(uri)): \(first.description)",
                          violations: result.errors)
    }
}
