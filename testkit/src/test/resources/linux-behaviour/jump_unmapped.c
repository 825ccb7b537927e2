// A call through a function pointer to unmapped memory (0x7000, below any mapping): the fetch is
// an Instruction Storage interrupt and Linux sends SIGSEGV; with no handler the process dies and
// the shell reports "Segmentation fault (core dumped)", status 128 + 11.
#include <stdio.h>

int main(void) {
    printf("calling 0x7000\n");
    fflush(stdout);
    void (*volatile target)(void) = (void (*)(void))0x7000;
    target();
    printf("not reached\n");
    return 0;
}
