// The string and memory functions (glibc's optimised ppc32 versions, which use dcbz, unaligned
// word accesses and string-length tricks) on buffers at every offset 0..15 and many sizes,
// checked against simple byte loops; prints mismatch counts and fingerprints of the results.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "common.h"

#define BUF 4096
static unsigned char src[BUF + 64] __attribute__((aligned(64)));
static unsigned char dst[BUF + 64] __attribute__((aligned(64)));
static unsigned char ref[BUF + 64] __attribute__((aligned(64)));

static const size_t SIZES[] = {0, 1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 65, 100, 127, 128, 129,
                               255, 256, 257, 511, 1000, 1024, 2047, 3000};
#define NS (sizeof SIZES / sizeof SIZES[0])

static void fill(unsigned char *p, size_t n, uint32_t seed) {
    lcg_seed(seed);
    for (size_t i = 0; i < n; i++) p[i] = (unsigned char)(lcg_next() >> 24);
}

int main(void) {
    unsigned bad = 0;
    uint32_t h = FNV_INIT;
    /* Source and destination misalignments: every residue mod 4 and mod 8, and some beyond. */
    static const unsigned OFFSETS[] = {0, 1, 2, 3, 4, 5, 7, 8, 11, 15};
    for (unsigned oi = 0; oi < sizeof OFFSETS / sizeof OFFSETS[0]; oi++) {
        unsigned so = OFFSETS[oi];
        for (unsigned di = 0; di < sizeof OFFSETS / sizeof OFFSETS[0]; di++) {
            unsigned d = OFFSETS[di];
            for (unsigned k = 0; k < NS; k++) {
                size_t n = SIZES[k];
                fill(src, sizeof src, so * 131 + d * 7 + k);
                fill(dst, sizeof dst, 99);
                memcpy(ref, dst, sizeof dst);
                for (size_t i = 0; i < n; i++) ref[d + i] = src[so + i];
                memcpy(dst + d, src + so, n);
                bad += memcmp(dst, ref, sizeof dst) != 0;
                /* memset with a value and with zero (the zero path can use dcbz). */
                int v = (int)(so * 16 + d);
                memset(dst + d, v, n);
                for (size_t i = 0; i < n; i++) ref[d + i] = (unsigned char)v;
                bad += memcmp(dst, ref, sizeof dst) != 0;
                size_t z = n + d * 100 < sizeof dst - so ? n + d * 100 : sizeof dst - so;
                memset(dst + so, 0, z);
                for (size_t i = 0; i < z; i++) ref[so + i] = 0;
                bad += memcmp(dst, ref, sizeof dst) != 0;
                h = fnv1a(h, dst, sizeof dst);
            }
        }
    }
    printf("memcpy/memset: %u mismatches, fingerprint %08x\n", bad, h);

    /* memmove in both directions with overlap. */
    bad = 0;
    for (int shift = -17; shift <= 17; shift++) {
        for (unsigned k = 0; k < NS; k++) {
            size_t n = SIZES[k];
            int base = 40;
            fill(dst, sizeof dst, (uint32_t)(shift + 100));
            memcpy(ref, dst, sizeof dst);
            unsigned char tmp[BUF];
            memcpy(tmp, ref + base, n);
            memcpy(ref + base + shift, tmp, n);
            memmove(dst + base + shift, dst + base, n);
            bad += memcmp(dst, ref, sizeof dst) != 0;
        }
    }
    printf("memmove: %u mismatches\n", bad);

    /* memcmp: sign of the result at every position of first difference. */
    int signs[3] = {0, 0, 0};
    bad = 0;
    for (unsigned so = 0; so < 8; so++) {
        for (unsigned k = 1; k < NS; k++) {
            size_t n = SIZES[k];
            fill(src, sizeof src, k);
            memcpy(dst + 3, src + so, n);
            bad += memcmp(dst + 3, src + so, n) != 0;
            for (size_t pos = 0; pos < n; pos += 1 + n / 7) {
                unsigned char old = dst[3 + pos];
                dst[3 + pos] = (unsigned char)(old + 0x80);
                int r = memcmp(dst + 3, src + so, n);
                int expect = dst[3 + pos] > old ? 1 : -1;
                signs[(r > 0) - (r < 0) + 1]++;
                bad += ((r > 0) - (r < 0)) != expect;
                dst[3 + pos] = old;
            }
        }
    }
    printf("memcmp: %u wrong, negative=%d zero=%d positive=%d\n", bad, signs[0], signs[1], signs[2]);

    /* NUL-terminated strings at every alignment. */
    bad = 0;
    uint32_t hs = FNV_INIT;
    for (unsigned off = 0; off < 16; off++) {
        for (size_t len = 0; len < 300; len += (len < 40 ? 1 : 37)) {
            char *s = (char *)src + off;
            for (size_t i = 0; i < len; i++) s[i] = (char)('a' + (i * 7 + off) % 26);
            s[len] = 0;
            bad += strlen(s) != len;
            bad += strnlen(s, len / 2) != len / 2;
            char *t = (char *)dst + (15 - off);
            strcpy(t, s);
            bad += strcmp(s, t) != 0;
            if (len > 0) {
                t[len - 1]++;
                bad += strcmp(s, t) >= 0;
                bad += strncmp(s, t, len - 1) != 0;
                t[len - 1]--;
            }
            char want = (char)('a' + (len * 3) % 26);
            const char *c1 = strchr(s, want), *c2 = strrchr(s, want), *c3 = memchr(s, want, len);
            const char *r1 = NULL, *r2 = NULL;
            for (size_t i = 0; i < len; i++) {
                if (s[i] == want) {
                    if (!r1) r1 = s + i;
                    r2 = s + i;
                }
            }
            bad += (c1 != r1) + (c2 != r2) + (c3 != r1);
            bad += strchr(s, 0) != s + len;
            hs = fnv1a(hs, &(int){c1 ? (int)(c1 - s) : -1}, sizeof(int));
            strncpy(t, s, len + 5);
            bad += t[len] != 0 || t[len + 4] != 0;
            char cat[700];
            strcpy(cat, s);
            strcat(cat, "|");
            strncat(cat, s, 10);
            hs = fnv1a(hs, cat, strlen(cat));
            bad += strspn(s, "abcdefghijklm") > len || strcspn(s, "z") > len;
        }
    }
    printf("strings: %u wrong, fingerprint %08x\n", bad, hs);

    const char *hay = "the quick brown fox jumps over the lazy dog; the end";
    static const char *const NEEDLES[] = {"the", "fox", "dog;", "", "end", "ends", "o", "lazy dog; the end", "q"};
    for (unsigned i = 0; i < sizeof NEEDLES / sizeof NEEDLES[0]; i++) {
        const char *p = strstr(hay, NEEDLES[i]);
        printf("strstr(\"%s\") at %ld\n", NEEDLES[i], p ? (long)(p - hay) : -1L);
    }
    char toks[] = "  alpha,beta;;gamma , delta  ";
    for (char *tok = strtok(toks, " ,;"); tok; tok = strtok(NULL, " ,;")) printf("token [%s]\n", tok);
    char *dup = strdup("duplicated");
    printf("strdup %s, casecmp %d %d, strpbrk %s\n", dup, strcasecmp("HeLLo", "hello") == 0,
           strncasecmp("abcX", "ABCY", 3) == 0, strpbrk("find the vowel", "aeiou"));
    free(dup);
    return 0;
}
