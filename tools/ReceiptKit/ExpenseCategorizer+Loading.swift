#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import OrchJSON
import OrchMCP

/// Finding and reading `catalogs/lexicon.json` with plain libc calls, so ReceiptKit needs no
/// Foundation.
extension ExpenseCategorizer {
    /// The lexicon's place inside the repository.
    public static let lexiconRelativePath = "catalogs/lexicon.json"

    /// Reads and checks the lexicon at `path`.
    public static func load(path: String) throws(LexiconError) -> ExpenseCategorizer {
        let bytes = try readFile(path)
        let json: JSONValue
        do {
            json = try JSONParser().parse(bytes)
        } catch {
            throw LexiconError(.invalidJSON, in: path, at: "", "The lexicon is not valid JSON: \(error).", underlying: error)
        }
        return try ExpenseCategorizer(lexicon: json, source: path)
    }

    /// Where the lexicon is, and every place looked at (for an error message when it is not
    /// found).
    ///
    /// `ORCH_LEXICON`, when set, is the only place tried: a wrong setting should fail rather
    /// than quietly fall back. Otherwise `catalogs/lexicon.json` is looked for in the running
    /// executable's directory and its ancestors (a binary in
    /// `.build/x86_64-unknown-linux-gnu/release/` finds the repository three levels up), then
    /// in the current directory and its ancestors.
    public static func findLexicon() -> (path: String?, searched: [String]) {
        if let value = getenv("ORCH_LEXICON"), case let path = String(cString: value), !path.isEmpty {
            // As it is, readable or not: loading it then says what is wrong with it.
            return (path, [path])
        }
        var searched: [String] = []
        for start in [OrchMCP.executableDirectory(), currentDirectory()].compactMap({ $0 }) {
            var directory = start
            for _ in 0..<8 {
                let candidate = (directory == "/" ? "" : directory) + "/" + lexiconRelativePath
                if !searched.contains(candidate) {
                    searched.append(candidate)
                    if isReadable(candidate) { return (candidate, searched) }
                }
                guard let parent = parentDirectory(of: directory) else { break }
                directory = parent
            }
        }
        return (nil, searched)
    }

    static func isReadable(_ path: String) -> Bool {
        access(path, R_OK) == 0
    }

    private static func currentDirectory() -> String? {
        var buffer = [CChar](repeating: 0, count: 4096)
        guard getcwd(&buffer, buffer.count) != nil else { return nil }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// `/a/b` → `/a`, `/a` → `/`, `/` → nil.
    static func parentDirectory(of path: String) -> String? {
        var trimmed = Substring(path)
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed.removeLast() }
        guard trimmed != "/", let slash = trimmed.lastIndex(of: "/") else { return nil }
        return slash == trimmed.startIndex ? "/" : String(trimmed[..<slash])
    }

    private static func readFile(_ path: String) throws(LexiconError) -> [UInt8] {
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw LexiconError(.unreadable, in: path, at: "", errno == ENOENT ? "The lexicon file does not exist." : "The lexicon file cannot be read: \(String(cString: strerror(errno))).")
        }
        guard info.st_mode & S_IFMT == S_IFREG else {
            throw LexiconError(.unreadable, in: path, at: "", "This is not a regular file (a directory?); a lexicon is a JSON file such as catalogs/lexicon.json.")
        }
        guard let file = fopen(path, "rb") else {
            throw LexiconError(.unreadable, in: path, at: "", "The lexicon file cannot be read: \(String(cString: strerror(errno))).")
        }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = fread(&chunk, 1, chunk.count, file)
            if count > 0 { bytes.append(contentsOf: chunk[0..<count]) }
            if count < chunk.count {
                if ferror(file) != 0 {
                    throw LexiconError(.unreadable, in: path, at: "", "The lexicon file could not be read to the end: \(String(cString: strerror(errno))).")
                }
                return bytes
            }
        }
    }
}
