import Foundation
import OrchJSON
import OrchSchema
import Synchronization

/// Test support: validates messages orch-mcp writes against the official MCP schema of a protocol version
/// (../shared/reference/mcp-schema/VERSION/schema.json), with orch-mcp's own validator.
public enum MCPSchemaCheck {
    /// `MCP_SCHEMA_REFERENCE`, or `shared/reference/mcp-schema` beside the repository.
    public static let reference: URL = {
        if let override = ProcessInfo.processInfo.environment["MCP_SCHEMA_REFERENCE"] { return URL(fileURLWithPath: override) }
        return URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("shared/reference/mcp-schema")
    }()

    private static let cache = Mutex<[String: Schema]>([:])

    /// The compiled schema of definition `name` in `version`.
    public static func schema(_ name: String, version: String) throws -> Schema {
        let key = version + "#" + name
        if let cached = cache.withLock({ $0[key] }) { return cached }
        let document = try JSONValue(parsing: try Data(contentsOf: reference.appendingPathComponent("\(version)/schema.json")))
        let uri = "https://schemas.test/mcp/\(version)/schema.json"
        var resources = SchemaResources()
        resources.add(document, uri: uri)
        let defs = document["$defs"] != nil ? "$defs" : "definitions"
        let schema = try Schema(["$ref": .string("\(uri)#/\(defs)/\(name)")], resources: resources,
                                options: .init(checkMetaSchema: false))
        cache.withLock { $0[key] = schema }
        return schema
    }

    public static let resultDefinitions: [String: String] = [
        "initialize": "InitializeResult", "tools/list": "ListToolsResult", "tools/call": "CallToolResult",
        "server/discover": "DiscoverResult", "ping": "EmptyResult", "logging/setLevel": "EmptyResult",
    ]

    /// Every problem of `message` under `version`; `method` is the method of the request it answers.
    public static func problems(_ message: JSONValue, version: String, method: String?) throws -> [String] {
        if case .array(let items) = message {
            return try items.flatMap { try problems($0, version: version, method: method) }
        }
        var names: [String] = []
        let newEnvelope = version >= "2025-11-25"
        if message["error"] != nil {
            // A parse error answers a message without a readable id: JSON-RPC's `"id": null`,
            // the one message the issue exempts from the schema check.
            if message["id"] == .null { return [] }
            names.append(newEnvelope ? "JSONRPCErrorResponse" : "JSONRPCError")
        } else if message["result"] != nil {
            names.append(newEnvelope ? "JSONRPCResultResponse" : "JSONRPCResponse")
        } else if let notification = message["method"]?.stringValue {
            names.append("JSONRPCNotification")
            if notification == "notifications/progress" { names.append("ProgressNotification") }
        }
        var found: [String] = []
        for name in names {
            for error in try schema(name, version: version).validate(message).errors {
                found.append("\(name): \(error)")
            }
        }
        if let result = message["result"], let method, let definition = resultDefinitions[method] {
            for error in try schema(definition, version: version).validate(result).errors {
                found.append("\(definition): \(error)")
            }
        }
        return found
    }
}
