/* The example guest shipped with ppcvm: a static PowerPC Linux program.
 * Rebuild with: powerpc-linux-gnu-gcc -static -O2 -o hello hello.c -lm */
#include <math.h>
#include <stdio.h>
#include <string.h>

static int is_prime(unsigned n) {
    if (n < 2) return 0;
    for (unsigned d = 2; d * d <= n; d++)
        if (n % d == 0) return 0;
    return 1;
}

int main(int argc, char **argv) {
    printf("Hello from PowerPC! argc=%d argv[0]=%s\n", argc, strrchr(argv[0], '/') ? strrchr(argv[0], '/') + 1 : argv[0]);
    int count = 0;
    unsigned last = 0;
    for (unsigned n = 0; n < 100000; n++)
        if (is_prime(n)) { count++; last = n; }
    printf("%d primes below 100000, the largest %u\n", count, last);
    printf("sqrt(2) = %.15f, pi = %.15f\n", sqrt(2.0), 4 * atan(1.0));
    return 0;
}
