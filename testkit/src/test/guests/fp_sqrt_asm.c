// fsqrt and fsqrts (optional instructions that the e500mc core lacks and that Linux emulates for
// user code there) over special and edge operands, in all four rounding modes, with the FPSCR.
// qemu's e500mc model raises SIGILL for them, so the oracle runs on a 7400, whose FPU has them.
// ppcvm-test: cpu=7400
#include <stdint.h>
#include <stdio.h>

typedef union { double d; uint64_t u; } bits64;

/* FPSCR[FR] is not compared: qemu-ppc 7.2 never sets it (see fp_ops.c). */
#define FPSCR_FR 0x00040000u
/* qemu-ppc 7.2 classes a single-precision result that is denormal in single format as a normal
 * number in FPSCR[FPRF] (deviation SINGLE_DENORMAL_CLASSED_NORMAL; the ISA and ppcvm class it
 * denormal), so FPRF is not compared for such fsqrts results (see fp_ops.c). */
#define FPSCR_FPRF 0x0001f000u
static int single_denormal(double r) {
    double m = r < 0 ? -r : r;
    return m != 0 && m < 0x1p-126;
}

static const uint64_t V[] = {
    0x0000000000000000ULL, 0x8000000000000000ULL, 0x3ff0000000000000ULL, 0x4000000000000000ULL,
    0x4008000000000000ULL, 0x3fb999999999999aULL, 0x7fefffffffffffffULL, 0x0000000000000001ULL,
    0x000fffffffffffffULL, 0x0010000000000000ULL, 0xbff0000000000000ULL, 0x7ff0000000000000ULL,
    0xfff0000000000000ULL, 0x7ff8000000000000ULL, 0x7ff0000000000001ULL, 0x47efffffe0000000ULL,
    0x3e80000000000000ULL, 0x4330000000000001ULL,
};

int main(void) {
    for (uint32_t rn = 0; rn < 4; rn++) {
        for (unsigned i = 0; i < sizeof V / sizeof V[0]; i++) {
            bits64 in = {.u = V[i]}, mode = {.u = rn}, f1, f2, r1, r2;
            __asm__ volatile("mtfsf 0xff,%2\n\tfsqrt %0,%3\n\tmffs %1" : "=&d"(r1.d), "=&d"(f1.d) : "d"(mode.d), "d"(in.d));
            __asm__ volatile("mtfsf 0xff,%2\n\tfsqrts %0,%3\n\tmffs %1" : "=&d"(r2.d), "=&d"(f2.d) : "d"(mode.d), "d"(in.d));
            uint32_t fpscr2 = (uint32_t)f2.u & ~FPSCR_FR;
            if (single_denormal(r2.d)) fpscr2 &= ~FPSCR_FPRF;
            printf("rn=%u sqrt(%a): fsqrt %a [%016llx] fpscr=%08x fsqrts %a [%016llx] fpscr=%08x\n", rn, in.d, r1.d,
                   (unsigned long long)r1.u, (uint32_t)f1.u & ~FPSCR_FR, r2.d, (unsigned long long)r2.u,
                   fpscr2);
        }
    }
    bits64 zero = {.u = 0};
    __asm__ volatile("mtfsf 0xff,%0" : : "d"(zero.d));
    return 0;
}
