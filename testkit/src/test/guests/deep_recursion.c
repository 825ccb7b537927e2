// Deep recursion: 100000 nested calls (a few MB of stack in total, within the default 8 MB
// limit), mutual recursion, Ackermann, and a recursive tree build/walk.
#include <stdio.h>
#include <stdlib.h>

__attribute__((noinline)) static unsigned long long down(unsigned n) {
    volatile unsigned local = n * 3;
    if (n == 0) return 0;
    return down(n - 1) + local % 7;
}

static int is_even(unsigned n);
static int is_odd(unsigned n) { return n == 0 ? 0 : is_even(n - 1); }
static int is_even(unsigned n) { return n == 0 ? 1 : is_odd(n - 1); }

static unsigned ackermann(unsigned m, unsigned n) {
    if (m == 0) return n + 1;
    if (n == 0) return ackermann(m - 1, 1);
    return ackermann(m - 1, ackermann(m, n - 1));
}

struct node { struct node *l, *r; int v; };
static struct node *build(int depth, int *counter) {
    if (depth == 0) return NULL;
    struct node *n = malloc(sizeof *n);
    n->v = (*counter)++;
    n->l = build(depth - 1, counter);
    n->r = build(depth - 1, counter);
    return n;
}
static long walk(struct node *n, int depth) {
    if (!n) return 0;
    long s = (long)n->v * depth + walk(n->l, depth + 1) - walk(n->r, depth + 1);
    free(n);
    return s;
}

int main(void) {
    printf("down(100000)=%llu\n", down(100000));
    printf("is_even(50001)=%d is_odd(50001)=%d\n", is_even(50001), is_odd(50001));
    printf("ackermann(2,300)=%u ackermann(3,6)=%u\n", ackermann(2, 300), ackermann(3, 6));
    int counter = 0;
    struct node *t = build(16, &counter);
    printf("tree nodes=%d walk=%ld\n", counter, walk(t, 1));
    return 0;
}
