import OrchJSON

/// A `"step:ID"` or `"step:ID.a.b[2]"` string in a step input: the output of step ID, or a
/// part of it.
public struct StepReference: Sendable, Hashable, CustomStringConvertible {
    public enum Component: Sendable, Hashable {
        case key(String)
        case index(Int)
    }

    public let stepID: String
    public let path: [Component]
    /// The reference as written.
    public let text: String

    public static let prefix = "step:"

    /// Whether `text` is meant as a reference (it starts with `step:`).
    public static func isReference(_ text: String) -> Bool { text.hasPrefix(prefix) }

    /// Parses a reference; the error is a sentence saying what is wrong with it.
    public init(parsing text: String) throws(StepError) {
        self.text = text
        let body = Array(text.utf8.dropFirst(Self.prefix.utf8.count))
        var i = 0
        while i < body.count, StepReference.isIDByte(body[i]) { i += 1 }
        guard i > 0 else {
            throw StepError(.referenceError, "The reference \(JSONWriter.quoted(text)) needs a step id after 'step:' (letters, digits, '_' or '-').")
        }
        stepID = String(decoding: body[0..<i], as: UTF8.self)
        var components: [Component] = []
        while i < body.count {
            if body[i] == UInt8(ascii: ".") {
                let start = i + 1
                i = start
                while i < body.count, body[i] != UInt8(ascii: "."), body[i] != UInt8(ascii: "[") { i += 1 }
                guard i > start else {
                    throw StepError(.referenceError, "The reference \(JSONWriter.quoted(text)) has an empty field name after '.'.")
                }
                components.append(.key(String(decoding: body[start..<i], as: UTF8.self)))
            } else if body[i] == UInt8(ascii: "[") {
                let start = i + 1
                i = start
                while i < body.count, body[i] >= UInt8(ascii: "0"), body[i] <= UInt8(ascii: "9") { i += 1 }
                guard i > start, i < body.count, body[i] == UInt8(ascii: "]"), let index = Int(String(decoding: body[start..<i], as: UTF8.self)) else {
                    throw StepError(.referenceError, "The reference \(JSONWriter.quoted(text)) has a malformed index: write [N] with a whole number.")
                }
                components.append(.index(index))
                i += 1
            } else {
                throw StepError(.referenceError, "The reference \(JSONWriter.quoted(text)) has an unexpected character after the step id: use .field or [index].")
            }
        }
        path = components
    }

    public var description: String { text }

    /// Step ids are 1–128 of letters, digits, `_` and `-` (no `.` or `[`: they end the id in a reference).
    public static func isIDByte(_ c: UInt8) -> Bool {
        (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == 0x5F || c == 0x2D
    }

    public static func isValidStepID(_ id: String) -> Bool {
        !id.isEmpty && id.utf8.count <= 128 && id.utf8.allSatisfy(isIDByte)
    }

    /// The part of `output` this reference selects; throws `reference_error` naming what is missing.
    public func select(from output: JSONValue) throws(StepError) -> JSONValue {
        var current = output
        var walked = "step:" + stepID
        for component in path {
            switch component {
            case .key(let key):
                guard case .object(let object) = current else {
                    throw StepError(.referenceError, "\(text): \(walked) is \(current.shortDescription), not an object, so it has no field '\(key)'.")
                }
                guard let next = object[key] else {
                    let fields = object.keys.prefix(12).joined(separator: ", ")
                    throw StepError(.referenceError, "\(text): \(walked) has no field '\(key)' (it has: \(fields.isEmpty ? "no fields" : fields)).")
                }
                current = next
                walked += "." + key
            case .index(let index):
                guard case .array(let array) = current else {
                    throw StepError(.referenceError, "\(text): \(walked) is \(current.shortDescription), not an array, so it has no item [\(index)].")
                }
                guard index < array.count else {
                    throw StepError(.referenceError, "\(text): \(walked) has \(array.count) item\(array.count == 1 ? "" : "s"), so there is no item [\(index)].")
                }
                current = array[index]
                walked += "[\(index)]"
            }
        }
        return current
    }
}
