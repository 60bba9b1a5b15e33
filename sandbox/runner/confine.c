/* The confinement steps that come before Python runs user code, each a small function so that
 * main.c and zygote.c read as the documented order (sandbox/README.md, "The order"). */
#include "runner.h"

#include <errno.h>
#include <grp.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

extern char **environ;

/* A user namespace alone does not stop root reading root's files (uid 0 outside stays uid 0 for
 * every file the namespace can see), so root becomes nobody first, for good. */
void drop_privileges(void) {
    if (geteuid() != 0 && getuid() != 0) return;
    const gid_t nobody_gid = 65534;
    const uid_t nobody_uid = 65534;
    if (setgroups(0, NULL) < 0) die("setgroups([]) failed: %s", strerror(errno));
    if (setresgid(nobody_gid, nobody_gid, nobody_gid) < 0) die("setresgid(65534) failed: %s", strerror(errno));
    if (setresuid(nobody_uid, nobody_uid, nobody_uid) < 0) die("setresuid(65534) failed: %s", strerror(errno));
    if (setuid(0) == 0) die("could still become root after dropping privileges");
}

/* Set after the uid change, which clears it. */
void set_parent_death_signal(void) {
    if (prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0) < 0) die("PR_SET_PDEATHSIG failed: %s", strerror(errno));
}

static void set_limit(int resource, const char *name, rlim_t soft, rlim_t hard) {
    struct rlimit limit = {soft, hard};
    if (setrlimit(resource, &limit) < 0) die("setrlimit(%s, %llu) failed: %s", name, (unsigned long long)soft, strerror(errno));
}

void apply_rlimits(const struct limits *limits) {
    /* SIGXCPU at the soft limit (a clear cpu_limit), SIGKILL one second later if it is caught. */
    set_limit(RLIMIT_CPU, "RLIMIT_CPU", limits->cpu_seconds, (rlim_t)limits->cpu_seconds + 1);
    rlim_t bytes = (rlim_t)limits->memory_mb << 20;
    set_limit(RLIMIT_AS, "RLIMIT_AS", bytes, bytes);
    set_limit(RLIMIT_FSIZE, "RLIMIT_FSIZE", ORCH_SBX_LIMIT_file_bytes, ORCH_SBX_LIMIT_file_bytes);
    set_limit(RLIMIT_NOFILE, "RLIMIT_NOFILE", ORCH_SBX_LIMIT_open_files, ORCH_SBX_LIMIT_open_files);
    set_limit(RLIMIT_CORE, "RLIMIT_CORE", ORCH_SBX_LIMIT_core_bytes, ORCH_SBX_LIMIT_core_bytes);
    set_limit(RLIMIT_MEMLOCK, "RLIMIT_MEMLOCK", 0, 0);
}

int enter_namespaces(int wanted) {
    static const struct { int flag; const char *name; } kinds[] = {
        {CLONE_NEWNET, "net"}, {CLONE_NEWNS, "mount"}, {CLONE_NEWIPC, "ipc"}, {CLONE_NEWUTS, "uts"}, {CLONE_NEWPID, "pid"},
    };
    if (unshare(wanted) == 0) return wanted;
    int first_error = errno;
    /* Without a user namespace nothing else can be created unprivileged; try it alone, then add
     * the others one by one. */
    int applied = 0;
    if ((wanted & CLONE_NEWUSER) && unshare(CLONE_NEWUSER) == 0) applied |= CLONE_NEWUSER;
    char missing[128] = "";
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
        if (!(wanted & kinds[i].flag)) continue;
        if (unshare(kinds[i].flag) == 0) {
            applied |= kinds[i].flag;
        } else {
            strncat(missing, " ", sizeof missing - strlen(missing) - 1);
            strncat(missing, kinds[i].name, sizeof missing - strlen(missing) - 1);
        }
    }
    if ((wanted & CLONE_NEWUSER) && !(applied & CLONE_NEWUSER)) strncat(missing, " user", sizeof missing - strlen(missing) - 1);
    if (missing[0]) {
        note("note: the kernel refused some namespaces (%s); running without:%s. seccomp and rlimits still apply.",
             strerror(first_error), missing);
    }
    return applied;
}

void limit_processes(const struct limits *limits) {
    rlim_t count = limits->allow_threads ? ORCH_SBX_LIMIT_thread_processes : ORCH_SBX_LIMIT_processes;
    struct rlimit limit = {count, count};
    if (setrlimit(RLIMIT_NPROC, &limit) < 0) die("setrlimit(RLIMIT_NPROC) failed: %s", strerror(errno));
}

void lock_down(void) {
    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0) die("PR_SET_NO_NEW_PRIVS failed: %s", strerror(errno));
    if (prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) < 0) die("PR_SET_DUMPABLE failed: %s", strerror(errno));
    if (syscall(SYS_close_range, 3u, ~0u, 0u) < 0) {
        for (int fd = 3; fd < 1024; fd++) close(fd);
    }
    static char *empty[] = {NULL};
    environ = empty;
}

void relay_status(int status) {
    if (WIFEXITED(status)) _exit(WEXITSTATUS(status));
    int signal_number = WIFSIGNALED(status) ? WTERMSIG(status) : SIGKILL;
    struct sigaction action = {0};
    action.sa_handler = SIG_DFL;
    sigaction(signal_number, &action, NULL);
    struct rlimit no_core = {0, 0};
    setrlimit(RLIMIT_CORE, &no_core);
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, signal_number);
    sigprocmask(SIG_UNBLOCK, &set, NULL);
    raise(signal_number);
    kill(getpid(), SIGKILL);
    _exit(128 + signal_number);
}
