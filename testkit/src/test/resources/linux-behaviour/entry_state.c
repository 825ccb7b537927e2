// The register state at the ELF entry point, and the processor version register.
//
// Linux's start_thread() clears r1-r31 before setting r1 to the new stack (r0 is left as the
// execve system call left it), clears CR, XER, LR and CTR, and gives the new program a zeroed FP
// state (FPRs and FPSCR). The stack pointer is 16-byte aligned and points at argc.
// `mfpvr` is privileged on Book E; Linux emulates it for user code and returns the real PVR,
// 0x8023xxxx on an e500mc.
//
// Built with -Wl,-e,_entry: _entry saves every register before glibc's _start runs, restores
// them and jumps to _start.
#include <stddef.h>
#include <stdio.h>

struct entry_state {
    unsigned gpr[32];
    unsigned cr, xer, lr, ctr;
    unsigned long long fpr[32];
    unsigned long long fpscr;
} entry;

// The offsets _entry uses.
_Static_assert(offsetof(struct entry_state, cr) == 128, "cr");
_Static_assert(offsetof(struct entry_state, xer) == 132, "xer");
_Static_assert(offsetof(struct entry_state, lr) == 136, "lr");
_Static_assert(offsetof(struct entry_state, ctr) == 140, "ctr");
_Static_assert(offsetof(struct entry_state, fpr) == 144, "fpr");
_Static_assert(offsetof(struct entry_state, fpscr) == 400, "fpscr");

__asm__(
    "        .text\n"
    "        .globl  _entry\n"
    "        .type   _entry, @function\n"
    "_entry:\n"
    // r31 is the base register; its value waits below the stack pointer (nothing else runs yet).
    "        stw     31, -4(1)\n"
    "        lis     31, entry@ha\n"
    "        addi    31, 31, entry@l\n"
    "        .irp    n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30\n"
    "        stw     \\n, 4*\\n(31)\n"
    "        .endr\n"
    "        lwz     0, -4(1)\n"
    "        stw     0, 124(31)\n"
    "        mfcr    0\n"
    "        stw     0, 128(31)\n"
    "        mfxer   0\n"
    "        stw     0, 132(31)\n"
    "        mflr    0\n"
    "        stw     0, 136(31)\n"
    "        mfctr   0\n"
    "        stw     0, 140(31)\n"
    "        .irp    n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31\n"
    "        stfd    \\n, 144+8*\\n(31)\n"
    "        .endr\n"
    "        mffs    0\n"
    "        stfd    0, 400(31)\n"
    "        lfd     0, 144(31)\n"
    // Restore what glibc's _start may look at, then start the program as usual.
    "        lwz     0, 0(31)\n"
    "        .irp    n, 2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30\n"
    "        lwz     \\n, 4*\\n(31)\n"
    "        .endr\n"
    "        lwz     31, 124(31)\n"
    "        b       _start\n"
    "        .size   _entry, . - _entry\n");

int main(int argc, char **argv) {
    unsigned sp = entry.gpr[1];
    printf("sp_mod_16 %u\n", sp % 16);
    printf("sp_points_at_argc %d\n", *(int *)sp == argc && (char **)(sp + 4) == argv);
    printf("nonzero_gprs");
    int any = 0;
    for (int n = 2; n < 32; n++) {
        if (entry.gpr[n] != 0) {
            printf(" r%d=%08x", n, entry.gpr[n]);
            any = 1;
        }
    }
    printf("%s\n", any ? "" : " none");
    printf("cr %08x\nxer %08x\nlr %08x\nctr %08x\n", entry.cr, entry.xer, entry.lr, entry.ctr);
    printf("fpscr %08x\n", (unsigned)entry.fpscr);
    printf("nonzero_fprs");
    any = 0;
    for (int n = 0; n < 32; n++) {
        if (entry.fpr[n] != 0) {
            printf(" f%d=%016llx", n, entry.fpr[n]);
            any = 1;
        }
    }
    printf("%s\n", any ? "" : " none");
    unsigned pvr;
    __asm__ volatile("mfpvr %0" : "=r"(pvr));
    printf("pvr %08x\n", pvr);
    return 0;
}
