// System calls at their edges, where an emulator must answer as Linux does rather than fail:
// ignored signals, an absolute clock_nanosleep deadline, size_t counts that are huge or
// "negative", a read into a bad buffer (nothing consumed), pipe() with a full descriptor
// table, mremap over a hole, readlink with no room, an unaligned munmap.
// ppcvm-test: exit=0
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

int main(void) {
    signal(SIGUSR1, SIG_IGN);
    raise(SIGUSR1);
    printf("survived an ignored SIGUSR1\n");

    struct timespec deadline;
    clock_gettime(CLOCK_MONOTONIC, &deadline);
    deadline.tv_nsec += 2000000;
    if (deadline.tv_nsec >= 1000000000) {
        deadline.tv_sec++;
        deadline.tv_nsec -= 1000000000;
    }
    printf("clock_nanosleep(TIMER_ABSTIME) = %d\n", clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &deadline, NULL));

    char buf[8];
    int p[2];
    pipe(p);
    write(p[1], "abc", 3);
    errno = 0;
    ssize_t huge = read(p[0], buf, (size_t)-1);
    printf("read with count -1: %zd errno=%d\n", huge, errno);
    write(p[1], "abc", 3);
    struct iovec v = {buf, (size_t)-1};
    errno = 0;
    printf("writev with iov_len -1: %zd errno=%d\n", writev(p[1], &v, 1), errno);
    fcntl(p[0], F_SETFL, O_NONBLOCK);
    errno = 0;
    printf("read into a bad buffer: %zd errno=%d\n", read(p[0], (void *)16, 3), errno);
    printf("the data is still there: %zd\n", read(p[0], buf, 3));

    char *m = mmap(0, 3 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    strcpy(m, "kept");
    munmap(m + 4096, 4096);
    errno = 0;
    void *r = mremap(m, 3 * 4096, 8 * 4096, MREMAP_MAYMOVE);
    printf("mremap over a hole: %s errno=%d\n", r == MAP_FAILED ? "failed" : "moved", errno);
    /* Growing a whole one-page mapping (qemu-ppc 7.2 faults on the moved pages when only part
     * of a larger mapping is grown, which Linux allows). */
    char *one = mmap(0, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    strcpy(one, "kept");
    char *moved = mremap(one, 4096, 16 * 4096, MREMAP_MAYMOVE);
    printf("mremap grow: %s contents=%s\n", moved == MAP_FAILED ? "failed" : "ok", moved == MAP_FAILED ? "-" : moved);
    errno = 0;
    printf("munmap unaligned: %d errno=%d\n", munmap(moved + 1, 4096), errno);

    char small[4];
    errno = 0;
    printf("readlink with size 0: %zd errno=%d\n", readlink("/proc/self/exe", small, 0), errno);

    int opened = 0;
    while (dup(0) >= 0) opened++;
    int q[2] = {-7, -7};
    errno = 0;
    printf("pipe with a full table: %d errno=%d fds=%d,%d\n", pipe(q), errno, q[0], q[1]);
    return 0;
}
