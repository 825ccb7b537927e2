// memfd_create: an anonymous file sized with ftruncate, written with write and pwrite, read back
// through mmap (private and shared read-only mappings), fstat, lseek, its flags (MFD_CLOEXEC,
// MFD_ALLOW_SEALING accepted) and the errors of a bad flag or a name that is too long. (Stores
// through a MAP_SHARED mapping are not checked against read(): ppcvm maps files as copies.)
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#define CHECK(x) do { if ((x) < 0) { printf("FAILED: %s: %s\n", #x, strerror(errno)); return 1; } } while (0)

static const char *err(int e) {
    switch (e) {
    case EINVAL: return "EINVAL";
    case EFAULT: return "EFAULT";
    default: return strerror(e);
    }
}

#define SHOW(label, call) do { errno = 0; long r_ = (long)(call); int e_ = errno; printf("%s: %ld %s\n", label, r_, r_ < 0 ? err(e_) : "ok"); } while (0)

int main(void) {
    int fd = memfd_create("ppcvm-test", MFD_CLOEXEC);
    CHECK(fd);
    struct stat st;
    CHECK(fstat(fd, &st));
    printf("new memfd: regular %d size %lld mode %o cloexec %d\n", S_ISREG(st.st_mode), (long long)st.st_size,
           st.st_mode & 0777, (fcntl(fd, F_GETFD) & FD_CLOEXEC) != 0);
    CHECK(ftruncate(fd, 3 * 4096));
    CHECK(fstat(fd, &st));
    printf("after ftruncate: size %lld\n", (long long)st.st_size);
    const char head[] = "at the start of the memfd";
    CHECK(write(fd, head, sizeof head));
    CHECK(pwrite(fd, "page two", 8, 4096 + 100));
    long long position = (long long)lseek(fd, 0, SEEK_CUR);
    long long end = (long long)lseek(fd, 0, SEEK_END);
    printf("position after write %lld, end %lld\n", position, end);

    char *p = mmap(NULL, 3 * 4096, PROT_READ, MAP_SHARED, fd, 0);
    if (p == MAP_FAILED) {
        printf("mmap shared: %s\n", strerror(errno));
        return 1;
    }
    printf("shared mapping: '%s' '%.8s' zero tail %d\n", p, p + 4096 + 100, p[3 * 4096 - 1] == 0);
    munmap(p, 3 * 4096);
    char *q = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 4096);
    if (q == MAP_FAILED) {
        printf("mmap private: %s\n", strerror(errno));
        return 1;
    }
    memcpy(q, "private!", 8);
    char back[9] = {0};
    pread(fd, back, 8, 4096);
    printf("private mapping at 4096: '%.8s', file still holds zero bytes there %d\n", q, back[0] == 0);
    munmap(q, 4096);

    // Reading back with read and a grown file.
    lseek(fd, 0, SEEK_SET);
    char buf[64] = {0};
    CHECK(read(fd, buf, sizeof head));
    printf("read back: '%s'\n", buf);
    CHECK(ftruncate(fd, 10));
    CHECK(fstat(fd, &st));
    memset(buf, 0, sizeof buf);
    lseek(fd, 0, SEEK_SET);
    ssize_t n = read(fd, buf, sizeof buf);
    printf("shrunk to %lld: read %zd '%s'\n", (long long)st.st_size, n, buf);
    close(fd);

    int sealed = memfd_create("sealable", MFD_ALLOW_SEALING);
    CHECK(sealed);
    close(sealed);
    SHOW("memfd_create with an unknown flag", memfd_create("x", 0x100));
    char name[300];
    memset(name, 'n', sizeof name - 1);
    name[sizeof name - 1] = 0;
    SHOW("memfd_create with a 299-byte name", memfd_create(name, 0));
    SHOW("memfd_create with a bad name pointer", syscall(SYS_memfd_create, (char *)8, 0));
    return 0;
}
