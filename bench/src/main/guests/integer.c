/* Integer kernels: a sieve of Eratosthenes, table-driven CRC-32 and an in-place quicksort of
 * pseudo-random words, each repeated `rounds` times (argv[1]) with inputs that depend on the round,
 * so no round can be optimised away. Prints one checksum over everything.
 *
 * ppcvm-bench: args=48 quick=2
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SIEVE_LIMIT 400000
#define CRC_BYTES (256 * 1024)
#define SORT_WORDS 40000

static uint32_t xorshift_state;

static uint32_t next_random(void) {
    uint32_t x = xorshift_state;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    xorshift_state = x;
    return x;
}

static uint32_t count_primes(uint8_t *composite, uint32_t limit) {
    memset(composite, 0, limit);
    uint32_t count = 0;
    for (uint32_t i = 2; i < limit; i++) {
        if (composite[i]) {
            continue;
        }
        count++;
        for (uint32_t j = i * 2; j < limit; j += i) {
            composite[j] = 1;
        }
    }
    return count;
}

static uint32_t crc_table[256];

static void make_crc_table(void) {
    for (uint32_t n = 0; n < 256; n++) {
        uint32_t c = n;
        for (int k = 0; k < 8; k++) {
            c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        }
        crc_table[n] = c;
    }
}

static uint32_t crc32(const uint8_t *data, size_t length) {
    uint32_t c = 0xFFFFFFFFu;
    for (size_t i = 0; i < length; i++) {
        c = crc_table[(c ^ data[i]) & 0xFF] ^ (c >> 8);
    }
    return c ^ 0xFFFFFFFFu;
}

static void quicksort(uint32_t *a, int lo, int hi) {
    while (lo < hi) {
        uint32_t pivot = a[lo + (hi - lo) / 2];
        int i = lo, j = hi;
        while (i <= j) {
            while (a[i] < pivot) {
                i++;
            }
            while (a[j] > pivot) {
                j--;
            }
            if (i <= j) {
                uint32_t t = a[i];
                a[i] = a[j];
                a[j] = t;
                i++;
                j--;
            }
        }
        /* Recurse into the smaller half so the stack stays shallow. */
        if (j - lo < hi - i) {
            quicksort(a, lo, j);
            lo = i;
        } else {
            quicksort(a, i, hi);
            hi = j;
        }
    }
}

int main(int argc, char **argv) {
    int rounds = argc > 1 ? atoi(argv[1]) : 48;
    uint8_t *composite = malloc(SIEVE_LIMIT);
    uint8_t *bytes = malloc(CRC_BYTES);
    uint32_t *words = malloc(SORT_WORDS * sizeof *words);
    if (composite == NULL || bytes == NULL || words == NULL) {
        fputs("integer: out of memory\n", stderr);
        return 1;
    }
    make_crc_table();
    uint32_t checksum = 0;
    for (int round = 0; round < rounds; round++) {
        xorshift_state = 0x9E3779B9u + (uint32_t)round * 0x85EBCA6Bu;
        uint32_t primes = count_primes(composite, SIEVE_LIMIT - (uint32_t)round * 1000);

        for (size_t i = 0; i < CRC_BYTES; i++) {
            bytes[i] = (uint8_t)(next_random() >> 24);
        }
        uint32_t crc = crc32(bytes, CRC_BYTES);

        for (int i = 0; i < SORT_WORDS; i++) {
            words[i] = next_random() % 1000003u;
        }
        quicksort(words, 0, SORT_WORDS - 1);
        uint32_t order = 0;
        for (int i = 0; i < SORT_WORDS; i++) {
            if (i > 0 && words[i - 1] > words[i]) {
                fputs("integer: sort failed\n", stderr);
                return 1;
            }
            order = order * 31u + words[i];
        }
        checksum = (checksum * 0x01000193u) ^ primes ^ crc ^ order;
    }
    printf("integer: %d rounds, checksum %08x\n", rounds, (unsigned)checksum);
    free(words);
    free(bytes);
    free(composite);
    return 0;
}
