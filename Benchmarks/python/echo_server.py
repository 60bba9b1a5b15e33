"""echo_server.py: the Python side's MCP server of the round-trip benchmark.

The Python SDK's `MCPServer` over stdio (dual-era loop) with one sync tool, `echo` {text} ->
the text as text content (structured_output=False: no outputSchema, no structuredContent,
like orch-mcp's echo-server). See Benchmarks/README.md.
"""

import logging

from mcp.server.mcpserver import MCPServer

logging.disable(logging.WARNING)  # stdout is protocol only; nothing below errors on stderr either

server = MCPServer("echo-server", version="1.0.0")


@server.tool(structured_output=False)
def echo(text: str) -> str:
    """Returns its text argument as text content."""
    return text


if __name__ == "__main__":
    server.run()
