#ifndef LAB_CLABSYSTEM_H
#define LAB_CLABSYSTEM_H

// The system calls and C library extensions `lab`'s process runtime needs that Swift's Glibc
// module cannot name (it is built without _GNU_SOURCE) or that are macros. Each is a plain C
// function; where the system lacks the call it fails with ENOSYS, and the runtime falls back.

#include <spawn.h>
#include <sys/types.h>

/// pidfd_open(2): a descriptor that polls readable once `pid` exits, without reaping it.
/// -1 with errno set (ENOSYS where the kernel or system has none).
int lab_pidfd_open(pid_t pid);

/// pidfd_send_signal(2): signals exactly the process `pidfd` refers to, never a recycled pid.
int lab_pidfd_send_signal(int pidfd, int signal);

/// pipe2(2) with O_CLOEXEC: both ends close-on-exec from the start, so that a process spawned by
/// another thread at the same moment cannot inherit them.
int lab_pipe_cloexec(int descriptors[2]);

/// posix_spawn_file_actions_addchdir_np: the child changes directory, so the parent's working
/// directory, shared by all its threads, is never touched. ENOSYS where missing.
int lab_spawn_add_chdir(posix_spawn_file_actions_t *actions, const char *path);

/// posix_spawn_file_actions_addclosefrom_np: the child closes every descriptor from `lowest` up,
/// even ones another library opened without close-on-exec. ENOSYS where missing.
int lab_spawn_add_closefrom(posix_spawn_file_actions_t *actions, int lowest);

/// The posix_spawn flag that makes the child call setsid() (POSIX_SPAWN_SETSID), or 0 where the
/// system has none.
short lab_spawn_setsid_flag(void);

/// Opens /dev/null, read-only, on each of descriptors 0, 1 and 2 that is closed, as git does at
/// start: a process started with one closed would otherwise get it back from its next open(), and
/// what it prints to stdout or stderr would land in that file (the lock, a file being written).
/// Writes to it fail as they did on the closed descriptor.
void lab_keep_standard_descriptors_open(void);

/// prctl(PR_SET_CHILD_SUBREAPER, 1): orphaned descendants are reparented to this process instead
/// of init, so it can find and end them. -1 with errno ENOSYS off Linux.
int lab_become_child_subreaper(void);

/// open(path, O_PATH | O_DIRECTORY | O_CLOEXEC): a folder held to look names up in (fstatat),
/// not to read; O_RDONLY where the system has no O_PATH. -1 with errno set.
int lab_open_folder(const char *path);

/// mallopt(M_ARENA_MAX, 1) where glibc has it: every thread allocates from the main arena.
/// 1 on success, 0 where it is not available.
int lab_use_one_malloc_arena(void);

/// mallopt(M_TOP_PAD, 64 MiB) where glibc has it: an arena's heap is made writable whole when it
/// is created, not a page at a time as it grows (an mprotect call each). 1 on success, 0 where it
/// is not available.
int lab_grow_malloc_arenas_whole(void);

/// Makes the whole pages of `length` bytes at `start` present and writable at once
/// (madvise(MADV_POPULATE_WRITE), Linux 5.14 and later), rather than a page fault at a time as
/// they are first written; nothing where it is not available.
void lab_prefault(void *start, size_t length);

/// The parts of a wait status: 1 and the exit code when the process exited, 2 and the signal
/// number when a signal ended it, 0 otherwise (stopped, continued).
int lab_wait_status_exited(int status);
int lab_wait_status_exit_code(int status);
int lab_wait_status_signaled(int status);
int lab_wait_status_signal(int status);
int lab_wait_status_core_dumped(int status);

/// The GNU build ID of the running executable (the `.note.gnu.build-id` the linker wrote, a hash
/// of the linked program): its length, and `*bytes` pointing at it in the loaded image. 0 where
/// the executable has none or the system cannot say (not Linux).
size_t lab_build_id(const unsigned char **bytes);

#include "LabCurl.h"
#include "LabSpawn.h"

#endif
