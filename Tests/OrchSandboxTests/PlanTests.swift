import Foundation
import OrchExecutor
import OrchJSON
import OrchPlan
import OrchSandbox
import OrchTesting
import Testing

extension SandboxTests {
    /// code_exec steps in plans: the limits syntax is checked with JSON paths, limits apply per
    /// step, and the example plan runs end to end through the built orch-mcp.
    @Suite struct PlanTests {
        static let loader = PlanLoader(catalog: ToolCatalog.standard(), options: .init(codeSteps: true))

        static func plan(_ input: JSONValue, timeoutMs: Int? = nil) -> JSONValue {
            var step: JSONObject = ["id": "code", "tool": "code_exec", "input": input]
            if let timeoutMs { step["timeout_ms"] = .int(Int64(timeoutMs)) }
            return ["steps": [.object(step)]]
        }

        @Test func validLimitsPass() {
            let issues = Self.loader.validate(Self.plan(["code": "output = 1", "limits": ["cpu_seconds": 2, "memory_mb": 128, "output_bytes": 1000, "logs_bytes": 100, "allow_threads": true]]))
            #expect(issues.isEmpty, "\(issues)")
        }

        static let badLimits: [(JSONValue, String)] = [
            (["cpu_seconds": 0], "/steps/0/input/limits/cpu_seconds"),
            (["memory_mb": "512"], "/steps/0/input/limits/memory_mb"),
            (["allow_threads": 1], "/steps/0/input/limits/allow_threads"),
            (["cpu_second": 1], "/steps/0/input/limits/cpu_second"),
            ("fast", "/steps/0/input/limits"),
        ]

        @Test(arguments: badLimits)
        func badLimitsAreReportedWithTheirPath(limits: JSONValue, path: String) {
            let issues = Self.loader.validate(Self.plan(["code": "output = 1", "limits": limits]))
            #expect(issues.map(\.path) == [path], "\(issues)")
        }

        @Test func aTypoInTheLimitsIsNamed() {
            let issues = Self.loader.validate(Self.plan(["code": "output = 1", "limits": ["cpu_second": 1]]))
            #expect(issues.first?.message.contains("Did you mean 'cpu_seconds'?") == true, "\(issues)")
        }

        @Test func codeStepsNeedTheSandbox() {
            let without = PlanLoader(catalog: ToolCatalog.standard())
            #expect(without.validate(Self.plan(["code": "output = 1"])).first?.path == "/steps/0/tool")
        }

        @Test func stepLimitsAndTimeoutApply() async throws {
            let executor = PlanExecutor(catalog: ToolCatalog.standard(), code: Harness.warm)
            let plan = try Self.loader.load(["steps": [
                ["id": "slow", "tool": "code_exec", "timeout_ms": 300, "on_error": "continue", "input": ["code": .string("t = \(Harness.builtin("time"))\nt.sleep(60)")]],
                ["id": "big", "tool": "code_exec", "on_error": "continue", "input": ["code": "output = 'x' * 500", "limits": ["output_bytes": 100]]],
                ["id": "sum", "tool": "code_exec", "input": ["code": "print('adding')\noutput = {'total': sum(input['values'])}", "input_data": ["values": [1, 2, 3]]]],
                ["id": "next", "tool": "code_exec", "input": ["code": "output = input * 10", "input_data": "step:sum.output.total"]],
            ]]).get()
            let result = await executor.run(plan)
            var steps: [String: StepResult] = [:]
            for step in result.steps { steps[step.id] = step }
            #expect(steps["slow"]?.error?.code == .timeout)
            #expect(steps["big"]?.error?.code == .outputLimit)
            #expect(steps["sum"]?.output == ["output": ["total": 6], "logs": "adding\n", "logs_truncated": false])
            #expect(steps["next"]?.output?["output"] == JSONValue.int(60))
        }

        @Test func theExamplePlanRunsThroughTheCLI() async throws {
            let plan = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent("catalogs/examples/code-step.plan.json")
            for mode in ["warm", "cold"] {
                let ran = try await offPool { try ProcessRun.run(Harness.orchMCP, ["run", "--json", "--sandbox", mode, plan.path]) }
                let data = Data(ran.stdout.utf8)
                let status = ran.status
                let json = try JSONParser().parse(Array(data))
                #expect(status == 0, "\(String(decoding: data, as: UTF8.self))")
                #expect(json["steps"]?["sum"]?["output"]?["output"] == ["total": 60], "\(mode): \(String(decoding: data, as: UTF8.self))")
            }
        }
    }
}
