import OrchJSON

/// The members of a function tool's input object, read with errors that name the field.
///
/// The executor validates input against the tool's `inputSchema` before a body runs; these
/// checks repeat the essentials so that a body called directly still fails with a sentence,
/// never a crash.
struct ToolInput {
    let object: JSONObject
    /// How fields are named in messages: `"amount"`, or `"items[2].total"` inside an item.
    private let prefix: String

    /// Reads `value` as an object whose members are all in `allowed` (any members when nil).
    ///
    /// `path` names the object in messages (empty for the input itself).
    init(_ value: JSONValue, path: String = "", allowed: [String]?) throws(FunctionToolError) {
        let what = path.isEmpty ? "The input" : "\"\(path)\""
        guard case .object(let object) = value else {
            throw FunctionToolError("\(what) must be an object, found \(value.shortDescription).")
        }
        for key in object.keys where allowed.map({ !$0.contains(key) }) ?? false {
            throw FunctionToolError("\(what) has the unknown member \(JSONWriter.quoted(key)); the members are \(Self.list(allowed ?? [])).")
        }
        self.object = object
        prefix = path.isEmpty ? "" : path + "."
    }

    /// The name of `key` in messages, without quotes: `items[2].total`.
    func field(_ key: String) -> String { prefix + key }

    /// `key`'s value; throws when it is missing.
    func required(_ key: String) throws(FunctionToolError) -> JSONValue {
        guard let value = object[key] else {
            throw FunctionToolError("\"\(field(key))\" is required.")
        }
        return value
    }

    func money(_ key: String) throws(FunctionToolError) -> Money {
        try Money.parse(try required(key), field: field(key))
    }

    func optionalMoney(_ key: String) throws(FunctionToolError) -> Money? {
        guard let value = object[key] else { return nil }
        return try Money.parse(value, field: field(key))
    }

    /// A finite number within `range`.
    func number(_ key: String, in range: ClosedRange<Double>) throws(FunctionToolError) -> Double {
        let value = try required(key)
        guard let number = value.doubleValue else {
            throw FunctionToolError("\"\(field(key))\" must be a number, found \(value.shortDescription).")
        }
        guard range.contains(number) else {
            throw FunctionToolError("\"\(field(key))\" must be between \(Self.format(range.lowerBound)) and \(Self.format(range.upperBound)), found \(value.shortDescription).")
        }
        return number
    }

    /// A string with at least one character.
    func string(_ key: String) throws(FunctionToolError) -> String {
        let value = try required(key)
        guard case .string(let text) = value else {
            throw FunctionToolError("\"\(field(key))\" must be a string, found \(value.shortDescription).")
        }
        guard !text.isEmpty else {
            throw FunctionToolError("\"\(field(key))\" must not be empty.")
        }
        return text
    }

    func optionalString(_ key: String) throws(FunctionToolError) -> String? {
        guard object[key] != nil else { return nil }
        return try string(key)
    }

    func array(_ key: String) throws(FunctionToolError) -> [JSONValue] {
        let value = try required(key)
        guard case .array(let elements) = value else {
            throw FunctionToolError("\"\(field(key))\" must be an array, found \(value.shortDescription).")
        }
        return elements
    }

    /// `1` rather than `1.0` in messages about bounds.
    private static func format(_ bound: Double) -> String {
        if let whole = Int64(exactly: bound) { return String(whole) }
        return JSONWriter.format(bound)
    }

    /// `a, b and c`.
    static func list(_ names: [String]) -> String {
        guard names.count > 1 else { return names.first ?? "" }
        return names.dropLast().joined(separator: ", ") + " and " + names.last!
    }
}
