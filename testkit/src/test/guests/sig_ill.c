// Ends by SIGILL from an illegal instruction word (primary opcode 0, the reserved all-zero word):
// status 128 + 4 and "Illegal instruction (core dumped)".
// ppcvm-test: exit=132
#include <stdio.h>

int main(void) {
    printf("about to execute an illegal word\n");
    fflush(stdout);
    __asm__ volatile(".long 0x00000000");
    printf("not reached\n");
    return 0;
}
