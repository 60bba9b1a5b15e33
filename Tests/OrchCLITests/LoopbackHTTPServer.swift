import Foundation

/// A real HTTP server on 127.0.0.1 for the OCR worker's fetch tests, on a port the kernel
/// picks: Python's http.server (Debian's python3.11) serving `directory`, which guesses content
/// types from file names as static servers do, or `Tests/Fixtures/http/edge_server.py`, which
/// misbehaves on purpose (too large, lying, stalling).
///
/// Started on a thread of its own (``serving(directory:)``, ``edge()``): waiting for Python to
/// print its port takes seconds on a loaded machine, and must not hold a thread of the
/// cooperative pool that every other test needs.
final class LoopbackHTTPServer: @unchecked Sendable {
    let process = Process()
    let url: String

    /// Python's http.server serving `directory`.
    static func serving(directory: String) async throws -> LoopbackHTTPServer {
        try await CLIRunner.onOwnThread {
            try LoopbackHTTPServer(arguments: ["-u", "-m", "http.server", "0", "--bind", "127.0.0.1", "--directory", directory])
        }.0
    }

    /// The misbehaving server (its paths are listed in the script).
    static func edge() async throws -> LoopbackHTTPServer {
        try await CLIRunner.onOwnThread {
            try LoopbackHTTPServer(arguments: ["-u", CLIRunner.repository.appendingPathComponent("Tests/Fixtures/http/edge_server.py").path])
        }.0
    }

    private init(arguments: [String]) throws {
        let output = Pipe()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3.11")
        process.arguments = arguments
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        // "Serving HTTP on 127.0.0.1 port 41234 (http://127.0.0.1:41234/) ..." or "Serving on port 41234"
        let deadline = Date().addingTimeInterval(10)
        var seen = ""
        while Date() < deadline, !seen.contains("\n") {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            seen += String(decoding: chunk, as: UTF8.self)
        }
        guard let range = seen.range(of: #"port (\d+)"#, options: .regularExpression) else {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            throw StartError(output: seen)
        }
        url = "http://127.0.0.1:" + seen[range].dropFirst(5)
    }

    /// SIGKILL, not terminate(): a child spawned from a dispatch thread inherits its blocked
    /// signals, SIGTERM among them, and would outlive the test run.
    func stop() {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    struct StartError: Error, CustomStringConvertible {
        let output: String
        var description: String { "the loopback HTTP server (python3.11) did not start: \(output)" }
    }
}
