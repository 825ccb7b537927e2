// 64-bit integer arithmetic on a 32-bit machine: add/sub carries between words, multiplication,
// division and modulo (libgcc's __divdi3 family), shifts by every count 0..63 in both directions,
// comparisons, and conversions to and from double and float.
#include <stdint.h>
#include <stdio.h>
#include "common.h"

static const uint64_t V[] = {0, 1, 0xffffffffULL, 0x100000000ULL, 0xffffffffffffffffULL, 0x7fffffffffffffffULL,
                             0x8000000000000000ULL, 0x123456789abcdef0ULL, 0xfedcba9876543210ULL, 1000000007ULL,
                             0x00000000deadbeefULL, 0xdeadbeef00000000ULL};
#define NV (sizeof V / sizeof V[0])

int main(void) {
    for (unsigned i = 0; i < NV; i++) {
        for (unsigned j = 0; j < NV; j++) {
            uint64_t a = OPAQUE(V[i]), b = OPAQUE(V[j]);
            int64_t sa = (int64_t)a, sb = (int64_t)b;
            printf("%016llx %016llx add=%016llx sub=%016llx mul=%016llx and=%016llx or=%016llx xor=%016llx "
                   "lt=%d ult=%d eq=%d\n",
                   (unsigned long long)a, (unsigned long long)b, (unsigned long long)(a + b),
                   (unsigned long long)(a - b), (unsigned long long)(a * b), (unsigned long long)(a & b),
                   (unsigned long long)(a | b), (unsigned long long)(a ^ b), sa < sb, a < b, a == b);
            if (b != 0) {
                printf("  udiv=%016llx umod=%016llx", (unsigned long long)(a / b), (unsigned long long)(a % b));
                if (!(sa == INT64_MIN && sb == -1)) {
                    printf(" sdiv=%lld smod=%lld", (long long)(sa / sb), (long long)(sa % sb));
                }
                printf("\n");
            }
        }
    }
    uint32_t h = FNV_INIT;
    for (unsigned i = 0; i < NV; i++) {
        for (int s = 0; s < 64; s++) {
            int sh = OPAQUE(s);
            uint64_t l = V[i] << sh, r = V[i] >> sh;
            int64_t ar = (int64_t)V[i] >> sh;
            printf("%016llx sh=%2d shl=%016llx shr=%016llx sar=%016llx\n", (unsigned long long)V[i], s,
                   (unsigned long long)l, (unsigned long long)r, (unsigned long long)ar);
            h = fnv1a(h, &l, 8);
        }
    }
    printf("shift fingerprint %08x\n", h);
    /* Conversions: exact, rounded (to nearest even) and truncating. */
    for (unsigned i = 0; i < NV; i++) {
        uint64_t u = OPAQUE(V[i]);
        int64_t s = (int64_t)u;
        double du = (double)u, ds = (double)s;
        float fu = (float)u, fs = (float)s;
        printf("%016llx u->d=%a s->d=%a u->f=%a s->f=%a\n", (unsigned long long)u, du, ds, (double)fu, (double)fs);
    }
    static const double D[] = {0.0, -0.0, 1.5, -1.5, 4294967296.5, -4294967297.75, 9.2233720368547748e18,
                               1.8446744073709550e19, -9.2233720368547758e18, 123456789012345.678, 0.999999};
    for (unsigned i = 0; i < sizeof D / sizeof D[0]; i++) {
        double d = OPAQUE(D[i]);
        long long s = d < 9.2233720368547758e18 ? (long long)d : 0;
        unsigned long long u = d >= 0 && d < 1.8446744073709552e19 ? (unsigned long long)d : 0;
        printf("d=%a ->s64=%lld ->u64=%llu\n", d, s, u);
    }
    /* A 64-bit LCG and a running 64-bit sum exercise carries across the word boundary. */
    uint64_t x = 88172645463325252ULL, sum = 0;
    for (int i = 0; i < 100000; i++) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        sum += x % 1000003;
    }
    printf("xorshift64 x=%016llx sum=%llu\n", (unsigned long long)x, (unsigned long long)sum);
    return 0;
}
