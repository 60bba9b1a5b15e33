import OrchJSON
import OrchSchema

/// One validation pass over a plan document; collects ``PlanIssue``s as it goes.
struct PlanChecker {
    let loader: PlanLoader
    let json: JSONValue
    var issues: [PlanIssue] = []

    init(loader: PlanLoader, json: JSONValue) {
        self.loader = loader
        self.json = json
    }

    mutating func issue(_ path: String, _ message: String) {
        issues.append(PlanIssue(path: path, message: message))
    }

    /// A step as read, before dependencies are resolved to indices.
    struct Draft {
        var index: Int
        var id: String?
        var tool = ""
        var target = ""
        var kind = ToolKind.function
        var arguments: JSONValue = [:]
        var argumentsPath = ""
        var references: [(location: JSONPointer, reference: StepReference)] = []
        var dependsOn: [(id: String, path: String)] = []
        var timeoutMs: Int?
        var retry = RetryPolicy.none
        var priority = 0
        var onError = OnError.fail
        var idempotencyKey: String?
        var schema: Schema?
    }

    mutating func run() -> Plan? {
        guard case .object(let plan) = json else {
            issue("", "A plan must be an object {\"request_id\", \"steps\": [...]}, found \(json.shortDescription).")
            return nil
        }
        guard let stepsValue = plan["steps"] else {
            issue("/steps", "The plan has no \"steps\" array.")
            return nil
        }
        guard case .array(let stepValues) = stepsValue else {
            issue("/steps", "\"steps\" must be an array of steps, found \(stepsValue.shortDescription).")
            return nil
        }
        guard !stepValues.isEmpty else {
            issue("/steps", "The plan has no steps; give at least one.")
            return nil
        }
        guard stepValues.count <= loader.options.maxSteps else {
            issue("/steps", "The plan has \(stepValues.count) steps; the limit is \(loader.options.maxSteps). Split the work into several plans or raise the limit.")
            return nil
        }
        var requestID: String?
        if let value = plan["request_id"] {
            switch value {
            case .string(let s): requestID = s
            case .int(let i): requestID = String(i)
            default: issue("/request_id", "\"request_id\" must be a string, found \(value.shortDescription).")
            }
        }

        var drafts: [Draft] = []
        drafts.reserveCapacity(stepValues.count)
        var firstIndex: [String: Int] = [:]
        for (i, value) in stepValues.enumerated() {
            var draft = readStep(value, index: i)
            if let id = draft.id {
                if let earlier = firstIndex[id] {
                    issue("/steps/\(i)/id", "The step id '\(id)' is already used by step \(earlier) (/steps/\(earlier)); step ids must be unique.")
                    draft.id = nil
                } else {
                    firstIndex[id] = i
                }
            }
            drafts.append(draft)
        }

        // Dependencies: depends_on plus every reference, as indices.
        var dependencies = [[Int]](repeating: [], count: drafts.count)
        // Where each dependency edge is written (a depends_on entry or a reference), for issues.
        var edgePaths = [[Int: String]](repeating: [:], count: drafts.count)
        for draft in drafts {
            var seen = Set<Int>()
            for (id, path) in draft.dependsOn {
                guard let target = firstIndex[id] else {
                    issue(path, unknownStep(id, from: draft))
                    continue
                }
                if target == draft.index {
                    issue(path, "A step cannot depend on itself.")
                } else if seen.insert(target).inserted {
                    dependencies[draft.index].append(target)
                    edgePaths[draft.index][target] = path
                }
            }
            for (location, reference) in draft.references {
                let path = draft.argumentsPath + location.description
                guard let target = firstIndex[reference.stepID] else {
                    issue(path, "The reference '\(reference.text)' names \(unknownStep(reference.stepID, from: draft))")
                    continue
                }
                if target == draft.index {
                    issue(path, "The reference '\(reference.text)' points at its own step; a step cannot use its own output.")
                } else if seen.insert(target).inserted {
                    dependencies[draft.index].append(target)
                    edgePaths[draft.index][target] = path
                }
            }
        }

        var synthesis: PromptTemplate?
        if let final = plan["final_synthesis"] {
            if case .object(let object) = final, let template = object["prompt_template"] {
                if let text = template.stringValue {
                    do {
                        let parsed = try PromptTemplate(text)
                        for reference in parsed.references where firstIndex[reference.stepID] == nil {
                            issue("/final_synthesis/prompt_template", "The placeholder {{\(reference.text)}} names the step '\(reference.stepID)', which is not in this plan.")
                        }
                        synthesis = parsed
                    } catch {
                        issue("/final_synthesis/prompt_template", error.message)
                    }
                } else {
                    issue("/final_synthesis/prompt_template", "\"prompt_template\" must be a string, found \(template.shortDescription).")
                }
            } else if final.objectValue == nil {
                issue("/final_synthesis", "\"final_synthesis\" must be an object {\"prompt_template\": \"…\"}, found \(final.shortDescription).")
            }
        }

        if issues.isEmpty, let cycle = Self.findCycle(dependencies) {
            let names = cycle.map { drafts[$0].id ?? "#\($0)" }
            let shown: String
            if names.count > 12 {
                shown = (names.prefix(6) + ["…"] + names.suffix(5)).joined(separator: " → ") + " (\(names.count - 1) steps)"
            } else {
                shown = names.joined(separator: " → ")
            }
            // cycle[1] depends on cycle[0]: point at where that edge is written.
            issue(edgePaths[cycle[1]][cycle[0]] ?? "/steps/\(cycle[1])", "The steps form a cycle: \(shown). A plan must be a DAG.")
        }
        guard issues.isEmpty else { return nil }

        let steps = drafts.map { draft in
            PlanStep(index: draft.index, id: draft.id ?? "", tool: draft.tool, target: draft.target, kind: draft.kind,
                     arguments: draft.arguments, argumentsPath: draft.argumentsPath, references: draft.references,
                     dependencies: dependencies[draft.index], timeoutMs: draft.timeoutMs, retry: draft.retry,
                     priority: draft.priority, onError: draft.onError, idempotencyKey: draft.idempotencyKey)
        }
        return Plan(requestID: requestID, steps: steps, synthesis: synthesis, json: json)
    }

    private func unknownStep(_ id: String, from draft: Draft) -> String {
        "'\(id)', which is not a step of this plan\(suggestion(id).map { ". Did you mean '\($0)'?" } ?? ".")"
    }

    private func suggestion(_ id: String) -> String? {
        guard case .array(let steps)? = json["steps"] else { return nil }
        let ids = steps.compactMap { $0["id"]?.stringValue }
        return ids.min { ToolCatalog.editDistance(id, $0) < ToolCatalog.editDistance(id, $1) }
            .flatMap { ToolCatalog.editDistance(id, $0) <= 2 ? $0 : nil }
    }

    /// One cycle among the steps, as indices with the first repeated at the end; nil for a DAG.
    static func findCycle(_ dependencies: [[Int]]) -> [Int]? {
        // Kahn's algorithm removes everything not on or behind a cycle.
        let n = dependencies.count
        var dependents = [[Int]](repeating: [], count: n)
        var remaining = [Int](repeating: 0, count: n)
        for (step, deps) in dependencies.enumerated() {
            remaining[step] = deps.count
            for dep in deps { dependents[dep].append(step) }
        }
        var queue = (0..<n).filter { remaining[$0] == 0 }
        var head = 0
        while head < queue.count {
            let step = queue[head]
            head += 1
            for next in dependents[step] {
                remaining[next] -= 1
                if remaining[next] == 0 { queue.append(next) }
            }
        }
        guard queue.count < n else { return nil }
        // Walk dependencies among the leftovers until a step repeats.
        var start = (0..<n).first { remaining[$0] > 0 }!
        var seenAt: [Int: Int] = [:]
        var path: [Int] = []
        while seenAt[start] == nil {
            seenAt[start] = path.count
            path.append(start)
            start = dependencies[start].first { remaining[$0] > 0 }!
        }
        let cycle = Array(path[seenAt[start]!...])
        // Report it in the direction of the arrows a reader follows: a step, then what depends on it.
        return Array(cycle.reversed()) + [cycle.last!]
    }
}
