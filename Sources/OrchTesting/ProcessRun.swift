import Foundation

/// Runs a program to completion for a test, with a time limit: stdin from bytes, stdout and
/// stderr captured through files (a pipe the test read first would block before the limit was
/// ever checked). Blocking: call it through ``offPool(_:)`` from async tests.
public enum ProcessRun {
    public struct Output: Sendable {
        /// The exit code, or the signal's number when ``signaled``.
        public let status: Int32
        public let signaled: Bool
        public let stdout: String
        public let stderr: String
    }

    public struct TimeoutError: Error, CustomStringConvertible {
        public let executable: String
        public let arguments: [String]
        public let seconds: TimeInterval
        public var description: String { "\(executable) \(arguments.joined(separator: " ")) did not finish in \(seconds) s and was terminated" }
    }

    /// Runs `executable` in `directory` (the current one when nil) with `environment` added to
    /// ours; throws ``TimeoutError`` after `timeout` seconds, having terminated it.
    public static func run(_ executable: URL, _ arguments: [String], stdin: [UInt8] = [], environment: [String: String] = [:],
                           directory: URL? = nil, timeout: TimeInterval = 30) throws -> Output {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("orch-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let inURL = scratch.appendingPathComponent("stdin")
        let outURL = scratch.appendingPathComponent("stdout")
        let errURL = scratch.appendingPathComponent("stderr")
        try Data(stdin).write(to: inURL)
        try Data().write(to: outURL)
        try Data().write(to: errURL)

        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        if let directory { process.currentDirectoryURL = directory }
        process.standardInput = try FileHandle(forReadingFrom: inURL)
        process.standardOutput = try FileHandle(forWritingTo: outURL)
        process.standardError = try FileHandle(forWritingTo: errURL)
        let done = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in done.signal() }
        try process.run()
        if done.wait(timeout: .now() + timeout) == .timedOut {
            process.terminate()
            if done.wait(timeout: .now() + 5) == .timedOut { kill(process.processIdentifier, SIGKILL) }
            throw TimeoutError(executable: executable.lastPathComponent, arguments: arguments, seconds: timeout)
        }
        return Output(status: process.terminationStatus, signaled: process.terminationReason == .uncaughtSignal,
                      stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
                      stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
    }
}
