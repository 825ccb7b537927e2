// ppcvm-test: cflags=-pthread link=dynamic
// AF_UNIX sockets: a stream server bound to a relative path in the working directory and to a
// relative path after chdir (the guest's directory, not the emulator's), a client thread, the
// names getsockname/getpeername/accept report (with the lengths Linux gives), an abstract name,
// datagram sockets with their sender's name, SOCK_SEQPACKET record boundaries, descriptors
// passed with SCM_RIGHTS, credentials with SO_PEERCRED, and the errors of a name in use or a
// path that does not exist. (A control buffer too small for the passed descriptors is left to
// LinuxBehaviourTest: qemu-ppc 7.2 reports it unlike Linux.)
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#define CHECK(x) do { if ((x) < 0) { printf("FAILED: %s: %s\n", #x, strerror(errno)); return 1; } } while (0)

static const char *err(int e) {
    switch (e) {
    case ENOENT: return "ENOENT";
    case EADDRINUSE: return "EADDRINUSE";
    case ECONNREFUSED: return "ECONNREFUSED";
    case EINVAL: return "EINVAL";
    default: return strerror(e);
    }
}

#define SHOW(label, call) do { errno = 0; long r_ = (long)(call); int e_ = errno; printf("%s: %ld %s\n", label, r_, r_ < 0 ? err(e_) : "ok"); } while (0)

static int listener;
static char server_log[1024];
static size_t server_log_len;

static void *server(void *arg) {
    (void)arg;
    struct sockaddr_un peer;
    memset(&peer, 0x55, sizeof peer);
    socklen_t len = sizeof peer;
    int c = accept(listener, (struct sockaddr *)&peer, &len);
    if (c < 0) return (void *)1;
    server_log_len += (size_t)snprintf(server_log + server_log_len, sizeof server_log - server_log_len,
                                       "server: accepted an unnamed peer, len %u family %d\n", (unsigned)len,
                                       peer.sun_family);
    char buf[128];
    ssize_t n;
    while ((n = read(c, buf, sizeof buf)) > 0) {
        for (ssize_t i = 0; i < n; i++) buf[i] = (char)(buf[i] >= 'a' && buf[i] <= 'z' ? buf[i] - 32 : buf[i]);
        write(c, buf, (size_t)n);
    }
    close(c);
    return NULL;
}

static void print_name(const char *what, const struct sockaddr_un *a, socklen_t len) {
    size_t path = len > offsetof(struct sockaddr_un, sun_path) ? len - offsetof(struct sockaddr_un, sun_path) : 0;
    if (path > 0 && a->sun_path[0] == '\0') {
        printf("%s: len %u abstract '%.*s'\n", what, (unsigned)len, (int)path - 1, a->sun_path + 1);
    } else {
        printf("%s: len %u family %d path '%s'\n", what, (unsigned)len, a->sun_family, path > 0 ? a->sun_path : "");
    }
}

static int stream_server(const char *path) {
    listener = socket(AF_UNIX, SOCK_STREAM, 0);
    CHECK(listener);
    struct sockaddr_un addr = {0};
    addr.sun_family = AF_UNIX;
    strcpy(addr.sun_path, path);
    CHECK(bind(listener, (struct sockaddr *)&addr, (socklen_t)(offsetof(struct sockaddr_un, sun_path) + strlen(path) + 1)));
    struct stat st;
    printf("bound %s: the socket file exists here %d\n", path, stat(path, &st) == 0 && S_ISSOCK(st.st_mode));
    struct sockaddr_un name;
    socklen_t len = sizeof name;
    CHECK(getsockname(listener, (struct sockaddr *)&name, &len));
    print_name("listener name", &name, len);
    CHECK(listen(listener, 2));
    pthread_t t;
    pthread_create(&t, NULL, server, NULL);

    int c = socket(AF_UNIX, SOCK_STREAM, 0);
    CHECK(connect(c, (struct sockaddr *)&addr, sizeof addr));
    len = sizeof name;
    CHECK(getpeername(c, (struct sockaddr *)&name, &len));
    print_name("client's peer", &name, len);
    len = sizeof name;
    CHECK(getsockname(c, (struct sockaddr *)&name, &len));
    print_name("client's own name", &name, len);
    write(c, "shout this", 10);
    shutdown(c, SHUT_WR);
    char buf[32] = {0};
    size_t got = 0;
    ssize_t n;
    while ((n = read(c, buf + got, sizeof buf - got - 1)) > 0) got += (size_t)n;
    printf("client got '%s'\n", buf);
    close(c);
    void *res;
    pthread_join(t, &res);
    printf("%sserver %s\n", server_log, res == NULL ? "ok" : "failed");
    server_log_len = 0;
    server_log[0] = 0;

    int again = socket(AF_UNIX, SOCK_STREAM, 0);
    SHOW("bind to the same path again", bind(again, (struct sockaddr *)&addr, sizeof addr));
    close(again);
    close(listener);
    unlink(path);
    return 0;
}

static int datagrams(void) {
    int a = socket(AF_UNIX, SOCK_DGRAM, 0), b = socket(AF_UNIX, SOCK_DGRAM, 0);
    struct sockaddr_un an = {AF_UNIX, "dgram_a"}, bn = {AF_UNIX, "dgram_b"};
    CHECK(bind(a, (struct sockaddr *)&an, sizeof an));
    CHECK(bind(b, (struct sockaddr *)&bn, sizeof bn));
    CHECK(sendto(a, "one", 3, 0, (struct sockaddr *)&bn, sizeof bn));
    CHECK(sendto(a, "two!", 4, 0, (struct sockaddr *)&bn, sizeof bn));
    char buf[16] = {0};
    struct sockaddr_un from;
    socklen_t fl = sizeof from;
    ssize_t n = recvfrom(b, buf, sizeof buf, 0, (struct sockaddr *)&from, &fl);
    printf("datagram %zd '%s'; ", n, buf);
    print_name("from", &from, fl);
    memset(buf, 0, sizeof buf);
    n = recv(b, buf, sizeof buf, 0);
    printf("datagram %zd '%s'\n", n, buf);
    struct sockaddr_un nowhere = {AF_UNIX, "no_such_socket"};
    SHOW("sendto a path that does not exist", sendto(a, "x", 1, 0, (struct sockaddr *)&nowhere, sizeof nowhere));
    close(a);
    close(b);
    unlink("dgram_a");
    unlink("dgram_b");
    return 0;
}

static int abstract_and_seqpacket(void) {
    // An abstract name: a NUL first, no file; the length says where the name ends.
    char name[64];
    int len = snprintf(name + 1, sizeof name - 1, "ppcvm-test-%d-%ld", 1, (long)getpid() % 7);
    name[0] = '\0';
    int s = socket(AF_UNIX, SOCK_SEQPACKET, 0);
    struct sockaddr_un addr = {0};
    addr.sun_family = AF_UNIX;
    memcpy(addr.sun_path, name, (size_t)len + 1);
    socklen_t alen = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + (size_t)len + 1);
    CHECK(bind(s, (struct sockaddr *)&addr, alen));
    CHECK(listen(s, 1));
    int c = socket(AF_UNIX, SOCK_SEQPACKET, 0);
    CHECK(connect(c, (struct sockaddr *)&addr, alen));
    int d = accept(s, NULL, NULL);
    CHECK(d);
    struct sockaddr_un got;
    socklen_t gl = sizeof got;
    getpeername(c, (struct sockaddr *)&got, &gl);
    printf("abstract peer name: len matches %d, bytes match %d\n", gl == alen, memcmp(&got, &addr, alen) == 0);
    send(c, "record one", 10, 0);
    send(c, "two", 3, 0);
    char buf[32] = {0};
    ssize_t n = recv(d, buf, 4, 0);
    printf("seqpacket: %zd '%.4s' (rest of the record dropped)\n", n, buf);
    memset(buf, 0, sizeof buf);
    n = recv(d, buf, sizeof buf, 0);
    printf("seqpacket: %zd '%s'\n", n, buf);

    // SO_PEERCRED: the peer is this very process.
    struct ucred cred;
    socklen_t cl = sizeof cred;
    CHECK(getsockopt(d, SOL_SOCKET, SO_PEERCRED, &cred, &cl));
    printf("SO_PEERCRED: len %u pid is ours %d uid is ours %d gid is ours %d\n", (unsigned)cl, cred.pid == getpid(),
           cred.uid == getuid(), cred.gid == getgid());
    close(c);
    close(d);
    close(s);
    return 0;
}

static int pass_descriptors(void) {
    int sv[2];
    CHECK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
    int p[2];
    CHECK(pipe(p));
    // Send the pipe's write end and a duplicate of stdout along with one byte.
    int fds[2] = {p[1], 1};
    char control[CMSG_SPACE(sizeof fds)];
    memset(control, 0, sizeof control);
    struct iovec iov = {"F", 1};
    struct msghdr m = {0};
    m.msg_iov = &iov;
    m.msg_iovlen = 1;
    m.msg_control = control;
    m.msg_controllen = sizeof control;
    struct cmsghdr *h = CMSG_FIRSTHDR(&m);
    h->cmsg_level = SOL_SOCKET;
    h->cmsg_type = SCM_RIGHTS;
    h->cmsg_len = CMSG_LEN(sizeof fds);
    memcpy(CMSG_DATA(h), fds, sizeof fds);
    CHECK(sendmsg(sv[0], &m, 0));
    close(p[1]);

    char byte = 0;
    char in[CMSG_SPACE(sizeof fds)];
    memset(in, 0, sizeof in);
    struct iovec riov = {&byte, 1};
    struct msghdr r = {0};
    r.msg_iov = &riov;
    r.msg_iovlen = 1;
    r.msg_control = in;
    r.msg_controllen = sizeof in;
    CHECK(recvmsg(sv[1], &r, MSG_CMSG_CLOEXEC));
    struct cmsghdr *rh = CMSG_FIRSTHDR(&r);
    printf("received '%c', controllen %u, flags %d, cmsg level %d type %d len %u\n", byte, (unsigned)r.msg_controllen,
           r.msg_flags, rh ? rh->cmsg_level : -1, rh ? rh->cmsg_type : -1, rh ? (unsigned)rh->cmsg_len : 0);
    int got[2];
    memcpy(got, CMSG_DATA(rh), sizeof got);
    printf("new descriptors are distinct %d, close-on-exec %d\n", got[0] >= 0 && got[1] > 2 && got[0] != got[1],
           (fcntl(got[0], F_GETFD) & FD_CLOEXEC) != 0);
    write(got[0], "through a passed pipe end\n", 26);
    close(got[0]);
    char buf[64] = {0};
    read(p[0], buf, sizeof buf - 1);
    printf("pipe carried: %s", buf);
    fflush(stdout);
    write(got[1], "written through a passed stdout\n", 32);
    close(got[1]);
    close(p[0]);

    close(sv[0]);
    close(sv[1]);
    return 0;
}

int main(void) {
    char dir[] = "unix_work_XXXXXX";
    if (mkdtemp(dir) == NULL) return 1;
    CHECK(chdir(dir));
    if (stream_server("stream.sock")) return 1;
    CHECK(mkdir("sub", 0755));
    CHECK(chdir("sub"));
    if (stream_server("inner.sock")) return 1;
    CHECK(chdir(".."));
    if (datagrams()) return 1;
    struct sockaddr_un missing = {AF_UNIX, "missing.sock"};
    int c = socket(AF_UNIX, SOCK_STREAM, 0);
    SHOW("connect to a missing path", connect(c, (struct sockaddr *)&missing, sizeof missing));
    close(c);
    if (abstract_and_seqpacket()) return 1;
    if (pass_descriptors()) return 1;
    rmdir("sub");
    CHECK(chdir(".."));
    CHECK(rmdir(dir));
    printf("done\n");
    return 0;
}
