import ArgumentParser
import Dispatch
import Foundation
import OrchExecutor
import OrchJSON
import OrchPlan
import OrchSandbox

/// `orch-mcp run PLAN.json`: validates and runs a plan.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Validate and run a plan.",
        discussion: """
            Prints the run result: a table, or with --json exactly the result JSON
            {"run_id", "status", "steps": {ID: {"status", "output", "error", "attempts", "started_at", "duration_ms"}}, "final"}.
            Progress goes to stderr when it is a terminal. Ctrl-C cancels the run (running steps are
            cancelled, the rest marked cancelled) and still prints the result.
            Exit codes: 0 succeeded, 1 failed or cancelled, 2 invalid plan, unreadable file or usage.
            """
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var tools: CatalogOptions
    @OptionGroup var code: SandboxOptions

    @Argument(help: "The plan file (JSON), or - for stdin.")
    var plan: String

    @Option(help: "How many steps may run at once.")
    var maxConcurrency: Int = 16

    @Option(help: "Refuse plans with more steps than this.")
    var maxSteps: Int = 50_000

    @Flag(help: "Print the run result as JSON on stdout.")
    var json = false

    func validate() throws {
        guard maxConcurrency >= 1 else { throw ValidationError("--max-concurrency must be at least 1, not \(maxConcurrency).") }
    }

    func run() async throws {
        let logger = global.bootstrapLogging()
        signal(SIGPIPE, SIG_IGN)
        let document = readPlanFile(plan)
        let loaded = await tools.loadTools(logger: logger)
        let catalog = loaded.catalog
        let (sandbox, unavailable) = SandboxOptions.wantsCode(document, catalog: catalog) ? code.start() : (nil, nil)
        defer { sandbox?.shutdown() }
        let loader = PlanLoader(catalog: catalog, options: .init(maxSteps: maxSteps, configuredServers: loaded.available,
                                                                 codeSteps: sandbox != nil, codeStepsUnavailable: unavailable))
        let validated: Plan
        switch loader.load(document) {
        case .success(let plan): validated = plan
        case .failure(let error):
            if json {
                OutputStream.write(JSONWriter().bytes(["valid": false, "errors": .array(error.issues.map(\.json))]) + [0x0A])
            }
            FileHandle.standardError.write(Data("orch-mcp: \(plan): \(error.description)\n".utf8))
            await loaded.shutdown()
            throw ExitCode(2)
        }

        var observer: (@Sendable (ExecutionEvent) -> Void)?
        if isatty(2) == 1 {
            let printer = ProgressPrinter(total: validated.steps.count)
            observer = { printer.report($0) }
        }
        let executor = PlanExecutor(catalog: catalog, mcp: loaded.invoker, code: sandbox, maxConcurrency: maxConcurrency, observer: observer)
        let task = Task { () -> RunResult in await executor.run(validated) }
        signal(SIGINT, SIG_IGN)
        let interrupt = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        interrupt.setEventHandler {
            FileHandle.standardError.write(Data("\norch-mcp: cancelling the run (Ctrl-C again to quit at once)\n".utf8))
            task.cancel()
            interrupt.setEventHandler { Foundation.exit(130) }
        }
        interrupt.resume()
        let result = await task.value
        interrupt.cancel()
        await loaded.shutdown()

        if json {
            OutputStream.write(JSONWriter().bytes(result.json) + [0x0A])
        } else {
            OutputStream.write(RunTable.render(result))
        }
        if result.status != .succeeded { throw ExitCode(1) }
    }
}

/// Live progress lines on stderr.
final class ProgressPrinter: Sendable {
    let total: Int

    init(total: Int) { self.total = total }

    func report(_ event: ExecutionEvent) {
        let line: String
        switch event {
        case .started: return
        case .progress(let step, let progress, let total, let message):
            line = "… \(step): \(total.map { "\(Int(progress))/\(Int($0))" } ?? String(progress))\(message.map { " " + $0 } ?? "")"
        case .retrying(let step, let attempt, let delayMs, let error):
            line = "↻ \(step): attempt \(attempt) failed (\(error.code)); retrying in \(delayMs) ms"
        case .finished(let result):
            let mark = result.status == .succeeded ? "✓" : (result.status == .failed ? "✗" : "·")
            line = "\(mark) \(result.id) \(result.status.rawValue)\(result.durationMs.map { String(format: " %.1f ms", $0) } ?? "")"
        }
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}

/// The readable form of a run result.
enum RunTable {
    static func render(_ result: RunResult) -> String {
        var out = "run \(result.runID): \(result.status.rawValue)"
        if let requestID = result.requestID { out += " (request \(requestID))" }
        out += "\n"
        let width = min(40, max(4, result.steps.map(\.id.count).max() ?? 4))
        func pad(_ text: String, _ n: Int) -> String { text.count >= n ? String(text.prefix(n)) : text + String(repeating: " ", count: n - text.count) }
        out += "  \(pad("STEP", width))  \(pad("STATUS", 9))  TRIES  \(pad("TIME", 10))  RESULT\n"
        for step in result.steps {
            let time = step.durationMs.map { String(format: "%.1f ms", $0) } ?? "-"
            var detail: String
            if let output = step.output {
                detail = JSONWriter.string(output)
            } else if let error = step.error {
                detail = "\(error.code): \(error.message)"
            } else if let reason = step.skipReason {
                detail = reason
            } else {
                detail = ""
            }
            if detail.count > 100 { detail = String(detail.prefix(99)) + "…" }
            out += "  \(pad(step.id, width))  \(pad(step.status.rawValue, 9))  \(pad(String(step.attempts), 5))  \(pad(time, 10))  \(detail)\n"
        }
        if let final = result.final { out += "\nfinal:\n\(final)\n" }
        return out
    }
}
