// orch-bench mcp PIPE_ECHO [ECHO_SERVER]: MCP tools/call round trips over stdio with
// orch-mcp's client (`MCPClient`) against orch-mcp's server runtime (`echo-server`, by default
// the one next to this executable), and the floor: raw JSON-line round trips through a C
// child that writes every line straight back (`PIPE_ECHO`, Benchmarks/floor/pipe_echo.c),
// timed with blocking reads and writes on one thread, no Swift concurrency in the loop.
//
//   floor        20,000 round trips of a 64-byte JSON line (and of a line as long as the MCP
//                request): p50 / p99 us
//   sequential   10,000 `echo` calls, one after the other, 64-byte text: p50 / p99 us, calls/s
//   inflight16   groups of 16 concurrent calls (a task group, awaited as a whole, like
//                asyncio.gather), repeated: calls/s; also a sliding window of 16: calls/s
//   cold_start   spawn -> first tools/call answer, ms, median of 20: era pinned modern (the
//                client still sends server/discover, it just does not fall back) and the probe
//                path (era not pinned; against a modern server the probe is that same discover)
//   rss          the server's VmRSS after the sequential and in-flight runs
//
// One JSON object per measurement on stdout. Runs in a detached task, as a host's callers do.
// For profiling: BENCH_MCP_PARTS=floor,sequential,inflight,cold picks parts (default all);
// BENCH_MCP_CALLS, BENCH_MCP_INFLIGHT_CALLS and BENCH_MCP_COLD set the counts.

import Foundation
import Glibc
import OrchJSON
import OrchMCP

private let mcpClock = ContinuousClock()
private let echoText = String(repeating: "x", count: 64)

private func microseconds(_ d: Duration) -> Double { seconds(d) * 1e6 }

/// Nearest-rank percentile of sorted values (the same rule as mcp_client_bench.py).
private func percentile(_ sorted: [Double], _ p: Double) -> Double {
    let rank = Int((p / 100 * Double(sorted.count) + 0.5).rounded()) - 1
    return sorted[max(0, min(sorted.count - 1, rank))]
}

private func median(_ values: [Double]) -> Double {
    let s = values.sorted()
    return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
}

private func rssKiB(_ pid: Int32) -> Int {
    guard let text = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return -1 }
    for line in text.split(separator: "\n") where line.hasPrefix("VmRSS:") {
        return Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "") ?? -1
    }
    return -1
}

private func echoCall(_ client: MCPClient) async -> Bool {
    guard let result = try? await client.callTool("echo", arguments: ["text": .string(echoText)]) else { return false }
    return result["content"]?[0]?["text"]?.stringValue == echoText && result["isError"] == false
}

private func connect(_ path: String, era: MCPClient.Era?) async -> MCPClient {
    var options = MCPClient.Options()
    options.era = era
    do {
        return try await MCPClient.connect(ServerLaunch(name: "echo-server", command: path), options: options)
    } catch {
        fail("cannot connect to \(path): \(error)")
    }
}

// MARK: floor

/// Round trips of `line` through the pipe-echo child, on a dedicated thread with blocking I/O.
private func floorRoundTrips(_ path: String, line: [UInt8], count: Int) async -> [Double] {
    let process: ServerProcess
    do { process = try ServerProcess.spawn(ServerLaunch(name: "pipe-echo", command: path)) } catch {
        fail("cannot start \(path): \(error)")
    }
    let stdinFD = process.stdinFD, stdoutFD = process.stdoutFD
    let latencies: [Double] = await withCheckedContinuation { continuation in
        startThread(name: "floor") {
            let writer = FrameWriter(fd: stdinFD)
            var reader = FrameReader(fd: stdoutFD)
            var samples: [Double] = []
            samples.reserveCapacity(count)
            let expected = line.dropLast()
            for i in 0..<(count + 1000) {
                let t0 = mcpClock.now
                guard writer.write(line), case .line(let answer)? = reader.next(), answer.elementsEqual(expected) else {
                    fail("pipe-echo did not echo the line")
                }
                if i >= 1000 { samples.append(microseconds(mcpClock.now - t0)) }  // 1,000 warm-up trips
            }
            continuation.resume(returning: samples)
        }
    }
    _ = await process.terminate(grace: .milliseconds(500))
    return latencies.sorted()
}

// MARK: mcp

func benchMCPCommand(_ arguments: [String]) async {
    guard let pipeEcho = arguments.first else { fail("usage: orch-bench mcp PIPE_ECHO [ECHO_SERVER]", code: 2) }
    let echoServer = arguments.count > 1 ? arguments[1]
        : URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent().appendingPathComponent("echo-server").path
    let env = ProcessInfo.processInfo.environment
    let sequentialCalls = env["BENCH_MCP_CALLS"].flatMap(Int.init) ?? 10_000
    let inflightCalls = env["BENCH_MCP_INFLIGHT_CALLS"].flatMap(Int.init) ?? 32_000
    let coldRuns = env["BENCH_MCP_COLD"].flatMap(Int.init) ?? 20
    let parts = Set((env["BENCH_MCP_PARTS"] ?? "floor,sequential,inflight,cold").split(separator: ",").map(String.init))

    // The floor. The first line is the 64-byte JSON line; the second is as long as the MCP
    // client's tools/call request line for the same call (about 330 bytes).
    let small = Array(#"{"jsonrpc":"2.0","id":1,"result":{"text":"xxxxxxxxxxxxxxxxxxx"}}"#.utf8) + [0x0A]
    precondition(small.count == 65)  // 64 bytes + newline
    let meta: JSONValue = [
        "io.modelcontextprotocol/protocolVersion": "2026-07-28",
        "io.modelcontextprotocol/clientCapabilities": [:],
        "io.modelcontextprotocol/clientInfo": ["name": "orch-mcp", "version": "0.1.0"],
    ]
    let requestLine = JSONRPCMessage.request(id: .int(12345), method: "tools/call",
                                             params: ["name": "echo", "arguments": ["text": .string(echoText)], "_meta": meta]).line
    for (label, line) in [("64B", small), ("mcp-request-size", requestLine)] where parts.contains("floor") {
        let floor = await floorRoundTrips(pipeEcho, line: line, count: 20_000)
        emit([
            "bench": "mcp", "impl": "floor", "case": "floor", "line": .string(label), "line_bytes": .int(Int64(line.count)),
            "round_trips": .int(Int64(floor.count)),
            "p50_us": rounded(percentile(floor, 50), 2), "p99_us": rounded(percentile(floor, 99), 2),
            "round_trips_per_s": rounded(Double(floor.count) / (floor.reduce(0, +) / 1e6)),
        ])
    }

    await Task.detached {
        if parts.contains("sequential") || parts.contains("inflight") {
            await benchCalls(echoServer, sequential: parts.contains("sequential") ? sequentialCalls : 0,
                             inflight: parts.contains("inflight") ? inflightCalls : 0)
        }
        if parts.contains("cold") { await benchColdStart(echoServer, runs: coldRuns) }
    }.value
}

/// Sequential and in-flight calls on one connection, era pinned modern; then the server's RSS.
private func benchCalls(_ echoServer: String, sequential: Int, inflight: Int) async {
    let client = await connect(echoServer, era: .modern)
    for _ in 0..<1000 where !(await echoCall(client)) { fail("echo-server did not echo") }
    if sequential > 0 {
        var latencies: [Double] = []
        latencies.reserveCapacity(sequential)
        let start = mcpClock.now
        for _ in 0..<sequential {
            let t0 = mcpClock.now
            guard await echoCall(client) else { fail("echo-server did not echo") }
            latencies.append(microseconds(mcpClock.now - t0))
        }
        let elapsed = seconds(mcpClock.now - start)
        latencies.sort()
        emit([
            "bench": "mcp", "impl": "orch-mcp", "case": "sequential", "era": "modern", "calls": .int(Int64(sequential)),
            "p50_us": rounded(percentile(latencies, 50), 2), "p99_us": rounded(percentile(latencies, 99), 2),
            "calls_per_s": rounded(Double(sequential) / elapsed), "seconds": rounded(elapsed, 4),
        ])
    }
    if inflight > 0 {
        // Groups of 16 awaited as a whole (like asyncio.gather of 16), then a sliding window of 16.
        func group16() async {
            let ok = await withTaskGroup(of: Bool.self) { group in
                for _ in 0..<16 { group.addTask { await echoCall(client) } }
                var all = true
                for await ok in group { all = all && ok }
                return all
            }
            if !ok { fail("echo-server did not echo (16 in flight)") }
        }
        for _ in 0..<100 { await group16() }
        let groups = max(1, inflight / 16)
        var t0 = mcpClock.now
        for _ in 0..<groups { await group16() }
        var took = seconds(mcpClock.now - t0)
        emit([
            "bench": "mcp", "impl": "orch-mcp", "case": "inflight16", "era": "modern",
            "calls": .int(Int64(groups * 16)), "calls_per_s": rounded(Double(groups * 16) / took), "seconds": rounded(took, 4),
        ])
        t0 = mcpClock.now
        let window = await withTaskGroup(of: Bool.self) { group -> Int in
            var started = 0, done = 0
            for _ in 0..<16 { group.addTask { await echoCall(client) }; started += 1 }
            for await ok in group {
                if !ok { fail("echo-server did not echo (sliding window)") }
                done += 1
                if started < groups * 16 { group.addTask { await echoCall(client) }; started += 1 }
            }
            return done
        }
        took = seconds(mcpClock.now - t0)
        emit([
            "bench": "mcp", "impl": "orch-mcp", "case": "window16", "era": "modern",
            "calls": .int(Int64(window)), "calls_per_s": rounded(Double(window) / took), "seconds": rounded(took, 4),
        ])
    }
    emit(["bench": "mcp", "impl": "orch-mcp", "case": "rss", "era": "modern", "rss_kib": .int(Int64(rssKiB(client.process.pid)))])
    await client.close(grace: .milliseconds(500))
}

/// Spawn -> first tools/call answer, era pinned modern and with the probe (era not pinned).
private func benchColdStart(_ echoServer: String, runs: Int) async {
    for (label, era) in [("modern", MCPClient.Era.modern), ("probe", nil)] {
        var total: [Double] = [], connectMs: [Double] = []
        for _ in 0..<runs {
            let t0 = mcpClock.now
            let client = await connect(echoServer, era: era)
            let t1 = mcpClock.now
            guard await echoCall(client) else { fail("echo-server did not echo (cold start)") }
            let t2 = mcpClock.now
            total.append(seconds(t2 - t0) * 1000)
            connectMs.append(seconds(t1 - t0) * 1000)
            if client.era != .modern { fail("echo-server was not found modern") }
            await client.close(grace: .milliseconds(500))
        }
        emit([
            "bench": "mcp", "impl": "orch-mcp", "case": "cold_start", "era": .string(label), "runs": .int(Int64(runs)),
            "median_ms": rounded(median(total), 3), "min_ms": rounded(total.min()!, 3), "max_ms": rounded(total.max()!, 3),
            "connect_median_ms": rounded(median(connectMs), 3),
        ])
    }
}
