#!/usr/bin/env python3
"""Python `jsonschema` side of the orch-mcp schema benchmark.

Usage: jsonschema_bench.py DATA_DIR

Reads DATA_DIR/tool-input.schema.json and the three instances, builds one
Draft202012Validator, and for each instance times
  - mode "all_errors": list(validator.iter_errors(instance)) -- every error
    collected, the equivalent of orch-mcp's Schema.validate;
  - mode "is_valid":   validator.is_valid(instance) -- stops at the first error,
    the equivalent of Schema.isValid.
Each measurement: a short warm-up, then ~1 s split into SAMPLES slices; the
best slice's rate is reported. One JSON line per measurement on stdout.
"""

import importlib.metadata
import json
import os
import sys
import time

from jsonschema import Draft202012Validator

INSTANCES = [("full", "instance-full.json"),
             ("minimal", "instance-minimal.json"),
             ("nine-errors", "instance-nine-errors.json")]
WARMUP_S = 0.2
MEASURE_S = float(os.environ.get("BENCH_SECONDS", "1.0"))
SAMPLES = 5


def rate(fn, arg):
    """Best-of-SAMPLES operations per second over ~MEASURE_S seconds."""
    clock = time.perf_counter
    end = clock() + WARMUP_S
    while clock() < end:
        fn(arg)
    slice_s = MEASURE_S / SAMPLES
    best = 0.0
    total_ops = 0
    total_s = 0.0
    for _ in range(SAMPLES):
        ops = 0
        start = clock()
        deadline = start + slice_s
        now = start
        while now < deadline:
            fn(arg)
            ops += 1
            now = clock()
        elapsed = now - start
        total_ops += ops
        total_s += elapsed
        best = max(best, ops / elapsed)
    return best, total_ops, total_s


def main():
    if len(sys.argv) != 2:
        sys.stderr.write("usage: jsonschema_bench.py DATA_DIR\n")
        return 2
    data = sys.argv[1]
    with open(os.path.join(data, "tool-input.schema.json"), encoding="utf-8") as f:
        schema = json.load(f)
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema)  # created once, reused for every run

    def all_errors(instance):
        return list(validator.iter_errors(instance))

    version = importlib.metadata.version("jsonschema")

    for name, filename in INSTANCES:
        with open(os.path.join(data, filename), encoding="utf-8") as f:
            instance = json.load(f)
        errors = all_errors(instance)
        valid = validator.is_valid(instance)
        if os.environ.get("BENCH_VERBOSE"):
            for e in errors:
                sys.stderr.write(f"python {name}: /{'/'.join(map(str, e.absolute_path))}: {e.message}\n")
        for mode, fn in (("all_errors", all_errors), ("is_valid", validator.is_valid)):
            best, ops, secs = rate(fn, instance)
            print(json.dumps({
                "bench": "schema", "instance": name, "impl": "python-jsonschema",
                "mode": mode, "api": "iter_errors" if mode == "all_errors" else "is_valid",
                "ops_per_s": round(best, 1), "errors": len(errors), "valid": valid,
                "iterations": ops, "seconds": round(secs, 3),
                "version": f"jsonschema {version}, Python {sys.version.split()[0]}",
            }), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
