import OrchJSON

/// An exact amount of money in whole cents, so that `0.1 + 0.2` is `0.30` and a tax is
/// rounded once, the way a receipt rounds it.
///
/// A JSON number is read from its shortest decimal text (`0.1` is one tenth, `2.675` is
/// two and 675 thousandths) and rounded half away from zero to cents: `1.005` → `1.01`,
/// `-1.005` → `-1.01`. Products with a rate and quotients for means are computed exactly and
/// rounded the same way, once, at the end.
///
/// Amounts are limited to ±9 999 999 999 999.99 (``Money/maxCents``): up to 15 significant
/// digits, the most a JSON number (a double) carries exactly, so ``json`` always writes the
/// exact cents. Going past the limit throws ``FunctionToolError``; it never wraps or loses
/// cents.
public struct Money: Sendable, Hashable {
    /// The amount in cents: `2164` for 21.64.
    public let cents: Int64

    /// The largest amount in cents, 999 999 999 999 999 (9 999 999 999 999.99); the
    /// smallest is its negation.
    public static let maxCents: Int64 = 999_999_999_999_999

    /// No money: `0.00`.
    public static let zero = Money(uncheckedCents: 0)

    /// The amount of `cents` cents; `nil` beyond ±``maxCents``.
    public init?(cents: Int64) {
        guard cents >= -Self.maxCents, cents <= Self.maxCents else { return nil }
        self.cents = cents
    }

    private init(uncheckedCents: Int64) { cents = uncheckedCents }

    /// `cents` as a `Money` when within the limit.
    private static func checked(_ cents: Int128) -> Money? {
        guard cents >= -Int128(maxCents), cents <= Int128(maxCents) else { return nil }
        return Money(uncheckedCents: Int64(cents))
    }

    private static let smallest = Money(uncheckedCents: -maxCents)
    private static let largest = Money(uncheckedCents: maxCents)

    /// The error for a result outside the limit; `what` is the computation (`1.00 + 2.00`),
    /// so that callers can prefix the field: `"total" cannot be computed: 1.00 + 2.00 is …`.
    private static func beyondLimit(_ what: String) -> FunctionToolError {
        FunctionToolError("\(what) is outside the supported amounts, \(smallest) to \(largest).")
    }

    /// Reads the JSON number `value` as money, rounding to cents half away from zero.
    ///
    /// `field` names the value in the error, which is a sentence such as
    /// `"amount" must be a number, found the string "12,50".`
    public static func parse(_ value: JSONValue, field: String) throws(FunctionToolError) -> Money {
        guard value.isNumber else {
            throw FunctionToolError("\"\(field)\" must be a number, found \(value.shortDescription).")
        }
        guard let decimal = DecimalNumber(value) else {
            throw FunctionToolError("\"\(field)\" must be a finite number.")
        }
        guard let cents = decimal.rounded(toScale: 2), let money = checked(cents) else {
            throw FunctionToolError("\"\(field)\" must be between \(smallest) and \(largest), found \(value.shortDescription).")
        }
        return money
    }

    /// The exact sum; throws when it is beyond the supported range.
    public static func + (lhs: Money, rhs: Money) throws(FunctionToolError) -> Money {
        guard let sum = checked(Int128(lhs.cents) + Int128(rhs.cents)) else {
            throw beyondLimit("\(lhs) + \(rhs)")
        }
        return sum
    }

    /// The exact difference; throws when it is beyond the supported range.
    public static func - (lhs: Money, rhs: Money) throws(FunctionToolError) -> Money {
        guard let difference = checked(Int128(lhs.cents) - Int128(rhs.cents)) else {
            throw beyondLimit("\(lhs) - \(rhs)")
        }
        return difference
    }

    /// The exact sum of `amounts` (zero when empty); throws when the sum is beyond the
    /// supported range. Partial sums may leave the range: only the result must fit.
    public static func sum(_ amounts: some Sequence<Money>) throws(FunctionToolError) -> Money {
        // Each term is below 2^50, so 2^77 terms would be needed to overflow 128 bits.
        var total: Int128 = 0
        for amount in amounts { total += Int128(amount.cents) }
        guard let sum = checked(total) else {
            throw beyondLimit("the sum " + DecimalNumber(mantissa: total, exponent: -2).text)
        }
        return sum
    }

    /// `self × rate`, computed exactly on the decimal text of `rate` and rounded half away
    /// from zero to cents: `1.15 × 0.5` is `0.58`. Throws for a non-finite rate or a result
    /// beyond the supported range.
    public func multiplied(by rate: Double) throws(FunctionToolError) -> Money {
        try scaled(by: rate, powerOfTen: 0, what: "\(self) × \(JSONWriter.format(rate))")
    }

    /// `percent` % of `self` (`self × percent / 100`), computed exactly and rounded half
    /// away from zero to cents: 15 % of 19.99 is 3.00. Throws like ``multiplied(by:)``.
    public func percent(_ percent: Double) throws(FunctionToolError) -> Money {
        try scaled(by: percent, powerOfTen: -2, what: "\(JSONWriter.format(percent)) % of \(self)")
    }

    private func scaled(by factor: Double, powerOfTen: Int, what: String) throws(FunctionToolError) -> Money {
        guard let rate = DecimalNumber(.double(factor)) else {
            throw FunctionToolError("\(self) cannot be multiplied by \(factor): the factor must be a finite number.")
        }
        let shifted = DecimalNumber(mantissa: rate.mantissa, exponent: rate.exponent + powerOfTen)
        let amount = DecimalNumber(mantissa: Int128(cents), exponent: -2)
        guard let product = amount.multiplied(by: shifted), let rounded = product.rounded(toScale: 2),
              let result = Self.checked(rounded)
        else { throw Self.beyondLimit(what) }
        return result
    }

    /// `self / count` rounded half away from zero to cents, as for a mean. Never leaves the
    /// range. `count` must be positive.
    public func divided(by count: Int) -> Money {
        precondition(count > 0, "Money.divided(by:) needs a positive count, got \(count).")
        let quotient = DecimalNumber.divideRoundingHalfAway(Int128(cents), by: Int128(count))
        return Money(uncheckedCents: Int64(quotient))
    }

    /// The mean of two amounts rounded half away from zero to cents, as for the median of an
    /// even count. Never overflows.
    public static func midpoint(_ a: Money, _ b: Money) -> Money {
        let quotient = DecimalNumber.divideRoundingHalfAway(Int128(a.cents) + Int128(b.cents), by: 2)
        return Money(uncheckedCents: Int64(quotient))
    }

    /// The amount as a JSON number whose shortest text is exactly the cents: `21.64`,
    /// `-0.05`, and `5.0` for a whole amount.
    ///
    /// Always a `.double`, also for whole amounts, so that a money field has one JSON kind
    /// whatever its value; JSON equality still makes `5.0` equal to `5`.
    public var json: JSONValue {
        // Up to 15 significant digits read back as the double whose shortest text they are.
        .double(Double(description)!)
    }
}

extension Money: Comparable {
    public static func < (lhs: Money, rhs: Money) -> Bool { lhs.cents < rhs.cents }
}

extension Money: CustomStringConvertible {
    /// The amount with exactly two decimals: `21.64`, `-0.05`, `5.00`.
    public var description: String {
        let magnitude = cents.magnitude
        let fraction = magnitude % 100
        return (cents < 0 ? "-" : "") + "\(magnitude / 100)." + (fraction < 10 ? "0" : "") + "\(fraction)"
    }
}
