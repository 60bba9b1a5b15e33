import OrchJSON

extension BuiltinFunctions {
    /// `{lists: [[item]]}` → `{items, count}`: items of the same trimmed name merged in
    /// first-seen order, quantities and totals summed, unit_price and category from the
    /// first item of that name that has one.
    static func mergeItems(_ value: JSONValue) throws(FunctionToolError) -> JSONValue {
        let input = try ToolInput(value, allowed: ["lists"])
        var merged: [MergedItem] = []
        // Names match by their UTF-8 bytes: "exact" means no Unicode normalization either.
        var positions: [[UInt8]: Int] = [:]
        for (l, list) in try input.array("lists").enumerated() {
            guard case .array(let elements) = list else {
                throw FunctionToolError("\"lists[\(l)]\" must be an array of items, found \(list.shortDescription).")
            }
            for (i, element) in elements.enumerated() {
                let path = "lists[\(l)][\(i)]"
                let item = try LineItem(element, path: path)
                let key = Array(item.name.utf8)
                if let position = positions[key] {
                    try merged[position].add(item, path: path)
                } else {
                    positions[key] = merged.count
                    merged.append(MergedItem(item))
                }
            }
        }
        return ["items": .array(merged.map(\.json)), "count": .int(Int64(merged.count))]
    }

    /// `{items, category}` → `{items, count}`: the items whose category equals `category`
    /// ignoring case, unchanged and in order; an item without a category is `uncategorized`.
    static func filterItemsByCategory(_ value: JSONValue) throws(FunctionToolError) -> JSONValue {
        let input = try ToolInput(value, allowed: ["items", "category"])
        let items = try LineItem.list(try input.array("items"), path: "items")
        let wanted = try input.string("category").lowercased()
        let kept = items.filter { $0.categoryKey == wanted }.map(\.json)
        return ["items": .array(kept), "count": .int(Int64(kept.count))]
    }

    /// `{items}` → `{count, total, mean, median, min, max, by_category}` over the item
    /// totals in exact cents; mean, median, min and max are null for no items.
    static func computeItemStatistics(_ value: JSONValue) throws(FunctionToolError) -> JSONValue {
        let input = try ToolInput(value, allowed: ["items"])
        let items = try LineItem.list(try input.array("items"), path: "items")
        let totals = items.map(\.total)
        let total = try computing("total") { () throws(FunctionToolError) in try Money.sum(totals) }

        var categories: [String] = []
        var members: [String: [Money]] = [:]
        for item in items {
            let key = item.categoryKey
            if members[key] == nil { categories.append(key) }
            members[key, default: []].append(item.total)
        }
        var byCategory = JSONObject(minimumCapacity: categories.count)
        for category in categories {
            let amounts = members[category] ?? []
            let sum = try computing("by_category.\(category).total") { () throws(FunctionToolError) in try Money.sum(amounts) }
            byCategory.append(category, ["count": .int(Int64(amounts.count)), "total": sum.json])
        }

        let sorted = totals.sorted()
        let middle = sorted.count / 2
        let median: Money? = sorted.isEmpty ? nil
            : sorted.count % 2 == 1 ? sorted[middle] : Money.midpoint(sorted[middle - 1], sorted[middle])
        return [
            "count": .int(Int64(items.count)),
            "total": total.json,
            "mean": sorted.isEmpty ? .null : total.divided(by: sorted.count).json,
            "median": median?.json ?? .null,
            "min": sorted.first?.json ?? .null,
            "max": sorted.last?.json ?? .null,
            "by_category": .object(byCategory),
        ]
    }
}

/// An item of `merge_items`' output while it is being merged.
struct MergedItem {
    let name: String
    var quantity: DecimalNumber
    var unitPrice: Money?
    var total: Money
    var category: String?

    init(_ item: LineItem) {
        name = item.name
        quantity = item.quantity
        unitPrice = item.unitPrice
        total = item.total
        category = item.category
    }

    /// Adds `item` (found at `path`) to this one.
    mutating func add(_ item: LineItem, path: String) throws(FunctionToolError) {
        guard let sum = quantity.adding(item.quantity) else {
            throw FunctionToolError("The quantities of \(JSONWriter.quoted(name)) cannot be summed exactly at \"\(path).quantity\": \(quantity.text) and \(item.quantity.text) are too far apart in scale.")
        }
        quantity = sum
        do {
            total = try total + item.total
        } catch {
            throw FunctionToolError("The totals of \(JSONWriter.quoted(name)) cannot be summed at \"\(path).total\": \(error.message)")
        }
        if unitPrice == nil { unitPrice = item.unitPrice }
        if category == nil { category = item.category }
    }

    /// `{name, quantity, unit_price?, total, category?}`, money in cents.
    var json: JSONValue {
        var object: JSONObject = ["name": .string(name), "quantity": quantity.json]
        if let unitPrice { object["unit_price"] = unitPrice.json }
        object["total"] = total.json
        if let category { object["category"] = .string(category) }
        return .object(object)
    }
}
