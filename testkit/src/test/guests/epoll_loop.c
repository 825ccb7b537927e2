// ppcvm-test: cflags=-pthread link=dynamic
// An epoll event loop serving a pipe and TCP sockets: a producer thread writes records into the
// pipe and a client thread connects over 127.0.0.1 and sends lines; the loop (main) accepts, reads
// and answers until both are done. Every event's 64-bit data value must come back intact (the
// ppc32 struct epoll_event is 16 bytes with data at offset 8, unlike x86-64's packed 12). Also:
// epoll_create/epoll_create1, EPOLL_CTL_ADD/MOD/DEL and their errors, level- versus
// edge-triggered and one-shot registrations, epoll_wait with a zero and a short timeout,
// epoll_pwait with a signal mask, an epoll set inside another, maxevents, and a signal handler
// interrupting a wait (EINTR despite SA_RESTART) or held back by epoll_pwait's mask.
// (epoll_pwait2, which qemu-ppc 7.2 lacks, is checked by LinuxBehaviourTest.)
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#define CHECK(x) do { if ((x) < 0) { printf("FAILED: %s: %s\n", #x, strerror(errno)); return 1; } } while (0)

static const char *err(int e) {
    switch (e) {
    case EEXIST: return "EEXIST";
    case ENOENT: return "ENOENT";
    case EBADF: return "EBADF";
    case EINVAL: return "EINVAL";
    case EPERM: return "EPERM";
    case EFAULT: return "EFAULT";
    case EINTR: return "EINTR";
    default: return strerror(e);
    }
}

#define SHOW(label, call) do { errno = 0; long r_ = (long)(call); int e_ = errno; printf("%s: %ld %s\n", label, r_, r_ < 0 ? err(e_) : "ok"); } while (0)

#define TAG(kind, fd) (((uint64_t)0xabcdef01u << 32) | ((uint64_t)(kind) << 16) | (uint64_t)(fd))

enum { PIPE = 1, LISTENER = 2, CONNECTION = 3 };

static int pipefd[2];
static struct sockaddr_in addr;

static void *producer(void *arg) {
    (void)arg;
    char rec[32];
    for (int i = 0; i < 50; i++) {
        int n = snprintf(rec, sizeof rec, "pipe record %02d\n", i);
        write(pipefd[1], rec, (size_t)n);
        if (i % 10 == 9) {
            struct timespec ts = {0, 1000000};
            nanosleep(&ts, NULL);
        }
    }
    close(pipefd[1]);
    return NULL;
}

static void *client(void *arg) {
    (void)arg;
    long total = 0;
    for (int conn = 0; conn < 3; conn++) {
        int s = socket(AF_INET, SOCK_STREAM, 0);
        if (connect(s, (struct sockaddr *)&addr, sizeof addr) != 0) return (void *)1;
        for (int i = 0; i < 5; i++) {
            char line[32];
            int n = snprintf(line, sizeof line, "c%d line %d\n", conn, i);
            send(s, line, (size_t)n, 0);
            char reply[8];
            ssize_t r = recv(s, reply, 3, MSG_WAITALL);
            if (r != 3 || memcmp(reply, "ok\n", 3) != 0) return (void *)2;
            total += n;
        }
        close(s);
    }
    return (void *)(long)(total == 0 ? 3 : 0);
}

static int loop(void) {
    CHECK(pipe(pipefd));
    int lst = socket(AF_INET, SOCK_STREAM, 0);
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    CHECK(bind(lst, (struct sockaddr *)&addr, sizeof addr));
    socklen_t len = sizeof addr;
    getsockname(lst, (struct sockaddr *)&addr, &len);
    CHECK(listen(lst, 4));
    int ep = epoll_create1(EPOLL_CLOEXEC);
    CHECK(ep);
    struct epoll_event ev = {0};
    ev.events = EPOLLIN;
    ev.data.u64 = TAG(PIPE, pipefd[0]);
    CHECK(epoll_ctl(ep, EPOLL_CTL_ADD, pipefd[0], &ev));
    ev.data.u64 = TAG(LISTENER, lst);
    CHECK(epoll_ctl(ep, EPOLL_CTL_ADD, lst, &ev));

    pthread_t pt, ct;
    pthread_create(&pt, NULL, producer, NULL);
    pthread_create(&ct, NULL, client, NULL);
    int open_sources = 2, accepted = 0, pipe_lines = 0, socket_lines = 0, bad_tags = 0, hangups = 0;
    long pipe_sum = 0;
    while (open_sources > 0) {
        struct epoll_event evs[4];
        int n = epoll_wait(ep, evs, 4, 10000);
        if (n <= 0) {
            printf("epoll_wait returned %d (%s)\n", n, n < 0 ? strerror(errno) : "timeout");
            return 1;
        }
        for (int i = 0; i < n; i++) {
            uint64_t tag = evs[i].data.u64;
            int fd = (int)(tag & 0xffff), kind = (int)((tag >> 16) & 0xffff);
            if ((tag >> 32) != 0xabcdef01u) {
                bad_tags++;
                continue;
            }
            if (kind == PIPE) {
                char buf[100];
                ssize_t r = read(fd, buf, sizeof buf);
                if (r > 0) {
                    for (ssize_t j = 0; j < r; j++) {
                        pipe_sum += buf[j];
                        if (buf[j] == '\n') pipe_lines++;
                    }
                } else {
                    epoll_ctl(ep, EPOLL_CTL_DEL, fd, NULL);
                    close(fd);
                    open_sources--;
                    hangups += (evs[i].events & EPOLLHUP) != 0;
                }
            } else if (kind == LISTENER) {
                int c = accept(fd, NULL, NULL);
                struct epoll_event cev = {0};
                cev.events = EPOLLIN | EPOLLRDHUP;
                cev.data.u64 = TAG(CONNECTION, c);
                epoll_ctl(ep, EPOLL_CTL_ADD, c, &cev);
                if (++accepted == 3) {
                    epoll_ctl(ep, EPOLL_CTL_DEL, fd, NULL);
                }
            } else if (kind == CONNECTION) {
                char buf[64];
                ssize_t r = recv(fd, buf, sizeof buf, 0);
                if (r > 0) {
                    for (ssize_t j = 0; j < r; j++) {
                        if (buf[j] == '\n') {
                            socket_lines++;
                            send(fd, "ok\n", 3, 0);
                        }
                    }
                } else {
                    epoll_ctl(ep, EPOLL_CTL_DEL, fd, NULL);
                    close(fd);
                    if (accepted == 3 && socket_lines == 15) open_sources--;
                }
            }
        }
    }
    void *pr, *cr;
    pthread_join(pt, &pr);
    pthread_join(ct, &cr);
    printf("loop: %d pipe lines (sum %ld, hang-up seen %d), %d connections, %d socket lines, bad tags %d, "
           "producer %s, client %s\n",
           pipe_lines, pipe_sum, hangups, accepted, socket_lines, bad_tags, pr == NULL ? "ok" : "failed",
           cr == NULL ? "ok" : "failed");
    close(lst);
    close(ep);
    return 0;
}

static int semantics(void) {
    int ep = epoll_create(1);
    CHECK(ep);
    int p[2];
    CHECK(pipe(p));
    struct epoll_event ev = {0}, out[8];
    ev.events = EPOLLIN;
    ev.data.u64 = 0x0102030405060708ULL;
    CHECK(epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev));
    SHOW("add twice", epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev));
    SHOW("modify an fd not in the set", epoll_ctl(ep, EPOLL_CTL_MOD, p[1], &ev));
    SHOW("delete an fd not in the set", epoll_ctl(ep, EPOLL_CTL_DEL, p[1], NULL));
    SHOW("add a closed fd", epoll_ctl(ep, EPOLL_CTL_ADD, 999, &ev));
    SHOW("add the set to itself", epoll_ctl(ep, EPOLL_CTL_ADD, ep, &ev));
    SHOW("unknown op", epoll_ctl(ep, 99, p[0], &ev));
    SHOW("epoll_ctl on a pipe", epoll_ctl(p[0], EPOLL_CTL_ADD, p[1], &ev));
    SHOW("add with a bad event pointer", epoll_ctl(ep, EPOLL_CTL_ADD, p[1], (struct epoll_event *)8));
    SHOW("epoll_create(0)", epoll_create(0));
    SHOW("epoll_create1(bad flag)", epoll_create1(1));
    SHOW("wait with maxevents 0", epoll_wait(ep, out, 0, 0));
    SHOW("wait on a pipe", epoll_wait(p[0], out, 8, 0));
    SHOW("wait on a closed fd", epoll_wait(999, out, 8, 0));
    SHOW("nothing ready, timeout 0", epoll_wait(ep, out, 8, 0));
    SHOW("nothing ready, timeout 20 ms", epoll_wait(ep, out, 8, 20));

    // Level-triggered: reported again while data remains.
    write(p[1], "ab", 2);
    int n1 = epoll_wait(ep, out, 8, 0);
    int n2 = epoll_wait(ep, out, 8, 0);
    printf("level-triggered: %d then %d, events %#x data %#llx\n", n1, n2, out[0].events,
           (unsigned long long)out[0].data.u64);
    // Edge-triggered: reported once per new arrival.
    ev.events = EPOLLIN | EPOLLET;
    ev.data.u64 = 0xfedcba9876543210ULL;
    CHECK(epoll_ctl(ep, EPOLL_CTL_MOD, p[0], &ev));
    n1 = epoll_wait(ep, out, 8, 0);
    n2 = epoll_wait(ep, out, 8, 0);
    write(p[1], "c", 1);
    int n3 = epoll_wait(ep, out, 8, 0);
    printf("edge-triggered: %d, %d, after a new write %d, data %#llx\n", n1, n2, n3, (unsigned long long)out[0].data.u64);
    // One-shot: disabled after one report until re-armed with MOD.
    ev.events = EPOLLIN | EPOLLONESHOT;
    ev.data.u64 = 7;
    CHECK(epoll_ctl(ep, EPOLL_CTL_MOD, p[0], &ev));
    n1 = epoll_wait(ep, out, 8, 0);
    n2 = epoll_wait(ep, out, 8, 0);
    CHECK(epoll_ctl(ep, EPOLL_CTL_MOD, p[0], &ev));
    n3 = epoll_wait(ep, out, 8, 0);
    printf("one-shot: %d, %d, re-armed %d\n", n1, n2, n3);
    char buf[8];
    read(p[0], buf, sizeof buf);

    // Writable end and hang-up.
    ev.events = EPOLLOUT;
    ev.data.u64 = 0x1111;
    CHECK(epoll_ctl(ep, EPOLL_CTL_ADD, p[1], &ev));
    CHECK(epoll_ctl(ep, EPOLL_CTL_DEL, p[0], NULL));
    n1 = epoll_wait(ep, out, 8, 0);
    printf("writable: %d events %#x data %#llx\n", n1, out[0].events, (unsigned long long)out[0].data.u64);
    close(p[0]);
    n1 = epoll_wait(ep, out, 8, 0);
    printf("reader gone: %d events %#x\n", n1, out[0].events);

    // maxevents limits one call; the rest come next time.
    int q[2][2];
    int inner = epoll_create1(0);
    for (int i = 0; i < 2; i++) {
        pipe(q[i]);
        write(q[i][1], "x", 1);
        ev.events = EPOLLIN;
        ev.data.u64 = 100 + (uint64_t)i;
        epoll_ctl(inner, EPOLL_CTL_ADD, q[i][0], &ev);
    }
    n1 = epoll_wait(inner, out, 1, 0);
    uint64_t first = out[0].data.u64;
    n2 = epoll_wait(inner, out, 8, 0);
    printf("maxevents 1: %d (data %llu) then %d\n", n1, (unsigned long long)first, n2);
    // An epoll set inside another is readable when it has events.
    ev.events = EPOLLIN;
    ev.data.u64 = 0xeeee;
    CHECK(epoll_ctl(ep, EPOLL_CTL_DEL, p[1], NULL));
    CHECK(epoll_ctl(ep, EPOLL_CTL_ADD, inner, &ev));
    n1 = epoll_wait(ep, out, 8, 0);
    printf("nested: %d data %#llx events %#x\n", n1, (unsigned long long)out[0].data.u64, out[0].events);

    // epoll_pwait with a mask (epoll_pwait2, which qemu-ppc 7.2 lacks, is in LinuxBehaviourTest).
    sigset_t mask;
    sigemptyset(&mask);
    sigaddset(&mask, SIGUSR1);
    n1 = epoll_pwait(inner, out, 8, 0, &mask);
    printf("epoll_pwait: %d\n", n1);
    SHOW("epoll_pwait with a bad sigset size", syscall(SYS_epoll_pwait, inner, out, 8, 0, &mask, 4));
    for (int i = 0; i < 2; i++) {
        close(q[i][0]);
        close(q[i][1]);
    }
    n1 = epoll_wait(ep, out, 8, 0);
    printf("after closing the pipes: %d\n", n1);
    close(inner);
    close(p[1]);
    close(ep);
    return 0;
}

static void on_usr1(int sig) { (void)sig; }

static void *poke(void *arg) {
    struct timespec ts = {0, 20000000};
    nanosleep(&ts, NULL);
    pthread_kill(*(pthread_t *)arg, SIGUSR1);
    return NULL;
}

/* A handler interrupts a blocked epoll_wait with EINTR even under SA_RESTART (Linux never restarts it). */
static int interrupted(void) {
    struct sigaction sa = {0};
    sa.sa_handler = on_usr1;
    sa.sa_flags = SA_RESTART;
    sigaction(SIGUSR1, &sa, NULL);
    int ep = epoll_create1(0), p[2];
    pipe(p);
    struct epoll_event ev = {EPOLLIN, {0}}, out[1];
    epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev);
    pthread_t self = pthread_self(), t;
    pthread_create(&t, NULL, poke, &self);
    SHOW("epoll_wait interrupted by a handler", epoll_wait(ep, out, 1, 5000));
    pthread_join(t, NULL);
    // Blocked by the epoll_pwait mask, the same signal waits until the call is over.
    sigset_t block;
    sigemptyset(&block);
    sigaddset(&block, SIGUSR1);
    pthread_create(&t, NULL, poke, &self);
    SHOW("epoll_pwait with SIGUSR1 blocked, 60 ms", epoll_pwait(ep, out, 1, 60, &block));
    pthread_join(t, NULL);
    close(p[0]);
    close(p[1]);
    close(ep);
    return 0;
}

int main(void) {
    if (semantics()) return 1;
    if (loop()) return 1;
    if (interrupted()) return 1;
    return 0;
}
