/*
 * The zygote's control protocol: fixed-size messages on a SOCK_SEQPACKET socket (fd 3 of
 * `orch-sandbox zygote`). Shared by the runner (C) and orch-mcp (Swift, through OrchSandboxShim).
 *
 *   parent -> zygote  START  id, limits; SCM_RIGHTS: the step's stdin, stdout, stderr
 *   zygote -> parent  STARTED id, pid            (or FAILED id, value = errno)
 *   zygote -> parent  EXITED  id, pid, status (raw waitpid), value = CPU µs, maxrss_kb
 *   parent -> zygote  KILL    id                (carried out only while that step's child is unreaped)
 *
 * The parent writes the step's request into the stdin pipe right after START, without waiting
 * for STARTED: the child finds it there. KILL names the step, not a pid, for the same reason.
 *   zygote -> parent  READY                      once, after Python is initialized and warmed
 */
#ifndef ORCH_SANDBOX_PROTOCOL_H
#define ORCH_SANDBOX_PROTOCOL_H

#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/uio.h>

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

/* Sends `message` with three fds attached (SCM_RIGHTS), retrying on EINTR; 0, or -1 with errno
 * set. Inline here because both the runner (zygote -> spare hand-over) and orch-mcp (parent ->
 * zygote START, through OrchSandboxShim) send exactly this. */
static inline int orch_sbx_send_fds(int socket, const struct orch_sbx_message *message, const int fds[3]) {
    union { char buffer[CMSG_SPACE(sizeof(int) * 3)]; struct cmsghdr align; } control;
    memset(&control, 0, sizeof control);
    struct iovec iov = {(void *)message, sizeof *message};
    struct msghdr header;
    memset(&header, 0, sizeof header);
    header.msg_iov = &iov;
    header.msg_iovlen = 1;
    header.msg_control = control.buffer;
    header.msg_controllen = sizeof control.buffer;
    struct cmsghdr *cmsg = CMSG_FIRSTHDR(&header);
    cmsg->cmsg_level = SOL_SOCKET;
    cmsg->cmsg_type = SCM_RIGHTS;
    cmsg->cmsg_len = CMSG_LEN(sizeof(int) * 3);
    memcpy(CMSG_DATA(cmsg), fds, sizeof(int) * 3);
    ssize_t sent;
    do { sent = sendmsg(socket, &header, MSG_NOSIGNAL); } while (sent < 0 && errno == EINTR);
    return sent == (ssize_t)sizeof *message ? 0 : -1;
}

#endif
