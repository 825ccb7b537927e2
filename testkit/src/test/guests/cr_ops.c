// Condition-register and XER moves through inline asm: isel on every CR bit, mcrxr (copies
// XER[SO,OV,CA] to a CR field and clears them), mfcr/mtcrf with several field masks,
// mtocrf/mfocrf (only the selected field of mfocrf's result is defined), the CR-logical
// instructions on all input combinations, mcrf, and mfxer/mtxer of the byte count.
#include <stdint.h>
#include <stdio.h>

#define ISEL(BC)                                                                              \
    __asm__ volatile("mtcr %3\n\tisel %0,%1,%2," #BC : "=r"(out) : "b"(0x1111), "r"(0x2222), "r"(cr) : "cr0", "cr1", "cr2", \
                     "cr3", "cr4", "cr5", "cr6", "cr7")

static uint32_t isel_bit(uint32_t cr, int bc) {
    uint32_t out;
    switch (bc) {
#define C(N) case N: ISEL(N); break;
        C(0) C(1) C(2) C(3) C(4) C(5) C(6) C(7) C(8) C(9) C(10) C(11) C(12) C(13) C(14) C(15)
        C(16) C(17) C(18) C(19) C(20) C(21) C(22) C(23) C(24) C(25) C(26) C(27) C(28) C(29) C(30) C(31)
#undef C
    }
    return out;
}

int main(void) {
    static const uint32_t CRS[] = {0x00000000, 0xffffffff, 0x80000000, 0x00000001, 0x12345678, 0xa5a5a5a5};
    for (unsigned k = 0; k < sizeof CRS / sizeof CRS[0]; k++) {
        printf("isel cr=%08x:", CRS[k]);
        for (int bc = 0; bc < 32; bc++) printf("%c", isel_bit(CRS[k], bc) == 0x1111 ? '1' : '2');
        printf("\n");
    }
    /* isel with rA = 0 selects the value 0, not r0. */
    uint32_t z;
    __asm__ volatile("li 0,77\n\tcrset 2\n\tisel %0,0,%1,2" : "=r"(z) : "r"(5) : "r0", "cr0");
    printf("isel rA=0 -> %u\n", z);

    static const uint32_t XERS[] = {0xe0000000, 0x80000000, 0x40000000, 0x20000000, 0x00000000, 0xe000007f};
    for (unsigned k = 0; k < sizeof XERS / sizeof XERS[0]; k++) {
        uint32_t cr, xer;
        __asm__ volatile("mtxer %2\n\tli 0,-1\n\tmtcrf 0xff,0\n\tmcrxr 3\n\tmfcr %0\n\tmfxer %1"
                         : "=&r"(cr), "=&r"(xer)
                         : "r"(XERS[k])
                         : "r0", "xer", "cr0", "cr1", "cr2", "cr3", "cr4", "cr5", "cr6", "cr7");
        printf("mcrxr xer=%08x -> cr=%08x xer after=%08x\n", XERS[k], cr, xer & 0xe000007f);
    }
    static const uint32_t MASKS[] = {0x80, 0x01, 0x81, 0x3c, 0xff, 0x00, 0x55};
    for (unsigned k = 0; k < sizeof MASKS / sizeof MASKS[0]; k++) {
        uint32_t cr;
#define MTCRF(M) __asm__ volatile("li 0,0\n\tmtcrf 0xff,0\n\tmtcrf " #M ",%1\n\tmfcr %0" : "=&r"(cr) : "r"(0x87654321) \
                                  : "r0", "cr0", "cr1", "cr2", "cr3", "cr4", "cr5", "cr6", "cr7")
        switch (MASKS[k]) {
            case 0x80: MTCRF(0x80); break;
            case 0x01: MTCRF(0x01); break;
            case 0x81: MTCRF(0x81); break;
            case 0x3c: MTCRF(0x3c); break;
            case 0xff: MTCRF(0xff); break;
            case 0x00: MTCRF(0x00); break;
            default: MTCRF(0x55); break;
        }
        printf("mtcrf %02x,87654321 -> %08x\n", MASKS[k], cr);
    }
    for (int f = 0; f < 8; f++) {
        uint32_t cr, field;
#define OCRF(M) __asm__ volatile("li 0,0\n\tmtcrf 0xff,0\n\tmtocrf " #M ",%2\n\tmfcr %0\n\tmfocrf %1," #M \
                                 : "=&r"(cr), "=&r"(field) : "r"(0xfedcba98) : "r0", "cr0", "cr1", "cr2", "cr3", "cr4", "cr5", "cr6", "cr7")
        switch (f) {
            case 0: OCRF(0x80); break;
            case 1: OCRF(0x40); break;
            case 2: OCRF(0x20); break;
            case 3: OCRF(0x10); break;
            case 4: OCRF(0x08); break;
            case 5: OCRF(0x04); break;
            case 6: OCRF(0x02); break;
            default: OCRF(0x01); break;
        }
        uint32_t mask = 0xf0000000u >> (4 * f);
        printf("mtocrf field %d -> cr=%08x, mfocrf field=%08x\n", f, cr, field & mask);
    }
    /* CR logical ops on bits 4*k+1 op 4*k+2 -> bit 4*k+3 for all four input combinations. */
    static const char *const NAMES[] = {"crand", "cror", "crxor", "crnand", "crnor", "creqv", "crandc", "crorc"};
    for (int op = 0; op < 8; op++) {
        uint32_t cr;
        uint32_t in = 0x02460246; /* fields with (b1,b2) = 00, 01, 10, 11 (bits 1 and 2 of each nibble) */
#define CRL(I) __asm__ volatile("mtcrf 0xff,%1\n\t" I " 3,1,2\n\t" I " 7,5,6\n\t" I " 11,9,10\n\t" I " 15,13,14\n\tmfcr %0" \
                                : "=&r"(cr) : "r"(in) : "cr0", "cr1", "cr2", "cr3", "cr4", "cr5", "cr6", "cr7")
        switch (op) {
            case 0: CRL("crand"); break;
            case 1: CRL("cror"); break;
            case 2: CRL("crxor"); break;
            case 3: CRL("crnand"); break;
            case 4: CRL("crnor"); break;
            case 5: CRL("creqv"); break;
            case 6: CRL("crandc"); break;
            default: CRL("crorc"); break;
        }
        printf("%-6s -> %08x\n", NAMES[op], cr);
    }
    uint32_t cr;
    __asm__ volatile("mtcrf 0xff,%1\n\tmcrf 0,7\n\tmcrf 5,2\n\tmfcr %0" : "=&r"(cr) : "r"(0x12345678)
                     : "cr0", "cr1", "cr2", "cr3", "cr4", "cr5", "cr6", "cr7");
    printf("mcrf 0,7 and 5,2 on 12345678 -> %08x\n", cr);
    for (uint32_t bc = 0; bc < 128; bc += 29) {
        uint32_t x;
        __asm__ volatile("mtxer %1\n\tmfxer %0" : "=r"(x) : "r"(bc | 0xe0000000u) : "xer");
        printf("mtxer %08x -> mfxer %08x\n", bc | 0xe0000000u, x & 0xe000007fu);
        __asm__ volatile("mtxer %0" : : "r"(0) : "xer");
    }
    return 0;
}
