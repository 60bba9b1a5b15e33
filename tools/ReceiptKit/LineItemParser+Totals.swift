import OrchPlan

extension LineItemParser.ReceiptAssembler {
    /// The printed figures after the last line, checked against each other and the items.
    struct Totals {
        var subtotal: Money?
        var tax: Money?
        var total: Money?
    }

    /// Completes the totals and checks the items against them.
    ///
    /// A figure that was not printed legibly is derived only from the other printed figures
    /// (tax = total − subtotal; total = subtotal + tax), always with a warning. The items
    /// are never adjusted to fit: when items + discounts differ from the subtotal (or from
    /// total − tax, or from the total when the tax is included in the prices), a warning says
    /// by how much. The one repair tried is a discount read with a leading `7` that was a
    /// minus sign, and only when it makes the figures agree exactly.
    mutating func finish() -> Totals {
        endItems()
        var totals = Totals(subtotal: subtotal, tax: taxes.isEmpty ? nil : sum(taxes), total: total)
        deriveMissing(&totals)
        checkTotals(totals)
        checkItems(against: totals)
        if items.isEmpty { warn("No line items were found.") }
        return totals
    }

    private mutating func deriveMissing(_ totals: inout Totals) {
        if totals.tax == nil, !taxIncluded, let subtotal = totals.subtotal, let total = totals.total {
            if let unlabelled = unlabelledAfterSubtotal.first(where: { sum([subtotal, $0]) == total }) {
                totals.tax = unlabelled
                warn("The tax line's label could not be read; the amount \(unlabelled) between subtotal and total is taken as the tax.")
            } else if surcharges.isEmpty, total > subtotal, let difference = difference(total, subtotal) {
                totals.tax = difference
                warn("The tax could not be read; it is taken as total − subtotal = \(difference).")
            } else if total == subtotal, taxLineUnreadable {
                totals.tax = .zero
            }
        }
        // Only from a known tax: without one, the total is not known.
        if totals.total == nil, let subtotal = totals.subtotal, totals.tax != nil || taxIncluded {
            let derived = taxIncluded ? subtotal : sum([subtotal, totals.tax ?? .zero])
            if let derived {
                totals.total = derived
                warn("No total could be read; it is taken as subtotal + tax = \(derived).")
            }
        }
    }

    /// subtotal + tax (+ tip) = total, unless the tax is included in the prices.
    private mutating func checkTotals(_ totals: Totals) {
        guard !taxIncluded, let subtotal = totals.subtotal, let tax = totals.tax, let total = totals.total,
              let expected = sum([subtotal, tax] + surcharges), expected != total else { return }
        let gap = difference(total, expected).map { "\($0)" } ?? "an amount too large to compute"
        let tips = surcharges.isEmpty ? "" : " plus tips and charges \(sum(surcharges).map { "\($0)" } ?? "")"
        warn("The printed subtotal \(subtotal) plus tax \(tax)\(tips) is \(expected), but the printed total is \(total): a difference of \(gap). One of them may be misread.")
    }

    private mutating func checkItems(against totals: Totals) {
        guard !items.isEmpty || !discounts.isEmpty else { return }
        let (expected, what): (Money?, String) = {
            if let subtotal = totals.subtotal { return (subtotal, "the printed subtotal") }
            if let total = totals.total, let tax = totals.tax, !taxIncluded { return (difference(total, tax), "total − tax") }
            if let total = totals.total { return (total, "the printed total") }
            return (nil, "")
        }()
        guard let expected, let found = itemSum() else { return }
        if found == expected { return }
        // VAT included in the prices: the items add up to the total itself.
        if totals.subtotal == nil, let total = totals.total, found == total { return }
        if repairDiscount(toReach: expected) { return }
        if recoverUndottedPrice(missing: difference(expected, found)) { return }
        if recoverUnreadablePrice(missing: difference(expected, found)) { return }
        let gap = difference(expected, found).map { "\($0)" } ?? "an amount too large to compute"
        warn("The items and discounts add up to \(found), but \(what) is \(expected): a difference of \(gap). A line may be missing or misread.")
    }

    /// Tries each discount's other reading; keeps the one that makes the figures agree.
    private mutating func repairDiscount(toReach expected: Money) -> Bool {
        // Each try re-adds every line; past a few candidates this is no receipt anyway.
        guard discountAlternatives.count <= 20 else { return false }
        for (index, alternative) in discountAlternatives.sorted(by: { $0.key < $1.key }) {
            let original = discounts[index].amount
            replaceDiscount(at: index, with: alternative)
            if itemSum() == expected {
                warn("The discount '\(discounts[index].name)' read as \(original) is taken as \(alternative): its minus sign was read as a 7, and this makes the items add up.")
                return true
            }
            replaceDiscount(at: index, with: original)
        }
        return false
    }

    /// Adds the one line whose undotted price (`499`) is exactly what the items lack.
    private mutating func recoverUndottedPrice(missing: Money?) -> Bool {
        guard let missing, missing.cents > 0 else { return false }
        let fitting = undottedPrices.filter { $0.cents == missing.cents }
        guard fitting.count == 1, let line = fitting.first else { return false }
        insertItem(ParsedReceipt.Item(name: line.name, quantity: .one, unitPrice: ReceiptNumber(missing), total: missing),
                   at: line.position)
        warn("The price of '\(line.name)' was read without its decimal point (\(line.cents)); it is taken as \(missing), exactly what the items lacked to reach the subtotal.")
        return true
    }

    /// Adds the one item line whose price could not be read at all, at exactly what the items
    /// lack to reach the subtotal, saying so.
    private mutating func recoverUnreadablePrice(missing: Money?) -> Bool {
        guard let missing, missing.cents > 0, unpricedNames.count == 1, let line = unpricedNames.first,
              line.name.count(where: \.isLetter) >= 2 else { return false }
        insertItem(ParsedReceipt.Item(name: line.name, quantity: .one, unitPrice: ReceiptNumber(missing), total: missing),
                   at: line.position)
        warn("The price of '\(line.name)' could not be read; it is taken as \(missing), exactly what the items lacked to reach the subtotal.")
        return true
    }

    private func itemSum() -> Money? {
        sum(items.map(\.total) + discounts.map(\.amount))
    }

    private func sum(_ amounts: [Money]) -> Money? { try? Money.sum(amounts) }

    private func difference(_ a: Money, _ b: Money) -> Money? { try? a - b }
}
