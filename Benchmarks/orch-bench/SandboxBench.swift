// orch-bench sandbox [WARM_STEPS COLD_STEPS]: one code step, `output = {'total': sum(input['values'])}`
// with 100 values, run one after another through OrchSandbox.Sandbox: warm (the fork server;
// a fresh child per step with the full filter and limits) and cold (`orch-sandbox run` per
// step). Per-step wall time from the call to the checked result, child reaped.
// One JSON line per mode: {"bench": "sandbox", "impl", "steps", "p50_ms", "p99_ms", "mean_ms", "min_ms"}.

import Foundation
import OrchJSON
import OrchPlan
import OrchSandbox

func benchSandboxCommand(_ arguments: [String]) async {
    let warmSteps = arguments.first.flatMap(Int.init) ?? 1000
    let coldSteps = arguments.dropFirst().first.flatMap(Int.init) ?? 150
    let code = "output = {'total': sum(input['values'])}"
    let input: JSONValue = ["values": .array((1...100).map { .int(Int64($0)) })]
    for (mode, steps) in [(Sandbox.Mode.warm, warmSteps), (.cold, coldSteps)] where steps > 0 {
        let sandbox: Sandbox
        do {
            sandbox = try Sandbox(mode: mode)
        } catch {
            fail("the \(mode) sandbox did not start: \(error)")
        }
        var times: [Double] = []
        times.reserveCapacity(steps)
        for i in 0..<(steps + 20) {
            let start = clock.now
            do throws(StepError) {
                let result = try await sandbox.run(code: code, input: input)
                guard result.output == ["total": 5050] else { fail("\(mode): wrong output \(result.output)") }
            } catch {
                fail("\(mode): the step failed: \(error)")
            }
            if i >= 20 { times.append(seconds(clock.now - start) * 1000) }  // the first 20 warm up
        }
        sandbox.shutdown()
        times.sort()
        func percentile(_ p: Double) -> Double { times[min(times.count - 1, Int((Double(times.count) * p).rounded(.down)))] }
        emit(["bench": "sandbox", "impl": .string("orch-mcp \(mode.rawValue)"), "steps": .int(Int64(steps)),
              "p50_ms": rounded(percentile(0.5), 3), "p99_ms": rounded(percentile(0.99), 3),
              "mean_ms": rounded(times.reduce(0, +) / Double(times.count), 3), "min_ms": rounded(times[0], 3)])
    }
}
