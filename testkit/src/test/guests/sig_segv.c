// Ends by SIGSEGV from a store to address 0 (no handler installed): the shell reports
// "Segmentation fault (core dumped)" and status 128 + 11. Output written before is flushed first.
// ppcvm-test: exit=139
#include <stdio.h>

int main(void) {
    printf("about to write through a NULL pointer\n");
    fflush(stdout);
    fprintf(stderr, "stderr before the fault\n");
    volatile int *p = (volatile int *)0;
    *p = 42;
    printf("not reached\n");
    return 0;
}
