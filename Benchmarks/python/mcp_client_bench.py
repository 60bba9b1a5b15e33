"""mcp_client_bench.py: the Python pair of the MCP round-trip benchmark.

The Python SDK's `Client` spawns `echo_server.py` (the SDK's `MCPServer`) over stdio and calls
its `echo` tool with a 64-byte text argument:

  sequential   N calls one after the other (after a warm-up): p50 / p99 latency (us), calls/s
  inflight16   asyncio.gather of 16 calls at a time, repeated: calls/s
  cold_start   spawn -> first tools/call answer (connect incl. the mode's handshake), ms, median
  rss          the server's VmRSS (/proc/PID/status) after the sequential and 16-in-flight runs

Usage: mcp_client_bench.py [--mode legacy|2026-07-28|auto] [--parts sequential,inflight,cold]
                           [--calls N] [--inflight-calls N] [--cold N]
One JSON object per measurement on stdout (rss after sequential and/or inflight).
"""

import argparse
import asyncio
import importlib.metadata
import json
import os
import statistics
import sys
import time

from mcp import Client
from mcp.client.stdio import StdioServerParameters

HERE = os.path.dirname(os.path.abspath(__file__))
TEXT = "x" * 64  # the 64-byte argument (the same on the Swift side)


def params() -> StdioServerParameters:
    return StdioServerParameters(command=sys.executable, args=[os.path.join(HERE, "echo_server.py")])


def children() -> set[int]:
    """Pids of this process's children (the spawned server)."""
    pids: set[int] = set()
    for task in os.listdir("/proc/self/task"):
        try:
            with open(f"/proc/self/task/{task}/children") as f:
                pids.update(int(p) for p in f.read().split())
        except OSError:
            pass
    return pids


def rss_kib(pid: int) -> int:
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return -1


def percentile(sorted_values: list[float], p: float) -> float:
    # nearest rank, the same rule as orch-bench
    i = max(0, min(len(sorted_values) - 1, int(round(p / 100 * len(sorted_values) + 0.5)) - 1))
    return sorted_values[i]


async def call(client: Client) -> None:
    result = await client.call_tool("echo", {"text": TEXT})
    if result.is_error or result.content[0].text != TEXT:
        raise SystemExit(f"echo answered {result!r}")


async def measure(mode: str, calls: int, inflight_calls: int) -> None:
    """`calls` sequential calls, then `inflight_calls` in groups of 16 (either may be 0)."""
    before = children()
    async with Client(params(), mode=mode) as client:
        spawned = children() - before
        if len(spawned) != 1:
            raise SystemExit(f"expected one server child, found {spawned}")
        pid = spawned.pop()
        await client.list_tools()
        for _ in range(200):  # warm-up
            await call(client)
        if calls > 0:
            await sequential(client, mode, calls)
        if inflight_calls > 0:
            await inflight(client, mode, inflight_calls)
        print(json.dumps({"bench": "mcp", "impl": "python-sdk", "case": "rss", "mode": mode,
                          "rss_kib": rss_kib(pid)}), flush=True)


async def sequential(client: Client, mode: str, calls: int) -> None:
    latencies = []
    start = time.perf_counter()
    for _ in range(calls):
        t0 = time.perf_counter()
        await call(client)
        latencies.append(time.perf_counter() - t0)
    elapsed = time.perf_counter() - start
    latencies.sort()
    print(json.dumps({
        "bench": "mcp", "impl": "python-sdk", "case": "sequential", "mode": mode,
        "calls": calls, "p50_us": round(percentile(latencies, 50) * 1e6, 1),
        "p99_us": round(percentile(latencies, 99) * 1e6, 1),
        "calls_per_s": round(calls / elapsed, 1), "seconds": round(elapsed, 4),
    }), flush=True)


async def inflight(client: Client, mode: str, inflight_calls: int) -> None:
    for _ in range(10):  # warm-up
        await asyncio.gather(*(call(client) for _ in range(16)))
    batches = max(1, inflight_calls // 16)
    start = time.perf_counter()
    for _ in range(batches):
        await asyncio.gather(*(call(client) for _ in range(16)))
    elapsed = time.perf_counter() - start
    print(json.dumps({
        "bench": "mcp", "impl": "python-sdk", "case": "inflight16", "mode": mode,
        "calls": batches * 16, "calls_per_s": round(batches * 16 / elapsed, 1), "seconds": round(elapsed, 4),
    }), flush=True)


async def cold_start(mode: str, runs: int) -> None:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        async with Client(params(), mode=mode) as client:
            await call(client)
            times.append(time.perf_counter() - t0)
    print(json.dumps({
        "bench": "mcp", "impl": "python-sdk", "case": "cold_start", "mode": mode, "runs": runs,
        "median_ms": round(statistics.median(times) * 1000, 2), "min_ms": round(min(times) * 1000, 2),
        "max_ms": round(max(times) * 1000, 2),
    }), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mode", default="2026-07-28", help="Client mode: legacy, 2026-07-28 or auto")
    parser.add_argument("--calls", type=int, default=2000)
    parser.add_argument("--inflight-calls", type=int, default=2000)
    parser.add_argument("--cold", type=int, default=10)
    parser.add_argument("--parts", default="sequential,inflight,cold")
    args = parser.parse_args()
    parts = set(args.parts.split(","))
    if parts & {"sequential", "inflight"}:
        asyncio.run(measure(args.mode, args.calls if "sequential" in parts else 0,
                            args.inflight_calls if "inflight" in parts else 0))
    if "cold" in parts:
        asyncio.run(cold_start(args.mode, args.cold))
    print(json.dumps({"bench": "mcp", "impl": "python-sdk", "case": "version", "mode": args.mode,
                      "version": f"Python {sys.version.split()[0]}, mcp {importlib.metadata.version('mcp')}"}), flush=True)


if __name__ == "__main__":
    main()
