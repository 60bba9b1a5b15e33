import OrchJSON

/// `final_synthesis.prompt_template`: text with `{{steps}}` (every step's output as one JSON
/// object), `{{step:ID}}` and `{{step:ID.path}}` (a string as it is, anything else as
/// compact JSON). A step that did not succeed renders as `null`.
public struct PromptTemplate: Sendable {
    enum Part: Sendable {
        case text(String)
        case allSteps
        case reference(StepReference)
    }

    let parts: [Part]
    public let source: String

    /// Parses the template; the error names the placeholder that is wrong.
    public init(_ source: String) throws(StepError) {
        self.source = source
        var parts: [Part] = []
        var rest = Substring(source)
        while let open = rest.range(of: "{{") {
            if open.lowerBound > rest.startIndex { parts.append(.text(String(rest[..<open.lowerBound]))) }
            guard let close = rest[open.upperBound...].range(of: "}}") else {
                parts.append(.text(String(rest[open.lowerBound...])))
                rest = ""
                break
            }
            let name = rest[open.upperBound..<close.lowerBound].trimmingSpaces
            if name == "steps" {
                parts.append(.allSteps)
            } else if StepReference.isReference(name) {
                parts.append(.reference(try StepReference(parsing: name)))
            } else {
                parts.append(.text(String(rest[open.lowerBound..<close.upperBound])))
            }
            rest = rest[close.upperBound...]
        }
        if !rest.isEmpty { parts.append(.text(String(rest))) }
        self.parts = parts
    }

    /// Every `{{step:…}}` placeholder.
    public var references: [StepReference] {
        parts.compactMap { if case .reference(let r) = $0 { r } else { nil } }
    }

    /// The text with placeholders filled from `outputs` (id → output; absent for steps that
    /// did not succeed), in plan order `order`.
    public func render(outputs: [String: JSONValue], order: [String]) -> String {
        var out = ""
        for part in parts {
            switch part {
            case .text(let text): out += text
            case .allSteps:
                var object = JSONObject(minimumCapacity: order.count)
                for id in order { object.append(id, outputs[id] ?? .null) }
                out += JSONWriter.string(.object(object))
            case .reference(let reference):
                guard let output = outputs[reference.stepID], let value = try? reference.select(from: output) else {
                    out += "null"
                    continue
                }
                if case .string(let text) = value { out += text } else { out += JSONWriter.string(value) }
            }
        }
        return out
    }
}

extension Substring {
    var trimmingSpaces: String {
        String(drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed())
    }
}
