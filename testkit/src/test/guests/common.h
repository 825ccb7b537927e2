/* Helpers shared by the guest programs (not a program itself: the corpus lists .c/.cc/.S files). */
#ifndef PPCVM_GUEST_COMMON_H
#define PPCVM_GUEST_COMMON_H

#include <stdint.h>
#include <stddef.h>

/* A fixed-seed generator (Numerical Recipes' LCG constants) so runs are reproducible. */
static uint32_t lcg_state = 12345u;
static inline void lcg_seed(uint32_t s) { lcg_state = s; }
static inline uint32_t lcg_next(void) {
    lcg_state = lcg_state * 1664525u + 1013904223u;
    return lcg_state;
}

/* FNV-1a over bytes: a compact fingerprint of large results. */
static inline uint32_t fnv1a(uint32_t h, const void *data, size_t len) {
    const unsigned char *p = (const unsigned char *)data;
    for (size_t i = 0; i < len; i++) {
        h ^= p[i];
        h *= 16777619u;
    }
    return h;
}
#define FNV_INIT 2166136261u

/* Keeps the compiler from folding a value at compile time. */
#define OPAQUE(x) ({ __typeof__((x) + 0) _v = (x); __asm__ volatile("" : "+m"(_v)); _v; })

#endif
