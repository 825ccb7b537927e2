/*
 * The guest of the end-to-end gdb tests (testkit .../gdb/). argv[1] picks a mode; without one the
 * program prints its modes and returns 2. Lines the tests name carry a marker comment "@name",
 * which the tests find in this file instead of hard-coding line numbers.
 *
 *   calls  main -> calls_mode -> outer(n) -> middle(n, scale) -> leaf(n) for n = 1..5; leaf(n)
 *          returns 3n + 1, middle returns leaf's value times scale (a double), outer twice that.
 *          First g_third = g_one / 3.0, the program's first floating-point operation (inexact,
 *          rounded down). At the end prints total and the globals (a debugger's "set var" shows
 *          there). Status 0.
 *   steps  sum_to(4) (a loop for next/step/until), then prints the sum. Status 0.
 *   stepi  checksum_rounds(400): some twenty thousand instructions of our own code, calling
 *          mix() each round, no library calls (the stepi/nexti oracle); prints the checksum.
 *   watch  writes g_watched (1, 2, then 42), g_watched_double (2.5), g_point.y (-7), g_point.x,
 *          g_array[2], [6] and [5] at the lines marked @w..., then reads g_watched, g_point.y,
 *          g_watched_double and g_array[5] at the lines marked @r..., one a line. Status 0.
 *   many   writes g_bytes[i] = i + 1 for i = 0..39 in a loop (@many_store), then
 *          memset(g_bytes + 8, 0xab, n) with n = 16 hidden from the compiler (@many_memset);
 *          glibc's memset fills backwards with word stores, so byte 13 is written by a store
 *          to byte 12. Status 0.
 *   big    fills big_buffer (4 MiB) with pattern(i), then calls big_filled(). Status 0.
 *   segv   stores through a null pointer (@segv_store): SIGSEGV.
 *   trap   __builtin_trap() (@trap_insn), a "tw 31,0,0": SIGTRAP.
 *   abort  abort(): SIGABRT.
 *   spin   writes "spin: started\n" to fd 1 with write(2), calls spin_started(), then counts in
 *          spin_counter until a debugger sets spin_stop (it never does by itself), writing "spin:
 *          a million\n" when the count reaches 1000000. A debugger that sets spin_rearm has the
 *          loop start counting from 0 again (the guest resets the count itself, so a stop between
 *          its load and store of the count cannot undo the reset). Status 3.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct point {
    int x;
    int y;
    double weight;
    char tag[8];
};

int g_int = 42;
double g_double = 3.25;
double g_one = 1.0;
double g_third;
struct point g_point = {1, 2, 0.5, "origin"};
int g_array[8] = {10, 11, 12, 13, 14, 15, 16, 17};
volatile int g_watched;
double g_watched_double;
unsigned char g_bytes[64] __attribute__((aligned(64)));
volatile size_t memset_length = 16;

#define BIG_SIZE (4u << 20)
unsigned char big_buffer[BIG_SIZE];

volatile unsigned long spin_counter;
volatile int spin_stop;
volatile int spin_rearm;

__attribute__((noinline)) int leaf(int n) {
    int tripled = 3 * n; /* @leaf_body */
    return tripled + 1;
}

__attribute__((noinline)) double middle(int n, double scale) {
    int from_leaf = leaf(n); /* @middle_call */
    double scaled = from_leaf * scale;
    return scaled; /* @middle_return */
}

__attribute__((noinline)) int outer(int n) {
    double half = middle(n, 0.5); /* @outer_call */
    return (int)(half * 4.0);
}

static int calls_mode(void) {
    int total = 0;
    g_third = g_one / 3.0; /* @calls_divide: inexact, rounded down */
    for (int n = 1; n <= 5; n++) {
        total += outer(n); /* @calls_loop */
    }
    printf("calls: total=%d\n", total); /* @calls_print */
    printf("calls: g_int=%d g_double=%.4f g_point.y=%d g_array[3]=%d\n", g_int, g_double, g_point.y, g_array[3]);
    return 0;
}

__attribute__((noinline)) int sum_to(int n) {
    int total = 0; /* @sum_first */
    for (int i = 1; i <= n; i++) { /* @sum_for */
        total += i;                /* @sum_add */
    }
    return total; /* @sum_return */
}

static int steps_mode(void) {
    int sum = sum_to(4); /* @steps_call */
    printf("steps: sum=%d\n", sum); /* @steps_print */
    return 0;
}

__attribute__((noinline)) unsigned int mix(unsigned int h, unsigned int v) {
    h ^= v;
    h *= 0x01000193u;
    return h ^ (h >> 13);
}

__attribute__((noinline)) unsigned int checksum_rounds(int rounds) {
    unsigned int h = 0x811c9dc5u; /* @stepi_start */
    for (int i = 0; i < rounds; i++) {
        h = mix(h, (unsigned int)i * 2654435761u);
    }
    return h;
}

static int stepi_mode(void) {
    unsigned int h = checksum_rounds(400); /* @stepi_call */
    printf("stepi: checksum=%08x\n", h);
    return 0;
}

static int watch_mode(void) {
    g_watched = 1;                 /* @w1 */
    g_watched = 2;                 /* @w2 */
    int seen = g_watched;          /* @r1: reads 2 */
    g_watched = seen + 40;         /* @w3: 42 */
    g_watched_double = 2.5;        /* @wd */
    g_point.y = -7;                /* @wy */
    g_point.x = 5;                 /* @wx */
    g_array[2] = 200;              /* @wa2 */
    g_array[6] = 600;              /* @wa6: outside g_array[2]@4 */
    g_array[5] = 500;              /* @wa5 */
    int last = g_watched;          /* @r2: reads 42 */
    int y = g_point.y;             /* @ry: reads -7 */
    double d = g_watched_double;   /* @rd: reads 2.5 */
    int a5 = g_array[5];           /* @ra5: reads 500 */
    printf("watch: %d %.1f %d %d %d\n", last, d, g_point.x, y, a5); /* @watch_print */
    return 0;
}

static int many_mode(void) {
    for (int i = 0; i < 40; i++) { /* @many_for */
        g_bytes[i] = (unsigned char)(i + 1); /* @many_store */
    }
    memset(g_bytes + 8, 0xab, memset_length); /* @many_memset */
    printf("many: %d %d %d\n", g_bytes[7], g_bytes[13], g_bytes[24]);
    return 0;
}

/* The byte big_buffer[i] holds after big mode; GdbDataTest.pattern computes the same. */
static unsigned char pattern(unsigned int i) {
    return (unsigned char)(i * 7u + (i >> 8) + (i >> 16) * 13u);
}

__attribute__((noinline)) void big_filled(void) {
    __asm__ volatile("" ::: "memory");
}

static int big_mode(void) {
    for (unsigned int i = 0; i < BIG_SIZE; i++) {
        big_buffer[i] = pattern(i);
    }
    big_filled(); /* @big_call */
    printf("big: filled %u bytes\n", BIG_SIZE);
    return 0;
}

static int segv_mode(void) {
    volatile int *nowhere = (volatile int *)0;
    *nowhere = 1; /* @segv_store */
    return 1;
}

static int trap_mode(void) {
    __builtin_trap(); /* @trap_insn */
}

static int abort_mode(void) {
    abort(); /* @abort_call */
}

__attribute__((noinline)) void spin_started(void) {
    __asm__ volatile("" ::: "memory");
}

static int spin_mode(void) {
    static const char started[] = "spin: started\n";
    static const char million[] = "spin: a million\n";
    if (write(1, started, sizeof started - 1) < 0) {
        return 1;
    }
    spin_started();
    while (!spin_stop) { /* @spin_while */
        if (spin_rearm) {  /* @spin_rearm */
            spin_rearm = 0;
            spin_counter = 0;
        }
        if (++spin_counter == 1000000 && write(1, million, sizeof million - 1) < 0) { /* @spin_loop */
            return 1;
        }
    }
    return 3;
}

int main(int argc, char **argv) {
    const char *mode = argc > 1 ? argv[1] : ""; /* @main_first */
    if (strcmp(mode, "calls") == 0) {
        return calls_mode(); /* @main_calls */
    } else if (strcmp(mode, "steps") == 0) {
        return steps_mode(); /* @main_steps */
    } else if (strcmp(mode, "stepi") == 0) {
        return stepi_mode(); /* @main_stepi */
    } else if (strcmp(mode, "watch") == 0) {
        return watch_mode(); /* @main_watch */
    } else if (strcmp(mode, "many") == 0) {
        return many_mode(); /* @main_many */
    } else if (strcmp(mode, "big") == 0) {
        return big_mode(); /* @main_big */
    } else if (strcmp(mode, "segv") == 0) {
        return segv_mode(); /* @main_segv */
    } else if (strcmp(mode, "trap") == 0) {
        return trap_mode(); /* @main_trap */
    } else if (strcmp(mode, "abort") == 0) {
        return abort_mode(); /* @main_abort */
    } else if (strcmp(mode, "spin") == 0) {
        return spin_mode(); /* @main_spin */
    }
    fprintf(stderr, "usage: debuggee calls|steps|stepi|watch|many|big|segv|trap|abort|spin\n");
    return 2;
}
