// Shifts and rotates through inline asm: slw, srw, sraw (with CA) for shift counts 0..63 (bit 26
// of rB selects "shift out everything"), srawi, rlwinm/rlwnm/rlwimi over mask ranges including
// wrapping masks (MB > ME), and cntlzw.
#include <stdint.h>
#include <stdio.h>
#include "common.h"

static const uint32_t V[] = {0, 1, 0x80000000, 0xffffffff, 0x7fffffff, 0x12345678, 0x87654321, 0xf0f0f0f0};
#define NV (sizeof V / sizeof V[0])

int main(void) {
    for (unsigned i = 0; i < NV; i++) {
        for (uint32_t n = 0; n < 64; n++) {
            uint32_t a = V[i], sl, sr, sa, xer;
            /* Bits above the low 6 of rB are ignored: set some to check. */
            uint32_t rb = n | (n & 1 ? 0xffffff00u : 0x100u);
            __asm__ volatile("slw %0,%1,%2" : "=r"(sl) : "r"(a), "r"(rb));
            __asm__ volatile("srw %0,%1,%2" : "=r"(sr) : "r"(a), "r"(rb));
            __asm__ volatile("mtxer %3\n\tsraw %0,%2,%4\n\tmfxer %1" : "=&r"(sa), "=&r"(xer) : "r"(a), "r"(0), "r"(rb) : "xer");
            printf("%08x n=%2u slw=%08x srw=%08x sraw=%08x ca=%u\n", a, n, sl, sr, sa, (xer >> 29) & 1);
        }
    }
    for (unsigned i = 0; i < NV; i++) {
        uint32_t a = V[i], r[6], x[6], c;
#define SRAWI(K, SH) __asm__ volatile("mtxer %2\n\tsrawi %0,%3," #SH "\n\tmfxer %1" : "=&r"(r[K]), "=&r"(x[K]) : "r"(0), "r"(a) : "xer")
        SRAWI(0, 0); SRAWI(1, 1); SRAWI(2, 4); SRAWI(3, 16); SRAWI(4, 31); SRAWI(5, 31);
        uint32_t s32;
        __asm__ volatile("mtcrf 0x80,%3\n\tsraw. %0,%2,%4\n\tmfcr %1" : "=&r"(s32), "=&r"(c) : "r"(a), "r"(0), "r"(32) : "cr0");
        printf("%08x srawi 0,1,4,16,31: %08x/%u %08x/%u %08x/%u %08x/%u %08x/%u sraw.32 %08x cr0=%x\n", V[i], r[0],
               (x[0] >> 29) & 1, r[1], (x[1] >> 29) & 1, r[2], (x[2] >> 29) & 1, r[3], (x[3] >> 29) & 1, r[4],
               (x[4] >> 29) & 1, s32, c >> 28);
    }
    /* rlwinm with every SH for a few (MB, ME), normal and wrapping; rlwnm by register. */
    uint32_t h = FNV_INIT;
#define RLWINM(SH, MB, ME)                                                                         \
    do {                                                                                           \
        uint32_t out;                                                                              \
        __asm__ volatile("rlwinm %0,%1," #SH "," #MB "," #ME : "=r"(out) : "r"(a));                \
        printf("rlwinm %08x,%2d,%2d,%2d = %08x\n", a, SH, MB, ME, out);                            \
        h = fnv1a(h, &out, 4);                                                                     \
    } while (0)
    for (unsigned i = 0; i < NV; i++) {
        uint32_t a = V[i];
        RLWINM(0, 0, 31); RLWINM(1, 0, 30); RLWINM(31, 1, 31); RLWINM(8, 24, 31); RLWINM(24, 0, 7);
        RLWINM(4, 28, 3); RLWINM(16, 31, 0); RLWINM(5, 10, 9); RLWINM(13, 20, 10); RLWINM(0, 16, 15);
        RLWINM(27, 5, 31); RLWINM(3, 0, 28);
        for (uint32_t n = 0; n < 40; n += 3) {
            uint32_t out, out2, c;
            __asm__ volatile("rlwnm %0,%1,%2,4,27" : "=r"(out) : "r"(a), "r"(n));
            __asm__ volatile("mtcrf 0x80,%3\n\trlwnm. %0,%2,%4,30,1\n\tmfcr %1" : "=&r"(out2), "=&r"(c) : "r"(a), "r"(0), "r"(n) : "cr0");
            printf("rlwnm %08x n=%2u: 4..27 %08x  30..1. %08x cr0=%x\n", a, n, out, out2, c >> 28);
        }
    }
    /* rlwimi inserts under the mask and keeps the rest of the target. */
    for (unsigned i = 0; i < NV; i++) {
        for (unsigned j = 0; j < NV; j++) {
            uint32_t t1 = V[j], t2 = V[j], t3 = V[j], t4 = V[j];
            __asm__ volatile("rlwimi %0,%1,8,16,23" : "+r"(t1) : "r"(V[i]));
            __asm__ volatile("rlwimi %0,%1,0,28,3" : "+r"(t2) : "r"(V[i]));
            __asm__ volatile("rlwimi %0,%1,31,0,0" : "+r"(t3) : "r"(V[i]));
            __asm__ volatile("rlwimi %0,%1,17,9,30" : "+r"(t4) : "r"(V[i]));
            printf("rlwimi src=%08x tgt=%08x: %08x %08x %08x %08x\n", V[i], V[j], t1, t2, t3, t4);
        }
    }
    for (int b = 0; b < 33; b++) {
        uint32_t a = b == 32 ? 0 : (0x80000000u >> b) | (b & 1 ? 1u : 0u), z;
        __asm__ volatile("cntlzw %0,%1" : "=r"(z) : "r"(a));
        printf("cntlzw %08x = %u\n", a, z);
    }
    printf("rotate fingerprint %08x\n", h);
    return 0;
}
