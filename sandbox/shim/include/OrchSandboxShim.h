/* What Swift cannot call directly for the sandbox: SCM_RIGHTS (the CMSG_* macros), pipe2,
 * posix_spawn with closefrom, socketpair flags, prctl (variadic). Thin wrappers, nothing else;
 * the bodies are in shim.c. */
#ifndef ORCH_SANDBOX_SHIM_H
#define ORCH_SANDBOX_SHIM_H

#include <stdint.h>
#include <sys/types.h>
#include "orch_sandbox_protocol.h"

/* Sends one message with three fds attached; 0, or -1 with errno set. */
int orch_sbx_send_with_fds(int socket, const struct orch_sbx_message *message, int fd0, int fd1, int fd2);
/* Sends one message without fds; 0, or -1 with errno set. */
int orch_sbx_send(int socket, const struct orch_sbx_message *message);
/* Receives one message (fds, if any, are closed: the parent never expects any); the byte count,
 * 0 at end of stream, or -1 with errno set. */
ssize_t orch_sbx_receive(int socket, struct orch_sbx_message *message);
/* A close-on-exec SOCK_SEQPACKET pair; 0, or -1 with errno set. */
int orch_sbx_socketpair(int fds[2]);
/* A close-on-exec pipe; 0, or -1 with errno set. */
int orch_sbx_pipe(int fds[2]);
/* Starts `path` with `argv` and an empty environment in a new process group, `in`/`out`/`err` as
 * fds 0-2, `control` (when >= 0) as fd 3 and every other fd closed, default signal dispositions
 * and an empty mask. The pid, or -errno. */
pid_t orch_sbx_spawn(const char *path, char *const argv[], int in, int out, int err, int control);
/* Sets or clears O_NONBLOCK; 0, or -1 with errno set. */
int orch_sbx_set_nonblocking(int fd, int on);

#endif
