// ppcvm-test: cflags=-pthread
// Signals and threads: pthread_kill wakes a thread waiting in sigsuspend() and runs its handler
// in that thread; raise() in a thread delivers to that thread. Handlers record which thread they
// ran in; the output does not depend on thread ids. (A signal sent to the whole process:
// threads_process_signal.c.)
#define _GNU_SOURCE
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

static volatile pid_t handled_in[65];
static volatile int handled_count[65];

static void handler(int sig) {
    handled_in[sig] = (pid_t)syscall(SYS_gettid);
    handled_count[sig]++;
}

static volatile pid_t tids[3];
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cond = PTHREAD_COND_INITIALIZER;
static int started;

static void mark_started(int who) {
    tids[who] = (pid_t)syscall(SYS_gettid);
    pthread_mutex_lock(&lock);
    started++;
    pthread_cond_broadcast(&cond);
    pthread_mutex_unlock(&lock);
}

static void *pauser(void *arg) {
    (void)arg;
    // SIGUSR1 stays blocked until sigsuspend unblocks it and waits, in one step: no lost signal.
    sigset_t usr1, none;
    sigemptyset(&usr1);
    sigaddset(&usr1, SIGUSR1);
    sigemptyset(&none);
    pthread_sigmask(SIG_BLOCK, &usr1, NULL);
    mark_started(1);
    int r = sigsuspend(&none);
    return (void *)(long)(r == -1 ? 0 : 1);
}

static void *raiser(void *arg) {
    (void)arg;
    mark_started(2);
    raise(SIGUSR2);
    return NULL;
}

static void wait_started(int n) {
    pthread_mutex_lock(&lock);
    while (started < n) {
        pthread_cond_wait(&cond, &lock);
    }
    pthread_mutex_unlock(&lock);
}

int main(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = handler;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGUSR1, &sa, NULL);
    sigaction(SIGUSR2, &sa, NULL);

    pthread_t p, r;
    pthread_create(&p, NULL, pauser, NULL);
    wait_started(1);
    pthread_kill(p, SIGUSR1);
    void *pr;
    pthread_join(p, &pr);
    printf("pthread_kill: handler ran in the target thread: %s; sigsuspend returned EINTR: %s\n",
           handled_in[SIGUSR1] == tids[1] ? "yes" : "no", pr == NULL ? "yes" : "no");

    pthread_create(&r, NULL, raiser, NULL);
    pthread_join(r, NULL);
    printf("raise in a thread: handled in that thread: %s\n", handled_in[SIGUSR2] == tids[2] ? "yes" : "no");

    return 0;
}
