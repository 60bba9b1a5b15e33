#!/usr/bin/env python3
"""Writes the plan-executor benchmark's plans and catalog into a directory.

Usage: make_plans.py DIR

Deterministic (no randomness, fixed key order and formatting), so every run and both
implementations read byte-identical files:

  independent-10000.json  10,000 steps, no dependencies: {"id": "s<i>", "tool": "noop", "input": {"n": i}}
  chain-10000.json        10,000 steps, s<i> reads s<i-1>'s output: {"n": "step:s<i-1>.n"},
                          "depends_on": ["s<i-1>"] (s0 has the literal input {"n": 0})
  sleep-64.json           64 independent steps of sleep_ms with {"ms": 200}
  bench-catalog.json      an orch-mcp catalog with the function tools noop and sleep_ms
"""

import json
import os
import sys

STEPS = 10_000
SLEEPS = 64
SLEEP_MS = 200

CATALOG = {
    "name": "bench",
    "version": "1.0.0",
    "tools": [
        {
            "name": "noop",
            "type": "function",
            "description": "Returns its input: {\"n\": n}.",
            "inputSchema": {
                "type": "object",
                "properties": {"n": {"type": "integer"}},
                "required": ["n"],
            },
            "outputSchema": {
                "type": "object",
                "properties": {"n": {"type": "integer"}},
                "required": ["n"],
            },
        },
        {
            "name": "sleep_ms",
            "type": "function",
            "description": "Sleeps ms milliseconds, then returns {\"slept_ms\": ms}.",
            "inputSchema": {
                "type": "object",
                "properties": {"ms": {"type": "integer", "minimum": 0, "maximum": 10000}},
                "required": ["ms"],
            },
        },
    ],
}


def independent(n):
    return {"request_id": f"bench-independent-{n}",
            "steps": [{"id": f"s{i}", "tool": "noop", "input": {"n": i}} for i in range(n)]}


def chain(n):
    steps = [{"id": "s0", "tool": "noop", "input": {"n": 0}}]
    for i in range(1, n):
        steps.append({"id": f"s{i}", "tool": "noop", "input": {"n": f"step:s{i - 1}.n"},
                      "depends_on": [f"s{i - 1}"]})
    return {"request_id": f"bench-chain-{n}", "steps": steps}


def sleeps(n, ms):
    return {"request_id": f"bench-sleep-{n}",
            "steps": [{"id": f"s{i}", "tool": "sleep_ms", "input": {"ms": ms}} for i in range(n)]}


def write_plan(path, plan):
    # One step per line: readable, and the same bytes every time.
    head = json.dumps({"request_id": plan["request_id"]}, separators=(", ", ": "))[:-1]
    lines = [json.dumps(step, separators=(", ", ": ")) for step in plan["steps"]]
    with open(path, "w", encoding="utf-8") as f:
        f.write(head + ",\n \"steps\": [\n  " + ",\n  ".join(lines) + "\n]}\n")


def main():
    if len(sys.argv) != 2:
        sys.stderr.write("usage: make_plans.py DIR\n")
        return 2
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    write_plan(os.path.join(out, f"independent-{STEPS}.json"), independent(STEPS))
    write_plan(os.path.join(out, f"chain-{STEPS}.json"), chain(STEPS))
    write_plan(os.path.join(out, f"sleep-{SLEEPS}.json"), sleeps(SLEEPS, SLEEP_MS))
    with open(os.path.join(out, "bench-catalog.json"), "w", encoding="utf-8") as f:
        json.dump(CATALOG, f, indent=2)
        f.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
