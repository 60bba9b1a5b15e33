import Foundation
import OrchJSON
import OrchTesting
import Testing

/// `orch-mcp serve` against the real Python SDK client (mcp==2.3.0, via Tests/Fixtures/py_client.py)
/// in every client mode, and scripted sessions checked line by line against the official MCP
/// schema of each protocol version. Serialized, and every wait on its own thread: the Python
/// clients are CPU-heavy, and other suites' timing tests share the machine's two cores.
@Suite("orch-mcp serve interop", .serialized)
struct InteropTests {
    static let python = CLIRunner.repository.appendingPathComponent(".venv/bin/python")
    static let pyClient = CLIRunner.repository.appendingPathComponent("Tests/Fixtures/py_client.py")
    static let modes = ["auto", "legacy", "2026-07-28"]

    // MARK: The Python SDK client

    /// Runs py_client.py in `mode` on `scenario` against `orch-mcp serve` and returns its report.
    /// Fails (never skips) when the interop venv is missing.
    static func pyClient(mode: String, scenario: String) async throws -> JSONValue {
        try #require(FileManager.default.isExecutableFile(atPath: python.path),
                     "\(python.path) is missing: run tools/setup.sh to create the interop venv (mcp==2.3.0, mcp-server-time)")
        let arguments = [pyClient.path, "--mode", mode, "--scenario", scenario, "--timeout", "40", "--", CLIRunner.binary.path, "serve"]
        let (output, _) = try await CLIRunner.onOwnThread { try CLIRunner.runProcess(executable: python, arguments: arguments, timeout: 50) }
        #expect(output.status == 0, "py_client \(mode) \(scenario) exited \(output.status): \(output.stdout)\n\(output.stderr)")
        let report = try JSONValue(parsing: output.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
        try #require(report["error"] == nil, "py_client \(mode) \(scenario) failed: \(report)\n\(output.stderr)")
        #expect(report["scenario"]?.stringValue == scenario)
        return report
    }

    /// The era and version each mode must negotiate with a dual-era server.
    static func expectNegotiated(_ report: JSONValue, mode: String) {
        let expected: (version: String, era: String) = mode == "legacy" ? ("2025-11-25", "legacy") : ("2026-07-28", "modern")
        #expect(report["protocol_version"]?.stringValue == expected.version, "\(mode): \(report)")
        #expect(report["era"]?.stringValue == expected.era, "\(mode): \(report)")
        let orch: JSONValue = ["name": "orch-mcp", "version": "0.1.0"]
        if mode == "2026-07-28" {
            // A pinned client skips server/discover; the SDK then knows no server info.
            #expect(report["server_info"] == .null || report["server_info"] == orch, "\(report)")
        } else {
            #expect(report["server_info"] == orch, "\(mode): \(report)")
            #expect(report["server_capabilities"]?["tools"]?.objectValue != nil, "\(mode): \(report)")
        }
    }

    @Test(arguments: modes)
    func basic(mode: String) async throws {
        let report = try await Self.pyClient(mode: mode, scenario: "basic")
        Self.expectNegotiated(report, mode: mode)
        #expect(report["tools"] == ["validate_plan", "execute_plan", "list_tools", "call_tool"])

        let valid = try #require(report["validate_valid"])
        #expect(valid["is_error"] == false)
        #expect(valid["structured_content"] == ["valid": true, "errors": []])
        #expect(valid["text"]?.stringValue == "The plan is valid.")

        let invalid = try #require(report["validate_invalid"])
        #expect(invalid["is_error"] == false)
        #expect(invalid["structured_content"]?["valid"] == false)
        let paths = invalid["structured_content"]?["errors"]?.arrayValue?.compactMap { $0["path"]?.stringValue } ?? []
        #expect(paths.sorted() == ["/steps/0/input/args/amount", "/steps/0/input/args/tax_rate"], "\(invalid)")
        let text = invalid["text"]?.stringValue ?? ""
        #expect(text.hasPrefix("The plan is invalid:"), "\(text)")
        #expect(paths.allSatisfy { text.contains($0) }, "\(text)")

        let execute = try #require(report["execute"])
        #expect(execute["is_error"] == false)
        #expect(execute["content_types"] == ["text"])
        let run = try #require(execute["structured_content"])
        let final = "Spent 15.64 on 4 items; 16.89 with tax, 14.36 after the coupon."
        #expect(run["status"] == "succeeded")
        #expect(run["request_id"] == "py-basic")
        #expect(run["final"]?.stringValue == final)
        let runID = try #require(run["run_id"]?.stringValue)
        #expect(execute["text"]?.stringValue == "Run \(runID) succeeded: 3 succeeded\n\n\(final)")
        let outputs: [String: String] = [
            "stats": #"{"count": 4, "total": 15.64, "mean": 3.91, "median": 2.87, "min": 0.91, "max": 8.99, "by_category": {"beverage": {"count": 1, "total": 2.49}, "food": {"count": 2, "total": 4.16}, "household": {"count": 1, "total": 8.99}}}"#,
            "tax": #"{"amount": 15.64, "tax_rate": 0.08, "tax": 1.25, "total": 16.89}"#,
            "discounted": #"{"amount": 16.89, "percent": 15, "discount": 2.53, "total": 14.36}"#,
        ]
        #expect(run["steps"]?.objectValue?.count == 3)
        for (id, output) in outputs {
            let step = run["steps"]?[id]
            #expect(step?["status"] == "succeeded", "\(id): \(String(describing: step))")
            #expect(step?["attempts"] == 1, "\(id)")
            #expect(step?["output"] == (try JSONValue(parsing: output)), "\(id): \(String(describing: step))")
        }
    }

    @Test(arguments: modes)
    func progress(mode: String) async throws {
        let report = try await Self.pyClient(mode: mode, scenario: "progress")
        Self.expectNegotiated(report, mode: mode)
        #expect(report["status"] == "succeeded")
        #expect(report["execute"]?["is_error"] == false)
        let entries = report["progress"]?.arrayValue ?? []
        #expect(entries.compactMap { $0["progress"]?.doubleValue } == [1, 2, 3, 4, 5], "\(mode): \(entries)")
        #expect(entries.count == 5 && entries.allSatisfy { $0["total"]?.doubleValue == 5 }, "\(mode): \(entries)")
        let values = entries.compactMap { $0["progress"]?.doubleValue }
        #expect(zip(values, values.dropFirst()).allSatisfy { $0 < $1 }, "progress must increase: \(values)")
    }

    @Test(arguments: modes)
    func cancel(mode: String) async throws {
        let report = try await Self.pyClient(mode: mode, scenario: "cancel")
        Self.expectNegotiated(report, mode: mode)
        #expect(report["cancelled"] == true, "\(mode): \(report)")
        #expect(report["first_result"] == .null, "a cancelled call must not complete: \(report)")
        let cancelMs = report["cancel_ms"]?.doubleValue ?? .infinity
        #expect(cancelMs < 5000, "\(mode): cancelling took \(cancelMs) ms")
        #expect(report["second_ok"] == true, "\(mode): \(report)")
        #expect(report["second_tools"]?.arrayValue?.contains("sleep_ms") == true, "\(mode): \(report)")
    }

    // MARK: Scripted sessions against `orch-mcp serve`

    static let plan: JSONValue = [
        "request_id": "schema",
        "steps": [
            ["id": "a", "tool": "function_call", "input": ["name": "compute_tax", "args": ["amount": 10, "tax_rate": 0.1]]],
            ["id": "b", "tool": "function_call", "input": ["name": "apply_discount", "args": ["amount": "step:a.total", "percent": 10]]],
        ],
        "final_synthesis": ["prompt_template": "total {{step:b.total}}"],
    ]
    static let invalidPlan: JSONValue = [
        "steps": [["id": "t", "tool": "function_call", "input": ["name": "compute_tax", "args": ["amount": "step:zz.total", "tax_rate": 2]]]],
    ]
    static let sleepPlan: JSONValue = [
        "steps": [["id": "s", "tool": "function_call", "input": ["name": "sleep_ms", "args": ["ms": 10000]]]],
    ]

    static func message(_ id: JSONValue?, _ method: String, _ params: JSONObject?, modern: Bool, meta: JSONObject = [:]) -> String {
        var params = params
        var envelope = meta
        if modern {
            envelope["io.modelcontextprotocol/protocolVersion"] = "2026-07-28"
            envelope["io.modelcontextprotocol/clientCapabilities"] = [:]
            envelope["io.modelcontextprotocol/clientInfo"] = ["name": "interop-test", "version": "1"]
        }
        if !envelope.isEmpty {
            var withMeta = params ?? [:]
            withMeta["_meta"] = .object(envelope)
            params = withMeta
        }
        var object: JSONObject = ["jsonrpc": "2.0", "method": .string(method)]
        if let id { object["id"] = id }
        if let params { object["params"] = .object(params) }
        return JSONWriter.string(.object(object))
    }

    /// The messages a client sends in one session of `version`; the execute_plan call has id 6
    /// and the progress token `token`.
    static func session(_ version: String, token: JSONValue) -> [String] {
        let modern = version == "2026-07-28"
        var lines: [String] = []
        if modern {
            lines.append(message(1, "server/discover", nil, modern: true))
        } else {
            lines.append(message(1, "initialize", ["protocolVersion": .string(version), "capabilities": [:],
                                                    "clientInfo": ["name": "interop-test", "version": "1"]], modern: false))
            lines.append(message(nil, "notifications/initialized", nil, modern: false))
            lines.append(message(2, "ping", nil, modern: false))
        }
        lines += [
            message("list", "tools/list", modern ? [:] : nil, modern: modern),
            message(4, "tools/call", ["name": "validate_plan", "arguments": ["plan": plan]], modern: modern),
            message(5, "tools/call", ["name": "validate_plan", "arguments": ["plan": invalidPlan]], modern: modern),
            message(6, "tools/call", ["name": "execute_plan", "arguments": ["plan": plan]], modern: modern, meta: ["progressToken": token]),
            message(7, "tools/call", ["name": "no_such_tool", "arguments": [:]], modern: modern),
        ]
        if modern {
            lines.append(JSONWriter.string(["jsonrpc": "2.0", "id": 8, "method": "tools/list", "params": ["_meta": [
                "io.modelcontextprotocol/protocolVersion": "1900-01-01", "io.modelcontextprotocol/clientCapabilities": [:],
            ]]]))
        }
        return lines
    }

    /// Runs `orch-mcp serve` on `lines` (then end of input) and returns its stdout, parsed line by line,
    /// after checking that stdout carries JSON-RPC only: one compact message per line, responses
    /// answering exactly the requests sent, no server requests.
    static func serve(_ lines: [String], arguments: [String] = []) async throws -> (messages: [JSONValue], output: CLIRunner.Output) {
        let input = lines.joined(separator: "\n") + "\n"
        let (output, _) = try await CLIRunner.onOwnThread { try CLIRunner.runBlocking(["serve"] + arguments, stdin: input, timeout: 20) }
        #expect(output.status == 0, "serve exited \(output.status): \(output.stderr)")
        #expect(output.stdout.isEmpty || output.stdout.hasSuffix("\n"), "stdout must end with a newline")
        var messages: [JSONValue] = []
        for line in output.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast() {
            guard let message = try? JSONValue(parsing: String(line)), message["jsonrpc"] == "2.0" else {
                Issue.record("stdout carries something that is not a JSON-RPC message: \(line)")
                continue
            }
            let isResponse = message["id"] != nil && (message["result"] != nil) != (message["error"] != nil) && message["method"] == nil
            let isNotification = message["id"] == nil && message["method"]?.stringValue != nil
            #expect(isResponse || isNotification, "neither a response nor a notification: \(line)")
            messages.append(message)
        }
        var requestIDs: [JSONValue] = []
        for line in lines {
            if let sent = try? JSONValue(parsing: line), let id = sent["id"], sent["method"] != nil { requestIDs.append(id) }
        }
        let answered = messages.compactMap { $0["method"] == nil ? $0["id"] : nil }.filter { $0 != .null }
        #expect(answered.sorted { "\($0)" < "\($1)" } == requestIDs.sorted { "\($0)" < "\($1)" },
                "every request must be answered exactly once: sent \(requestIDs), answered \(answered)")
        return (messages, output)
    }

    static func response(_ messages: [JSONValue], id: JSONValue) -> JSONValue? {
        messages.first { $0["id"] == id && $0["method"] == nil }
    }

    @Test(arguments: ["2024-11-05", "2025-03-26", "2025-06-18", "2025-11-25", "2026-07-28"])
    func everyLineConformsToTheSchema(version: String) async throws {
        let modern = version == "2026-07-28"
        let token: JSONValue = modern ? "progress-6" : 6
        let lines = Self.session(version, token: token)
        let (messages, _) = try await Self.serve(lines)
        var methods: [JSONValue: String] = [:]
        for line in lines {
            if let sent = try? JSONValue(parsing: line), let id = sent["id"], let method = sent["method"]?.stringValue { methods[id] = method }
        }
        #expect(!messages.isEmpty)
        for message in messages {
            let problems = try MCPSchemaCheck.problems(message, version: version, method: message["id"].flatMap { methods[$0] })
            #expect(problems.isEmpty, "\(message) breaks the \(version) schema: \(problems)")
        }

        if modern {
            let discover = Self.response(messages, id: 1)
            #expect(discover?["result"]?["supportedVersions"]?.arrayValue?.contains("2026-07-28") == true, "\(String(describing: discover))")
            for message in messages where message["result"] != nil {
                #expect(message["result"]?["resultType"] == "complete", "\(message)")
                #expect(message["result"]?["_meta"]?["io.modelcontextprotocol/serverInfo"]?["name"] == "orch-mcp", "\(message)")
            }
            let unsupported = Self.response(messages, id: 8)?["error"]
            #expect(unsupported?["code"] == -32022, "\(String(describing: unsupported))")
            #expect(unsupported?["data"]?["requested"] == "1900-01-01", "\(String(describing: unsupported))")
            #expect(unsupported?["data"]?["supported"]?.arrayValue?.contains("2026-07-28") == true, "\(String(describing: unsupported))")
        } else {
            #expect(Self.response(messages, id: 1)?["result"]?["protocolVersion"]?.stringValue == version)
            #expect(Self.response(messages, id: 2)?["result"] == [:])
        }
        let names = Self.response(messages, id: "list")?["result"]?["tools"]?.arrayValue?.compactMap { $0["name"]?.stringValue }
        #expect(names == ["validate_plan", "execute_plan", "list_tools", "call_tool"])
        #expect(Self.response(messages, id: 4)?["result"]?["content"]?[0]?["text"] == "The plan is valid.")
        #expect(Self.response(messages, id: 5)?["result"]?["content"]?[0]?["text"]?.stringValue?.hasPrefix("The plan is invalid:") == true)
        #expect(Self.response(messages, id: 7)?["error"]?["code"] == -32602, "an unknown tool is -32602 in both eras")

        // Progress for the execute_plan call: 1 and 2 of 2, with the token as sent, before its response.
        let executed = try #require(messages.firstIndex { $0["id"] == 6 && $0["method"] == nil })
        let result = messages[executed]["result"]
        #expect(result?["isError"] == false, "\(String(describing: result))")
        #expect(result?["content"]?[0]?["text"]?.stringValue?.hasSuffix("\n\ntotal 9.9") == true, "\(String(describing: result))")
        if version >= "2025-06-18" {
            #expect(result?["structuredContent"]?["status"] == "succeeded", "\(String(describing: result))")
        } else {
            #expect(result?["structuredContent"] == nil, "structuredContent is new in 2025-06-18")
        }
        let progress = messages.enumerated().filter { $0.element["method"] == "notifications/progress" }
        #expect(progress.map { $0.element["params"]?["progressToken"] } == [token, token], "\(progress)")
        #expect(progress.map { $0.element["params"]?["progress"] } == [1, 2], "\(progress)")
        #expect(progress.allSatisfy { $0.element["params"]?["total"] == 2 && $0.offset < executed }, "\(progress)")
    }

    @Test func stdoutCarriesProtocolOnlyAndLogsGoToStderr() async throws {
        let lines = ["this line is not JSON"] + Self.session("2025-11-25", token: "t")
        let (messages, output) = try await Self.serve(lines, arguments: ["--log-level", "debug"])
        #expect(Self.response(messages, id: 6)?["result"]?["isError"] == false, "\(output.stdout)")
        // The unreadable line gets JSON-RPC's parse error (id null) or nothing; never text.
        for message in messages where message["id"] == .null {
            #expect(message["error"]?["code"] == -32700, "\(message)")
        }
        #expect(!output.stderr.isEmpty, "--log-level debug must log to stderr")
        for line in output.stderr.split(separator: "\n") {
            let parsed = try? JSONValue(parsing: String(line))
            #expect(parsed?["jsonrpc"] == nil, "a protocol message went to stderr: \(line)")
        }
    }

    @Test(arguments: [false, true])
    func cancelledRunStopsPromptlyAndIsNotAnswered(modern: Bool) async throws {
        var lines: [String] = []
        if !modern {
            lines.append(Self.message(1, "initialize", ["protocolVersion": "2025-11-25", "capabilities": [:],
                                                         "clientInfo": ["name": "interop-test", "version": "1"]], modern: false))
            lines.append(Self.message(nil, "notifications/initialized", nil, modern: false))
        }
        lines.append(Self.message(2, "tools/call", ["name": "execute_plan", "arguments": ["plan": Self.sleepPlan]], modern: modern))
        lines.append(Self.message(nil, "notifications/cancelled", ["requestId": 2, "reason": "test"], modern: false))
        lines.append(Self.message(3, "tools/list", modern ? [:] : nil, modern: modern))
        let input = lines.joined(separator: "\n") + "\n"
        let (out, elapsed) = try await CLIRunner.onOwnThread { try CLIRunner.runBlocking(["serve"], stdin: input, timeout: 20) }
        #expect(out.status == 0, "\(out.stderr)")
        // The plan sleeps 10 s: a server that ignored the cancellation would still be running.
        #expect(elapsed < .seconds(5), "serve took \(elapsed) to end after a cancelled 10 s run")
        let messages = out.stdout.split(separator: "\n").compactMap { try? JSONValue(parsing: String($0)) }
        #expect(!messages.contains { $0["id"] == 2 }, "a cancelled request must not be answered: \(out.stdout)")
        #expect(Self.response(messages, id: 3)?["result"]?["tools"] != nil, "\(out.stdout)")
    }
}
