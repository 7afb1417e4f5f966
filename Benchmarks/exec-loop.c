/* exec-loop N PROGRAM [ARG...]: run PROGRAM N times, one after the other, without a shell
   (fork, execv, waitpid), and fail if any run fails. The floor of a runner that starts each
   step's program directly: Benchmarks/run's `exec loop (200 × true)` row of `check`. */
#include <stdio.h>
#include <stdlib.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: %s N PROGRAM [ARG...]\n", argv[0]);
        return 64;
    }
    long n = strtol(argv[1], NULL, 10);
    for (long i = 0; i < n; i++) {
        pid_t pid = fork();
        if (pid < 0) {
            perror("fork");
            return 1;
        }
        if (pid == 0) {
            execv(argv[2], argv + 2);
            perror(argv[2]);
            _exit(127);
        }
        int status;
        if (waitpid(pid, &status, 0) < 0) {
            perror("waitpid");
            return 1;
        }
        if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
            fprintf(stderr, "%s: run %ld failed (status %d)\n", argv[2], i + 1, status);
            return 1;
        }
    }
    return 0;
}
