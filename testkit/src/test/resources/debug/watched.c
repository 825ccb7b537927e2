/*
 * A guest for DebugCliTest: `counter` is written and read at known places, and functions are called
 * a known number of times.  `area` is laid out in assembly so that its layout is fixed: one word
 * before `counter`, `counter`, one word after, so stores that cover or cross `counter` are defined.
 *
 * Writes to counter, in order (value after each):
 *   bump x3 (15, 20, 25), set_to (100), loop in main (0, 1, 2, 3), memset (0x11111111),
 *   store_multiple: stmw over area (0x1e), store_double: stfd at area, crossing counter (0x42).
 * Reads of counter: bump x3, peek x2.
 * Calls: bump 3, set_to 1, peek 2, store_multiple 1, store_double 1.
 * Then the program creates a file and read()s it into `filebuf`, replacing its initial contents.
 */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

__asm__(".data\n"
        ".balign 8\n"
        ".globl area\n"
        ".type area, @object\n"
        ".size area, 12\n"
        "area: .long 0x0a0a0a0a\n"
        ".globl counter\n"
        ".type counter, @object\n"
        ".size counter, 4\n"
        "counter: .long 10\n"
        ".long 0x0b0b0b0b\n"
        ".previous\n");

extern volatile int counter;
extern unsigned char area[12];

char filebuf[16] = "OLDOLDOLDOLDOLD";

__attribute__((noinline)) void bump(int by) { counter += by; }

__attribute__((noinline)) void set_to(int v) { counter = v; }

__attribute__((noinline)) int peek(void) { return counter; }

__attribute__((noinline)) void store_multiple(void) {
    /* r30 may hold the GOT pointer, so the asm keeps its value in another register meanwhile. */
    int saved;
    __asm__ volatile("mr %0,30\n\t"
                     "li 29,0x1d\n\t"
                     "li 30,0x1e\n\t"
                     "li 31,0x1f\n\t"
                     "stmw 29,0(%1)\n\t"
                     "mr 30,%0"
                     : "=&r"(saved)
                     : "b"(area)
                     : "r29", "r31", "memory");
}

__attribute__((noinline)) void store_double(void) {
    union {
        double d;
        unsigned int w[2];
    } u;
    u.w[0] = 0x0c0c0c0c;
    u.w[1] = 0x42;
    __asm__ volatile("stfd %0,0(%1)" : : "f"(u.d), "b"(area) : "memory");
}

int main(int argc, char **argv) {
    (void)argv;
    for (int i = 0; i < 3; i++) {
        bump(5);
    }
    set_to(100);
    printf("after set_to: %d\n", peek());
    for (int i = 0; i < 4; i++) {
        counter = i;
    }
    /* A length the compiler cannot see keeps this a call to the library's memset. */
    memset(area, 0x11, (size_t)(8 + 4 * argc));
    store_multiple();
    store_double();
    printf("at end: %d\n", peek());

    const char *name = "watched.tmp";
    int fd = open(name, O_CREAT | O_TRUNC | O_RDWR, 0600);
    if (fd < 0 || write(fd, "new file bytes!", 16) != 16 || lseek(fd, 0, SEEK_SET) != 0) {
        return 3;
    }
    if (read(fd, filebuf, sizeof filebuf) != (ssize_t)sizeof filebuf) {
        return 4;
    }
    close(fd);
    unlink(name);
    printf("filebuf: %s\n", filebuf);
    return counter == 0x42 ? 0 : 1;
}
