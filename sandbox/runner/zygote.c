/*
 * The fork server. One per orchestrator: started by orch-mcp with the control socket on fd 3,
 * single-threaded and unfiltered; Python is initialized, the allowlist pre-imported and warmed
 * once.
 *
 * It keeps SPARES children forked ahead (each pid 1 of its own pid namespace where allowed): a
 * spare runs a throwaway step so that the copy-on-write faults a step causes are paid before
 * a request arrives, then blocks on its hand-over socket. A START hands the step's fds and
 * limits to the oldest spare (which then confines itself and runs that one step; a child is
 * never reused) and answers STARTED with its pid. New spares are forked only when the zygote
 * has nothing else to do, so a fork never delays a STARTED or an EXITED. The zygote reports each
 * step child's raw wait status, and kills a step's child on request (by step id) only while it
 * is unreaped, so a KILL can never hit a recycled pid.
 */
#include "runner.h"

#include <errno.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

enum { MAX_CHILDREN = 256, SPARES = 2 };

/* Step children (id != 0) and the spare (id == 0), all unreaped. */
static struct { pid_t pid; uint64_t id; } children[MAX_CHILDREN];
static int child_count;
static int control_fd;
static int clone_flags = SIGCHLD;
/* Spares, oldest first: pid and the zygote's end of the hand-over socket. */
static struct { pid_t pid; int fd; } spares[SPARES];
static int spare_count;

static void send_message(uint32_t type, uint64_t id, pid_t pid, int status, int64_t value, int64_t maxrss_kb) {
    struct orch_sbx_message message = {0};
    message.type = type;
    message.id = id;
    message.pid = pid;
    message.status = status;
    message.value = value;
    message.maxrss_kb = maxrss_kb;
    ssize_t sent;
    do { sent = send(control_fd, &message, sizeof message, MSG_NOSIGNAL); } while (sent < 0 && errno == EINTR);
    /* A parent that stopped listening is gone: pdeathsig or the socket's EOF ends us. */
}

/* A spare child: the documented order, split where the request's limits are first needed.
 * Never returns. */
static _Noreturn void spare_main(int handover) {
    /* Only the hand-over socket stays open: other steps' pipes must not be held by a spare. */
    if (dup2(handover, 3) < 0) die("dup2 of the hand-over socket failed: %s", strerror(errno));
    handover = 3;
    if (syscall(SYS_close_range, 4u, ~0u, 0u) < 0) {
        for (int fd = 4; fd < 1024; fd++) close(fd);
    }
    python_after_fork_child();
    sigset_t none;
    sigemptyset(&none);
    signal(SIGCHLD, SIG_DFL);
    sigprocmask(SIG_SETMASK, &none, NULL);
    if (setsid() < 0) die("setsid failed: %s", strerror(errno));
    set_parent_death_signal();
    python_warm_child();

    struct orch_sbx_message request;
    int fds[3];
    int fd_count = 0;
    ssize_t got = orch_sbx_receive_fds(handover, &request, fds, &fd_count);
    if (got != (ssize_t)sizeof request || fd_count != 3) _exit(EXIT_SETUP);  /* the zygote shut down */
    for (int target = 0; target < 3; target++) {
        if (dup2(fds[target], target) < 0) die("dup2 of the step's fd %d failed: %s", target, strerror(errno));
    }
    struct limits limits;
    limits_fill(&limits, &request.limits);
    apply_rlimits(&limits);
    /* Namespaces: user, net, mount, ipc and uts were entered once by the zygote (shared by its
     * children, which can reach none of them past the filter); the pid namespace is this
     * child's own (clone flags). */
    limit_processes(&limits);
    lock_down();  /* also closes the hand-over socket and the received originals */
    filter_install(limits.allow_threads);
    struct request step;
    request_read(&step);
    _exit(python_run_step(&limits, &step));
}

static int find(pid_t pid) {
    for (int i = 0; i < child_count; i++) if (children[i].pid == pid) return i;
    return -1;
}

/* The unreaped child running step `id` (never a spare: their id is 0); -1 when there is none. */
static int find_step(uint64_t id) {
    for (int i = 0; id != 0 && i < child_count; i++) if (children[i].id == id) return i;
    return -1;
}

/* Forks the next spare; false (with errno) when it could not. */
static bool fork_spare(void) {
    if (child_count == MAX_CHILDREN) {
        errno = EAGAIN;
        return false;
    }
    int pair[2];
    if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, pair) < 0) return false;
    python_before_fork();
    pid_t pid = (pid_t)syscall(SYS_clone, (unsigned long)clone_flags, NULL, NULL, NULL, 0ul);
    if (pid < 0 && (clone_flags & CLONE_NEWPID)) {
        note("note: a new pid namespace per step was refused (%s); steps share the zygote's.", strerror(errno));
        clone_flags = SIGCHLD;
        pid = (pid_t)syscall(SYS_clone, (unsigned long)clone_flags, NULL, NULL, NULL, 0ul);
    }
    if (pid == 0) {
        close(pair[0]);
        spare_main(pair[1]);
    }
    int saved = errno;
    python_after_fork_parent();
    close(pair[1]);
    if (pid < 0) {
        close(pair[0]);
        errno = saved;
        return false;
    }
    children[child_count].pid = pid;
    children[child_count].id = 0;
    child_count++;
    spares[spare_count].pid = pid;
    spares[spare_count].fd = pair[0];
    spare_count++;
    return true;
}

/* Takes the oldest spare out of the list; false when there is none. */
static bool take_spare(pid_t *pid, int *fd) {
    if (spare_count == 0) return false;
    *pid = spares[0].pid;
    *fd = spares[0].fd;
    for (int i = 1; i < spare_count; i++) spares[i - 1] = spares[i];
    spare_count--;
    return true;
}

/* Forgets a spare that died; true when `pid` was one. */
static bool drop_spare(pid_t pid) {
    for (int i = 0; i < spare_count; i++) {
        if (spares[i].pid != pid) continue;
        close(spares[i].fd);
        for (int j = i + 1; j < spare_count; j++) spares[j - 1] = spares[j];
        spare_count--;
        return true;
    }
    return false;
}

static void start(const struct orch_sbx_message *request, const int fds[3]) {
    if (request->id == 0) {
        send_message(ORCH_SBX_FAILED, request->id, 0, 0, EINVAL, 0);
        return;
    }
    if (spare_count == 0 && !fork_spare()) {
        send_message(ORCH_SBX_FAILED, request->id, 0, 0, errno, 0);
        return;
    }
    pid_t pid = 0;
    int handover = -1;
    take_spare(&pid, &handover);
    int i = find(pid);
    if (i < 0 || orch_sbx_send_fds(handover, request, fds) < 0) {
        /* The spare died before its hand-over; it is (or will be) reaped unreported. */
        int saved = i < 0 ? ESRCH : errno;
        close(handover);
        if (i >= 0) kill(pid, SIGKILL);
        send_message(ORCH_SBX_FAILED, request->id, 0, 0, saved, 0);
        return;
    }
    close(handover);
    children[i].id = request->id;
    send_message(ORCH_SBX_STARTED, request->id, pid, 0, 0, 0);
}

static void reap(void) {
    for (;;) {
        int status = 0;
        struct rusage usage;
        memset(&usage, 0, sizeof usage);
        pid_t pid = wait4(-1, &status, WNOHANG, &usage);
        if (pid <= 0) return;
        int i = find(pid);
        if (i < 0) continue;
        if (children[i].id != 0) {
            int64_t cpu_us = (int64_t)usage.ru_utime.tv_sec * 1000000 + usage.ru_utime.tv_usec
                           + (int64_t)usage.ru_stime.tv_sec * 1000000 + usage.ru_stime.tv_usec;
            send_message(ORCH_SBX_EXITED, children[i].id, pid, status, cpu_us, usage.ru_maxrss);
        } else if (drop_spare(pid)) {
            note("a spare child died before its step (wait status 0x%x); forking another", status);
        }
        children[i] = children[--child_count];
    }
}

static _Noreturn void shut_down(void) {
    for (int i = 0; i < child_count; i++) {
        kill(-children[i].pid, SIGKILL);
        kill(children[i].pid, SIGKILL);
    }
    for (int i = 0; i < child_count; i++) {
        int status;
        while (waitpid(children[i].pid, &status, 0) < 0 && errno == EINTR) {}
    }
    _exit(0);
}

void zygote_main(int control) {
    control_fd = control;
    int type = 0;
    socklen_t length = sizeof type;
    if (getsockopt(control_fd, SOL_SOCKET, SO_TYPE, &type, &length) < 0 || type != SOCK_SEQPACKET) {
        die("zygote mode needs a SOCK_SEQPACKET control socket on fd %d", control_fd);
    }
    static char *empty[] = {NULL};
    environ = empty;  /* before Python reads it into os.environ */
    drop_privileges();
    /* SIGTERM, not SIGKILL, when orch-mcp dies: the zygote then kills and reaps its children
     * itself (shut_down) instead of leaving them to init as zombies. */
    sigset_t term;
    sigemptyset(&term);
    sigaddset(&term, SIGTERM);
    sigprocmask(SIG_BLOCK, &term, NULL);
    if (prctl(PR_SET_PDEATHSIG, SIGTERM, 0, 0, 0) < 0) die("PR_SET_PDEATHSIG failed: %s", strerror(errno));
    if (getppid() == 1) _exit(0);  /* the parent is already gone */
    int flags = enter_namespaces(CLONE_NEWUSER | CLONE_NEWNET | CLONE_NEWNS | CLONE_NEWIPC | CLONE_NEWUTS);
    if (flags & CLONE_NEWUSER) clone_flags |= CLONE_NEWPID;
    filter_prepare(false);  /* both programs: each spare installs the one its step asks for */
    filter_prepare(true);
    python_start(true, NULL);

    sigset_t chld;
    sigemptyset(&chld);
    sigaddset(&chld, SIGCHLD);
    sigaddset(&chld, SIGTERM);
    sigprocmask(SIG_BLOCK, &chld, NULL);
    int signals = signalfd(-1, &chld, SFD_CLOEXEC | SFD_NONBLOCK);
    if (signals < 0) die("signalfd failed: %s", strerror(errno));
    fork_spare();
    send_message(ORCH_SBX_READY, 0, getpid(), 0, 0, 0);

    for (;;) {
        struct pollfd watch[2] = {{control_fd, POLLIN, 0}, {signals, POLLIN, 0}};
        int ready = poll(watch, 2, spare_count < SPARES ? 0 : -1);
        if (ready < 0) {
            if (errno == EINTR) continue;
            die("poll failed: %s", strerror(errno));
        }
        if (ready == 0) {
            /* Idle: the time to fork a spare. A failure is retried when a step asks. */
            if (!fork_spare()) {
                struct pollfd wait_for_work[2] = {{control_fd, POLLIN, 0}, {signals, POLLIN, 0}};
                poll(wait_for_work, 2, -1);
            }
            continue;
        }
        if (watch[1].revents) {
            struct signalfd_siginfo info;
            bool terminate = false;
            while (read(signals, &info, sizeof info) > 0) {
                if (info.ssi_signo == SIGTERM) terminate = true;
            }
            reap();
            if (terminate) shut_down();
        }
        if (!watch[0].revents) continue;
        struct orch_sbx_message request;
        int fds[3];
        int fd_count = 0;
        memset(&request, 0, sizeof request);
        ssize_t got = orch_sbx_receive_fds(control_fd, &request, fds, &fd_count);
        if (got == 0) shut_down();
        if (got < 0) {
            if (errno == EMSGSIZE) continue;
            shut_down();
        }
        if (got == (ssize_t)sizeof request && request.type == ORCH_SBX_START) {
            if (fd_count == 3) start(&request, fds);
            else send_message(ORCH_SBX_FAILED, request.id, 0, 0, EBADF, 0);
        } else if (got == (ssize_t)sizeof request && request.type == ORCH_SBX_KILL) {
            int i = find_step(request.id);
            if (i >= 0) {
                kill(-children[i].pid, SIGKILL);
                kill(children[i].pid, SIGKILL);
            }
        }
        for (int i = 0; i < fd_count; i++) close(fds[i]);
    }
}
