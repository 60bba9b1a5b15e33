// orch-bench plans DIR: the plan executor, end to end, on the plans make_plans.py writes.
//
// Each measured run does everything a caller of orch-mcp would do with a plan file: read it,
// parse it (OrchJSON), `PlanLoader.load` it (ids, tools, references, depends_on, cycle check,
// literal inputs against the tools' inputSchema), `PlanExecutor.run` it (resolved inputs and
// outputs checked against the schemas as the steps run) and write `RunResult.json` to bytes.

import Foundation
import OrchExecutor
import OrchJSON
import OrchPlan
import OrchSchema

private let planClock = ContinuousClock()

/// The plans, in the order they are measured: file stem, max concurrency, warm-up runs, measured runs.
private let benchPlans: [(name: String, maxConcurrency: Int, warmups: Int, runs: Int)] = [
    ("independent-10000", 16, 1, 5),
    ("chain-10000", 16, 1, 5),
    ("sleep-64", 64, 0, 3),
]

/// The bench catalog's function tools, with the schemas read from `bench-catalog.json`.
private func benchCatalog(_ dir: String) -> ToolCatalog {
    let path = dir + "/bench-catalog.json"
    let json: JSONValue
    do { json = try JSONValue(parsing: readFile(path)) } catch { fail("\(path): \(error)") }
    guard case .array(let entries)? = json["tools"] else { fail("\(path): no \"tools\" array") }
    var definitions: [String: ToolDefinition] = [:]
    for (i, entry) in entries.enumerated() {
        do {
            let definition = try ToolCatalog.definition(entry, source: path, path: "/tools/\(i)")
            definitions[definition.name] = definition
        } catch {
            fail("\(error)")
        }
    }
    guard let noop = definitions["noop"], let sleep = definitions["sleep_ms"] else {
        fail("\(path) must define the tools noop and sleep_ms")
    }
    var catalog = ToolCatalog.standard()
    do {
        try catalog.register(FunctionTool(noop, body: .sync(noopBody)))
        // The standard catalog has had a built-in sleep_ms (the same Task.sleep, the same
        // {"slept_ms"} output) since `orch-mcp serve`; the bench's own is for older ones.
        if catalog.tool(named: "sleep_ms") == nil {
            try catalog.register(FunctionTool(sleep, body: .async { input in
                guard let ms = input["ms"]?.intValue else { throw FunctionToolError("ms must be an integer") }
                try await Task.sleep(for: .milliseconds(ms))
                return ["slept_ms": .int(ms)]
            }))
        }
    } catch {
        fail("registering the bench tools: \(error)")
    }
    return catalog
}

/// `noop`: `{"n": input.n}`.
@Sendable private func noopBody(_ input: JSONValue) throws -> JSONValue {
    guard let n = input["n"] else { throw FunctionToolError("n is missing") }
    return ["n": n]
}

/// Seconds spent in each phase of one end-to-end run.
private struct Phases {
    var read = 0.0, parse = 0.0, load = 0.0, run = 0.0, write = 0.0
    var total: Double { read + parse + load + run + write }

    var json: JSONValue {
        ["read": rounded(read * 1000, 3), "parse": rounded(parse * 1000, 3), "load": rounded(load * 1000, 3),
         "run": rounded(run * 1000, 3), "write": rounded(write * 1000, 3)]
    }
}

private struct Outcome {
    var phases: Phases
    var result: RunResult
    var outBytes: Int
}

/// One end-to-end run of the plan file at `path`.
private func runOnce(_ path: String, loader: PlanLoader, executor: PlanExecutor) async -> Outcome {
    var phases = Phases()
    let t0 = planClock.now
    let data = readFile(path)
    let t1 = planClock.now
    let json: JSONValue
    do { json = try JSONValue(parsing: data) } catch { fail("\(path): \(error)") }
    let t2 = planClock.now
    let plan: Plan
    switch loader.load(json) {
    case .success(let loaded): plan = loaded
    case .failure(let error): fail("\(path): \(error)")
    }
    let t3 = planClock.now
    let result = await executor.run(plan)
    let t4 = planClock.now
    let bytes = result.json.jsonBytes()
    let t5 = planClock.now
    phases.read = seconds(t1 - t0)
    phases.parse = seconds(t2 - t1)
    phases.load = seconds(t3 - t2)
    phases.run = seconds(t4 - t3)
    phases.write = seconds(t5 - t4)
    return Outcome(phases: phases, result: result, outBytes: bytes.count)
}

/// Checks that the run did what the plan says; a benchmark of a broken run is worthless.
private func check(_ name: String, _ result: RunResult) {
    guard result.status == .succeeded else {
        let failed = result.steps.first { $0.status != .succeeded }
        fail("\(name): the run ended \(result.status.rawValue); first step not succeeded: \(failed.map { "\($0.id) \($0.status.rawValue) \($0.error?.description ?? "")" } ?? "?")")
    }
    for (i, step) in result.steps.enumerated() {
        let expected: JSONValue
        switch name {
        case "independent-10000": expected = ["n": .int(Int64(i))]
        case "chain-10000": expected = ["n": 0]
        default: expected = ["slept_ms": 200]
        }
        guard step.output == expected else {
            fail("\(name): step \(step.id) returned \(step.output?.description ?? "nothing"), expected \(expected)")
        }
    }
}

func benchPlansCommand(_ dir: String) async {
    let catalog = benchCatalog(dir)
    let loader = PlanLoader(catalog: catalog)
    var independentRunSeconds: Double?
    for spec in benchPlans {
        let path = "\(dir)/\(spec.name).json"
        let executor = PlanExecutor(catalog: catalog, maxConcurrency: spec.maxConcurrency)
        for _ in 0..<spec.warmups {
            let outcome = await runOnce(path, loader: loader, executor: executor)
            check(spec.name, outcome.result)
        }
        var best: Outcome?
        var bestRun = Double.infinity
        var worst = 0.0
        for _ in 0..<spec.runs {
            let outcome = await runOnce(path, loader: loader, executor: executor)
            check(spec.name, outcome.result)
            if best == nil || outcome.phases.total < best!.phases.total { best = outcome }
            bestRun = min(bestRun, outcome.phases.run)
            worst = max(worst, outcome.phases.total)
        }
        let outcome = best!
        let steps = outcome.result.steps.count
        if spec.name == "independent-10000" { independentRunSeconds = bestRun }
        emit([
            "bench": "plan", "plan": .string(spec.name), "impl": "orch-mcp",
            "seconds": rounded(outcome.phases.total, 6),
            "per_step_us": rounded(outcome.phases.total / Double(steps) * 1e6, 2),
            "steps": .int(Int64(steps)), "status": .string(outcome.result.status.rawValue),
            "max_concurrency": .int(Int64(spec.maxConcurrency)), "runs": .int(Int64(spec.runs)),
            "worst_seconds": rounded(worst, 6),
            "phases_ms": outcome.phases.json, "best_run_phase_ms": rounded(bestRun * 1000, 3),
            "out_bytes": .int(Int64(outcome.outBytes)),
        ])
    }

    // Per-step cost of the run phase on independent-10000, and what of it is the tool's own
    // work: the no-op body, and the outputSchema check the executor does on every output.
    guard let runSeconds = independentRunSeconds,
          case .success(let plan) = loader.load(try! JSONValue(parsing: readFile(dir + "/independent-10000.json"))),
          let outputSchema = catalog.tool(named: "noop")?.output
    else { fail("independent-10000: cannot measure the per-step overhead") }
    let inputs = plan.steps.map(\.arguments)
    let outputs = inputs.map { try! noopBody($0) }
    let (bodySeconds, _) = bestTime(minRuns: 5, maxRuns: 20, budget: 0.2) {
        var count = 0
        for input in inputs { if let out = try? noopBody(input), case .object(let o) = out { count &+= o.count } }
        return count
    }
    let (checkSeconds, _) = bestTime(minRuns: 5, maxRuns: 20, budget: 0.2) {
        var count = 0
        for output in outputs { count &+= outputSchema.validate(output).errors.count }
        return count
    }
    let n = Double(plan.steps.count)
    emit([
        "bench": "plan-overhead", "plan": "independent-10000", "impl": "orch-mcp",
        "run_us_per_step": rounded(runSeconds / n * 1e6, 3),
        "body_us_per_step": rounded(bodySeconds / n * 1e6, 3),
        "output_check_us_per_step": rounded(checkSeconds / n * 1e6, 3),
        "overhead_us_per_step": rounded((runSeconds - bodySeconds) / n * 1e6, 3),
        "scheduling_us_per_step": rounded((runSeconds - bodySeconds - checkSeconds) / n * 1e6, 3),
    ])
}
