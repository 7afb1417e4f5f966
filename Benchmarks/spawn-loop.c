/* spawn-loop N LANES DIR PROGRAM [ARG...]: run PROGRAM N times, LANES at a time, each started
   with glibc's posix_spawn as lab started a step until it had its own lab_spawn, with nothing
   else around it. The floor of a runner built on posix_spawn: the `spawn loop` rows of
   Benchmarks/run's `check` workload. (lab_spawn's child resets only the signals lab changed
   and maps no stack of its own, so lab now starts a step for less than this.)

   Each run: two pipes for stdout and stderr; posix_spawn as the leader of a new session
   (POSIX_SPAWN_SETSID), every signal reset to its default and none blocked, stdin on /dev/null,
   the working directory DIR, descriptors from 3 up closed; a pidfd; poll until both pipes are at
   end-of-file and the process has exited, reading what comes; SIGKILL to the process group as
   soon as the leader has exited, as lab sends it; waitpid. Fails if any run fails. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

static long total;
static const char *directory;
static char **program;
static atomic_long next_run;
static atomic_int failed;

static int run_once(void) {
    int out[2], err[2];
    if (pipe2(out, O_CLOEXEC) != 0 || pipe2(err, O_CLOEXEC) != 0) return perror("pipe2"), -1;
    posix_spawn_file_actions_t actions;
    posix_spawnattr_t attributes;
    posix_spawn_file_actions_init(&actions);
    posix_spawnattr_init(&attributes);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_adddup2(&actions, out[1], 1);
    posix_spawn_file_actions_adddup2(&actions, err[1], 2);
    posix_spawn_file_actions_addchdir_np(&actions, directory);
    posix_spawn_file_actions_addclosefrom_np(&actions, 3);
    sigset_t none, all;
    sigemptyset(&none);
    sigfillset(&all);
    posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSID | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
    posix_spawnattr_setsigmask(&attributes, &none);
    posix_spawnattr_setsigdefault(&attributes, &all);
    pid_t pid;
    int result = posix_spawn(&pid, program[0], &actions, &attributes, program, environ);
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attributes);
    close(out[1]);
    close(err[1]);
    if (result != 0) {
        errno = result;
        perror(program[0]);
        return -1;
    }
    int exited = (int)syscall(SYS_pidfd_open, pid, 0);
    struct pollfd watched[3] = {{out[0], POLLIN, 0}, {err[0], POLLIN, 0}, {exited, POLLIN, 0}};
    int open_pipes = 2;
    char buffer[65536];
    while (open_pipes > 0 || watched[2].fd >= 0) {
        if (poll(watched, 3, -1) < 0 && errno != EINTR) return perror("poll"), -1;
        for (int index = 0; index < 2; index++) {
            if (watched[index].fd < 0 || watched[index].revents == 0) continue;
            if (read(watched[index].fd, buffer, sizeof buffer) <= 0) {
                close(watched[index].fd);
                watched[index].fd = -1;
                open_pipes--;
            }
        }
        if (watched[2].fd >= 0 && watched[2].revents != 0) {
            watched[2].fd = -1;
            kill(-pid, SIGKILL);
        }
    }
    close(exited);
    int status;
    while (waitpid(pid, &status, 0) < 0) {
        if (errno != EINTR) return perror("waitpid"), -1;
    }
    return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
}

static void *lane(void *unused) {
    (void)unused;
    while (!atomic_load(&failed) && atomic_fetch_add(&next_run, 1) < total) {
        if (run_once() != 0) atomic_store(&failed, 1);
    }
    return NULL;
}

int main(int argc, char **argv) {
    if (argc < 5) {
        fprintf(stderr, "usage: %s N LANES DIR PROGRAM [ARG...]\n", argv[0]);
        return 64;
    }
    total = strtol(argv[1], NULL, 10);
    long lanes = strtol(argv[2], NULL, 10);
    if (lanes < 1 || lanes > 64) {
        fprintf(stderr, "%s: LANES must be 1 to 64\n", argv[0]);
        return 64;
    }
    directory = argv[3];
    program = argv + 4;
    pthread_t threads[64];
    for (long index = 1; index < lanes; index++) {
        if (pthread_create(&threads[index], NULL, lane, NULL) != 0) return perror("pthread_create"), 1;
    }
    lane(NULL);
    for (long index = 1; index < lanes; index++) pthread_join(threads[index], NULL);
    if (atomic_load(&failed)) {
        fprintf(stderr, "%s: a run failed\n", program[0]);
        return 1;
    }
    return 0;
}
