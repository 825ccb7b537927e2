// Floating-point enabled exceptions under Linux.
//
// Linux runs user code with MSR[FE0,FE1] = 0 (exceptions ignored) until the program asks for
// traps with prctl(PR_SET_FPEXC), which feenableexcept calls. With FE0/FE1 set, an enabled
// exception (here FPSCR[ZE] and a division by zero) is a Program interrupt and the process gets
// SIGFPE at the fdiv. With FPSCR[ZE] = 1 but MSR[FE0,FE1] = 0 there is no interrupt; the
// instruction completes as an enabled exception does: FPSCR[ZX] and FX set, the target FPR
// unchanged (Power ISA Book I, Zero Divide Exception).
//
// argv[1]: "default" (no enables), "feenableexcept", or "fpscr-only" (mtfsb1 ZE, no prctl).
#define _GNU_SOURCE
#include <fenv.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>

// The division, with its target preset to a sentinel so that "unchanged" is visible.
static double divide(double a, double b) {
    double t = 7.0;
    __asm__ volatile("fdiv %0,%1,%2" : "+f"(t) : "f"(a), "f"(b));
    return t;
}

int main(int argc, char **argv) {
    const char *mode = argc > 1 ? argv[1] : "default";
    if (strcmp(mode, "feenableexcept") == 0) {
        printf("feenableexcept %d\n", feenableexcept(FE_DIVBYZERO));
    } else if (strcmp(mode, "fpscr-only") == 0) {
        __asm__ volatile("mtfsb1 27" ::: "memory"); // FPSCR[ZE]
        printf("ZE set without prctl\n");
    }
    unsigned fpexc = 99;
    int r = prctl(PR_GET_FPEXC, &fpexc);
    printf("PR_GET_FPEXC %d %u\n", r, r == 0 ? fpexc : 0);
    fflush(stdout);
    volatile double one = 1.0, zero = 0.0;
    double q = divide(one, zero);
    int zx = fetestexcept(FE_DIVBYZERO) != 0;
    printf("1/0 %g\nZX %d\n", q, zx);
    return 0;
}
