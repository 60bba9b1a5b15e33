/*
 * The zygote's control protocol: fixed-size messages on a SOCK_SEQPACKET socket (fd 3 of
 * `orch-sandbox zygote`). Shared by the runner (C) and orch-mcp (Swift, through OrchSandboxShim).
 *
 *   parent -> zygote  START  id, limits; SCM_RIGHTS: the step's stdin, stdout, stderr
 *   zygote -> parent  STARTED id, pid            (or FAILED id, value = errno)
 *   zygote -> parent  EXITED  id, pid, status (raw waitpid), value = CPU µs, maxrss_kb
 *   parent -> zygote  KILL    pid               (carried out only while that child is unreaped)
 *   zygote -> parent  READY                      once, after Python is initialized and warmed
 */
#ifndef ORCH_SANDBOX_PROTOCOL_H
#define ORCH_SANDBOX_PROTOCOL_H

#include <stdint.h>

enum {
    ORCH_SBX_START = 1,
    ORCH_SBX_KILL = 2,
    ORCH_SBX_STARTED = 3,
    ORCH_SBX_FAILED = 4,
    ORCH_SBX_EXITED = 5,
    ORCH_SBX_READY = 6,
};

/* Per-step limits; 0 in a field means "the runner's default" (sandbox/policy/limits.def). */
struct orch_sbx_limits {
    uint32_t cpu_seconds;
    uint32_t memory_mb;
    uint32_t output_bytes;
    uint32_t logs_bytes;
    uint32_t allow_threads;
    uint32_t reserved;
};

struct orch_sbx_message {
    uint32_t type;
    int32_t pid;
    uint64_t id;
    int32_t status;
    int32_t reserved;
    int64_t value;
    int64_t maxrss_kb;
    struct orch_sbx_limits limits;
};

#endif
