// orch-bench: the Swift side of the side-by-side benchmark (see Benchmarks/README.md).
//
//   orch-bench schema DIR   Schema.validate / Schema.isValid on the three instances in DIR
//   orch-bench json FILE    parse and write FILE: OrchJSON vs Foundation's JSONSerialization
//   orch-bench plans DIR    the plan executor end to end (read, parse, load, run, write the
//                           result) on the plans Benchmarks/data/make_plans.py writes into DIR
//   orch-bench mcp PIPE_ECHO [ECHO_SERVER]   MCP tools/call round trips, orch-mcp's client
//                           against echo-server, and the raw pipe floor (MCPBench.swift)
//   orch-bench sandbox [WARM_STEPS COLD_STEPS]   code steps through orch-sandbox, warm and
//                           cold (SandboxBench.swift)
//   orch-bench schema-count DIR N   validate the full instance N times, untimed: for
//                           `valgrind --tool=callgrind`, whose instruction counts do not
//                           depend on what else the machine is doing
//
// stdout carries one JSON object per line per measurement and nothing else; diagnostics go
// to stderr (set BENCH_VERBOSE=1 to list the validation errors found).
// BENCH_SECONDS overrides the ~1 s measured per schema measurement.

import Foundation
import OrchJSON
import OrchSchema

// MARK: Plumbing

func fail(_ message: String, code: Int32 = 1) -> Never {
    FileHandle.standardError.write(Data("orch-bench: \(message)\n".utf8))
    exit(code)
}

func note(_ message: String) {
    FileHandle.standardError.write(Data("\(message)\n".utf8))
}

func emit(_ line: JSONValue) {
    print(line.description)
}

func seconds(_ d: Duration) -> Double {
    let c = d.components
    return Double(c.seconds) + Double(c.attoseconds) * 1e-18
}

func rounded(_ x: Double, _ places: Int = 1) -> JSONValue {
    let scale = pow(10.0, Double(places))
    return .double((x * scale).rounded() / scale)
}

func readFile(_ path: String) -> Data {
    guard let data = FileManager.default.contents(atPath: path) else { fail("cannot read \(path)") }
    return data
}

/// Whatever the timed closures return is added up here and looked at once at the end,
/// so the optimizer cannot drop the work being timed.
nonisolated(unsafe) var checksum = 0

let clock = ContinuousClock()
let measureSeconds = ProcessInfo.processInfo.environment["BENCH_SECONDS"].flatMap(Double.init) ?? 1.0

struct Rate {
    var best: Double      // operations per second in the best slice
    var iterations: Int   // operations timed, all slices
    var seconds: Double   // time measured, all slices
}

/// Warms up for ~0.2 s, then measures for ~`total` seconds split into `slices`; returns the
/// best slice's rate. Calls are batched so that reading the clock costs next to nothing.
func measureRate(total: Double = measureSeconds, slices: Int = 5, _ body: () -> Int) -> Rate {
    var sum = 0
    // Warm-up, growing the batch until one batch takes >= 2 ms.
    var batch = 1
    let warmupStart = clock.now
    while true {
        let t0 = clock.now
        for _ in 0..<batch { sum &+= body() }
        let took = seconds(clock.now - t0)
        if took < 0.002 { batch *= 2 }
        if seconds(clock.now - warmupStart) >= 0.2 && took >= 0.002 { break }
        if seconds(clock.now - warmupStart) >= 2.0 { break }
    }
    let slice = total / Double(slices)
    var rate = Rate(best: 0, iterations: 0, seconds: 0)
    for _ in 0..<slices {
        var ops = 0
        let t0 = clock.now
        var elapsed = 0.0
        repeat {
            for _ in 0..<batch { sum &+= body() }
            ops += batch
            elapsed = seconds(clock.now - t0)
        } while elapsed < slice
        rate.iterations += ops
        rate.seconds += elapsed
        rate.best = max(rate.best, Double(ops) / elapsed)
    }
    checksum &+= sum
    return rate
}

/// Best single-run throughput: two warm-up runs, then at least `minRuns` runs and about
/// `budget` seconds (capped at `maxRuns`). Returns (best seconds per run, runs).
func bestTime(minRuns: Int = 5, maxRuns: Int = 200, budget: Double = 0.8, _ body: () -> Int) -> (Double, Int) {
    var sum = 0
    for _ in 0..<2 { sum &+= body() }
    var best = Double.infinity
    var runs = 0
    let start = clock.now
    while runs < maxRuns && (runs < minRuns || seconds(clock.now - start) < budget) {
        let t0 = clock.now
        sum &+= body()
        best = min(best, seconds(clock.now - t0))
        runs += 1
    }
    checksum &+= sum
    return (best, runs)
}

// MARK: schema DIR

func benchSchema(_ dir: String) {
    let schemaJSON: JSONValue
    do { schemaJSON = try JSONValue(parsing: readFile(dir + "/tool-input.schema.json")) } catch {
        fail("tool-input.schema.json: \(error)")
    }
    let schema: Schema
    do { schema = try Schema(schemaJSON) } catch { fail("the schema does not compile: \(error)") }

    let verbose = ProcessInfo.processInfo.environment["BENCH_VERBOSE"] != nil
    for (name, file) in [("full", "instance-full.json"), ("minimal", "instance-minimal.json"),
                         ("nine-errors", "instance-nine-errors.json")] {
        let instance: JSONValue
        do { instance = try JSONValue(parsing: readFile(dir + "/" + file)) } catch { fail("\(file): \(error)") }
        let result = schema.validate(instance)
        let valid = schema.isValid(instance)
        if valid != result.valid { fail("\(file): isValid says \(valid), validate says \(result.valid)") }
        if verbose { for e in result.errors { note("orch-mcp \(name): \(e.description)") } }

        for mode in ["all_errors", "is_valid"] {
            let rate = mode == "all_errors"
                ? measureRate { schema.validate(instance).errors.count }
                : measureRate { schema.isValid(instance) ? 1 : 0 }
            emit([
                "bench": "schema", "instance": .string(name), "impl": "orch-mcp",
                "mode": .string(mode), "api": .string(mode == "all_errors" ? "Schema.validate" : "Schema.isValid"),
                "ops_per_s": rounded(rate.best), "errors": .int(Int64(result.errors.count)), "valid": .bool(valid),
                "iterations": .int(Int64(rate.iterations)), "seconds": rounded(rate.seconds, 3),
            ])
        }
    }
}

// MARK: json FILE

func benchJSON(_ path: String) {
    let data = readFile(path)
    let bytes = [UInt8](data)
    let megabytes = Double(bytes.count) / 1_000_000

    // Both sides must read the document before anything is timed.
    let value: JSONValue
    do { value = try JSONParser().parse(bytes) } catch { fail("OrchJSON cannot parse \(path): \(error)") }
    let object: Any
    do { object = try JSONSerialization.jsonObject(with: data) } catch {
        fail("JSONSerialization cannot parse \(path): \(error)")
    }
    let orchOut = value.jsonBytes().count
    let foundationOut: Int
    do { foundationOut = try JSONSerialization.data(withJSONObject: object).count } catch {
        fail("JSONSerialization cannot write the document: \(error)")
    }
    // The writer's output must read back as the same document.
    guard (try? JSONParser().parse(value.jsonBytes())) == value else { fail("OrchJSON output does not round-trip") }

    func report(_ op: String, _ impl: String, _ api: String, _ timing: (Double, Int), outBytes: Int?) {
        var line: JSONValue = [
            "bench": "json", "op": .string(op), "impl": .string(impl), "api": .string(api),
            "mb_per_s": rounded(megabytes / timing.0), "best_ms": rounded(timing.0 * 1000, 3),
            "runs": .int(Int64(timing.1)), "file_bytes": .int(Int64(bytes.count)),
        ]
        if let outBytes, case .object(var o) = line {
            o["out_bytes"] = .int(Int64(outBytes))
            line = .object(o)
        }
        emit(line)
    }

    let parser = JSONParser()
    report("parse", "OrchJSON", "JSONParser.parse([UInt8])", bestTime {
        guard let v = try? parser.parse(bytes) else { return -1 }
        return v.arrayValue?.count ?? 0
    }, outBytes: nil)
    report("parse", "JSONSerialization", "JSONSerialization.jsonObject(with:)", bestTime {
        guard let o = try? JSONSerialization.jsonObject(with: data) else { return -1 }
        return (o as? [Any])?.count ?? 0
    }, outBytes: nil)
    report("write", "OrchJSON", "JSONValue.jsonBytes()", bestTime {
        value.jsonBytes().count
    }, outBytes: orchOut)
    report("write", "JSONSerialization", "JSONSerialization.data(withJSONObject:)", bestTime {
        (try? JSONSerialization.data(withJSONObject: object))?.count ?? -1
    }, outBytes: foundationOut)
}

// MARK: main

let arguments = CommandLine.arguments
let usage = "usage: orch-bench schema DIR | orch-bench json FILE | orch-bench plans DIR | orch-bench mcp PIPE_ECHO [ECHO_SERVER] | orch-bench sandbox [WARM_STEPS COLD_STEPS] | orch-bench schema-count DIR N"
if arguments.count == 4, arguments[1] == "schema-count", let n = Int(arguments[3]) {
    do {
        let schema = try Schema(try JSONValue(parsing: readFile(arguments[2] + "/tool-input.schema.json")))
        let instance = try JSONValue(parsing: readFile(arguments[2] + "/instance-full.json"))
        for _ in 0..<n { checksum &+= schema.validate(instance).errors.count }
    } catch {
        fail("\(error)")
    }
    exit(0)
}
if arguments.count >= 2, arguments[1] == "sandbox" {
    await benchSandboxCommand(Array(arguments.dropFirst(2)))
    exit(0)
}
if arguments.count >= 3, arguments[1] == "mcp" {
    await benchMCPCommand(Array(arguments.dropFirst(2)))
    exit(0)
}
guard arguments.count == 3 else { fail(usage, code: 2) }
switch arguments[1] {
case "schema": benchSchema(arguments[2])
case "json": benchJSON(arguments[2])
case "plans": await benchPlansCommand(arguments[2])
default: fail(usage, code: 2)
}
if checksum == Int.min { note("checksum \(checksum)") }
