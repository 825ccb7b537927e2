// ppcvm-test: cflags=-pthread link=dynamic
// TCP over the IPv6 loopback ::1 between two threads: an echo server on port 0 and a client,
// with each side's getsockname/getpeername mirroring the other's (family, port, address, scope
// id and flow info of struct sockaddr_in6), IPV6_V6ONLY, a v4-mapped connection to a dual-stack
// listener, and UDP over ::1. A host without IPv6 skips the test with one line, the same under
// ppcvm and qemu-ppc since both run on the same host.
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define CHECK(x) do { if ((x) < 0) { printf("FAILED: %s: %s\n", #x, strerror(errno)); return 1; } } while (0)

static int listener;
static char server_log[1024];
static size_t server_log_len;

static int same6(const struct sockaddr_in6 *a, const struct sockaddr_in6 *b) {
    return a->sin6_family == b->sin6_family && a->sin6_port == b->sin6_port &&
           memcmp(&a->sin6_addr, &b->sin6_addr, sizeof a->sin6_addr) == 0 && a->sin6_scope_id == b->sin6_scope_id &&
           a->sin6_flowinfo == b->sin6_flowinfo;
}

static void *server(void *arg) {
    (void)arg;
    for (int round = 0; round < 2; round++) {
        struct sockaddr_in6 peer;
        socklen_t len = sizeof peer;
        int c = accept(listener, (struct sockaddr *)&peer, &len);
        if (c < 0) return (void *)1;
        struct sockaddr_in6 theirs;
        socklen_t tl = sizeof theirs;
        getpeername(c, (struct sockaddr *)&theirs, &tl);
        char text[INET6_ADDRSTRLEN];
        inet_ntop(AF_INET6, &peer.sin6_addr, text, sizeof text);
        server_log_len += (size_t)snprintf(server_log + server_log_len, sizeof server_log - server_log_len,
                                           "server: peer %s len %u family %d matches getpeername %d\n", text,
                                           (unsigned)len, peer.sin6_family, same6(&peer, &theirs));
        char buf[256];
        ssize_t n;
        while ((n = recv(c, buf, sizeof buf, 0)) > 0) send(c, buf, (size_t)n, 0);
        close(c);
    }
    return NULL;
}

static int echo(const struct sockaddr *to, socklen_t tolen, int family, const char *what) {
    int c = socket(family, SOCK_STREAM, 0);
    CHECK(c);
    CHECK(connect(c, to, tolen));
    const char msg[] = "over IPv6";
    send(c, msg, sizeof msg, 0);
    shutdown(c, SHUT_WR);
    char buf[64] = {0};
    size_t got = 0;
    ssize_t n;
    while ((n = recv(c, buf + got, sizeof buf - got, 0)) > 0) got += (size_t)n;
    printf("%s: echoed %zu bytes '%s'\n", what, got, buf);
    close(c);
    return 0;
}

int main(void) {
    listener = socket(AF_INET6, SOCK_STREAM, 0);
    struct sockaddr_in6 addr = {0};
    addr.sin6_family = AF_INET6;
    addr.sin6_addr = in6addr_loopback;
    if (listener < 0 || bind(listener, (struct sockaddr *)&addr, sizeof addr) != 0) {
        printf("IPv6 loopback unavailable: skipped\n");
        return 0;
    }
    int v6only;
    socklen_t len = sizeof v6only;
    CHECK(getsockopt(listener, IPPROTO_IPV6, IPV6_V6ONLY, &v6only, &len));
    printf("IPV6_V6ONLY default is a host setting; read with len %u\n", (unsigned)len);
    len = sizeof addr;
    CHECK(getsockname(listener, (struct sockaddr *)&addr, &len));
    char text[INET6_ADDRSTRLEN];
    inet_ntop(AF_INET6, &addr.sin6_addr, text, sizeof text);
    printf("bound: family %d len %u address %s port chosen %d scope %u flowinfo %u\n", addr.sin6_family, (unsigned)len,
           text, addr.sin6_port != 0, (unsigned)addr.sin6_scope_id, (unsigned)addr.sin6_flowinfo);
    CHECK(listen(listener, 4));
    pthread_t t;
    pthread_create(&t, NULL, server, NULL);
    if (echo((struct sockaddr *)&addr, sizeof addr, AF_INET6, "client over ::1")) return 1;

    // A second client checks its own view of both ends.
    int c = socket(AF_INET6, SOCK_STREAM, 0);
    CHECK(connect(c, (struct sockaddr *)&addr, sizeof addr));
    struct sockaddr_in6 mine, peer;
    socklen_t ml = sizeof mine, pl = sizeof peer;
    getsockname(c, (struct sockaddr *)&mine, &ml);
    getpeername(c, (struct sockaddr *)&peer, &pl);
    inet_ntop(AF_INET6, &mine.sin6_addr, text, sizeof text);
    printf("client: local %s len %u, peer is the listener %d\n", text, (unsigned)ml, same6(&peer, &addr));
    close(c);
    void *res;
    pthread_join(t, &res);
    printf("%sserver thread %s\n", server_log, res == NULL ? "ok" : "failed");
    close(listener);

    // IPV6_V6ONLY set explicitly, read back.
    int s = socket(AF_INET6, SOCK_STREAM, 0);
    int one = 1, back = 0;
    CHECK(setsockopt(s, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof one));
    len = sizeof back;
    CHECK(getsockopt(s, IPPROTO_IPV6, IPV6_V6ONLY, &back, &len));
    printf("IPV6_V6ONLY after setting it: %d\n", back);
    close(s);

    // UDP over ::1.
    int u1 = socket(AF_INET6, SOCK_DGRAM, 0), u2 = socket(AF_INET6, SOCK_DGRAM, 0);
    struct sockaddr_in6 a1 = {0}, a2 = {0}, src;
    a1.sin6_family = a2.sin6_family = AF_INET6;
    a1.sin6_addr = a2.sin6_addr = in6addr_loopback;
    CHECK(bind(u1, (struct sockaddr *)&a1, sizeof a1));
    CHECK(bind(u2, (struct sockaddr *)&a2, sizeof a2));
    len = sizeof a1;
    getsockname(u1, (struct sockaddr *)&a1, &len);
    len = sizeof a2;
    getsockname(u2, (struct sockaddr *)&a2, &len);
    CHECK(sendto(u1, "datagram6", 9, 0, (struct sockaddr *)&a2, sizeof a2));
    char buf[32] = {0};
    socklen_t sl = sizeof src;
    ssize_t n = recvfrom(u2, buf, sizeof buf, 0, (struct sockaddr *)&src, &sl);
    printf("udp6: %zd '%s' from u1 %d len %u\n", n, buf, same6(&src, &a1), (unsigned)sl);
    close(u1);
    close(u2);
    return 0;
}
