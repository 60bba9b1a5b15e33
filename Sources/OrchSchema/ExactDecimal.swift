import OrchJSON

/// A number as `mantissa × 10^exponent`, read from the shortest decimal form of a JSON
/// number, so that `multipleOf: 0.01` accepts 19.99 exactly as a person expects.
struct ExactDecimal: Sendable {
    let mantissa: Int128
    let exponent: Int
    let double: Double

    init?(_ value: JSONValue) {
        switch value {
        case .int(let i):
            mantissa = Int128(i)
            exponent = 0
            double = Double(i)
        case .double(let d):
            guard d.isFinite else { return nil }
            double = d
            var digits: Int128 = 0
            var scale = 0
            var exponentPart = 0
            var negative = false
            var seenPoint = false
            let text = d.description
            var rest = Substring(text)
            if let e = rest.firstIndex(where: { $0 == "e" || $0 == "E" }) {
                exponentPart = Int(rest[rest.index(after: e)...]) ?? 0
                rest = rest[..<e]
            }
            for c in rest {
                switch c {
                case "-": negative = true
                case ".": seenPoint = true
                case "0"..."9":
                    let (m, o1) = digits.multipliedReportingOverflow(by: 10)
                    let (s, o2) = m.addingReportingOverflow(Int128(c.asciiValue! - 48))
                    if o1 || o2 { return nil }
                    digits = s
                    if seenPoint { scale += 1 }
                default: return nil
                }
            }
            mantissa = negative ? -digits : digits
            exponent = exponentPart - scale
        default:
            return nil
        }
    }

    var isPositive: Bool { mantissa > 0 }

    /// Whether `self` is an integer multiple of `divisor`; falls back to floating point only
    /// when the exact scaled values would not fit in 128 bits.
    func isMultiple(of divisor: ExactDecimal) -> Bool {
        if mantissa == 0 { return true }
        let common = min(exponent, divisor.exponent)
        if let a = Self.scaled(mantissa, by: exponent - common), let b = Self.scaled(divisor.mantissa, by: divisor.exponent - common) {
            return a % b == 0
        }
        let quotient = double / divisor.double
        guard quotient.isFinite else { return false }
        return quotient.rounded() == quotient
    }

    private static func scaled(_ value: Int128, by power: Int) -> Int128? {
        guard power >= 0, power <= 38 else { return nil }
        var result = value
        for _ in 0..<power {
            let (m, overflow) = result.multipliedReportingOverflow(by: 10)
            if overflow { return nil }
            result = m
        }
        return result
    }
}
