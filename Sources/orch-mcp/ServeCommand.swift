import ArgumentParser
import Foundation
import Logging
import OrchExecutor
import OrchJSON
import OrchMCP
import OrchPlan
import OrchSandbox

/// `orch-mcp serve`: orch-mcp's planning and execution as an MCP server on stdio.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve validate_plan, execute_plan, list_tools and call_tool over MCP on stdio.",
        discussion: """
            Speaks MCP 2026-07-28 (per-request _meta, server/discover) and the initialize handshake
            revisions 2025-11-25, 2025-06-18, 2025-03-26 and 2024-11-05 on the same stream. stdout
            carries protocol only; logs go to stderr. Exits when stdin ends and every request read
            has been answered. Configure it in an assistant as {"command": "orch-mcp", "args": ["serve"]}.
            """
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var tools: CatalogOptions
    @OptionGroup var code: SandboxOptions

    @Option(help: "Default step concurrency of execute_plan.")
    var maxConcurrency: Int = 16

    func validate() throws {
        guard maxConcurrency >= 1 else { throw ValidationError("--max-concurrency must be at least 1, not \(maxConcurrency).") }
    }

    func run() async throws {
        let logger = global.bootstrapLogging()
        signal(SIGPIPE, SIG_IGN)
        let loaded = await tools.loadTools(logger: logger)
        let catalog = loaded.catalog
        let (sandbox, unavailable) = code.start()
        defer { sandbox?.shutdown() }
        let service = PlanService(catalog: catalog, servers: loaded.available, mcp: loaded.invoker, maxConcurrency: maxConcurrency,
                                  code: sandbox, codeUnavailable: unavailable)
        let server = MCPServer(info: Implementation(name: "orch-mcp", version: OrchMCPVersion.current),
                               instructions: PlanService.instructions, tools: try service.tools(), logger: logger)
        logger.info("serving \(catalog.tools.count) catalog tools over MCP on stdio")
        await server.run()
        await loaded.shutdown()
    }
}

enum OrchMCPVersion {
    static let current = "0.1.0"
}
