import OrchJSON

/// Compiles the keywords of one schema object into ``Check``s, in evaluation order.
struct KeywordBuilder {
    let compiler: SchemaCompiler
    let node: SchemaNode
    let object: JSONObject
    let location: SchemaCompiler.Location
    let dialect: Dialect

    init(compiler: SchemaCompiler, node: SchemaNode, object: JSONObject, location: SchemaCompiler.Location, dialect: Dialect) {
        self.compiler = compiler
        self.node = node
        self.object = object
        self.location = location
        self.dialect = dialect
    }

    private func at(_ keyword: String) -> String {
        node.location + "/" + JSONPointer(tokens: [keyword]).description.dropFirst()
    }

    private func invalid(_ keyword: String, _ message: String) -> SchemaError {
        SchemaError(.invalidSchema, at: at(keyword), message)
    }

    private func sub(_ tokens: String...) throws(SchemaError) -> SchemaNode {
        try compiler.subschema(location, tokens, dialect: dialect)
    }

    private func nonNegativeInt(_ keyword: String) throws(SchemaError) -> Int? {
        guard let value = object[keyword] else { return nil }
        guard let n = value.intValue, n >= 0 else {
            throw invalid(keyword, "'\(keyword)' must be a non-negative integer, found \(value.shortDescription).")
        }
        return Int(clamping: n)
    }

    private func number(_ keyword: String) throws(SchemaError) -> JSONValue? {
        guard let value = object[keyword] else { return nil }
        guard value.isNumber else { throw invalid(keyword, "'\(keyword)' must be a number, found \(value.shortDescription).") }
        return value
    }

    private func schemaList(_ keyword: String) throws(SchemaError) -> [SchemaNode]? {
        guard let value = object[keyword] else { return nil }
        guard case .array(let list) = value, !list.isEmpty else {
            throw invalid(keyword, "'\(keyword)' must be a non-empty array of schemas, found \(value.shortDescription).")
        }
        var nodes: [SchemaNode] = []
        for i in list.indices { nodes.append(try sub(keyword, String(i))) }
        return nodes
    }

    private func stringList(_ value: JSONValue, _ keyword: String) throws(SchemaError) -> [String] {
        guard case .array(let list) = value else {
            throw invalid(keyword, "'\(keyword)' must be an array of strings, found \(value.shortDescription).")
        }
        var names: [String] = []
        for item in list {
            guard let name = item.stringValue else {
                throw invalid(keyword, "'\(keyword)' must list strings only, found \(item.shortDescription).")
            }
            names.append(name)
        }
        return names
    }

    private func add(_ keyword: String, _ kind: Kind) {
        node.checks.append(Check(kind: kind, location: at(keyword)))
    }

    mutating func build() throws(SchemaError) {
        if let ref = object["$ref"] {
            guard let text = ref.stringValue else { throw invalid("$ref", "'$ref' must be a string, found \(ref.shortDescription).") }
            let (target, _) = try compiler.reference(text, from: location, at: at("$ref"), dialect: dialect)
            add("$ref", .ref(target))
            // Draft-07: a $ref ignores every keyword beside it.
            if dialect.draft == .draft7 { return }
        }
        if dialect.draft == .draft2020, let ref = object["$dynamicRef"] {
            guard let text = ref.stringValue else { throw invalid("$dynamicRef", "'$dynamicRef' must be a string, found \(ref.shortDescription).") }
            let (target, json) = try compiler.reference(text, from: location, at: at("$dynamicRef"), dialect: dialect)
            let fragment = URIReference(text).fragment ?? ""
            let dynamic = !fragment.isEmpty && !fragment.hasPrefix("/") && json["$dynamicAnchor"]?.stringValue == fragment
            add("$dynamicRef", .dynamicRef(target, anchor: dynamic ? fragment : nil))
            compiler.noteDynamicRef()
        }
        // Applicators compile first (so that `required` can fold into `properties`), but the
        // cheap assertions run first: they are moved in front below.
        let start = node.checks.count
        if dialect.applicator { try buildApplicators() }
        let applicatorChecks = Array(node.checks[start...])
        node.checks.removeSubrange(start...)
        if dialect.validation { try buildValidation() }
        if dialect.formatAssertion, let format = object["format"]?.stringValue {
            if format == "regex" || FormatChecker.check(format, "") != nil { add("format", .format(format)) }
        }
        node.checks += applicatorChecks
        if dialect.unevaluated && dialect.draft == .draft2020 {
            if object["unevaluatedProperties"] != nil {
                node.unevaluatedProperties = Check(kind: .unevaluatedProperties(try sub("unevaluatedProperties")), location: at("unevaluatedProperties"))
            }
            if object["unevaluatedItems"] != nil {
                node.unevaluatedItems = Check(kind: .unevaluatedItems(try sub("unevaluatedItems")), location: at("unevaluatedItems"))
            }
        }
        if node.checks.isEmpty && !node.needsAnnotations { node.constant = true }
        if !node.needsAnnotations { node.leaf = LeafCheck(node.checks) }
    }

    private mutating func buildValidation() throws(SchemaError) {
        if let type = object["type"] {
            var mask = TypeMask()
            let names: [JSONValue] = type.arrayValue ?? [type]
            for name in names {
                guard let text = name.stringValue, let bit = TypeMask(name: text) else {
                    throw invalid("type", "'type' must name JSON types (null, boolean, integer, number, string, array, object), found \(name.shortDescription).")
                }
                mask.insert(bit)
            }
            add("type", .type(mask))
        }
        if let value = object["enum"] {
            guard case .array(let options) = value else { throw invalid("enum", "'enum' must be an array, found \(value.shortDescription).") }
            add("enum", .enumeration(options))
        }
        if let value = object["const"] { add("const", .constant(value)) }
        if let value = try number("multipleOf") {
            guard let decimal = ExactDecimal(value), decimal.isPositive else {
                throw invalid("multipleOf", "'multipleOf' must be a number greater than 0, found \(value.shortDescription).")
            }
            add("multipleOf", .multipleOf(decimal, value))
        }
        if let value = try number("maximum") { add("maximum", .maximum(value)) }
        if let value = try number("minimum") { add("minimum", .minimum(value)) }
        if let value = object["exclusiveMaximum"] {
            guard value.isNumber else { throw invalid("exclusiveMaximum", "'exclusiveMaximum' must be a number, found \(value.shortDescription).") }
            add("exclusiveMaximum", .exclusiveMaximum(value))
        }
        if let value = object["exclusiveMinimum"] {
            guard value.isNumber else { throw invalid("exclusiveMinimum", "'exclusiveMinimum' must be a number, found \(value.shortDescription).") }
            add("exclusiveMinimum", .exclusiveMinimum(value))
        }
        if let n = try nonNegativeInt("maxLength") { add("maxLength", .maxLength(n)) }
        if let n = try nonNegativeInt("minLength") { add("minLength", .minLength(n)) }
        if let value = object["pattern"] {
            guard let source = value.stringValue else { throw invalid("pattern", "'pattern' must be a string, found \(value.shortDescription).") }
            add("pattern", .pattern(try ECMARegex(source, location: at("pattern"))))
        }
        if let n = try nonNegativeInt("maxItems") { add("maxItems", .maxItems(n)) }
        if let n = try nonNegativeInt("minItems") { add("minItems", .minItems(n)) }
        if object["uniqueItems"] == .bool(true) { add("uniqueItems", .uniqueItems) }
        if let n = try nonNegativeInt("maxProperties") { add("maxProperties", .maxProperties(n)) }
        if let n = try nonNegativeInt("minProperties") { add("minProperties", .minProperties(n)) }
        if let value = object["required"] {
            let names = try stringList(value, "required")
            // Folded into the properties pass when possible (see ObjectApplicator.foldRequired).
            if !(dialect.applicator && foldRequired(names)) { add("required", .required(names)) }
        }
        if dialect.draft == .draft2020, let value = object["dependentRequired"] {
            guard case .object(let map) = value else {
                throw invalid("dependentRequired", "'dependentRequired' must be an object of string arrays, found \(value.shortDescription).")
            }
            var pairs: [(String, [String])] = []
            for (name, list) in map { pairs.append((name, try stringList(list, "dependentRequired"))) }
            add("dependentRequired", .dependentRequired(pairs))
        }
        if dialect.draft == .draft7, case .object(let map)? = object["dependencies"] {
            var required: [(String, [String])] = []
            for (name, value) in map where value.arrayValue != nil {
                required.append((name, try stringList(value, "dependencies")))
            }
            if !required.isEmpty { add("dependencies", .dependentRequired(required)) }
        }
    }

    /// Names `required` folds into: set by buildObjectApplicators, which runs first.
    private var foldableApplicator: ObjectApplicator? = nil

    private func foldRequired(_ names: [String]) -> Bool {
        guard let applicator = foldableApplicator else { return false }
        return applicator.foldRequired(names, location: at("required"))
    }

    private mutating func buildApplicators() throws(SchemaError) {
        if let nodes = try schemaList("allOf") { add("allOf", .allOf(nodes)) }
        if let nodes = try schemaList("anyOf") { add("anyOf", .anyOf(nodes)) }
        if let nodes = try schemaList("oneOf") { add("oneOf", .oneOf(nodes)) }
        if object["not"] != nil { add("not", .not(try sub("not"))) }
        if object["if"] != nil {
            let thenNode = object["then"] != nil ? try sub("then") : nil
            let elseNode = object["else"] != nil ? try sub("else") : nil
            // Compiled even alone: `if` without `then`/`else` asserts nothing but still annotates.
            add("if", .conditional(if: try sub("if"), then: thenNode, else: elseNode))
        }
        try buildArrayApplicators()
        try buildObjectApplicators()
    }

    private mutating func buildArrayApplicators() throws(SchemaError) {
        var prefix: [SchemaNode] = []
        var rest: SchemaNode?
        var keyword = "items"
        switch dialect.draft {
        case .draft2020:
            if case .array(let list)? = object["prefixItems"] {
                for i in list.indices { prefix.append(try sub("prefixItems", String(i))) }
                keyword = "prefixItems"
            }
            if object["items"] != nil { rest = try sub("items"); keyword = "items" }
        case .draft7:
            if case .array(let list)? = object["items"] {
                for i in list.indices { prefix.append(try sub("items", String(i))) }
                if object["additionalItems"] != nil { rest = try sub("additionalItems"); keyword = "additionalItems" }
            } else if object["items"] != nil {
                rest = try sub("items")
            }
        }
        if !prefix.isEmpty || rest != nil { add(keyword, .items(prefix: prefix, rest: rest)) }
        if object["contains"] != nil {
            let containsNode = try sub("contains")
            var minimum = 1
            var maximum: Int?
            if dialect.draft == .draft2020 {
                if dialect.validation, let n = try nonNegativeInt("minContains") { minimum = n }
                if dialect.validation { maximum = try nonNegativeInt("maxContains") }
            }
            add("contains", .contains(containsNode, min: minimum, max: maximum))
        }
    }

    private mutating func buildObjectApplicators() throws(SchemaError) {
        let applicator = ObjectApplicator()
        var present = false
        if case .object(let map)? = object["properties"] {
            present = true
            for (name, _) in map {
                applicator.addProperty(name, try sub("properties", name))
            }
        }
        if case .object(let map)? = object["patternProperties"] {
            present = true
            for (source, _) in map {
                let regex = try ECMARegex(source, location: at("patternProperties"))
                applicator.patterns.append((regex, try sub("patternProperties", source)))
            }
        }
        if object["additionalProperties"] != nil {
            present = true
            applicator.additional = try sub("additionalProperties")
            applicator.additionalLocation = at("additionalProperties")
        }
        if present {
            add("properties", .properties(applicator))
            foldableApplicator = applicator
        }
        if object["propertyNames"] != nil { add("propertyNames", .propertyNames(try sub("propertyNames"))) }
        let dependentKeyword = dialect.draft == .draft2020 ? "dependentSchemas" : "dependencies"
        if case .object(let map)? = object[dependentKeyword] {
            var pairs: [(String, SchemaNode)] = []
            for (name, value) in map where value.arrayValue == nil {
                pairs.append((name, try sub(dependentKeyword, name)))
            }
            if !pairs.isEmpty { add(dependentKeyword, .dependentSchemas(pairs)) }
        }
    }
}
