import OrchJSON

/// What the keywords of a schema (and its in-place subschemas) evaluated, for
/// `unevaluatedProperties` and `unevaluatedItems`.
struct Evaluated {
    var allProperties = false
    var properties: Set<String> = []
    var allItems = false
    var itemPrefix = 0
    var items: Set<Int> = []

    mutating func merge(_ other: Evaluated) {
        allProperties = allProperties || other.allProperties
        properties.formUnion(other.properties)
        allItems = allItems || other.allItems
        itemPrefix = max(itemPrefix, other.itemPrefix)
        items.formUnion(other.items)
    }
}

/// One validation pass: the instance path, the dynamic scope and the errors so far.
///
/// With `collecting` off it answers only valid/invalid and stops at the first failure;
/// subschemas whose failure is not itself an error (`anyOf` branches, `not`, `if`,
/// `contains`) always run that way.
struct Validator {
    var collecting: Bool
    let tracksScope: Bool
    var errors: [ValidationError] = []
    var path: [PathComponent] = []

    /// One step of the instance path; turned into pointer text only when an error is reported.
    enum PathComponent {
        case key(String)
        case index(Int)
    }

    /// The instance location being validated, as a JSON pointer.
    var pointer: JSONPointer {
        JSONPointer(tokens: path.map { component in
            switch component {
            case .key(let key): key
            case .index(let index): String(index)
            }
        })
    }
    var scope: [SchemaResource] = []
    var depth = 0

    /// Nesting of subschema evaluations allowed before validation gives up with an error.
    static let maxDepth = 2_000
    /// Stack a validation may use (threads here have 8 MiB; debug builds use far more per level).
    static let stackBudget: UInt = 4 << 20
    /// Below this address the stack budget is spent.
    private let stackLimit: UInt

    init(collecting: Bool, tracksScope: Bool) {
        self.collecting = collecting
        self.tracksScope = tracksScope
        let here = Self.stackAddress()
        stackLimit = here > Self.stackBudget ? here - Self.stackBudget : 0
    }

    @inline(__always)
    static func stackAddress() -> UInt {
        var marker: UInt8 = 0
        return withUnsafeMutablePointer(to: &marker) { UInt(bitPattern: $0) }
    }

    mutating func fail(_ check: Check, _ message: @autoclosure () -> String) {
        guard collecting else { return }
        errors.append(ValidationError(instanceLocation: pointer, keywordLocation: check.location, message: message()))
    }

    /// Validates without recording errors, whatever the mode.
    mutating func quietly(_ node: SchemaNode, _ instance: JSONValue, _ evaluated: inout Evaluated?) -> Bool {
        let saved = collecting
        collecting = false
        defer { collecting = saved }
        return validate(node, instance, &evaluated)
    }

    mutating func quietly(_ node: SchemaNode, _ instance: JSONValue) -> Bool {
        var none: Evaluated? = nil
        return quietly(node, instance, &none)
    }

    /// Errors a subschema would report, for explaining why a combination failed.
    mutating func explain(_ node: SchemaNode, _ instance: JSONValue) -> [ValidationError] {
        let savedErrors = errors
        let savedCollecting = collecting
        errors = []
        collecting = true
        var none: Evaluated? = nil
        _ = validate(node, instance, &none)
        let found = errors
        errors = savedErrors
        collecting = savedCollecting
        return found
    }

    mutating func validate(_ node: SchemaNode, _ instance: JSONValue, _ evaluated: inout Evaluated?) -> Bool {
        if let constant = node.constant {
            if !constant {
                fail(Check(kind: .constant(.null), location: node.location), "no value is allowed here (the schema is false)")
            }
            return constant
        }
        if let leaf = node.leaf, leaf.accepts(instance) { return true }
        depth += 1
        defer { depth -= 1 }
        if depth > Self.maxDepth || Self.stackAddress() < stackLimit {
            fail(Check(kind: .constant(.null), location: node.location), "the schema nests deeper than \(Self.maxDepth) levels while validating this value; the schema likely recurses without progress")
            return false
        }
        var pushed = false
        if tracksScope, scope.last !== node.resource {
            scope.append(node.resource)
            pushed = true
        }
        defer { if pushed { scope.removeLast() } }

        let needsOwn = node.needsAnnotations
        var local: Evaluated? = needsOwn ? Evaluated() : nil
        var valid = true
        if needsOwn {
            for check in node.checks where !run(check, instance, &local) {
                valid = false
                if !collecting { return false }
            }
            if let check = node.unevaluatedProperties, !run(check, instance, &local) {
                valid = false
                if !collecting { return false }
            }
            if let check = node.unevaluatedItems, !run(check, instance, &local) {
                valid = false
            }
            if valid, evaluated != nil, let local { evaluated!.merge(local) }
        } else {
            for check in node.checks where !run(check, instance, &evaluated) {
                valid = false
                if !collecting { return false }
            }
        }
        return valid
    }
}
