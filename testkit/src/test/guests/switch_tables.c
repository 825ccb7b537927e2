// Control flow the compiler turns into indirect branches: dense switch statements (jump tables
// through bctr), sparse ones (compare trees), computed goto (labels as values), function-pointer
// tables, and a tiny state machine driven by them.
#include <stdio.h>
#include "common.h"

static int dense(int x) {
    switch (x) {
        case 0: return 17;
        case 1: return -3;
        case 2: return 99;
        case 3: return 4;
        case 4: return 1000;
        case 5: return 55;
        case 6: return -66;
        case 7: return 7;
        case 8: return 808;
        case 9: return 9;
        case 10: return 1;
        case 11: return 111;
        case 12: return -12;
        case 13: return 1313;
        case 14: return 14;
        case 15: return 0;
        default: return -1;
    }
}

static const char *sparse(unsigned x) {
    switch (x) {
        case 1: return "one";
        case 10: return "ten";
        case 100: return "hundred";
        case 1000: return "thousand";
        case 65535: return "u16max";
        case 0x80000000u: return "bit31";
        case 0xffffffffu: return "allones";
        default: return "other";
    }
}

static int interpret(const unsigned char *code, int acc) {
    static void *ops[] = {&&op_inc, &&op_dbl, &&op_neg, &&op_sub3, &&op_end};
    int pc = 0;
#define NEXT goto *ops[code[pc++]]
    NEXT;
op_inc: acc++; NEXT;
op_dbl: acc *= 2; NEXT;
op_neg: acc = -acc; NEXT;
op_sub3: acc -= 3; NEXT;
op_end: return acc;
#undef NEXT
}

static int f_add(int a, int b) { return a + b; }
static int f_sub(int a, int b) { return a - b; }
static int f_mul(int a, int b) { return a * b; }
static int f_max(int a, int b) { return a > b ? a : b; }
static int (*const TABLE[])(int, int) = {f_add, f_sub, f_mul, f_max};

int main(void) {
    int total = 0;
    for (int i = -2; i < 20; i++) {
        int v = dense(OPAQUE(i));
        printf("dense(%d)=%d\n", i, v);
        total += v;
    }
    static const unsigned S[] = {0, 1, 10, 100, 1000, 65535, 65536, 0x80000000u, 0xffffffffu, 12345};
    for (unsigned i = 0; i < sizeof S / sizeof S[0]; i++) printf("sparse(%u)=%s\n", S[i], sparse(OPAQUE(S[i])));
    static const unsigned char prog[] = {0, 1, 1, 3, 2, 0, 1, 4};
    for (int a = -3; a <= 3; a++) printf("interpret(%d)=%d\n", a, interpret(prog, a));
    int acc = 1;
    lcg_seed(5);
    for (int i = 0; i < 1000; i++) acc = TABLE[lcg_next() % 4](acc, (int)(lcg_next() % 100) - 50) % 100000;
    printf("function table acc=%d total=%d\n", acc, total);
    /* A state machine: counts words, numbers and punctuation in a text. */
    const char *text = "Call 911, or 112; then wait... 3 minutes & 20 seconds!";
    int words = 0, numbers = 0, punct = 0, state = 0;
    for (const char *p = text;; p++) {
        int cls = *p == 0 ? 3 : (*p >= '0' && *p <= '9') ? 1 : ((*p | 32) >= 'a' && (*p | 32) <= 'z') ? 0 : *p == ' ' ? 2 : 4;
        switch (state * 8 + cls) {
            case 0 * 8 + 0: state = 1; words++; break;
            case 0 * 8 + 1: state = 2; numbers++; break;
            case 0 * 8 + 4: punct++; break;
            case 1 * 8 + 1: case 2 * 8 + 0: state = 3; break;
            case 1 * 8 + 2: case 2 * 8 + 2: case 3 * 8 + 2: state = 0; break;
            case 1 * 8 + 4: case 2 * 8 + 4: case 3 * 8 + 4: state = 0; punct++; break;
            default: break;
        }
        if (!*p) break;
    }
    printf("words=%d numbers=%d punct=%d\n", words, numbers, punct);
    return 0;
}
