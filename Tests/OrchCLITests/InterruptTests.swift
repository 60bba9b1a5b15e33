import Foundation
import OrchJSON
import Testing

@Suite("orch-mcp run: Ctrl-C", .serialized)
struct InterruptTests {
    /// SIGINT cancels the run: running steps are cancelled, the rest are marked cancelled, the
    /// result is still printed, and the exit code is 1 — promptly, not after the 30 s steps.
    @Test func interruptCancelsTheRunAndStillPrintsTheResult() throws {
        let plan = try CLIRunner.file(##"{"steps": [{"id": "a", "tool": "sleep_ms", "input": {"ms": 30000}}, {"id": "b", "tool": "sleep_ms", "input": {"ms": 30000}}, {"id": "c", "tool": "sleep_ms", "input": {"ms": 1}, "depends_on": ["a"]}]}"##)
        let stdout = Pipe()
        let stderr = Pipe()
        let process = Process()
        process.executableURL = CLIRunner.binary
        process.arguments = ["run", "--json", plan]
        process.standardOutput = stdout
        process.standardError = stderr
        let exited = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in exited.signal() }
        try process.run()
        Thread.sleep(forTimeInterval: 0.8)
        let sentAt = Date()
        process.interrupt()
        let finished = exited.wait(timeout: .now() + 20) == .success
        if !finished { process.terminate() }
        #expect(finished, "orch-mcp run did not stop after SIGINT")
        #expect(Date().timeIntervalSince(sentAt) < 10)
        #expect(process.terminationStatus == 1)
        let result = try JSONValue(parsing: stdout.fileHandleForReading.readDataToEndOfFile())
        #expect(result["status"] == "cancelled")
        #expect(result["steps"]?["a"]?["status"] == "cancelled")
        #expect(result["steps"]?["b"]?["status"] == "cancelled")
        #expect(result["steps"]?["c"]?["status"] == "cancelled")
        let text = String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(text.contains("cancelling the run"))
    }
}
