import ArgumentParser
import Foundation
import OrchJSON
import OrchPlan

/// `orch-mcp validate PLAN.json`: checks a plan without running it.
struct ValidateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a plan against the catalog without running it.",
        discussion: """
            Checks step ids, tools, depends_on and step: references, cycles, retry/timeout settings and
            literal inputs against each tool's inputSchema. Every problem is reported with a JSON path.
            Exit codes: 0 valid, 1 invalid, 2 unreadable file, not JSON, or usage.
            """
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var tools: CatalogOptions
    @OptionGroup var code: SandboxOptions

    @Argument(help: "The plan file (JSON), or - for stdin.")
    var plan: String

    @Option(help: "Refuse plans with more steps than this.")
    var maxSteps: Int = 50_000

    @Flag(help: "Print {\"valid\", \"errors\": [{\"path\", \"message\"}]}.")
    var json = false

    func run() async throws {
        let logger = global.bootstrapLogging()
        signal(SIGPIPE, SIG_IGN)
        let document = readPlanFile(plan)
        let loaded = await tools.loadTools(logger: logger)
        let loader = PlanLoader(catalog: loaded.catalog, options: .init(maxSteps: maxSteps, configuredServers: loaded.available, codeSteps: code.available))
        let issues = loader.validate(document)
        await loaded.shutdown()
        if json {
            OutputStream.write(JSONWriter().bytes(["valid": .bool(issues.isEmpty), "errors": .array(issues.map(\.json))]) + [0x0A])
        } else if issues.isEmpty {
            OutputStream.write("\(plan): valid\n")
        } else {
            var text = "\(plan): invalid, \(issues.count) issue\(issues.count == 1 ? "" : "s")\n"
            for issue in issues.prefix(200) { text += "  \(issue)\n" }
            if issues.count > 200 { text += "  … and \(issues.count - 200) more\n" }
            OutputStream.write(text)
        }
        if !issues.isEmpty { throw ExitCode(1) }
    }
}
