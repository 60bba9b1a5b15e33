import Foundation
import OrchTesting

/// Runs the built `orch-mcp` binary with a time limit, capturing stdout, stderr and the exit code.
struct CLIRunner {
    struct Output {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    /// `.build/<triple>/debug/orch-mcp`, next to the test bundle (`ORCH_MCP_BIN` overrides).
    static let binary: URL = {
        if let override = ProcessInfo.processInfo.environment["ORCH_MCP_BIN"] { return URL(fileURLWithPath: override) }
        let bundle = URL(fileURLWithPath: ProcessInfo.processInfo.arguments[0])
        var directory = bundle.deletingLastPathComponent()
        if bundle.pathExtension != "xctest", bundle.path.contains(".xctest/") {
            while directory.pathExtension != "xctest", directory.path != "/" { directory.deleteLastPathComponent() }
            directory.deleteLastPathComponent()
        }
        return directory.appendingPathComponent("orch-mcp")
    }()

    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func runBlocking(_ arguments: [String], stdin: String? = nil, stdinBytes: [UInt8]? = nil, environment: [String: String] = [:], timeout: TimeInterval = 30) throws -> Output {
        try runProcess(executable: binary, arguments: arguments, stdin: stdin, stdinBytes: stdinBytes, environment: environment, timeout: timeout)
    }

    /// ``runBlocking(_:stdin:stdinBytes:environment:timeout:)`` on a thread of its own. Tests use
    /// this one: a test that waits for a process on a thread of the cooperative pool (two of them
    /// on two cores) holds up every other test in the process while it waits.
    static func run(_ arguments: [String], stdin: String? = nil, stdinBytes: [UInt8]? = nil, environment: [String: String] = [:], timeout: TimeInterval = 30) async throws -> Output {
        try await onOwnThread {
            try runBlocking(arguments, stdin: stdin, stdinBytes: stdinBytes, environment: environment, timeout: timeout)
        }.0
    }

    /// Runs any `executable` the way ``run(_:stdin:stdinBytes:environment:timeout:)``
    /// runs orch-mcp: from the repository root, with a time limit.
    static func runProcess(executable: URL, arguments: [String], stdin: String? = nil, stdinBytes: [UInt8]? = nil, environment: [String: String] = [:], timeout: TimeInterval = 30) throws -> Output {
        let ran = try ProcessRun.run(executable, arguments, stdin: stdinBytes ?? Array((stdin ?? "").utf8), environment: environment,
                                     directory: repository, timeout: timeout)
        return Output(status: ran.status, stdout: ran.stdout, stderr: ran.stderr)
    }

    /// Runs `work` (say ``runProcess(executable:arguments:stdin:stdinBytes:environment:timeout:)``) on a thread
    /// of its own and returns its result with how long it took there: a test waiting for a slow
    /// process does not hold one of the few cooperative threads (two on a 2-core machine) every
    /// other test needs.
    static func onOwnThread<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> (T, Duration) {
        try await offPool {
            let clock = ContinuousClock()
            let start = clock.now
            let result = try work()
            return (result, clock.now - start)
        }
    }

    /// Writes `text` to a new temporary file and returns its path.
    static func file(_ text: String, name: String = "file.json") throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("orch-cli-files-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let url = directory.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }
}
