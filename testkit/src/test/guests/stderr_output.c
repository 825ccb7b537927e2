// Writing to stderr: fprintf, perror with errno from a failing call, fputs, and raw write(2),
// interleaved with stdout (whose buffering differs: each stream is compared on its own).
// ppcvm-test: exit=3
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(void) {
    printf("stdout 1\n");
    fprintf(stderr, "stderr 1: %d %s\n", 42, "text");
    if (open("/nonexistent/ppcvm/file", O_RDONLY) < 0) {
        int saved = errno;
        perror("open");
        fprintf(stderr, "errno=%d (%s)\n", saved, strerror(saved));
    }
    errno = 0;
    if (close(-1) < 0) perror("close(-1)");
    fputs("fputs to stderr\n", stderr);
    write(2, "raw write to fd 2\n", 18);
    printf("stdout 2\n");
    setvbuf(stderr, NULL, _IOFBF, 64);
    fprintf(stderr, "now fully buffered stderr, flushed at exit\n");
    return 3;
}
