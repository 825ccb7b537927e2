/* The guest of `bin/bench --gdb`: gdb drives it under ppcvm's and qemu-ppc's stubs. It is not one
 * of the timed benchmark programs (BenchSuite reads only bench/src/main/guests) and is built -O0
 * so that every variable lives in memory and every call happens.
 *
 * The two halves of `calls` and `writes` let gdb time the same work twice in one session: once
 * in a fresh stub, once after it has warmed up.
 *
 * `debuggee MODE N`, where MODE is
 *   spin   loops forever in spin(), bumping `counter`: gdb single-steps it (N is ignored);
 *   calls  calls hit() N times, then halfway(), then hit() N times more, then reached();
 *   writes stores 1..N to the global `watched`, then halfway(), then N+1..2N, then reached();
 *   fill   mallocs N bytes at `buffer`, fills them with pattern words (big-endian in memory, word
 *          i is i * 0x9E3779B1 with its high 17 bits xored into its low ones), then reached();
 *   late   runs N iterations of a loop that touches only its locals, then stores 1 to `late` and
 *          leaves at once through _exit, so that the store comes within a few instructions of the
 *          end of the run and the count `ppcvm run --stats` prints is the store's distance from
 *          the first instruction.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

volatile uint32_t counter;
volatile uint32_t watched;
volatile uint32_t late;
volatile uint32_t hits;
unsigned char *buffer;

void hit(uint32_t i) {
    hits += i;
}

void halfway(void) {
    __asm__ volatile("" ::: "memory");
}

void reached(void) {
    __asm__ volatile("" ::: "memory");
}

void spin(void) {
    for (;;) {
        counter++;
    }
}

static uint32_t pattern(uint32_t i) {
    uint32_t x = i * 0x9E3779B1u;
    return x ^ (x >> 15);
}

static void fill(uint32_t bytes) {
    buffer = malloc(bytes);
    if (buffer == NULL) {
        perror("malloc");
        exit(1);
    }
    for (uint32_t i = 0; i + 4 <= bytes; i += 4) {
        uint32_t w = pattern(i / 4);
        buffer[i] = (unsigned char)(w >> 24);
        buffer[i + 1] = (unsigned char)(w >> 16);
        buffer[i + 2] = (unsigned char)(w >> 8);
        buffer[i + 3] = (unsigned char)w;
    }
}

static void run_late(uint32_t iterations) {
    uint32_t a = 1, b = 0;
    for (uint32_t i = 0; i < iterations; i++) {
        a = a * 5 + i;
        b ^= a;
    }
    late = 1;
    _exit(b == 0xFFFFFFFFu ? 3 : 0);
}

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: debuggee spin|calls|writes|fill|late N\n");
        return 2;
    }
    uint32_t n = (uint32_t)strtoul(argv[2], NULL, 0);
    if (strcmp(argv[1], "spin") == 0) {
        spin();
    } else if (strcmp(argv[1], "calls") == 0) {
        for (uint32_t i = 0; i < n; i++) {
            hit(i);
        }
        halfway();
        for (uint32_t i = 0; i < n; i++) {
            hit(i);
        }
    } else if (strcmp(argv[1], "writes") == 0) {
        for (uint32_t i = 1; i <= n; i++) {
            watched = i;
        }
        halfway();
        for (uint32_t i = n + 1; i <= 2 * n; i++) {
            watched = i;
        }
    } else if (strcmp(argv[1], "fill") == 0) {
        fill(n);
    } else if (strcmp(argv[1], "late") == 0) {
        run_late(n);
    } else {
        fprintf(stderr, "debuggee: unknown mode '%s'\n", argv[1]);
        return 2;
    }
    reached();
    return 0;
}
