import OrchJSON

/// A finite number as `mantissa × 10^exponent`, read from the shortest decimal text of a
/// JSON number, so that `0.1` is one tenth and not the double nearest to it.
///
/// Arithmetic is exact or reports failure (`nil`) when 128 bits are not enough; it never
/// falls back to floating point silently. The value is kept normalized: no trailing zeros
/// in the mantissa, and zero has exponent 0.
struct DecimalNumber: Sendable, Hashable {
    let mantissa: Int128
    let exponent: Int

    init(mantissa: Int128, exponent: Int) {
        var m = mantissa
        var e = exponent
        if m == 0 {
            e = 0
        } else {
            while m % 10 == 0 {
                m /= 10
                e += 1
            }
        }
        self.mantissa = m
        self.exponent = e
    }

    /// The exact decimal a JSON number stands for; `nil` for anything else and for
    /// non-finite doubles. A `.double` is read from its shortest round-trip text
    /// (`0.1`, `1e-05`, `21.64`).
    init?(_ value: JSONValue) {
        switch value {
        case .int(let i):
            self.init(mantissa: Int128(i), exponent: 0)
        case .double(let d):
            guard d.isFinite else { return nil }
            self.init(text: d.description)
        default:
            return nil
        }
    }

    /// Parses `-?digits(.digits)?([eE][+-]?digits)?`; `nil` for other text or a mantissa
    /// beyond 128 bits.
    init?(text: String) {
        var digits: Int128 = 0
        var scale = 0
        var negative = false
        var seenPoint = false
        var seenDigit = false
        var body = Substring(text)
        var exponentPart = 0
        if let e = body.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            guard let parsed = Int(body[body.index(after: e)...]) else { return nil }
            exponentPart = parsed
            body = body[..<e]
        }
        for (offset, c) in body.enumerated() {
            switch c {
            case "-" where offset == 0:
                negative = true
            case "." where !seenPoint:
                seenPoint = true
            case "0"..."9":
                let (shifted, o1) = digits.multipliedReportingOverflow(by: 10)
                let (sum, o2) = shifted.addingReportingOverflow(Int128(c.asciiValue! - 48))
                guard !o1, !o2 else { return nil }
                digits = sum
                seenDigit = true
                if seenPoint { scale += 1 }
            default:
                return nil
            }
        }
        guard seenDigit else { return nil }
        self.init(mantissa: negative ? -digits : digits, exponent: exponentPart - scale)
    }

    var isZero: Bool { mantissa == 0 }
    var isNegative: Bool { mantissa < 0 }

    /// `10^k` for `0 ≤ k ≤ 38`, the powers of ten that fit in `Int128`.
    static func powerOfTen(_ k: Int) -> Int128? {
        guard k >= 0, k <= 38 else { return nil }
        var result: Int128 = 1
        for _ in 0..<k { result *= 10 }
        return result
    }

    /// The exact product, or `nil` when the mantissa would not fit.
    func multiplied(by other: DecimalNumber) -> DecimalNumber? {
        let (product, overflow) = mantissa.multipliedReportingOverflow(by: other.mantissa)
        guard !overflow else { return nil }
        return DecimalNumber(mantissa: product, exponent: exponent + other.exponent)
    }

    /// The exact sum, or `nil` when aligning the two exponents would not fit.
    func adding(_ other: DecimalNumber) -> DecimalNumber? {
        if isZero { return other }
        if other.isZero { return self }
        let common = min(exponent, other.exponent)
        guard let a = Self.scaled(mantissa, by: exponent - common),
              let b = Self.scaled(other.mantissa, by: other.exponent - common) else { return nil }
        let (sum, overflow) = a.addingReportingOverflow(b)
        guard !overflow else { return nil }
        return DecimalNumber(mantissa: sum, exponent: common)
    }

    /// `self × 10^scale` rounded half away from zero to an integer, or `nil` when it does
    /// not fit in 128 bits.
    func rounded(toScale scale: Int) -> Int128? {
        let shift = exponent + scale
        if shift >= 0 { return Self.scaled(mantissa, by: shift) }
        // |mantissa| < 1.7e38, so dividing by 10^39 or more always rounds to zero.
        guard let divisor = Self.powerOfTen(-shift) else { return 0 }
        return Self.divideRoundingHalfAway(mantissa, by: divisor)
    }

    /// `numerator / denominator` rounded half away from zero; `denominator` is positive.
    static func divideRoundingHalfAway(_ numerator: Int128, by denominator: Int128) -> Int128 {
        let (quotient, remainder) = numerator.quotientAndRemainder(dividingBy: denominator)
        // remainder.magnitude < denominator ≤ Int128.max, so doubling it fits in UInt128.
        guard remainder.magnitude * 2 >= denominator.magnitude else { return quotient }
        return numerator < 0 ? quotient - 1 : quotient + 1
    }

    private static func scaled(_ value: Int128, by k: Int) -> Int128? {
        if value == 0 { return 0 }
        guard let factor = powerOfTen(k) else { return nil }
        let (result, overflow) = value.multipliedReportingOverflow(by: factor)
        return overflow ? nil : result
    }

    /// Plain decimal text without an exponent: `1.32`, `-0.005`, `1200`.
    var text: String {
        let digits = String(mantissa.magnitude)
        let sign = mantissa < 0 ? "-" : ""
        if exponent >= 0 { return sign + digits + String(repeating: "0", count: exponent) }
        let fraction = -exponent
        if digits.count > fraction {
            let split = digits.index(digits.endIndex, offsetBy: -fraction)
            return sign + digits[..<split] + "." + digits[split...]
        }
        return sign + "0." + String(repeating: "0", count: fraction - digits.count) + digits
    }

    /// The number as JSON: an exact `.int` when it is a whole number that fits in 64 bits,
    /// otherwise the `.double` nearest to it.
    var json: JSONValue {
        if exponent >= 0, let whole = Self.scaled(mantissa, by: exponent), let exact = Int64(exactly: whole) {
            return .int(exact)
        }
        return .double(Double(text) ?? (mantissa < 0 ? -.infinity : .infinity))
    }
}
