// libm over a grid of arguments, printed with %a: sin cos tan asin acos atan atan2 sinh cosh tanh
// exp exp2 expm1 log log2 log10 log1p pow cbrt hypot fma sqrt floor ceil round trunc lrint
// fmod remainder frexp ldexp modf copysign nextafter, in double and float.
#include <math.h>
#include <stdio.h>
#include "common.h"

int main(void) {
    static const double X[] = {0.0, -0.0, 0.5, -0.5, 1.0, -1.0, 2.0, 3.14159265358979, -2.7, 10.0, 100.5, 1e-5, -1e-300,
                               710.0, -745.5, 1e22, INFINITY, -INFINITY, NAN};
    for (unsigned i = 0; i < sizeof X / sizeof X[0]; i++) {
        double x = OPAQUE(X[i]);
        printf("x=%a\n", x);
        printf(" sin=%a cos=%a tan=%a asin=%a acos=%a atan=%a\n", sin(x), cos(x), tan(x), asin(x), acos(x), atan(x));
        printf(" sinh=%a cosh=%a tanh=%a exp=%a exp2=%a expm1=%a\n", sinh(x), cosh(x), tanh(x), exp(x), exp2(x),
               expm1(x));
        printf(" log=%a log2=%a log10=%a log1p=%a cbrt=%a sqrt=%a\n", log(x), log2(x), log10(x), log1p(x), cbrt(x),
               sqrt(x));
        printf(" floor=%a ceil=%a round=%a trunc=%a rint=%a lrint=%ld\n", floor(x), ceil(x), round(x), trunc(x), rint(x),
               isfinite(x) && fabs(x) < 2e9 ? lrint(x) : 0L);
        int e;
        double ip, fr = frexp(x, &e), mf = modf(x, &ip);
        printf(" frexp=%a,%d ldexp(x,-3)=%a modf=%a,%a nextafter(x,0)=%a copysign(1,x)=%a\n", fr,
               isfinite(x) ? e : 0, ldexp(x, -3), mf, ip, nextafter(x, 0.0), copysign(1.0, x));
        float f = (float)x;
        printf(" f: sinf=%a expf=%a logf=%a sqrtf=%a powf(f,1.5)=%a\n", (double)sinf(f), (double)expf(f),
               (double)logf(f), (double)sqrtf(f), (double)powf(f, 1.5f));
        for (unsigned j = 0; j < sizeof X / sizeof X[0]; j += 3) {
            double y = OPAQUE(X[j]);
            printf("  y=%a pow=%a atan2=%a hypot=%a fmod=%a remainder=%a fma(x,y,1)=%a fmax=%a\n", y, pow(x, y),
                   atan2(x, y), hypot(x, y), fmod(x, y), remainder(x, y), fma(x, y, 1.0), fmax(x, y));
        }
    }
    /* A sum over many calls: catches a wrong result anywhere in the polynomial paths. */
    double acc = 0;
    for (int k = 1; k <= 20000; k++) {
        double t = k * 0.000731;
        acc += sin(t) * cos(t * 0.5) + exp(-t) * log(t + 1) + pow(t, 0.37) + atan(t) - sqrt(t);
    }
    printf("accumulated %a\n", acc);
    return 0;
}
