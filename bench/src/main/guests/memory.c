/* Memory-bound work over a few megabytes: memset, memcpy and memmove of large blocks at aligned
 * and unaligned offsets (glibc's string functions), strided read-modify-write passes that touch a
 * new cache line on every access, and a word-wise hash over the whole buffer, `rounds` (argv[1])
 * times. Prints the hash as the checksum.
 *
 * ppcvm-bench: args=24 quick=1
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BUFFER_BYTES (4u << 20)
#define LINE 64u

/* A 32-bit multiplicative hash over little-endian words, assembled from bytes so that the
 * checksum is the same on big- and little-endian hosts. */
static uint32_t hash_words(const uint8_t *data, size_t length, uint32_t h) {
    for (size_t i = 0; i + 4 <= length; i += 4) {
        uint32_t w = (uint32_t)data[i] | (uint32_t)data[i + 1] << 8 | (uint32_t)data[i + 2] << 16
                     | (uint32_t)data[i + 3] << 24;
        uint32_t k = w * 0xCC9E2D51u;
        k = (k << 15) | (k >> 17);
        h ^= k * 0x1B873593u;
        h = ((h << 13) | (h >> 19)) * 5u + 0xE6546B64u;
    }
    return h;
}

int main(int argc, char **argv) {
    int rounds = argc > 1 ? atoi(argv[1]) : 24;
    uint8_t *a = malloc(BUFFER_BYTES + LINE);
    uint8_t *b = malloc(BUFFER_BYTES + LINE);
    if (a == NULL || b == NULL) {
        fputs("memory: out of memory\n", stderr);
        return 1;
    }
    uint32_t seed = 0x2545F491u;
    for (size_t i = 0; i < BUFFER_BYTES + LINE; i++) {
        seed = seed * 1664525u + 1013904223u;
        a[i] = (uint8_t)(seed >> 24);
    }
    uint32_t h = 0;
    for (int round = 0; round < rounds; round++) {
        size_t shift = (size_t)(round * 7) % LINE;
        memcpy(b + shift, a, BUFFER_BYTES);
        memset(a + (round * 4096u) % BUFFER_BYTES, round & 0xFF, BUFFER_BYTES / 8);
        memmove(b + 3, b + shift, BUFFER_BYTES / 2);
        memmove(a + LINE / 2, b, BUFFER_BYTES - LINE);

        /* One access per cache line, 61 lines apart, until every line was touched once. */
        for (uint32_t pass = 0; pass < 61; pass++) {
            for (uint32_t line = pass; line < BUFFER_BYTES / LINE; line += 61) {
                a[line * LINE + (line & 63)] += (uint8_t)(line ^ round);
            }
        }
        h = hash_words(a, BUFFER_BYTES, h ^ (uint32_t)round);
        h = hash_words(b + shift, BUFFER_BYTES / 2, h);
    }
    printf("memory: %d rounds of %u KiB, checksum %08x\n", rounds, BUFFER_BYTES >> 10, (unsigned)h);
    free(b);
    free(a);
    return 0;
}
