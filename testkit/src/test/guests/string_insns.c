// The load/store string instructions through inline asm: lswi and stswi for every byte count
// 1..32 (NB=0 meaning 32) at several alignments, and lswx/stswx with the count in XER[25:31],
// into r5..r12. Registers past the last one loaded keep a marker, the unused low bytes of the last
// register are zeroed, and stores leave the bytes after the count untouched. lswx with a count of
// 0 leaves RT undefined, so that case prints only the untouched memory. The e500mc core traps
// these and Linux emulates them; qemu's e500mc model lacks them, so the oracle runs on a 7400.
// ppcvm-test: cpu=7400
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define MARK 0xa5a5a5a5u
#define CLOBBERS "r5", "r6", "r7", "r8", "r9", "r10", "r11", "r12", "memory"

/* Sets r5..r12 to MARK, runs INSN, stores r5..r12 to out[0..7]. */
#define LOAD_AND_DUMP(INSN, base, out)                                                       \
    __asm__ volatile("mr 5,%2\n\tmr 6,%2\n\tmr 7,%2\n\tmr 8,%2\n\tmr 9,%2\n\tmr 10,%2\n\t"   \
                     "mr 11,%2\n\tmr 12,%2\n\t" INSN "\n\t"                                  \
                     "stw 5,0(%1)\n\tstw 6,4(%1)\n\tstw 7,8(%1)\n\tstw 8,12(%1)\n\t"         \
                     "stw 9,16(%1)\n\tstw 10,20(%1)\n\tstw 11,24(%1)\n\tstw 12,28(%1)"       \
                     :                                                                       \
                     : "b"(base), "b"(out), "r"(MARK)                                        \
                     : CLOBBERS)

#define LSWI(N) case N: LOAD_AND_DUMP("lswi 5,%0," #N, base, out); break;
#define STSWI(N) case N: __asm__ volatile("lwz 5,0(%1)\n\tlwz 6,4(%1)\n\tlwz 7,8(%1)\n\tlwz 8,12(%1)\n\t" \
                     "lwz 9,16(%1)\n\tlwz 10,20(%1)\n\tlwz 11,24(%1)\n\tlwz 12,28(%1)\n\tstswi 5,%0," #N    \
                     : : "b"(dst), "b"(words) : CLOBBERS); break;
#define ALL32(X) X(1) X(2) X(3) X(4) X(5) X(6) X(7) X(8) X(9) X(10) X(11) X(12) X(13) X(14) X(15) X(16) \
                 X(17) X(18) X(19) X(20) X(21) X(22) X(23) X(24) X(25) X(26) X(27) X(28) X(29) X(30) X(31) X(0)

static void lswi(int nb, const unsigned char *base, uint32_t *out) {
    switch (nb) { ALL32(LSWI) }
}
static void stswi(int nb, unsigned char *dst, const uint32_t *words) {
    switch (nb) { ALL32(STSWI) }
}

static void dump_regs(const uint32_t *r) {
    for (int i = 0; i < 8; i++) printf(r[i] == MARK ? " --------" : " %08x", r[i]);
    printf("\n");
}
static void dump_mem(const unsigned char *m, int n) {
    for (int i = 0; i < n; i++) printf("%02x", m[i]);
    printf("\n");
}

int main(void) {
    static unsigned char src[64] __attribute__((aligned(16)));
    for (int i = 0; i < 64; i++) src[i] = (unsigned char)(0x10 + i);
    static const uint32_t words[8] = {0x01020304, 0x05060708, 0x090a0b0c, 0x0d0e0f10,
                                      0x11121314, 0x15161718, 0x191a1b1c, 0x1d1e1f20};
    for (int off = 0; off < 4; off++) {
        for (int nb = 1; nb <= 32; nb++) {
            uint32_t out[8];
            lswi(nb & 31, src + off, out);
            printf("lswi nb=%2d off=%d:", nb, off);
            dump_regs(out);
            unsigned char dst[40];
            memset(dst, 0xee, sizeof dst);
            stswi(nb & 31, dst + off, words);
            printf("stswi nb=%2d off=%d: ", nb, off);
            dump_mem(dst, 40);
        }
    }
    for (uint32_t count = 0; count <= 32; count++) {
        uint32_t out[8];
        unsigned char dst[40];
        const unsigned char *base = src + 3;
        uint32_t index = 2;
        __asm__ volatile("mtxer %3\n\t"
                         "mr 5,%2\n\tmr 6,%2\n\tmr 7,%2\n\tmr 8,%2\n\tmr 9,%2\n\tmr 10,%2\n\tmr 11,%2\n\tmr 12,%2\n\t"
                         "lswx 5,%0,%4\n\t"
                         "stw 5,0(%1)\n\tstw 6,4(%1)\n\tstw 7,8(%1)\n\tstw 8,12(%1)\n\t"
                         "stw 9,16(%1)\n\tstw 10,20(%1)\n\tstw 11,24(%1)\n\tstw 12,28(%1)"
                         :
                         : "b"(base), "b"(out), "r"(MARK), "r"(count), "r"(index)
                         : CLOBBERS, "xer");
        printf("lswx count=%2u:", count);
        if (count == 0) {
            printf(" (RT undefined)\n");
        } else {
            dump_regs(out);
        }
        memset(dst, 0xee, sizeof dst);
        unsigned char *d = dst + 1;
        __asm__ volatile("lwz 5,0(%1)\n\tlwz 6,4(%1)\n\tlwz 7,8(%1)\n\tlwz 8,12(%1)\n\t"
                         "lwz 9,16(%1)\n\tlwz 10,20(%1)\n\tlwz 11,24(%1)\n\tlwz 12,28(%1)\n\t"
                         "mtxer %2\n\tstswx 5,%0,%3"
                         :
                         : "b"(d), "b"(words), "r"(count), "r"(index)
                         : CLOBBERS, "xer");
        printf("stswx count=%2u: ", count);
        dump_mem(dst, 40);
    }
    return 0;
}
