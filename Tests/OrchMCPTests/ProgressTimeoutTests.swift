import OrchJSON
import OrchMCP
import Testing

/// A request's timeout can be reset by progress: a long call that keeps reporting is not cut
/// off, while the same call without progress is.
@Suite("MCP client: timeouts and progress", .serialized, .timeLimit(.minutes(1)))
struct ProgressTimeoutTests {
    /// Four chained 250 ms sleeps: about 1 s in all, a progress notification every 250 ms.
    static let chain: JSONValue = ["plan": ["steps": [
        ["id": "s1", "tool": "sleep_ms", "input": ["ms": 250]],
        ["id": "s2", "tool": "sleep_ms", "input": ["ms": 250], "depends_on": ["s1"]],
        ["id": "s3", "tool": "sleep_ms", "input": ["ms": 250], "depends_on": ["s2"]],
        ["id": "s4", "tool": "sleep_ms", "input": ["ms": 250], "depends_on": ["s3"]],
    ]]]

    @Test func progressResetsTheTimeoutAndSilenceDoesNot() async throws {
        var options = MCPClient.Options()
        options.era = .modern
        let client = try await MCPClient.connect(try Workers.orchServe(), options: options)
        let reports = Counter()
        let result = try await client.callTool("execute_plan", arguments: Self.chain, timeout: .milliseconds(700),
                                               progress: { _, _, _ in reports.add() })
        #expect(result["structuredContent"]?["status"] == "succeeded", "a call that keeps reporting outlives its timeout")
        #expect(reports.value == 4)
        do {
            _ = try await client.callTool("execute_plan", arguments: Self.chain, timeout: .milliseconds(700))
            Issue.record("a silent 1 s call with a 700 ms timeout succeeded")
        } catch {
            #expect(error.code == .timeout, "\(error)")
        }
        _ = await client.close()
    }
}

private final class Counter: Sendable {
    private let count = Synchronization.Mutex(0)
    func add() { count.withLock { $0 += 1 } }
    var value: Int { count.withLock { $0 } }
}

import Synchronization
