// Reads once from the FIFO named by argv[1] and reports into the file argv[2]: the read blocks
// until the test writes, and any stop request that interrupts it in between must be invisible
// (the call restarts).
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv) {
    if (argc < 3) return 2;
    /* O_NONBLOCK so that opening does not wait for a writer; reading then blocks. */
    int fd = open(argv[1], O_RDONLY | O_NONBLOCK);
    if (fd < 0) { perror("open"); return 3; }
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
    char buf[32];
    ssize_t n;
    int calls = 0, eintr = 0;
    do {
        n = read(fd, buf, sizeof buf - 1);
        calls++;
        if (n < 0 && errno == EINTR) eintr++;
    } while (n == 0 && calls < 1000000);
    buf[n > 0 ? n : 0] = 0;
    FILE *report = fopen(argv[2], "w");
    if (!report) return 4;
    fprintf(report, "read %zd bytes '%s' calls=%d eintr=%d\n", n, buf, calls, eintr);
    return fclose(report) == 0 ? 0 : 5;
}
