import ArgumentParser
import Foundation
import Logging

/// The `orch-mcp` command: one root, one subcommand per file.
@main
struct OrchMCP: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "orch-mcp",
        abstract: "A tool-orchestration host for the Model Context Protocol.",
        discussion: """
            Exit codes: 0 success (or valid), 1 failure (or invalid), 2 usage error or unreadable input.
            Logs go to stderr; set ORCH_LOG_LEVEL (trace, debug, info, notice, warning, error) or --log-level.
            """,
        subcommands: [DemoCommand.self, RunCommand.self, ValidateCommand.self, ServeCommand.self, ToolsCommand.self, CallCommand.self, CatalogCommand.self, SchemaCommand.self]
    )

    /// Runs the command line with orch-mcp's fixed exit codes: usage errors exit 2, not 64.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var command = command as? any AsyncParsableCommand {
                try await command.run()
            } else {
                try command.run()
            }
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                exit(withError: error)
            }
            if code == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}

/// Flags every subcommand takes.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: "Log level on stderr: trace, debug, info, notice, warning, error, critical.")
    var logLevel: Logger.Level?

    /// Sends logs to stderr (stdout is reserved for results and, in server mode, protocol).
    func bootstrapLogging() -> Logger {
        let level = logLevel
            ?? ProcessInfo.processInfo.environment["ORCH_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:))
            ?? .warning
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        return Logger(label: "orch-mcp")
    }
}

extension Logger.Level: @retroactive ExpressibleByArgument {}

/// A failure the CLI reports as a sentence on stderr with a fixed exit code.
struct CLIError: Error, CustomStringConvertible {
    let message: String
    let exitCode: Int32

    static func usage(_ message: String) -> CLIError { CLIError(message: message, exitCode: 2) }

    var description: String { message }
}

extension CLIError {
    /// Prints the message and exits with the error's code.
    func exit() -> Never {
        FileHandle.standardError.write(Data(("orch-mcp: " + message + "\n").utf8))
        Foundation.exit(exitCode)
    }
}
