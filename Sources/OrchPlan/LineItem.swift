import Foundation
import OrchJSON

/// One receipt line as the item built-ins read it:
/// `{name, quantity? (default 1), unit_price?, total, category?}`, money in exact cents.
struct LineItem {
    /// The members the built-ins read, in the order merged items are written. Items may carry
    /// other members too (a categorizer's `confidence`); those are kept where items pass
    /// through unchanged and left out of merged items.
    static let members = ["name", "quantity", "unit_price", "total", "category"]

    /// The category of an item that has none.
    static let uncategorized = "uncategorized"

    /// The item as given.
    let json: JSONValue
    /// The name without surrounding whitespace.
    let name: String
    /// The exact quantity; 1 when absent.
    let quantity: DecimalNumber
    let unitPrice: Money?
    let total: Money
    let category: String?

    /// Reads and checks one item; `path` (`items[2]`) names it in errors.
    init(_ value: JSONValue, path: String) throws(FunctionToolError) {
        let input = try ToolInput(value, path: path, allowed: nil)
        json = value
        name = try input.string("name").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty else {
            throw FunctionToolError("\"\(input.field("name"))\" must not be blank.")
        }
        if let given = input.object["quantity"] {
            guard given.isNumber else {
                throw FunctionToolError("\"\(input.field("quantity"))\" must be a number, found \(given.shortDescription).")
            }
            guard let exact = DecimalNumber(given), exact.mantissa > 0 else {
                throw FunctionToolError("\"\(input.field("quantity"))\" must be greater than 0, found \(given.shortDescription).")
            }
            quantity = exact
        } else {
            quantity = DecimalNumber(mantissa: 1, exponent: 0)
        }
        if let given = input.object["unit_price"], let exact = DecimalNumber(given), exact.isNegative {
            throw FunctionToolError("\"\(input.field("unit_price"))\" must not be negative, found \(given.shortDescription).")
        }
        unitPrice = try input.optionalMoney("unit_price")
        total = try input.money("total")
        category = try input.optionalString("category")
    }

    /// The category used for grouping and filtering: lower-cased, `uncategorized` when absent.
    var categoryKey: String { (category ?? Self.uncategorized).lowercased() }

    /// Reads every element of `elements` as an item; `path` (`items`) names the array.
    static func list(_ elements: [JSONValue], path: String) throws(FunctionToolError) -> [LineItem] {
        var items: [LineItem] = []
        items.reserveCapacity(elements.count)
        for (i, element) in elements.enumerated() {
            items.append(try LineItem(element, path: "\(path)[\(i)]"))
        }
        return items
    }
}
