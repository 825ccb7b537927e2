// Reads stdin to end of file with read() in odd-sized chunks, then reports size, line and byte
// statistics and a checksum; a second read after EOF returns 0 again.
// ppcvm-test: stdin="The quick brown fox\njumps over the lazy dog\n\x00\x01\x02\xff binary too\n" stdin-repeat=1500
#include <stdio.h>
#include <unistd.h>
#include "common.h"

int main(void) {
    static unsigned char buf[1 << 20];
    size_t total = 0;
    int reads = 0;
    size_t chunk = 1;
    for (;;) {
        ssize_t n = read(0, buf + total, chunk);
        if (n < 0) { perror("read"); return 1; }
        if (n == 0) break;
        total += (size_t)n;
        reads++;
        chunk = chunk * 3 % 4093 + 1;
        if (total + chunk > sizeof buf) chunk = sizeof buf - total;
    }
    size_t lines = 0, zeros = 0, high = 0;
    for (size_t i = 0; i < total; i++) {
        lines += buf[i] == '\n';
        zeros += buf[i] == 0;
        high += buf[i] >= 0x80;
    }
    printf("bytes=%zu lines=%zu zeros=%zu high=%zu\n", total, lines, zeros, high);
    printf("fnv1a=%08x\n", fnv1a(FNV_INIT, buf, total));
    printf("read calls returning data: %s\n", reads > 1 ? "more than one" : "one");
    printf("read after EOF: %zd\n", read(0, buf, 10));
    return 0;
}
