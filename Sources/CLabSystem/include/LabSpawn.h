#ifndef LAB_SPAWN_H
#define LAB_SPAWN_H

#include <signal.h>
#include <sys/types.h>

/// Where a failed `lab_spawn` stopped, for the error to name the right thing.
enum lab_spawn_stage {
    /// The new process could not be made (clone: EAGAIN, ENOMEM).
    LAB_SPAWN_STAGE_START = 1,
    /// setsid() failed.
    LAB_SPAWN_STAGE_SESSION = 2,
    /// /dev/null could not be opened as standard input.
    LAB_SPAWN_STAGE_INPUT = 3,
    /// The output pipes could not be put on descriptors 1 and 2.
    LAB_SPAWN_STAGE_OUTPUT = 4,
    /// The working directory could not be entered.
    LAB_SPAWN_STAGE_DIRECTORY = 5,
    /// The program could not be executed.
    LAB_SPAWN_STAGE_EXEC = 6,
    /// The descriptors from 3 up could not be closed (no close_range, no /proc).
    LAB_SPAWN_STAGE_DESCRIPTORS = 7,
};

/// What `lab_spawn` starts, and how.
struct lab_spawn_request {
    /// The program: a path, or a name looked up on this process's `PATH` when `search_path` is
    /// set and it has no slash.
    const char *program;
    /// NULL-terminated, `arguments[0]` the name the program sees as its own.
    char *const *arguments;
    /// NULL-terminated `NAME=value` entries: the program's whole environment.
    char *const *environment;
    /// The folder the program starts in; NULL for this process's own.
    const char *directory;
    /// Where the program's standard output and error go; its standard input is /dev/null.
    int stdout_descriptor;
    int stderr_descriptor;
    int search_path;
};

/// Starts a program as the leader of a new session, with every signal whose disposition this
/// process changed back at its default, no signal blocked, and no descriptor but 0, 1 and 2 open
/// — what posix_spawn does with POSIX_SPAWN_SETSID, SETSIGMASK, SETSIGDEF and closefrom, for a
/// fraction of its cost: the child is made with clone(CLONE_VM | CLONE_VFORK) on a stack inside
/// this call's frame, and resets only the signals that need it (glibc resets all 64, one system
/// call each, and maps a fresh stack every time).
///
/// Returns 0 with `*pid` set, or an error number with `*stage` saying which step failed; the
/// child of a failed start is reaped. ENOSYS where the system has no such call (not Linux): use
/// posix_spawn there.
int lab_spawn(const struct lab_spawn_request *request, pid_t *pid, int *stage);

/// Tells `lab_spawn` that this process has just changed how it handles a signal (ignored it,
/// caught it), so that the next start looks at every disposition again. Call it after
/// `signal()` or `sigaction()` made elsewhere; `lab_sigaction` and `lab_signal` do it themselves.
void lab_spawn_signal_dispositions_changed(void);

/// sigaction(2), for this process's own changes: made while no start is between looking at the
/// dispositions and its child's exec, and announced to `lab_spawn`.
int lab_sigaction(int number, const struct sigaction *action, struct sigaction *previous);

/// `lab_sigaction` with `handler` (SIG_IGN, SIG_DFL or a function), no mask, SA_RESTART; 0 or -1.
int lab_signal(int number, void (*handler)(int));

#endif
