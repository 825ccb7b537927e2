/* Starting PowerPC programs (itself) as Linux on an e500mc would run them: posix_spawn and
   vfork+execve, exit statuses, a child killed by SIGSEGV (WCOREDUMP too), a pipe passed to the
   child at descriptor 5 by a file action, argv and the environment as given, and SIGCHLD. */
#define _GNU_SOURCE
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile int sigchld;

static void on_child(int sig) {
    (void)sig;
    sigchld++;
}

static int run(char *const argv[], posix_spawn_file_actions_t *actions) {
    pid_t pid;
    extern char **environ;
    int e = posix_spawn(&pid, "/proc/self/exe", actions, NULL, argv, environ);
    if (e != 0) {
        printf("posix_spawn failed: %s\n", strerror(e));
        return -1;
    }
    int status;
    waitpid(pid, &status, 0);
    return status;
}

int main(int argc, char **argv) {
    if (argc > 1) {
        if (strcmp(argv[1], "exit") == 0) {
            return atoi(argv[2]);
        }
        if (strcmp(argv[1], "segv") == 0) {
            *(volatile int *)0 = 1;
        }
        if (strcmp(argv[1], "write5") == 0) {
            return write(5, "through five\n", 13) == 13 ? 0 : 1;
        }
        if (strcmp(argv[1], "args") == 0) {
            printf("child argv[0]=%s argv[2]=%s FOO=%s\n", argv[0], argv[2], getenv("FOO"));
            return 0;
        }
        return 99;
    }
    signal(SIGCHLD, on_child);

    int status = run((char *[]){"self", "exit", "7", NULL}, NULL);
    printf("exit_status=%d\n", WIFEXITED(status) ? WEXITSTATUS(status) : -1);

    status = run((char *[]){"self", "segv", NULL}, NULL);
    printf("killed_by=%d core=%d\n", WIFSIGNALED(status) ? WTERMSIG(status) : 0,
           WIFSIGNALED(status) && WCOREDUMP(status) ? 1 : 0);

    int p[2];
    if (pipe(p) != 0) {
        return 1;
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, p[1], 5);
    status = run((char *[]){"self", "write5", NULL}, &actions);
    close(p[1]);
    char buf[32] = {0};
    ssize_t n = read(p[0], buf, sizeof buf - 1);
    printf("write5_status=%d read=%zd %s", WEXITSTATUS(status), n, buf);

    fflush(stdout);
    pid_t pid = vfork();
    if (pid == 0) {
        char *args[] = {"renamed", "args", "two words", NULL};
        char *env[] = {"FOO=bar", NULL};
        execve("/proc/self/exe", args, env);
        _exit(127);
    }
    waitpid(pid, &status, 0);
    printf("vfork_status=%d sigchld_seen=%d\n", WEXITSTATUS(status), sigchld >= 4 ? 1 : 0);
    return 0;
}
