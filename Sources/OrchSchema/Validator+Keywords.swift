import OrchJSON

extension Validator {
    /// Runs one keyword. Annotations go into `evaluated` when it is not nil.
    ///
    /// A thin dispatcher: each applicator lives in its own function and every assertion in
    /// `runAssertion`, so that the frames on the recursive path stay small (deep instances
    /// against recursive schemas must not exhaust the stack, in debug builds too).
    mutating func run(_ check: Check, _ instance: JSONValue, _ evaluated: inout Evaluated?) -> Bool {
        switch check.kind {
        case .properties(let applicator):
            return runProperties(check, applicator, instance, &evaluated)
        case .propertyNames(let node):
            return runPropertyNames(check, node, instance, &evaluated)
        case .dependentSchemas(let pairs):
            return runDependentSchemas(check, pairs, instance, &evaluated)
        case .items(let prefix, let rest):
            return runItems(check, prefix, rest, instance, &evaluated)
        case .contains(let node, let minimum, let maximum):
            return runContains(check, node, minimum, maximum, instance, &evaluated)
        case .allOf(let nodes):
            return runAllOf(check, nodes, instance, &evaluated)
        case .anyOf(let nodes):
            return runAnyOf(check, nodes, instance, &evaluated)
        case .oneOf(let nodes):
            return runOneOf(check, nodes, instance, &evaluated)
        case .not(let node):
            return runNot(check, node, instance, &evaluated)
        case .conditional(let condition, let thenNode, let elseNode):
            return runConditional(check, condition, thenNode, elseNode, instance, &evaluated)
        case .ref(let node):
            return runRef(check, node, instance, &evaluated)
        case .dynamicRef(let initial, let anchor):
            return runDynamicRef(check, initial, anchor, instance, &evaluated)
        case .unevaluatedProperties(let node):
            return runUnevaluatedProperties(check, node, instance, &evaluated)
        case .unevaluatedItems(let node):
            return runUnevaluatedItems(check, node, instance, &evaluated)
        default:
            return runAssertion(check, instance)
        }
    }

    /// Keywords that look at the instance only, never at a subschema.
    @inline(never)
    private mutating func runAssertion(_ check: Check, _ instance: JSONValue) -> Bool {
        switch check.kind {
        case .type(let mask):
            if mask.matches(instance) { return true }
            fail(check, "expected \(mask.phrase), found \(instance.shortDescription)")
            return false
        case .enumeration(let options):
            if options.contains(instance) { return true }
            let shown = options.prefix(8).map { JSONWriter.string($0) }.joined(separator: ", ")
            fail(check, "\(instance.shortDescription) is not one of the allowed values: \(shown)\(options.count > 8 ? ", …" : "")")
            return false
        case .constant(let value):
            if instance == value { return true }
            fail(check, "expected exactly \(JSONWriter.string(value)), found \(instance.shortDescription)")
            return false
        case .multipleOf(let divisor, let divisorValue):
            guard instance.isNumber else { return true }
            if let decimal = ExactDecimal(instance), decimal.isMultiple(of: divisor) { return true }
            if ExactDecimal(instance) == nil, let d = instance.doubleValue, let q = Optional(d / divisor.double), q.isFinite, q.rounded() == q { return true }
            fail(check, "\(instance.shortDescription) is not a multiple of \(JSONWriter.string(divisorValue))")
            return false
        case .maximum(let limit):
            guard instance.isNumber, Self.compare(instance, limit) > 0 else { return true }
            fail(check, "\(instance.shortDescription) is greater than the maximum \(JSONWriter.string(limit))")
            return false
        case .exclusiveMaximum(let limit):
            guard instance.isNumber, Self.compare(instance, limit) >= 0 else { return true }
            fail(check, "\(instance.shortDescription) must be less than \(JSONWriter.string(limit))")
            return false
        case .minimum(let limit):
            guard instance.isNumber, Self.compare(instance, limit) < 0 else { return true }
            fail(check, "\(instance.shortDescription) is less than the minimum \(JSONWriter.string(limit))")
            return false
        case .exclusiveMinimum(let limit):
            guard instance.isNumber, Self.compare(instance, limit) <= 0 else { return true }
            fail(check, "\(instance.shortDescription) must be greater than \(JSONWriter.string(limit))")
            return false
        case .maxLength(let limit):
            guard case .string(let s) = instance, s.utf8.count > limit else { return true }
            let length = s.unicodeScalars.count
            if length <= limit { return true }
            fail(check, "the string is \(length) characters long, more than the maximum of \(limit)")
            return false
        case .minLength(let limit):
            guard case .string(let s) = instance else { return true }
            if s.utf8.count >= limit, Self.hasAtLeast(limit, scalarsIn: s) { return true }
            fail(check, "the string is \(s.unicodeScalars.count) characters long, less than the minimum of \(limit)")
            return false
        case .pattern(let regex):
            guard case .string(let s) = instance, !regex.matches(s) else { return true }
            fail(check, "\(instance.shortDescription) does not match the pattern \(JSONWriter.quoted(regex.source))")
            return false
        case .format(let format):
            guard case .string(let s) = instance else { return true }
            let ok: Bool
            if format == "regex" {
                ok = (try? ECMARegex(s, location: "")) != nil
            } else {
                ok = FormatChecker.check(format, s) ?? true
            }
            if ok { return true }
            fail(check, "\(instance.shortDescription) is not a valid \(format)")
            return false
        case .maxItems(let limit):
            guard case .array(let a) = instance, a.count > limit else { return true }
            fail(check, "the array has \(a.count) items, more than the maximum of \(limit)")
            return false
        case .minItems(let limit):
            guard case .array(let a) = instance, a.count < limit else { return true }
            fail(check, "the array has \(a.count) item\(a.count == 1 ? "" : "s"), fewer than the minimum of \(limit)")
            return false
        case .uniqueItems:
            guard case .array(let a) = instance, let (i, j) = Self.firstDuplicate(a) else { return true }
            fail(check, "items \(i) and \(j) are equal, but items must be unique")
            return false
        case .maxProperties(let limit):
            guard case .object(let o) = instance, o.count > limit else { return true }
            fail(check, "the object has \(o.count) properties, more than the maximum of \(limit)")
            return false
        case .minProperties(let limit):
            guard case .object(let o) = instance, o.count < limit else { return true }
            fail(check, "the object has \(o.count) propert\(o.count == 1 ? "y" : "ies"), fewer than the minimum of \(limit)")
            return false
        case .required(let names):
            guard case .object(let o) = instance else { return true }
            var valid = true
            for name in names where o.position(of: name) == nil {
                valid = false
                guard collecting else { return false }
                fail(check, "the required property \(JSONWriter.quoted(name)) is missing")
            }
            return valid
        case .dependentRequired(let pairs):
            guard case .object(let o) = instance else { return true }
            var valid = true
            for (trigger, names) in pairs where o.position(of: trigger) != nil {
                for name in names where o.position(of: name) == nil {
                    valid = false
                    guard collecting else { return false }
                    fail(check, "the property \(JSONWriter.quoted(name)) is required when \(JSONWriter.quoted(trigger)) is present")
                }
            }
            return valid
        default:
            return true
        }
    }

    private mutating func runProperties(_ check: Check, _ applicator: ObjectApplicator, _ instance: JSONValue, _ evaluated: inout Evaluated?) -> Bool {
        guard case .object(let o) = instance else { return true }
        return runObjectApplicator(applicator, o, &evaluated)
    }

    private mutating func runPropertyNames(_ check: Check, _ node: SchemaNode, _ instance: JSONValue, _ evaluated: inout Evaluated?) -> Bool {
        guard case .object(let o) = instance else { return true }
        var valid = true
        for key in o.keys where !quietly(node, .string(key)) {
            valid = false
            guard collecting else { return false }
            path.append(.key(key))
            fail(check, "the property name \(JSONWriter.quoted(key)) is not allowed by propertyNames")
            path.removeLast()
        }
        return valid
    }

    private mutating func runDependentSchemas(_ check: Check, _ pairs: [(String, SchemaNode)], _ instance: JSONValue, _ evaluated: inout Evaluated?) -> Bool {
        guard case .object(let o) = instance else { return true }
        var valid = true
        for (trigger, node) in pairs where o.position(of: trigger) != nil {
            if !validate(node, instance, &evaluated) {
                valid = false
                if !collecting { return false }
            }
        }
        return valid
    }

    private mutating func runItems(_ check: Check, _ prefix: [SchemaNode], _ rest: SchemaNode?, _ instance: JSONValue, _ evaluated: inout Evaluated?) -> Bool {
        guard case .array(let a) = instance else { return true }
        var valid = true
        for index in a.indices {
            let node: SchemaNode
            if index < prefix.count {
                node = prefix[index]
            } else if let rest {
                node = rest
            } else {
                break
            }
            path.append(.index(index))
            var none: Evaluated? = nil
            let ok = validate(node, a[index], &none)
            path.removeLast()
            if !ok {
                valid = false
                if !collecting { return false }
            }
        }
        if evaluated != nil {
            if rest != nil { evaluated!.allItems = true } else { evaluated!.itemPrefix = max(evaluated!.itemPrefix, min(prefix.count, a.count)) }
        }
        return valid
    }

    private mutating func runContains(_ check: Check, _ node: SchemaNode, _ minimum: Int, _ maximum: Int?, _ instance: JSONValue, _ evaluated: inout Evaluated?) -> Bool {
        guard case .array(let a) = instance else { return true }
        var matches = 0
        for (index, item) in a.enumerated() where quietly(node, item) {
            matches += 1
            evaluated?.items.insert(index)
        }
        if matches < minimum {
            fail(check, minimum == 1 ? "no item matches the 'contains' schema" : "only \(matches) item\(matches == 1 ? "" : "s") match the 'contains' schema, at least \(minimum) must")
            return false
        }
        if let maximum, matches > maximum {
            fail(check, "\(matches) items match the 'contains' schema, at most \(maximum) may")
            return false
        }
        return true
    }

    private mutating func runAllOf(_ check: Check, _ nodes: [SchemaNode], _ instance: JSONValue, _ evaluated: inout Evaluated?) -> Bool {
        var valid = true
        for node in nodes where !validate(node, instance, &evaluated) {
            valid = false
            if !collecting { return false }
        }
        return valid
    }

    private mutating func runAnyOf(_ check: Check, _ nodes: [SchemaNode], _ instance: JSONValue, _ evaluated: inout Evaluated?) -> Bool {
        var valid = false
        for node in nodes {
            var branch: Evaluated? = evaluated == nil ? nil : Evaluated()
            if quietly(node, instance, &branch) {
                valid = true
                guard let branch else { break }
                evaluated!.merge(branch)
            }
        }
        if !valid { failCombination(check, nodes, instance, "anyOf") }
        return valid
    }

    private mutating func runOneOf(_ check: Check, _ nodes: [SchemaNode], _ instance: JSONValue, _ evaluated: inout Evaluated?) -> Bool {
        var matched: [Int] = []
        var kept: Evaluated? = nil
        for (i, node) in nodes.enumerated() {
            var branch: Evaluated? = evaluated == nil ? nil : Evaluated()
            if quietly(node, instance, &branch) {
                matched.append(i)
                kept = branch
                if matched.count > 1 { break }
            }
        }
        if matched.count == 1 {
            if let kept { evaluated!.merge(kept) }
            return true
        }
        if matched.isEmpty {
            failCombination(check, nodes, instance, "oneOf")
        } else {
            fail(check, "the value matches alternatives \(matched[0]) and \(matched[1]) of oneOf, but must match exactly one")
        }
        return false
    }

    private mutating func runNot(_ check: Check, _ node: SchemaNode, _ instance: JSONValue, _ evaluated: inout Evaluated?) -> Bool {
        if !quietly(node, instance) { return true }
        fail(check, "\(instance.shortDescription) must not match the 'not' schema")
        return false
    }

    private mutating func runConditional(_ check: Check, _ condition: SchemaNode, _ thenNode: SchemaNode?, _ elseNode: SchemaNode?, _ instance: JSONValue, _ evaluated: inout Evaluated?) -> Bool {
        var branch: Evaluated? = evaluated == nil ? nil : Evaluated()
        if quietly(condition, instance, &branch) {
            if let branch { evaluated!.merge(branch) }
            guard let thenNode else { return true }
            return validate(thenNode, instance, &evaluated)
        }
        guard let elseNode else { return true }
        return validate(elseNode, instance, &evaluated)
    }

    private mutating func runRef(_ check: Check, _ node: SchemaNode, _ instance: JSONValue, _ evaluated: inout Evaluated?) -> Bool {
        return validate(node, instance, &evaluated)
    }

    private mutating func runDynamicRef(_ check: Check, _ initial: SchemaNode, _ anchor: String?, _ instance: JSONValue, _ evaluated: inout Evaluated?) -> Bool {
        var target = initial
        if let anchor {
            for resource in scope {
                if let found = resource.dynamicAnchors[anchor] {
                    target = found
                    break
                }
            }
        }
        return validate(target, instance, &evaluated)
    }

    private mutating func runUnevaluatedProperties(_ check: Check, _ node: SchemaNode, _ instance: JSONValue, _ evaluated: inout Evaluated?) -> Bool {
        guard case .object(let o) = instance else { return true }
        let seen = evaluated ?? Evaluated()
        var valid = true
        if !seen.allProperties {
            for (key, value) in o where !seen.properties.contains(key) {
                path.append(.key(key))
                var none: Evaluated? = nil
                let ok = validate(node, value, &none)
                if !ok && node.constant == false {
                    errors.removeLast(collecting ? 1 : 0)
                    fail(check, "the property \(JSONWriter.quoted(key)) is not allowed (unevaluatedProperties)")
                }
                path.removeLast()
                if !ok {
                    valid = false
                    if !collecting { return false }
                }
            }
        }
        if valid { evaluated?.allProperties = true }
        return valid
    }

    private mutating func runUnevaluatedItems(_ check: Check, _ node: SchemaNode, _ instance: JSONValue, _ evaluated: inout Evaluated?) -> Bool {
        guard case .array(let a) = instance else { return true }
        let seen = evaluated ?? Evaluated()
        var valid = true
        if !seen.allItems {
            for index in seen.itemPrefix..<max(seen.itemPrefix, a.count) where !seen.items.contains(index) {
                path.append(.index(index))
                var none: Evaluated? = nil
                let ok = validate(node, a[index], &none)
                if !ok && node.constant == false {
                    errors.removeLast(collecting ? 1 : 0)
                    fail(check, "item \(index) is not allowed (unevaluatedItems)")
                }
                path.removeLast()
                if !ok {
                    valid = false
                    if !collecting { return false }
                }
            }
        }
        if valid { evaluated?.allItems = true }
        return valid
    }

    private mutating func runObjectApplicator(_ applicator: ObjectApplicator, _ object: JSONObject, _ evaluated: inout Evaluated?) -> Bool {
        var valid = true
        var requiredSeen = 0
        for i in 0..<object.count {
            let key = object.keys[i]
            let value = object.values[i]
            var matched = false
            var none: Evaluated? = nil
            if let index = applicator.propertyIndex(key) {
                let node = applicator.nodes[index]
                if applicator.requiredFlags[index] { requiredSeen += 1 }
                matched = true
                path.append(.key(key))
                let ok = validate(node, value, &none)
                path.removeLast()
                if !ok {
                    valid = false
                    if !collecting { return false }
                }
            }
            for (regex, node) in applicator.patterns where regex.matches(key) {
                matched = true
                path.append(.key(key))
                let ok = validate(node, value, &none)
                path.removeLast()
                if !ok {
                    valid = false
                    if !collecting { return false }
                }
            }
            if matched {
                evaluated?.properties.insert(key)
                continue
            }
            guard let additional = applicator.additional else { continue }
            if additional.constant == false {
                valid = false
                guard collecting else { return false }
                path.append(.key(key))
                let allowed = applicator.names.sorted()
                let hint = allowed.isEmpty ? "" : "; allowed: " + allowed.prefix(12).joined(separator: ", ") + (allowed.count > 12 ? ", …" : "")
                errors.append(ValidationError(instanceLocation: pointer, keywordLocation: applicator.additionalLocation,
                                              message: "the property \(JSONWriter.quoted(key)) is not allowed (additionalProperties is false)\(hint)"))
                path.removeLast()
                continue
            }
            path.append(.key(key))
            let ok = validate(additional, value, &none)
            path.removeLast()
            if ok {
                evaluated?.properties.insert(key)
            } else {
                valid = false
                if !collecting { return false }
            }
        }
        if requiredSeen < applicator.requiredCount {
            guard collecting else { return false }
            for (index, name) in applicator.names.enumerated() where applicator.requiredFlags[index] && object.position(of: name) == nil {
                errors.append(ValidationError(instanceLocation: pointer, keywordLocation: applicator.requiredLocation,
                                              message: "the required property \(JSONWriter.quoted(name)) is missing"))
            }
            return false
        }
        return valid
    }

    /// One error for a failed `anyOf`/`oneOf`, naming the closest alternative's first problem.
    private mutating func failCombination(_ check: Check, _ nodes: [SchemaNode], _ instance: JSONValue, _ keyword: String) {
        guard collecting else { return }
        var best: (index: Int, errors: [ValidationError])?
        for (i, node) in nodes.enumerated() {
            let found = explain(node, instance)
            if best == nil || found.count < best!.errors.count { best = (i, found) }
        }
        var message = "\(instance.shortDescription) does not match any of the \(nodes.count) alternatives of \(keyword)"
        if let best, let first = best.errors.first {
            message += "; the closest (#\(best.index)) fails with: \(first.description)"
        }
        fail(check, message)
    }

    /// Whether `text` has at least `limit` code points, counting no further than needed.
    static func hasAtLeast(_ limit: Int, scalarsIn text: String) -> Bool {
        var count = 0
        for _ in text.unicodeScalars {
            count += 1
            if count >= limit { return true }
        }
        return count >= limit
    }

    /// Compares two JSON numbers exactly when both are integers.
    static func compare(_ a: JSONValue, _ b: JSONValue) -> Int {
        switch (a, b) {
        case (.int(let x), .int(let y)): return x < y ? -1 : (x > y ? 1 : 0)
        default:
            let x = a.doubleValue ?? 0
            let y = b.doubleValue ?? 0
            return x < y ? -1 : (x > y ? 1 : 0)
        }
    }

    /// The first pair of equal items (JSON equality: 1 equals 1.0), if any.
    static func firstDuplicate(_ items: [JSONValue]) -> (Int, Int)? {
        if items.count <= 16 {
            for i in items.indices {
                for j in (i + 1)..<items.count where items[i] == items[j] { return (i, j) }
            }
            return nil
        }
        var seen: [JSONValue: Int] = [:]
        for (j, item) in items.enumerated() {
            if let i = seen[item] { return (i, j) }
            seen[item] = j
        }
        return nil
    }
}
