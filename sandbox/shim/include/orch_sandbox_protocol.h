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
#include <sys/types.h>
#include <unistd.h>

enum {
    ORCH_SBX_START = 1,
    ORCH_SBX_KILL = 2,
    ORCH_SBX_STARTED = 3,
    ORCH_SBX_FAILED = 4,
    ORCH_SBX_EXITED = 5,
    ORCH_SBX_READY = 6,
};

/* The default and fixed limits of a step (policy/limits.def), for the runner and for orch-mcp
 * alike: ORCH_SBX_LIMIT_cpu_seconds, ORCH_SBX_LIMIT_processes, ... */
enum {
#define LIMIT(name, value, unit, what) ORCH_SBX_LIMIT_##name = value,
#include "../../policy/limits.def"
#undef LIMIT
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

/* A msghdr for one message in `iov` with the control buffer `control` (SCM_RIGHTS). */
static inline struct msghdr orch_sbx_header(struct iovec *iov, void *control, size_t control_size) {
    struct msghdr header;
    memset(&header, 0, sizeof header);
    header.msg_iov = iov;
    header.msg_iovlen = 1;
    header.msg_control = control;
    header.msg_controllen = control_size;
    return header;
}

/* Sends `message` with three fds attached (SCM_RIGHTS), retrying on EINTR; 0, or -1 with errno
 * set. Inline here because both the runner (zygote -> spare hand-over) and orch-mcp (parent ->
 * zygote START, through OrchSandboxShim) send exactly this. */
static inline int orch_sbx_send_fds(int socket, const struct orch_sbx_message *message, const int fds[3]) {
    union { char buffer[CMSG_SPACE(sizeof(int) * 3)]; struct cmsghdr align; } control;
    memset(&control, 0, sizeof control);
    struct iovec iov = {(void *)message, sizeof *message};
    struct msghdr header = orch_sbx_header(&iov, control.buffer, sizeof control.buffer);
    struct cmsghdr *cmsg = CMSG_FIRSTHDR(&header);
    cmsg->cmsg_level = SOL_SOCKET;
    cmsg->cmsg_type = SCM_RIGHTS;
    cmsg->cmsg_len = CMSG_LEN(sizeof(int) * 3);
    memcpy(CMSG_DATA(cmsg), fds, sizeof(int) * 3);
    ssize_t sent;
    do { sent = sendmsg(socket, &header, MSG_NOSIGNAL); } while (sent < 0 && errno == EINTR);
    return sent == (ssize_t)sizeof *message ? 0 : -1;
}

/* Receives one message and up to three fds from `socket` (close-on-exec; any more are closed),
 * retrying on EINTR; the byte count, 0 at end of stream, or -1 with errno set. A message or fd
 * list that was cut short is -1 with EMSGSIZE, and no fd is kept. Shared like the above: the
 * spare and the zygote receive fds with it, orch-mcp (which expects none) closes what comes. */
static inline ssize_t orch_sbx_receive_fds(int socket, struct orch_sbx_message *message, int fds[3], int *fd_count) {
    union { char buffer[CMSG_SPACE(sizeof(int) * 3)]; struct cmsghdr align; } control;
    struct iovec iov = {message, sizeof *message};
    struct msghdr header = orch_sbx_header(&iov, control.buffer, sizeof control.buffer);
    ssize_t got;
    do { got = recvmsg(socket, &header, MSG_CMSG_CLOEXEC); } while (got < 0 && errno == EINTR);
    *fd_count = 0;
    for (struct cmsghdr *c = got > 0 ? CMSG_FIRSTHDR(&header) : NULL; c; c = CMSG_NXTHDR(&header, c)) {
        if (c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_RIGHTS) continue;
        int n = (int)((c->cmsg_len - CMSG_LEN(0)) / sizeof(int));
        for (int i = 0; i < n; i++) {
            int fd;
            memcpy(&fd, CMSG_DATA(c) + (size_t)i * sizeof(int), sizeof fd);
            if (*fd_count < 3) fds[(*fd_count)++] = fd; else close(fd);
        }
    }
    if (got >= 0 && (header.msg_flags & (MSG_TRUNC | MSG_CTRUNC))) {
        for (int i = 0; i < *fd_count; i++) close(fds[i]);
        *fd_count = 0;
        errno = EMSGSIZE;
        return -1;
    }
    return got;
}

#endif
