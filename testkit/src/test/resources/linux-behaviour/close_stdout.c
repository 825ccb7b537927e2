// A program that closes its standard output: later writes to fd 1 fail with EBADF, stderr still
// works, the next open() gets the lowest free descriptor, 1, and the program exits normally. It
// then closes stderr as well; whatever runs the program (a shell, or ppcvm's own JVM) keeps its
// own descriptors.
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

int main(void) {
    printf("before close\n");
    fflush(stdout);
    close(1);
    errno = 0;
    ssize_t w = write(1, "lost\n", 5);
    int e = errno;
    dprintf(2, "write(1) after close = %zd errno %d%s\n", w, e, e == EBADF ? " EBADF" : "");
    int fd = open("/dev/null", O_WRONLY);
    dprintf(2, "open(/dev/null) = %d\n", fd);
    close(2);
    return write(2, "x", 1) == -1 && errno == EBADF ? 0 : 3;
}
