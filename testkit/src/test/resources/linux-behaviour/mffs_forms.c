// The ISA 3.0 mffs forms (primary 63, XO 583, bits 11-20 non-zero) on a pre-3.0 processor.
//
// mffsce, mffscdrn, mffscdrni, mffscrn, mffscrni and mffsl reuse mffs's opcode; processors before
// ISA 3.0 (the e500mc among them) ignore bits 11-20 and execute every one as a plain mffs: FRT gets
// the FPSCR and the FPSCR is not changed (mffsce does not clear the enables, mffscrn[i] does not
// set RN). Debian's glibc executes mffsl in fenv and libm. The words are emitted with .long
// because they are what matters, not an assembler's opinion of them.
//
// With no argument every form runs; with one, only the form of that name (so that a processor
// that traps on one form can be checked form by form). Output: the low FPSCR word each form
// returned, and the FPSCR afterwards.
#include <stdint.h>
#include <stdio.h>
#include <string.h>

// FRT = f0; FRB (or the immediate) = 1 where the form has one.
#define MFFS 0xFC00048E
#define MFFSCE 0xFC01048E
#define MFFSCDRN 0xFC140C8E
#define MFFSCDRNI 0xFC150C8E
#define MFFSCRN 0xFC160C8E
#define MFFSCRNI 0xFC170C8E
#define MFFSL 0xFC18048E

// f1 holds RN = 2 in its low bits, what mffscrn would install on an ISA 3.0 processor.
static const uint64_t FRB_BITS = 2;

#define STRINGIFY(x) #x
#define EXPAND_AND_STRINGIFY(x) STRINGIFY(x)

#define RUN(WORD)                                                                              \
    ({                                                                                         \
        uint64_t out;                                                                          \
        __asm__ volatile("lfd 1,%1\n\t.long " EXPAND_AND_STRINGIFY(WORD) "\n\tstfd 0,%0"                            \
                         : "=m"(out)                                                           \
                         : "m"(FRB_BITS)                                                       \
                         : "fr0", "fr1");                                                      \
        (unsigned)out;                                                                         \
    })

static unsigned fpscr(void) {
    return RUN(MFFS);
}

int main(int argc, char **argv) {
    // RN = 01 (toward zero) and OE = 1: visible bits a 3.0 form would change.
    __asm__ volatile("mtfsfi 7,1\n\tmtfsb1 25" ::: "memory");
    const char *only = argc > 1 ? argv[1] : NULL;
    printf("mffs %08x\n", fpscr());
#define FORM(NAME, WORD)                                      \
    if (only == NULL || strcmp(only, NAME) == 0) {            \
        unsigned v = RUN(WORD);                               \
        printf("%s %08x\n", NAME, v);                         \
    }
    FORM("mffsce", MFFSCE)
    FORM("mffscdrn", MFFSCDRN)
    FORM("mffscdrni", MFFSCDRNI)
    FORM("mffscrn", MFFSCRN)
    FORM("mffscrni", MFFSCRNI)
    FORM("mffsl", MFFSL)
    printf("after %08x\n", fpscr());
    return 0;
}
