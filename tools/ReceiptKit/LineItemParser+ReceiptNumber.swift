import OrchJSON
import OrchPlan

/// A quantity or unit price as a receipt prints it: an exact decimal with up to three places
/// (`0.452` kg, `3.459` per gallon), kept in thousandths so that no binary fraction creeps
/// into `quantity × unit price`.
///
/// Money (line totals, discounts, subtotal, tax, total) is ``Money``, in whole cents; this
/// type is only for the two figures that may carry a third decimal.
public struct ReceiptNumber: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The value in thousandths: `452` for 0.452, `3490` for 3.49.
    public let thousandths: Int64

    /// Values are limited like ``Money``, so that products of two of them fit in 128 bits
    /// and the JSON number carries the exact digits.
    static let maxThousandths: Int64 = 9_999_999_999_999_999

    /// The number `thousandths / 1000`; `nil` beyond ±``maxThousandths``.
    public init?(thousandths: Int64) {
        guard thousandths.magnitude <= Self.maxThousandths.magnitude else { return nil }
        self.thousandths = thousandths
    }

    /// An amount of money as a unit price: 3.49 is 3490 thousandths.
    public init(_ money: Money) {
        // |cents| ≤ 10^15, so ×10 stays far below Int64.max.
        thousandths = money.cents * 10
    }

    /// One: the quantity of a line without a quantity line.
    public static let one = ReceiptNumber(uncheckedThousandths: 1000)

    private init(uncheckedThousandths: Int64) { thousandths = uncheckedThousandths }

    public static func < (lhs: ReceiptNumber, rhs: ReceiptNumber) -> Bool { lhs.thousandths < rhs.thousandths }

    /// Whether the number has no fraction: `2`, not `0.452`.
    public var isWhole: Bool { thousandths % 1000 == 0 }

    /// `self × other` rounded half away from zero to cents, the way a till prices
    /// `0.452 kg @ 2.99/kg`; `nil` when the result is beyond ``Money``'s range.
    public func times(_ other: ReceiptNumber) -> Money? {
        let product = Int128(thousandths) * Int128(other.thousandths)  // in millionths
        let (quotient, remainder) = product.quotientAndRemainder(dividingBy: 10_000)
        var cents = quotient
        if remainder.magnitude * 2 >= 10_000 { cents += product < 0 ? -1 : 1 }
        guard let exact = Int64(exactly: cents) else { return nil }
        return Money(cents: exact)
    }

    /// `money / self` when it divides into whole cents: the unit price of `2 PAD THAI 27.00`.
    /// `nil` for a zero or non-whole quantity, or when the division leaves a remainder.
    func divide(_ money: Money) -> Money? {
        guard isWhole, thousandths > 0 else { return nil }
        let count = thousandths / 1000
        guard money.cents % count == 0 else { return nil }
        return Money(cents: money.cents / count)
    }

    /// Plain decimal text without trailing zeros: `0.452`, `2`, `3.49`.
    public var description: String {
        let magnitude = thousandths.magnitude
        let whole = magnitude / 1000
        var fraction = String(magnitude % 1000)
        fraction = String(repeating: "0", count: 3 - fraction.count) + fraction
        while fraction.last == "0" { fraction.removeLast() }
        let sign = thousandths < 0 ? "-" : ""
        return fraction.isEmpty ? "\(sign)\(whole)" : "\(sign)\(whole).\(fraction)"
    }

    /// The number as JSON: an `.int` when whole (`2`), otherwise the `.double` whose
    /// shortest text is exactly these digits (`0.452`, `2.49`).
    public var json: JSONValue {
        if isWhole { return .int(thousandths / 1000) }
        return .double(Double(description) ?? 0)
    }
}
