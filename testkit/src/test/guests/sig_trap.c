// Ends by SIGTRAP from an unconditional trap, tw 31,0,0: status 128 + 5 and
// "Trace/breakpoint trap (core dumped)". A conditional trap that does not fire comes first.
// ppcvm-test: exit=133
#include <stdio.h>

int main(void) {
    int x = 5;
    __asm__ volatile("twi 4,%0,6" : : "r"(x)); /* trap if x == 6: does not fire */
    __asm__ volatile("tw 1,%0,%0" : : "r"(x));  /* trap if x >u x: does not fire */
    printf("conditional traps passed, now tw 31,0,0\n");
    fflush(stdout);
    __asm__ volatile("tw 31,0,0");
    printf("not reached\n");
    return 0;
}
