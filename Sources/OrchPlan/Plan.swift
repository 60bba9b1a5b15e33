import OrchJSON

/// A validated plan: a DAG of steps ready to run. Made only by ``PlanLoader``, which has
/// checked every id, tool, reference, dependency and literal input.
public struct Plan: Sendable {
    public let requestID: String?
    public let steps: [PlanStep]
    /// `final_synthesis.prompt_template`, rendered into the run's `final`.
    public let synthesis: PromptTemplate?
    /// The plan as written.
    public let json: JSONValue

    /// The position of the step with `id`.
    public func index(of id: String) -> Int? { stepIndex[id] }

    let stepIndex: [String: Int]

    init(requestID: String?, steps: [PlanStep], synthesis: PromptTemplate?, json: JSONValue) {
        self.requestID = requestID
        self.steps = steps
        self.synthesis = synthesis
        self.json = json
        var index: [String: Int] = [:]
        for step in steps { index[step.id] = step.index }
        stepIndex = index
    }
}

/// What a step does when it fails for good (after its retries).
public enum OnError: String, Sendable {
    /// The run fails: running steps are cancelled, steps not yet started are skipped.
    case fail
    /// Steps that depend on this one are skipped; independent steps go on. The run still ends `failed`.
    case `continue`
}

/// One step of a plan.
public struct PlanStep: Sendable {
    public let index: Int
    public let id: String
    /// The `tool` field as written: a catalog tool, `function_call` or `code_exec`.
    public let tool: String
    /// The tool that runs: the function's name for `function_call`, otherwise `tool`.
    public let target: String
    public let kind: ToolKind
    /// What the tool receives before references are resolved: `input.args` for
    /// `function_call`, the whole `input` otherwise.
    public let arguments: JSONValue
    /// JSON pointer of ``arguments`` in the plan (`/steps/3/input/args`).
    public let argumentsPath: String
    /// Every `step:` reference in ``arguments`` and where it stands.
    public let references: [(location: JSONPointer, reference: StepReference)]
    /// Steps that must succeed first: `depends_on` plus every referenced step, by index.
    public let dependencies: [Int]
    public let timeoutMs: Int?
    public let retry: RetryPolicy
    public let priority: Int
    public let onError: OnError
    public let idempotencyKey: String?
}

/// One problem with a plan, and where it is (a JSON pointer into the plan).
public struct PlanIssue: Sendable, Hashable, CustomStringConvertible {
    public let path: String
    public let message: String

    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    public var description: String { "\(path.isEmpty ? "(plan)" : path): \(message)" }

    /// `{"path", "message"}`.
    public var json: JSONValue { ["path": .string(path), "message": .string(message)] }
}
