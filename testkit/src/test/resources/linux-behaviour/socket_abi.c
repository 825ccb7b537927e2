// Socket, epoll and statfs64 details where qemu-ppc 7.2 departs from Linux on 32-bit PowerPC.
//
// Output, one "key value" line each:
// - sockopt_short: getsockopt(SO_TYPE) into a 2-byte buffer: the length, then the two bytes.
//   Linux copies the first bytes of the int as it lies in memory: 00 00 on big-endian.
// - socket_bad_type: the errno of socket(AF_INET, 99, 0); Linux says EINVAL (22).
// - scm_rights_no_room: a passed descriptor received with a control buffer that only holds a
//   struct cmsghdr: msg_controllen and MSG_CTRUNC. Linux installs nothing, reports 0 bytes of
//   control data used and sets MSG_CTRUNC.
// - epoll_pwait2: events from epoll_pwait2 (441) with one ready descriptor, or -errno.
// - statfs64_size/fstatfs64_size: the result of the call with a size other than
//   sizeof(struct statfs64) (88), or -errno; Linux refuses it with EINVAL.
#define _GNU_SOURCE
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static long result(long r) { return r < 0 ? -errno : r; }

int main(void) {
    int s = socket(AF_INET, SOCK_STREAM, 0);
    unsigned char two[2] = {0xaa, 0xaa};
    socklen_t len = 2;
    getsockopt(s, SOL_SOCKET, SO_TYPE, two, &len);
    printf("sockopt_short %u %02x %02x\n", (unsigned)len, two[0], two[1]);
    close(s);

    errno = 0;
    socket(AF_INET, 99, 0);
    printf("socket_bad_type %d\n", errno);

    int sv[2], p[2];
    socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
    pipe(p);
    char control[CMSG_SPACE(sizeof(int))];
    memset(control, 0, sizeof control);
    struct iovec iov = {"x", 1};
    struct msghdr m = {0};
    m.msg_iov = &iov;
    m.msg_iovlen = 1;
    m.msg_control = control;
    m.msg_controllen = sizeof control;
    struct cmsghdr *h = CMSG_FIRSTHDR(&m);
    h->cmsg_level = SOL_SOCKET;
    h->cmsg_type = SCM_RIGHTS;
    h->cmsg_len = CMSG_LEN(sizeof(int));
    memcpy(CMSG_DATA(h), &p[0], sizeof(int));
    sendmsg(sv[0], &m, 0);
    char byte;
    char in[sizeof(struct cmsghdr)];
    struct iovec riov = {&byte, 1};
    struct msghdr r = {0};
    r.msg_iov = &riov;
    r.msg_iovlen = 1;
    r.msg_control = in;
    r.msg_controllen = sizeof in;
    recvmsg(sv[1], &r, 0);
    printf("scm_rights_no_room %u %d\n", (unsigned)r.msg_controllen, (r.msg_flags & MSG_CTRUNC) != 0);

    int ep = epoll_create1(0);
    struct epoll_event ev = {EPOLLOUT, {.u64 = 1}}, out[2];
    epoll_ctl(ep, EPOLL_CTL_ADD, p[1], &ev);
    struct timespec ts = {0, 1000000};
    printf("epoll_pwait2 %ld\n", result(syscall(441, ep, out, 2, &ts, NULL, 8)));

    struct statfs buf[2];
    printf("statfs64_size %ld\n", result(syscall(SYS_statfs64, ".", sizeof buf[0] - 4, buf)));
    printf("fstatfs64_size %ld\n", result(syscall(SYS_fstatfs64, p[0], sizeof buf[0] + 8, buf)));
    return 0;
}
