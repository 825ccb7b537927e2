// A dynamically linked C program (PIE, ld.so and libc.so.6 from the sysroot): stdio, string
// functions, qsort, strtod and libm through the PLT, environment and arguments.
// ppcvm-test: link=dynamic args="one two" env=GREETING=hi
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int compare(const void *a, const void *b) {
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

int main(int argc, char **argv) {
    const char *words[] = {"pear", "apple", "fig", "banana"};
    qsort(words, 4, sizeof words[0], compare);
    for (int i = 0; i < 4; i++) {
        printf("%s%c", words[i], i == 3 ? '\n' : ' ');
    }
    printf("argc=%d last=%s GREETING=%s\n", argc, argv[argc - 1], getenv("GREETING"));
    double x = strtod("2.25", NULL);
    printf("sqrt=%.3f exp=%.6f hypot=%.1f\n", sqrt(x), exp(1.0), hypot(3.0, 4.0));
    char buf[64];
    snprintf(buf, sizeof buf, "%08.3f|%-6s|%x", 3.14159, "ab", 48879);
    puts(buf);
    return strlen(buf) == 20 ? 0 : 1;
}
