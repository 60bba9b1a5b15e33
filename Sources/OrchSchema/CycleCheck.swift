/// Finds reference loops that can never finish: a chain of `$ref`s (or `allOf`, `anyOf`,
/// `oneOf`, `not`, `if`/`then`/`else`, `dependentSchemas`) that comes back to where it
/// started without stepping into a property or an item of the instance.
enum CycleCheck {
    static func run(from root: SchemaNode) throws(SchemaError) {
        var state: [ObjectIdentifier: Bool] = [:]  // false: on the path; true: done
        var path: [SchemaNode] = []
        var work: [(SchemaNode, Bool)] = []
        var all: [SchemaNode] = []
        var seen: Set<ObjectIdentifier> = []
        // Every node reachable at all: each must be checked, not only the in-place ones.
        var queue = [root]
        while let node = queue.popLast() {
            guard seen.insert(ObjectIdentifier(node)).inserted else { continue }
            all.append(node)
            queue.append(contentsOf: children(of: node, inPlaceOnly: false))
        }
        for start in all where state[ObjectIdentifier(start)] == nil {
            work = [(start, false)]
            while let (node, leaving) = work.popLast() {
                let id = ObjectIdentifier(node)
                if leaving {
                    state[id] = true
                    path.removeLast()
                    continue
                }
                switch state[id] {
                case true?: continue
                case false?:
                    let cycle = path.drop(while: { $0 !== node }).map(\.location) + [node.location]
                    throw SchemaError(.referenceCycle, at: node.location,
                                      "References loop without ever looking into the instance: \(cycle.map { $0.isEmpty ? "#" : $0 }.joined(separator: " → ")). Validation would never finish.")
                case nil:
                    state[id] = false
                    path.append(node)
                    work.append((node, true))
                    for next in children(of: node, inPlaceOnly: true) { work.append((next, false)) }
                }
            }
        }
    }

    static func children(of node: SchemaNode, inPlaceOnly: Bool) -> [SchemaNode] {
        var result: [SchemaNode] = []
        var checks = node.checks
        if let check = node.unevaluatedProperties { checks.append(check) }
        if let check = node.unevaluatedItems { checks.append(check) }
        for check in checks {
            switch check.kind {
            case .ref(let target), .not(let target): result.append(target)
            case .dynamicRef(let target, _): result.append(target)
            case .allOf(let list), .anyOf(let list), .oneOf(let list): result += list
            case .conditional(let condition, let thenNode, let elseNode):
                result.append(condition)
                if let thenNode { result.append(thenNode) }
                if let elseNode { result.append(elseNode) }
            case .dependentSchemas(let pairs): result += pairs.map(\.1)
            default:
                guard !inPlaceOnly else { continue }
                switch check.kind {
                case .contains(let target, _, _), .propertyNames(let target),
                     .unevaluatedItems(let target), .unevaluatedProperties(let target):
                    result.append(target)
                case .items(let prefix, let rest):
                    result += prefix
                    if let rest { result.append(rest) }
                case .properties(let applicator):
                    result += applicator.nodes
                    result += applicator.patterns.map(\.node)
                    if let additional = applicator.additional { result.append(additional) }
                default: break
                }
            }
        }
        if !inPlaceOnly { result += node.resource?.dynamicAnchors.values.map { $0 } ?? [] }
        return result
    }
}
