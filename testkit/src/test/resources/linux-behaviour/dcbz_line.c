// dcbz zeroes one data-cache block, whose size Linux announces as AT_DCACHEBSIZE: 64 bytes on an
// e500mc. glibc's memset sizes its dcbz loop by that value, so the two must agree.
//
// Output: the announced size, then the first zeroed byte and the count for a dcbz aimed 5 bytes
// into the middle of a 256-byte-aligned buffer filled with 0xab.
#include <stdio.h>
#include <string.h>
#include <sys/auxv.h>

static unsigned char buf[512] __attribute__((aligned(256)));

int main(void) {
    printf("dcachebsize %lu\n", getauxval(AT_DCACHEBSIZE));
    memset(buf, 0xab, sizeof buf);
    __asm__ volatile("dcbz 0,%0" : : "r"(buf + 256 + 5) : "memory");
    int first = -1, count = 0;
    for (int i = 0; i < (int)sizeof buf; i++) {
        if (buf[i] == 0) {
            if (first < 0) {
                first = i;
            }
            count++;
        }
    }
    printf("zeroed_from %d\nzeroed_count %d\n", first, count);
    return 0;
}
