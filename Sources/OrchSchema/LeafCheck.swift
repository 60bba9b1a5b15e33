import OrchJSON

/// A fused fast path for leaf schemas made only of simple assertions —
/// `{"type": "string", "minLength": 1, "maxLength": 120}`, `{"type": "number", "minimum": 0}`,
/// a string `enum` — which are most of the nodes in a tool schema.
///
/// ``accepts(_:)`` answers `true` only when every keyword of the node holds; `false` means
/// "not sure", and the node's checks then run one by one (producing the errors). So it can
/// make validation faster but never change a verdict.
final class LeafCheck: Sendable {
    let types: TypeMask?
    let minimum: Double?
    let maximum: Double?
    let exclusiveMinimum: Double?
    let exclusiveMaximum: Double?
    let minLength: Int?
    let maxLength: Int?
    let strings: [String]?
    private let stringPrints: [KeyFingerprint]

    /// The fused form of `checks`, when every one of them is a simple assertion.
    init?(_ checks: [Check]) {
        guard !checks.isEmpty else { return nil }
        var types: TypeMask?, minimum: Double?, maximum: Double?, exclusiveMinimum: Double?, exclusiveMaximum: Double?
        var minLength: Int?, maxLength: Int?, strings: [String]?
        for check in checks {
            switch check.kind {
            case .type(let mask): types = mask
            case .minimum(let limit): guard let d = Self.exact(limit) else { return nil }; minimum = d
            case .maximum(let limit): guard let d = Self.exact(limit) else { return nil }; maximum = d
            case .exclusiveMinimum(let limit): guard let d = Self.exact(limit) else { return nil }; exclusiveMinimum = d
            case .exclusiveMaximum(let limit): guard let d = Self.exact(limit) else { return nil }; exclusiveMaximum = d
            case .minLength(let n): minLength = n
            case .maxLength(let n): maxLength = n
            case .enumeration(let options):
                var list: [String] = []
                for option in options {
                    guard case .string(let s) = option else { return nil }
                    list.append(s)
                }
                strings = list
            default:
                return nil
            }
        }
        (self.types, self.minimum, self.maximum, self.exclusiveMinimum, self.exclusiveMaximum) = (types, minimum, maximum, exclusiveMinimum, exclusiveMaximum)
        (self.minLength, self.maxLength, self.strings) = (minLength, maxLength, strings)
        stringPrints = strings?.map(KeyFingerprint.init) ?? []
    }

    /// A limit as a Double when that is exact (integers beyond 2^53 take the slow path).
    private static func exact(_ limit: JSONValue) -> Double? {
        switch limit {
        case .int(let i): return i.magnitude <= 1 << 53 ? Double(i) : nil
        case .double(let d): return d
        default: return nil
        }
    }

    @inline(__always)
    func accepts(_ value: JSONValue) -> Bool {
        if let types, !types.matches(value) { return false }
        switch value {
        case .int(let i):
            guard i.magnitude <= 1 << 53 else { return false }
            return numberAccepted(Double(i)) && strings == nil
        case .double(let d):
            return numberAccepted(d) && strings == nil
        case .string(let s):
            if let maxLength, s.utf8.count > maxLength { return false }
            if let minLength, minLength > 0 {
                guard s.utf8.count >= minLength, Validator.hasAtLeast(minLength, scalarsIn: s) else { return false }
            }
            if let strings {
                let print = KeyFingerprint(s)
                for i in strings.indices where stringPrints[i].matches(strings[i], print, s) { return true }
                return false
            }
            return true
        default:
            return strings == nil
        }
    }

    @inline(__always)
    private func numberAccepted(_ d: Double) -> Bool {
        if let minimum, d < minimum { return false }
        if let maximum, d > maximum { return false }
        if let exclusiveMinimum, d <= exclusiveMinimum { return false }
        if let exclusiveMaximum, d >= exclusiveMaximum { return false }
        return true
    }
}
