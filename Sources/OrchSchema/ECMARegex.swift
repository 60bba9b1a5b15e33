import Foundation

/// A `pattern` regular expression with ECMA-262 meaning, run on ICU (NSRegularExpression).
///
/// ICU and ECMA-262 differ in a few places that matter for schemas; the source is rewritten
/// so that `\d`, `\w` (and their negations) are ASCII-only and `$` matches only at the very
/// end, as in JavaScript. Patterns are unanchored (they may match anywhere), as the spec says.
struct ECMARegex: @unchecked Sendable {
    let source: String
    private let regex: NSRegularExpression

    init(_ source: String, location: String) throws(SchemaError) {
        self.source = source
        do {
            regex = try NSRegularExpression(pattern: Self.translate(source), options: [])
        } catch {
            throw SchemaError(.invalidPattern, at: location,
                              "The regular expression \(quoted(source)) does not compile: \(error.localizedDescription)")
        }
    }

    /// Whether the pattern matches anywhere in `text`.
    func matches(_ text: String) -> Bool {
        let range = NSRange(location: 0, length: text.utf16.count)
        return regex.firstMatch(in: text, options: [], range: range) != nil
    }

    /// Rewrites ECMA-262 syntax whose meaning differs in ICU.
    static func translate(_ source: String) -> String {
        var out = ""
        var inClass = false
        var iterator = source.makeIterator()
        while let c = iterator.next() {
            if c == "\\" {
                guard let next = iterator.next() else { out.append("\\"); break }
                switch next {
                case "d": out += inClass ? "0-9" : "[0-9]"
                case "D": out += inClass ? "\\x{0}-/:-\\x{10FFFF}" : "[^0-9]"
                case "w": out += inClass ? "a-zA-Z0-9_" : "[a-zA-Z0-9_]"
                case "W": out += inClass ? "\\x{0}-/:-@\\[-^`{-\\x{10FFFF}" : "[^a-zA-Z0-9_]"
                default: out.append("\\"); out.append(next)
                }
                continue
            }
            if inClass {
                if c == "]" { inClass = false }
                out.append(c)
            } else if c == "[" {
                inClass = true
                out.append(c)
                // A `]` or `^]` right after `[` is literal in ICU but ends an empty class in ECMA.
            } else if c == "$" {
                out += "(?!(?s:.))"
            } else {
                out.append(c)
            }
        }
        return out
    }
}

private func quoted(_ text: String) -> String { "'" + text + "'" }
