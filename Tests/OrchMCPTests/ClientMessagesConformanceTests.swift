import Foundation
import OrchJSON
import OrchMCP
import OrchTesting
import Testing

/// What orch-mcp's client writes must follow the official schema of the version in use, like
/// what its server writes. A `tee` in front of the Python fixture records the client's stdin.
@Suite("MCP client messages", .serialized, .timeLimit(.minutes(1)))
struct ClientMessagesConformanceTests {
    static let requestDefinitions: [String: String] = [
        "initialize": "InitializeRequest", "tools/list": "ListToolsRequest", "tools/call": "CallToolRequest",
        "server/discover": "DiscoverRequest", "ping": "PingRequest",
        "notifications/initialized": "InitializedNotification", "notifications/cancelled": "CancelledNotification",
    ]

    @Test(arguments: [MCPClient.Era.modern, .legacy])
    func everyMessageTheClientWritesConforms(_ era: MCPClient.Era) async throws {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("orch-client-\(UUID().uuidString).jsonl").path
        defer { try? FileManager.default.removeItem(atPath: log) }
        let server = try Workers.pyServer()
        let script = "tee '\(log)' | '\(server.command)' '\(server.arguments[0])'; exit $?"
        let launch = ServerLaunch(name: "recorded", command: "/bin/sh", arguments: ["-c", script])
        var options = MCPClient.Options()
        options.era = era == .legacy ? .legacy : nil
        options.probeTimeout = .seconds(15)
        options.requestTimeout = .seconds(20)
        let client = try await MCPClient.connect(launch, options: options)
        #expect(client.era == era)
        _ = try await client.listTools()
        _ = try await client.callTool("add", arguments: ["a": 1, "b": 2], progress: { _, _, _ in })
        // A call cut short by a timeout makes the client send notifications/cancelled.
        await #expect(throws: MCPClientError.self) {
            _ = try await client.callTool("slow", arguments: ["ms": 5000], timeout: .milliseconds(200))
        }
        try await Task.sleep(for: .milliseconds(200))
        _ = await client.close()

        let version = client.protocolVersion
        let lines = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n").map { try JSONValue(parsing: String($0)) }
        let methods = lines.compactMap { $0["method"]?.stringValue }
        #expect(methods.contains("tools/call") && methods.contains("notifications/cancelled"), "\(methods)")
        if era == .legacy { #expect(methods.prefix(2) == ["initialize", "notifications/initialized"]) }
        for message in lines {
            guard let method = message["method"]?.stringValue, let name = Self.requestDefinitions[method] else {
                Issue.record("the client sent something this test does not know: \(message)")
                continue
            }
            // The discover probe is a 2026-07-28 message whatever the era turns out to be.
            let schemaVersion = method == "server/discover" ? ProtocolVersion.modern : version
            let problems = try MCPSchemaCheck.schema(name, version: schemaVersion).validate(message).errors
            #expect(problems.isEmpty, "\(message) breaks \(name) of \(schemaVersion): \(problems)")
        }
    }
}
