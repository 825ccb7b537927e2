// ppcvm-test: cflags=-pthread link=dynamic
// TCP over 127.0.0.1 between two threads: an echo server bound to port 0 (getsockname tells the
// port, which is never printed) and a client. Covers socket, setsockopt/getsockopt (SO_REUSEADDR,
// SO_KEEPALIVE, SO_RCVBUF, SO_SNDBUF, SO_TYPE, SO_ERROR, TCP_NODELAY, SO_LINGER), bind, listen,
// accept and accept4, connect (blocking, refused, and non-blocking then polled), getsockname and
// getpeername (each side's view must mirror the other's), send/recv, sendto/recvfrom, sendmsg/
// recvmsg with several iovecs, MSG_PEEK, MSG_DONTWAIT, MSG_WAITALL, shutdown (EOF on the other
// side), EPIPE without SIGPIPE under MSG_NOSIGNAL, UDP datagrams with their source address, and
// the old socketcall(2) entry point that glibc used before the direct calls existed.
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/net.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

#define CHECK(x) do { if ((x) < 0) { printf("FAILED: %s: %s\n", #x, strerror(errno)); return 1; } } while (0)

static int listener;
static struct sockaddr_in server_addr;

/* The server thread's lines, printed after it is joined: qemu runs the threads truly in parallel. */
static char server_log[2048];
static size_t server_log_len;
#define LOG(...) (server_log_len += (size_t)snprintf(server_log + server_log_len, sizeof server_log - server_log_len, __VA_ARGS__))

/* Prints what a call returned and, if it failed, its errno (read after the call, not before). */
#define SHOW(label, call) do { errno = 0; long r_ = (long)(call); int e_ = errno; printf("%s: %ld %s\n", label, r_, r_ < 0 ? err(e_) : "ok"); } while (0)

static const char *err(int e) {
    switch (e) {
    case 0: return "0";
    case EAGAIN: return "EAGAIN";
    case ECONNREFUSED: return "ECONNREFUSED";
    case EINPROGRESS: return "EINPROGRESS";
    case EPIPE: return "EPIPE";
    case EINVAL: return "EINVAL";
    case ENOTCONN: return "ENOTCONN";
    case EISCONN: return "EISCONN";
    case EBADF: return "EBADF";
    case ENOTSOCK: return "ENOTSOCK";
    case EFAULT: return "EFAULT";
    case EAFNOSUPPORT: return "EAFNOSUPPORT";
    case ENOPROTOOPT: return "ENOPROTOOPT";
    case EADDRINUSE: return "EADDRINUSE";
    default: return strerror(e);
    }
}

static int same(const struct sockaddr_in *a, const struct sockaddr_in *b) {
    return a->sin_family == b->sin_family && a->sin_port == b->sin_port && a->sin_addr.s_addr == b->sin_addr.s_addr;
}

/* Echoes every connection's bytes back until the client shuts down its side, then reports. */
static void *server(void *arg) {
    (void)arg;
    for (int round = 0; round < 2; round++) {
        struct sockaddr_in peer;
        socklen_t len = sizeof peer;
        int c = round == 0 ? accept(listener, (struct sockaddr *)&peer, &len)
                           : accept4(listener, (struct sockaddr *)&peer, &len, SOCK_CLOEXEC);
        if (c < 0) {
            LOG("server: accept: %s\n", strerror(errno));
            return (void *)1;
        }
        struct sockaddr_in mine, theirs;
        socklen_t ml = sizeof mine, tl = sizeof theirs;
        getsockname(c, (struct sockaddr *)&mine, &ml);
        getpeername(c, (struct sockaddr *)&theirs, &tl);
        LOG("server %d: accepted, len %u, peer address %s, peer matches getpeername %d, local is the listener's %d, cloexec %d\n",
               round, (unsigned)len, inet_ntoa(peer.sin_addr), same(&peer, &theirs), same(&mine, &server_addr),
               (fcntl(c, F_GETFD) & FD_CLOEXEC) != 0);
        long total = 0;
        char buf[700];
        ssize_t n;
        while ((n = recv(c, buf, sizeof buf, 0)) > 0) {
            total += n;
            for (ssize_t off = 0; off < n;) {
                ssize_t w = send(c, buf + off, (size_t)(n - off), 0);
                if (w <= 0) {
                    LOG("server: send: %s\n", strerror(errno));
                    return (void *)1;
                }
                off += w;
            }
        }
        LOG("server %d: echoed %ld bytes, recv at end %zd\n", round, total, n);
        close(c);
    }
    return NULL;
}

static int recv_all(int s, char *buf, size_t len) {
    size_t got = 0;
    while (got < len) {
        ssize_t n = recv(s, buf + got, len - got, 0);
        if (n <= 0) return -1;
        got += (size_t)n;
    }
    return 0;
}

static int options(int s) {
    int v, one = 1;
    socklen_t l = sizeof v;
    CHECK(setsockopt(s, SOL_SOCKET, SO_KEEPALIVE, &one, sizeof one));
    CHECK(getsockopt(s, SOL_SOCKET, SO_KEEPALIVE, &v, &l));
    printf("SO_KEEPALIVE %d len %u\n", v, (unsigned)l);
    CHECK(setsockopt(s, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one));
    l = sizeof v;
    CHECK(getsockopt(s, IPPROTO_TCP, TCP_NODELAY, &v, &l));
    printf("TCP_NODELAY %d\n", v != 0);
    l = sizeof v;
    CHECK(getsockopt(s, SOL_SOCKET, SO_TYPE, &v, &l));
    printf("SO_TYPE %d (SOCK_STREAM %d)\n", v, SOCK_STREAM);
    l = sizeof v;
    CHECK(getsockopt(s, SOL_SOCKET, SO_ERROR, &v, &l));
    printf("SO_ERROR %d\n", v);
    int small = 8192;
    CHECK(setsockopt(s, SOL_SOCKET, SO_RCVBUF, &small, sizeof small));
    l = sizeof v;
    CHECK(getsockopt(s, SOL_SOCKET, SO_RCVBUF, &v, &l));
    printf("SO_RCVBUF doubled by the kernel %d\n", v == 2 * small);
    CHECK(setsockopt(s, SOL_SOCKET, SO_SNDBUF, &small, sizeof small));
    l = sizeof v;
    CHECK(getsockopt(s, SOL_SOCKET, SO_SNDBUF, &v, &l));
    printf("SO_SNDBUF doubled by the kernel %d\n", v == 2 * small);
    struct linger lg = {1, 7}, back;
    CHECK(setsockopt(s, SOL_SOCKET, SO_LINGER, &lg, sizeof lg));
    l = sizeof back;
    CHECK(getsockopt(s, SOL_SOCKET, SO_LINGER, &back, &l));
    printf("SO_LINGER %d %d len %u\n", back.l_onoff != 0, back.l_linger, (unsigned)l);
    lg.l_onoff = 0;
    setsockopt(s, SOL_SOCKET, SO_LINGER, &lg, sizeof lg);
    SHOW("setsockopt SO_KEEPALIVE optlen 2", setsockopt(s, SOL_SOCKET, SO_KEEPALIVE, &one, 2));
    l = sizeof v;
    SHOW("getsockopt SO_KEEPALIVE optlen -1", getsockopt(s, SOL_SOCKET, SO_KEEPALIVE, &v, (l = (socklen_t)-1, &l)));
    l = sizeof v;
    SHOW("getsockopt unknown level 12345", getsockopt(s, 12345, 1, &v, &l));
    SHOW("setsockopt unknown option", setsockopt(s, SOL_SOCKET, 12345, &one, sizeof one));
    return 0;
}

static int exchange(int s) {
    const char hello[] = "hello, echo";
    CHECK(send(s, hello, sizeof hello, 0));
    char buf[64];
    memset(buf, 0, sizeof buf);
    // MSG_PEEK leaves the bytes queued; MSG_WAITALL waits for all of them.
    CHECK(recv(s, buf, 5, MSG_PEEK | MSG_WAITALL));
    printf("peeked: %.5s\n", buf);
    CHECK(recv(s, buf, sizeof hello, MSG_WAITALL));
    printf("echoed: %s\n", buf);
    SHOW("recv MSG_DONTWAIT on an empty socket", recv(s, buf, sizeof buf, MSG_DONTWAIT));

    // sendto/recvfrom on a connected stream socket: the address is ignored, none comes back.
    struct sockaddr_in from;
    socklen_t fl = sizeof from;
    memset(&from, 0x55, sizeof from);
    CHECK(sendto(s, "xyz", 3, 0, NULL, 0));
    ssize_t n = recvfrom(s, buf, 3, MSG_WAITALL, (struct sockaddr *)&from, &fl);
    printf("recvfrom %zd '%.3s' fromlen %u\n", n, buf, (unsigned)fl);

    // Gather three pieces, scatter into two buffers.
    struct iovec out[3] = {{"abc", 3}, {"", 0}, {"defghij", 7}};
    struct msghdr m = {0};
    m.msg_iov = out;
    m.msg_iovlen = 3;
    printf("sendmsg %zd\n", sendmsg(s, &m, 0));
    char a[4] = {0}, b[7] = {0};
    struct iovec in[2] = {{a, 4}, {b, 6}};
    struct msghdr r = {0};
    r.msg_iov = in;
    r.msg_iovlen = 2;
    size_t got = 0;
    while (got < 10) {
        n = recvmsg(s, &r, MSG_WAITALL);
        if (n <= 0) break;
        got += (size_t)n;
        // Advance the iovecs past what arrived.
        size_t skip = (size_t)n;
        for (int i = 0; i < 2 && skip > 0; i++) {
            size_t take = skip < in[i].iov_len ? skip : in[i].iov_len;
            in[i].iov_base = (char *)in[i].iov_base + take;
            in[i].iov_len -= take;
            skip -= take;
        }
    }
    printf("recvmsg %zu: '%.4s' '%.6s' flags %d\n", got, a, b, r.msg_flags);

    // A larger transfer in both directions, checked byte for byte.
    static char big[100000], back[100000];
    for (unsigned i = 0; i < sizeof big; i++) big[i] = (char)(i * 7 + i / 255);
    size_t sent = 0, have = 0;
    while (sent < sizeof big) {
        size_t chunk = sizeof big - sent > 8000 ? 8000 : sizeof big - sent;
        ssize_t w = send(s, big + sent, chunk, 0);
        if (w <= 0) return 1;
        sent += (size_t)w;
        if (recv_all(s, back + have, sent - have) != 0) return 1;
        have = sent;
    }
    printf("100000 bytes echoed intact %d\n", memcmp(big, back, sizeof big) == 0);
    return 0;
}

static int raw_socketcall(int call, unsigned long *args) {
#ifdef SYS_socketcall
    return (int)syscall(SYS_socketcall, call, args);
#else
    (void)call, (void)args;
    errno = ENOSYS;
    return -1;
#endif
}

int main(void) {
    signal(SIGPIPE, SIG_IGN);
    listener = socket(AF_INET, SOCK_STREAM, 0);
    CHECK(listener);
    int one = 1;
    CHECK(setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one));
    memset(&server_addr, 0, sizeof server_addr);
    server_addr.sin_family = AF_INET;
    server_addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    server_addr.sin_port = 0;
    CHECK(bind(listener, (struct sockaddr *)&server_addr, sizeof server_addr));
    socklen_t len = sizeof server_addr;
    CHECK(getsockname(listener, (struct sockaddr *)&server_addr, &len));
    printf("bound: family %d len %u address %s port chosen %d\n", server_addr.sin_family, (unsigned)len,
           inet_ntoa(server_addr.sin_addr), server_addr.sin_port != 0);
    int v;
    len = sizeof v;
    getsockopt(listener, SOL_SOCKET, SO_ACCEPTCONN, &v, &len);
    printf("SO_ACCEPTCONN before listen %d\n", v);
    CHECK(listen(listener, 8));
    len = sizeof v;
    getsockopt(listener, SOL_SOCKET, SO_ACCEPTCONN, &v, &len);
    printf("SO_ACCEPTCONN after listen %d\n", v);

    pthread_t t;
    pthread_create(&t, NULL, server, NULL);

    int scratch = socket(AF_INET, SOCK_STREAM, 0);
    CHECK(scratch);
    if (options(scratch)) return 1;
    close(scratch);
    int c = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    CHECK(c);
    SHOW("send before connect", send(c, "x", 1, 0));
    CHECK(connect(c, (struct sockaddr *)&server_addr, sizeof server_addr));
    SHOW("connect again", connect(c, (struct sockaddr *)&server_addr, sizeof server_addr));
    struct sockaddr_in mine, peer;
    socklen_t ml = sizeof mine, pl = sizeof peer;
    CHECK(getsockname(c, (struct sockaddr *)&mine, &ml));
    CHECK(getpeername(c, (struct sockaddr *)&peer, &pl));
    printf("client: peer is the server %d, local address %s, local port set %d\n", same(&peer, &server_addr),
           inet_ntoa(mine.sin_addr), mine.sin_port != 0);
    // A too-short address length: the name is cut, the full length is reported.
    struct sockaddr_in cut;
    memset(&cut, 0xee, sizeof cut);
    socklen_t cl = 4;
    getpeername(c, (struct sockaddr *)&cut, &cl);
    printf("getpeername into 4 bytes: len %u family %d, rest untouched %d\n", (unsigned)cl, cut.sin_family,
           cut.sin_addr.s_addr == 0xeeeeeeee);
    if (exchange(c)) return 1;
    CHECK(shutdown(c, SHUT_WR));
    char buf[16];
    printf("recv after our shutdown and the server's close: %zd\n", recv(c, buf, sizeof buf, 0));
    SHOW("send after shutdown, MSG_NOSIGNAL", send(c, "x", 1, MSG_NOSIGNAL));
    close(c);

    // Second connection: non-blocking connect, then poll for completion.
    c = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    int r = connect(c, (struct sockaddr *)&server_addr, sizeof server_addr);
    int e = errno;
    struct pollfd pf = {c, POLLOUT, 0};
    poll(&pf, 1, 5000);
    int soerr = -1;
    len = sizeof soerr;
    getsockopt(c, SOL_SOCKET, SO_ERROR, &soerr, &len);
    printf("non-blocking connect: %s, writable %d, SO_ERROR %d\n", r == 0 || e == EINPROGRESS ? "started" : err(e),
           (pf.revents & POLLOUT) != 0, soerr);
    int fl = fcntl(c, F_GETFL);
    fcntl(c, F_SETFL, fl & ~O_NONBLOCK);
    send(c, "bye", 3, 0);
    shutdown(c, SHUT_WR);
    memset(buf, 0, sizeof buf);
    printf("recv %zd '%s'\n", recv(c, buf, sizeof buf, MSG_WAITALL), buf);
    close(c);
    void *res;
    pthread_join(t, &res);
    printf("%sserver thread %s\n", server_log, res == NULL ? "ok" : "failed");

    // A refused connection: the port of a socket that is bound but not listening.
    int idle = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in idle_addr = {0};
    idle_addr.sin_family = AF_INET;
    idle_addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    CHECK(bind(idle, (struct sockaddr *)&idle_addr, sizeof idle_addr));
    len = sizeof idle_addr;
    getsockname(idle, (struct sockaddr *)&idle_addr, &len);
    c = socket(AF_INET, SOCK_STREAM, 0);
    SHOW("connect to a port nobody listens on", connect(c, (struct sockaddr *)&idle_addr, sizeof idle_addr));
    close(c);
    int again = socket(AF_INET, SOCK_STREAM, 0);
    SHOW("bind to a port in use", bind(again, (struct sockaddr *)&idle_addr, sizeof idle_addr));
    close(again);
    close(idle);

    // Argument errors.
    SHOW("socket(12345)", socket(12345, SOCK_STREAM, 0));
    SHOW("bind with addrlen -1", bind(listener, (struct sockaddr *)&server_addr, (socklen_t)-1));
    SHOW("listen on a file descriptor that is no socket", listen(1, 1));
    len = sizeof server_addr;
    SHOW("getsockname with a bad address", getsockname(listener, (struct sockaddr *)8, &len));
    SHOW("accept on a closed descriptor", accept(999, NULL, NULL));
    SHOW("connect with a bad address", connect(listener, (struct sockaddr *)8, sizeof server_addr));
    close(listener);

    // UDP: datagrams keep their boundaries and name their sender.
    int u1 = socket(AF_INET, SOCK_DGRAM, 0), u2 = socket(AF_INET, SOCK_DGRAM, 0);
    struct sockaddr_in a1 = {0}, a2 = {0};
    a1.sin_family = a2.sin_family = AF_INET;
    a1.sin_addr.s_addr = a2.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    CHECK(bind(u1, (struct sockaddr *)&a1, sizeof a1));
    CHECK(bind(u2, (struct sockaddr *)&a2, sizeof a2));
    len = sizeof a1;
    getsockname(u1, (struct sockaddr *)&a1, &len);
    len = sizeof a2;
    getsockname(u2, (struct sockaddr *)&a2, &len);
    sendto(u1, "first datagram", 14, 0, (struct sockaddr *)&a2, sizeof a2);
    sendto(u1, "second", 6, 0, (struct sockaddr *)&a2, sizeof a2);
    struct sockaddr_in src;
    socklen_t sl = sizeof src;
    memset(buf, 0, sizeof buf);
    ssize_t n = recvfrom(u2, buf, 5, 0, (struct sockaddr *)&src, &sl);
    printf("udp: %zd '%.5s' (truncated) from u1 %d\n", n, buf, same(&src, &a1));
    char dg[32] = {0};
    struct iovec iv = {dg, sizeof dg};
    struct msghdr mh = {0};
    mh.msg_name = &src;
    mh.msg_namelen = sizeof src;
    mh.msg_iov = &iv;
    mh.msg_iovlen = 1;
    n = recvmsg(u2, &mh, 0);
    printf("udp recvmsg: %zd '%s' namelen %u from u1 %d flags %d\n", n, dg, (unsigned)mh.msg_namelen, same(&src, &a1),
           mh.msg_flags);
    sendto(u1, "0123456789", 10, 0, (struct sockaddr *)&a2, sizeof a2);
    iv.iov_len = 4;
    n = recvmsg(u2, &mh, 0);
    printf("udp recvmsg into 4 bytes: %zd MSG_TRUNC %d\n", n, (mh.msg_flags & MSG_TRUNC) != 0);

    // sendmmsg and recvmmsg: three datagrams out in one call, back in one call with room for four.
    const char *words[3] = {"alpha", "be", "gamma!"};
    struct mmsghdr out[3], in[4];
    struct iovec oiv[3], iiv[4];
    char ibuf[4][16];
    memset(out, 0, sizeof out);
    memset(in, 0, sizeof in);
    memset(ibuf, 0, sizeof ibuf);
    for (int i = 0; i < 3; i++) {
        oiv[i].iov_base = (void *)words[i];
        oiv[i].iov_len = strlen(words[i]);
        out[i].msg_hdr.msg_iov = &oiv[i];
        out[i].msg_hdr.msg_iovlen = 1;
        out[i].msg_hdr.msg_name = &a2;
        out[i].msg_hdr.msg_namelen = sizeof a2;
    }
    for (int i = 0; i < 4; i++) {
        iiv[i].iov_base = ibuf[i];
        iiv[i].iov_len = sizeof ibuf[i];
        in[i].msg_hdr.msg_iov = &iiv[i];
        in[i].msg_hdr.msg_iovlen = 1;
    }
    int sent = sendmmsg(u1, out, 3, 0);
    printf("sendmmsg: %d lens %u %u %u\n", sent, out[0].msg_len, out[1].msg_len, out[2].msg_len);
    int got = recvmmsg(u2, in, 4, MSG_WAITFORONE, NULL);
    printf("recvmmsg: %d", got);
    for (int i = 0; i < got; i++) {
        printf(" '%s'/%u", ibuf[i], in[i].msg_len);
    }
    printf("\n");
    SHOW("recvmmsg on an empty socket", recvmmsg(u2, in, 4, MSG_DONTWAIT, NULL));
    close(u1);
    close(u2);

    // The same through socketcall(2).
    unsigned long args[6] = {AF_INET, SOCK_DGRAM, 0};
    int s1 = raw_socketcall(SYS_SOCKET, args);
    int s2 = raw_socketcall(SYS_SOCKET, args);
    struct sockaddr_in b1 = {0};
    b1.sin_family = AF_INET;
    b1.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    unsigned long bargs[3] = {(unsigned long)s2, (unsigned long)&b1, sizeof b1};
    int br = raw_socketcall(SYS_BIND, bargs);
    socklen_t bl = sizeof b1;
    unsigned long nargs[3] = {(unsigned long)s2, (unsigned long)&b1, (unsigned long)&bl};
    int gr = raw_socketcall(SYS_GETSOCKNAME, nargs);
    unsigned long sargs[6] = {(unsigned long)s1, (unsigned long)"via socketcall", 14, 0, (unsigned long)&b1, sizeof b1};
    int sr = raw_socketcall(SYS_SENDTO, sargs);
    memset(buf, 0, sizeof buf);
    unsigned long rargs[4] = {(unsigned long)s2, (unsigned long)buf, sizeof buf - 1, 0};
    int rr = raw_socketcall(SYS_RECV, rargs);
    printf("socketcall: sockets %d, bind %d, getsockname %d, sendto %d, recv %d '%s'\n", s1 >= 0 && s2 >= 0, br, gr, sr,
           rr, buf);
    SHOW("socketcall(99)", raw_socketcall(99, args));
    SHOW("socketcall with a bad argument pointer", raw_socketcall(SYS_SOCKET, (unsigned long *)8));
    close(s1);
    close(s2);
    return 0;
}
