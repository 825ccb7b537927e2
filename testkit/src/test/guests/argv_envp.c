// argc/argv (including empty and spaced arguments) and the environment as main's third argument,
// environ and getenv; the environment is printed sorted.
// ppcvm-test: args="one 'two words' '' --flag=x -" env="PPCVM_GREETING=hello EMPTY= WITH_EQUALS=a=b"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern char **environ;

static int cmp(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

int main(int argc, char **argv, char **envp) {
    printf("argc=%d\n", argc);
    const char *slash = strrchr(argv[0], '/');
    printf("argv[0] basename=%s\n", slash ? slash + 1 : argv[0]);
    for (int i = 1; i < argc; i++) {
        printf("argv[%d]=\"%s\" (len %zu)\n", i, argv[i], strlen(argv[i]));
    }
    printf("argv[argc]=%s\n", argv[argc] == NULL ? "NULL" : "not NULL");
    int n = 0;
    while (envp[n]) n++;
    printf("envc=%d environ==envp: %s\n", n, environ == envp ? "yes" : "no");
    char **sorted = malloc(sizeof(char *) * n);
    memcpy(sorted, envp, sizeof(char *) * n);
    qsort(sorted, n, sizeof(char *), cmp);
    for (int i = 0; i < n; i++) printf("env: %s\n", sorted[i]);
    printf("getenv(PPCVM_GREETING)=%s\n", getenv("PPCVM_GREETING"));
    printf("getenv(EMPTY)=\"%s\"\n", getenv("EMPTY"));
    printf("getenv(WITH_EQUALS)=%s\n", getenv("WITH_EQUALS"));
    printf("getenv(NOT_SET)=%s\n", getenv("NOT_SET") ? "set" : "(null)");
    setenv("ADDED", "1", 1);
    unsetenv("EMPTY");
    printf("after setenv/unsetenv: ADDED=%s EMPTY=%s\n", getenv("ADDED"), getenv("EMPTY") ? "set" : "(null)");
    /* Where argv and envp live: the initial stack, strings above the vectors. */
    printf("argv below its strings: %s\n", (char *)argv < argv[0] ? "yes" : "no");
    printf("envp follows argv: %s\n", envp == argv + argc + 1 ? "yes" : "no");
    return 0;
}
