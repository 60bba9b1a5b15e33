extension CatalogExport {
    /// Longest tool name OpenAI, Anthropic and Gemini accept.
    static let maximumNameLength = 64

    /// The name `name` is exported under: unchanged for MCP, which allows dotted names; for
    /// the others, made to match `^[A-Za-z0-9_-]{1,64}$` (and, for Gemini, to start with a
    /// letter or `_`).
    ///
    /// `.` becomes `__` and any other character outside the pattern `_`; Gemini names that
    /// start otherwise get a leading `_`. A result over 64 characters is cut to 55 and ends in
    /// `_` and the 8 hex digits of the FNV-1a hash of the original name, so the mapping depends
    /// on the name alone. Distinct names can still meet (`a.b` and `a__b`); the export checks.
    static func exportedName(for name: String, format: ExportFormat) -> String {
        guard format != .mcp else { return name }
        var exported = ""
        for scalar in name.unicodeScalars {
            if scalar == "." {
                exported += "__"
            } else if isNameCharacter(scalar) {
                exported.unicodeScalars.append(scalar)
            } else {
                exported += "_"
            }
        }
        if format == .gemini, let first = exported.unicodeScalars.first, !(isLetter(first) || first == "_") {
            exported = "_" + exported
        }
        if exported.isEmpty { exported = "_" }
        if exported.utf8.count > maximumNameLength {
            exported = String(exported.prefix(maximumNameLength - 9)) + "_" + hashSuffix(of: name)
        }
        return exported
    }

    /// 8 lowercase hex digits of the 32-bit FNV-1a hash of the UTF-8 bytes of `name`.
    static func hashSuffix(of name: String) -> String {
        var hash: UInt32 = 0x811C_9DC5
        for byte in name.utf8 {
            hash ^= UInt32(byte)
            hash = hash &* 0x0100_0193
        }
        let digits = String(hash, radix: 16)
        return String(repeating: "0", count: 8 - digits.count) + digits
    }

    private static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
        (scalar >= "a" && scalar <= "z") || (scalar >= "A" && scalar <= "Z")
    }

    private static func isNameCharacter(_ scalar: Unicode.Scalar) -> Bool {
        isLetter(scalar) || (scalar >= "0" && scalar <= "9") || scalar == "_" || scalar == "-"
    }
}
