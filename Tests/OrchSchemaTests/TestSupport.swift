import Foundation
import OrchJSON
import OrchSchema

/// Paths of the repository and of the shared reference material beside it.
enum Paths {
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The official JSON-Schema-Test-Suite (`JSON_SCHEMA_TEST_SUITE` overrides).
    static let suite: URL = {
        if let override = ProcessInfo.processInfo.environment["JSON_SCHEMA_TEST_SUITE"] {
            return URL(fileURLWithPath: override)
        }
        return repository.deletingLastPathComponent().appendingPathComponent("shared/reference/json-schema-test-suite")
    }()

    static func json(_ url: URL) throws -> JSONValue {
        try JSONValue(parsing: try Data(contentsOf: url))
    }
}
