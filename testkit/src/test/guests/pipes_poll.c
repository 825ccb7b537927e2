// File descriptors without fork: a pipe written and read in one process (including a write larger
// than one read, and EOF after the write end closes), poll and select on it, O_NONBLOCK reads
// returning EAGAIN, pipe2 flags, dup2 onto stdout to redirect printf into the pipe, a
// socketpair, and writing to a pipe whose reader is gone (EPIPE once SIGPIPE is ignored).
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <unistd.h>

int main(void) {
    int p[2];
    if (pipe(p) != 0) { perror("pipe"); return 1; }
    struct pollfd pf = {p[0], POLLIN, 0};
    printf("poll empty pipe: %d\n", poll(&pf, 1, 0));
    const char msg[] = "through the pipe";
    printf("write %zd\n", write(p[1], msg, sizeof msg));
    pf.revents = 0;
    printf("poll after write: %d revents POLLIN=%d\n", poll(&pf, 1, 100), (pf.revents & POLLIN) != 0);
    fd_set rs;
    FD_ZERO(&rs);
    FD_SET(p[0], &rs);
    struct timeval tv = {0, 0};
    printf("select: %d readable=%d\n", select(p[0] + 1, &rs, NULL, NULL, &tv), FD_ISSET(p[0], &rs) != 0);
    char buf[100];
    printf("read %zd: %s\n", read(p[0], buf, sizeof buf), buf);

    static char big[20000];
    for (unsigned i = 0; i < sizeof big; i++) big[i] = (char)('A' + i % 26);
    printf("big write %zd\n", write(p[1], big, sizeof big));
    close(p[1]);
    size_t total = 0;
    int reads = 0, same = 1;
    ssize_t n;
    static char back[20000];
    while ((n = read(p[0], back + total, 4096)) > 0) {
        total += (size_t)n;
        reads++;
    }
    same = memcmp(back, big, sizeof big) == 0;
    printf("read back %zu bytes in %s reads, identical=%d, then EOF=%zd\n", total, reads > 1 ? "several" : "one", same, n);
    pf.fd = p[0];
    pf.revents = 0;
    poll(&pf, 1, 0);
    printf("poll at EOF: POLLHUP=%d\n", (pf.revents & POLLHUP) != 0);
    close(p[0]);

    int q[2];
    pipe2(q, O_NONBLOCK | O_CLOEXEC);
    errno = 0;
    printf("nonblocking empty read: %zd errno=%s cloexec=%d nonblock=%d\n", read(q[0], buf, 10),
           errno == EAGAIN ? "EAGAIN" : strerror(errno), (fcntl(q[0], F_GETFD) & FD_CLOEXEC) != 0,
           (fcntl(q[0], F_GETFL) & O_NONBLOCK) != 0);

    fflush(stdout);
    int saved = dup(1);
    dup2(q[1], 1);
    printf("redirected line %d\n", 42);
    fflush(stdout);
    dup2(saved, 1);
    close(saved);
    memset(buf, 0, sizeof buf);
    n = read(q[0], buf, sizeof buf - 1);
    printf("captured %zd bytes from our own stdout: %s", n, buf);
    close(q[0]);
    signal(SIGPIPE, SIG_IGN);
    errno = 0;
    printf("write with no reader: %zd errno=%s\n", write(q[1], "x", 1), errno == EPIPE ? "EPIPE" : strerror(errno));
    close(q[1]);

    int sv[2];
    if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0) {
        send(sv[0], "ping", 4, 0);
        memset(buf, 0, sizeof buf);
        recv(sv[1], buf, sizeof buf, 0);
        write(sv[1], "pong", 4);
        char r[8] = {0};
        read(sv[0], r, 4);
        printf("socketpair: %s/%s\n", buf, r);
        shutdown(sv[0], SHUT_WR);
        printf("after shutdown read=%zd\n", read(sv[1], buf, 4));
        close(sv[0]);
        close(sv[1]);
    } else {
        perror("socketpair");
    }
    return 0;
}
