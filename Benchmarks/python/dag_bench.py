#!/usr/bin/env python3
"""Python asyncio side of the orch-mcp plan-executor benchmark.

Usage: dag_bench.py DIR

A minimal asyncio DAG executor over the plans and catalog Benchmarks/data/make_plans.py
writes into DIR, doing the same work per run as `orch-bench plans`:

  read the file, json.loads it; check it (unique ids, known tools, depends_on and `step:`
  references naming existing steps, topological order by Kahn's algorithm -- a cycle is an
  error) and validate literal inputs against the tool's inputSchema with
  jsonschema.Draft202012Validator (one validator per schema, built once); run it: every
  step a coroutine that waits for its dependencies, then takes a slot of an
  asyncio.Semaphore(max_concurrency), resolves its `step:` references, validates the
  resolved input, awaits the tool (noop: an `async def` returning {"n": n}; sleep_ms:
  asyncio.sleep) and validates the output against the outputSchema; all steps, in
  topological order, under one asyncio.gather; then json.dumps a result document of the
  same shape as orch-mcp's RunResult.json ({"run_id", "request_id", "status", "steps":
  {id: {"status", "output", "attempts", "started_at", "duration_ms"}}, "final"}) and
  encodes it to bytes.

Each plan: warm-up runs, then the best of N end-to-end runs (timed inside the process, one
asyncio.run per run). One JSON line per plan on stdout.
"""

import asyncio
import importlib.metadata
import json
import os
import sys
import time

from jsonschema import Draft202012Validator

PLANS = [  # name, max concurrency, warm-up runs, measured runs
    ("independent-10000", 16, 1, 5),
    ("chain-10000", 16, 1, 5),
    ("sleep-64", 64, 0, 3),
]
PREFIX = "step:"


class PlanError(Exception):
    pass


class StepFailed(Exception):
    pass


# --- the tools -------------------------------------------------------------------------------

async def noop(args):
    return {"n": args["n"]}


async def sleep_ms(args):
    await asyncio.sleep(args["ms"] / 1000)
    return {"slept_ms": args["ms"]}


FUNCTIONS = {"noop": noop, "sleep_ms": sleep_ms}


class Tool:
    def __init__(self, entry):
        self.name = entry["name"]
        self.fn = FUNCTIONS[self.name]
        schema = entry.get("inputSchema", {"type": "object"})
        Draft202012Validator.check_schema(schema)
        self.input = Draft202012Validator(schema)
        out = entry.get("outputSchema")
        if out is not None:
            Draft202012Validator.check_schema(out)
        self.output = Draft202012Validator(out) if out is not None else None


def load_catalog(path):
    with open(path, encoding="utf-8") as f:
        catalog = json.load(f)
    return {entry["name"]: Tool(entry) for entry in catalog["tools"]}


# --- loading: the checks orch-mcp's PlanLoader does for these plans -----------------------------

def parse_reference(text):
    """'step:ID.a.b' -> (ID, ['a', 'b'])."""
    body = text[len(PREFIX):]
    parts = body.split(".")
    if not parts[0]:
        raise PlanError(f"{text!r}: no step id")
    return parts[0], parts[1:]


def collect_references(value, path, out):
    if isinstance(value, str):
        if value.startswith(PREFIX):
            out.append((path, parse_reference(value)))
    elif isinstance(value, dict):
        for k, v in value.items():
            collect_references(v, path + (k,), out)
    elif isinstance(value, list):
        for i, v in enumerate(value):
            collect_references(v, path + (i,), out)


class Step:
    __slots__ = ("index", "id", "tool", "input", "refs", "deps")


def load_plan(doc, tools):
    steps_json = doc.get("steps")
    if not isinstance(steps_json, list) or not steps_json:
        raise PlanError("the plan needs a non-empty steps array")
    index = {}
    steps = []
    for i, s in enumerate(steps_json):
        if not isinstance(s, dict):
            raise PlanError(f"/steps/{i}: not an object")
        step = Step()
        step.index = i
        step.id = s.get("id")
        if not isinstance(step.id, str) or not step.id:
            raise PlanError(f"/steps/{i}/id: missing or not a string")
        if step.id in index:
            raise PlanError(f"/steps/{i}/id: duplicate id {step.id!r}")
        index[step.id] = i
        tool = tools.get(s.get("tool"))
        if tool is None:
            raise PlanError(f"/steps/{i}/tool: unknown tool {s.get('tool')!r}")
        step.tool = tool
        step.input = s.get("input", {})
        if not isinstance(step.input, dict):
            raise PlanError(f"/steps/{i}/input: not an object")
        step.refs = []
        collect_references(step.input, (), step.refs)
        if not step.refs:
            # Literal inputs are checked now; inputs with references once they are resolved.
            errors = list(tool.input.iter_errors(step.input))
            if errors:
                raise PlanError(f"/steps/{i}/input: {errors[0].message}")
        step.deps = list(s.get("depends_on", []))
        steps.append(step)
    # Dependencies: depends_on plus every referenced step, as indices.
    for step in steps:
        deps = []
        seen = set()
        for name in step.deps + [ref[0] for _, ref in step.refs]:
            j = index.get(name)
            if j is None:
                raise PlanError(f"step {step.id}: depends on unknown step {name!r}")
            if j == step.index:
                raise PlanError(f"step {step.id}: depends on itself")
            if j not in seen:
                seen.add(j)
                deps.append(j)
        step.deps = deps
    # Topological order (Kahn); anything left over is on or behind a cycle.
    dependents = [[] for _ in steps]
    remaining = [len(s.deps) for s in steps]
    for s in steps:
        for d in s.deps:
            dependents[d].append(s.index)
    order = [i for i, r in enumerate(remaining) if r == 0]
    head = 0
    while head < len(order):
        for nxt in dependents[order[head]]:
            remaining[nxt] -= 1
            if remaining[nxt] == 0:
                order.append(nxt)
        head += 1
    if len(order) < len(steps):
        raise PlanError("the steps form a cycle")
    return steps, order


# --- running -------------------------------------------------------------------------------------

def iso8601(ms):
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(ms // 1000)) + f".{ms % 1000:03d}Z"


def replaced(container, path, value):
    """`container` with the value at `path` replaced, copying only the containers on the path."""
    if not path:
        return value
    copy = container.copy()
    copy[path[0]] = replaced(container[path[0]], path[1:], value)
    return copy


async def execute(steps, order, max_concurrency):
    sem = asyncio.Semaphore(max_concurrency)
    loop = asyncio.get_running_loop()
    # A future per step that something waits for.
    awaited = {d for s in steps for d in s.deps}
    done = [loop.create_future() if i in awaited else None for i in range(len(steps))]
    outputs = [None] * len(steps)
    results = [None] * len(steps)

    async def run_step(step):
        for d in step.deps:
            await done[d]
        async with sem:
            started_ms = int(time.time() * 1000)
            t0 = time.perf_counter()
            args = step.input
            if step.refs:
                for path, (sid, fields) in step.refs:
                    value = outputs[steps_index[sid]]
                    for f in fields:
                        value = value[f]
                    args = replaced(args, path, value)
                errors = list(step.tool.input.iter_errors(args))
                if errors:
                    raise StepFailed(f"{step.id}: invalid input: {errors[0].message}")
            out = await step.tool.fn(args)
            if step.tool.output is not None:
                errors = list(step.tool.output.iter_errors(out))
                if errors:
                    raise StepFailed(f"{step.id}: invalid output: {errors[0].message}")
            outputs[step.index] = out
            results[step.index] = {
                "status": "succeeded", "output": out, "attempts": 1,
                "started_at": iso8601(started_ms),
                "duration_ms": round((time.perf_counter() - t0) * 1000, 3),
            }
            if done[step.index] is not None:
                done[step.index].set_result(None)

    steps_index = {s.id: s.index for s in steps}
    await asyncio.gather(*(run_step(steps[i]) for i in order))
    return results


def run_plan(path, tools, max_concurrency):
    """One end-to-end run; returns (phases in seconds, status, steps, result bytes)."""
    clock = time.perf_counter
    t0 = clock()
    with open(path, "rb") as f:
        data = f.read()
    t1 = clock()
    doc = json.loads(data)
    t2 = clock()
    steps, order = load_plan(doc, tools)
    t3 = clock()
    results = asyncio.run(execute(steps, order, max_concurrency))
    status = "succeeded" if all(r is not None and r["status"] == "succeeded" for r in results) else "failed"
    t4 = clock()
    document = {"run_id": "run-%016x" % int.from_bytes(os.urandom(8), "big"),
                "request_id": doc.get("request_id"), "status": status,
                "steps": {s.id: r for s, r in zip(steps, results)}, "final": None}
    out = json.dumps(document, separators=(",", ":"), ensure_ascii=False).encode()
    t5 = clock()
    phases = {"read": t1 - t0, "parse": t2 - t1, "load": t3 - t2, "run": t4 - t3, "write": t5 - t4}
    return phases, status, results, out


def check(name, results):
    for i, r in enumerate(results):
        expected = {"independent-10000": {"n": i}, "chain-10000": {"n": 0}}.get(name, {"slept_ms": 200})
        if r["output"] != expected:
            raise SystemExit(f"dag_bench: {name}: step s{i} returned {r['output']}, expected {expected}")


def main():
    if len(sys.argv) != 2:
        sys.stderr.write("usage: dag_bench.py DIR\n")
        return 2
    d = sys.argv[1]
    tools = load_catalog(os.path.join(d, "bench-catalog.json"))
    version = f"asyncio + jsonschema {importlib.metadata.version('jsonschema')}, Python {sys.version.split()[0]}"
    for name, conc, warmups, runs in PLANS:
        path = os.path.join(d, name + ".json")
        for _ in range(warmups):
            _, status, results, _ = run_plan(path, tools, conc)
            check(name, results)
        best = None
        worst = 0.0
        for _ in range(runs):
            phases, status, results, out = run_plan(path, tools, conc)
            if status != "succeeded":
                raise SystemExit(f"dag_bench: {name}: the run ended {status}")
            check(name, results)
            total = sum(phases.values())
            worst = max(worst, total)
            if best is None or total < best[0]:
                best = (total, phases, len(results), len(out))
        total, phases, n, out_bytes = best
        print(json.dumps({
            "bench": "plan", "plan": name, "impl": "python-asyncio", "seconds": round(total, 6),
            "per_step_us": round(total / n * 1e6, 2), "steps": n, "status": "succeeded",
            "max_concurrency": conc, "runs": runs, "worst_seconds": round(worst, 6),
            "phases_ms": {k: round(v * 1000, 3) for k, v in phases.items()},
            "out_bytes": out_bytes, "version": version,
        }), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
