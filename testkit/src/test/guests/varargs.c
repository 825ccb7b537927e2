// Variadic functions under the ppc32 SVR4 ABI: va_arg of int, long long (register pairs that
// skip an odd register), double (FPRs, then the stack), structs by pointer and mixed sequences long
// enough to overflow the register save area; va_copy; vsnprintf.
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

struct pair { int a, b; };

/* fmt letters: i=int, l=long long, d=double, p=struct pair *, s=string */
static void show(const char *fmt, ...) {
    va_list ap, copy;
    va_start(ap, fmt);
    va_copy(copy, ap);
    printf("%s:", fmt);
    for (const char *f = fmt; *f; f++) {
        switch (*f) {
            case 'i': printf(" %d", va_arg(ap, int)); break;
            case 'l': printf(" %lld", va_arg(ap, long long)); break;
            case 'd': printf(" %a", va_arg(ap, double)); break;
            case 'p': { struct pair *p = va_arg(ap, struct pair *); printf(" {%d,%d}", p->a, p->b); break; }
            case 's': printf(" \"%s\"", va_arg(ap, const char *)); break;
        }
    }
    /* The copy walks the same arguments again. */
    int ints = 0;
    double sum = 0;
    for (const char *f = fmt; *f; f++) {
        switch (*f) {
            case 'i': ints += va_arg(copy, int); break;
            case 'l': ints += (int)va_arg(copy, long long); break;
            case 'd': sum += va_arg(copy, double); break;
            case 'p': (void)va_arg(copy, struct pair *); break;
            case 's': (void)va_arg(copy, const char *); break;
        }
    }
    printf(" | copy: ints=%d sum=%a\n", ints, sum);
    va_end(copy);
    va_end(ap);
}

static int format(char *buf, size_t n, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    int r = vsnprintf(buf, n, fmt, ap);
    va_end(ap);
    return r;
}

static long long sum_ll(int count, ...) {
    va_list ap;
    va_start(ap, count);
    long long s = 0;
    for (int i = 0; i < count; i++) s += va_arg(ap, long long);
    va_end(ap);
    return s;
}

int main(void) {
    struct pair p = {3, -4};
    show("i", 1);
    show("l", 0x123456789abLL);
    show("il", 1, -2LL);
    show("ili", 1, 0x7fffffffffffffffLL, 3);
    show("iiiiiiiil", 1, 2, 3, 4, 5, 6, 7, 8, 9LL);
    show("iiiiiiil", 1, 2, 3, 4, 5, 6, 7, 8LL);
    show("dddddddddd", 0.5, 1.5, 2.5, 3.5, 4.5, 5.5, 6.5, 7.5, 8.5, 9.5);
    show("ididldls", 1, 0.25, 2, -0.75, 3LL, 1e300, -4LL, "tail");
    show("piddddddddddi", &p, 7, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0, 99);
    show("sssssssssss", "a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k");
    show("lllllll", 1LL, 2LL, 3LL, 4LL, 5LL, 6LL, 7LL);
    char buf[80];
    int n = format(buf, sizeof buf, "%d-%s-%.2f-%lld-%c", 42, "str", 3.14159, -5LL, 'z');
    printf("vsnprintf: %d \"%s\"\n", n, buf);
    n = format(buf, 6, "%s", "truncated output");
    printf("vsnprintf truncating: %d \"%s\"\n", n, buf);
    printf("sum_ll: %lld\n", sum_ll(5, 1LL << 40, -(1LL << 41), 3LL, 0x7fffffffLL, 5LL));
    return 0;
}
