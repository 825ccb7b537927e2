// ppcvm-test: cflags=-pthread
// /proc/self/maps is the guest's own: the program's text is a mapping of a file with execute
// permission, a local variable lies in [stack], pthread_getattr_np finds the main thread's stack
// (glibc reads it from the maps file), a file mapped at offset 4096 shows the file and that offset
// (read-only, private; shared), still after mremap grows it, and an unmapped range is gone.
// Addresses are never printed: they differ between emulators. /proc/self/cmdline holds argv.
#define _GNU_SOURCE
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

// The maps line whose range holds address a (copied into line), or 0.
static int find(const void *a, char *line, size_t size) {
    FILE *f = fopen("/proc/self/maps", "r");
    if (!f) {
        return 0;
    }
    unsigned long start, end, x = (unsigned long)a;
    int found = 0;
    while (fgets(line, size, f)) {
        if (sscanf(line, "%lx-%lx", &start, &end) == 2 && x >= start && x < end) {
            found = 1;
            break;
        }
    }
    fclose(f);
    return found;
}

// The permissions, offset and name of a maps line ("r-xp 00000000 ... /path" -> "r-xp 00000000 /path").
static void describe(const char *what, const void *a, const char *file) {
    char line[512], perms[8] = "", name[400] = "";
    unsigned long offset = 0;
    if (!find(a, line, sizeof line)) {
        printf("%s: no mapping\n", what);
        return;
    }
    sscanf(line, "%*lx-%*lx %7s %lx %*s %*u %399s", perms, &offset, name);
    const char *shown = name;
    if (file && strcmp(name, file) == 0) {
        shown = "<the file>";
    }
    printf("%s: %s %08lx %s\n", what, perms, offset, shown);
}

int main(int argc, char **argv) {
    char line[512];
    // /proc/self/cmdline: the arguments, each ending in a zero byte.
    char cmdline[4096];
    FILE *c = fopen("/proc/self/cmdline", "r");
    size_t got = c ? fread(cmdline, 1, sizeof cmdline, c) : 0;
    int args = 0, same = 1;
    for (size_t at = 0; at < got; at += strlen(cmdline + at) + 1, args++) {
        same = same && args < argc && strcmp(cmdline + at, argv[args]) == 0;
    }
    printf("cmdline: %d arguments, argv's %d\n", args, same && args == argc);
    if (c) {
        fclose(c);
    }
    int local = 0;
    describe("stack local", &local, NULL);
    int main_found = find((void *)main, line, sizeof line);
    char *name = strchr(line, '/');
    printf("main: found %d executable %d a file %d\n", main_found, main_found && strstr(line, " r-xp ") != NULL,
           main_found && name != NULL);

    pthread_attr_t attr;
    void *stack;
    size_t size;
    int r = pthread_getattr_np(pthread_self(), &attr);
    pthread_attr_getstack(&attr, &stack, &size);
    printf("pthread_getattr_np: %d, holds a local %d\n", r,
           r == 0 && (char *)&local >= (char *)stack && (char *)&local < (char *)stack + size);

    char path[] = "/tmp/ppcvm-proc-maps-XXXXXX";
    int fd = mkstemp(path);
    static char page[4096 * 3];
    memset(page, 'x', sizeof page);
    write(fd, page, sizeof page);
    char *p = mmap(NULL, 8192, PROT_READ, MAP_PRIVATE, fd, 4096);
    describe("file mapping", p, path);
    describe("its second page", p + 4096, path);
    char *s = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    describe("shared mapping", s, path);
    char *q = mremap(p, 8192, 16384, MREMAP_MAYMOVE);
    describe("grown by mremap", q + 4096, path);
    munmap(q, 16384);
    printf("after munmap: %s\n", find(q, line, sizeof line) && strstr(line, path) ? "still there" : "gone");
    munmap(s, 4096);
    close(fd);
    unlink(path);
    char *anon = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    describe("anonymous", anon, NULL);
    return 0;
}
