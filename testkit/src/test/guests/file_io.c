// File-system round trips in a fresh directory under the current one: mkdir, open/creat with
// modes, write/read/pread/pwrite, lseek (SEEK_SET/CUR/END, holes), fstat/stat/lstat (size, type,
// permission bits only), ftruncate, rename, link/symlink/readlink, unlink, readdir (sorted),
// dup/dup2, fcntl, access, stdio (fopen/fprintf/fgets/fread/fseek/ftell), getcwd, chdir, rmdir.
// Built with 64-bit file offsets: with 32-bit ones glibc's readdir fails with EOVERFLOW under
// qemu-ppc, because the 64-bit host kernel hands the "64-bit" qemu process 64-bit directory
// cookies (ext4 hashes), which a real 32-bit process would not get.
#define _FILE_OFFSET_BITS 64
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "common.h"

#define CHECK(x) do { if ((x) < 0) { printf("FAILED: %s: %s\n", #x, strerror(errno)); return 1; } } while (0)

static int cmp(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static void list(const char *dir) {
    DIR *d = opendir(dir);
    char *names[64];
    int n = 0;
    struct dirent *e;
    errno = 0;
    while ((e = readdir(d)) != NULL && n < 64) names[n++] = strdup(e->d_name);
    if (errno != 0) printf("readdir: %s\n", strerror(errno));
    closedir(d);
    qsort(names, n, sizeof names[0], cmp);
    printf("ls %s:", dir);
    for (int i = 0; i < n; i++) {
        struct stat st;
        char path[256];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        lstat(path, &st);
        printf(" %s(%c,%lld)", names[i], S_ISDIR(st.st_mode) ? 'd' : S_ISLNK(st.st_mode) ? 'l' : S_ISREG(st.st_mode) ? 'f' : '?',
               S_ISDIR(st.st_mode) ? 0LL : (long long)st.st_size);
        free(names[i]);
    }
    printf("\n");
}

int main(void) {
    umask(022);
    CHECK(mkdir("io_work", 0755));
    CHECK(chdir("io_work"));
    char cwd[4096];
    printf("getcwd ends with /io_work: %s\n", getcwd(cwd, sizeof cwd) && strstr(cwd, "/io_work") ? "yes" : "no");

    int fd = open("data.bin", O_CREAT | O_EXCL | O_RDWR, 0640);
    CHECK(fd);
    unsigned char buf[10000];
    lcg_seed(77);
    for (unsigned i = 0; i < sizeof buf; i++) buf[i] = (unsigned char)(lcg_next() >> 24);
    printf("write %zd\n", write(fd, buf, sizeof buf));
    printf("O_EXCL again: %d errno=%s\n", open("data.bin", O_CREAT | O_EXCL | O_RDWR, 0640), strerror(errno));
    printf("lseek cur=%lld end=%lld set=%lld\n", (long long)lseek(fd, 0, SEEK_CUR), (long long)lseek(fd, 0, SEEK_END),
           (long long)lseek(fd, 100, SEEK_SET));
    unsigned char back[10000];
    printf("read %zd matches=%d\n", read(fd, back, 50), memcmp(back, buf + 100, 50) == 0);
    printf("pread %zd matches=%d pos still %lld\n", pread(fd, back, 1000, 5000), memcmp(back, buf + 5000, 1000) == 0,
           (long long)lseek(fd, 0, SEEK_CUR));
    printf("pwrite %zd\n", pwrite(fd, "PATCH", 5, 9998));
    struct stat st;
    CHECK(fstat(fd, &st));
    printf("fstat size=%lld regular=%d mode=%o nlink=%ld\n", (long long)st.st_size, S_ISREG(st.st_mode),
           st.st_mode & 07777, (long)st.st_nlink);
    /* A hole: seek past the end and write; the gap reads back as zeros. */
    lseek(fd, 20000, SEEK_SET);
    write(fd, "end", 3);
    memset(back, 0xff, 100);
    pread(fd, back, 100, 15000);
    int zeros = 0;
    for (int i = 0; i < 100; i++) zeros += back[i] == 0;
    printf("hole zeros=%d/100\n", zeros);
    CHECK(ftruncate(fd, 12345));
    fstat(fd, &st);
    printf("after ftruncate size=%lld\n", (long long)st.st_size);
    int fd2 = dup(fd);
    printf("dup shares offset: %lld == %lld\n", (long long)lseek(fd, 77, SEEK_SET), (long long)lseek(fd2, 0, SEEK_CUR));
    printf("fcntl cloexec before=%d", fcntl(fd2, F_GETFD) & FD_CLOEXEC);
    fcntl(fd2, F_SETFD, FD_CLOEXEC);
    printf(" after=%d, status flags rdwr=%d\n", fcntl(fd2, F_GETFD) & FD_CLOEXEC, (fcntl(fd2, F_GETFL) & O_ACCMODE) == O_RDWR);
    CHECK(dup2(fd, 50));
    printf("dup2 to 50: fstat ok=%d\n", fstat(50, &st) == 0);
    close(50);
    close(fd2);
    close(fd);
    printf("read after close: %zd errno=%s\n", read(fd, back, 1), strerror(errno));

    CHECK(rename("data.bin", "renamed.bin"));
    printf("stat old name: %d errno=%s\n", stat("data.bin", &st), strerror(errno));
    CHECK(link("renamed.bin", "hardlink.bin"));
    CHECK(symlink("renamed.bin", "symlink.bin"));
    char target[64];
    ssize_t tl = readlink("symlink.bin", target, sizeof target - 1);
    target[tl > 0 ? tl : 0] = 0;
    stat("renamed.bin", &st);
    printf("readlink=%s nlink=%ld\n", target, (long)st.st_nlink);
    printf("access R=%d W=%d X=%d missing=%d\n", access("renamed.bin", R_OK), access("renamed.bin", W_OK),
           access("renamed.bin", X_OK), access("missing", F_OK));
    CHECK(mkdir("sub", 0700));
    CHECK(mkdir("sub/deeper", 0700));
    printf("mkdir existing: %d errno=%s\n", mkdir("sub", 0700), strerror(errno));
    printf("rmdir non-empty: %d errno=%s\n", rmdir("sub"), strerror(errno));

    FILE *f = fopen("sub/text.txt", "w+");
    for (int i = 0; i < 500; i++) fprintf(f, "line %03d: %s\n", i, i % 3 ? "fizz" : "buzz");
    printf("ftell after writing=%ld\n", ftell(f));
    fseek(f, 0, SEEK_SET);
    char line[64];
    int lines = 0, buzz = 0;
    while (fgets(line, sizeof line, f)) {
        lines++;
        buzz += strstr(line, "buzz") != NULL;
    }
    printf("fgets lines=%d buzz=%d feof=%d\n", lines, buzz, feof(f));
    fseek(f, -20, SEEK_END);
    size_t got = fread(line, 1, 20, f);
    line[got] = 0;
    printf("tail: %s", line);
    fclose(f);
    f = fopen("sub/text.txt", "a");
    fputs("appended\n", f);
    fclose(f);
    stat("sub/text.txt", &st);
    printf("after append size=%lld\n", (long long)st.st_size);
    printf("fopen missing: %s errno=%s\n", fopen("nope/x", "r") ? "opened" : "NULL", strerror(errno));

    list(".");
    list("sub");
    CHECK(unlink("symlink.bin"));
    CHECK(unlink("hardlink.bin"));
    CHECK(unlink("renamed.bin"));
    CHECK(unlink("sub/text.txt"));
    CHECK(rmdir("sub/deeper"));
    CHECK(rmdir("sub"));
    list(".");
    CHECK(chdir(".."));
    CHECK(rmdir("io_work"));
    printf("cleaned up: %s\n", access("io_work", F_OK) != 0 ? "yes" : "no");
    return 0;
}
