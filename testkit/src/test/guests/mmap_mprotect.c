// Memory mapping from the program's side: anonymous private and shared mappings, a file mapping
// of a file created in the current directory (changes through MAP_SHARED reach the file, through
// MAP_PRIVATE they do not), mprotect to read-only with the resulting SIGSEGV caught, munmap of
// part of a mapping (SEGV_MAPERR there), mremap growth, MAP_FIXED over an existing mapping, sbrk.
// The si_code of a protection fault is not printed: Linux says SEGV_ACCERR, qemu-ppc 7.2 says
// SEGV_MAPERR.
#define _GNU_SOURCE
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static sigjmp_buf env;
static volatile int code;
static void on_segv(int sig, siginfo_t *si, void *uc) {
    (void)sig;
    (void)uc;
    code = si->si_code;
    siglongjmp(env, 1);
}
/* 0: no fault; 1: SIGSEGV with SEGV_MAPERR; 2: SIGSEGV with another code. */
static int probe_write(volatile char *p) {
    if (sigsetjmp(env, 1) == 0) {
        *p = 1;
        return 0;
    }
    return code == SEGV_MAPERR ? 1 : 2;
}

int main(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_segv;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGSEGV, &sa, NULL);
    long page = sysconf(_SC_PAGESIZE);

    char *a = mmap(NULL, 4 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    printf("anonymous mmap ok=%d page-aligned=%d zero=%d\n", a != MAP_FAILED, ((uintptr_t)a % page) == 0,
           a[0] == 0 && a[4 * page - 1] == 0);
    memset(a, 'x', 4 * page);
    mprotect(a + page, page, PROT_READ);
    printf("write to read-only page: %s\n", probe_write(a + page + 5) != 0 ? "SIGSEGV" : "no fault");
    printf("write to writable neighbour: %s, read of read-only page: %c\n", probe_write(a + 2 * page) == 0 ? "ok" : "fault",
           a[page + 5]);
    munmap(a + 2 * page, page);
    printf("write to unmapped hole: %s\n", probe_write(a + 2 * page) == 1 ? "SIGSEGV SEGV_MAPERR" : "no fault or another code");
    printf("page after the hole still mapped: %c\n", a[3 * page]);
    char *r = mremap(a + 3 * page, page, 8 * page, MREMAP_MAYMOVE);
    printf("mremap grow ok=%d kept contents=%d new tail zero=%d\n", r != MAP_FAILED, r[0] == 'x', r[8 * page - 1] == 0);
    char *fixed = mmap(a, page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    printf("MAP_FIXED replaced the first page: same address=%d now zero=%d\n", fixed == a, a[0] == 0);

    int fd = open("mapped.dat", O_CREAT | O_RDWR | O_TRUNC, 0644);
    for (int i = 0; i < 3 * page; i++) write(fd, &"0123456789"[i % 10], 1);
    char *sh = mmap(NULL, 3 * page, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    char *pv = mmap(NULL, 3 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, page);
    printf("file maps ok=%d,%d private view starts at offset %ld: %.5s\n", sh != MAP_FAILED, pv != MAP_FAILED, page,
           pv);
    memcpy(sh + 10, "SHARED", 6);
    memcpy(pv + 10, "PRIVATE", 7);
    msync(sh, 3 * page, MS_SYNC);
    char check[32] = {0};
    pread(fd, check, 20, 0);
    char check2[32] = {0};
    pread(fd, check2, 20, page);
    printf("file now: [%.20s] [%.20s]\n", check, check2);
    munmap(sh, 3 * page);
    munmap(pv, 3 * page);
    close(fd);
    unlink("mapped.dat");

    char *shared = mmap(NULL, page, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    strcpy(shared, "shared anonymous");
    printf("%s\n", shared);
    void *b0 = sbrk(0);
    void *b1 = sbrk(3 * page);
    void *b2 = sbrk(0);
    printf("sbrk grew by %ld, old break returned=%d\n", (long)((char *)b2 - (char *)b0), b1 == b0);
    memset(b1, 1, 3 * page);
    sbrk(-3 * page);
    printf("sbrk shrink back=%d\n", sbrk(0) == b0);
    void *none = mmap(NULL, page, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    printf("PROT_NONE page write: %s\n", probe_write(none) != 0 ? "SIGSEGV" : "no fault");
    return 0;
}
