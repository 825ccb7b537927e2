// The ppc32 SVR4 calling convention for aggregates and mixed arguments: small and large structs
// passed and returned by value (returned through a hidden pointer), long long in aligned register
// pairs, more than 8 integer and 8 FP arguments (stack overflow area), float vs double arguments,
// bit-fields, unions, packed structs with unaligned members, and _Complex.
#include <complex.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

struct tiny { char c; };
struct pair { short a; int b; };
struct big { int v[10]; double d; };
struct __attribute__((packed)) packed { char c; uint32_t u; uint16_t h; double d; };
struct bits { unsigned a : 3, b : 7, c : 1, d : 21; int s : 5; };
union pun { float f; uint32_t u; unsigned char b[4]; };

__attribute__((noinline)) static struct tiny make_tiny(char c) { return (struct tiny){c}; }
__attribute__((noinline)) static struct pair swap_pair(struct pair p) { return (struct pair){(short)p.b, p.a}; }
__attribute__((noinline)) static struct big scale(struct big b, int k) {
    for (int i = 0; i < 10; i++) b.v[i] *= k;
    b.d *= k;
    return b;
}
__attribute__((noinline)) static double many(int a, long long b, int c, double d, float e, int f, long long g, int h,
                                             int i, int j, double k, double l, double m, double n, double o, double p,
                                             double q, double r, float s, int t, long long u) {
    return a + (double)b + c + d + e + f + (double)g + h + i + j + k + l + m + n + o + p + q + r + s + t + (double)u;
}
__attribute__((noinline)) static uint32_t read_packed(const struct packed *p) { return p->u + p->h; }
__attribute__((noinline)) static double complex cmul(double complex a, double complex b) { return a * b; }
__attribute__((noinline)) static float fsum(float a, float b, float c) { return a + b * c; }

int main(void) {
    struct tiny t = make_tiny('Q');
    struct pair p = swap_pair((struct pair){-3, 70000});
    struct big b = {{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 1.5};
    struct big s = scale(b, -3);
    printf("tiny=%c pair=(%d,%d) big=%d..%d,%a original untouched=%d\n", t.c, p.a, p.b, s.v[0], s.v[9], s.d, b.v[9]);
    printf("many=%a\n", many(1, 1LL << 40, 3, 0.5, 0.25f, 6, -7LL, 8, 9, 10, 11.5, 12.5, 13.5, 14.5, 15.5, 16.5, 17.5,
                             18.5, 19.25f, 20, 1LL << 33));
    unsigned char raw[40];
    memset(raw, 0, sizeof raw);
    struct packed *pk = (struct packed *)(raw + 1);
    pk->c = 1;
    pk->u = 0x11223344;
    pk->h = 0x5566;
    pk->d = 2.75;
    printf("packed sizeof=%zu read=%08x bytes:", sizeof(struct packed), read_packed(pk));
    for (int i = 0; i < 17; i++) printf(" %02x", raw[i]);
    printf("\n");
    struct bits bf = {5, 100, 1, 0x12345, -7};
    uint32_t w[2];
    memcpy(w, &bf, sizeof w);
    bf.b += 30;
    bf.s++;
    printf("bitfields words=%08x %08x after update b=%u s=%d sizeof=%zu\n", w[0], w[1], bf.b, bf.s, sizeof bf);
    union pun u = {.f = -1.5f};
    printf("union float -1.5 = %08x bytes %02x %02x %02x %02x\n", u.u, u.b[0], u.b[1], u.b[2], u.b[3]);
    double complex z = cmul(1.0 + 2.0 * I, 3.0 - 4.0 * I);
    printf("complex (1+2i)(3-4i) = %a%+ai, cabs=%a\n", creal(z), cimag(z), cabs(z));
    printf("float args: %a\n", (double)fsum(1.0f / 3, 0.1f, 3.0f));
    printf("sizes: long=%zu long long=%zu double=%zu long double=%zu void*=%zu alignof(double)=%zu\n", sizeof(long),
           sizeof(long long), sizeof(double), sizeof(long double), sizeof(void *), _Alignof(double));
    long double ld = 1.0L / 3;
    printf("long double 1/3 = %La\n", ld);
    return 0;
}
