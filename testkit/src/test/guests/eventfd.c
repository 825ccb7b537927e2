// ppcvm-test: cflags=-pthread link=dynamic
// eventfd counters: the 8-byte value in the guest's byte order, counting writes, read-and-reset,
// EFD_SEMAPHORE (one per read), EFD_NONBLOCK (EAGAIN when zero or when a write would overflow),
// the limits (a read or write under 8 bytes, the value 2^64-1), poll readiness, the old eventfd
// call without flags, and a thread blocked in read until another thread writes.
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <poll.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#define CHECK(x) do { if ((x) < 0) { printf("FAILED: %s: %s\n", #x, strerror(errno)); return 1; } } while (0)

static const char *err(int e) {
    switch (e) {
    case EAGAIN: return "EAGAIN";
    case EINVAL: return "EINVAL";
    case EFAULT: return "EFAULT";
    default: return strerror(e);
    }
}

#define SHOW(label, call) do { errno = 0; long r_ = (long)(call); int e_ = errno; printf("%s: %ld %s\n", label, r_, r_ < 0 ? err(e_) : "ok"); } while (0)

static int efd;

static void *waker(void *arg) {
    (void)arg;
    struct timespec ts = {0, 10000000};
    for (int i = 1; i <= 3; i++) {
        nanosleep(&ts, NULL);
        uint64_t v = (uint64_t)i << 40;
        write(efd, &v, sizeof v);
    }
    return NULL;
}

int main(void) {
    int e = eventfd(5, 0);
    CHECK(e);
    uint64_t v = 0;
    CHECK(read(e, &v, sizeof v));
    printf("initial value %" PRIu64 "\n", v);
    v = 0x0102030405060708ULL;
    CHECK(write(e, &v, sizeof v));
    v = 1;
    CHECK(write(e, &v, sizeof v));
    unsigned char bytes[8];
    CHECK(read(e, bytes, sizeof bytes));
    printf("sum of two writes, as bytes:");
    for (int i = 0; i < 8; i++) printf(" %02x", bytes[i]);
    printf("\n");
    SHOW("read with 4 bytes", read(e, bytes, 4));
    SHOW("write with 4 bytes", write(e, bytes, 4));
    v = UINT64_MAX;
    SHOW("write 2^64-1", write(e, &v, sizeof v));
    unsigned char big[16];
    memset(big, 0xee, sizeof big);
    v = 42;
    write(e, &v, sizeof v);
    SHOW("read into 16 bytes", read(e, big, sizeof big));
    printf("bytes beyond the counter untouched %d\n", big[8] == 0xee && big[15] == 0xee);
    close(e);

    // Semaphore: each read takes one.
    int s = eventfd(3, EFD_SEMAPHORE | EFD_NONBLOCK | EFD_CLOEXEC);
    CHECK(s);
    printf("flags: nonblock %d cloexec %d\n", (fcntl(s, F_GETFL) & O_NONBLOCK) != 0, (fcntl(s, F_GETFD) & FD_CLOEXEC) != 0);
    for (int i = 0; i < 4; i++) {
        v = 99;
        errno = 0;
        ssize_t r = read(s, &v, sizeof v);
        int er = errno;
        printf("semaphore read %d: %zd value %" PRIu64 " %s\n", i, r, v, r < 0 ? err(er) : "");
    }
    // Non-blocking: a write that would overflow fails with EAGAIN.
    v = UINT64_MAX - 1;
    CHECK(write(s, &v, sizeof v));
    v = 1;
    SHOW("write past the maximum", write(s, &v, sizeof v));
    struct pollfd pf = {s, POLLIN | POLLOUT, 0};
    poll(&pf, 1, 0);
    printf("full counter: readable %d writable %d\n", (pf.revents & POLLIN) != 0, (pf.revents & POLLOUT) != 0);
    close(s);

    // The old system call without flags.
    int old = (int)syscall(SYS_eventfd, 7);
    CHECK(old);
    v = 0;
    read(old, &v, sizeof v);
    printf("eventfd(7) via the old call: %" PRIu64 "\n", v);
    close(old);
    SHOW("eventfd2 with an unknown flag", syscall(SYS_eventfd2, 0, 0x10));

    // A blocking read in one thread, writes from another.
    efd = eventfd(0, 0);
    pthread_t t;
    pthread_create(&t, NULL, waker, NULL);
    uint64_t total = 0;
    int reads = 0;
    while (total < (6ULL << 40)) {
        CHECK(read(efd, &v, sizeof v));
        total += v;
        reads++;
    }
    pthread_join(t, NULL);
    printf("blocking reads collected %" PRIu64 " (in %s)\n", total >> 40, reads >= 1 && reads <= 3 ? "1 to 3 reads" : "?");
    close(efd);
    return 0;
}
