// Exit status 255 from _exit(-1): only the low 8 bits reach the parent, and _exit skips stdio
// flushing, so the buffered text never appears while the unbuffered stderr text does.
// ppcvm-test: exit=255
#include <stdio.h>
#include <unistd.h>

int main(void) {
    printf("this is buffered and lost\n");
    fprintf(stderr, "stderr is unbuffered\n");
    _exit(-1);
}
