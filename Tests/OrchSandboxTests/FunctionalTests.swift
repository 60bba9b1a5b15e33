import Foundation
import OrchJSON
import OrchPlan
import OrchSandbox
import Testing

extension SandboxTests {
    /// The allowed modules work, and results, logs and errors come back as documented.
    @Suite struct FunctionalTests {
        @Test func sumsTheInput() async throws {
            let values: [JSONValue] = (1...100).map { .int(Int64($0)) }
            for sandbox in [Harness.warm, Harness.cold] {
                let result = try await Harness.run("output = {'total': sum(input['values'])}", input: ["values": .array(values)], on: sandbox).get()
                #expect(result.output == ["total": 5050])
            }
        }

        static let moduleCases: [(String, JSONValue)] = [
            ("import datetime\noutput = datetime.datetime.strptime('2024-03-05 07:08', '%Y-%m-%d %H:%M').isoformat()", JSONValue.string("2024-03-05T07:08:00")),
            ("from collections import Counter\noutput = Counter('abracadabra').most_common(2)", [["a", 5], ["b", 2]]),
            ("from decimal import Decimal\noutput = str(Decimal('0.1') + Decimal('0.2'))", "0.3"),
            ("import statistics\noutput = [statistics.mean([1, 2, 3, 4]), statistics.median([3, 1, 2])]", [2.5, 2]),
            ("import re\noutput = re.findall(r'\\d+', 'a1 b22 c333')", ["1", "22", "333"]),
            ("import json, math, fractions, itertools, functools, operator, heapq, bisect, string, textwrap, random, copy\noutput = [math.gcd(12, 18), str(fractions.Fraction(1, 3) * 3), list(itertools.accumulate([1, 2, 3])), functools.reduce(operator.mul, [1, 2, 3, 4]), heapq.nsmallest(1, [3, 1, 2]), bisect.bisect([1, 2, 4], 3), string.ascii_lowercase[:3], textwrap.shorten('a b c d e f', 7), len(copy.deepcopy([[1]])), 0 <= random.random() < 1, json.loads('[1]')]",
             [6, "1", [1, 3, 6], 24, [1], 2, "abc", "a [...]", 1, true, [1]]),
            ("import datetime\noutput = datetime.date(2024, 2, 29).strftime('%A %d %B')", "Thursday 29 February"),
        ]

        @Test(arguments: moduleCases)
        func allowedModulesWork(code: String, expected: JSONValue) async throws {
            let result = await Harness.run(code)
            #expect(result.output == expected, "\(result.message)")
        }

        @Test func strptimeWorksColdToo() async throws {
            let result = await Harness.run("import datetime\noutput = datetime.datetime.strptime('05/03/2024', '%d/%m/%Y').month", on: Harness.cold)
            #expect(result.output == .int(3), "\(result.message)")
        }

        @Test func importsOutsideTheAllowlistSayWhich() async {
            let result = await Harness.run("import os")
            #expect(result.code == "code_error")
            #expect(result.message.contains("ImportError: module 'os' is not available in code steps (line 1)"), "\(result.message)")
            let nested = await Harness.run("x = 1\nfrom os import path")
            #expect(nested.message.contains("module 'os' is not available") && nested.message.contains("line 2"), "\(nested.message)")
        }

        @Test func printsBecomeLogs() async throws {
            let result = try await Harness.run("print('hello', 42)\nprint('é')\noutput = None").get()
            #expect(result.logs == "hello 42\né\n")
            #expect(!result.logsTruncated)
            #expect(result.output == .null)
            var limits = Harness.small
            limits.logsBytes = 10
            let cut = try await Harness.run("print('0123456789abcdef')\noutput = 1", limits: limits).get()
            #expect(cut.logsTruncated)
            #expect(cut.logs == "0123456789\n[logs truncated at 10 characters]")
        }

        @Test func codeErrorsNameTheExceptionAndTheLine() async {
            let result = await Harness.run("a = 1\nb = {}\nc = b['missing']\n")
            #expect(result.code == "code_error")
            #expect(result.message.contains("code_error: KeyError: 'missing' (line 3)"), "\(result.message)")
            let inFunction = await Harness.run("def f(x):\n    return 1 / x\n\noutput = f(0)")
            #expect(inFunction.message.contains("code_error: ZeroDivisionError: division by zero (line 2)"), "\(inFunction.message)")
            let syntax = await Harness.run("x = (1,\ny = 2")
            #expect(syntax.code == "code_error" && syntax.message.contains("code_error: SyntaxError"), "\(syntax.message)")
            let logged = await Harness.run("print('before')\nraise ValueError('bad value')")
            #expect(logged.message.contains("ValueError: bad value (line 2)") && logged.message.contains("before"), "\(logged.message)")
        }

        @Test func outputMustBeJSON() async {
            for code in ["output = {1, 2}", "output = float('nan')", "output = object()", "output = {'a': b'bytes'}"] {
                let result = await Harness.run(code)
                #expect(result.code == "invalid_output", "\(code): \(result.message)")
            }
            let tuple = await Harness.run("output = (1, 'a', None, True, 2.5)")
            #expect(tuple.output == [1, "a", .null, true, 2.5])
        }

        @Test func outputOverItsLimitFails() async {
            var limits = Harness.small
            limits.outputBytes = 100
            let result = await Harness.run("output = 'x' * 200", limits: limits)
            #expect(result.code == "output_limit", "\(result.message)")
            let fits = await Harness.run("output = 'x' * 50", limits: limits)
            #expect(fits.output == .string(String(repeating: "x", count: 50)))
        }

        @Test func inputIsBoundAndBuiltinsAreRestricted() async {
            let result = await Harness.run("output = [input['a'], 'open' in dir(__builtins__) if not isinstance(__builtins__, dict) else 'open' in __builtins__]", input: ["a": [1, 2]])
            #expect(result.output == [[1, 2], false], "\(result.message)")
        }

        @Test func manyStepsAtOnce() async throws {
            let outputs = try await withThrowingTaskGroup(of: JSONValue.self) { group in
                for i in 0..<12 {
                    group.addTask { try await Harness.run("output = input * 2", input: .int(Int64(i))).get().output }
                }
                var all: [JSONValue] = []
                for try await output in group { all.append(output) }
                return all
            }
            #expect(Set(outputs.compactMap(\.intValue)) == Set((0..<12).map { Int64($0 * 2) }))
        }

        @Test func cancellingAStepKillsItsChild() async {
            let task = Task { await Harness.run("t = \(Harness.builtin("time"))\nt.sleep(3600)", limits: SandboxLimits(wallMs: 60_000)) }
            try? await Task.sleep(for: .milliseconds(150))
            let started = ContinuousClock.now
            task.cancel()
            let result = await task.value
            #expect(result.code == "cancelled", "\(result.message)")
            // Not the 60 s wall limit: a fraction of a second when idle, seconds on a loaded machine.
            #expect(ContinuousClock.now - started < .seconds(15))
        }
    }
}
