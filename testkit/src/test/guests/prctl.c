// ppcvm-test: cflags=-pthread
// prctl's basics: the thread name (PR_SET_NAME/PR_GET_NAME and pthread_setname_np on oneself,
// truncated to 15 bytes; a new thread starts with its creator's), the parent-death signal,
// dumpable and no-new-privs, with the errors of bad arguments. (PR_GET_SECCOMP is left out:
// Linux answers 0 without a filter, qemu-ppc refuses the option with EINVAL.)
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>

static void show_name(const char *who) {
    char name[32];
    memset(name, 'x', sizeof name);
    int r = prctl(PR_GET_NAME, name);
    printf("%s: %d '%s' byte16=%d\n", who, r, name, name[16]);
}

static void *worker(void *arg) {
    (void)arg;
    show_name("new thread");
    pthread_setname_np(pthread_self(), "worker");
    show_name("after setname_np");
    char back[16];
    printf("getname_np: %d '%s'\n", pthread_getname_np(pthread_self(), back, sizeof back), back);
    printf("getname_np small: %d\n", pthread_getname_np(pthread_self(), back, 4));
    return NULL;
}

int main(void) {
    prctl(PR_SET_NAME, "main-thread");
    show_name("main");
    prctl(PR_SET_NAME, "a-name-that-is-far-too-long");
    show_name("long");
    pthread_t t;
    pthread_create(&t, NULL, worker, NULL);
    pthread_join(t, NULL);
    show_name("main again");

    int sig = -1;
    printf("pdeathsig: %d", prctl(PR_GET_PDEATHSIG, &sig));
    printf(" %d", sig);
    printf(" set %d", prctl(PR_SET_PDEATHSIG, 10));
    prctl(PR_GET_PDEATHSIG, &sig);
    printf(" now %d", sig);
    errno = 0;
    printf(" bad %d %s\n", prctl(PR_SET_PDEATHSIG, 99), strerror(errno));

    printf("dumpable: %d", prctl(PR_GET_DUMPABLE));
    printf(" set0 %d", prctl(PR_SET_DUMPABLE, 0));
    printf(" now %d", prctl(PR_GET_DUMPABLE));
    errno = 0;
    printf(" bad %d %s\n", prctl(PR_SET_DUMPABLE, 7), strerror(errno));

    printf("no_new_privs: %d", prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0));
    printf(" set %d", prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0));
    printf(" now %d", prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0));
    errno = 0;
    printf(" bad %d %s\n", prctl(PR_SET_NO_NEW_PRIVS, 2, 0, 0, 0), strerror(errno));

    errno = 0;
    printf("unknown option: %d %s\n", prctl(0x7fff1234), strerror(errno));
    return 0;
}
