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
        // Send SIGINT once orch-mcp handles it (its dispatch source shows as SIGINT in SigCgt); a
        // fixed delay was not enough on a loaded machine, where the default action killed it
        // before it got that far.
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline, !Self.handlesSIGINT(process.processIdentifier) { Thread.sleep(forTimeInterval: 0.02) }
        Thread.sleep(forTimeInterval: 0.3)
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

    /// Whether process `pid` ignores or catches SIGINT (/proc/PID/status, SigIgn and SigCgt in hex).
    static func handlesSIGINT(_ pid: Int32) -> Bool {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return false }
        let bit: UInt64 = 1 << (SIGINT - 1)
        return ["SigIgn:", "SigCgt:"].contains { key in
            guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix(key) }),
                  let mask = UInt64(line.dropFirst(key.count).trimmingCharacters(in: .whitespaces), radix: 16) else { return false }
            return mask & bit != 0
        }
    }
}
