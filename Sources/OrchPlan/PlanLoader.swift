import OrchJSON
import OrchSchema

/// Checks a plan against a catalog before anything runs, and turns it into a ``Plan``.
///
/// Every problem is reported, each with a JSON pointer into the plan: unique and valid step
/// ids, known tools, `depends_on` and `step:` references that name existing steps, no
/// cycles (the cycle is named), retry, timeout and priority settings, and literal inputs
/// against the tool's `inputSchema` (parts that are references are checked at run time).
public struct PlanLoader: Sendable {
    public struct Options: Sendable {
        /// Plans with more steps are refused.
        public var maxSteps: Int
        /// MCP servers that are configured; an `mcp` tool whose server is not here cannot run.
        public var configuredServers: Set<String>
        /// Whether `code_exec` steps (and `code` tools) can run: they need the sandbox.
        public var codeSteps: Bool
        /// When they cannot, why, completing "the sandbox …" in the step's issue (`could not
        /// start: …`); nil says it is off or was not found.
        public var codeStepsUnavailable: String?

        public init(maxSteps: Int = 50_000, configuredServers: Set<String> = [], codeSteps: Bool = false, codeStepsUnavailable: String? = nil) {
            self.maxSteps = maxSteps
            self.configuredServers = configuredServers
            self.codeSteps = codeSteps
            self.codeStepsUnavailable = codeStepsUnavailable
        }
    }

    public let catalog: ToolCatalog
    public var options: Options

    public init(catalog: ToolCatalog, options: Options = Options()) {
        self.catalog = catalog
        self.options = options
    }

    /// The plan, or every issue found.
    public func load(_ json: JSONValue) -> Result<Plan, PlanValidationError> {
        var checker = PlanChecker(loader: self, json: json)
        let plan = checker.run()
        if let plan, checker.issues.isEmpty { return .success(plan) }
        return .failure(PlanValidationError(issues: checker.issues))
    }

    /// Every issue of the plan; empty when it is valid.
    public func validate(_ json: JSONValue) -> [PlanIssue] {
        switch load(json) {
        case .success: []
        case .failure(let error): error.issues
        }
    }
}

/// A plan that did not pass validation, with every issue found.
public struct PlanValidationError: Error, Sendable, CustomStringConvertible {
    public let issues: [PlanIssue]
    public var description: String {
        let shown = issues.prefix(20).map { "  " + $0.description }.joined(separator: "\n")
        let more = issues.count > 20 ? "\n  … and \(issues.count - 20) more" : ""
        return "The plan is invalid (\(issues.count) issue\(issues.count == 1 ? "" : "s")):\n" + shown + more
    }
}

/// Members a step may have. Anything else is ignored, unless it looks like a misspelling of one.
let stepMembers = ["id", "tool", "input", "depends_on", "timeout_ms", "retry", "priority", "on_error", "idempotency_key"]
let retryMembers = ["strategy", "max_retries", "base_delay_ms", "max_delay_ms", "jitter", "retry_on"]
