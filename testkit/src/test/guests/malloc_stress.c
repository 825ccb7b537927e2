// malloc/calloc/realloc/free under a fixed pseudo-random workload: sizes from 1 byte to beyond
// the mmap threshold, growing and shrinking reallocs that must keep contents, and a pattern check
// of every live block; also memalign/posix_memalign alignment. Prints only properties, never
// addresses.
#include <malloc.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "common.h"

#define SLOTS 512
static unsigned char *blk[SLOTS];
static size_t len[SLOTS];
static unsigned char tag[SLOTS];

static int check(int i) {
    for (size_t k = 0; k < len[i]; k++) {
        if (blk[i][k] != (unsigned char)(tag[i] + k)) return 0;
    }
    return 1;
}
static void paint(int i) {
    for (size_t k = 0; k < len[i]; k++) blk[i][k] = (unsigned char)(tag[i] + k);
}

static size_t pick_size(void) {
    uint32_t r = lcg_next();
    switch (r % 10) {
        case 0: return 1 + r % 8;
        case 1: case 2: case 3: return 1 + (r >> 8) % 64;
        case 4: case 5: return 1 + (r >> 8) % 1024;
        case 6: case 7: return 1 + (r >> 8) % 4096;
        case 8: /* now and then above the default mmap threshold */
            return (r >> 8) % 8 == 0 ? 140000 + (r >> 11) % 10000 : 1 + (r >> 8) % 1024;
        default: return 1 + (r >> 8) % 4096;
    }
}

int main(void) {
    lcg_seed(2024);
    unsigned long ops = 0, bad = 0, misaligned = 0, reallocs = 0, frees = 0;
    for (int round = 0; round < 3000; round++) {
        int i = (int)(lcg_next() % SLOTS);
        uint32_t what = lcg_next() % 4;
        if (blk[i] == NULL) {
            len[i] = pick_size();
            tag[i] = (unsigned char)round;
            blk[i] = what == 0 ? calloc(1, len[i]) : malloc(len[i]);
            if (!blk[i]) { printf("allocation failed\n"); return 1; }
            if (what == 0) {
                for (size_t k = 0; k < len[i]; k++) bad += blk[i][k] != 0;
            }
            misaligned += ((uintptr_t)blk[i] & 7) != 0;
            paint(i);
        } else if (what == 1) {
            bad += !check(i);
            size_t nl = pick_size();
            unsigned char *p = realloc(blk[i], nl);
            if (!p) { printf("realloc failed\n"); return 1; }
            size_t keep = nl < len[i] ? nl : len[i];
            blk[i] = p;
            for (size_t k = 0; k < keep; k++) bad += p[k] != (unsigned char)(tag[i] + k);
            len[i] = nl;
            paint(i);
            reallocs++;
        } else {
            bad += !check(i);
            free(blk[i]);
            blk[i] = NULL;
            frees++;
        }
        ops++;
    }
    unsigned long live = 0, live_bytes = 0;
    for (int i = 0; i < SLOTS; i++) {
        if (blk[i]) {
            bad += !check(i);
            live++;
            live_bytes += len[i];
            free(blk[i]);
        }
    }
    printf("ops=%lu reallocs=%lu frees=%lu live at end=%lu (%lu bytes) corrupt=%lu misaligned=%lu\n", ops, reallocs,
           frees, live, live_bytes, bad, misaligned);
    for (size_t al = 8; al <= 65536; al *= 4) {
        void *p = memalign(al, 100), *q = NULL;
        int rc = posix_memalign(&q, al, 1000);
        void *r = aligned_alloc(al, al * 2);
        printf("align %zu: memalign %s posix_memalign rc=%d %s aligned_alloc %s\n", al,
               (uintptr_t)p % al == 0 ? "ok" : "BAD", rc, (uintptr_t)q % al == 0 ? "ok" : "BAD",
               (uintptr_t)r % al == 0 ? "ok" : "BAD");
        free(p);
        free(q);
        free(r);
    }
    void *z = malloc(0);
    printf("malloc(0) %s, usable size of malloc(100) >= 100: %s\n", z ? "non-null" : "null",
           malloc_usable_size(z = realloc(z, 100)) >= 100 ? "yes" : "no");
    free(z);
    void *huge = malloc(OPAQUE((size_t)3 << 30));
    printf("malloc(3 GiB) %s\n", huge ? "succeeded" : "failed");
    free(huge);
    return 0;
}
