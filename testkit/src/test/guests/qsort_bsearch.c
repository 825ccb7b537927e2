// qsort (glibc's merge sort with an indirect fallback; it calls sysinfo to size its buffer) on
// ints, strings and structs with duplicate keys, and bsearch for present and absent keys.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "common.h"

struct rec { int key; unsigned seq; char name[12]; };

static int cmp_int(const void *a, const void *b) {
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}
static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }
static int cmp_rec(const void *a, const void *b) {
    const struct rec *x = a, *y = b;
    if (x->key != y->key) return (x->key > y->key) - (x->key < y->key);
    return (x->seq > y->seq) - (x->seq < y->seq);
}

int main(void) {
    static const int SIZES[] = {0, 1, 2, 3, 10, 100, 1000, 50000};
    for (unsigned s = 0; s < sizeof SIZES / sizeof SIZES[0]; s++) {
        int n = SIZES[s];
        int *a = malloc(sizeof(int) * (n + 1));
        lcg_seed(1000 + s);
        for (int i = 0; i < n; i++) a[i] = (int)(lcg_next() % 1000) - 500;
        qsort(a, n, sizeof(int), cmp_int);
        int sorted = 1;
        for (int i = 1; i < n; i++) sorted &= a[i - 1] <= a[i];
        int found = 0, absent = 0;
        for (int k = -600; k < 600; k += 7) {
            int *p = bsearch(&k, a, n, sizeof(int), cmp_int);
            if (p) {
                found += *p == k;
            } else {
                absent++;
            }
        }
        printf("ints n=%d sorted=%d found=%d absent=%d fingerprint=%08x\n", n, sorted, found, absent,
               fnv1a(FNV_INIT, a, sizeof(int) * n));
        free(a);
    }
    enum { NS = 3000 };
    static char storage[NS][16];
    static char *strs[NS];
    lcg_seed(7);
    for (int i = 0; i < NS; i++) {
        int len = 1 + lcg_next() % 12;
        for (int j = 0; j < len; j++) storage[i][j] = (char)('a' + lcg_next() % 6);
        storage[i][len] = 0;
        strs[i] = storage[i];
    }
    qsort(strs, NS, sizeof(char *), cmp_str);
    uint32_t h = FNV_INIT;
    for (int i = 0; i < NS; i++) h = fnv1a(h, strs[i], strlen(strs[i]) + 1);
    printf("strings first=%s last=%s fingerprint=%08x\n", strs[0], strs[NS - 1], h);
    char *key = "abc";
    char **hit = bsearch(&key, strs, NS, sizeof(char *), cmp_str);
    printf("bsearch abc: %s\n", hit ? "found" : "absent");

    enum { NR = 20000 };
    struct rec *r = malloc(sizeof *r * NR);
    lcg_seed(42);
    for (int i = 0; i < NR; i++) {
        r[i].key = (int)(lcg_next() % 50);
        r[i].seq = (unsigned)i;
        snprintf(r[i].name, sizeof r[i].name, "r%05d", i);
    }
    qsort(r, NR, sizeof *r, cmp_rec);
    int ok = 1;
    for (int i = 1; i < NR; i++) ok &= cmp_rec(&r[i - 1], &r[i]) < 0;
    printf("records ordered=%d first=%s(%d) last=%s(%d)\n", ok, r[0].name, r[0].key, r[NR - 1].name, r[NR - 1].key);
    free(r);
    return 0;
}
