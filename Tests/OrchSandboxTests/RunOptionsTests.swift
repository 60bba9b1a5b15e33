import Foundation
import OrchJSON
import OrchTesting
import Testing

extension SandboxTests {
    /// The run's sandbox options and a plan step's limits reach the steps, through the built orch-mcp.
    @Suite struct RunOptionsTests {
        /// Runs `orch-mcp run --json ARGUMENTS PLAN` on `plan` written to a temporary file: the
        /// exit status, stdout and stderr.
        static func run(_ arguments: [String], plan: JSONValue) async throws -> (status: Int32, stdout: String, stderr: String) {
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("orch-run-options-\(UUID().uuidString).plan.json")
            try Data(JSONWriter().bytes(plan)).write(to: file)
            defer { try? FileManager.default.removeItem(at: file) }
            let ran = try await offPool { try ProcessRun.run(Harness.orchMCP, ["run", "--json"] + arguments + [file.path]) }
            return (ran.status, ran.stdout, ran.stderr)
        }

        static func step(_ id: String, _ code: String, limits: JSONValue? = nil) -> JSONValue {
            var input: JSONObject = ["code": .string(code)]
            if let limits { input["limits"] = limits }
            return ["id": .string(id), "tool": "code_exec", "input": .object(input)]
        }

        @Test(arguments: ["warm", "cold"])
        func theRunsMemoryLimitReachesTheSteps(mode: String) async throws {
            let plan: JSONValue = ["steps": [Self.step("big", "x = bytearray(100 << 20)\noutput = len(x)")]]
            let limited = try await Self.run(["--sandbox", mode, "--sandbox-memory-mb", "64"], plan: plan)
            let json = try JSONParser().parse(Array(limited.stdout.utf8))
            #expect(limited.status == 1, "\(limited.stdout) \(limited.stderr)")
            #expect(json["steps"]?["big"]?["error"]?["code"] == "memory_limit", "\(limited.stdout)")
            #expect(json["steps"]?["big"]?["error"]?["message"]?.stringValue?.contains("memory_mb = 64 MiB") == true, "\(limited.stdout)")
            // The same step fits in the default 512 MiB: the option, not the step, made it fail.
            let fits = try await Self.run(["--sandbox", mode], plan: plan)
            let fitsJSON = try JSONParser().parse(Array(fits.stdout.utf8))
            #expect(fits.status == 0, "\(fits.stdout) \(fits.stderr)")
            #expect(fitsJSON["steps"]?["big"]?["output"]?["output"] == .int(100 << 20), "\(fits.stdout)")
        }

        @Test(arguments: [("--sandbox-cpu", "0", "--sandbox-cpu must be from 1 to 3600, not 0."),
                          ("--sandbox-memory-mb", "65537", "--sandbox-memory-mb must be from 1 to 65536, not 65537.")])
        func invalidLimitOptionsExitWithStatus2(option: String, value: String, message: String) async throws {
            let plan: JSONValue = ["steps": [Self.step("one", "output = 1")]]
            let result = try await Self.run([option, value], plan: plan)
            #expect(result.status == 2, "\(result.stdout) \(result.stderr)")
            #expect(result.stderr.contains(message), "\(result.stderr)")
            #expect(result.stdout.isEmpty, "\(result.stdout)")
        }

        @Test func aStepsAllowThreadsLetsItStartAThreadWhileTheDefaultRefuses() async throws {
            let code = "t = \(Harness.builtin("_thread"))\nlock = t.allocate_lock()\nlock.acquire()\nt.start_new_thread(lock.release, ())\nlock.acquire()\noutput = 'threaded'"
            // Two runs: in one run a failed step cancels the steps still running.
            let allowed = try await Self.run([], plan: ["steps": [Self.step("allowed", code, limits: ["allow_threads": true])]])
            let allowedJSON = try JSONParser().parse(Array(allowed.stdout.utf8))
            #expect(allowed.status == 0, "\(allowed.stdout) \(allowed.stderr)")
            #expect(allowedJSON["steps"]?["allowed"]?["output"]?["output"] == "threaded", "\(allowed.stdout)")
            let refused = try await Self.run([], plan: ["steps": [Self.step("refused", code)]])
            let refusedJSON = try JSONParser().parse(Array(refused.stdout.utf8))
            #expect(refused.status == 1, "\(refused.stdout) \(refused.stderr)")
            #expect(refusedJSON["steps"]?["refused"]?["error"]?["code"] == "sandbox_violation", "\(refused.stdout)")
        }
    }
}
