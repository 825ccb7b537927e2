// XO-form integer arithmetic through inline asm over edge values: results with XER[SO,OV,CA] and
// CR0, with CA clear and set and with SO already set (it is sticky), plus the D-form carrying ops.
// ppcvm-test: opts=O0,O2
#include <stdint.h>
#include <stdio.h>

static const uint32_t V[] = {0, 1, 0xffffffff, 0x7fffffff, 0x80000000, 0xfffffffe, 0x12345678, 0x9abcdef0};
#define NV (sizeof V / sizeof V[0])
#define XER_SO 0x80000000u
#define XER_OV 0x40000000u
#define XER_CA 0x20000000u
static const uint32_t XER_IN[] = {0, XER_CA, XER_SO};

/* Runs `insn rt,ra,rb` with XER preset, then reads XER and CR (CR0 cleared first with mtcrf). */
#define OP2(NAME, INSN)                                                                           \
    static void NAME(uint32_t a, uint32_t b, uint32_t xin, uint32_t *rt, uint32_t *xer, uint32_t *cr) { \
        uint32_t r, x, c;                                                                         \
        __asm__ volatile("mtxer %5\n\tmtcrf 0x80,%6\n\t" INSN " %0,%3,%4\n\tmfxer %1\n\tmfcr %2"    \
                         : "=&r"(r), "=&r"(x), "=&r"(c)                                          \
                         : "r"(a), "r"(b), "r"(xin), "r"(0)                                       \
                         : "cr0", "xer");                                                         \
        *rt = r; *xer = x; *cr = c;                                                               \
    }
#define OP1(NAME, INSN)                                                                           \
    static void NAME(uint32_t a, uint32_t b, uint32_t xin, uint32_t *rt, uint32_t *xer, uint32_t *cr) { \
        uint32_t r, x, c;                                                                         \
        (void)b;                                                                                  \
        __asm__ volatile("mtxer %4\n\tmtcrf 0x80,%5\n\t" INSN " %0,%3\n\tmfxer %1\n\tmfcr %2"       \
                         : "=&r"(r), "=&r"(x), "=&r"(c)                                          \
                         : "r"(a), "r"(xin), "r"(0)                                               \
                         : "cr0", "xer");                                                         \
        *rt = r; *xer = x; *cr = c;                                                               \
    }

OP2(op_add, "add") OP2(op_add_, "add.") OP2(op_addo, "addo") OP2(op_addo_, "addo.")
OP2(op_addc, "addc") OP2(op_addc_, "addc.") OP2(op_addco_, "addco.")
OP2(op_adde, "adde") OP2(op_adde_, "adde.") OP2(op_addeo_, "addeo.")
OP2(op_subf, "subf") OP2(op_subf_, "subf.") OP2(op_subfo_, "subfo.")
OP2(op_subfc, "subfc") OP2(op_subfco_, "subfco.") OP2(op_subfe, "subfe") OP2(op_subfeo_, "subfeo.")
OP2(op_mullw_, "mullw.") OP2(op_mullwo_, "mullwo.") OP2(op_mulhw_, "mulhw.") OP2(op_mulhwu_, "mulhwu.")
OP2(op_and_, "and.") OP2(op_andc_, "andc.") OP2(op_or_, "or.") OP2(op_orc_, "orc.") OP2(op_xor_, "xor.")
OP2(op_nand_, "nand.") OP2(op_nor_, "nor.") OP2(op_eqv_, "eqv.")
OP1(op_addme, "addme") OP1(op_addmeo_, "addmeo.") OP1(op_addze, "addze") OP1(op_addzeo_, "addzeo.")
OP1(op_subfme, "subfme") OP1(op_subfmeo_, "subfmeo.") OP1(op_subfze, "subfze") OP1(op_subfzeo_, "subfzeo.")
OP1(op_neg, "neg") OP1(op_nego_, "nego.") OP1(op_extsb_, "extsb.") OP1(op_extsh_, "extsh.") OP1(op_cntlzw_, "cntlzw.")

struct op {
    const char *name;
    void (*fn)(uint32_t, uint32_t, uint32_t, uint32_t *, uint32_t *, uint32_t *);
    int unary;
};

static const struct op OPS[] = {
    {"add", op_add, 0}, {"add.", op_add_, 0}, {"addo", op_addo, 0}, {"addo.", op_addo_, 0},
    {"addc", op_addc, 0}, {"addc.", op_addc_, 0}, {"addco.", op_addco_, 0},
    {"adde", op_adde, 0}, {"adde.", op_adde_, 0}, {"addeo.", op_addeo_, 0},
    {"subf", op_subf, 0}, {"subf.", op_subf_, 0}, {"subfo.", op_subfo_, 0},
    {"subfc", op_subfc, 0}, {"subfco.", op_subfco_, 0}, {"subfe", op_subfe, 0}, {"subfeo.", op_subfeo_, 0},
    {"mullw.", op_mullw_, 0}, {"mullwo.", op_mullwo_, 0}, {"mulhw.", op_mulhw_, 0}, {"mulhwu.", op_mulhwu_, 0},
    {"and.", op_and_, 0}, {"andc.", op_andc_, 0}, {"or.", op_or_, 0}, {"orc.", op_orc_, 0}, {"xor.", op_xor_, 0},
    {"nand.", op_nand_, 0}, {"nor.", op_nor_, 0}, {"eqv.", op_eqv_, 0},
    {"addme", op_addme, 1}, {"addmeo.", op_addmeo_, 1}, {"addze", op_addze, 1}, {"addzeo.", op_addzeo_, 1},
    {"subfme", op_subfme, 1}, {"subfmeo.", op_subfmeo_, 1}, {"subfze", op_subfze, 1}, {"subfzeo.", op_subfzeo_, 1},
    {"neg", op_neg, 1}, {"nego.", op_nego_, 1}, {"extsb.", op_extsb_, 1}, {"extsh.", op_extsh_, 1},
    {"cntlzw.", op_cntlzw_, 1},
};

static void immediates(void) {
    /* addic, addic., subfic and mulli with a few immediates (D-form, SI sign-extended). */
    for (unsigned i = 0; i < NV; i++) {
        uint32_t a = V[i], r1, r2, r3, r4, x1, x2, x3, c2;
        __asm__ volatile("mtxer %6\n\taddic %0,%4,-1\n\tmfxer %1" : "=&r"(r1), "=&r"(x1) : "r"(0), "r"(0), "r"(a), "r"(0), "r"(0) : "xer");
        __asm__ volatile("mtxer %5\n\tmtcrf 0x80,%5\n\taddic. %0,%3,32767\n\tmfxer %1\n\tmfcr %2"
                         : "=&r"(r2), "=&r"(x2), "=&r"(c2) : "r"(a), "r"(0), "r"(0) : "xer", "cr0");
        __asm__ volatile("mtxer %3\n\tsubfic %0,%2,-32768\n\tmfxer %1" : "=&r"(r3), "=&r"(x3) : "r"(a), "r"(0) : "xer");
        __asm__ volatile("mulli %0,%1,-12345" : "=r"(r4) : "r"(a));
        printf("imm a=%08x addic-1=%08x ca=%u addic.32767=%08x ca=%u cr0=%x subfic-32768=%08x ca=%u mulli=%08x\n",
               a, r1, (x1 >> 29) & 1, r2, (x2 >> 29) & 1, c2 >> 28, r3, (x3 >> 29) & 1, r4);
    }
}

int main(void) {
    for (unsigned k = 0; k < sizeof OPS / sizeof OPS[0]; k++) {
        const struct op *op = &OPS[k];
        for (unsigned i = 0; i < NV; i++) {
            for (unsigned j = 0; j < (op->unary ? 1 : NV); j++) {
                for (unsigned x = 0; x < 3; x++) {
                    uint32_t rt, xer, cr;
                    op->fn(V[i], V[j], XER_IN[x], &rt, &xer, &cr);
                    if (op->unary) {
                        printf("%-8s %08x xer_in=%08x -> %08x xer=%08x cr0=%x\n", op->name, V[i], XER_IN[x], rt,
                               xer & 0xe000007f, cr >> 28);
                    } else {
                        printf("%-8s %08x %08x xer_in=%08x -> %08x xer=%08x cr0=%x\n", op->name, V[i], V[j],
                               XER_IN[x], rt, xer & 0xe000007f, cr >> 28);
                    }
                }
            }
        }
    }
    immediates();
    /* Compares: all four results of cmpw/cmplw/cmpwi/cmplwi into CR field 3. */
    for (unsigned i = 0; i < NV; i++) {
        for (unsigned j = 0; j < NV; j++) {
            uint32_t c1, c2;
            __asm__ volatile("mtcrf 0x10,%3\n\tcmpw 3,%1,%2\n\tmfcr %0" : "=&r"(c1) : "r"(V[i]), "r"(V[j]), "r"(0) : "cr3");
            __asm__ volatile("mtcrf 0x10,%3\n\tcmplw 3,%1,%2\n\tmfcr %0" : "=&r"(c2) : "r"(V[i]), "r"(V[j]), "r"(0) : "cr3");
            printf("cmp %08x %08x cmpw=%x cmplw=%x\n", V[i], V[j], (c1 >> 16) & 15, (c2 >> 16) & 15);
        }
    }
    return 0;
}
