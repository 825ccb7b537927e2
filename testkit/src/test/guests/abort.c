// abort(): SIGABRT after stdio streams are left as they are (glibc does not flush them), so only
// the flushed line appears; status 128 + 6 and "Aborted (core dumped)".
// ppcvm-test: exit=134
#include <stdio.h>
#include <stdlib.h>

int main(void) {
    printf("flushed before abort\n");
    fflush(stdout);
    printf("still buffered at abort: lost\n");
    fprintf(stderr, "calling abort()\n");
    abort();
}
