import Foundation
import OrchJSON

/// Schema documents that `$ref` may reach, by URI. References resolve only from here (and
/// the built-in meta-schemas): nothing is ever fetched from the network.
public struct SchemaResources: Sendable {
    private(set) var documents: [String: JSONValue] = [:]

    public init() {}

    /// Registers `document` as retrievable at `uri` (a fragment, if any, is ignored).
    public mutating func add(_ document: JSONValue, uri: String) {
        documents[Self.key(uri)] = document
    }

    /// Registers every `.json` file below `directory` at `uriPrefix` + its relative path
    /// (`--resource http://localhost:1234/=remotes` serves `remotes/a/b.json` at
    /// `http://localhost:1234/a/b.json`).
    public mutating func addDirectory(_ directory: String, uriPrefix: String) throws(SchemaError) {
        let root = URL(fileURLWithPath: directory).standardizedFileURL
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw SchemaError(.invalidResource, at: "", "The resource directory '\(directory)' does not exist or is not a directory.")
        }
        let prefix = uriPrefix.hasSuffix("/") ? uriPrefix : uriPrefix + "/"
        guard let walker = FileManager.default.enumerator(atPath: root.path) else { return }
        for case let relative as String in walker where relative.hasSuffix(".json") {
            let file = root.appendingPathComponent(relative).path
            guard let data = FileManager.default.contents(atPath: file) else {
                throw SchemaError(.invalidResource, at: "", "The resource file '\(file)' could not be read.")
            }
            do {
                add(try JSONValue(parsing: data), uri: prefix + relative)
            } catch {
                throw SchemaError(.invalidResource, at: "", "The resource file '\(file)' is not valid JSON: \(error)")
            }
        }
    }

    func document(at uri: String) -> JSONValue? { documents[Self.key(uri)] }

    static func key(_ uri: String) -> String {
        var text = uri
        if let hash = text.firstIndex(of: "#") { text = String(text[..<hash]) }
        return text
    }
}
