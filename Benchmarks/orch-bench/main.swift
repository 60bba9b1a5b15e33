print("orch-bench: not yet")
