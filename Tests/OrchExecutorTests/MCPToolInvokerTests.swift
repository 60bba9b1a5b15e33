import Foundation
import OrchExecutor
import OrchJSON
import OrchMCP
import OrchPlan
import Testing

/// `mcp` plan steps end to end: the live `tools/list` of the Python SDK fixture
/// (`Tests/Fixtures/py_server.py`, run from `.venv`) merged into the catalog, and steps run
/// through `MCPToolInvoker` on a `ServerPool`. Serialized: each test starts a Python
/// interpreter, and one measures a timeout.
@Suite(.serialized, .timeLimit(.minutes(1)))
struct MCPToolInvokerTests {
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    /// The fixture as the server `py`; fails the test (never skips it) without the interop venv.
    static func pool(_ flags: [String] = []) throws -> ServerPool {
        let python = repository + "/.venv/bin/python"
        try #require(FileManager.default.isExecutableFile(atPath: python),
                     "\(python) is missing: run tools/setup.sh to create the interop venv (mcp==2.3.0, mcp-server-time)")
        let launch = ServerLaunch(name: "py", command: python, arguments: [repository + "/Tests/Fixtures/py_server.py"] + flags)
        var options = MCPClient.Options()
        options.probeTimeout = .seconds(15)  // far above interpreter start-up: the fixture is modern
        options.requestTimeout = .seconds(20)
        return ServerPool(config: ServersConfig(servers: [ServersConfig.Entry(launch: launch)]), options: options, maxCrashes: 2)
    }


    /// The standard catalog plus the server's live tools.
    static func catalog(_ pool: ServerPool) async throws -> (ToolCatalog, notes: [String]) {
        let tools = try await pool.client("py").listTools()
        var catalog = ToolCatalog.standard()
        let notes = catalog.addServerTools(tools, server: "py")
        return (catalog, notes)
    }

    static func run(_ steps: String, catalog: ToolCatalog, pool: ServerPool) throws -> (PlanExecutor, Plan) {
        let json = try JSONValue(parsing: #"{"steps": ["# + steps + "]}")
        let plan = try PlanLoader(catalog: catalog, options: .init(configuredServers: ["py"])).load(json).get()
        return (PlanExecutor(catalog: catalog, mcp: MCPToolInvoker(pool: pool), maxConcurrency: 4), plan)
    }

    @Test func runsStepsOnTheServersLiveToolsUnderQualifiedAndBareNames() async throws {
        let pool = try Self.pool()
        try await pool.using { pool in
            let (catalog, notes) = try await Self.catalog(pool)
            #expect(notes.isEmpty, "\(notes)")
            let qualified = try #require(catalog.tool(named: "py.add"))
            #expect(qualified.definition.kind == .mcp)
            #expect(qualified.definition.server == "py")
            #expect(qualified.definition.remoteName == "add")
            #expect(catalog.tool(named: "add")?.definition.server == "py", "no built-in is called add, so the bare name is an alias")
            #expect(catalog.tool(named: "py.structured")?.definition.outputSchema?["required"] == ["n", "square"])

            let (executor, plan) = try Self.run(#"""
                {"id": "sum", "tool": "py.add", "input": {"a": 2, "b": 3}},
                {"id": "square", "tool": "structured", "input": {"n": "step:sum.result"}},
                {"id": "oops", "tool": "py.fail", "input": {"message": "boom"}, "on_error": "continue"},
                {"id": "late", "tool": "py.slow", "input": {"ms": 5000}, "timeout_ms": 200, "on_error": "continue"}
                """#, catalog: catalog, pool: pool)
            let clock = ContinuousClock()
            let start = clock.now
            let result = await executor.run(plan)
            let elapsed = clock.now - start
            #expect(result.step("sum")?.output == ["result": 5])
            #expect(result.step("square")?.output == ["n": 5, "square": 25])
            let oops = try #require(result.step("oops"))
            #expect(oops.status == .failed)
            #expect(oops.error?.code == .toolError)
            #expect(oops.error?.message == "Error executing tool fail: boom")
            let late = try #require(result.step("late"))
            #expect(late.error?.code == .timeout, "\(String(describing: late.error))")
            #expect(elapsed < .seconds(3), "the run took \(elapsed) with a 200 ms step timeout")
        }
    }

    @Test func aWorkerThatDiesMidStepFailsItAsWorkerUnavailable() async throws {
        let pool = try Self.pool(["--crash-after", "1"])
        try await pool.using { pool in
            let (catalog, _) = try await Self.catalog(pool)
            let (executor, plan) = try Self.run(#"{"id": "boom", "tool": "py.echo", "input": {"text": "hi"}}"#, catalog: catalog, pool: pool)
            let result = await executor.run(plan)
            let step = try #require(result.step("boom"))
            #expect(step.status == .failed)
            #expect(step.error?.code == .workerUnavailable)
            #expect(step.error?.message.hasPrefix("MCP server 'py': ") == true, "\(String(describing: step.error))")
        }
    }
}
