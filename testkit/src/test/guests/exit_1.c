// Exit status 1 through exit() after output on both streams; atexit handlers run in reverse order.
// ppcvm-test: exit=1
#include <stdio.h>
#include <stdlib.h>

static void first(void) { printf("atexit: registered first, runs last\n"); }
static void second(void) { printf("atexit: registered second, runs first\n"); }

int main(void) {
    atexit(first);
    atexit(second);
    printf("about to exit(1)\n");
    fprintf(stderr, "error: something went wrong\n");
    exit(1);
}
