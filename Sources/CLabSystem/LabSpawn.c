#define _GNU_SOURCE
#include "LabSpawn.h"

#include <errno.h>

#if defined(__linux__)
#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

/// The size of the kernel's signal set, which its rt_ calls take: 64 signals on most
/// architectures (8 bytes), 128 on MIPS; the buffers below hold 16.
#define KERNEL_SIGSET_SIZE ((size_t)(NSIG - 1) / 8)

// The dispositions to put back in each child: every signal not at its default when last looked
// at, plus SIGPIPE (ignored by almost every program that writes to pipes, libraries included).
// Looked at again, 64 sigaction calls, only after a change was announced.
static pthread_mutex_t reset_lock = PTHREAD_MUTEX_INITIALIZER;
static sigset_t reset_signals;
static unsigned long reset_generation;
static int reset_known;
static atomic_ulong disposition_generation;
/// Held for reading from the moment a start looks at the dispositions until its child has
/// executed the program, and for writing by `lab_sigaction`: a disposition changed through it
/// is never changed between the look and the child.
static pthread_rwlock_t disposition_lock = PTHREAD_RWLOCK_INITIALIZER;

void lab_spawn_signal_dispositions_changed(void) {
    atomic_fetch_add_explicit(&disposition_generation, 1, memory_order_release);
}

int lab_sigaction(int number, const struct sigaction *action, struct sigaction *previous) {
    pthread_rwlock_wrlock(&disposition_lock);
    int result = sigaction(number, action, previous);
    int error = errno;
    lab_spawn_signal_dispositions_changed();
    pthread_rwlock_unlock(&disposition_lock);
    errno = error;
    return result;
}

int lab_signal(int number, void (*handler)(int)) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = handler;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    return lab_sigaction(number, &action, NULL);
}

static void signals_to_reset(sigset_t *signals) {
    unsigned long generation = atomic_load_explicit(&disposition_generation, memory_order_acquire);
    pthread_mutex_lock(&reset_lock);
    if (!reset_known || reset_generation != generation) {
        sigemptyset(&reset_signals);
        sigaddset(&reset_signals, SIGPIPE);
        for (int number = 1; number < NSIG; number++) {
            if (number == SIGKILL || number == SIGSTOP) continue;
            struct sigaction action;
            // The C library's own signals (thread cancellation, setxid) answer EINVAL: not ours.
            if (sigaction(number, NULL, &action) != 0) continue;
            if (action.sa_handler != SIG_DFL) sigaddset(&reset_signals, number);
        }
        reset_generation = generation;
        reset_known = 1;
    }
    *signals = reset_signals;
    pthread_mutex_unlock(&reset_lock);
}

struct child_state {
    const struct lab_spawn_request *request;
    const sigset_t *reset;
    /// The PATH to search, or NULL to execute `program` as it is.
    const char *search;
    /// The C library's internal signals: from the kernel's first real-time signal up to the first
    /// one the library leaves to programs.
    int first_internal;
    int first_realtime;
    // Written by the child when it fails, read by the parent once the child is gone.
    int error;
    int stage;
};

static int child_fails(struct child_state *state, int stage) {
    state->error = errno ? errno : EINVAL;
    state->stage = stage;
    _exit(127);
}

// Closes every descriptor from 3 up: close_range where the kernel has it (5.9), else what
// /proc/self/fd lists, read with the system call itself (no allocation in the child). -1 when
// neither can be done, as posix_spawn's closefrom fails then.
static int close_from_three(void) {
#if defined(SYS_close_range)
    if (syscall(SYS_close_range, 3U, ~0U, 0U) == 0) return 0;
#endif
    int folder = (int)syscall(SYS_openat, AT_FDCWD, "/proc/self/fd", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (folder < 0) return -1;
    char buffer[1024] __attribute__((aligned(8)));
    for (;;) {
        long count = syscall(SYS_getdents64, folder, buffer, sizeof buffer);
        if (count <= 0) break;
        int closed = 0;
        for (long offset = 0; offset < count;) {
            struct dirent64 *entry = (struct dirent64 *)(buffer + offset);
            offset += entry->d_reclen;
            int descriptor = 0;
            const char *digit = entry->d_name;
            if (*digit < '0' || *digit > '9') continue;
            for (; *digit >= '0' && *digit <= '9'; digit++) descriptor = descriptor * 10 + (*digit - '0');
            if (descriptor >= 3 && descriptor != folder) {
                syscall(SYS_close, descriptor);
                closed = 1;
            }
        }
        // Closing changes the listing: start again from the top until a pass closes nothing.
        if (closed) lseek(folder, 0, SEEK_SET);
    }
    syscall(SYS_close, folder);
    return 0;
}

// posix_spawnp's search: each PATH entry in turn (an empty one is the current folder), on past
// entries that do not have the program, EACCES reported if any entry had it but could not run
// it; no shell for a file that is not an executable. Two differences, both on the side of
// finding the program: an entry too long to join with the name is passed over (glibc stops
// there), and a program found nowhere is ENOENT (glibc reports the last entry's error, ENOTDIR
// when that entry is a file).
static void execute_searching(struct child_state *state) {
    const struct lab_spawn_request *request = state->request;
    size_t name_length = strlen(request->program);
    if (name_length > NAME_MAX) {
        errno = ENAMETOOLONG;
        return;
    }
    char path[PATH_MAX + NAME_MAX + 2];
    int denied = 0;
    const char *entry = state->search;
    for (;;) {
        const char *end = strchrnul(entry, ':');
        size_t length = (size_t)(end - entry);
        if (length + name_length + 2 <= sizeof path) {
            memcpy(path, entry, length);
            size_t offset = length;
            if (length > 0) path[offset++] = '/';
            memcpy(path + offset, request->program, name_length + 1);
            execve(path, request->arguments, request->environment);
            switch (errno) {
            case EACCES:
                denied = 1;
                break;
            case ENOENT:
            case ENOTDIR:
            case ESTALE:
            case ENODEV:
            case ETIMEDOUT:
            case ENAMETOOLONG:
                break;
            default:
                return;
            }
        }
        if (*end == '\0') break;
        entry = end + 1;
    }
    errno = denied ? EACCES : ENOENT;
}

static int child_main(void *argument) {
    struct child_state *state = argument;
    const struct lab_spawn_request *request = state->request;

    // Every signal is blocked (the parent blocked them before clone): no handler of the parent
    // can run here, on memory the parent shares, before the dispositions are put back.
    struct sigaction default_action;
    memset(&default_action, 0, sizeof default_action);
    default_action.sa_handler = SIG_DFL;
    for (int number = 1; number < NSIG; number++) {
        if (sigismember(state->reset, number) == 1) sigaction(number, &default_action, NULL);
    }
    // The C library's own real-time signals (thread cancellation, setxid), which its sigaction
    // refuses to touch: a program started by posix_spawn gets them ignored, a process that was
    // itself started that way passes them on ignored. The kernel's call puts them back; an
    // all-zero kernel sigaction is SIG_DFL whatever the architecture's layout.
    for (int number = state->first_internal; number < state->first_realtime; number++) {
        uint64_t zeroed[8] = {0};
        syscall(SYS_rt_sigaction, number, zeroed, NULL, KERNEL_SIGSET_SIZE);
    }
    errno = 0;
    if (setsid() < 0) child_fails(state, LAB_SPAWN_STAGE_SESSION);
    // A signal already pending (sent to the old process group before setsid) is delivered when
    // the mask is lifted below: if its disposition was changed without `lab_sigaction` since it
    // was looked at, it is put back now, so that no handler of the parent runs here.
    sigset_t pending;
    if (sigpending(&pending) == 0) {
        for (int number = 1; number < NSIG; number++) {
            if (number != SIGKILL && number != SIGSTOP && sigismember(&pending, number) == 1 && sigismember(state->reset, number) != 1) {
                sigaction(number, &default_action, NULL);
            }
        }
    }

    // Output descriptors that sit on 0, 1 or 2 (this process was started with one of those
    // closed) are moved out of the way first, so that no dup2 below overwrites another. Every
    // descriptor made here is close-on-exec but those dup2 puts on 0, 1 and 2.
    int output = request->stdout_descriptor, errors = request->stderr_descriptor;
    if (output < 3 && (output = fcntl(output, F_DUPFD_CLOEXEC, 3)) < 0) child_fails(state, LAB_SPAWN_STAGE_OUTPUT);
    if (errors < 3 && (errors = fcntl(errors, F_DUPFD_CLOEXEC, 3)) < 0) child_fails(state, LAB_SPAWN_STAGE_OUTPUT);
    int input = (int)syscall(SYS_openat, AT_FDCWD, "/dev/null", O_RDONLY | O_CLOEXEC);
    if (input < 0) child_fails(state, LAB_SPAWN_STAGE_INPUT);
    if (input == 0 ? fcntl(0, F_SETFD, 0) < 0 : dup2(input, 0) < 0) child_fails(state, LAB_SPAWN_STAGE_INPUT);
    if (dup2(output, 1) < 0 || dup2(errors, 2) < 0) child_fails(state, LAB_SPAWN_STAGE_OUTPUT);
    if (request->directory != NULL && chdir(request->directory) != 0) child_fails(state, LAB_SPAWN_STAGE_DIRECTORY);
    if (close_from_three() != 0) child_fails(state, LAB_SPAWN_STAGE_DESCRIPTORS);

    // The raw call: glibc's sigprocmask would not touch its own signals 32 and 33.
    uint64_t none[2] = {0, 0};
    syscall(SYS_rt_sigprocmask, SIG_SETMASK, none, NULL, KERNEL_SIGSET_SIZE);
    if (state->search != NULL) {
        execute_searching(state);
    } else {
        execve(request->program, request->arguments, request->environment);
    }
    child_fails(state, LAB_SPAWN_STAGE_EXEC);
    return 127;
}

int lab_spawn(const struct lab_spawn_request *request, pid_t *pid, int *stage) {
    int caller_errno = errno;
    pthread_rwlock_rdlock(&disposition_lock);
    sigset_t reset;
    signals_to_reset(&reset);
    struct child_state state = {
        .request = request, .reset = &reset, .search = NULL, .first_internal = SIGRTMIN, .first_realtime = SIGRTMIN,
        .error = 0, .stage = 0};
#if defined(__SIGRTMIN)
    state.first_internal = __SIGRTMIN;
#endif
    if (request->search_path && strchr(request->program, '/') == NULL) {
        const char *path = getenv("PATH");
        state.search = path != NULL ? path : "/bin:/usr/bin";
    }
    // The child runs on this frame's stack while this thread waits (CLONE_VFORK) until it has
    // executed the program or exited; it needs a few kilobytes (the PATH search's buffer).
    char stack[24576] __attribute__((aligned(64)));

    // Every signal blocked, the C library's own included (the raw call: pthread_sigmask leaves
    // those two alone), so that no handler of this process can run in the child.
    uint64_t all[2] = {~(uint64_t)0, ~(uint64_t)0}, previous[2] = {0, 0};
    syscall(SYS_rt_sigprocmask, SIG_BLOCK, all, previous, KERNEL_SIGSET_SIZE);
    int child = clone(child_main, stack + sizeof stack, CLONE_VM | CLONE_VFORK | SIGCHLD, &state);
    int clone_error = errno;
    syscall(SYS_rt_sigprocmask, SIG_SETMASK, previous, NULL, KERNEL_SIGSET_SIZE);
    pthread_rwlock_unlock(&disposition_lock);

    if (child < 0) {
        *stage = LAB_SPAWN_STAGE_START;
        return clone_error;
    }
    if (state.error != 0) {
        int status;
        while (waitpid(child, &status, 0) < 0 && errno == EINTR) {
        }
        *stage = state.stage;
        return state.error;
    }
    // The child ran on this thread's errno.
    errno = caller_errno;
    *pid = child;
    return 0;
}

#else

#include <signal.h>

void lab_spawn_signal_dispositions_changed(void) {}

int lab_sigaction(int number, const struct sigaction *action, struct sigaction *previous) {
    return sigaction(number, action, previous);
}

int lab_signal(int number, void (*handler)(int)) {
    return signal(number, handler) == SIG_ERR ? -1 : 0;
}

int lab_spawn(const struct lab_spawn_request *request, pid_t *pid, int *stage) {
    (void)request;
    (void)pid;
    *stage = 0;
    return ENOSYS;
}

#endif
