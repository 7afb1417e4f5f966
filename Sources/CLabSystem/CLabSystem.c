#define _GNU_SOURCE
#include "CLabSystem.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#if defined(__linux__)
#include <elf.h>
#include <link.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#endif

int lab_pidfd_open(pid_t pid) {
#if defined(__linux__) && defined(SYS_pidfd_open)
    return (int)syscall(SYS_pidfd_open, pid, 0);
#else
    (void)pid;
    errno = ENOSYS;
    return -1;
#endif
}

int lab_pidfd_send_signal(int pidfd, int signal) {
#if defined(__linux__) && defined(SYS_pidfd_send_signal)
    return (int)syscall(SYS_pidfd_send_signal, pidfd, signal, NULL, 0);
#else
    (void)pidfd;
    (void)signal;
    errno = ENOSYS;
    return -1;
#endif
}

int lab_pipe_cloexec(int descriptors[2]) {
#if defined(__linux__)
    return pipe2(descriptors, O_CLOEXEC);
#else
    if (pipe(descriptors) != 0) return -1;
    fcntl(descriptors[0], F_SETFD, FD_CLOEXEC);
    fcntl(descriptors[1], F_SETFD, FD_CLOEXEC);
    return 0;
#endif
}

int lab_spawn_add_chdir(posix_spawn_file_actions_t *actions, const char *path) {
#if defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 29))
    return posix_spawn_file_actions_addchdir_np(actions, path);
#elif defined(__APPLE__)
    return posix_spawn_file_actions_addchdir_np(actions, path);
#else
    (void)actions;
    (void)path;
    return ENOSYS;
#endif
}

int lab_spawn_add_closefrom(posix_spawn_file_actions_t *actions, int lowest) {
#if defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 34))
    return posix_spawn_file_actions_addclosefrom_np(actions, lowest);
#else
    (void)actions;
    (void)lowest;
    return ENOSYS;
#endif
}

short lab_spawn_setsid_flag(void) {
#if defined(POSIX_SPAWN_SETSID)
    return POSIX_SPAWN_SETSID;
#elif defined(__APPLE__)
    return 0x400;
#else
    return 0;
#endif
}

int lab_open_folder(const char *path) {
#ifdef O_PATH
    return open(path, O_PATH | O_DIRECTORY | O_CLOEXEC);
#else
    return open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
#endif
}

void lab_keep_standard_descriptors_open(void) {
    for (int descriptor = 0; descriptor <= 2; descriptor++) {
        if (fcntl(descriptor, F_GETFD) >= 0 || errno != EBADF) continue;
        // The lowest free descriptor is this one: open() fills it. Read-only, so that a write to
        // stdout or stderr still fails (EBADF) as it did on the closed descriptor: a run whose
        // output has nowhere to go fails, rather than succeeding into /dev/null.
        int opened = open("/dev/null", O_RDONLY);
        if (opened >= 0 && opened != descriptor) close(opened);
    }
}

int lab_become_child_subreaper(void) {
#if defined(__linux__) && defined(PR_SET_CHILD_SUBREAPER)
    return prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
#else
    errno = ENOSYS;
    return -1;
#endif
}

#if defined(__GLIBC__)
#include <malloc.h>
#endif

int lab_use_one_malloc_arena(void) {
#if defined(__GLIBC__) && defined(M_ARENA_MAX)
    return mallopt(M_ARENA_MAX, 1);
#else
    return 0;
#endif
}

int lab_grow_malloc_arenas_whole(void) {
#if defined(__GLIBC__) && defined(M_TOP_PAD)
    return mallopt(M_TOP_PAD, 64 << 20);
#else
    return 0;
#endif
}

void lab_prefault(void *start, size_t length) {
#if defined(__linux__)
#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23
#endif
    uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE);
    uintptr_t begin = ((uintptr_t)start + page - 1) & ~(page - 1);
    uintptr_t end = ((uintptr_t)start + length) & ~(page - 1);
    if (end > begin) (void)madvise((void *)begin, end - begin, MADV_POPULATE_WRITE);
#else
    (void)start;
    (void)length;
#endif
}

int lab_wait_status_exited(int status) { return WIFEXITED(status) ? 1 : 0; }
int lab_wait_status_exit_code(int status) { return WEXITSTATUS(status); }
int lab_wait_status_signaled(int status) { return WIFSIGNALED(status) ? 1 : 0; }
int lab_wait_status_signal(int status) { return WTERMSIG(status); }
int lab_wait_status_core_dumped(int status) {
#ifdef WCOREDUMP
    return WIFSIGNALED(status) && WCOREDUMP(status) ? 1 : 0;
#else
    (void)status;
    return 0;
#endif
}

#if defined(__linux__)
struct lab_build_id_search {
    const unsigned char *bytes;
    size_t length;
};

// Called for each loaded object, the executable first: looks through its PT_NOTE segments only,
// then stops the iteration.
static int lab_find_build_id(struct dl_phdr_info *info, size_t size, void *data) {
    (void)size;
    struct lab_build_id_search *search = data;
    for (ElfW(Half) index = 0; index < info->dlpi_phnum; index++) {
        const ElfW(Phdr) *segment = &info->dlpi_phdr[index];
        if (segment->p_type != PT_NOTE) continue;
        // Notes are padded to the segment's alignment: 4 bytes, or 8 for some 64-bit notes.
        size_t align = segment->p_align == 8 ? 8 : 4;
        const unsigned char *note = (const unsigned char *)(info->dlpi_addr + segment->p_vaddr);
        const unsigned char *end = note + segment->p_memsz;
        while ((size_t)(end - note) >= sizeof(ElfW(Nhdr))) {
            const ElfW(Nhdr) *header = (const ElfW(Nhdr) *)note;
            size_t nameSize = (header->n_namesz + align - 1) & ~(align - 1);
            size_t descriptionSize = (header->n_descsz + align - 1) & ~(align - 1);
            const unsigned char *name = note + sizeof(ElfW(Nhdr));
            if ((size_t)(end - name) < nameSize || (size_t)(end - name) - nameSize < descriptionSize) break;
            const unsigned char *description = name + nameSize;
            if (header->n_type == NT_GNU_BUILD_ID && header->n_namesz == 4 && memcmp(name, "GNU", 4) == 0
                && header->n_descsz > 0) {
                search->bytes = description;
                search->length = header->n_descsz;
                return 1;
            }
            note = description + descriptionSize;
        }
    }
    return 1;
}
#endif

size_t lab_build_id(const unsigned char **bytes) {
    *bytes = NULL;
#if defined(__linux__)
    struct lab_build_id_search search = {NULL, 0};
    dl_iterate_phdr(lab_find_build_id, &search);
    *bytes = search.bytes;
    return search.length;
#else
    return 0;
#endif
}
