/*
 * The threaded guest of the gdb tests (GdbThreadTest, GdbSyscallCatchTest). main starts four
 * workers; worker i names itself in "names" mode, then blocks reading a byte from its own pipe
 * (its gate, @gate_read). Once all four have said they are about to block, main sleeps a little
 * (so that they are in read under qemu-ppc's real threads too) and calls all_waiting()
 * (@main_all_waiting): every worker is then in read. In "kill" mode main first sends SIGUSR1 to
 * worker 1 with pthread_kill and waits until its handler has run (the read restarts: SA_RESTART).
 * Then main releases the workers one at a time: it writes a byte to worker i's gate and joins it
 * before releasing the next, so everything after all_waiting happens in one order. Worker i
 * computes sum_of_squares(100 * (i + 1)) and writes "worker i: SUM\n" with one write(2). main
 * prints the total and which worker's handler ran for SIGUSR1, if any. Status 0.
 *
 * Usage: threads [kill|names]
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define WORKERS 4

struct worker {
    int index;
    int gate[2];
    long long result;
    pthread_t thread;
};

static struct worker workers[WORKERS];
static int name_workers;
static volatile int waiting;
static volatile int usr1_handled_by = -1;
static __thread int my_index = -1;

static void on_usr1(int sig) {
    usr1_handled_by = my_index + sig - SIGUSR1; /* @usr1_handler */
} /* @usr1_handler_end */

__attribute__((noinline)) long long sum_of_squares(int n) {
    long long sum = 0; /* @sum_first */
    for (int i = 1; i <= n; i++) {
        sum += (long long)i * i;
    }
    return sum;
}

__attribute__((noinline)) void wait_at_gate(struct worker *w) {
    char go;
    __atomic_add_fetch(&waiting, 1, __ATOMIC_SEQ_CST);
    if (read(w->gate[0], &go, 1) != 1) { /* @gate_read */
        _exit(9);
    }
}

static void *worker_main(void *arg) {
    struct worker *w = arg;
    char line[64];
    my_index = w->index;
    if (name_workers) {
        char name[16];
        snprintf(name, sizeof name, "worker%d", w->index);
        pthread_setname_np(pthread_self(), name);
    }
    wait_at_gate(w); /* @worker_wait */
    w->result = sum_of_squares(100 * (w->index + 1)); /* @worker_compute */
    int n = snprintf(line, sizeof line, "worker %d: %lld\n", w->index, w->result);
    if (write(1, line, n) != n) { /* @worker_write */
        _exit(8);
    }
    return NULL;
}

__attribute__((noinline)) void all_waiting(void) {
    __asm__ volatile("" ::: "memory");
} /* @all_waiting_end */

int main(int argc, char **argv) {
    const char *mode = argc > 1 ? argv[1] : "";
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_usr1;
    sa.sa_flags = SA_RESTART;
    sigaction(SIGUSR1, &sa, NULL);
    name_workers = strcmp(mode, "names") == 0;
    for (int i = 0; i < WORKERS; i++) {
        workers[i].index = i;
        if (pipe(workers[i].gate) != 0) {
            return 1;
        }
        pthread_create(&workers[i].thread, NULL, worker_main, &workers[i]);
    }
    while (waiting < WORKERS) {
        usleep(1000);
    }
    usleep(20000);
    all_waiting(); /* @main_all_waiting */
    if (strcmp(mode, "kill") == 0) {
        pthread_kill(workers[1].thread, SIGUSR1); /* @main_kill */
        while (usr1_handled_by < 0) {
            usleep(1000);
        }
    }
    long long total = 0;
    for (int i = 0; i < WORKERS; i++) {
        if (write(workers[i].gate[1], "g", 1) != 1) { /* @main_release */
            return 1;
        }
        pthread_join(workers[i].thread, NULL);
        total += workers[i].result;
    }
    printf("total: %lld\n", total);
    if (usr1_handled_by >= 0) {
        printf("SIGUSR1 handled by worker %d\n", usr1_handled_by);
    }
    return 0;
}
