// popcntb (population count per byte) over many values. The e500mc core lacks it and Linux
// emulates it; no qemu-ppc 32-bit CPU model has it at all. So the program installs a SIGILL
// handler that emulates exactly this instruction from the signal frame (decoding RS and RA from
// the word at the saved PC, writing RA and stepping the PC) and prints only the results: the output
// is the same whether the instruction ran natively (ppcvm) or trapped (qemu). The handler also
// exercises the rt signal frame's register layout.
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <ucontext.h>
#include "common.h"

#define PT_NIP 32 /* gregs index of the saved PC in the ppc32 mcontext */

static uint32_t per_byte(uint32_t x) {
    uint32_t r = 0;
    for (int b = 0; b < 4; b++) r |= (uint32_t)__builtin_popcount((x >> (8 * b)) & 0xff) << (8 * b);
    return r;
}

static void on_sigill(int sig, siginfo_t *info, void *ctx) {
    (void)sig;
    (void)info;
    ucontext_t *uc = ctx;
    unsigned long *gregs = (unsigned long *)uc->uc_mcontext.uc_regs->gregs;
    uint32_t word = *(const uint32_t *)gregs[PT_NIP];
    if (word >> 26 != 31 || ((word >> 1) & 0x3ff) != 122) {
        signal(SIGILL, SIG_DFL); /* not ours: die by the signal */
        return;
    }
    unsigned rs = (word >> 21) & 31, ra = (word >> 16) & 31;
    gregs[ra] = per_byte((uint32_t)gregs[rs]);
    gregs[PT_NIP] += 4;
}

static uint32_t popcntb(uint32_t x) {
    uint32_t r;
    __asm__ volatile("popcntb %0,%1" : "=r"(r) : "r"(x));
    return r;
}

int main(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_sigill;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGILL, &sa, NULL);
    static const uint32_t V[] = {0, 0xffffffff, 0x01020304, 0x80808080, 0x7f3f1f0f, 0xdeadbeef, 0x00ff00ff, 1};
    for (unsigned i = 0; i < sizeof V / sizeof V[0]; i++) printf("popcntb %08x = %08x\n", V[i], popcntb(V[i]));
    unsigned wrong = 0;
    uint32_t h = FNV_INIT;
    lcg_seed(3);
    for (int i = 0; i < 5000; i++) {
        uint32_t x = lcg_next(), r = popcntb(x);
        wrong += r != per_byte(x);
        h = fnv1a(h, &r, 4);
    }
    printf("5000 random values: %u wrong, fingerprint %08x\n", wrong, h);
    /* The count of bits set in a whole word from the per-byte counts, as glibc's fallback does. */
    uint32_t x = 0x0f0f1234, c = popcntb(x);
    printf("popcount(%08x) = %u\n", x, (c * 0x01010101u) >> 24);
    return 0;
}
