// lmw/stmw for several first registers (r14, r20, r25, r29, r31) with positive and negative
// displacements, in hand-written functions that save and restore the non-volatile registers
// (with stmw/lmw themselves, as compilers do for prologues). Each copies words from src to dst
// through the registers, then dst is printed.
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* void copy_rN(const uint32_t *src, uint32_t *dst): loads rN..r31 from src+8 bytes (d=8) and
   stores them to dst-4 bytes+4 (d=-4 after adjusting the base). */
#define COPY_FN(N)                                                   \
    __asm__(".text\n\t.align 2\n\t.globl copy_r" #N "\n\t"           \
            ".type copy_r" #N ",@function\n"                         \
            "copy_r" #N ":\n\t"                                       \
            "stwu 1,-96(1)\n\t"                                       \
            "stmw 14,16(1)\n\t"                                       \
            "lmw " #N ",8(3)\n\t"                                     \
            "addi 4,4,4\n\t"                                          \
            "stmw " #N ",-4(4)\n\t"                                   \
            "lmw 14,16(1)\n\t"                                        \
            "addi 1,1,96\n\t"                                         \
            "blr\n\t"                                                 \
            ".size copy_r" #N ",.-copy_r" #N "\n\t"                   \
            ".previous");                                              \
    void copy_r##N(const uint32_t *src, uint32_t *dst);

COPY_FN(14)
COPY_FN(20)
COPY_FN(25)
COPY_FN(29)
COPY_FN(31)

/* Checks that the non-volatile registers survive the calls above. */
static uint32_t sum_nonvolatile_usage(uint32_t seed) {
    register uint32_t a = seed * 3, b = seed * 5, c = seed * 7, d = seed * 11;
    uint32_t src[40], dst[40];
    for (int i = 0; i < 40; i++) src[i] = seed + i;
    copy_r14(src, dst);
    copy_r20(src, dst);
    return a + b + c + d + dst[0] + dst[17];
}

int main(void) {
    uint32_t src[40];
    for (int i = 0; i < 40; i++) src[i] = 0x11110000u * (uint32_t)(i % 15 + 1) + (uint32_t)i;
    void (*const fns[])(const uint32_t *, uint32_t *) = {copy_r14, copy_r20, copy_r25, copy_r29, copy_r31};
    const int firsts[] = {14, 20, 25, 29, 31};
    for (int k = 0; k < 5; k++) {
        uint32_t dst[40];
        memset(dst, 0xcc, sizeof dst);
        fns[k](src, dst);
        printf("lmw/stmw r%d:", firsts[k]);
        for (int i = 0; i < 20; i++) printf(" %08x", dst[i]);
        printf("\n");
    }
    printf("non-volatile registers preserved: %08x\n", sum_nonvolatile_usage(1000));
    return 0;
}
