// The smallest libc program: one line on stdout, exit status 0.
// ppcvm-test: exit=0
#include <stdio.h>

int main(void) {
    printf("Hello from ppc32!\n");
    return 0;
}
