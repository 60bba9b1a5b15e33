import OrchExecutor
import OrchJSON
import OrchMCP
import OrchPlan
import OrchSchema

/// The tools `orch-mcp serve` offers, over a catalog.
struct PlanService: Sendable {
    let catalog: ToolCatalog
    let servers: Set<String>
    let mcp: MCPToolInvoker?
    let maxConcurrency: Int
    /// Runs code_exec steps; nil when the sandbox is off or missing (code steps then fail validation).
    var code: (any ToolInvoker)? = nil
    /// Why `code` is nil, for validation issues (``SandboxOptions/start()``).
    var codeUnavailable: String? = nil

    static let instructions = """
        orch-mcp runs plans: DAGs of tool calls. Check a plan with validate_plan, run it with \
        execute_plan (progress per finished step when you send a progressToken; cancel to stop it), \
        find tools with list_tools, and call one catalog tool directly with call_tool. A step's input \
        may use "step:ID" or "step:ID.field[0]" to take another step's output.
        """

    var loader: PlanLoader { PlanLoader(catalog: catalog, options: .init(configuredServers: servers, codeSteps: code != nil, codeStepsUnavailable: codeUnavailable)) }

    func tools() throws -> [ServerTool] {
        [
            try ServerTool(name: "validate_plan", title: "Validate a plan",
                           description: "Checks a plan without running it: step ids, tools, references, cycles, settings and inputs against each tool's inputSchema. Returns {valid, errors: [{path, message}]}.",
                           inputSchema: Self.planInput(extra: [:]), outputSchema: Self.validationOutput,
                           annotations: ["readOnlyHint": true, "idempotentHint": true, "openWorldHint": false],
                           handler: .sync { arguments, _ in validate(arguments) }),
            try ServerTool(name: "execute_plan", title: "Run a plan",
                           description: "Validates and runs a plan; returns the run result {run_id, status, steps: {ID: {status, output, error, attempts, started_at, duration_ms}}, final}. Sends progress per finished step when asked; cancelling the request cancels the run.",
                           inputSchema: Self.planInput(extra: ["max_concurrency": ["type": "integer", "minimum": 1, "maximum": 1024, "description": "How many steps may run at once (default 16)."]]),
                           outputSchema: Self.runOutput,
                           annotations: ["readOnlyHint": false, "openWorldHint": true],
                           handler: .async { arguments, context in await execute(arguments, context) }),
            try ServerTool(name: "list_tools", title: "List catalog tools",
                           description: "Lists the tools plans can use, with their type, server and schemas; optionally only those whose name or description contains `query`.",
                           inputSchema: ["type": "object", "additionalProperties": false,
                                         "properties": ["query": ["type": "string", "description": "Case-insensitive text to look for."]]],
                           outputSchema: Self.toolListOutput,
                           annotations: ["readOnlyHint": true, "idempotentHint": true, "openWorldHint": false],
                           handler: .sync { arguments, _ in listTools(arguments) }),
            try ServerTool(name: "call_tool", title: "Call one tool",
                           description: "Runs one catalog tool with the given arguments (checked against its inputSchema) and returns its output.",
                           inputSchema: ["type": "object", "required": ["tool"], "additionalProperties": false,
                                         "properties": ["tool": ["type": "string", "description": "The tool's name, as list_tools gives it."],
                                                        "arguments": ["type": "object", "description": "The tool's input."]]],
                           annotations: ["openWorldHint": true],
                           handler: .async { arguments, _ in await call(arguments) }),
        ]
    }

    // MARK: Tools

    func validate(_ arguments: JSONValue) -> ToolOutput {
        let issues = loader.validate(arguments["plan"] ?? .null)
        let result: JSONValue = ["valid": .bool(issues.isEmpty), "errors": .array(issues.map(\.json))]
        let summary = issues.isEmpty ? "The plan is valid." : "The plan is invalid:\n" + issues.prefix(50).map { "- \($0)" }.joined(separator: "\n")
        return .structured(result, summary: summary)
    }

    func execute(_ arguments: JSONValue, _ context: ToolCallContext) async -> ToolOutput {
        let plan: Plan
        switch loader.load(arguments["plan"] ?? .null) {
        case .success(let loaded): plan = loaded
        case .failure(let error): return .text(error.description, isError: true)
        }
        let total = Double(plan.steps.count)
        let finished = Counter()
        let concurrency = arguments["max_concurrency"]?.intValue.map { Int($0) } ?? maxConcurrency
        var observer: (@Sendable (ExecutionEvent) -> Void)?
        if context.wantsProgress {
            observer = { event in
                guard case .finished(let step) = event else { return }
                context.progress(Double(finished.increment()), total: total, message: "\(step.id) \(step.status.rawValue)")
            }
        }
        let executor = PlanExecutor(catalog: catalog, mcp: mcp, code: code, maxConcurrency: concurrency, observer: observer)
        let result = await executor.run(plan)
        return .structured(result.json, summary: Self.summary(result))
    }

    static func summary(_ result: RunResult) -> String {
        var counts: [String: Int] = [:]
        for step in result.steps { counts[step.status.rawValue, default: 0] += 1 }
        let parts = counts.keys.sorted().map { "\(counts[$0]!) \($0)" }
        var text = "Run \(result.runID) \(result.status.rawValue): " + parts.joined(separator: ", ")
        if let final = result.final { text += "\n\n" + final }
        return text
    }

    func listTools(_ arguments: JSONValue) -> ToolOutput {
        let query = arguments["query"]?.stringValue?.lowercased()
        let entries = catalog.tools.map(\.definition).filter { definition in
            guard let query, !query.isEmpty else { return true }
            return definition.name.lowercased().contains(query) || definition.description.lowercased().contains(query)
        }.map { definition -> JSONValue in
            var object: JSONObject = ["name": .string(definition.name), "type": .string(definition.kind.rawValue),
                                      "description": .string(definition.description), "source": .string(definition.source),
                                      "inputSchema": definition.inputSchema]
            if let server = definition.server { object["server"] = .string(server) }
            if let outputSchema = definition.outputSchema { object["outputSchema"] = outputSchema }
            return .object(object)
        }
        return .structured(["tools": .array(entries)], summary: entries.map { "- " + ($0["name"]?.stringValue ?? "") }.joined(separator: "\n"))
    }

    func call(_ arguments: JSONValue) async -> ToolOutput {
        guard let name = arguments["tool"]?.stringValue else { return .text("call_tool needs \"tool\".", isError: true) }
        let plan: JSONValue = ["steps": [["id": "call", "tool": .string(name), "input": arguments["arguments"] ?? [:]]]]
        let loaded: Plan
        switch loader.load(plan) {
        case .success(let ok): loaded = ok
        case .failure(let error):
            let detail = error.issues.map { issue in
                issue.path.replacingOccurrences(of: "/steps/0/input", with: "/arguments").replacingOccurrences(of: "/steps/0/tool", with: "/tool") + ": " + issue.message
            }.joined(separator: "\n")
            return .text("The call cannot run:\n\(detail)", isError: true)
        }
        let result = await PlanExecutor(catalog: catalog, mcp: mcp, code: code, maxConcurrency: 1).run(loaded)
        guard let step = result.steps.first, let output = step.output else {
            let error = result.steps.first?.error
            return .text("\(name) failed: \(error?.code.rawValue ?? "error"): \(error?.message ?? "no output")", isError: true)
        }
        return .structured(output.objectValue != nil ? output : ["result": output])
    }

    // MARK: Schemas

    static func planInput(extra: JSONObject) -> JSONValue {
        var properties: JSONObject = ["plan": [
            "type": "object", "required": ["steps"],
            "description": "{request_id?, steps: [{id, tool, input, depends_on?, timeout_ms?, retry?, priority?, on_error?}], final_synthesis?: {prompt_template}}",
            "properties": ["steps": ["type": "array", "items": ["type": "object"]]],
        ]]
        for (key, value) in extra { properties[key] = value }
        return ["type": "object", "required": ["plan"], "additionalProperties": false, "properties": .object(properties)]
    }

    static let validationOutput: JSONValue = [
        "type": "object", "required": ["valid", "errors"],
        "properties": [
            "valid": ["type": "boolean"],
            "errors": ["type": "array", "items": ["type": "object", "required": ["path", "message"],
                                                   "properties": ["path": ["type": "string"], "message": ["type": "string"]]]],
        ],
    ]

    static let runOutput: JSONValue = [
        "type": "object", "required": ["run_id", "status", "steps", "final"],
        "properties": [
            "run_id": ["type": "string"],
            "request_id": ["type": "string"],
            "status": ["enum": ["succeeded", "failed", "cancelled"]],
            "steps": ["type": "object", "additionalProperties": [
                "type": "object", "required": ["status", "attempts"],
                "properties": [
                    "status": ["enum": ["succeeded", "failed", "skipped", "cancelled"]],
                    "output": [:],
                    "error": ["type": "object", "required": ["code", "message"],
                              "properties": ["code": ["type": "string"], "message": ["type": "string"]]],
                    "reason": ["type": "string"],
                    "attempts": ["type": "integer", "minimum": 0],
                    "started_at": ["type": "string"],
                    "duration_ms": ["type": "number"],
                ],
            ]],
            "final": ["type": ["string", "null"]],
        ],
    ]

    static let toolListOutput: JSONValue = [
        "type": "object", "required": ["tools"],
        "properties": ["tools": ["type": "array", "items": ["type": "object", "required": ["name", "type", "inputSchema"]]]],
    ]
}

/// A counter shared with the executor's observer.
final class Counter: Sendable {
    private let value = Mutex(0)
    func increment() -> Int { value.withLock { $0 += 1; return $0 } }
}

import Synchronization
