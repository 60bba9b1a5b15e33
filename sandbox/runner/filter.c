/* The seccomp filter, built from policy/syscalls.def. Both programs (threads off and on) are
 * compiled to BPF once per runner — in the zygote before any step — so a step only installs a
 * ready program. The default action is TRAP: a SIGSYS handler names the syscall on stderr and
 * the process then dies of SIGSYS, which is what the parent's verdict rests on. */
#include "runner.h"

#include <errno.h>
#include <linux/filter.h>
#include <pthread.h>
#include <linux/seccomp.h>
#include <seccomp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sched.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

enum { OP_ANY, OP_EQ, OP_MASK, OP_HAS };
/* Above every syscall number of x86_64 (about 460) and aarch64 (about 460): names are resolved
 * up to here, once per runner, and a cold step pays for each (resolving misses is slow). */
enum { MAX_SYSCALL = 512 };

static struct sock_fprog programs[2];  /* [allow_threads] */
static bool prepared[2];
static bool names_resolved;
/* Names by number, resolved before the filter: the SIGSYS handler may not allocate. */
static const char *names[MAX_SYSCALL];

static void add(scmp_filter_ctx ctx, const char *name, uint32_t action, int arg, int op, uint64_t value) {
    int nr = seccomp_syscall_resolve_name(name);
    if (nr == __NR_SCMP_ERROR) return;  /* not on this architecture (e.g. open on arm64) */
    int rc;
    if (op == OP_ANY || arg < 0) {
        rc = seccomp_rule_add(ctx, action, nr, 0);
    } else {
        struct scmp_arg_cmp cmp;
        if (op == OP_EQ) cmp = SCMP_CMP((unsigned)arg, SCMP_CMP_EQ, value);
        else if (op == OP_MASK) cmp = SCMP_CMP((unsigned)arg, SCMP_CMP_MASKED_EQ, value, 0);
        else cmp = SCMP_CMP((unsigned)arg, SCMP_CMP_MASKED_EQ, value, value);
        rc = seccomp_rule_add(ctx, action, nr, 1, cmp);
    }
    if (rc < 0) die("policy/syscalls.def: the rule for '%s' was refused by libseccomp: %s", name, strerror(-rc));
}

static void build(bool threads, struct sock_fprog *out) {
    scmp_filter_ctx ctx = seccomp_init(SCMP_ACT_TRAP);
    if (!ctx) die("seccomp_init failed");
    if (seccomp_attr_set(ctx, SCMP_FLTATR_ACT_BADARCH, SCMP_ACT_KILL_PROCESS) < 0) die("seccomp: cannot set the bad-arch action");
    if (seccomp_attr_set(ctx, SCMP_FLTATR_CTL_NNP, 0) < 0) die("seccomp: cannot clear CTL_NNP");
    /* A binary tree of syscall numbers instead of one long chain: fewer instructions per call,
     * and the kernel's per-syscall action cache, computed by walking the program for every
     * syscall number when a step installs it, is built faster. */
    if (seccomp_attr_set(ctx, SCMP_FLTATR_CTL_OPTIMIZE, 2) < 0) die("seccomp: cannot ask for the binary-tree layout");
#define ALLOW(n) add(ctx, #n, SCMP_ACT_ALLOW, -1, OP_ANY, 0);
#define ALLOW_IF(n, arg, op, value) add(ctx, #n, SCMP_ACT_ALLOW, arg, OP_##op, (uint64_t)(value));
#define THREADS(n, arg, op, value) if (threads) add(ctx, #n, SCMP_ACT_ALLOW, arg, OP_##op, (uint64_t)(value));
#define ERRNO(n, err) add(ctx, #n, SCMP_ACT_ERRNO(err), -1, OP_ANY, 0);
#define KILL(n) /* the default action */
#include "../policy/syscalls.def"
#undef ALLOW
#undef ALLOW_IF
#undef THREADS
#undef ERRNO
#undef KILL
    int fd = (int)syscall(SYS_memfd_create, "orch-sandbox-bpf", 0u);
    if (fd < 0) die("memfd_create failed: %s", strerror(errno));
    int rc = seccomp_export_bpf(ctx, fd);
    if (rc < 0) die("seccomp_export_bpf failed: %s", strerror(-rc));
    seccomp_release(ctx);
    off_t size = lseek(fd, 0, SEEK_END);
    if (size <= 0 || size % (off_t)sizeof(struct sock_filter)) die("seccomp_export_bpf wrote %lld bytes", (long long)size);
    struct sock_filter *code = malloc((size_t)size);
    if (!code || pread(fd, code, (size_t)size, 0) != size) die("could not read the BPF program back");
    close(fd);
    out->len = (unsigned short)(size / (off_t)sizeof(struct sock_filter));
    out->filter = code;
}

static void *nothing(void *argument) { return argument; }

void filter_prepare(bool allow_threads) {
    if (!names_resolved) {
        for (int nr = 0; nr < MAX_SYSCALL; nr++) names[nr] = seccomp_syscall_resolve_num_arch(SCMP_ARCH_NATIVE, nr);
        names_resolved = true;
    }
    int which = allow_threads ? 1 : 0;
    if (prepared[which]) return;
    if (allow_threads) {
        /* glibc installs its setxid signal handler (rt_sigaction) at the first pthread_create; one
         * joined thread now means a step's threads need no rt_sigaction later. Without threads
         * the code can start none, so a program without them needs no such thread. */
        pthread_t thread;
        if (pthread_create(&thread, NULL, nothing, NULL) == 0) pthread_join(thread, NULL);
    }
    build(allow_threads, &programs[which]);
    prepared[which] = true;
}

static size_t put(char *at, const char *text) {
    size_t n = strlen(text);
    memcpy(at, text, n);
    return n;
}

/* Async-signal-safe: writes "orch-sandbox: blocked syscall N (name)" and dies of SIGSYS by
 * repeating the call now that the handler is reset (SA_RESETHAND). */
static void on_sigsys(int signal_number, siginfo_t *info, void *context) {
    (void)signal_number; (void)context;
    int nr = info->si_syscall;
    char line[160];
    size_t n = put(line, "orch-sandbox: blocked syscall ");
    char digits[12];
    int d = 0;
    unsigned value = nr < 0 ? 0u : (unsigned)nr;
    do { digits[d++] = (char)('0' + value % 10); value /= 10; } while (value && d < 11);
    while (d) line[n++] = digits[--d];
    const char *name = nr >= 0 && nr < MAX_SYSCALL ? names[nr] : NULL;
    if (name && strlen(name) < 64) {
        n += put(line + n, " (");
        n += put(line + n, name);
        n += put(line + n, ")");
    }
    line[n++] = '\n';
    ssize_t ignored = write(2, line, n);
    (void)ignored;
    for (;;) syscall(nr, 0, 0, 0, 0, 0, 0);
}

void filter_install(bool allow_threads) {
    filter_prepare(allow_threads);
    struct sigaction action = {0};
    action.sa_sigaction = on_sigsys;
    action.sa_flags = SA_SIGINFO | SA_RESETHAND | SA_NODEFER;
    sigemptyset(&action.sa_mask);
    if (sigaction(SIGSYS, &action, NULL) < 0) die("sigaction(SIGSYS) failed: %s", strerror(errno));
    if (prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &programs[allow_threads ? 1 : 0], 0, 0) < 0) {
        die("installing the seccomp filter failed: %s", strerror(errno));
    }
}

void filter_check_policy(void) {
    int unknown = 0;
#define CHECK(n) if (seccomp_syscall_resolve_name(#n) == __NR_SCMP_ERROR) { fprintf(stderr, "not on this architecture: %s\n", #n); unknown++; }
#define ALLOW(n) CHECK(n)
#define ALLOW_IF(n, arg, op, value) CHECK(n)
#define THREADS(n, arg, op, value) CHECK(n)
#define ERRNO(n, err) CHECK(n)
#define KILL(n) CHECK(n)
#include "../policy/syscalls.def"
    filter_prepare(false);
    filter_prepare(true);
    printf("policy: %u BPF instructions without threads, %u with; %d names not on this architecture\n",
           programs[0].len, programs[1].len, unknown);
    fflush(stdout);  /* the caller leaves with _exit, which would drop a piped stdout's buffer */
    if (unknown) _exit(1);
}
