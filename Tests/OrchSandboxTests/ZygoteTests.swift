import Foundation
import OrchJSON
import OrchPlan
import OrchSandbox
import OrchTesting
import Testing

extension SandboxTests {
    /// The fork server's life: it dies with its owner's request, is replaced, and steps meanwhile run cold.
    @Suite struct ZygoteTests {
        @Test func aDeadForkServerIsReplacedAndStepsRunColdMeanwhile() async throws {
            let sandbox = try Sandbox(mode: .warm)
            defer { sandbox.shutdown() }
            let first = try #require(sandbox.zygotePID)
            kill(first, SIGKILL)
            #expect(await ProcessTable.eventually { sandbox.zygotePID == nil || sandbox.zygotePID != first })
            let during = try await sandbox.run(code: "output = 'still served'", input: .null)
            #expect(during.output == .string("still served"))
            #expect(await ProcessTable.eventually(within: .seconds(10)) { sandbox.zygotePID.map { $0 != first } ?? false })
            let after = try await sandbox.run(code: "output = 2", input: .null)
            #expect(after.output == .int(2))
        }

        @Test func shutdownLeavesNoProcess() async throws {
            let sandbox = try Sandbox(mode: .warm)
            let zygote = try #require(sandbox.zygotePID)
            _ = try await sandbox.run(code: "output = 1", input: .null)
            let family = ProcessTable.children(of: zygote) + [zygote]
            let found = Dictionary(uniqueKeysWithValues: family.compactMap { pid in ProcessTable.stat(pid).map { (pid, $0.startTime) } })
            sandbox.shutdown()
            // At once, not eventually: the zygote reaps its spares before it exits, and shutdown()
            // returns once the zygote is reaped (zombies left to init would still show here).
            #expect(ProcessTable.survivors(found).isEmpty, "left: \(ProcessTable.survivors(found))")
        }

        @Test func thePolicyCompilesForThisArchitecture() async throws {
            let ran = try await Harness.runner(["check-policy"])
            #expect(ran.signal == 0 && ran.exitCode == 0, "\(ran.stderr)")
            #expect(ran.stdout.range(of: #"^policy: \d+ BPF instructions without threads, \d+ with; 0 names not on this architecture\n$"#,
                                     options: .regularExpression) != nil, "stdout: \(ran.stdout)")
        }

        @Test func theRunnerIsFoundOrNamed() throws {
            let error = #expect(throws: StepError.self) { try Sandbox.locate(explicit: "/nonexistent/orch-sandbox") }
            #expect(error?.message.contains("/nonexistent/orch-sandbox") == true)
            #expect(try Sandbox.locate().hasSuffix("orch-sandbox"))
        }
    }
}
