import OrchJSON

/// The function tools that come with orch-mcp: exact money arithmetic and line-item helpers
/// for receipts.
///
/// Their definitions are `catalogs/functions.json`, compiled into the binary as
/// ``catalogJSON``; a test keeps the two byte-identical. Money is exact in cents (see
/// ``Money``): totals, unit prices and amounts are rounded half away from zero to the cent,
/// and results are JSON numbers whose text is exactly the cents (`21.64`, `5.0`).
///
/// A body throws ``FunctionToolError`` with a sentence naming the field for input its schema
/// should have rejected and for what a schema cannot check, such as an amount beyond
/// ``Money/maxCents``. Registering them is up to the caller:
///
/// ```swift
/// var catalog = ToolCatalog()
/// for function in BuiltinFunctions.all { try catalog.register(function) }
/// ```
public enum BuiltinFunctions {
    /// The source every built-in definition names.
    public static let source = "built-in"

    /// The built-in tools in catalog order: `compute_tax`, `apply_discount`, `merge_items`,
    /// `filter_items_by_category`, `compute_item_statistics`, `sleep_ms`.
    public static let all: [FunctionTool] = {
        let catalog: JSONValue
        do {
            catalog = try JSONValue(parsing: catalogJSON)
        } catch {
            preconditionFailure("The built-in catalog is not valid JSON: \(error)")
        }
        guard let entries = catalog["tools"]?.arrayValue else {
            preconditionFailure("The built-in catalog has no \"tools\" array.")
        }
        return entries.enumerated().map { i, entry in
            let definition: ToolDefinition
            do {
                definition = try ToolCatalog.definition(entry, source: source, path: "/tools/\(i)")
            } catch {
                preconditionFailure("The built-in catalog is invalid: \(error)")
            }
            if let body = asyncBodies[definition.name] { return FunctionTool(definition, body: .async(body)) }
            guard let body = bodies[definition.name] else {
                preconditionFailure("The built-in tool '\(definition.name)' has no body.")
            }
            return FunctionTool(definition, body: .sync(body))
        }
    }()

    /// The body of each built-in, by tool name.
    static let bodies: [String: @Sendable (JSONValue) throws -> JSONValue] = [
        "compute_tax": { try computeTax($0) },
        "apply_discount": { try applyDiscount($0) },
        "merge_items": { try mergeItems($0) },
        "filter_items_by_category": { try filterItemsByCategory($0) },
        "compute_item_statistics": { try computeItemStatistics($0) },
    ]

    /// Built-ins that wait, by tool name.
    static let asyncBodies: [String: @Sendable (JSONValue) async throws -> JSONValue] = [
        "sleep_ms": { try await sleep($0) },
    ]

    /// `{ms}` → `{slept_ms}`: waits that long (a plan's timer, and a tool for trying timeouts,
    /// retries and cancellation). Cancellation ends the wait at once.
    static func sleep(_ value: JSONValue) async throws -> JSONValue {
        let input = try ToolInput(value, allowed: ["ms"])
        let ms = try input.required("ms")
        guard let milliseconds = ms.intValue, milliseconds >= 0, milliseconds <= 3_600_000 else {
            throw FunctionToolError("\"ms\" must be a whole number of milliseconds from 0 to 3600000, found \(ms.shortDescription).")
        }
        try await Task.sleep(for: .milliseconds(milliseconds))
        return ["slept_ms": .int(milliseconds)]
    }

    /// `{amount, tax_rate}` → `{amount, tax_rate, tax, total}`: tax = amount × tax_rate
    /// rounded half away from zero to cents, total = amount + tax.
    static func computeTax(_ value: JSONValue) throws(FunctionToolError) -> JSONValue {
        let input = try ToolInput(value, allowed: ["amount", "tax_rate"])
        let amount = try input.money("amount")
        let rate = try input.number("tax_rate", in: 0...1)
        let tax = try computing("tax") { () throws(FunctionToolError) in try amount.multiplied(by: rate) }
        let total = try computing("total") { () throws(FunctionToolError) in try amount + tax }
        return ["amount": amount.json, "tax_rate": try input.required("tax_rate"), "tax": tax.json, "total": total.json]
    }

    /// `{amount, percent}` → `{amount, percent, discount, total}`: discount = amount × percent
    /// / 100 rounded half away from zero to cents, total = amount − discount.
    static func applyDiscount(_ value: JSONValue) throws(FunctionToolError) -> JSONValue {
        let input = try ToolInput(value, allowed: ["amount", "percent"])
        let amount = try input.money("amount")
        let percent = try input.number("percent", in: 0...100)
        let discount = try computing("discount") { () throws(FunctionToolError) in try amount.percent(percent) }
        let total = try computing("total") { () throws(FunctionToolError) in try amount - discount }
        return ["amount": amount.json, "percent": try input.required("percent"), "discount": discount.json, "total": total.json]
    }

    /// Runs `work`, prefixing a failure with the output field it was computing:
    /// `"total" cannot be computed: 9999999999999.99 + 0.01 is outside …`.
    static func computing<T>(_ field: String, _ work: () throws(FunctionToolError) -> T) throws(FunctionToolError) -> T {
        do {
            return try work()
        } catch {
            throw FunctionToolError("\"\(field)\" cannot be computed: \(error.message)")
        }
    }
}
