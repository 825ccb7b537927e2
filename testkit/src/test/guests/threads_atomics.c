// ppcvm-test: cflags=-pthread
// Four threads hammer shared counters through every kind of atomic a program uses: GCC's
// __atomic builtins (fetch_add, compare_exchange in a lock-free loop, exchange), C11 stdatomic,
// a spinlock built on atomic_flag, and a mutex; each total must end exact whatever the
// interleaving. A fifth pair of threads passes a token through a condition variable.
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>

#define THREADS 4
#define ROUNDS 20000

static long builtin_counter;
static long cas_counter;
static atomic_long c11_counter;
static atomic_flag spin = ATOMIC_FLAG_INIT;
static long spin_counter;
static pthread_mutex_t mutex = PTHREAD_MUTEX_INITIALIZER;
static long mutex_counter;
static long exchanges;

static void *hammer(void *arg) {
    (void)arg;
    for (int i = 0; i < ROUNDS; i++) {
        __atomic_fetch_add(&builtin_counter, 1, __ATOMIC_SEQ_CST);
        long seen = __atomic_load_n(&cas_counter, __ATOMIC_RELAXED);
        while (!__atomic_compare_exchange_n(&cas_counter, &seen, seen + 2, 0, __ATOMIC_SEQ_CST, __ATOMIC_RELAXED)) {
        }
        atomic_fetch_add_explicit(&c11_counter, 3, memory_order_relaxed);
        while (atomic_flag_test_and_set_explicit(&spin, memory_order_acquire)) {
        }
        spin_counter++;
        atomic_flag_clear_explicit(&spin, memory_order_release);
        if (i % 100 == 0) {
            pthread_mutex_lock(&mutex);
            mutex_counter++;
            pthread_mutex_unlock(&mutex);
            __atomic_exchange_n(&exchanges, (long)i, __ATOMIC_ACQ_REL);
        }
    }
    return NULL;
}

static pthread_mutex_t token_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t token_changed = PTHREAD_COND_INITIALIZER;
static int token, passes;

static void *ping_pong(void *arg) {
    int me = (int)(intptr_t)arg;
    for (int round = 0; round < 500; round++) {
        pthread_mutex_lock(&token_lock);
        while (token != me) {
            pthread_cond_wait(&token_changed, &token_lock);
        }
        token = 1 - me;
        passes++;
        pthread_cond_broadcast(&token_changed);
        pthread_mutex_unlock(&token_lock);
    }
    return NULL;
}

int main(void) {
    pthread_t workers[THREADS], players[2];
    for (int i = 0; i < THREADS; i++) {
        pthread_create(&workers[i], NULL, hammer, NULL);
    }
    for (int i = 0; i < 2; i++) {
        pthread_create(&players[i], NULL, ping_pong, (void *)(intptr_t)i);
    }
    for (int i = 0; i < THREADS; i++) {
        pthread_join(workers[i], NULL);
    }
    for (int i = 0; i < 2; i++) {
        pthread_join(players[i], NULL);
    }
    printf("__atomic_fetch_add: %ld (expected %d)\n", builtin_counter, THREADS * ROUNDS);
    printf("compare-exchange loop: %ld (expected %d)\n", cas_counter, 2 * THREADS * ROUNDS);
    printf("C11 atomic_fetch_add: %ld (expected %d)\n", (long)atomic_load(&c11_counter), 3 * THREADS * ROUNDS);
    printf("atomic_flag spinlock: %ld (expected %d)\n", spin_counter, THREADS * ROUNDS);
    printf("mutex: %ld (expected %d)\n", mutex_counter, THREADS * ROUNDS / 100);
    printf("last exchange is a multiple of 100: %s\n", exchanges % 100 == 0 ? "yes" : "no");
    printf("condition-variable passes: %d (expected 1000)\n", passes);
    return 0;
}
