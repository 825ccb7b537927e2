// ppcvm-test: cflags=-pthread link=dynamic
// A producer thread writes numbered records into a pipe in small bursts, sleeping between them;
// the consumer (main) blocks in read() until data comes, while a third thread waits in
// pthread_join-style futex waits and a fourth blocks in poll() on a second pipe that is closed
// at the end. The reads and the checksum do not depend on how the writes were split.
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static int data[2], done[2];

static void *producer(void *arg) {
    (void)arg;
    char record[16];
    for (int i = 0; i < 200; i++) {
        int n = snprintf(record, sizeof record, "r%04d\n", i);
        if (write(data[1], record, (size_t)n) != n) {
            return (void *)1;
        }
        if (i % 50 == 49) {
            struct timespec pause = {0, 2000000};
            nanosleep(&pause, NULL);
        }
    }
    close(data[1]);
    return NULL;
}

static void *watcher(void *arg) {
    (void)arg;
    struct pollfd p = {done[0], POLLIN, 0};
    int r = poll(&p, 1, -1);
    char c;
    return (void *)(long)(r == 1 && read(done[0], &c, 1) == 0 ? 0 : 1);
}

int main(void) {
    if (pipe(data) != 0 || pipe(done) != 0) {
        return 1;
    }
    pthread_t p, w;
    pthread_create(&w, NULL, watcher, NULL);
    pthread_create(&p, NULL, producer, NULL);
    char buf[64];
    long bytes = 0, lines = 0, sum = 0;
    ssize_t n;
    while ((n = read(data[0], buf, sizeof buf)) > 0) {
        for (ssize_t i = 0; i < n; i++) {
            bytes++;
            if (buf[i] == '\n') {
                lines++;
            }
            sum = (sum * 31 + buf[i]) % 1000003;
        }
    }
    void *pr, *wr;
    pthread_join(p, &pr);
    close(done[1]);
    pthread_join(w, &wr);
    printf("read %ld bytes, %ld lines, checksum %ld; producer %s, watcher %s\n", bytes, lines, sum,
           pr == NULL ? "ok" : "failed", wr == NULL ? "ok" : "failed");
    return 0;
}
