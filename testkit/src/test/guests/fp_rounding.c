// fesetround in all four modes: arithmetic, fma, sqrt, conversions (double->float, double->int,
// int/long long->double and float), rint/nearbyint/lrint/llrint, and glibc's printf and strtod,
// which honour the current mode; plus the exception flags (feclearexcept/fetestexcept).
#include <fenv.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include "common.h"

static const int MODES[] = {FE_TONEAREST, FE_TOWARDZERO, FE_UPWARD, FE_DOWNWARD};
static const char *const NAMES[] = {"nearest", "towardzero", "upward", "downward"};

static void flags(const char *what) {
    int f = fetestexcept(FE_ALL_EXCEPT);
    printf("  %-12s flags:%s%s%s%s%s\n", what, f & FE_INEXACT ? " inexact" : "", f & FE_DIVBYZERO ? " divbyzero" : "",
           f & FE_UNDERFLOW ? " underflow" : "", f & FE_OVERFLOW ? " overflow" : "", f & FE_INVALID ? " invalid" : "");
    feclearexcept(FE_ALL_EXCEPT);
}

int main(void) {
    static const double X[] = {1.0, -1.0, 0.1, -0.1, 2.5, -2.5, 3.5, 0.5, -0.5, 1e-310, 1.7976931348623157e308,
                               16777217.0, 2147483647.5, -2147483648.5, 9007199254740993.0, 1.0 / 3};
    static const long long L[] = {9007199254740993LL, -9007199254740993LL, 0x7fffffffffffffffLL, 16777217, -16777219,
                                  123456789123456789LL};
    for (int m = 0; m < 4; m++) {
        if (fesetround(MODES[m]) != 0) {
            printf("fesetround(%s) failed\n", NAMES[m]);
            return 1;
        }
        printf("mode %s: fegetround matches: %s\n", NAMES[m], fegetround() == MODES[m] ? "yes" : "no");
        feclearexcept(FE_ALL_EXCEPT);
        for (unsigned i = 0; i < sizeof X / sizeof X[0]; i++) {
            double x = OPAQUE(X[i]);
            double third = OPAQUE(3.0);
            printf(" x=%a: x/3=%a x*x=%a x+0.1=%a fma(x,x,-1)=%a sqrt|x|=%a (float)x=%a\n", x, x / third, x * x,
                   x + OPAQUE(0.1), fma(x, x, -1.0), sqrt(fabs(x)), (double)(float)x);
            printf("   rint=%a nearbyint=%a lrint=%ld llrint=%lld (int)x=%d round=%a floor=%a ceil=%a trunc=%a\n",
                   rint(x), nearbyint(x), fabs(x) < 2e9 ? lrint(x) : 0L, fabs(x) < 9e18 ? llrint(x) : 0LL,
                   fabs(x) < 2e9 ? (int)x : 0, round(x), floor(x), ceil(x), trunc(x));
            printf("   printf %%.3f=%.3f %%.0f=%.0f %%e=%e %%g=%.17g\n", x, x, x, x);
        }
        flags("after loop");
        for (unsigned i = 0; i < sizeof L / sizeof L[0]; i++) {
            long long v = OPAQUE(L[i]);
            unsigned long long u = (unsigned long long)v;
            printf(" ll=%lld ->double %a ->float %a  ull->double %a\n", v, (double)v, (double)(float)v, (double)u);
            int iv = (int)(v & 0x7fffffff) | 1;
            printf("   int %d ->float %a\n", iv, (double)(float)iv);
        }
        static const char *const S[] = {"0.1", "1e400", "-1e-400", "2.5", "0x1.fffffffffffff8p0", "123456789012345678901234567890"};
        for (unsigned i = 0; i < sizeof S / sizeof S[0]; i++) {
            feclearexcept(FE_ALL_EXCEPT);
            printf(" strtod(%s)=%a strtof=%a\n", S[i], strtod(S[i], NULL), (double)strtof(S[i], NULL));
        }
        feclearexcept(FE_ALL_EXCEPT);
        volatile double big = 1e308, tiny = 1e-308, zero = 0.0;
        volatile double r;
        r = big * 10; flags("overflow");
        r = tiny / 1e10; flags("underflow");
        r = 1.0 / zero; flags("divbyzero");
        r = zero / zero; flags("invalid");
        volatile double one = 1.0, three = 3.0;
        r = one / three; flags("inexact");
        (void)r;
    }
    fesetround(FE_TONEAREST);
    return 0;
}
