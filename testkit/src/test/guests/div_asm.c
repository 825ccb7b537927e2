// Integer division through inline asm: divw, divwu and their o/./o. forms over edge values,
// including division by zero and INT_MIN / -1. The quotient (and CR0's LT/GT/EQ under Rc=1) is
// undefined in those cases, so only the architecturally defined bits are printed there: OV, SO and
// CR0[SO]. C-level 32- and 64-bit division and remainder (defined cases) follow.
#include <stdint.h>
#include <stdio.h>

static const uint32_t V[] = {0, 1, 2, 3, 7, 0xffffffff, 0xfffffffe, 0x7fffffff, 0x80000000, 0x80000001,
                             0x12345678, 0xfedcba98, 0x10000, 0xffff};
#define NV (sizeof V / sizeof V[0])

#define DIV(NAME, INSN)                                                                          \
    static void NAME(uint32_t a, uint32_t b, uint32_t xin, uint32_t *rt, uint32_t *xer, uint32_t *cr) { \
        uint32_t r, x, c;                                                                        \
        __asm__ volatile("mtxer %5\n\tmtcrf 0x80,%6\n\t" INSN " %0,%3,%4\n\tmfxer %1\n\tmfcr %2"   \
                         : "=&r"(r), "=&r"(x), "=&r"(c)                                         \
                         : "r"(a), "r"(b), "r"(xin), "r"(0)                                      \
                         : "cr0", "xer");                                                        \
        *rt = r; *xer = x; *cr = c;                                                              \
    }
DIV(op_divw, "divw") DIV(op_divw_, "divw.") DIV(op_divwo, "divwo") DIV(op_divwo_, "divwo.")
DIV(op_divwu, "divwu") DIV(op_divwu_, "divwu.") DIV(op_divwuo, "divwuo") DIV(op_divwuo_, "divwuo.")

struct op {
    const char *name;
    void (*fn)(uint32_t, uint32_t, uint32_t, uint32_t *, uint32_t *, uint32_t *);
    int is_signed, rc;
};
static const struct op OPS[] = {
    {"divw", op_divw, 1, 0}, {"divw.", op_divw_, 1, 1}, {"divwo", op_divwo, 1, 0}, {"divwo.", op_divwo_, 1, 1},
    {"divwu", op_divwu, 0, 0}, {"divwu.", op_divwu_, 0, 1}, {"divwuo", op_divwuo, 0, 0}, {"divwuo.", op_divwuo_, 0, 1},
};

int main(void) {
    for (unsigned k = 0; k < sizeof OPS / sizeof OPS[0]; k++) {
        const struct op *op = &OPS[k];
        for (unsigned i = 0; i < NV; i++) {
            for (unsigned j = 0; j < NV; j++) {
                for (uint32_t xin = 0; xin <= 0x80000000u; xin += 0x80000000u) {
                    uint32_t a = V[i], b = V[j], rt, xer, cr;
                    op->fn(a, b, xin, &rt, &xer, &cr);
                    int undefined = b == 0 || (op->is_signed && a == 0x80000000u && b == 0xffffffffu);
                    printf("%-8s %08x / %08x so_in=%u -> ", op->name, a, b, xin >> 31);
                    if (undefined) {
                        printf("(undefined) so=%u ov=%u", xer >> 31, (xer >> 30) & 1);
                        if (op->rc) printf(" cr0.so=%u", (cr >> 28) & 1);
                    } else {
                        printf("%08x so=%u ov=%u", rt, xer >> 31, (xer >> 30) & 1);
                        if (op->rc) printf(" cr0=%x", cr >> 28);
                    }
                    printf("\n");
                    if (xin == 0x80000000u) break;
                }
            }
        }
    }
    /* Division in C, defined cases only, through the compiler's own sequences and libgcc. */
    static const int32_t S[] = {0, 1, -1, 7, -7, 100, -100, 2147483647, -2147483647 - 1, 123456789, -987654321};
    static const int64_t L[] = {0, 1, -1, 7, -7, 1000000007LL, -1000000007LL, 0x7fffffffffffffffLL,
                                (-0x7fffffffffffffffLL - 1), 0x123456789abcdefLL, -0xfedcba987654LL, 4294967296LL};
    for (unsigned i = 0; i < sizeof S / sizeof S[0]; i++) {
        for (unsigned j = 0; j < sizeof S / sizeof S[0]; j++) {
            volatile int32_t a = S[i], b = S[j];
            if (b == 0 || (a == -2147483647 - 1 && b == -1)) continue;
            volatile uint32_t ua = (uint32_t)a, ub = (uint32_t)b;
            printf("i32 %d %d: q=%d r=%d uq=%u ur=%u\n", a, b, a / b, a % b, ua / ub, ua % ub);
        }
    }
    for (unsigned i = 0; i < sizeof L / sizeof L[0]; i++) {
        for (unsigned j = 0; j < sizeof L / sizeof L[0]; j++) {
            volatile int64_t a = L[i], b = L[j];
            if (b == 0 || (a == (-0x7fffffffffffffffLL - 1) && b == -1)) continue;
            volatile uint64_t ua = (uint64_t)a, ub = (uint64_t)b;
            printf("i64 %lld %lld: q=%lld r=%lld uq=%llu ur=%llu\n", (long long)a, (long long)b, (long long)(a / b),
                   (long long)(a % b), (unsigned long long)(ua / ub), (unsigned long long)(ua % ub));
        }
    }
    /* Division by constants: the compiler turns these into multiply-high sequences. */
    for (unsigned i = 0; i < NV; i++) {
        int32_t s = (int32_t)V[i];
        uint32_t u = V[i];
        printf("const %08x: s/3=%d s/10=%d s%%7=%d s/-16=%d u/3=%u u/10=%u u%%1000=%u\n", u, s / 3, s / 10, s % 7,
               s / -16, u / 3, u / 10, u % 1000);
    }
    return 0;
}
