import OrchJSON

/// Turns schema JSON into a graph of ``SchemaNode``s: resolves every `$id`, `$anchor`,
/// `$dynamicAnchor` and `$ref` once, so that validation never looks anything up by name.
final class SchemaCompiler {
    struct Document {
        let json: JSONValue
        let uri: String
    }

    /// A place in a document, with the base URI in force there.
    struct Location {
        let document: Int
        let pointer: [String]
        let base: String
    }

    private(set) var documents: [Document] = []
    private var locations: [String: Location] = [:]
    private var dynamicAnchorLocations: [String: [String: Location]] = [:]
    private var nodes: [String: SchemaNode] = [:]
    private var resourceObjects: [String: SchemaResource] = [:]
    private let resources: SchemaResources
    private let formatAssertion: Bool
    private(set) var usesDynamicRef = false

    static let defaultBaseURI = "urn:orch-mcp:schema"

    /// Everything compiled so far, handed to the ``SchemaGraph`` that owns it.
    var graph: SchemaGraph { SchemaGraph(nodes: Array(nodes.values), resources: Array(resourceObjects.values)) }

    init(resources: SchemaResources, formatAssertion: Bool) {
        self.resources = resources
        self.formatAssertion = formatAssertion
    }

    /// Compiles `json` as the root schema. If this throws, break the cycles of ``graph``.
    func compileRoot(_ json: JSONValue, defaultDialect: Dialect) throws(SchemaError) -> SchemaNode {
        var base = Self.defaultBaseURI
        if let id = json["$id"]?.stringValue {
            base = URIReference(id).resolved(against: URIReference(base)).withoutFragment.text
        }
        let index = addDocument(json, uri: base, dialect: defaultDialect)
        let root = try node(at: Location(document: index, pointer: [], base: base), dialect: defaultDialect)
        try CycleCheck.run(from: root)
        return root
    }

    // MARK: Documents and their index

    @discardableResult
    private func addDocument(_ json: JSONValue, uri: String, dialect: Dialect) -> Int {
        let index = documents.count
        documents.append(Document(json: json, uri: uri))
        let root = Location(document: index, pointer: [], base: uri)
        locations[uri] = root
        var draft = dialect.draft
        if let schemaURI = json["$schema"]?.stringValue, let standard = Dialect.standard(schemaURI) { draft = standard.draft }
        walk(json, document: index, pointer: [], base: uri, draft: draft, isRoot: true)
        return index
    }

    /// Records every identifier in a document, visiting only places that hold schemas
    /// (so an `$id` inside `const` or `enum` is data, not an identifier).
    private func walk(_ json: JSONValue, document: Int, pointer: [String], base: String, draft: Dialect.Draft, isRoot: Bool) {
        guard case .object(let object) = json else { return }
        var draft = draft
        if let schemaURI = object["$schema"]?.stringValue, let standard = Dialect.standard(schemaURI) { draft = standard.draft }
        var base = base
        let here = { (base: String) in Location(document: document, pointer: pointer, base: base) }
        if let id = object["$id"]?.stringValue, !(draft == .draft7 && object["$ref"] != nil) {
            let resolved = URIReference(id).resolved(against: URIReference(base))
            if let fragment = resolved.fragment, !fragment.isEmpty, draft == .draft7 {
                let resourceURI = resolved.withoutFragment.text
                if resourceURI != URIReference(base).withoutFragment.text {
                    base = resourceURI
                    locations[base] = here(base)
                }
                locations[base + "#" + fragment] = here(base)
            } else {
                base = resolved.withoutFragment.text
                locations[base] = here(base)
            }
        }
        if draft == .draft2020 {
            if let anchor = object["$anchor"]?.stringValue { locations[base + "#" + anchor] = here(base) }
            if let anchor = object["$dynamicAnchor"]?.stringValue {
                locations[base + "#" + anchor] = here(base)
                dynamicAnchorLocations[base, default: [:]][anchor] = here(base)
            }
        }
        Self.forEachSubschema(of: object, draft: draft) { tokens, child in
            walk(child, document: document, pointer: pointer + tokens, base: base, draft: draft, isRoot: false)
        }
    }

    /// Calls `body` with the relative pointer and value of every direct subschema.
    static func forEachSubschema(of object: JSONObject, draft: Dialect.Draft, _ body: ([String], JSONValue) -> Void) {
        for (key, value) in object {
            switch key {
            case "additionalProperties", "additionalItems", "contains", "not", "if", "then", "else",
                 "propertyNames", "unevaluatedItems", "unevaluatedProperties", "contentSchema":
                body([key], value)
            case "items":
                if case .array(let list) = value {
                    for (i, item) in list.enumerated() { body([key, String(i)], item) }
                } else {
                    body([key], value)
                }
            case "allOf", "anyOf", "oneOf", "prefixItems":
                if case .array(let list) = value {
                    for (i, item) in list.enumerated() { body([key, String(i)], item) }
                }
            case "properties", "patternProperties", "$defs", "definitions", "dependentSchemas", "dependencies":
                if case .object(let map) = value {
                    for (name, item) in map where item.objectValue != nil || item.boolValue != nil {
                        body([key, name], item)
                    }
                }
            default:
                break
            }
        }
    }

    /// The location a URI names: a resource, a resource plus a JSON-pointer fragment, or an anchor.
    private func locate(_ uri: String, dialect: Dialect) -> Location? {
        let reference = URIReference(uri)
        let resourceURI = reference.withoutFragment.text
        if locations[resourceURI] == nil {
            if let document = resources.document(at: resourceURI) {
                addDocument(document, uri: resourceURI, dialect: dialect)
            } else if let meta = MetaSchemas.documents.first(where: { $0.uri == resourceURI }),
                      let document = try? JSONValue(parsing: meta.json) {
                addDocument(document, uri: resourceURI, dialect: .draft2020)
            }
        }
        let fragment = (reference.fragment ?? "").percentDecoded
        guard fragment.isEmpty || fragment.hasPrefix("/") else { return locations[resourceURI + "#" + fragment] }
        guard let root = locations[resourceURI], let pointer = try? JSONPointer(fragment) else { return nil }
        var value = JSONPointer(tokens: root.pointer).get(in: documents[root.document].json)
        var base = root.base
        for token in pointer.tokens {
            guard let current = value, let next = JSONPointer(tokens: [token]).get(in: current) else { return nil }
            if let id = next["$id"]?.stringValue {
                let resolved = URIReference(id).resolved(against: URIReference(base))
                if resolved.fragment.map({ $0.isEmpty }) ?? true { base = resolved.withoutFragment.text }
            }
            value = next
        }
        guard value != nil else { return nil }
        return Location(document: root.document, pointer: root.pointer + pointer.tokens, base: base)
    }

    // MARK: Nodes

    private func displayLocation(_ location: Location) -> String {
        let pointer = JSONPointer(tokens: location.pointer).description
        return location.document == 0 ? pointer : documents[location.document].uri + "#" + pointer
    }

    private func resourceObject(_ uri: String, dialect: Dialect) throws(SchemaError) -> SchemaResource {
        if let existing = resourceObjects[uri] { return existing }
        let resource = SchemaResource(uri: uri)
        resourceObjects[uri] = resource
        for (name, location) in dynamicAnchorLocations[uri] ?? [:] {
            resource.dynamicAnchors[name] = try node(at: location, dialect: dialect)
        }
        return resource
    }

    func node(at location: Location, dialect: Dialect) throws(SchemaError) -> SchemaNode {
        let key = "\(location.document)|\(JSONPointer(tokens: location.pointer))|\(dialect.hashValue)"
        if let cached = nodes[key] { return cached }
        let node = SchemaNode(location: displayLocation(location))
        nodes[key] = node
        guard let json = JSONPointer(tokens: location.pointer).get(in: documents[location.document].json) else {
            throw SchemaError(.unresolvedReference, at: node.location,
                              "A reference leads here, but the document has nothing at this location.")
        }
        node.resource = try resourceObject(location.base, dialect: dialect)
        try fill(node, json: json, location: location, dialect: dialect)
        return node
    }

    private func child(_ location: Location, _ tokens: String..., dialect: Dialect) throws(SchemaError) -> SchemaNode {
        let pointer = location.pointer + tokens
        guard let json = JSONPointer(tokens: pointer).get(in: documents[location.document].json) else {
            throw SchemaError(.invalidSchema, at: displayLocation(location),
                              "The subschema at '\(JSONPointer(tokens: tokens))' below this location is missing.")
        }
        var base = location.base
        if let id = json["$id"]?.stringValue, !(dialect.draft == .draft7 && json["$ref"] != nil) {
            let resolved = URIReference(id).resolved(against: URIReference(base))
            if dialect.draft == .draft2020 || (resolved.fragment ?? "").isEmpty || resolved.withoutFragment.text != URIReference(base).withoutFragment.text {
                base = resolved.withoutFragment.text
            }
        }
        return try node(at: Location(document: location.document, pointer: pointer, base: base), dialect: dialect)
    }

    private func fill(_ node: SchemaNode, json: JSONValue, location: Location, dialect inherited: Dialect) throws(SchemaError) {
        switch json {
        case .bool(let value):
            node.constant = value
            return
        case .object(let object):
            var dialect = inherited
            if let schemaURI = object["$schema"]?.stringValue {
                if let standard = Dialect.standard(schemaURI) {
                    dialect = standard
                } else if let metaLocation = locate(schemaURI, dialect: .draft2020) {
                    let meta = JSONPointer(tokens: metaLocation.pointer).get(in: documents[metaLocation.document].json) ?? .null
                    dialect = try Dialect.from(metaSchema: meta, uri: schemaURI, location: node.location + "/$schema")
                }
                dialect.formatAssertion = dialect.formatAssertion || inherited.formatAssertion
            }
            if formatAssertion { dialect.formatAssertion = true }
            var builder = KeywordBuilder(compiler: self, node: node, object: object, location: location, dialect: dialect)
            try builder.build()
        default:
            throw SchemaError(.invalidSchema, at: node.location,
                              "A schema must be an object or a boolean, found \(json.shortDescription).")
        }
    }

    // MARK: For KeywordBuilder

    func subschema(_ location: Location, _ tokens: [String], dialect: Dialect) throws(SchemaError) -> SchemaNode {
        switch tokens.count {
        case 1: try child(location, tokens[0], dialect: dialect)
        default: try child(location, tokens[0], tokens[1], dialect: dialect)
        }
    }

    func reference(_ ref: String, from location: Location, at keywordLocation: String, dialect: Dialect) throws(SchemaError) -> (SchemaNode, JSONValue) {
        let absolute = URIReference(ref).resolved(against: URIReference(location.base)).text
        guard let target = locate(absolute, dialect: dialect) else {
            throw SchemaError(.unresolvedReference, at: keywordLocation,
                              "The reference '\(ref)' (resolved to '\(absolute)') points nowhere: no registered schema, JSON pointer or anchor matches it. Remote schemas must be registered as local resources; nothing is fetched from the network.")
        }
        let json = JSONPointer(tokens: target.pointer).get(in: documents[target.document].json) ?? .null
        return (try node(at: target, dialect: dialect), json)
    }

    func noteDynamicRef() { usesDynamicRef = true }
}
