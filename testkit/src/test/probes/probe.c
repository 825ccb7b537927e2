/* A guest for testing the harness itself (not part of the corpus): argv[1] selects what it does. */
#include <fenv.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

extern char **environ;

int main(int argc, char **argv) {
    const char *mode = argc > 1 ? argv[1] : "";
    if (!strcmp(mode, "exit")) {
        fprintf(stderr, "exiting with %s\n", argv[2]);
        return atoi(argv[2]);
    }
    if (!strcmp(mode, "raise")) {
        fprintf(stderr, "raising %s\n", argv[2]);
        raise(atoi(argv[2]));
        return 0;
    }
    if (!strcmp(mode, "env")) {
        for (char **e = environ; *e; e++) printf("%s\n", *e);
        return 0;
    }
    if (!strcmp(mode, "argv")) {
        for (int i = 0; i < argc; i++) printf("%s\n", argv[i]);
        return 0;
    }
    if (!strcmp(mode, "cwd")) {
        char buf[4096];
        printf("%s\n", getcwd(buf, sizeof buf));
        return 0;
    }
    if (!strcmp(mode, "cat")) {
        char buf[4096];
        ssize_t n;
        while ((n = read(0, buf, sizeof buf)) > 0) write(1, buf, (size_t)n);
        return 0;
    }
    if (!strcmp(mode, "spin")) {
        for (volatile unsigned long i = 0;; i++) {
        }
    }
    if (!strcmp(mode, "fenv")) {
        /* glibc's fesetround and fegetround use the ISA 3.0 mffs forms. */
        volatile double x = 1.0, y = 3.0;
        /* Volatile results keep the compiler from moving the divisions across the calls. */
        fesetround(FE_UPWARD);
        volatile double up = x / y;
        fesetround(FE_DOWNWARD);
        volatile double down = x / y;
        printf("%a %a %d\n", up, down, fegetround() == FE_DOWNWARD);
        return 0;
    }
    fprintf(stderr, "unknown mode %s\n", mode);
    return 2;
}
