// ppcvm-test: cflags=-pthread
// A signal sent to the whole process (kill) while the main thread blocks it: Linux delivers it
// to a thread that does not block it (here one waiting on a condition variable), waking that
// thread for the handler. Prints taken_by_waiter=1 when the waiter ran the handler within about
// two seconds, 0 otherwise.
#define _GNU_SOURCE
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

static volatile pid_t handled_in, waiter_tid;
static volatile int handled;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cond = PTHREAD_COND_INITIALIZER;
static int started, go;

static void handler(int sig) {
    (void)sig;
    handled_in = (pid_t)syscall(SYS_gettid);
    handled++;
}

static void *waiter(void *arg) {
    (void)arg;
    pthread_mutex_lock(&lock);
    waiter_tid = (pid_t)syscall(SYS_gettid);
    started = 1;
    pthread_cond_broadcast(&cond);
    while (!go) {
        pthread_cond_wait(&cond, &lock);
    }
    pthread_mutex_unlock(&lock);
    return NULL;
}

int main(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = handler;
    sigaction(SIGTERM, &sa, NULL);

    pthread_t w;
    pthread_create(&w, NULL, waiter, NULL);
    pthread_mutex_lock(&lock);
    while (!started) {
        pthread_cond_wait(&cond, &lock);
    }
    pthread_mutex_unlock(&lock);
    /* Blocked in main only: the waiter (created before) keeps SIGTERM open. */
    sigset_t term;
    sigemptyset(&term);
    sigaddset(&term, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &term, NULL);
    kill(getpid(), SIGTERM);
    for (int i = 0; i < 200 && handled == 0; i++) {
        usleep(10000);
    }
    printf("taken_by_waiter=%d\n", handled == 1 && handled_in == waiter_tid ? 1 : 0);
    fflush(stdout);
    pthread_mutex_lock(&lock);
    go = 1;
    pthread_cond_broadcast(&cond);
    pthread_mutex_unlock(&lock);
    pthread_join(w, NULL);
    pthread_sigmask(SIG_UNBLOCK, &term, NULL);
    return 0;
}
