import Foundation
import Glibc
import OrchJSON
import OrchMCP
import OrchTesting
import OrchSchema
import Synchronization
import Testing

/// Testing has an `ExitStatus` of its own (for exit tests).
private typealias ExitStatus = OrchMCP.ExitStatus

/// `MCPClient` against real servers: the Python SDK fixture (`Tests/Fixtures/py_server.py`),
/// `mcp-server-time` and `orch-mcp serve` itself, in both eras, plus the lifecycle of
/// misbehaving workers. The Python servers run from `.venv` (made by `tools/setup.sh`).
///
/// Serialized: several tests measure how fast something happens, and two CPUs starting a
/// dozen Python interpreters at once would make those numbers meaningless.
@Suite(.serialized, .timeLimit(.minutes(1)))
enum MCPClientTests {}

// MARK: - The Python SDK fixture

extension MCPClientTests {
    @Suite struct PythonFixture {
        @Test(arguments: ProbeMode.allCases)
        func listsItsToolsInRegistrationOrder(_ mode: ProbeMode) async throws {
            try await Workers.withClient(try Workers.pyServer(), Workers.options(mode.pin)) { client in
                #expect(client.era == mode.era)
                #expect(client.protocolVersion == mode.version)
                #expect(client.serverInfo == Implementation(name: "py-fixture", version: "1.0.0"))
                #expect(client.capabilities["tools"]?.objectValue != nil, "\(client.capabilities)")
                let tools = try await client.listTools()
                #expect(Workers.names(tools) == ["echo", "add", "slow", "progress", "fail", "structured"])
                let add = try #require(tools.first { $0["name"] == "add" })
                #expect(add["inputSchema"]?["required"] == ["a", "b"])
                #expect(add["inputSchema"]?["properties"]?["a"]?["type"] == "integer")
            }
        }

        @Test(arguments: ProbeMode.allCases)
        func callsAddAndGetsTheWrappedStructuredResult(_ mode: ProbeMode) async throws {
            try await Workers.withClient(try Workers.pyServer(), Workers.options(mode.pin)) { client in
                let result = try await client.callTool("add", arguments: ["a": 2, "b": 3])
                #expect(result["structuredContent"] == ["result": 5])
                #expect(result["isError"] == false)
                #expect(result["content"] == [["type": "text", "text": "5"]])
                // Only 2026-07-28 results carry resultType; the legacy SDK loop leaves it out.
                #expect(result["resultType"] == (mode == .auto ? "complete" : nil))
            }
        }

        @Test(arguments: ProbeMode.allCases)
        func returnsStructuredContentThatMatchesTheDeclaredOutputSchema(_ mode: ProbeMode) async throws {
            try await Workers.withClient(try Workers.pyServer(), Workers.options(mode.pin)) { client in
                let tools = try await client.listTools()
                let declared = try #require(tools.first { $0["name"] == "structured" }?["outputSchema"])
                #expect(declared["type"] == "object")
                #expect(declared["required"] == ["n", "square"])
                let result = try await client.callTool("structured", arguments: ["n": 7])
                let structured = try #require(result["structuredContent"])
                #expect(structured == ["n": 7, "square": 49])
                let schema = try Schema(declared)
                #expect(schema.isValid(structured))
                #expect(!schema.isValid(["n": 7]), "the declared schema requires square")
            }
        }

        @Test(arguments: ProbeMode.allCases)
        func returnsAFailingToolAsAnIsErrorResultInsteadOfThrowing(_ mode: ProbeMode) async throws {
            try await Workers.withClient(try Workers.pyServer(), Workers.options(mode.pin)) { client in
                let result = try await client.callTool("fail", arguments: ["message": "boom"])
                #expect(result["isError"] == true)
                #expect(result["content"] == [["type": "text", "text": "Error executing tool fail: boom"]])
                #expect(result["structuredContent"] == nil)
            }
        }

        @Test(arguments: ProbeMode.allCases)
        func relaysProgressNotificationsInIncreasingOrder(_ mode: ProbeMode) async throws {
            try await Workers.withClient(try Workers.pyServer(), Workers.options(mode.pin)) { client in
                let log = ProgressLog()
                let result = try await client.callTool("progress", arguments: ["steps": 4], progress: log.callback)
                #expect(result["structuredContent"] == ["result": "done"])
                // The reader thread hands every notification over before the response that follows it.
                let events = log.events
                #expect(events.map(\.progress) == [1, 2, 3, 4])
                #expect(events.allSatisfy { $0.total == 4 }, "\(events)")
                #expect(events.map(\.message) == (1...4).map { "step \($0) of 4" })
            }
        }

        @Test(arguments: ProbeMode.allCases)
        func getsAnIsErrorResultForAnUnknownTool(_ mode: ProbeMode) async throws {
            try await Workers.withClient(try Workers.pyServer(), Workers.options(mode.pin)) { client in
                // What actually happens: the SDK's plain MCPServer answers an unknown tool with an
                // isError result "Unknown tool: nope" in both eras, not with a -32602 error
                // (python-sdk#3659; mcp-server-time adds middleware for -32602, tested below). So
                // callTool returns that result and does not throw.
                let result = try await client.callTool("nope", arguments: [:])
                #expect(result["isError"] == true)
                #expect(result["content"] == [["type": "text", "text": "Unknown tool: nope"]])
                let echo = try await client.callTool("echo", arguments: ["text": "still here"])
                #expect(echo["structuredContent"] == ["result": "still here"])
            }
        }
    }
}

// MARK: - mcp-server-time

extension MCPClientTests {
    @Suite struct TimeServer {
        @Test(arguments: ProbeMode.allCases)
        func answersGetCurrentTimeInUTC(_ mode: ProbeMode) async throws {
            try await Workers.withClient(try Workers.timeServer(), Workers.options(mode.pin)) { client in
                #expect(client.era == mode.era)
                #expect(client.protocolVersion == mode.version)
                #expect(client.serverInfo?.name == "mcp-time")
                let tools = try await client.listTools()
                #expect(Workers.names(tools) == ["get_current_time", "convert_time"])
                let result = try await client.callTool("get_current_time", arguments: ["timezone": "UTC"])
                #expect(result["isError"] == false)
                let time = try #require(result["structuredContent"])
                #expect(time["timezone"] == "UTC")
                #expect(time["is_dst"] == false)
                let datetime = time["datetime"]?.stringValue ?? ""
                #expect(datetime.hasSuffix("+00:00"), "\(datetime)")
                let declared = try #require(tools.first { $0["name"] == "get_current_time" }?["outputSchema"])
                let schema = try Schema(declared)
                #expect(schema.isValid(time), "\(time) against \(declared)")
            }
        }

        @Test func convertsATimeBetweenZones() async throws {
            try await Workers.withClient(try Workers.timeServer(), Workers.options(nil)) { client in
                #expect(client.era == .modern)
                // India has no daylight saving time, so the difference is the same all year.
                let result = try await client.callTool("convert_time", arguments: [
                    "source_timezone": "UTC", "time": "12:00", "target_timezone": "Asia/Kolkata",
                ])
                #expect(result["isError"] == false)
                let converted = try #require(result["structuredContent"])
                #expect(converted["time_difference"] == "+5.5h")
                #expect(converted["source"]?["timezone"] == "UTC")
                #expect(converted["target"]?["timezone"] == "Asia/Kolkata")
                let target = converted["target"]?["datetime"]?.stringValue ?? ""
                #expect(target.hasSuffix("T17:30:00+05:30"), "\(target)")
                // The schema uses $defs/$ref: the validator resolves local references.
                let tools = try await client.listTools()
                let declared = try #require(tools.first { $0["name"] == "convert_time" }?["outputSchema"])
                let schema = try Schema(declared)
                #expect(schema.isValid(converted), "\(converted)")
                #expect(!schema.isValid(["source": converted["source"]!, "target": ["timezone": "UTC"], "time_difference": "+0.0h"]))
            }
        }

        @Test(arguments: ProbeMode.allCases)
        func rejectsAnUnknownToolWithInvalidParams(_ mode: ProbeMode) async throws {
            try await Workers.withClient(try Workers.timeServer(), Workers.options(mode.pin)) { client in
                let error = try #require(await Workers.failure { try await client.callTool("nope", arguments: [:]) })
                #expect(error.code == .protocolError)
                #expect(error.protocolError?.code == -32602)
                #expect(error.protocolError?.message == "Unknown tool: nope")
                #expect(error.server == "time")
                let after = try await client.callTool("get_current_time", arguments: ["timezone": "UTC"])
                #expect(after["structuredContent"]?["timezone"] == "UTC")
            }
        }
    }
}

// MARK: - orch-mcp serve

extension MCPClientTests {
    @Suite struct OrchServe {
        /// One step per entry, all independent: built-in compute_tax calls.
        static func taxPlan(_ amounts: [Int], id: String) -> JSONValue {
            let steps: [JSONValue] = amounts.enumerated().map { index, amount in
                ["id": .string("t\(index + 1)"), "tool": "function_call",
                 "input": ["name": "compute_tax", "args": ["amount": .int(Int64(amount)), "tax_rate": 0.1]]]
            }
            return ["plan": ["request_id": .string(id), "steps": .array(steps)]]
        }

        @Test func speaksTheModernEraByProbe() async throws {
            try await Workers.withClient(try Workers.orchServe(), Workers.options(nil)) { client in
                #expect(client.era == .modern)
                #expect(client.protocolVersion == "2026-07-28")
                #expect(client.serverInfo == Implementation(name: "orch-mcp", version: "0.1.0"))
                let tools = try await client.listTools()
                #expect(Workers.names(tools) == ["validate_plan", "execute_plan", "list_tools", "call_tool"])
            }
        }

        @Test func relaysExecutePlanProgressPerFinishedStep() async throws {
            try await Workers.withClient(try Workers.orchServe(), Workers.options(nil)) { client in
                let log = ProgressLog()
                let result = try await client.callTool("execute_plan", arguments: Self.taxPlan([10, 20, 30, 40, 50], id: "swift-progress"),
                                                       progress: log.callback)
                #expect(result["isError"] == false)
                let run = try #require(result["structuredContent"])
                #expect(run["status"] == "succeeded")
                #expect(run["request_id"] == "swift-progress")
                #expect(run["steps"]?.objectValue?.count == 5)
                let events = log.events
                #expect(events.map(\.progress) == [1, 2, 3, 4, 5])
                #expect(events.allSatisfy { $0.total == 5 }, "\(events)")
                #expect(events.allSatisfy { $0.message?.hasSuffix(" succeeded") == true }, "\(events)")
            }
        }

        @Test func aCancelledCallReturnsPromptlyAndTheServerStaysUsable() async throws {
            let sleepy: JSONValue = ["plan": ["request_id": "swift-cancel", "steps": [
                ["id": "nap", "tool": "function_call", "input": ["name": "sleep_ms", "args": ["ms": 30000]]],
            ]]]
            try await Workers.withClient(try Workers.orchServe(), Workers.options(nil)) { client in
                let clock = ContinuousClock()
                let call = Task { await Workers.failure { try await client.callTool("execute_plan", arguments: sleepy) } }
                try await Task.sleep(for: .milliseconds(300))  // the run is under way on the server
                let start = clock.now
                call.cancel()
                let error = await call.value
                let waited = clock.now - start
                #expect(error?.code == .cancelled, "\(String(describing: error))")
                #expect(waited < .seconds(3), "the cancelled call (a 30 s run) returned after \(waited)")

                let quick = try await client.callTool("execute_plan", arguments: Self.taxPlan([100], id: "swift-after-cancel"))
                #expect(quick["structuredContent"]?["status"] == "succeeded")
                #expect(quick["structuredContent"]?["steps"]?["t1"]?["output"]?["total"] == 110.0)

                // The server stopped the run: it exits on end of input only once every request is
                // done, so a 30 s sleep still going would hold it until SIGTERM after the grace.
                let closing = clock.now
                let status = await client.close(grace: .seconds(3))
                #expect(status == .exited(0))
                #expect(clock.now - closing < .seconds(2), "close took \(clock.now - closing)")
            }
        }

        @Test func thirtyConnectAndCloseCyclesLeaveNoProcess() async throws {
            let marker = UUID().uuidString
            let launch = try Workers.orchServe(marker: marker)
            var options = Workers.options(.modern)
            options.requestTimeout = .seconds(10)
            var started: [Int32: String] = [:]
            for cycle in 1...30 {
                let client = try await MCPClient.connect(launch, options: options)
                #expect(client.era == .modern)
                let stat = ProcScan.stat(client.process.pid)
                if let stat { started[client.process.pid] = stat.startTime }
                #expect(stat != nil && ProcScan.marked(marker)[client.process.pid] != nil, "cycle \(cycle): the server is not in /proc")
                let status = await client.close()
                #expect(status == .exited(0), "cycle \(cycle): \(status)")
            }
            #expect(started.count == 30)
            #expect(ProcScan.marked(marker).isEmpty, "processes left: \(ProcScan.marked(marker))")
            // Zombies have no environment to scan: look the recorded pids up (same start time).
            #expect(ProcScan.survivors(started).isEmpty, "still in /proc (zombies?): \(ProcScan.survivors(started))")
        }
    }
}

// MARK: - Lifecycle

extension MCPClientTests {
    @Suite struct Lifecycle {
        @Test func aWorkerKilledMidCallFailsTheCallWithItsExitStatusAndStderr() async throws {
            let launch = try Workers.pyServer(["--crash-after", "1"], name: "crashy")
            try await Workers.withClient(launch, Workers.options(nil)) { client in
                let clock = ContinuousClock()
                let start = clock.now
                let error = try #require(await Workers.failure { try await client.callTool("slow", arguments: ["ms": 5000]) })
                let waited = clock.now - start
                #expect(error.code == .serverExited)
                #expect(waited < .milliseconds(1500), "the call failed after \(waited)")
                #expect(error.server == "crashy")
                #expect(error.description.hasPrefix("MCP server 'crashy': "), "\(error)")
                #expect(await client.process.waitForExit(timeout: .seconds(3)) == .exited(7))
                // Known bug: ClientConnection.readLoop (ClientConnection.swift:164) sees end of file the
                // moment the child dies and closes the connection with the bare "the server closed its
                // output."; close keeps the first error (line 132), so the error with the exit status
                // and stderr tail that MCPClient.attach's onExit handler builds (MCPClient.swift:99-102)
                // is dropped: the waiter thread runs it only after collecting descendants and draining
                // stderr (ServerProcess.swift:130-145). A race in principle, lost in every run so far.
                do {
                    #expect(error.message.contains("exit status 7"), "\(error.message)")
                    #expect(error.message.contains("py-fixture: crashing in tool call #1 (slow)"), "\(error.message)")
                }
                let again = await Workers.failure { try await client.callTool("echo", arguments: ["text": "x"]) }
                #expect(again?.code == .serverExited)
            }
        }

        @Test func failsToConnectToAServerThatExitsAtOnce() async throws {
            let launch = ServerLaunch(name: "quitter", command: "/bin/sh", arguments: ["-c", "echo 'cannot start: no config' >&2; exit 3"])
            let error = try #require(await Workers.failure { try await MCPClient.connect(launch, options: Workers.options(nil)) })
            #expect(error.code == .serverExited)
            #expect(error.server == "quitter")
            // The same known bug as in aWorkerKilledMidCallFailsTheCallWithItsExitStatusAndStderr.
            // Seen either way: "the server closed its output.", or, when the probe's write hits the
            // dead pipe first, "cannot send initialize: the server's stdin is closed." (that write
            // failure is not a closed connection, so MCPClient.handshake falls back to initialize).
            do {
                #expect(error.message.contains("exit status 3"), "\(error.message)")
                #expect(error.message.contains("cannot start: no config"), "\(error.message)")
            }
        }

        @Test func failsToSpawnAMissingCommandNamingTheServer() async throws {
            let launch = ServerLaunch(name: "ghost", command: "/nonexistent/orch-test-server")
            let error = try #require(await Workers.failure { try await MCPClient.connect(launch, options: Workers.options(nil)) })
            #expect(error.code == .spawnFailed)
            #expect(error.server == "ghost")
            #expect(error.message.contains("/nonexistent/orch-test-server"), "\(error.message)")
        }

        @Test func skipsJunkLinesOnStdoutAndCountsThem() async throws {
            try await Workers.withClient(try Workers.pyServer(["--junk"]), Workers.options(nil)) { client in
                #expect(client.era == .modern)
                let echo = try await client.callTool("echo", arguments: ["text": "through the junk"])
                #expect(echo["structuredContent"] == ["result": "through the junk"])
                #expect(client.skippedLines == 2)
            }
        }

        @Test func fallsBackToInitializeWhenTheProbeGoesUnanswered() async throws {
            let clock = ContinuousClock()
            let start = clock.now
            let client = try await MCPClient.connect(try Workers.pyServer(["--never-discover"]),
                                                     options: Workers.options(nil, probeTimeout: .milliseconds(300)))
            let connecting = clock.now - start
            try await Workers.using(client) { client in
                #expect(client.era == .legacy)
                #expect(client.protocolVersion == "2025-11-25")
                #expect(client.serverInfo?.name == "py-fixture")
                #expect(connecting >= .milliseconds(300), "connected after \(connecting), before the probe could time out")
                #expect(connecting < .seconds(5), "connected after \(connecting)")
                #expect(client.process.stderrTail().contains("py-fixture: dropped server/discover"))
                let sum = try await client.callTool("add", arguments: ["a": 2, "b": 3])
                #expect(sum["structuredContent"] == ["result": 5])
            }
        }

        @Test func aWrapperScriptWorkerWorksAndCloseLeavesNoProcess() async throws {
            let marker = UUID().uuidString
            // Not exec: the shell stays the parent (the `exit` after it keeps even dash from exec-ing).
            let script = "'\(try Workers.python())' '\(Workers.fixture)'; exit $?"
            let launch = ServerLaunch(name: "wrapped", command: "/bin/sh", arguments: ["-c", script],
                                      environment: ["ORCH_TEST_MARKER": marker])
            let found = try await Workers.withClient(launch, Workers.options(nil)) { client in
                let found = await ProcScan.awaitMarked(marker, count: 2)
                #expect(found.count == 2, "expected the shell and python, found \(found)")
                #expect(found[client.process.pid] != nil, "the shell is the direct child")
                #expect(found.keys.contains { ProcScan.stat($0)?.ppid == client.process.pid }, "python runs under the shell")
                #expect(client.era == .modern)
                let echo = try await client.callTool("echo", arguments: ["text": "wrapped"])
                #expect(echo["structuredContent"] == ["result": "wrapped"])
                let status = await client.close()
                #expect(status == .exited(0), "end of input ends python, then the shell")
                return found
            }
            #expect(ProcScan.marked(marker).isEmpty, "left: \(ProcScan.marked(marker))")
            #expect(ProcScan.survivors(found).isEmpty, "still in /proc: \(ProcScan.survivors(found))")
        }

        @Test func aTimedOutRequestFailsPromptlyAndTheClientStaysUsable() async throws {
            try await Workers.withClient(try Workers.pyServer(), Workers.options(nil)) { client in
                let clock = ContinuousClock()
                let start = clock.now
                let error = try #require(await Workers.failure {
                    try await client.callTool("slow", arguments: ["ms": 5000], timeout: .milliseconds(200))
                })
                let waited = clock.now - start
                #expect(error.code == .timeout)
                #expect(error.message.contains("200 ms"), "\(error.message)")
                #expect(waited >= .milliseconds(200) && waited < .seconds(1), "the call failed after \(waited)")
                let sum = try await client.callTool("add", arguments: ["a": 2, "b": 3])
                #expect(sum["structuredContent"] == ["result": 5])
                // The client told the server (notifications/cancelled): the fixture logs it.
                let told = await ProcScan.eventually { client.process.stderrTail().contains("slow(5000) cancelled") }
                #expect(told, "stderr: \(client.process.stderrTail())")
            }
        }
    }
}

// MARK: - ServerPool and ServersConfig

@Suite(.serialized, .timeLimit(.minutes(1)))
struct ServerPoolTests {

    static func pool(_ launch: ServerLaunch, maxCrashes: Int) -> ServerPool {
        ServerPool(config: ServersConfig(servers: [ServersConfig.Entry(launch: launch)]), options: Workers.options(nil), maxCrashes: maxCrashes)
    }

    @Test func restartsACrashedServerOnTheNextCallAndMarksItBrokenAfterMaxCrashes() async throws {
        let marker = UUID().uuidString
        // --crash-after 1: the first tool call of every process kills it; tools/list is no tool call.
        let pool = Self.pool(try Workers.pyServer(["--crash-after", "1"], name: "crashy", marker: marker), maxCrashes: 2)
        let clock = ContinuousClock()
        try await pool.using { pool in
            let first = try await pool.client("crashy")
            let crash = await Workers.failure { try await first.callTool("echo", arguments: ["text": "one"]) }
            #expect(crash?.code == .serverExited)

            let second = try await pool.client("crashy")
            #expect(second !== first)
            #expect(second.process.pid != first.process.pid)
            #expect(first.process.exitStatus == .exited(7))
            let tools = try await second.listTools()
            #expect(Workers.names(tools).count == 6)
            let crashAgain = await Workers.failure { try await second.callTool("echo", arguments: ["text": "two"]) }
            #expect(crashAgain?.code == .serverExited)

            for attempt in 1...2 {
                let start = clock.now
                let broken = await Workers.failure { try await pool.client("crashy") }
                let waited = clock.now - start
                #expect(broken?.code == .broken, "attempt \(attempt): \(String(describing: broken))")
                #expect(broken?.message.hasPrefix("marked broken after 2 crashes in a row; last: ") == true, "\(String(describing: broken))")
                #expect(waited < .seconds(3), "attempt \(attempt) answered after \(waited) (a broken server must not be started again)")
            }
            #expect(ProcScan.marked(marker).isEmpty, "a broken server is not started again: \(ProcScan.marked(marker))")
        }
    }

    @Test func aSucceededCallResetsTheCrashCount() async throws {
        // --crash-after 2: in every process the first tool call works and the second kills it.
        let pool = Self.pool(try Workers.pyServer(["--crash-after", "2"], name: "flaky"), maxCrashes: 2)
        try await pool.using { pool in
            for round in 1...3 {
                let client = try await pool.client("flaky")
                let ok = try await client.callTool("echo", arguments: ["text": .string("round \(round)")])
                #expect(ok["structuredContent"] == ["result": .string("round \(round)")])
                await pool.succeeded("flaky")
                let crash = await Workers.failure { try await client.callTool("echo", arguments: ["text": "again"]) }
                #expect(crash?.code == .serverExited, "round \(round)")
            }
            // Three crashes in all, never two without a success between them: still restartable.
            let client = try await pool.client("flaky")
            let tools = try await client.listTools()
            #expect(Workers.names(tools).first == "echo")
        }
    }

    @Test func aServerThatCannotStartIsMarkedBrokenAfterMaxCrashes() async throws {
        let pool = Self.pool(ServerLaunch(name: "ghost", command: "/nonexistent/orch-test-server"), maxCrashes: 2)
        let first = await Workers.failure { try await pool.client("ghost") }
        #expect(first?.code == .spawnFailed)
        let second = await Workers.failure { try await pool.client("ghost") }
        #expect(second?.code == .spawnFailed)
        let third = await Workers.failure { try await pool.client("ghost") }
        #expect(third?.code == .broken)
        #expect(third?.message.contains("/nonexistent/orch-test-server") == true, "\(String(describing: third))")
        await pool.shutdown()
    }

    @Test func refusesAServerThatIsNotConfigured() async throws {
        let pool = Self.pool(ServerLaunch(name: "only", command: "/bin/cat"), maxCrashes: 2)
        let error = await Workers.failure { try await pool.client("other") }
        #expect(error?.code == .spawnFailed)
        #expect(error?.server == "other")
        #expect(error?.message == "no server of that name is configured (configured: only).")
        await pool.shutdown()
    }

    @Test func startsAServerInTheEraItsEntryPins() async throws {
        let python = try Workers.python()
        let document: JSONValue = ["mcpServers": [
            "pinned": ["command": .string(python), "args": [.string(Workers.fixture)], "era": "legacy"],
        ]]
        let config = try ServersConfig(json: document, source: "servers.json")
        #expect(config.entry("pinned")?.era == .legacy)
        let pool = ServerPool(config: config, options: Workers.options(nil), maxCrashes: 2)
        try await pool.using { pool in
            let client = try await pool.client("pinned")
            #expect(client.era == .legacy)
            #expect(client.protocolVersion == "2025-11-25")
            let sum = try await client.callTool("add", arguments: ["a": 1, "b": 2])
            #expect(sum["structuredContent"] == ["result": 3])
        }
    }

    // MARK: ServersConfig

    @Test func readsEntriesInFileOrderWithTheirFieldsAndEraPins() throws {
        let document = try JSONValue(parsing: """
            {"mcpServers": {
              "time": {"command": "uvx", "args": ["mcp-server-time", "--local-timezone=UTC"], "era": "modern"},
              "old": {"command": "/opt/old/server", "env": {"TOKEN": "t"}, "cwd": "/srv", "era": "legacy"},
              "plain": {"command": "plain"}
            }}
            """)
        let config = try ServersConfig(json: document, source: "servers.json")
        #expect(config.names == ["time", "old", "plain"])
        let time = try #require(config.entry("time"))
        #expect(time.era == .modern)
        #expect(time.launch.command == "uvx")
        #expect(time.launch.arguments == ["mcp-server-time", "--local-timezone=UTC"])
        let old = try #require(config.entry("old"))
        #expect(old.era == .legacy)
        #expect(old.launch.environment == ["TOKEN": "t"])
        #expect(old.launch.workingDirectory == "/srv")
        let plain = try #require(config.entry("plain"))
        #expect(plain.era == nil)
        #expect(plain.launch.arguments.isEmpty && plain.launch.environment.isEmpty && plain.launch.workingDirectory == nil)
        #expect(config.entry("missing") == nil)
    }

    static let malformed: [(document: String, message: String)] = [
        (#"{"mcpServers": {"x": {"command": "srv", "args": "--flag"}}}"#, "servers.json at /mcpServers/x/args: must be an array of strings."),
        (#"{"mcpServers": {"x": {"command": "srv", "args": ["ok", 1]}}}"#, "servers.json at /mcpServers/x/args: must be an array of strings."),
        (#"{"mcpServers": {"x": {"args": []}}}"#, #"servers.json at /mcpServers/x: needs a "command" string."#),
        (#"{"mcpServers": {"x": {"command": ""}}}"#, #"servers.json at /mcpServers/x: needs a "command" string."#),
        (#"{"mcpServers": {"x": "srv"}}"#, #"servers.json at /mcpServers/x: needs a "command" string."#),
        (#"{"mcpServers": {"x": {"command": "srv", "env": ["A=1"]}}}"#, "servers.json at /mcpServers/x/env: must be an object of strings."),
        (#"{"mcpServers": {"x": {"command": "srv", "env": {"PORT": 8080}}}}"#, "servers.json at /mcpServers/x/env/PORT: must be a string."),
        (#"{"mcpServers": {"x": {"command": "srv", "era": "2026-07-28"}}}"#, #"servers.json at /mcpServers/x/era: must be "modern" or "legacy"."#),
        (#"{"mcpServers": {"x": {"command": "srv", "era": true}}}"#, #"servers.json at /mcpServers/x/era: must be "modern" or "legacy"."#),
    ]

    @Test(arguments: malformed)
    func reportsAMalformedEntryWithItsPath(_ document: String, _ message: String) throws {
        let json = try JSONValue(parsing: document)
        let error = #expect(throws: ProcessError.self) { try ServersConfig(json: json, source: "servers.json") }
        #expect(error?.message == message)
        #expect(error?.server == "x")
    }

    @Test func reportsADocumentWithoutMcpServers() throws {
        let json = try JSONValue(parsing: #"{"servers": {"x": {"command": "srv"}}}"#)
        let error = #expect(throws: ProcessError.self) { try ServersConfig(json: json, source: "servers.json") }
        #expect(error?.message == #"servers.json: expected {"mcpServers": {NAME: {"command", "args", "env", "cwd"}}}."#)
    }
}

// MARK: - Helpers

/// The two ways of starting a dual-era server: probe (`auto`) or pin the legacy era.
enum ProbeMode: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case auto, legacy

    var pin: MCPClient.Era? { self == .auto ? nil : .legacy }
    /// What a dual-era server ends up speaking.
    var era: MCPClient.Era { self == .auto ? .modern : .legacy }
    var version: String { self == .auto ? "2026-07-28" : "2025-11-25" }
    var testDescription: String { rawValue }
}

/// The worker servers the tests start, and ways to use them that always close them.
enum Workers {
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    static let fixture = repository + "/Tests/Fixtures/py_server.py"

    /// `.venv/bin/NAME`; fails the test (never skips it) when the interop venv is missing.
    static func venv(_ name: String) throws -> String {
        let path = repository + "/.venv/bin/" + name
        try #require(FileManager.default.isExecutableFile(atPath: path),
                     "\(path) is missing: run tools/setup.sh to create the interop venv (mcp==2.3.0, mcp-server-time)")
        return path
    }

    static func python() throws -> String { try venv("python") }

    static func pyServer(_ flags: [String] = [], name: String = "py-fixture", marker: String? = nil) throws -> ServerLaunch {
        ServerLaunch(name: name, command: try python(), arguments: [fixture] + flags,
                     environment: marker.map { ["ORCH_TEST_MARKER": $0] } ?? [:])
    }

    static func timeServer() throws -> ServerLaunch {
        ServerLaunch(name: "time", command: try venv("mcp-server-time"), arguments: ["--local-timezone=UTC"])
    }

    /// `.build/<triple>/debug/orch-mcp`, next to the test bundle (`ORCH_MCP_BIN` overrides).
    static let orchBinary: String = {
        if let override = ProcessInfo.processInfo.environment["ORCH_MCP_BIN"] { return override }
        let bundle = URL(fileURLWithPath: ProcessInfo.processInfo.arguments[0])
        var directory = bundle.deletingLastPathComponent()
        if bundle.pathExtension != "xctest", bundle.path.contains(".xctest/") {
            while directory.pathExtension != "xctest", directory.path != "/" { directory.deleteLastPathComponent() }
            directory.deleteLastPathComponent()
        }
        return directory.appendingPathComponent("orch-mcp").path
    }()

    static func orchServe(marker: String? = nil) throws -> ServerLaunch {
        try #require(FileManager.default.isExecutableFile(atPath: orchBinary),
                     "\(orchBinary) is missing: build it first (swift build --build-tests), or set ORCH_MCP_BIN")
        return ServerLaunch(name: "orch", command: orchBinary, arguments: ["serve"],
                            environment: marker.map { ["ORCH_TEST_MARKER": $0] } ?? [:])
    }

    /// Options for tests: a probe timeout far above any interpreter start-up (a modern server
    /// must never be mistaken for a legacy one), and a bound on every request.
    static func options(_ era: MCPClient.Era?, probeTimeout: Duration = .seconds(15)) -> MCPClient.Options {
        var options = MCPClient.Options()
        options.era = era
        options.probeTimeout = probeTimeout
        options.requestTimeout = .seconds(20)
        return options
    }

    /// Connects, runs `body`, and closes the client whether `body` throws or not.
    static func withClient<T>(_ launch: ServerLaunch, _ options: MCPClient.Options,
                              _ body: (MCPClient) async throws -> T) async throws -> T {
        try await using(try await MCPClient.connect(launch, options: options), body)
    }

    /// Runs `body`, then closes `client` whether `body` throws or not.
    static func using<T>(_ client: MCPClient, _ body: (MCPClient) async throws -> T) async throws -> T {
        let result: T
        do {
            result = try await body(client)
        } catch {
            _ = await client.close(grace: .milliseconds(500))
            throw error
        }
        _ = await client.close()
        return result
    }

    /// The `MCPClientError` that `body` throws, or nil when it returns (any other error is
    /// recorded as an issue).
    static func failure<T>(_ body: () async throws -> T, sourceLocation: SourceLocation = #_sourceLocation) async -> MCPClientError? {
        do {
            _ = try await body()
            return nil
        } catch let error as MCPClientError {
            return error
        } catch {
            Issue.record("expected an MCPClientError, got \(error)", sourceLocation: sourceLocation)
            return nil
        }
    }

    static func names(_ tools: [JSONValue]) -> [String] { tools.compactMap { $0["name"]?.stringValue } }
}

/// What a progress callback heard, in order.
private final class ProgressLog: Sendable {
    struct Event: Sendable, CustomStringConvertible {
        let progress: Double
        let total: Double?
        let message: String?
        var description: String { "\(progress)/\(total.map { "\($0)" } ?? "-") \(message ?? "")" }
    }

    private let recorded = Mutex<[Event]>([])

    var events: [Event] { recorded.withLock { $0 } }

    var callback: @Sendable (Double, Double?, String?) -> Void {
        { [self] progress, total, message in
            recorded.withLock { $0.append(Event(progress: progress, total: total, message: message)) }
        }
    }
}

/// /proc views (shared test support) plus what these tests wait for.
private enum ProcScan {
    static func marked(_ marker: String) -> [Int32: String] { ProcessTable.marked(marker) }
    static func stat(_ pid: Int32) -> ProcessTable.Stat? { ProcessTable.stat(pid) }
    static func survivors(_ found: [Int32: String]) -> [Int32] { ProcessTable.survivors(found) }
    static func eventually(within limit: Duration = .seconds(3), _ condition: () -> Bool) async -> Bool {
        await ProcessTable.eventually(within: limit, condition)
    }

    /// The marked processes once there are `count` of them (or what there is after 3 s).
    static func awaitMarked(_ marker: String, count: Int) async -> [Int32: String] {
        var found: [Int32: String] = [:]
        _ = await eventually {
            found = marked(marker)
            return found.count == count
        }
        return found
    }
}
