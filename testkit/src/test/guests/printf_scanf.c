// The stdio formatting and parsing code paths: printf conversions and flags for integers,
// floating point (%f %e %g %a with precisions) and strings, snprintf truncation, and the parsing
// side (strtol/strtoul/strtoll/strtod, sscanf, atoi) with round trips of doubles through %.17g.
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "common.h"

int main(void) {
    static const long long I[] = {0, 1, -1, 42, -42, 255, 65535, INT_MAX, INT_MIN, LLONG_MAX, LLONG_MIN, 1234567890123LL};
    for (unsigned i = 0; i < sizeof I / sizeof I[0]; i++) {
        long long v = I[i];
        printf("[%d] [%5d] [%-5d|] [%+d] [% d] [%05d] [%x] [%#x] [%X] [%o] [%#o] [%u] [%hhd] [%hd]\n", (int)v, (int)v,
               (int)v, (int)v, (int)v, (int)v, (unsigned)v, (unsigned)v, (unsigned)v, (unsigned)v, (unsigned)v,
               (unsigned)v, (signed char)v, (short)v);
        printf("  [%lld] [%llx] [%20lld] [%-20lld|] [%'lld] [%" PRId64 "] [%.3d] [%*d] [%-*d|]\n", v,
               (unsigned long long)v, v, v, v, (int64_t)v, (int)v, 8, (int)v, 8, (int)v);
    }
    static const double D[] = {0.0, -0.0, 1.0, -1.5, 0.1, 1.0 / 3, 123456.789, 1e-7, 6.02214076e23, 1e300, 5e-324,
                               9007199254740993.0, 0.5, 1.5, 2.5};
    for (unsigned i = 0; i < sizeof D / sizeof D[0]; i++) {
        double d = OPAQUE(D[i]);
        printf("[%f] [%.0f] [%.2f] [%10.3f] [%-10.1f|] [%+.1f] [%e] [%.0e] [%E] [%g] [%.3g] [%#g] [%G] [%a] [%.3a] [%A]\n",
               d, d, d, d, d, d, d, d, d, d, d, d, d, d, d, d);
        char buf[64];
        snprintf(buf, sizeof buf, "%.17g", d);
        double back = strtod(buf, NULL);
        printf("  %%.17g=%s round trip %s; %%.40f=%.40f\n", buf, memcmp(&back, &d, sizeof d) == 0 ? "exact" : "LOST", d);
    }
    printf("[%s] [%10s] [%-10s|] [%.3s] [%c] [%5c] [%%] [%p]\n", "text", "right", "left", "truncate", 'x', 'y', (void *)0);
    char small[8];
    int n = snprintf(small, sizeof small, "%s", "a longer string than fits");
    printf("snprintf returned %d, kept \"%s\"\n", n, small);
    static const char *const S[] = {"0", "-17", "  +42xyz", "0x1F", "0777", "2147483648", "-9223372036854775809",
                                    "18446744073709551615", "junk", "1e10", "-0.0", "inf", "nan", "0x1.8p3", "  3.25abc"};
    for (unsigned i = 0; i < sizeof S / sizeof S[0]; i++) {
        char *end;
        long l = strtol(S[i], &end, 0);
        long l_end = end - S[i];
        unsigned long ul = strtoul(S[i], &end, 10);
        long long ll = strtoll(S[i], NULL, 0);
        unsigned long long ull = strtoull(S[i], NULL, 0);
        double d = strtod(S[i], &end);
        printf("\"%s\": strtol=%ld (used %ld) strtoul=%lu strtoll=%lld strtoull=%llu strtod=%a (used %ld) atoi=%d\n", S[i],
               l, l_end, ul, ll, ull, d, (long)(end - S[i]), atoi(S[i]));
    }
    int a, b;
    char word[16];
    double x;
    unsigned hex;
    int got = sscanf("  12 -34 hello 2.5e3 ff", "%d %d %15s %lf %x", &a, &b, word, &x, &hex);
    printf("sscanf got %d: %d %d %s %a %x\n", got, a, b, word, x, hex);
    got = sscanf("abc", "%d", &a);
    printf("sscanf on letters got %d\n", got);
    /* Big formatted output through one buffer: exercises stdio's flushing. */
    uint32_t h = FNV_INIT;
    char line[128];
    for (int i = 0; i < 20000; i++) {
        int len = snprintf(line, sizeof line, "%d:%08x:%.6e;", i, (unsigned)i * 2654435761u, i * 1.0001);
        h = fnv1a(h, line, (size_t)len);
    }
    printf("formatted fingerprint %08x\n", h);
    return 0;
}
