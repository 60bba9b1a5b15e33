"""The reference design's code step: a fresh multiprocessing.Process per step, user code run with
restricted builtins (no open, an allowlisting __import__), the result sent back through a Queue.
Same step as orch-bench sandbox: output = {'total': sum(input['values'])} with 100 values.

    python3.11 sandbox_mp_bench.py [FORK_STEPS SPAWN_STEPS]

One JSON line per start method: {"bench": "sandbox", "impl", "steps", "p50_ms", "p99_ms", "mean_ms", "min_ms", "version"}.
"""
import builtins
import json
import multiprocessing as mp
import statistics
import sys
import time

CODE = "output = {'total': sum(input['values'])}"
INPUT = {"values": list(range(1, 101))}
ALLOWED = {"json", "math", "re", "statistics", "datetime", "decimal", "fractions", "collections", "itertools",
           "functools", "operator", "heapq", "bisect", "string", "textwrap", "random", "copy"}


def _import(name, globals=None, locals=None, fromlist=(), level=0):
    root = name.partition(".")[0]
    if level or root not in ALLOWED:
        raise ImportError(f"module '{root}' is not available in code steps")
    return builtins.__import__(name, globals, locals, fromlist, level)


def worker(code, data, queue):
    safe = {k: v for k, v in builtins.__dict__.items() if k not in ("open", "breakpoint", "help", "exit", "quit", "input")}
    safe["__import__"] = _import
    scope = {"__builtins__": safe, "input": data}
    try:
        exec(compile(code, "<code>", "exec"), scope)
        queue.put(("ok", json.dumps(scope.get("output"))))
    except BaseException as error:
        queue.put(("error", f"{type(error).__name__}: {error}"))


def measure(method, steps, warmup):
    context = mp.get_context(method)
    queue = context.Queue()
    times = []
    for i in range(steps + warmup):
        start = time.perf_counter()
        process = context.Process(target=worker, args=(CODE, INPUT, queue))
        process.start()
        status, payload = queue.get(timeout=30)
        process.join(timeout=30)
        elapsed = (time.perf_counter() - start) * 1000
        if status != "ok" or json.loads(payload) != {"total": 5050}:
            raise SystemExit(f"{method}: wrong result {status} {payload}")
        if i >= warmup:
            times.append(elapsed)
    times.sort()
    pick = lambda p: times[min(len(times) - 1, int(len(times) * p))]
    return {"bench": "sandbox", "impl": f"python mp {method}", "steps": steps, "p50_ms": round(pick(0.5), 3),
            "p99_ms": round(pick(0.99), 3), "mean_ms": round(statistics.fmean(times), 3), "min_ms": round(times[0], 3),
            "version": f"Python {sys.version.split()[0]}"}


if __name__ == "__main__":
    fork_steps = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    spawn_steps = int(sys.argv[2]) if len(sys.argv) > 2 else 40
    for method, steps, warmup in (("fork", fork_steps, 10), ("spawn", spawn_steps, 3)):
        print(json.dumps(measure(method, steps, warmup)), flush=True)
