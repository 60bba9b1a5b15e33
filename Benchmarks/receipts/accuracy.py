#!/usr/bin/env python3
"""Receipt pipeline accuracy and speed over the fixture set (issue #5's figures).

For every Tests/Fixtures/receipts/NN-*.png with its ground truth NN-*.json, runs
`orch-mcp demo --image PNG --json` (a fresh orch-mcp and fresh workers each time: end to end,
as a user runs it) and compares what the pipeline found with the truth:

- exact totals: the parsed printed total equals the truth's total to the cent;
- items: a found item matches a true one when their names are equal after normalization
  (lower case, letters and digits only, single spaces) and their totals are equal to the cent;
  precision = matched / found, recall = matched / true, F1 their harmonic mean;
- categories: among matched items, the share whose category equals the truth's;
- time: wall time per receipt, median and max.

Usage: accuracy.py ORCH_MCP FIXTURES_DIR [--json] [--catalogs DIR]
  (prints a table; --json one JSON object; --catalogs runs the demo with another catalogs/
  folder, e.g. one whose servers.json sets RECEIPT_OCR_NO_LEADERS=1 to measure a preprocessing step)
"""
import json
import re
import statistics
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

TARGETS = {"exact_totals": 0.95, "item_f1": 0.95, "category_accuracy": 0.90, "median_seconds": 1.5}


def cents(value):
    if value is None:
        return None
    return Decimal(repr(value)).quantize(Decimal("0.01"))


def norm(name):
    return " ".join(re.sub(r"[^a-z0-9]+", " ", name.lower()).split())


def score(found, truth):
    """(matched pairs, found count, true count) with greedy one-to-one matching."""
    remaining = [(norm(t["name"]), cents(t["total"]), t) for t in truth]
    pairs = []
    for item in found:
        key = (norm(item.get("name", "")), cents(item.get("total")))
        for i, (name, total, t) in enumerate(remaining):
            if (name, total) == key:
                pairs.append((item, t))
                del remaining[i]
                break
    return pairs


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    orch, folder = sys.argv[1], Path(sys.argv[2])
    as_json = "--json" in sys.argv[3:]
    extra = []
    if "--catalogs" in sys.argv[3:]:
        extra = ["--catalogs", sys.argv[sys.argv.index("--catalogs") + 1]]
    rows = []
    for truth_path in sorted(folder.glob("[0-9][0-9]-*.json")):
        image = truth_path.with_suffix(".png")
        if not image.exists():
            continue
        truth = json.loads(truth_path.read_text())
        start = time.perf_counter()
        run = subprocess.run([orch, "demo", "--image", str(image), "--json"] + extra, capture_output=True, text=True, timeout=120)
        seconds = time.perf_counter() - start
        try:
            result = json.loads(run.stdout)
        except json.JSONDecodeError:
            result = {"steps": {}}
        steps = result.get("steps", {})
        parsed = (steps.get("parse") or {}).get("output") or {}
        categorized = ((steps.get("categorize") or {}).get("output") or {}).get("items", [])
        pairs = score(categorized, truth["items"])
        rows.append({
            "receipt": image.name,
            "status": result.get("status", "crashed: " + run.stderr.strip()[-200:]),
            "total_exact": cents(parsed.get("total")) == cents(truth["total"]),
            "found": len(categorized),
            "true": len(truth["items"]),
            "matched": len(pairs),
            "categories_right": sum(1 for item, t in pairs if item.get("category") == t["category"]),
            "seconds": seconds,
            "warnings": parsed.get("warnings", []),
        })
    if not rows:
        sys.exit(f"no fixtures in {folder}")
    found = sum(r["found"] for r in rows)
    true = sum(r["true"] for r in rows)
    matched = sum(r["matched"] for r in rows)
    precision = matched / found if found else 0.0
    recall = matched / true if true else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    summary = {
        "receipts": len(rows),
        "exact_totals": sum(r["total_exact"] for r in rows) / len(rows),
        "item_precision": precision,
        "item_recall": recall,
        "item_f1": f1,
        "category_accuracy": sum(r["categories_right"] for r in rows) / matched if matched else 0.0,
        "median_seconds": statistics.median(r["seconds"] for r in rows),
        "max_seconds": max(r["seconds"] for r in rows),
    }
    if as_json:
        print(json.dumps({"summary": summary, "receipts": rows}))
        return
    print(f"{'receipt':38} {'status':10} {'total':6} {'items':>11} {'cats':>5} {'time':>7}")
    for r in rows:
        mark = "exact" if r["total_exact"] else "WRONG"
        print(f"{r['receipt'][:38]:38} {r['status'][:10]:10} {mark:6} {r['matched']:>3}/{r['found']:<3}/{r['true']:<3} "
              f"{r['categories_right']:>5} {r['seconds']:>6.2f}s")
    print()
    for key, target in TARGETS.items():
        value = summary[key]
        ok = value <= target if key == "median_seconds" else value >= target
        shown = f"{value:.2f} s" if key.endswith("seconds") else f"{value:.1%}"
        wanted = f"≤ {target} s" if key.endswith("seconds") else f"≥ {target:.0%}"
        print(f"{key:18} {shown:>9}   target {wanted:8} {'met' if ok else 'NOT met'}")
    print(f"{'item_precision':18} {summary['item_precision']:>9.1%}")
    print(f"{'item_recall':18} {summary['item_recall']:>9.1%}")
    print(f"{'max_seconds':18} {summary['max_seconds']:>7.2f} s")


if __name__ == "__main__":
    main()
