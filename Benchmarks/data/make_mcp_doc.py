#!/usr/bin/env python3
"""Writes a ~1 MB MCP-like JSON document for the JSON parse/write benchmark.

Usage: make_mcp_doc.py OUT_PATH [TARGET_BYTES]

The document is a JSON-RPC batch of two responses:
  1. a `tools/list` result: many tools, each with a JSON Schema `inputSchema`
     (about 45% of the bytes);
  2. a `tools/call` result: a text content block plus `structuredContent` with
     nested objects and arrays, Unicode text (accents, CJK, Greek, Arabic, emoji),
     escapes (quotes, backslashes, newlines, tabs, control characters), 64-bit
     integers and doubles (fractions, exponents, negatives).
Compact UTF-8 (no whitespace, non-ASCII left as is). Deterministic: a fixed
seed, so the same TARGET_BYTES always gives the same bytes.
"""

import json
import random
import sys

SEED = 0x0C4C_4D43  # fixed: the document must be identical on every run
WORDS = ["account", "balance", "customer", "deploy", "engine", "filter", "gateway", "history",
         "invoice", "journal", "kernel", "ledger", "metric", "network", "order", "payload",
         "query", "record", "session", "ticket", "update", "vector", "window", "zone"]
UNICODE = ["Zürich", "naïve café", "東京都渋谷区", "Ελληνικά", "مرحبا بالعالم", "Straße", "Ångström",
           "😀 rocket 🚀", "łódź", "Cañón", "ﬁle", "한국어", "Привет, мир", "€ 12,50", "ℹ️ note"]
ESCAPES = ['say "hello"', "C:\\Users\\orch\\file.txt", "line one\nline two", "col\tcol\tcol",
           "bell\u0007 and null-ish \u0001", "slash / and back \\ slash", "CR\r\nLF", "quote \" inside \\\" both"]
TYPES = ["string", "integer", "number", "boolean"]


def compact(value):
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def size(value):
    return len(compact(value).encode("utf-8"))


def words(rng, n):
    return " ".join(rng.choice(WORDS) for _ in range(n))


def property_schema(rng, depth=0):
    kind = rng.choice(TYPES + (["object", "array"] if depth < 2 else []))
    schema = {"type": kind, "description": words(rng, rng.randint(3, 10)).capitalize() + "."}
    if kind == "string":
        if rng.random() < 0.4:
            schema["enum"] = rng.sample(WORDS, rng.randint(2, 6))
        else:
            schema["maxLength"] = rng.choice([32, 64, 256, 1024])
            if rng.random() < 0.3:
                schema["pattern"] = "^[a-z][a-z0-9_\\-]{0,62}$"
    elif kind == "integer":
        schema["minimum"] = rng.randint(-10, 1)
        schema["maximum"] = rng.choice([100, 1000, 65535, 2147483647])
    elif kind == "number":
        schema["minimum"] = 0
        schema["exclusiveMaximum"] = rng.choice([1, 100.5, 1e6])
    elif kind == "object":
        props = {f"{rng.choice(WORDS)}_{i}": property_schema(rng, depth + 1) for i in range(rng.randint(1, 4))}
        schema["properties"] = props
        schema["required"] = sorted(props)[: rng.randint(0, len(props))]
        schema["additionalProperties"] = False
    elif kind == "array":
        schema["items"] = property_schema(rng, depth + 1)
        schema["maxItems"] = rng.choice([10, 50, 100])
    return schema


def tool(rng, i):
    props = {f"{rng.choice(WORDS)}_{j}": property_schema(rng) for j in range(rng.randint(2, 7))}
    return {
        "name": f"{rng.choice(WORDS)}_{rng.choice(WORDS)}_{i}",
        "title": words(rng, 3).title(),
        "description": words(rng, rng.randint(8, 30)).capitalize() + ". " + rng.choice(UNICODE + ESCAPES),
        "inputSchema": {
            "type": "object",
            "properties": props,
            "required": sorted(props)[: rng.randint(1, len(props))],
            "additionalProperties": False,
        },
        "annotations": {"readOnlyHint": rng.random() < 0.5, "idempotentHint": rng.random() < 0.5},
    }


def record(rng, i):
    return {
        "id": rng.randint(-2**63, 2**63 - 1),
        "seq": i,
        "name": rng.choice(UNICODE) + " " + words(rng, 2),
        "note": rng.choice(ESCAPES),
        "active": rng.random() < 0.7,
        "parent": None if rng.random() < 0.3 else rng.randint(0, i + 1),
        "score": rng.random(),
        "price": round(rng.uniform(0, 10000), 2),
        "delta": -rng.expovariate(0.01),
        "tiny": rng.uniform(1, 9) * 10 ** rng.randint(-12, -5),
        "huge": rng.uniform(1, 9) * 10 ** rng.randint(20, 300),
        "tags": [rng.choice(WORDS) for _ in range(rng.randint(0, 5))],
        "location": {"city": rng.choice(UNICODE), "lat": rng.uniform(-90, 90), "lon": rng.uniform(-180, 180),
                     "tz_offset_min": rng.choice([-480, -300, 0, 60, 120, 330, 540])},
        "history": [{"at": 1_700_000_000_000 + rng.randint(0, 10**10), "event": rng.choice(WORDS),
                     "values": [rng.randint(-1000, 1000) for _ in range(rng.randint(0, 4))]}
                    for _ in range(rng.randint(0, 3))],
    }


def build(target_bytes):
    rng = random.Random(SEED)
    tools, used = [], 0
    while used < target_bytes * 0.45:
        t = tool(rng, len(tools))
        tools.append(t)
        used += size(t) + 1
    records = []
    while used < target_bytes - 600:
        r = record(rng, len(records))
        records.append(r)
        used += size(r) + 1
    summary = f"Found {len(records)} records for query “{words(rng, 3)}” — see structuredContent."
    return [
        {"jsonrpc": "2.0", "id": 1, "result": {"tools": tools, "nextCursor": None}},
        {"jsonrpc": "2.0", "id": 2, "result": {
            "content": [{"type": "text", "text": summary}],
            "structuredContent": {"query": {"text": words(rng, 3), "limit": len(records), "offset": 0},
                                  "total": len(records), "records": records},
            "isError": False,
        }},
    ]


def main():
    if len(sys.argv) not in (2, 3):
        sys.stderr.write("usage: make_mcp_doc.py OUT_PATH [TARGET_BYTES]\n")
        return 2
    target = int(sys.argv[2]) if len(sys.argv) == 3 else 1_000_000
    data = compact(build(target)).encode("utf-8")
    with open(sys.argv[1], "wb") as f:
        f.write(data)
    return 0


if __name__ == "__main__":
    sys.exit(main())
