/* orch-sandbox: runs one untrusted Python code step per process. See sandbox/README.md. */
#ifndef ORCH_SANDBOX_RUNNER_H
#define ORCH_SANDBOX_RUNNER_H

#define _GNU_SOURCE 1
#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>
#include "../shim/include/orch_sandbox_protocol.h"

/* Exit codes of a step process, read by the parent together with the wait status. */
enum {
    EXIT_STEP_OK = 0,       /* a result frame {"ok": true, ...} is on stdout */
    EXIT_STEP_FAILED = 1,   /* an error frame {"ok": false, "code", "message"} is on stdout */
    EXIT_SETUP = 71,        /* the runner could not set the sandbox up; the reason is on stderr */
};

/* The limits of one step, defaults filled in. */
/* The policy's default and fixed limits are ORCH_SBX_LIMIT_* (the protocol header). */
struct limits {
    uint32_t cpu_seconds;
    uint32_t memory_mb;
    uint32_t output_bytes;
    uint32_t logs_bytes;
    bool allow_threads;
};

void limits_fill(struct limits *out, const struct orch_sbx_limits *in);

/* Prints "orch-sandbox: <message>" to stderr, and exits EXIT_SETUP when `fatal`. */
void note(const char *format, ...) __attribute__((format(printf, 1, 2)));
_Noreturn void die(const char *format, ...) __attribute__((format(printf, 1, 2)));

/* confine.c: the steps before Python runs user code, in the documented order. */
void drop_privileges(void);           /* setgroups([]), gid and uid 65534 when root */
void set_parent_death_signal(void);   /* SIGKILL when the parent dies */
void apply_rlimits(const struct limits *limits);
/* New namespaces; `flags` is tried whole, then without the ones the kernel refuses. Returns the
 * flags that were applied; says once on stderr what was not. */
int enter_namespaces(int flags);
void limit_processes(const struct limits *limits);  /* RLIMIT_NPROC after the runner's own forks */
void lock_down(void);                 /* no_new_privs, not dumpable, fds > 2 closed, environ empty */
_Noreturn void relay_status(int status);  /* exits or dies the way a waited-for child did */

/* filter.c */
void filter_prepare(bool allow_threads);  /* builds that program (threads off or on) once; the zygote builds both */
void filter_install(bool allow_threads);
void filter_check_policy(void);       /* exits non-zero naming any syscall the arch lacks */

/* request.c: the step's request, {"code", "input_data"}, all of fd 0. */
struct request {
    char *bytes;
    size_t length;
};
void request_read(struct request *out);   /* until EOF; exits on a read error */
void write_all(int fd, const void *bytes, size_t length);

/* python.c */
/* Isolated interpreter with the allowlist pre-imported; `warm` also runs the warm-up code. With a
 * request (cold mode) only the modules it names are imported; NULL imports them all. */
void python_start(bool warm, const struct request *request);
int python_run_step(const struct limits *limits, const struct request *request);  /* the frame on fd 1 */
void python_warm_child(void);         /* a throwaway step in a spare child, before its request */
void python_before_fork(void);
void python_after_fork_parent(void);
void python_after_fork_child(void);

/* zygote.c */
_Noreturn void zygote_main(int control);

#endif
