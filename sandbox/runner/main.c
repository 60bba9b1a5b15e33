/*
 * orch-sandbox: the runner of `code_exec` steps.
 *
 *   orch-sandbox run [--cpu S] [--memory-mb M] [--output-bytes B] [--logs-bytes B] [--threads]
 *       cold: one step; {"code", "input_data"} on stdin, the result frame on stdout
 *   orch-sandbox zygote
 *       warm: a fork server on the control socket fd 3 (orch_sandbox_protocol.h)
 *   orch-sandbox probe SYSCALL [--threads]
 *       the full confinement, then the raw syscall with zero arguments instead of Python: the
 *       tests use it to check the filter for calls Python cannot make (ptrace, mount, ...)
 *   orch-sandbox check-policy
 *       exits non-zero naming any syscall in policy/syscalls.def this architecture lacks
 */
#include "runner.h"

#include <errno.h>
#include <sched.h>
#include <seccomp.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

void note(const char *format, ...) {
    char line[512];
    va_list args;
    va_start(args, format);
    int n = vsnprintf(line, sizeof line - 1, format, args);
    va_end(args);
    if (n < 0) return;
    if (n > (int)sizeof line - 2) n = (int)sizeof line - 2;
    line[n++] = '\n';
    ssize_t ignored = write(2, "orch-sandbox: ", 14);
    ignored = write(2, line, (size_t)n);
    (void)ignored;
}

void die(const char *format, ...) {
    char line[512];
    va_list args;
    va_start(args, format);
    vsnprintf(line, sizeof line, format, args);
    va_end(args);
    note("%s", line);
    _exit(EXIT_SETUP);
}

void limits_fill(struct limits *out, const struct orch_sbx_limits *in) {
    out->cpu_seconds = in && in->cpu_seconds ? in->cpu_seconds : ORCH_SBX_LIMIT_cpu_seconds;
    out->memory_mb = in && in->memory_mb ? in->memory_mb : ORCH_SBX_LIMIT_memory_mb;
    out->output_bytes = in && in->output_bytes ? in->output_bytes : ORCH_SBX_LIMIT_output_bytes;
    out->logs_bytes = in && in->logs_bytes ? in->logs_bytes : ORCH_SBX_LIMIT_logs_bytes;
    out->allow_threads = in && in->allow_threads;
}

static uint32_t number(const char *option, const char *text) {
    char *end = NULL;
    errno = 0;
    unsigned long value = text ? strtoul(text, &end, 10) : 0;
    if (!text || errno || *end || value == 0 || value > 0xFFFFFFFFul) die("%s needs a positive number, not '%s'", option, text ? text : "");
    return (uint32_t)value;
}

static void parse_limits(int argc, char **argv, int first, struct orch_sbx_limits *in) {
    for (int i = first; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--cpu")) in->cpu_seconds = number(a, i + 1 < argc ? argv[++i] : NULL);
        else if (!strcmp(a, "--memory-mb")) in->memory_mb = number(a, i + 1 < argc ? argv[++i] : NULL);
        else if (!strcmp(a, "--output-bytes")) in->output_bytes = number(a, i + 1 < argc ? argv[++i] : NULL);
        else if (!strcmp(a, "--logs-bytes")) in->logs_bytes = number(a, i + 1 < argc ? argv[++i] : NULL);
        else if (!strcmp(a, "--threads")) in->allow_threads = 1;
        else die("unknown option '%s' (see the comment at the top of sandbox/runner/main.c)", a);
    }
}

/*
 * Cold mode and probes: one process does the whole sequence itself. With a new pid namespace the
 * runner forks once so that the step is pid 1 of it, and relays the step's exact status.
 */
static int confine_cold(const struct limits *limits) {
    if (setsid() < 0 && errno != EPERM) die("setsid failed: %s", strerror(errno));
    drop_privileges();
    set_parent_death_signal();
    apply_rlimits(limits);
    int flags = enter_namespaces(CLONE_NEWUSER | CLONE_NEWNET | CLONE_NEWNS | CLONE_NEWIPC | CLONE_NEWUTS | CLONE_NEWPID);
    if (flags & CLONE_NEWPID) {
        pid_t child = fork();
        if (child < 0) die("fork into the new pid namespace failed: %s", strerror(errno));
        if (child > 0) {
            int status = 0;
            while (waitpid(child, &status, 0) < 0) {
                if (errno != EINTR) die("waitpid failed: %s", strerror(errno));
            }
            relay_status(status);
        }
        set_parent_death_signal();  /* not inherited across fork */
    }
    limit_processes(limits);
    lock_down();
    return flags;
}

static int probe(const char *name, const struct limits *limits) {
    int nr = seccomp_syscall_resolve_name(name);
    if (nr < 0) die("unknown syscall '%s'", name);
    filter_prepare(limits->allow_threads);
    confine_cold(limits);
    filter_install(limits->allow_threads);
    long result = syscall(nr, 0, 0, 0, 0, 0, 0);
    char line[128];
    int n = snprintf(line, sizeof line, "%s returned %ld (errno %d)\n", name, result, result < 0 ? errno : 0);
    ssize_t ignored = write(1, line, (size_t)n);
    (void)ignored;
    return 0;
}

int main(int argc, char **argv) {
    const char *mode = argc > 1 ? argv[1] : "";
    struct orch_sbx_limits requested = {0};
    struct limits limits;
    if (!strcmp(mode, "run")) {
        parse_limits(argc, argv, 2, &requested);
        limits_fill(&limits, &requested);
        filter_prepare(limits.allow_threads);  /* only the program this step installs */
        confine_cold(&limits);
        struct request request;
        request_read(&request);
        python_start(false, &request);
        filter_install(limits.allow_threads);
        _exit(python_run_step(&limits, &request));
    }
    if (!strcmp(mode, "zygote")) {
        zygote_main(3);
    }
    if (!strcmp(mode, "probe") && argc > 2) {
        parse_limits(argc, argv, 3, &requested);
        limits_fill(&limits, &requested);
        _exit(probe(argv[2], &limits));
    }
    if (!strcmp(mode, "check-policy")) {
        filter_check_policy();
        _exit(0);
    }
    fprintf(stderr, "usage: orch-sandbox run [--cpu S] [--memory-mb M] [--output-bytes B] [--logs-bytes B] [--threads]\n"
                    "       orch-sandbox zygote   (control socket on fd 3)\n"
                    "       orch-sandbox probe SYSCALL [--threads]\n"
                    "       orch-sandbox check-policy\n");
    return 2;
}
