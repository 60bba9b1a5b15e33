import OrchJSON
import OrchPlan

/// What ``LineItemParser`` read from a receipt: the line items and discounts, the printed
/// subtotal, tax and total as exact decimals, and warnings about anything it doubted.
///
/// The printed figures are reported as printed: when the items do not add up to the
/// subtotal, both stay as read and a warning says by how much they differ. A figure that
/// could not be read is `nil`, not zero.
public struct ParsedReceipt: Sendable, Equatable {
    /// One purchased line: `2 @ 3.49  6.98`.
    public struct Item: Sendable, Equatable {
        /// The product name as printed, without SKU, leader dots or tax flags.
        public var name: String
        /// How many (`2`) or how much (`0.452` kg); 1 when no quantity is printed.
        public var quantity: ReceiptNumber
        /// The price of one unit; the line total when no quantity is printed.
        public var unitPrice: ReceiptNumber
        /// The line total as printed.
        public var total: Money

        public init(name: String, quantity: ReceiptNumber, unitPrice: ReceiptNumber, total: Money) {
            self.name = name
            self.quantity = quantity
            self.unitPrice = unitPrice
            self.total = total
        }
    }

    /// A line that takes money off: a coupon, member savings, a markdown.
    public struct Discount: Sendable, Equatable {
        /// The label as printed: `COUPON`, `MEMBER SAVINGS`.
        public var name: String
        /// Negative: what the discount takes off.
        public var amount: Money

        public init(name: String, amount: Money) {
            self.name = name
            self.amount = amount
        }
    }

    /// The store's name, from the first lines of the receipt; `nil` when none looks like one.
    public var merchant: String?
    /// The purchase date as `YYYY-MM-DD`; `nil` when no date was found.
    public var date: String?
    /// The ISO 4217 code: from a symbol or code on the receipt, else the hint, else `USD`.
    public var currency: String
    public var items: [Item]
    public var discounts: [Discount]
    /// The printed subtotal; `nil` when the receipt prints none (VAT-inclusive receipts).
    public var subtotal: Money?
    /// The printed tax, the sum of the tax lines; `nil` when none could be read.
    public var tax: Money?
    /// The printed total; `nil` when none could be read or derived.
    public var total: Money?
    /// Sentences about what was doubtful: amounts that do not add up, a derived tax, a
    /// currency assumed. Empty for a receipt that reads cleanly.
    public var warnings: [String]

    public init(merchant: String? = nil, date: String? = nil, currency: String = "USD", items: [Item] = [],
                discounts: [Discount] = [], subtotal: Money? = nil, tax: Money? = nil, total: Money? = nil,
                warnings: [String] = []) {
        self.merchant = merchant
        self.date = date
        self.currency = currency
        self.items = items
        self.discounts = discounts
        self.subtotal = subtotal
        self.tax = tax
        self.total = total
        self.warnings = warnings
    }

    /// The receipt as the `line_item_parser` tool's output (catalogs/receipts.json): every
    /// member present, `null` for what was not found, amounts as numbers with at most two
    /// decimals.
    public var json: JSONValue {
        let itemValues: [JSONValue] = items.map { item in
            .object(JSONObject([
                ("name", .string(item.name)),
                ("quantity", item.quantity.json),
                ("unit_price", item.unitPrice.json),
                ("total", item.total.json),
            ]))
        }
        let discountValues: [JSONValue] = discounts.map { discount in
            .object(JSONObject([("name", .string(discount.name)), ("amount", discount.amount.json)]))
        }
        return .object(JSONObject([
            ("merchant", merchant.map(JSONValue.string) ?? .null),
            ("date", date.map(JSONValue.string) ?? .null),
            ("currency", .string(currency)),
            ("items", .array(itemValues)),
            ("discounts", .array(discountValues)),
            ("subtotal", subtotal?.json ?? .null),
            ("tax", tax?.json ?? .null),
            ("total", total?.json ?? .null),
            ("warnings", .array(warnings.map(JSONValue.string))),
        ]))
    }
}
