// ppcvm-test: cflags=-pthread
// POSIX threads with results that do not depend on scheduling: workers computing independent
// sums, a mutex-protected shared counter, a condition-variable handshake, a barrier,
// thread-local storage, pthread_once, and joins returning values. Only main prints.
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>

#define WORKERS 4
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cond = PTHREAD_COND_INITIALIZER;
static pthread_barrier_t barrier;
static pthread_once_t once = PTHREAD_ONCE_INIT;
static long shared_counter;
static int ready, once_runs;
static __thread int tls_value = 7;

static void init_once(void) { once_runs++; }

static void *worker(void *arg) {
    intptr_t id = (intptr_t)arg;
    pthread_once(&once, init_once);
    tls_value = (int)id * 100;
    uint64_t sum = 0;
    for (uint64_t i = 1; i <= 200000; i++) sum += (i * (uint64_t)(id + 1)) % 1000;
    for (int i = 0; i < 10000; i++) {
        pthread_mutex_lock(&lock);
        shared_counter++;
        pthread_mutex_unlock(&lock);
    }
    pthread_barrier_wait(&barrier);
    pthread_mutex_lock(&lock);
    while (!ready) pthread_cond_wait(&cond, &lock);
    pthread_mutex_unlock(&lock);
    /* TLS survived everything above and is private to this thread. */
    return (void *)(intptr_t)(sum % 99991 * 2 + (uint64_t)(tls_value == (int)id * 100));
}

int main(void) {
    pthread_t t[WORKERS];
    pthread_barrier_init(&barrier, NULL, WORKERS);
    for (intptr_t i = 0; i < WORKERS; i++) {
        if (pthread_create(&t[i], NULL, worker, (void *)i) != 0) {
            printf("pthread_create failed\n");
            return 1;
        }
    }
    pthread_mutex_lock(&lock);
    ready = 1;
    pthread_cond_broadcast(&cond);
    pthread_mutex_unlock(&lock);
    for (int i = 0; i < WORKERS; i++) {
        void *ret;
        pthread_join(t[i], &ret);
        printf("worker %d returned %ld\n", i, (long)(intptr_t)ret);
    }
    printf("shared counter=%ld once_runs=%d main tls=%d\n", shared_counter, once_runs, tls_value);
    pthread_barrier_destroy(&barrier);
    return 0;
}
