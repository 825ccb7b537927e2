/*
 * Makes one Linux system call as a 32-bit PowerPC program and prints the bytes the kernel (here:
 * qemu-ppc's emulation of it) stored, in hex, so that ppcvm's codecs can be compared with them.
 * Raw syscall() is used throughout so that glibc does not convert anything.
 *
 *   sysdump stat64 PATH | lstat64 PATH | statx PATH MASK | getdents64 DIR SIZE | uname
 *         | ugetrlimit RESOURCE | prlimit64 RESOURCE | tcgets | tiocgwinsz
 *         | statfs64 PATH | fstatfs64 PATH | epoll DATA | unixname PATH
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <asm/termbits.h> /* the kernel's struct termios, which TCGETS names */
#include <sys/syscall.h>
#include <unistd.h>

static void dump(const unsigned char *p, long n) {
    if (n < 0) {
        printf("error %ld\n", n);
        exit(1);
    }
    for (long i = 0; i < n; i++) printf("%02x", p[i]);
    printf("\n");
}

static long check(long r) {
    if (r < 0) {
        perror("syscall");
        exit(2);
    }
    return r;
}

/* A new pseudo-terminal's slave side, opened without glibc's termios code. */
static int pty_slave(void) {
    int master = check(open("/dev/ptmx", O_RDWR | O_NOCTTY));
    int unlock = 0;
    unsigned int n;
    check(syscall(SYS_ioctl, master, TIOCSPTLCK, &unlock));
    check(syscall(SYS_ioctl, master, TIOCGPTN, &n));
    char name[64];
    snprintf(name, sizeof name, "/dev/pts/%u", n);
    return check(open(name, O_RDWR | O_NOCTTY));
}

int main(int argc, char **argv) {
    static unsigned char buf[65536];
    memset(buf, 0xa5, sizeof buf); /* so that bytes the kernel leaves alone show */
    if (argc < 2) return 3;
    const char *op = argv[1];
    if (!strcmp(op, "stat64")) {
        check(syscall(SYS_stat64, argv[2], buf));
        dump(buf, 104);
    } else if (!strcmp(op, "lstat64")) {
        check(syscall(SYS_lstat64, argv[2], buf));
        dump(buf, 104);
    } else if (!strcmp(op, "statx")) {
        memset(buf, 0, 256);
        check(syscall(SYS_statx, AT_FDCWD, argv[2], 0, (unsigned) strtoul(argv[3], 0, 0), buf));
        dump(buf, 256);
    } else if (!strcmp(op, "getdents64")) {
        int fd = check(open(argv[2], O_RDONLY | O_DIRECTORY));
        long n = check(syscall(SYS_getdents64, fd, buf, atoi(argv[3])));
        dump(buf, n);
    } else if (!strcmp(op, "uname")) {
        check(syscall(SYS_uname, buf));
        dump(buf, 390);
    } else if (!strcmp(op, "ugetrlimit")) {
        check(syscall(SYS_ugetrlimit, atoi(argv[2]), buf));
        dump(buf, 8);
    } else if (!strcmp(op, "prlimit64")) {
        check(syscall(SYS_prlimit64, 0, atoi(argv[2]), NULL, buf));
        dump(buf, 16);
    } else if (!strcmp(op, "tcgets")) {
        check(syscall(SYS_ioctl, pty_slave(), TCGETS, buf));
        dump(buf, 44);
    } else if (!strcmp(op, "tiocgwinsz")) {
        check(syscall(SYS_ioctl, pty_slave(), TIOCGWINSZ, buf));
        dump(buf, 8);
    } else if (!strcmp(op, "statfs64")) {
        check(syscall(SYS_statfs64, argv[2], 88, buf));
        dump(buf, 88);
    } else if (!strcmp(op, "fstatfs64")) {
        check(syscall(SYS_fstatfs64, check(open(argv[2], O_RDONLY)), 88, buf));
        dump(buf, 88);
    } else if (!strcmp(op, "epoll")) {
        /* One ready pipe registered with the 64-bit data value given; the events array as stored. */
        int p[2];
        check(pipe(p));
        check(write(p[1], "x", 1));
        int ep = check(syscall(SYS_epoll_create1, 0));
        struct epoll_event ev = {EPOLLIN, {.u64 = strtoull(argv[2], 0, 0)}};
        check(syscall(SYS_epoll_ctl, ep, EPOLL_CTL_ADD, p[0], &ev));
        long n = check(syscall(SYS_epoll_wait, ep, buf, 4, 0));
        dump(buf, n * 16);
    } else if (!strcmp(op, "unixname")) {
        struct sockaddr_un a = {AF_UNIX};
        strncpy(a.sun_path, argv[2], sizeof a.sun_path - 1);
        unlink(argv[2]);
        int s = check(syscall(SYS_socket, AF_UNIX, SOCK_STREAM, 0));
        check(syscall(SYS_bind, s, &a, sizeof a));
        unsigned int len = 128;
        check(syscall(SYS_getsockname, s, buf, &len));
        unlink(argv[2]);
        dump(buf, len);
    } else {
        return 3;
    }
    return 0;
}
