// A system call number the kernel does not have returns -1 with errno ENOSYS, every time, and
// the program goes on. (1000 is far above the last ppc32 number in asm/unistd_32.h.)
// ppcvm also tells the user, once per number, that the guest asked for something it lacks.
#include <errno.h>
#include <stdio.h>
#include <unistd.h>

int main(void) {
    for (int i = 0; i < 2; i++) {
        errno = 0;
        long r = syscall(1000, 1, 2, 3);
        printf("syscall(1000) = %ld errno %d%s\n", r, errno, errno == ENOSYS ? " ENOSYS" : "");
    }
    return 0;
}
