/* The shim's implementations, compiled with _GNU_SOURCE (which the header must not define: Swift's
 * Glibc module is built without it, and the two views of glibc's structs would clash). */
#define _GNU_SOURCE 1
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <unistd.h>
#include "OrchSandboxShim.h"

/* Sends one message with three fds attached; 0, or -1 with errno set. */
int orch_sbx_send_with_fds(int socket, const struct orch_sbx_message *message, int fd0, int fd1, int fd2) {
    int fds[3] = {fd0, fd1, fd2};
    return orch_sbx_send_fds(socket, message, fds);
}

/* Sends one message without fds; 0, or -1 with errno set. */
int orch_sbx_send(int socket, const struct orch_sbx_message *message) {
    ssize_t sent;
    do { sent = send(socket, message, sizeof *message, MSG_NOSIGNAL); } while (sent < 0 && errno == EINTR);
    return sent == (ssize_t)sizeof *message ? 0 : -1;
}

/* Receives one message (fds, if any, are closed: the parent never expects any); the byte count,
 * 0 at end of stream, or -1 with errno set. */
ssize_t orch_sbx_receive(int socket, struct orch_sbx_message *message) {
    int fds[3];
    int count = 0;
    ssize_t got = orch_sbx_receive_fds(socket, message, fds, &count);
    for (int i = 0; i < count; i++) close(fds[i]);
    return got;
}

/* A close-on-exec SOCK_SEQPACKET pair; 0, or -1 with errno set. */
int orch_sbx_socketpair(int fds[2]) {
    return socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, fds);
}

/* A close-on-exec pipe; 0, or -1 with errno set. */
int orch_sbx_pipe(int fds[2]) { return pipe2(fds, O_CLOEXEC); }

/* Starts `path` with `argv` and an empty environment in a new process group, `in`/`out`/`err` as
 * fds 0-2, `control` (when >= 0) as fd 3 and every other fd closed, default signal dispositions
 * and an empty mask. The pid, or -errno. */
pid_t orch_sbx_spawn(const char *path, char *const argv[], int in, int out, int err, int control) {
    posix_spawn_file_actions_t actions;
    posix_spawnattr_t attributes;
    posix_spawn_file_actions_init(&actions);
    posix_spawnattr_init(&attributes);
    int rc = posix_spawn_file_actions_adddup2(&actions, in, 0);
    if (!rc) rc = posix_spawn_file_actions_adddup2(&actions, out, 1);
    if (!rc) rc = posix_spawn_file_actions_adddup2(&actions, err, 2);
    if (!rc && control >= 0) rc = posix_spawn_file_actions_adddup2(&actions, control, 3);
    if (!rc) rc = posix_spawn_file_actions_addclosefrom_np(&actions, control >= 0 ? 4 : 3);
    sigset_t all, none;
    sigfillset(&all);
    sigemptyset(&none);
    if (!rc) rc = posix_spawnattr_setsigdefault(&attributes, &all);
    if (!rc) rc = posix_spawnattr_setsigmask(&attributes, &none);
    if (!rc) rc = posix_spawnattr_setpgroup(&attributes, 0);
    if (!rc) rc = posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK);
    pid_t pid = -1;
    char *empty[] = {NULL};
    if (!rc) rc = posix_spawn(&pid, path, &actions, &attributes, argv, empty);
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attributes);
    return rc ? -rc : pid;
}

/* Sets or clears O_NONBLOCK; 0, or -1 with errno set. */
int orch_sbx_set_nonblocking(int fd, int on) {
    int flags = fcntl(fd, F_GETFL);
    if (flags < 0) return -1;
    return fcntl(fd, F_SETFL, on ? (flags | O_NONBLOCK) : (flags & ~O_NONBLOCK));
}

