"""Drive the Python SDK client (mcp==2.3.0) against an MCP stdio server and report what it saw.

Usage:
    python py_client.py --mode auto|legacy|2026-07-28 --scenario basic|progress|cancel|generic
                        [--tool NAME] [--args JSON] [--with-progress]
                        [--cancel-after-ms MS] [--timeout SECONDS] -- COMMAND [ARG...]

Prints exactly one JSON object on stdout; everything else (SDK logs, the server's stderr) goes
to stderr. Exit 0 when the scenario ran to the end (the caller asserts on the JSON), 1 with
{"error": ..., "partial": {...}} when an SDK call raised unexpectedly or --timeout expired,
2 for a usage error.

Scenarios (basic, progress and cancel expect `orch-mcp serve`):
    basic     list tools; validate_plan on a valid and an invalid plan; execute_plan on a
              three-step plan of built-in function tools
    progress  execute_plan on five independent steps with a progress callback
    cancel    execute_plan on a 10 s sleep_ms step, cancelled by the client after
              --cancel-after-ms (300), then a quick call_tool("list_tools") on the same connection
    generic   list tools and call --tool with --args; a JSON-RPC error is reported, not raised
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from typing import Any

import anyio
from mcp import Client, Implementation, MCPError, StdioServerParameters
from mcp.types import CallToolResult

MODERN_VERSIONS = ("2026-07-28",)

# A three-step chain of built-in function tools (catalogs/examples/receipt-totals.plan.json).
BASIC_PLAN: dict[str, Any] = {
    "request_id": "py-basic",
    "steps": [
        {
            "id": "stats",
            "tool": "function_call",
            "input": {
                "name": "compute_item_statistics",
                "args": {
                    "items": [
                        {"name": "Milk", "quantity": 2, "unit_price": 1.245, "total": 2.49, "category": "beverage"},
                        {"name": "Bananas", "quantity": 1.32, "unit_price": 0.69, "total": 0.91, "category": "food"},
                        {"name": "Paper towels", "total": 8.99, "category": "household"},
                        {"name": "Bread", "total": 3.25, "category": "food"},
                    ]
                },
            },
        },
        {
            "id": "tax",
            "tool": "function_call",
            "input": {"name": "compute_tax", "args": {"amount": "step:stats.total", "tax_rate": 0.08}},
        },
        {
            "id": "discounted",
            "tool": "function_call",
            "input": {"name": "apply_discount", "args": {"amount": "step:tax.total", "percent": 15}},
        },
    ],
    "final_synthesis": {
        "prompt_template": "Spent {{step:stats.total}} on {{step:stats.count}} items; "
        "{{step:tax.total}} with tax, {{step:discounted.total}} after the coupon."
    },
}

# Invalid twice over: a reference to a step that does not exist, and tax_rate above its maximum of 1.
INVALID_PLAN: dict[str, Any] = {
    "request_id": "py-invalid",
    "steps": [
        {
            "id": "tax",
            "tool": "function_call",
            "input": {"name": "compute_tax", "args": {"amount": "step:missing.total", "tax_rate": 2}},
        }
    ],
}

# Five independent steps: one progress notification per finished step is expected.
PROGRESS_PLAN: dict[str, Any] = {
    "request_id": "py-progress",
    "steps": [
        {
            "id": f"t{i}",
            "tool": "function_call",
            "input": {"name": "compute_tax", "args": {"amount": 10 * i, "tax_rate": 0.1}},
        }
        for i in range(1, 6)
    ],
}

# One step that sleeps for 10 s (the built-in async function tool sleep_ms of `orch-mcp serve`).
LONG_PLAN: dict[str, Any] = {
    "request_id": "py-cancel",
    "steps": [{"id": "s", "tool": "function_call", "input": {"name": "sleep_ms", "args": {"ms": 10000}}}],
}


def log(*parts: Any) -> None:
    print("py_client:", *parts, file=sys.stderr, flush=True)


def ms_since(start: float) -> float:
    return round((time.monotonic() - start) * 1000, 1)


def dump(model: Any) -> Any:
    return None if model is None else model.model_dump(mode="json", by_alias=True, exclude_none=True)


def call_observation(result: CallToolResult) -> dict[str, Any]:
    first = result.content[0] if result.content else None
    return {
        "is_error": bool(result.is_error),
        "structured_content": result.structured_content,
        "text": getattr(first, "text", None),
        "content_types": [block.type for block in result.content],
    }


def error_observation(error: MCPError) -> dict[str, Any]:
    return {"jsonrpc_error": {"code": error.code, "message": error.message, "data": error.data}}


class Progress:
    """A progress_callback that records every notification it is given, in arrival order."""

    def __init__(self) -> None:
        self.received: list[dict[str, Any]] = []

    async def __call__(self, progress: float, total: float | None, message: str | None) -> None:
        self.received.append({"progress": progress, "total": total, "message": message})


async def scenario_basic(client: Client, out: dict[str, Any], options: argparse.Namespace) -> None:
    out["tools"] = [tool.name for tool in (await client.list_tools()).tools]
    out["validate_valid"] = call_observation(await client.call_tool("validate_plan", {"plan": BASIC_PLAN}))
    out["validate_invalid"] = call_observation(await client.call_tool("validate_plan", {"plan": INVALID_PLAN}))
    start = time.monotonic()
    out["execute"] = call_observation(await client.call_tool("execute_plan", {"plan": BASIC_PLAN}))
    out["execute_ms"] = ms_since(start)


async def scenario_progress(client: Client, out: dict[str, Any], options: argparse.Namespace) -> None:
    progress = Progress()
    result = await client.call_tool("execute_plan", {"plan": PROGRESS_PLAN}, progress_callback=progress)
    await anyio.sleep(0.2)  # the SDK runs progress callbacks as tasks; let the last ones land
    out["execute"] = call_observation(result)
    structured = result.structured_content if isinstance(result.structured_content, dict) else {}
    out["status"] = structured.get("status")
    out["progress"] = progress.received


async def scenario_cancel(client: Client, out: dict[str, Any], options: argparse.Namespace) -> None:
    start = time.monotonic()
    finished = None
    with anyio.move_on_after(options.cancel_after_ms / 1000) as scope:
        finished = await client.call_tool("execute_plan", {"plan": LONG_PLAN})
    out["cancelled"] = scope.cancelled_caught  # True: the SDK sent notifications/cancelled
    out["cancel_ms"] = ms_since(start)
    out["first_result"] = None if finished is None else call_observation(finished)

    start = time.monotonic()
    second = await client.call_tool("list_tools", {})
    out["second_ms"] = ms_since(start)
    out["second_ok"] = not second.is_error
    listed = second.structured_content if isinstance(second.structured_content, dict) else {}
    out["second_tools"] = [tool.get("name") for tool in listed.get("tools", []) if isinstance(tool, dict)]


async def scenario_generic(client: Client, out: dict[str, Any], options: argparse.Namespace) -> None:
    out["tools"] = [tool.name for tool in (await client.list_tools()).tools]
    progress = Progress() if options.with_progress else None
    start = time.monotonic()
    try:
        result = await client.call_tool(options.tool, options.args, progress_callback=progress)
        out["call"] = call_observation(result)
    except MCPError as error:
        out["call"] = error_observation(error)
    out["call_ms"] = ms_since(start)
    if progress is not None:
        await anyio.sleep(0.2)
        out["progress"] = progress.received


SCENARIOS = {
    "basic": scenario_basic,
    "progress": scenario_progress,
    "cancel": scenario_cancel,
    "generic": scenario_generic,
}


async def run(options: argparse.Namespace, command: list[str], out: dict[str, Any]) -> None:
    server = StdioServerParameters(command=command[0], args=command[1:], env=dict(os.environ))
    start = time.monotonic()
    async with Client(
        server,
        mode=options.mode,
        client_info=Implementation(name="py-client-fixture", version="1.0.0"),
        cache=None,  # every list reaches the server
    ) as client:
        out["connect_ms"] = ms_since(start)
        out["protocol_version"] = client.protocol_version
        out["era"] = "modern" if client.protocol_version in MODERN_VERSIONS else "legacy"
        out["server_info"] = dump(client.server_info)
        out["server_capabilities"] = dump(client.server_capabilities)
        await SCENARIOS[options.scenario](client, out, options)


def describe(error: BaseException) -> str:
    """One line for an exception, unwrapping the ExceptionGroups that task groups raise."""
    while isinstance(error, BaseExceptionGroup) and len(error.exceptions) == 1:
        error = error.exceptions[0]
    if isinstance(error, BaseExceptionGroup):
        return "; ".join(describe(inner) for inner in error.exceptions)
    if isinstance(error, MCPError):
        return f"MCPError {error.code}: {error.message}"
    return f"{type(error).__name__}: {error}"


def main() -> int:
    argv = sys.argv[1:]
    if "--" not in argv or argv.index("--") == len(argv) - 1:
        print(__doc__, file=sys.stderr)
        return 2
    split = argv.index("--")
    parser = argparse.ArgumentParser(description="Python SDK client fixture")
    parser.add_argument("--mode", default="auto", help="auto | legacy | 2026-07-28")
    parser.add_argument("--scenario", required=True, choices=sorted(SCENARIOS))
    parser.add_argument("--tool", help="generic: the tool to call")
    parser.add_argument("--args", type=json.loads, default={}, help="generic: the arguments, a JSON object")
    parser.add_argument("--with-progress", action="store_true", help="generic: pass a progress callback")
    parser.add_argument("--cancel-after-ms", type=int, default=300, help="cancel: when to cancel (300)")
    parser.add_argument("--timeout", type=float, default=60, help="give up after this many seconds (60)")
    options = parser.parse_args(argv[:split])
    if options.scenario == "generic" and not options.tool:
        parser.error("--scenario generic needs --tool")

    out: dict[str, Any] = {"scenario": options.scenario, "mode": options.mode}

    async def guarded() -> None:
        with anyio.fail_after(options.timeout):
            await run(options, argv[split + 1 :], out)

    try:
        anyio.run(guarded)
    except BaseException as error:  # noqa: BLE001 - everything becomes the JSON error
        if isinstance(error, KeyboardInterrupt):
            raise
        message = f"timed out after {options.timeout:g} s" if isinstance(error, TimeoutError) else describe(error)
        log("failed:", message)
        print(json.dumps({"error": message, "partial": out}), flush=True)
        return 1
    print(json.dumps(out), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
