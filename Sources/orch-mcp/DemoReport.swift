import Foundation
import OrchExecutor
import OrchJSON

/// The demo's readable report: the receipt's header, its categorized items, the printed
/// totals against the items' sum, statistics per category, and each step's time.
struct DemoReport {
    let result: RunResult
    let image: String
    let startupMs: Double
    let totalMs: Double

    func render() -> String {
        var out = "Receipt demo: \(image)\n\n"
        let parsed = result.step("parse")?.output
        if let parsed {
            let merchant = parsed["merchant"]?.stringValue ?? "(merchant not found)"
            let date = parsed["date"]?.stringValue ?? "(no date)"
            out += "  \(merchant)   \(date)   \(parsed["currency"]?.stringValue ?? "")\n\n"
        }
        if let items = result.step("categorize")?.output?["items"]?.arrayValue {
            out += table(["ITEM", "QTY", "UNIT", "TOTAL", "CATEGORY", "CONF"], rightAligned: [1, 2, 3, 5], rows: items.map { item in
                [item["name"]?.stringValue ?? "", number(item["quantity"], decimals: nil), number(item["unit_price"], decimals: 2),
                 number(item["total"], decimals: 2), item["category"]?.stringValue ?? "", number(item["confidence"], decimals: 2)]
            })
        }
        if let parsed {
            for discount in parsed["discounts"]?.arrayValue ?? [] {
                out += "  discount: \(discount["name"]?.stringValue ?? "") \(number(discount["amount"], decimals: 2))\n"
            }
            let printed = ["subtotal", "tax", "total"].map { "\($0) \(number(parsed[$0], decimals: 2))" }.joined(separator: "   ")
            out += "\n  printed: \(printed)\n"
            for warning in parsed["warnings"]?.arrayValue ?? [] {
                out += "  warning: \(warning.stringValue ?? "")\n"
            }
        }
        if let stats = result.step("stats")?.output {
            out += "\n"
            if case .object(let categories)? = stats["by_category"] {
                out += table(["CATEGORY", "ITEMS", "TOTAL"], rightAligned: [1, 2], rows: categories.map { name, entry in
                    [name, number(entry["count"], decimals: nil), number(entry["total"], decimals: 2)]
                })
            }
            out += "  \(number(stats["count"], decimals: nil)) items, sum \(number(stats["total"], decimals: 2)), mean \(number(stats["mean"], decimals: 2)), median \(number(stats["median"], decimals: 2))"
            if let tax = result.step("tax")?.output {
                out += "; with \(number(tax["tax_rate"].map { .double(($0.doubleValue ?? 0) * 100) }, decimals: nil)) % tax \(number(tax["total"], decimals: 2))"
            }
            out += "\n"
        }
        out += "\n"
        out += table(["STEP", "STATUS", "TIME"], rightAligned: [2], rows: result.steps.map { step in
            [step.id, step.status.rawValue, step.durationMs.map { String(format: "%.1f ms", $0) } ?? "-"]
        })
        out += String(format: "  workers started in %.0f ms; %.0f ms end to end\n", startupMs, totalMs)
        // Why steps failed, whole: the first failure is usually the one to act on.
        for step in result.steps {
            if let error = step.error {
                out += "\n  \(step.id) failed: \(error.code): \(error.message)\n"
            }
        }
        if result.status == .succeeded, let final = result.final { out += "\n\(final)\n" }
        return out
    }

    private func number(_ value: JSONValue?, decimals: Int?) -> String {
        guard let value, value.isNumber, let double = value.doubleValue else { return "-" }
        if let decimals { return String(format: "%.\(decimals)f", double) }
        return value.intValue.map(String.init) ?? JSONWriter.string(value)
    }

    private func table(_ header: [String], rightAligned: Set<Int>, rows: [[String]]) -> String {
        let all = [header] + rows
        let widths = header.indices.map { column in min(42, all.map { $0[column].count }.max() ?? 0) }
        var out = ""
        for row in all {
            let cells = row.indices.map { column -> String in
                var cell = row[column]
                if cell.count > widths[column] { cell = String(cell.prefix(widths[column] - 1)) + "…" }
                let padding = String(repeating: " ", count: widths[column] - cell.count)
                return rightAligned.contains(column) ? padding + cell : cell + padding
            }
            out += "  " + cells.joined(separator: "  ").replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression) + "\n"
        }
        return out
    }
}
