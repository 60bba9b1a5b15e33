"""py-fixture: a small MCP stdio server built with the Python SDK (mcp==2.3.0).

It serves both protocol eras the way the SDK does (the first request picks the era:
server/discover or any request carrying the 2026-07-28 _meta envelope -> modern,
initialize -> legacy). Stdout carries protocol messages only; diagnostics go to stderr.

Usage:
    python py_server.py [--junk] [--crash-after N] [--never-discover]

    --junk            print two non-JSON lines on stdout before serving
    --crash-after N   exit with status 7 (os._exit) inside the N-th tool call, so that
                      the call is in flight when the process dies
    --never-discover  silently drop every server/discover request (a server that never
                      answers the probe; clients must time out and fall back to initialize)
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import threading
from typing import TypedDict

import anyio
from mcp.server.mcpserver import Context, MCPServer
from mcp.server.mcpserver.exceptions import ToolError

server = MCPServer("py-fixture", version="1.0.0")

_crash_after: int | None = None
_calls = 0
_calls_lock = threading.Lock()  # sync tools run in worker threads


def _arrived(tool: str) -> None:
    """Count a tool call; die with status 7 on the configured one."""
    global _calls
    with _calls_lock:
        _calls += 1
        number = _calls
    if _crash_after is not None and number >= _crash_after:
        print(f"py-fixture: crashing in tool call #{number} ({tool})", file=sys.stderr, flush=True)
        os._exit(7)


class Square(TypedDict):
    n: int
    square: int


@server.tool()
def echo(text: str) -> str:
    """Return the text unchanged."""
    _arrived("echo")
    return text


@server.tool()
def add(a: int, b: int) -> int:
    """Add two integers."""
    _arrived("add")
    return a + b


@server.tool()
async def slow(ms: int) -> str:
    """Sleep for ms milliseconds, then return "slept <ms> ms". Cancellable."""
    _arrived("slow")
    try:
        await anyio.sleep(ms / 1000)
    except anyio.get_cancelled_exc_class():
        print(f"py-fixture: slow({ms}) cancelled", file=sys.stderr, flush=True)
        raise
    return f"slept {ms} ms"


@server.tool()
async def progress(steps: int, ctx: Context) -> str:
    """Report `steps` progress notifications (i of steps), then return "done"."""
    _arrived("progress")
    for i in range(1, steps + 1):
        await ctx.report_progress(i, steps, f"step {i} of {steps}")
    return "done"


@server.tool()
def fail(message: str):
    """Always fails: an isError result with text "Error executing tool fail: <message>"."""
    _arrived("fail")
    raise ToolError(message)


@server.tool()
def structured(n: int) -> Square:
    """Return {"n": n, "square": n*n} as structured content (with an outputSchema)."""
    _arrived("structured")
    return Square(n=n, square=n * n)


def _drop_discover() -> None:
    """Put a filter between the real stdin and fd 0 that drops server/discover requests.

    A thread copies lines from (a duplicate of) the original stdin into a pipe, leaving out
    every line whose JSON has "method": "server/discover"; the pipe's read end becomes fd 0,
    which the SDK's stdio transport then reads as usual.
    """
    source = os.fdopen(os.dup(0), "rb", buffering=0)
    read_fd, write_fd = os.pipe()
    os.dup2(read_fd, 0)
    os.close(read_fd)

    def pump() -> None:
        with os.fdopen(write_fd, "wb", buffering=0) as sink:
            for line in source:
                try:
                    message = json.loads(line)
                except ValueError:
                    message = None
                if isinstance(message, dict) and message.get("method") == "server/discover":
                    print("py-fixture: dropped server/discover", file=sys.stderr, flush=True)
                    continue
                try:
                    sink.write(line)
                except BrokenPipeError:
                    return
        # Leaving the with-block closes the pipe: the SDK sees EOF and the server exits.

    threading.Thread(target=pump, name="discover-filter", daemon=True).start()


def main() -> None:
    global _crash_after
    parser = argparse.ArgumentParser(description="py-fixture MCP stdio server")
    parser.add_argument("--junk", action="store_true", help="print two non-JSON lines on stdout first")
    parser.add_argument("--crash-after", type=int, metavar="N", help="exit 7 inside the N-th tool call")
    parser.add_argument("--never-discover", action="store_true", help="never answer server/discover")
    options = parser.parse_args()

    _crash_after = options.crash_after
    if options.junk:
        sys.stdout.write("py-fixture starting up (this line is not JSON)\n")
        sys.stdout.write("*** junk on stdout ***\n")
        sys.stdout.flush()
    if options.never_discover:
        _drop_discover()
    server.run()


if __name__ == "__main__":
    main()
