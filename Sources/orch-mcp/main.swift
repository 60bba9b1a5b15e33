print("orch-mcp")
