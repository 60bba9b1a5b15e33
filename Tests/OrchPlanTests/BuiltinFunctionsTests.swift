import Foundation
import OrchJSON
@testable import OrchPlan
import OrchSchema
import Testing

private let repository = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

private let toolNames = ["compute_tax", "apply_discount", "merge_items", "filter_items_by_category", "compute_item_statistics", "sleep_ms"]

private func tool(_ name: String) throws -> FunctionTool {
    try #require(BuiltinFunctions.all.first { $0.definition.name == name }, "no built-in named \(name)")
}

private func schema(_ json: JSONValue?) throws -> Schema {
    try Schema(try #require(json))
}

/// Runs the body of `name` on `input`, which its input schema must accept, checks the
/// output against the output schema and returns the output as compact JSON text.
private func run(_ name: String, _ input: String) throws -> String {
    let function = try tool(name)
    let value = try JSONValue(parsing: input)
    let inputCheck = try schema(function.definition.inputSchema).validate(value)
    #expect(inputCheck.valid, "the input schema of \(name) rejects \(input): \(inputCheck.errors)")
    guard case .sync(let body) = function.body else {
        Issue.record("\(name) is not a synchronous body")
        return ""
    }
    let output = try body(value)
    let outputCheck = try schema(function.definition.outputSchema).validate(output)
    #expect(outputCheck.valid, "the output of \(name) breaks its output schema: \(outputCheck.errors)")
    return JSONWriter.string(output)
}

/// The message `name`'s body throws for `input`, or `nil` when it does not throw.
private func bodyError(_ name: String, _ input: String) throws -> String? {
    let function = try tool(name)
    guard case .sync(let body) = function.body else { return nil }
    do {
        _ = try body(try JSONValue(parsing: input))
        return nil
    } catch let error as FunctionToolError {
        return error.message
    }
}

private let range = "-9999999999999.99 to 9999999999999.99"

@Suite("BuiltinFunctions")
struct BuiltinFunctionsTests {
    // MARK: The catalog

    @Test func catalogFileOnDiskIsTheEmbeddedCatalogByteForByte() throws {
        let file = try Data(contentsOf: repository.appendingPathComponent("catalogs/functions.json"))
        let embedded = Data(BuiltinFunctions.catalogJSON.utf8)
        #expect(file.count == embedded.count)
        #expect(file == embedded, "catalogs/functions.json and BuiltinFunctions.catalogJSON differ; edit both together")
    }

    @Test func registersEveryBuiltinWithCompiledSchemas() throws {
        #expect(BuiltinFunctions.all.map(\.definition.name) == toolNames)
        var catalog = ToolCatalog()
        for function in BuiltinFunctions.all { try catalog.register(function) }
        #expect(catalog.names == toolNames)
        for compiled in catalog.tools {
            #expect(compiled.definition.kind == .function)
            #expect(compiled.definition.source == "built-in")
            #expect(compiled.output != nil, "\(compiled.definition.name) declares no output schema")
            #expect(compiled.definition.inputSchema["additionalProperties"] == false)
            #expect(!compiled.definition.description.isEmpty)
        }
        #expect(Set(BuiltinFunctions.bodies.keys).union(BuiltinFunctions.asyncBodies.keys) == Set(toolNames))
        #expect(Set(BuiltinFunctions.bodies.keys).isDisjoint(with: BuiltinFunctions.asyncBodies.keys))
    }

    @Test func catalogIsTheFunctionsCatalogVersionOne() throws {
        let catalog = try JSONValue(parsing: BuiltinFunctions.catalogJSON)
        #expect(catalog["name"] == "functions")
        #expect(catalog["version"] == "1.0.0")
        #expect(catalog["tools"]?.arrayValue?.allSatisfy { $0["type"] == "function" } == true)
    }

    @Test func outputSchemasRejectAmountsThatAreNotWholeCents() throws {
        let output = try schema(try tool("compute_tax").definition.outputSchema)
        #expect(output.isValid(try JSONValue(parsing: #"{"amount":21.64,"tax_rate":0.08,"tax":1.73,"total":23.37}"#)))
        #expect(!output.isValid(try JSONValue(parsing: #"{"amount":21.64,"tax_rate":0.08,"tax":1.7312,"total":23.3712}"#)))
        #expect(!output.isValid(try JSONValue(parsing: #"{"amount":21.64,"tax_rate":0.08,"tax":1.73}"#)))
    }

    // MARK: compute_tax

    @Test(arguments: [
        (#"{"amount": 21.64, "tax_rate": 0.08}"#, #"{"amount":21.64,"tax_rate":0.08,"tax":1.73,"total":23.37}"#),
        (#"{"amount": 1.15, "tax_rate": 0.5}"#, #"{"amount":1.15,"tax_rate":0.5,"tax":0.58,"total":1.73}"#),
        (#"{"amount": 10, "tax_rate": 0.0825}"#, #"{"amount":10.0,"tax_rate":0.0825,"tax":0.83,"total":10.83}"#),
        (#"{"tax_rate": 0.0825, "amount": -10}"#, #"{"amount":-10.0,"tax_rate":0.0825,"tax":-0.83,"total":-10.83}"#),
        (#"{"amount": 1.005, "tax_rate": 1}"#, #"{"amount":1.01,"tax_rate":1,"tax":1.01,"total":2.02}"#),
        (#"{"amount": 0, "tax_rate": 0}"#, #"{"amount":0.0,"tax_rate":0,"tax":0.0,"total":0.0}"#),
        (#"{"amount": 0.01, "tax_rate": 0.49}"#, #"{"amount":0.01,"tax_rate":0.49,"tax":0.0,"total":0.01}"#),
    ])
    func computesTaxInExactCents(_ input: String, _ expected: String) throws {
        #expect(try run("compute_tax", input) == expected)
    }

    @Test func reportsATaxTotalBeyondTheLimit() throws {
        #expect(try bodyError("compute_tax", #"{"amount": 9999999999999.99, "tax_rate": 0.5}"#)
            == "\"total\" cannot be computed: 9999999999999.99 + 5000000000000.00 is outside the supported amounts, \(range).")
        #expect(try bodyError("compute_tax", #"{"amount": 1e20, "tax_rate": 0.5}"#)
            == "\"amount\" must be between -9999999999999.99 and 9999999999999.99, found the number 1e+20.")
    }

    // MARK: apply_discount

    @Test(arguments: [
        (#"{"amount": 19.99, "percent": 15}"#, #"{"amount":19.99,"percent":15,"discount":3.0,"total":16.99}"#),
        (#"{"amount": 1.15, "percent": 50}"#, #"{"amount":1.15,"percent":50,"discount":0.58,"total":0.57}"#),
        (#"{"amount": 100, "percent": 100}"#, #"{"amount":100.0,"percent":100,"discount":100.0,"total":0.0}"#),
        (#"{"amount": 100, "percent": 0}"#, #"{"amount":100.0,"percent":0,"discount":0.0,"total":100.0}"#),
        (#"{"amount": 0.01, "percent": 12.5}"#, #"{"amount":0.01,"percent":12.5,"discount":0.0,"total":0.01}"#),
        (#"{"amount": -20, "percent": 10}"#, #"{"amount":-20.0,"percent":10,"discount":-2.0,"total":-18.0}"#),
        (#"{"amount": 33.33, "percent": 33.333}"#, #"{"amount":33.33,"percent":33.333,"discount":11.11,"total":22.22}"#),
        (#"{"amount": 0, "percent": 50}"#, #"{"amount":0.0,"percent":50,"discount":0.0,"total":0.0}"#),
    ])
    func appliesADiscountInExactCents(_ input: String, _ expected: String) throws {
        #expect(try run("apply_discount", input) == expected)
    }

    // MARK: merge_items

    @Test(arguments: [
        (
            #"{"lists": [[{"name": "Milk", "quantity": 1, "unit_price": 3.49, "total": 3.49, "category": "food"}, {"name": "Bread", "total": 2.5}], [{"name": " Milk ", "quantity": 2, "unit_price": 3.59, "total": 7.18}, {"name": "Bread", "total": 2.5, "category": "bakery"}, {"name": "Eggs", "quantity": 0.5, "total": 1.999}]]}"#,
            #"{"items":[{"name":"Milk","quantity":3,"unit_price":3.49,"total":10.67,"category":"food"},{"name":"Bread","quantity":2,"total":5.0,"category":"bakery"},{"name":"Eggs","quantity":0.5,"total":2.0}],"count":3}"#
        ),
        (
            #"{"lists": [[{"name": "Bananas", "quantity": 0.1, "total": 0.1}], [{"name": "Bananas", "quantity": 0.2, "total": 0.2}]]}"#,
            #"{"items":[{"name":"Bananas","quantity":0.3,"total":0.3}],"count":1}"#
        ),
        (
            #"{"lists": [[{"name": "A", "total": 1}, {"name": "A", "unit_price": 0.5, "total": 1}, {"name": "A", "unit_price": 0.7, "total": 1, "category": "x"}]]}"#,
            #"{"items":[{"name":"A","quantity":3,"unit_price":0.5,"total":3.0,"category":"x"}],"count":1}"#
        ),
        (
            #"{"lists": [[{"name": "Milk", "total": 1}, {"name": "milk", "total": 2}, {"name": "\u00e9", "total": 3}, {"name": "e\u0301", "total": 4}]]}"#,
            #"{"items":[{"name":"Milk","quantity":1,"total":1.0},{"name":"milk","quantity":1,"total":2.0},{"name":"é","quantity":1,"total":3.0},{"name":"é","quantity":1,"total":4.0}],"count":4}"#
        ),
        (
            #"{"lists": [[{"name": "Coupon", "total": -1}, {"name": "Coupon\t", "total": -1.005}]]}"#,
            #"{"items":[{"name":"Coupon","quantity":2,"total":-2.01}],"count":1}"#
        ),
        (
            #"{"lists": [[{"name": "Gas", "quantity": 10.123, "unit_price": 3.459, "total": 35.015}]]}"#,
            #"{"items":[{"name":"Gas","quantity":10.123,"unit_price":3.46,"total":35.02}],"count":1}"#
        ),
        (#"{"lists": []}"#, #"{"items":[],"count":0}"#),
        (#"{"lists": [[], []]}"#, #"{"items":[],"count":0}"#),
    ])
    func mergesItemsByTrimmedNameInFirstSeenOrder(_ input: String, _ expected: String) throws {
        #expect(try run("merge_items", input) == expected)
    }

    @Test func reportsMergedTotalsBeyondTheLimit() throws {
        let input = #"{"lists": [[{"name": "Big", "total": 9999999999999.99}], [{"name": "Big", "total": 0.01}]]}"#
        #expect(try bodyError("merge_items", input)
            == "The totals of \"Big\" cannot be summed at \"lists[1][0].total\": 9999999999999.99 + 0.01 is outside the supported amounts, \(range).")
    }

    @Test func reportsQuantitiesTooFarApartToSumExactly() throws {
        let input = #"{"lists": [[{"name": "Dust", "quantity": 1e30, "total": 1}, {"name": "Dust", "quantity": 1e-30, "total": 1}]]}"#
        let message = try #require(try bodyError("merge_items", input))
        #expect(message.hasPrefix("The quantities of \"Dust\" cannot be summed exactly at \"lists[0][1].quantity\""))
    }

    // MARK: filter_items_by_category

    private static let mixed = #"[{"name": "Milk", "total": 3.49, "category": "Food"}, {"name": "Gum", "total": 1.005}, {"name": "Bread", "total": 2.5, "category": "food"}, {"name": "Towels", "quantity": 2, "total": 8.99, "category": "household"}]"#

    @Test(arguments: [
        ("FOOD", #"{"items":[{"name":"Milk","total":3.49,"category":"Food"},{"name":"Bread","total":2.5,"category":"food"}],"count":2}"#),
        ("household", #"{"items":[{"name":"Towels","quantity":2,"total":8.99,"category":"household"}],"count":1}"#),
        ("uncategorized", #"{"items":[{"name":"Gum","total":1.005}],"count":1}"#),
        ("Uncategorized", #"{"items":[{"name":"Gum","total":1.005}],"count":1}"#),
        ("fuel", #"{"items":[],"count":0}"#),
        ("foo", #"{"items":[],"count":0}"#),
    ])
    func keepsItemsOfOneCategoryIgnoringCaseAndUnchanged(_ category: String, _ expected: String) throws {
        let input = #"{"items": \#(Self.mixed), "category": \#(JSONWriter.quoted(category))}"#
        #expect(try run("filter_items_by_category", input) == expected)
    }

    @Test func filtersAnEmptyListToNothing() throws {
        #expect(try run("filter_items_by_category", #"{"items": [], "category": "food"}"#) == #"{"items":[],"count":0}"#)
    }

    // MARK: compute_item_statistics

    @Test(arguments: [
        (
            #"[{"name": "Milk", "total": 3.49, "category": "Food"}, {"name": "Bread", "total": 2.5, "category": "food"}, {"name": "Towels", "total": 8.99, "category": "household"}, {"name": "Gum", "total": 1.005}]"#,
            #"{"count":4,"total":15.99,"mean":4.0,"median":3.0,"min":1.01,"max":8.99,"by_category":{"food":{"count":2,"total":5.99},"household":{"count":1,"total":8.99},"uncategorized":{"count":1,"total":1.01}}}"#
        ),
        (
            #"[{"name": "c", "total": 0.3}, {"name": "a", "total": 0.1}, {"name": "b", "total": 0.2}]"#,
            #"{"count":3,"total":0.6,"mean":0.2,"median":0.2,"min":0.1,"max":0.3,"by_category":{"uncategorized":{"count":3,"total":0.6}}}"#
        ),
        (
            #"[{"name": "Refund", "total": -5, "category": "Other"}]"#,
            #"{"count":1,"total":-5.0,"mean":-5.0,"median":-5.0,"min":-5.0,"max":-5.0,"by_category":{"other":{"count":1,"total":-5.0}}}"#
        ),
        (
            #"[{"name": "x", "total": -0.01}, {"name": "y", "total": -0.02}]"#,
            #"{"count":2,"total":-0.03,"mean":-0.02,"median":-0.02,"min":-0.02,"max":-0.01,"by_category":{"uncategorized":{"count":2,"total":-0.03}}}"#
        ),
        (
            #"[{"name": "same", "total": 2}, {"name": "same", "total": 2}]"#,
            #"{"count":2,"total":4.0,"mean":2.0,"median":2.0,"min":2.0,"max":2.0,"by_category":{"uncategorized":{"count":2,"total":4.0}}}"#
        ),
        (
            #"[{"name": "a", "total": 9999999999999.99}, {"name": "b", "total": 9999999999999.99}, {"name": "c", "total": -9999999999999.99}]"#,
            #"{"count":3,"total":9999999999999.99,"mean":3333333333333.33,"median":9999999999999.99,"min":-9999999999999.99,"max":9999999999999.99,"by_category":{"uncategorized":{"count":3,"total":9999999999999.99}}}"#
        ),
        (
            "[]",
            #"{"count":0,"total":0.0,"mean":null,"median":null,"min":null,"max":null,"by_category":{}}"#
        ),
    ])
    func summarizesItemTotalsInExactCents(_ items: String, _ expected: String) throws {
        #expect(try run("compute_item_statistics", #"{"items": \#(items)}"#) == expected)
    }

    @Test func reportsAStatisticsTotalBeyondTheLimit() throws {
        let input = #"{"items": [{"name": "a", "total": 9999999999999.99}, {"name": "b", "total": 9999999999999.99}]}"#
        #expect(try bodyError("compute_item_statistics", input)
            == "\"total\" cannot be computed: the sum 19999999999999.98 is outside the supported amounts, \(range).")
    }

    // MARK: Input the schemas reject

    /// Input the input schema rejects, and the sentence the body throws for it when called
    /// without the schema check.
    @Test(arguments: [
        ("compute_tax", #"{"amount": "12,50", "tax_rate": 0.08}"#, #""amount" must be a number, found the string "12,50"."#),
        ("compute_tax", #"{"amount": 1}"#, #""tax_rate" is required."#),
        ("compute_tax", #"{"tax_rate": 0.1}"#, #""amount" is required."#),
        ("compute_tax", #"{"amount": 1, "tax_rate": 1.5}"#, #""tax_rate" must be between 0 and 1, found the number 1.5."#),
        ("compute_tax", #"{"amount": 1, "tax_rate": -0.1}"#, #""tax_rate" must be between 0 and 1, found the number -0.1."#),
        ("compute_tax", #"{"amount": 1, "tax_rate": 0.1, "currency": "USD"}"#, #"The input has the unknown member "currency"; the members are amount and tax_rate."#),
        ("compute_tax", "[1]", "The input must be an object, found an array of 1 item."),
        ("apply_discount", #"{"amount": 1, "percent": 150}"#, #""percent" must be between 0 and 100, found the number 150."#),
        ("apply_discount", #"{"amount": 1, "percent": "15%"}"#, #""percent" must be a number, found the string "15%"."#),
        ("merge_items", #"{"lists": [{"name": "A", "total": 1}]}"#, #""lists[0]" must be an array of items, found an object of 2 members."#),
        ("merge_items", #"{"lists": [[{"name": "", "total": 1}]]}"#, #""lists[0][0].name" must not be empty."#),
        ("merge_items", #"{"lists": [[{"name": " \n", "total": 1}]]}"#, #""lists[0][0].name" must not be blank."#),
        ("merge_items", #"{"lists": [[{"name": "A"}]]}"#, #""lists[0][0].total" is required."#),
        ("merge_items", #"{"lists": [[{"name": "A", "total": 1, "quantity": 0}]]}"#, #""lists[0][0].quantity" must be greater than 0, found the number 0."#),
        ("merge_items", #"{"lists": [[{"name": "A", "total": 1, "quantity": "2"}]]}"#, #""lists[0][0].quantity" must be a number, found the string "2"."#),
        ("merge_items", #"{"lists": [["A"]]}"#, #""lists[0][0]" must be an object, found the string "A"."#),
        ("filter_items_by_category", #"{"items": []}"#, #""category" is required."#),
        ("filter_items_by_category", #"{"items": [], "category": ""}"#, #""category" must not be empty."#),
        ("filter_items_by_category", #"{"items": [{"name": "A", "total": 1, "category": 7}], "category": "x"}"#, #""items[0].category" must be a string, found the number 7."#),
        ("compute_item_statistics", #"{"items": [{"name": "A", "total": 1, "unit_price": -1}]}"#, #""items[0].unit_price" must not be negative, found the number -1."#),
        ("compute_item_statistics", #"{"items": [{"name": "A", "total": "1"}]}"#, #""items[0].total" must be a number, found the string "1"."#),
        ("compute_item_statistics", #"{"items": {"name": "A", "total": 1}}"#, #""items" must be an array, found an object of 2 members."#),
        ("compute_item_statistics", "{}", #""items" is required."#),
    ])
    func rejectsInvalidInputInTheSchemaAndTheBody(_ name: String, _ input: String, _ message: String) throws {
        let function = try tool(name)
        let value = try JSONValue(parsing: input)
        #expect(!(try schema(function.definition.inputSchema).isValid(value)), "the input schema of \(name) accepts \(input)")
        #expect(try bodyError(name, input) == message)
    }
}

@Suite("BuiltinFunctions with enriched items")
struct EnrichedItemTests {
    /// A categorizer adds members such as `confidence`; the item built-ins accept them,
    /// keep them where items pass through, and their outputs still validate.
    @Test func acceptsAndKeepsExtraItemMembers() throws {
        let list = #"[{"name": "Milk", "total": 2.49, "category": "beverage", "confidence": 0.93}, {"name": "Soap", "total": 3.5, "category": "household", "confidence": 0.71}]"#
        let filtered = try run("filter_items_by_category", #"{"items": \#(list), "category": "beverage"}"#)
        #expect(filtered == #"{"items":[{"name":"Milk","total":2.49,"category":"beverage","confidence":0.93}],"count":1}"#)
        let statistics = try run("compute_item_statistics", #"{"items": \#(list)}"#)
        #expect(statistics.contains(#""count":2,"total":5.99"#))
        let merged = try run("merge_items", #"{"lists": [[{"name": "Milk", "total": 2.49, "confidence": 0.9}], [{"name": "Milk", "total": 2.49}]]}"#)
        #expect(merged == #"{"items":[{"name":"Milk","quantity":2,"total":4.98}],"count":1}"#)
    }
}


@Suite("sleep_ms")
struct SleepBuiltinTests {
    private func body() throws -> @Sendable (JSONValue) async throws -> JSONValue {
        let function = try #require(BuiltinFunctions.all.first { $0.definition.name == "sleep_ms" })
        guard case .async(let body) = function.body else {
            Issue.record("sleep_ms must be asynchronous")
            throw FunctionToolError("not async")
        }
        return body
    }

    @Test func waitsAndReportsTheWait() async throws {
        let clock = ContinuousClock()
        let start = clock.now
        let output = try await body()(["ms": 30])
        #expect(output == ["slept_ms": 30])
        #expect(clock.now - start >= .milliseconds(30))
    }

    @Test func rejectsNegativeAndHugeWaits() async throws {
        let sleep = try body()
        for bad: JSONValue in [["ms": -1], ["ms": 3_600_001], ["ms": "10"]] {
            await #expect(throws: FunctionToolError.self) { _ = try await sleep(bad) }
        }
    }

    @Test func endsAtOnceWhenCancelled() async throws {
        let sleep = try body()
        let task = Task { try await sleep(["ms": 60_000]) }
        try await Task.sleep(for: .milliseconds(20))
        task.cancel()
        await #expect(throws: CancellationError.self) { _ = try await task.value }
    }
}
