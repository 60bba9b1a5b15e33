import OrchPlan

extension LineItemParser {
    /// Walks a receipt's lines top to bottom and builds its items, discounts and printed totals.
    ///
    /// The item block starts at the first priced line or quantity line and ends at the first
    /// subtotal, tax, total or payment line. Inside it:
    /// - a line with an amount is an item, or a discount when the amount is negative or the label
    ///   names one (`COUPON 1.00` whose minus OCR lost);
    /// - a line without an amount is a name waiting for its price: the first half of a wrapped
    ///   name, or the name above a quantity line;
    /// - a quantity line attaches to the item above or below whose total it explains; which
    ///   side is decided by arithmetic, not by layout, and what a receipt did once is preferred
    ///   when both sides fit.
    struct ReceiptAssembler {
        private(set) var items: [ParsedReceipt.Item] = []
        private(set) var discounts: [ParsedReceipt.Discount] = []
        /// Other readings of discount amounts, by index, for ``finish()`` to try.
        var discountAlternatives: [Int: Money] = [:]
        var subtotal: Money?
        var taxes: [Money] = []
        var taxIncluded = false
        var taxLineUnreadable = false
        var total: Money?
        /// Amounts on unlabelled lines between the subtotal and the total: a tax line OCR garbled.
        var unlabelledAfterSubtotal: [Money] = []
        var warnings: [String] = []
        /// Tips and service charges printed between the subtotal and the total.
        var surcharges: [Money] = []
        /// Lines that end in a price without its decimal point, for ``finish()`` to confirm.
        var undottedPrices: [UndottedPrice] = []
        /// Item lines whose price OCR could not read (a name line followed by an item that
        /// starts with its own item number), with where they belong, for ``finish()``.
        var unpricedNames: [(name: String, position: Int)] = []

        private var started = false
        private var inTotals = false
        /// Name lines waiting for their price (at most two: a wrapped name), each with the
        /// undotted price it may end in.
        private var pendingNames: [(name: String, undotted: UndottedPrice?)] = []
        private var pendingQuantity: QuantityLine?
        private var lastWasItem = false
        /// Learned from the first quantity line that fits only one side.
        private var quantityBelowItem: Bool?
        /// Items + discounts so far, in cents; `nil` once it would overflow.
        private var runningCents: Int64? = 0

        /// The most warnings kept, so that a megabyte of garbage gives a bounded answer.
        static let maxWarnings = 20

        mutating func warn(_ text: String) {
            if warnings.count < Self.maxWarnings { warnings.append(text) }
        }

        /// Feeds line `index` of `lines`.
        mutating func add(_ lines: [ReceiptLine], at index: Int) {
            let line = lines[index]
            let kind = LineKind.of(line)
            switch kind {
            case .subtotal:
                guard started || line.amount != nil else { return }
                endItems()
                if subtotal == nil, let amount = line.amount { subtotal = amount.money }
            case .tax(let included):
                guard started || line.amount != nil else { return }
                endItems()
                // After the total, only a first tax line counts ("VAT INCLUDED 1.89"), not a
                // summary that repeats one already read.
                if let amount = line.amount {
                    if total == nil || taxes.isEmpty { taxes.append(amount.money) }
                } else {
                    taxLineUnreadable = true
                }
                taxIncluded = taxIncluded || included
            case .total:
                guard started || line.amount != nil else { return }
                endItems()
                if total == nil, let amount = line.amount { total = amount.money }
            case .payment:
                if started, line.amount != nil { endItems() }
            case .surcharge where inTotals:
                if let amount = line.amount { surcharges.append(amount.money) }
            case .ignored:
                if started { dropPendingName() }
            case .other, .surcharge:
                if inTotals {
                    if let amount = line.amount, subtotal != nil, total == nil { unlabelledAfterSubtotal.append(amount.money) }
                    return
                }
                addItemLine(lines, at: index)
            }
        }

        /// Closes the item block: a quantity line still waiting becomes an item of its own.
        mutating func endItems() {
            guard !inTotals else { return }
            inTotals = true
            flushPendingQuantity()
            dropPendingName()
        }

        // MARK: - The item block

        private mutating func addItemLine(_ lines: [ReceiptLine], at index: Int) {
            let line = lines[index]
            let tokens = QuantityLine.tokens(of: line)
            let quantity = QuantityLine.parse(line, tokens: tokens)
            if !started {
                guard line.amount != nil || quantity != nil else { return }
                started = true
                // The line above may be the first item's name. The top line is the merchant,
                // except above a quantity line, which always needs a name.
                let lowest = quantity == nil ? 2 : 1
                if index >= lowest, HeaderLine.mayBeItemName(lines[index - 1]) {
                    pendingNames = [(ItemName.clean(lines[index - 1].words), nil)]
                }
            }
            if let quantity {
                addQuantity(quantity)
                return
            }
            if let (words, quantity) = QuantityLine.parseTrailing(line, tokens: tokens) ?? QuantityLine.parseColumns(line) {
                addNamedQuantity(ItemName.clean(words), quantity)
                return
            }
            guard let amount = line.amount else {
                let name = ItemName.clean(line.words)
                if name.count(where: \.isLetter) >= 2 && !DateReader.containsDate(line.text) && !HeaderLine.isLabel(line) {
                    // A name may end in a price that lost its point, or in a size OCR garbled
                    // ("ENERGY DRINK 1602"): which one is known only if nothing claims the name.
                    if pendingNames.count == 2 { dropOldestPendingName() }
                    pendingNames.append((name, UndottedPrice.at(end: line, position: items.count)))
                }
                lastWasItem = false
                return
            }
            if amount.negative || LineKind.namesDiscount(line) {
                addDiscount(line, amount)
                return
            }
            if looksLikeUnlabelledSubtotal(amount.money) {
                warn("The line '\(line.text)' has no recognisable label but equals the sum of the items above it, so it was read as the subtotal.")
                subtotal = amount.money
                endItems()
                return
            }
            addItem(line, amount)
        }

        private mutating func addItem(_ line: ReceiptLine, _ amount: ReadAmount) {
            let split = ItemName.splittingInlineQuantity(line.words)
            if let waiting = pendingQuantity {
                if waiting.matches(amount.money) {
                    quantityBelowItem = quantityBelowItem ?? false
                    pendingQuantity = nil
                    dropPendingName()
                    append(name: split.name, quantity: waiting.quantity, unitPrice: waiting.unitPrice, total: amount.money)
                    return
                }
                flushPendingQuantity()
            }
            // A line that starts with its own item number is a new item: the name lines above
            // it are not its first half but items whose price could not be read.
            if ItemName.startsWithItemNumber(line.words), !pendingNames.isEmpty {
                for pending in pendingNames where pending.undotted == nil {
                    unpricedNames.append((ItemName.withoutTrailingDebris(pending.name), items.count))
                }
                dropPendingName()
            }
            let wrapped = takePendingName()
            let named = { (own: String) in [wrapped ?? "", own].filter { !$0.isEmpty }.joined(separator: " ") }
            if let count = split.count, let unit = count.divide(amount.money) {
                append(name: named(split.nameAfterCount), quantity: count, unitPrice: ReceiptNumber(unit), total: amount.money)
            } else {
                append(name: named(split.name), quantity: .one, unitPrice: ReceiptNumber(amount.money), total: amount.money)
            }
        }

        private mutating func addQuantity(_ quantity: QuantityLine) {
            flushPendingQuantity()
            if let total = quantity.total {
                if let computed = quantity.computedTotal, computed != total.money {
                    warn("The quantity line says \(quantity.quantity) × \(quantity.unitPrice) = \(computed), but its total reads \(total.money); the printed total is kept.")
                }
                guard let name = takePendingName() else {
                    // "NAME 6.98" then "2 @ 3.49 6.98": the quantity line repeats the total.
                    if lastWasItem, let last = items.last, last.total == total.money, last.quantity == .one {
                        items[items.count - 1].quantity = quantity.quantity
                        items[items.count - 1].unitPrice = quantity.unitPrice
                        lastWasItem = false
                        return
                    }
                    warn("A quantity line (\(quantity.quantity) × \(quantity.unitPrice)) has no product name above it.")
                    append(name: "ITEM", quantity: quantity.quantity, unitPrice: quantity.unitPrice, total: total.money)
                    return
                }
                append(name: name, quantity: quantity.quantity, unitPrice: quantity.unitPrice, total: total.money)
                return
            }
            // No total on the line: it explains the item above or the item below.
            if lastWasItem, let last = items.last, last.quantity == .one, quantity.matches(last.total), quantityBelowItem != false {
                items[items.count - 1].quantity = quantity.quantity
                items[items.count - 1].unitPrice = quantity.unitPrice
                quantityBelowItem = true
                lastWasItem = false
                return
            }
            pendingQuantity = quantity
            lastWasItem = false
        }

        /// `BANANAS 3 @ 0.69  2.07`: name, quantity and total on one line.
        private mutating func addNamedQuantity(_ name: String, _ quantity: QuantityLine) {
            flushPendingQuantity()
            var fullName = name
            if let waiting = takePendingName() { fullName = waiting + " " + name }
            guard let total = quantity.total?.money ?? quantity.computedTotal else { return }
            if quantity.total == nil {
                warn("'\(fullName)' prints no line total; it is computed as \(quantity.quantity) × \(quantity.unitPrice) = \(total).")
            } else if let computed = quantity.computedTotal, computed != total {
                warn("The quantity line says \(quantity.quantity) × \(quantity.unitPrice) = \(computed), but its total reads \(total); the printed total is kept.")
            }
            append(name: fullName, quantity: quantity.quantity, unitPrice: quantity.unitPrice, total: total)
        }

        /// A quantity line that found no item below: with a name above it, it is that item, its
        /// total computed; else it explains the item above when that fits; else it is dropped
        /// with a warning.
        private mutating func flushPendingQuantity() {
            guard let waiting = pendingQuantity else { return }
            pendingQuantity = nil
            if !pendingNames.isEmpty, let computed = waiting.computedTotal, let name = takePendingName() {
                warn("The total of '\(name)' could not be read; it is computed as \(waiting.quantity) × \(waiting.unitPrice) = \(computed).")
                append(name: name, quantity: waiting.quantity, unitPrice: waiting.unitPrice, total: computed)
                return
            }
            if let last = items.last, last.quantity == .one, waiting.matches(last.total) {
                items[items.count - 1].quantity = waiting.quantity
                items[items.count - 1].unitPrice = waiting.unitPrice
                return
            }
            warn("A quantity line (\(waiting.quantity) × \(waiting.unitPrice)) matches no item next to it and was left out.")
        }

        private mutating func addDiscount(_ line: ReceiptLine, _ amount: ReadAmount) {
            var money = amount.money
            if !amount.negative, let negated = Money(cents: -money.cents) { money = negated }
            let label = ItemName.clean(line.words)
            if !amount.negative, let other = amount.alternative, let negated = Money(cents: -other.cents) {
                discountAlternatives[discounts.count] = negated
            }
            discounts.append(ParsedReceipt.Discount(name: label.isEmpty ? "DISCOUNT" : label, amount: money))
            addToRunning(money)
            dropPendingName()
            lastWasItem = false
        }

        /// The waiting name lines joined, now claimed by an item.
        private mutating func takePendingName() -> String? {
            guard !pendingNames.isEmpty else { return nil }
            defer { pendingNames.removeAll() }
            return pendingNames.map(\.name).joined(separator: " ")
        }

        /// Forgets the waiting name lines; one that ended in an undotted price is kept for
        /// ``finish()`` to confirm.
        private mutating func dropPendingName() {
            while !pendingNames.isEmpty { dropOldestPendingName() }
        }

        private mutating func dropOldestPendingName() {
            let oldest = pendingNames.removeFirst()
            if let undotted = oldest.undotted { undottedPrices.append(undotted) }
        }

        /// Inserts an item confirmed after the fact (an ``UndottedPrice``), keeping the order.
        mutating func insertItem(_ item: ParsedReceipt.Item, at position: Int) {
            items.insert(item, at: min(max(position, 0), items.count))
        }

        /// Sets a discount's amount (for ``finish()``'s repair). The running sum is left as it
        /// is: it only tells an unlabelled subtotal while lines are added, and ``finish()``
        /// adds up the items and discounts afresh.
        mutating func replaceDiscount(at index: Int, with amount: Money) {
            guard discounts.indices.contains(index) else { return }
            discounts[index].amount = amount
        }

        private mutating func append(name: String, quantity: ReceiptNumber, unitPrice: ReceiptNumber, total: Money) {
            if name.isEmpty { warn("A price (\(total)) has no product name; it is listed as 'ITEM'.") }
            items.append(ParsedReceipt.Item(name: name.isEmpty ? "ITEM" : name, quantity: quantity, unitPrice: unitPrice, total: total))
            addToRunning(total)
            lastWasItem = true
        }

        private mutating func addToRunning(_ money: Money) {
            guard let sum = runningCents else { return }
            let (next, overflow) = sum.addingReportingOverflow(money.cents)
            runningCents = overflow ? nil : next
        }

        /// A priced line equal to everything above it, after at least two items, with no
        /// subtotal or total seen yet: a subtotal whose label OCR mangled.
        private func looksLikeUnlabelledSubtotal(_ money: Money) -> Bool {
            guard items.count >= 2, subtotal == nil, total == nil, pendingQuantity == nil, let sum = runningCents else { return false }
            return sum == money.cents && money.cents > 0
        }
    }
}
