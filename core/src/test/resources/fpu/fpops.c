/*
 * Oracle for ppcvm's floating-point unit.
 *
 * For a table of edge-value operands (and a seeded stream of random ones), for each rounding
 * mode and exception-enable setting, for each floating-point instruction, this program sets the
 * FPSCR, runs the exact instruction through inline assembly, and prints what the instruction
 * left behind. FpuOracleTest runs it under qemu-ppc and replays every line on ppcvm.
 *
 * Built two ways:
 *   32-bit, hosted (powerpc-linux-gnu-gcc -static -O2 -mcpu=7450), run under qemu-ppc -cpu 7457:
 *     the classic FPU instructions, with a SIGFPE handler so enabled exceptions can be observed;
 *   64-bit, freestanding (-m64 -nostdlib -DFPOPS_FREESTANDING), run under qemu-ppc64 -cpu power7:
 *     the instructions qemu-ppc implements for no 32-bit CPU (fcfid, fctid[z], fri[nzpm]).
 *
 * Output, one line per execution, every number in hex:
 *   X <mnemonic> <word> <fpscr-before> <frt-before> <fra> <frb> <frc> <frt-after> <fpscr-after>
 *     <cr-after> <signal>
 *   where <word> is the instruction word that ran (read back from the code, so the replay uses
 *   the registers the compiler chose), <signal> is "-" when no SIGFPE was raised, else the
 *   offset of the reported NIP from the instruction (00000000 = on the instruction).
 *   L <mnemonic> <word> <memory-word> <frt-after>            (lfs: load single conversion)
 *   S <mnemonic> <word> <frs> <memory-word-after>            (stfs, stfiwx)
 * The last line is "END <count>".
 */
#include <stdint.h>

typedef uint64_t u64;
typedef uint32_t u32;

/* ---- Output without stdio, so the freestanding build shares it ---------------------------- */

static char outbuf[1 << 16];
static unsigned outlen;
static unsigned long lines;

#ifdef FPOPS_FREESTANDING
static long sys_call3(long nr, long a, long b, long c) {
    register long r0 __asm__("r0") = nr;
    register long r3 __asm__("r3") = a;
    register long r4 __asm__("r4") = b;
    register long r5 __asm__("r5") = c;
    __asm__ volatile("sc" : "+r"(r0), "+r"(r3), "+r"(r4), "+r"(r5)
                     : : "memory", "cr0", "r6", "r7", "r8", "r9", "r10", "r11", "r12", "ctr");
    return r3;
}
static void sys_write(const char *p, unsigned n) {
    while (n > 0) {
        long w = sys_call3(4, 1, (long) p, n);
        if (w <= 0) {
            sys_call3(1, 3, 0, 0);
        }
        p += w;
        n -= (unsigned) w;
    }
}
void *memset(void *d, int v, unsigned long n) {
    unsigned char *p = d;
    while (n--) *p++ = (unsigned char) v;
    return d;
}
void *memcpy(void *d, const void *s, unsigned long n) {
    unsigned char *p = d;
    const unsigned char *q = s;
    while (n--) *p++ = *q++;
    return d;
}
#else
#include <signal.h>
#include <string.h>
#include <sys/ucontext.h>
#include <unistd.h>
static void sys_write(const char *p, unsigned n) {
    while (n > 0) {
        long w = write(1, p, n);
        if (w <= 0) {
            _exit(3);
        }
        p += w;
        n -= (unsigned) w;
    }
}
#endif

static void flush(void) {
    sys_write(outbuf, outlen);
    outlen = 0;
}

static void put_char(char ch) {
    if (outlen == sizeof outbuf) {
        flush();
    }
    outbuf[outlen++] = ch;
}

static void put_str(const char *s) {
    while (*s) put_char(*s++);
}

static void put_hex(u64 v, int digits) {
    put_char(' ');
    for (int i = digits - 1; i >= 0; i--) {
        put_char("0123456789abcdef"[(v >> (4 * i)) & 15]);
    }
}

/* ---- Raw bit access ------------------------------------------------------------------------ */

static inline double dbl(u64 bits) {
    union { u64 u; double d; } v = {.u = bits};
    return v.d;
}

static inline u64 bits_of(double d) {
    union { u64 u; double d; } v = {.d = d};
    return v.u;
}

/* ---- Enabled exceptions ------------------------------------------------------------------ */

/* Address of the instruction under test, stored by the asm block itself just before it runs. */
static volatile u32 op_addr;
static volatile int fpe_seen;
static volatile int fpe_offset;

#ifndef FPOPS_FREESTANDING
static void on_sigfpe(int sig, siginfo_t *info, void *ctx) {
    (void) sig;
    (void) info;
    ucontext_t *uc = ctx;
    unsigned long *nip = &uc->uc_mcontext.uc_regs->gregs[32];
    fpe_seen = 1;
    fpe_offset = (int) (*nip - op_addr);
    /* Reported on the instruction: it did not complete (or completed and must not rerun). */
    if (*nip == op_addr) {
        *nip += 4;
    }
}
#endif

/* ---- Running one instruction ------------------------------------------------------------- */

struct run {
    u64 t_in, a, b, c;
    u32 fpscr_in;
    /* results */
    u32 word, fpscr_before, fpscr_after, cr;
    u64 t_out;
};

/*
 * Sets the FPSCR from the low word of fin (mtfsf 0xff), records it, zeroes CR, runs INSN with
 * the operand text OPS (%[t], %[a], %[b], %[c]), records FPSCR and CR, and clears the FPSCR so
 * that no enabled exception bit leaks into the surrounding C code.
 */
#define RUN_INSN(INSN, OPS)                                                                    \
    do {                                                                                       \
        double t = dbl(r->t_in), fb, fa, fin = dbl(r->fpscr_in), fzero = 0.0;                  \
        u32 p, cr;                                                                             \
        fpe_seen = 0;                                                                          \
        __asm__ volatile("lis %[p],1f@ha\n\t"                                                  \
                         "addi %[p],%[p],1f@l\n\t"                                             \
                         "stw %[p],0(%[slot])\n\t"                                             \
                         "mtfsf 0xff,%[fin]\n\t"                                               \
                         "mffs %[fb]\n\t"                                                      \
                         "mtcrf 0xff,%[zero]\n"                                                \
                         "1:\t" INSN " " OPS "\n\t"                                            \
                         "mffs %[fa]\n\t"                                                      \
                         "mfcr %[cr]\n\t"                                                      \
                         "mtfsf 0xff,%[fzero]"                                                 \
                         : [t] "+d"(t), [fb] "=&d"(fb), [fa] "=&d"(fa), [cr] "=&r"(cr),        \
                           [p] "=&b"(p)                                                        \
                         : [a] "d"(dbl(r->a)), [b] "d"(dbl(r->b)), [c] "d"(dbl(r->c)),         \
                           [fin] "d"(fin), [fzero] "d"(fzero), [zero] "r"(0),                  \
                           [slot] "b"(&op_addr)                                                \
                         : "memory", "cr0", "cr1", "cr5", "cr6", "cr7");                      \
        r->word = *(const u32 *) (uintptr_t) p;                                                \
        r->fpscr_before = (u32) bits_of(fb);                                                   \
        r->fpscr_after = (u32) bits_of(fa);                                                    \
        r->cr = cr;                                                                            \
        r->t_out = bits_of(t);                                                                 \
    } while (0)

typedef void (*op_fn)(struct run *r);

#define DEF_OP(FN, INSN, OPS) \
    __attribute__((unused)) static void FN(struct run *r) { RUN_INSN(INSN, OPS); }

enum shape { BINARY_AB, BINARY_AC, TERNARY, UNARY, COMPARE, NONE };

struct op {
    const char *mnemonic;
    op_fn fn;
    enum shape shape;
};

static void emit(const char *mnemonic, const struct run *r) {
    put_str("X ");
    put_str(mnemonic);
    put_hex(r->word, 8);
    put_hex(r->fpscr_before, 8);
    put_hex(r->t_in, 16);
    put_hex(r->a, 16);
    put_hex(r->b, 16);
    put_hex(r->c, 16);
    put_hex(r->t_out, 16);
    put_hex(r->fpscr_after, 8);
    put_hex(r->cr, 8);
    if (fpe_seen) {
        put_hex((u32) fpe_offset, 8);
    } else {
        put_str(" -");
    }
    put_char('\n');
    lines++;
}

static void run_op(const struct op *op, u32 fpscr, u64 t, u64 a, u64 b, u64 c) {
    struct run r = {.t_in = t, .a = a, .b = b, .c = c, .fpscr_in = fpscr};
    op->fn(&r);
    emit(op->mnemonic, &r);
}

/* The value the target register holds before each instruction, so an unwritten target shows. */
#define SENTINEL 0x5ca1ab1e0ddba11ULL

/* ---- Edge operands ------------------------------------------------------------------------ */

static const u64 edge[] = {
    0x0000000000000000ULL, /* +0 */
    0x8000000000000000ULL, /* -0 */
    0x3ff0000000000000ULL, /* 1 */
    0xbff0000000000000ULL, /* -1 */
    0x3ff8000000000000ULL, /* 1.5 */
    0x4000000000000000ULL, /* 2 */
    0x4008000000000000ULL, /* 3 */
    0xc014000000000000ULL, /* -5 */
    0x3fb999999999999aULL, /* 0.1 */
    0x3fd5555555555555ULL, /* 1/3 */
    0xbfe5555555555555ULL, /* -2/3 */
    0x7fefffffffffffffULL, /* DBL_MAX */
    0xffefffffffffffffULL, /* -DBL_MAX */
    0x7fe0000000000000ULL, /* 2^1023 */
    0x0010000000000000ULL, /* DBL_MIN */
    0x8010000000000000ULL, /* -DBL_MIN */
    0x001fffffffffffffULL, /* 2*DBL_MIN - ulp */
    0x0018000000000000ULL, /* 1.5*DBL_MIN */
    0x000fffffffffffffULL, /* largest denormal */
    0x0008000000000000ULL, /* 2^-1023 */
    0x0000000000000001ULL, /* smallest denormal */
    0x8000000000000003ULL, /* -3 * smallest denormal */
    0x7ff0000000000000ULL, /* +inf */
    0xfff0000000000000ULL, /* -inf */
    0x7ff8000000000000ULL, /* default QNaN */
    0xfff8000000000123ULL, /* -QNaN with payload */
    0x7ffc00000000abcdULL, /* QNaN with payload */
    0x7ff0000000000001ULL, /* SNaN */
    0xfff4000000000456ULL, /* -SNaN with payload */
    0x47efffffe0000000ULL, /* FLT_MAX */
    0x47effffff0000000ULL, /* FLT_MAX + half a single ulp: the single overflow tie */
    0x47efffffefffffffULL, /* just below the single overflow threshold */
    0xc7f0000000000000ULL, /* -2^128 */
    0x3810000000000000ULL, /* FLT_MIN */
    0x36a0000000000000ULL, /* 2^-149, smallest single denormal */
    0x3690000000000000ULL, /* 2^-150 */
    0x380fffffc0000000ULL, /* largest single denormal */
    0x3ff0000010000000ULL, /* 1 + 2^-24: single tie, even */
    0x3ff0000010000001ULL, /* just above that tie */
    0x3ff0000030000000ULL, /* 1 + 3*2^-24: single tie, odd */
    0x41dfffffffe00000ULL, /* 2^31 - 0.5 */
    0xc1e0000000100000ULL, /* -(2^31 + 0.5) */
    0x4012000000000000ULL, /* 4.5 */
    0xc016000000000000ULL, /* -5.5 */
    0x4330000000000000ULL, /* 2^52 */
    0x43e0000000000000ULL, /* 2^63 */
    0x7e37e43c8800759cULL, /* 1e300 */
    0x01a56e1fc2f8f359ULL, /* 1e-300 */
};
#define EDGE_COUNT (sizeof edge / sizeof edge[0])

/* A smaller set for three-operand instructions. */
__attribute__((unused)) static const u64 edge3[] = {
    0x0000000000000000ULL, 0x8000000000000000ULL, 0x3ff0000000000000ULL, 0xbff8000000000000ULL,
    0x3fb999999999999aULL, 0x7fefffffffffffffULL, 0x0010000000000000ULL, 0x0000000000000001ULL,
    0x7ff0000000000000ULL, 0xfff0000000000000ULL, 0xfff8000000000123ULL, 0x7ff0000000000001ULL,
    0x47efffffe0000000ULL, 0x3ff0000010000000ULL, 0x3690000000000000ULL,
};
#define EDGE3_COUNT (sizeof edge3 / sizeof edge3[0])

/* ---- Random operands (xorshift64*, fixed seed) -------------------------------------------- */

static u64 rng_state = 0x9e3779b97f4a7c15ULL;

static u64 rnd(void) {
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * 0x2545f4914f6cdd1dULL;
}

/* Doubles biased toward the interesting places: few significant bits (exact results and ties),
   exponents near the single and double limits, and values that are exact singles. */
static u64 random_double(void) {
    u64 r = rnd();
    u64 sign = (r & 1) ? 0x8000000000000000ULL : 0;
    u64 frac = rnd() & 0x000fffffffffffffULL;
    int kind = (int) ((r >> 1) % 8);
    u64 exp;
    switch (kind) {
        case 0: /* near 1 */
            exp = 1023 - 4 + (r >> 8) % 9;
            break;
        case 1: /* near the single limits */
            exp = ((r >> 8) & 1) ? 1023 + 120 + (r >> 9) % 10 : 1023 - 155 + (r >> 9) % 32;
            break;
        case 2: /* near the double limits, denormals included */
            exp = ((r >> 8) & 1) ? 2046 - (r >> 9) % 4 : (r >> 9) % 4;
            break;
        case 3: /* anywhere */
            exp = (r >> 8) % 2047;
            break;
        default: /* moderate range */
            exp = 1023 - 40 + (r >> 8) % 81;
            break;
    }
    switch ((r >> 20) % 4) {
        case 0: /* a single: 23 fraction bits */
            frac &= 0x000fffffe0000000ULL;
            break;
        case 1: /* few bits */
            frac &= 0x000ff00000000000ULL;
            break;
        default:
            break;
    }
    return sign | (exp << 52) | frac;
}

/* ---- The instructions ---------------------------------------------------------------------- */

DEF_OP(op_fadd, "fadd.", "%[t],%[a],%[b]")
DEF_OP(op_fadds, "fadds.", "%[t],%[a],%[b]")
DEF_OP(op_fsub, "fsub.", "%[t],%[a],%[b]")
DEF_OP(op_fsubs, "fsubs.", "%[t],%[a],%[b]")
DEF_OP(op_fmul, "fmul.", "%[t],%[a],%[c]")
DEF_OP(op_fmuls, "fmuls.", "%[t],%[a],%[c]")
DEF_OP(op_fdiv, "fdiv.", "%[t],%[a],%[b]")
DEF_OP(op_fdivs, "fdivs.", "%[t],%[a],%[b]")
DEF_OP(op_fmadd, "fmadd.", "%[t],%[a],%[c],%[b]")
DEF_OP(op_fmadds, "fmadds.", "%[t],%[a],%[c],%[b]")
DEF_OP(op_fmsub, "fmsub.", "%[t],%[a],%[c],%[b]")
DEF_OP(op_fmsubs, "fmsubs.", "%[t],%[a],%[c],%[b]")
DEF_OP(op_fnmadd, "fnmadd.", "%[t],%[a],%[c],%[b]")
DEF_OP(op_fnmadds, "fnmadds.", "%[t],%[a],%[c],%[b]")
DEF_OP(op_fnmsub, "fnmsub.", "%[t],%[a],%[c],%[b]")
DEF_OP(op_fnmsubs, "fnmsubs.", "%[t],%[a],%[c],%[b]")
DEF_OP(op_fsel, "fsel.", "%[t],%[a],%[c],%[b]")
DEF_OP(op_fcmpu, "fcmpu", "cr6,%[a],%[b]")
DEF_OP(op_fcmpo, "fcmpo", "cr6,%[a],%[b]")
DEF_OP(op_fmr, "fmr.", "%[t],%[b]")
DEF_OP(op_fneg, "fneg.", "%[t],%[b]")
DEF_OP(op_fabs, "fabs.", "%[t],%[b]")
DEF_OP(op_fnabs, "fnabs.", "%[t],%[b]")
DEF_OP(op_frsp, "frsp.", "%[t],%[b]")
DEF_OP(op_mffs, "mffs.", "%[t]")

#ifndef FPOPS_FREESTANDING
/* Non-recording forms for the random sweep: CR must stay untouched. */
DEF_OP(op_fadd_n, "fadd", "%[t],%[a],%[b]")
DEF_OP(op_fsubs_n, "fsubs", "%[t],%[a],%[b]")
DEF_OP(op_fmul_n, "fmul", "%[t],%[a],%[c]")
DEF_OP(op_fmuls_n, "fmuls", "%[t],%[a],%[c]")
DEF_OP(op_fdiv_n, "fdiv", "%[t],%[a],%[b]")
DEF_OP(op_fdivs_n, "fdivs", "%[t],%[a],%[b]")
DEF_OP(op_fmadd_n, "fmadd", "%[t],%[a],%[c],%[b]")
DEF_OP(op_fmadds_n, "fmadds", "%[t],%[a],%[c],%[b]")
DEF_OP(op_fmsubs_n, "fmsubs", "%[t],%[a],%[c],%[b]")
DEF_OP(op_fnmadd_n, "fnmadd", "%[t],%[a],%[c],%[b]")
DEF_OP(op_fnmsubs_n, "fnmsubs", "%[t],%[a],%[c],%[b]")
DEF_OP(op_frsp_n, "frsp", "%[t],%[b]")

DEF_OP(op_fsqrt, "fsqrt.", "%[t],%[b]")
DEF_OP(op_fsqrts, "fsqrts.", "%[t],%[b]")
DEF_OP(op_fres, "fres.", "%[t],%[b]")
DEF_OP(op_frsqrte, "frsqrte.", "%[t],%[b]")
DEF_OP(op_fctiw, "fctiw.", "%[t],%[b]")
DEF_OP(op_fctiwz, "fctiwz.", "%[t],%[b]")
DEF_OP(op_fsqrt_n, "fsqrt", "%[t],%[b]")
DEF_OP(op_fsqrts_n, "fsqrts", "%[t],%[b]")
DEF_OP(op_fctiw_n, "fctiw", "%[t],%[b]")
#else
DEF_OP(op_fcfid, "fcfid.", "%[t],%[b]")
DEF_OP(op_fctid, "fctid.", "%[t],%[b]")
DEF_OP(op_fctidz, "fctidz.", "%[t],%[b]")
DEF_OP(op_frin, "frin.", "%[t],%[b]")
DEF_OP(op_friz, "friz.", "%[t],%[b]")
DEF_OP(op_frip, "frip.", "%[t],%[b]")
DEF_OP(op_frim, "frim.", "%[t],%[b]")
#endif

/* FPSCR control bits. */
#define VE 0x80u
#define OE 0x40u
#define UE 0x20u
#define ZE 0x10u
#define XE 0x08u
#define ALL_ENABLES (VE | OE | UE | ZE | XE)
/* Sticky bits already set (FX clear) to show FX is set only by new exceptions. */
#define PRESET (0x02000000u | 0x08000000u | 0x01000000u | 0x00010000u)

#ifndef FPOPS_FREESTANDING

static const struct op binary_ops[] = {
    {"fadd.", op_fadd, BINARY_AB},   {"fadds.", op_fadds, BINARY_AB},
    {"fsub.", op_fsub, BINARY_AB},   {"fsubs.", op_fsubs, BINARY_AB},
    {"fmul.", op_fmul, BINARY_AC},   {"fmuls.", op_fmuls, BINARY_AC},
    {"fdiv.", op_fdiv, BINARY_AB},   {"fdivs.", op_fdivs, BINARY_AB},
};

static const struct op ternary_ops[] = {
    {"fmadd.", op_fmadd, TERNARY},   {"fmadds.", op_fmadds, TERNARY},
    {"fmsub.", op_fmsub, TERNARY},   {"fmsubs.", op_fmsubs, TERNARY},
    {"fnmadd.", op_fnmadd, TERNARY}, {"fnmadds.", op_fnmadds, TERNARY},
    {"fnmsub.", op_fnmsub, TERNARY}, {"fnmsubs.", op_fnmsubs, TERNARY},
};

static const struct op unary_ops[] = {
    {"fsqrt.", op_fsqrt, UNARY},     {"fsqrts.", op_fsqrts, UNARY},
    {"fres.", op_fres, UNARY},       {"frsqrte.", op_frsqrte, UNARY},
    {"frsp.", op_frsp, UNARY},       {"fctiw.", op_fctiw, UNARY},
    {"fctiwz.", op_fctiwz, UNARY},   {"fmr.", op_fmr, UNARY},
    {"fneg.", op_fneg, UNARY},       {"fabs.", op_fabs, UNARY},
    {"fnabs.", op_fnabs, UNARY},
};

static const struct op random_binary_ops[] = {
    {"fadd", op_fadd_n, BINARY_AB},  {"fsubs", op_fsubs_n, BINARY_AB},
    {"fmul", op_fmul_n, BINARY_AC},  {"fmuls", op_fmuls_n, BINARY_AC},
    {"fdiv", op_fdiv_n, BINARY_AB},  {"fdivs", op_fdivs_n, BINARY_AB},
};

static const struct op random_ternary_ops[] = {
    {"fmadd", op_fmadd_n, TERNARY},   {"fmadds", op_fmadds_n, TERNARY},
    {"fmsubs", op_fmsubs_n, TERNARY}, {"fnmadd", op_fnmadd_n, TERNARY},
    {"fnmsubs", op_fnmsubs_n, TERNARY},
};

static const struct op random_unary_ops[] = {
    {"fsqrt", op_fsqrt_n, UNARY},    {"fsqrts", op_fsqrts_n, UNARY},
    {"frsp", op_frsp_n, UNARY},      {"fctiw", op_fctiw_n, UNARY},
    {"fres.", op_fres, UNARY},       {"frsqrte.", op_frsqrte, UNARY},
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* Runs op on (a, b, c) placed where its shape reads them. */
static void run_shaped(const struct op *op, u32 fpscr, u64 x, u64 y, u64 z) {
    switch (op->shape) {
        case BINARY_AB: run_op(op, fpscr, SENTINEL, x, y, 0); break;
        case BINARY_AC: run_op(op, fpscr, SENTINEL, x, 0, y); break;
        case TERNARY: run_op(op, fpscr, SENTINEL, x, y, z); break;
        case UNARY: run_op(op, fpscr, SENTINEL, 0, x, 0); break;
        default: run_op(op, fpscr, SENTINEL, x, y, z); break;
    }
}

/* ---- mtfsb0/mtfsb1/mtfsfi/mtfsf/mcrfs: the field numbers are immediates ---------------------- */

#define BITS32(X) X(0) X(1) X(2) X(3) X(4) X(5) X(6) X(7) X(8) X(9) X(10) X(11) X(12) X(13) \
    X(14) X(15) X(16) X(17) X(18) X(19) X(20) X(21) X(22) X(23) X(24) X(25) X(26) X(27) X(28) \
    X(29) X(30) X(31)
#define FIELDS8(X) X(0) X(1) X(2) X(3) X(4) X(5) X(6) X(7)

#define DEF_MTFSB(N)                                                                           \
    DEF_OP(op_mtfsb0_##N, "mtfsb0. " #N, "")                                                   \
    DEF_OP(op_mtfsb1_##N, "mtfsb1. " #N, "")
BITS32(DEF_MTFSB)
#define LIST_MTFSB0(N) op_mtfsb0_##N,
#define LIST_MTFSB1(N) op_mtfsb1_##N,
static const op_fn mtfsb0_fns[32] = {BITS32(LIST_MTFSB0)};
static const op_fn mtfsb1_fns[32] = {BITS32(LIST_MTFSB1)};

#define DEF_MCRFS(N) DEF_OP(op_mcrfs_##N, "mcrfs 2," #N, "")
FIELDS8(DEF_MCRFS)
#define LIST_MCRFS(N) op_mcrfs_##N,
static const op_fn mcrfs_fns[8] = {FIELDS8(LIST_MCRFS)};

#define DEF_MTFSFI(N) \
    DEF_OP(op_mtfsfi_##N##_5, "mtfsfi. " #N ",5", "") \
    DEF_OP(op_mtfsfi_##N##_a, "mtfsfi. " #N ",10", "") \
    DEF_OP(op_mtfsfi_##N##_f, "mtfsfi. " #N ",15", "") \
    DEF_OP(op_mtfsfi_##N##_0, "mtfsfi. " #N ",0", "")
FIELDS8(DEF_MTFSFI)
#define LIST_MTFSFI(N) op_mtfsfi_##N##_5, op_mtfsfi_##N##_a, op_mtfsfi_##N##_f, op_mtfsfi_##N##_0,
static const op_fn mtfsfi_fns[32] = {FIELDS8(LIST_MTFSFI)};

DEF_OP(op_mtfsf_ff, "mtfsf.", "0xff,%[b]")
DEF_OP(op_mtfsf_80, "mtfsf.", "0x80,%[b]")
DEF_OP(op_mtfsf_40, "mtfsf.", "0x40,%[b]")
DEF_OP(op_mtfsf_20, "mtfsf.", "0x20,%[b]")
DEF_OP(op_mtfsf_01, "mtfsf.", "0x01,%[b]")
DEF_OP(op_mtfsf_03, "mtfsf.", "0x03,%[b]")
DEF_OP(op_mtfsf_7f, "mtfsf.", "0x7f,%[b]")
DEF_OP(op_mtfsf_00, "mtfsf.", "0x00,%[b]")
static const op_fn mtfsf_fns[] = {op_mtfsf_ff, op_mtfsf_80, op_mtfsf_40, op_mtfsf_20,
                                  op_mtfsf_01, op_mtfsf_03, op_mtfsf_7f, op_mtfsf_00};

/* Starting FPSCRs for the control instructions; none has FEX set. */
static const u32 control_start[] = {
    0x00000000u, 0x00000003u, 0x000000f8u, 0xfe0ff700u & ~0x40000000u, 0x9e07f703u & ~0x40000000u,
    0x02000000u, 0x80000008u, 0x20800000u, 0x00040000u,
};

static void run_control(const char *mnemonic, op_fn fn, u32 start, u64 frb) {
    struct op op = {mnemonic, fn, NONE};
    run_op(&op, start, SENTINEL, 0, frb, 0);
}

/* ---- Loads and stores ---------------------------------------------------------------------- */

static void run_lfs(u32 w) {
    volatile u32 mem = w;
    double t;
    u32 p;
    __asm__ volatile("lis %[p],1f@ha\n\t"
                     "addi %[p],%[p],1f@l\n"
                     "1:\tlfs %[t],0(%[m])"
                     : [t] "=d"(t), [p] "=&b"(p)
                     : [m] "b"(&mem)
                     : "memory");
    put_str("L lfs");
    put_hex(*(const u32 *) (uintptr_t) p, 8);
    put_hex(w, 8);
    put_hex(bits_of(t), 16);
    put_char('\n');
    lines++;
}

static void run_stfs(u64 v, int integer_word) {
    volatile u32 mem = 0xdeadbeefu;
    u32 p;
    if (integer_word) {
        __asm__ volatile("lis %[p],1f@ha\n\t"
                         "addi %[p],%[p],1f@l\n"
                         "1:\tstfiwx %[s],0,%[m]"
                         : [p] "=&b"(p)
                         : [s] "d"(dbl(v)), [m] "b"(&mem)
                         : "memory");
    } else {
        __asm__ volatile("lis %[p],1f@ha\n\t"
                         "addi %[p],%[p],1f@l\n"
                         "1:\tstfs %[s],0(%[m])"
                         : [p] "=&b"(p)
                         : [s] "d"(dbl(v)), [m] "b"(&mem)
                         : "memory");
    }
    put_str(integer_word ? "S stfiwx" : "S stfs");
    put_hex(*(const u32 *) (uintptr_t) p, 8);
    put_hex(v, 16);
    put_hex(mem, 8);
    put_char('\n');
    lines++;
}

static const u32 single_words[] = {
    0x00000000u, 0x80000000u, 0x3f800000u, 0xbfc00000u, 0x7f7fffffu, 0x00800000u, 0x00000001u,
    0x807fffffu, 0x00400000u, 0x00012345u, 0x7f800000u, 0xff800000u, 0x7fc00000u, 0x7fc12345u,
    0xffc00001u, 0x7f800001u, 0x7fa00000u, 0xff812345u, 0x3eaaaaabu, 0x4b000001u,
};

static void run_all(void) {
    static const u32 modes[] = {0, 1, 2, 3};
    /* Edge sweep, binary: every mode, then enabled exceptions, then preset sticky bits. */
    static const u32 binary_configs[] = {0, 1, 2, 3, ALL_ENABLES, ALL_ENABLES | 3, PRESET};
    for (unsigned k = 0; k < COUNT(binary_configs); k++) {
        for (unsigned o = 0; o < COUNT(binary_ops); o++) {
            for (unsigned i = 0; i < EDGE_COUNT; i++) {
                for (unsigned j = 0; j < EDGE_COUNT; j++) {
                    run_shaped(&binary_ops[o], binary_configs[k], edge[i], edge[j], 0);
                }
            }
        }
    }
    static const u32 ternary_configs[] = {0, 1, 2, 3, ALL_ENABLES | 2};
    for (unsigned k = 0; k < COUNT(ternary_configs); k++) {
        for (unsigned o = 0; o < COUNT(ternary_ops); o++) {
            for (unsigned i = 0; i < EDGE3_COUNT; i++) {
                for (unsigned j = 0; j < EDGE3_COUNT; j++) {
                    for (unsigned l = 0; l < EDGE3_COUNT; l++) {
                        run_shaped(&ternary_ops[o], ternary_configs[k], edge3[i], edge3[j], edge3[l]);
                    }
                }
            }
        }
    }
    static const u32 unary_configs[] = {0, 1, 2, 3, ALL_ENABLES, ALL_ENABLES | 1, PRESET, VE, XE | 2};
    for (unsigned k = 0; k < COUNT(unary_configs); k++) {
        for (unsigned o = 0; o < COUNT(unary_ops); o++) {
            for (unsigned i = 0; i < EDGE_COUNT; i++) {
                run_shaped(&unary_ops[o], unary_configs[k], edge[i], 0, 0);
            }
        }
    }
    /* Compares, fsel: every pair, with and without VE. */
    static const struct op cmp_ops[] = {{"fcmpu", op_fcmpu, COMPARE}, {"fcmpo", op_fcmpo, COMPARE}};
    static const u32 cmp_configs[] = {0, VE, PRESET};
    for (unsigned k = 0; k < COUNT(cmp_configs); k++) {
        for (unsigned o = 0; o < COUNT(cmp_ops); o++) {
            for (unsigned i = 0; i < EDGE_COUNT; i++) {
                for (unsigned j = 0; j < EDGE_COUNT; j++) {
                    run_op(&cmp_ops[o], cmp_configs[k], SENTINEL, edge[i], edge[j], 0);
                }
            }
        }
    }
    struct op fsel = {"fsel.", op_fsel, TERNARY};
    for (unsigned i = 0; i < EDGE_COUNT; i++) {
        run_op(&fsel, 0, SENTINEL, edge[i], 0x7ff0000000000001ULL, 0x3ff0000000000000ULL);
    }
    /* Random sweep. */
    for (unsigned m = 0; m < COUNT(modes); m++) {
        for (int n = 0; n < 1500; n++) {
            u64 x = random_double(), y = random_double(), z = random_double();
            for (unsigned o = 0; o < COUNT(random_binary_ops); o++) {
                run_shaped(&random_binary_ops[o], modes[m], x, y, 0);
            }
            /* Half the time make the addend cancel most of the product. */
            if (n & 1) {
                z = bits_of(-(dbl(x) * dbl(y))) ^ (rnd() & 0xff);
            }
            for (unsigned o = 0; o < COUNT(random_ternary_ops); o++) {
                run_shaped(&random_ternary_ops[o], modes[m], x, y, z);
            }
            for (unsigned o = 0; o < COUNT(random_unary_ops); o++) {
                run_shaped(&random_unary_ops[o], modes[m], x & 0x7fffffffffffffffULL, 0, 0);
            }
            run_shaped(&random_unary_ops[3], modes[m], x, 0, 0);
        }
    }
    /* Control instructions. */
    for (unsigned s = 0; s < COUNT(control_start); s++) {
        for (int b = 0; b < 32; b++) {
            run_control("mtfsb0.", mtfsb0_fns[b], control_start[s], 0);
            run_control("mtfsb1.", mtfsb1_fns[b], control_start[s], 0);
            run_control("mtfsfi.", mtfsfi_fns[b], control_start[s], 0);
        }
        for (int f = 0; f < 8; f++) {
            run_control("mcrfs", mcrfs_fns[f], control_start[s], 0);
        }
        static const u64 sources[] = {0xfff80000ffffffffULL, 0x0000000000000000ULL,
                                      0x12345678f00ff0ffULL, 0x0000000061f0a5a5ULL};
        for (unsigned f = 0; f < COUNT(mtfsf_fns); f++) {
            for (unsigned v = 0; v < COUNT(sources); v++) {
                run_control("mtfsf.", mtfsf_fns[f], control_start[s], sources[v]);
            }
        }
        struct op mffs = {"mffs.", op_mffs, NONE};
        run_op(&mffs, control_start[s], SENTINEL, 0, 0, 0);
    }
    /* Loads and stores. */
    for (unsigned i = 0; i < COUNT(single_words); i++) {
        run_lfs(single_words[i]);
    }
    for (unsigned i = 0; i < EDGE_COUNT; i++) {
        run_stfs(edge[i], 0);
        run_stfs(edge[i], 1);
    }
    for (int n = 0; n < 200; n++) {
        run_lfs((u32) rnd());
        run_stfs(random_double(), 0);
    }
}

int main(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_sigfpe;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGFPE, &sa, 0);
    run_all();
    put_str("END");
    put_hex(lines, 8);
    put_char('\n');
    flush();
    return 0;
}

#else /* FPOPS_FREESTANDING: the 64-bit-only conversions and rounds */

static void run_all(void) {
    static const struct op ops[] = {
        {"fcfid.", op_fcfid, UNARY}, {"fctid.", op_fctid, UNARY}, {"fctidz.", op_fctidz, UNARY},
        {"frin.", op_frin, UNARY},   {"friz.", op_friz, UNARY},   {"frip.", op_frip, UNARY},
        {"frim.", op_frim, UNARY},
    };
    static const u32 configs[] = {0, 1, 2, 3, PRESET};
    static const u64 integers[] = {
        0x0000000000000000ULL, 0x0000000000000001ULL, 0xffffffffffffffffULL, 0x7fffffffffffffffULL,
        0x8000000000000000ULL, 0x0020000000000001ULL, 0x0020000000000003ULL, 0xffdfffffffffffffULL,
        0x0000000080000000ULL, 0x7ffffffffffffc00ULL, 0x7ffffffffffffe00ULL, 0x123456789abcdef1ULL,
    };
    for (unsigned k = 0; k < sizeof configs / sizeof configs[0]; k++) {
        for (unsigned o = 0; o < sizeof ops / sizeof ops[0]; o++) {
            for (unsigned i = 0; i < EDGE_COUNT; i++) {
                run_op(&ops[o], configs[k], SENTINEL, 0, edge[i], 0);
            }
            for (unsigned i = 0; i < sizeof integers / sizeof integers[0]; i++) {
                run_op(&ops[o], configs[k], SENTINEL, 0, integers[i], 0);
            }
            for (int n = 0; n < 300; n++) {
                run_op(&ops[o], configs[k], SENTINEL, 0, random_double(), 0);
                run_op(&ops[o], configs[k], SENTINEL, 0, rnd() >> (rnd() & 63), 0);
            }
        }
    }
}

void _start(void) {
    run_all();
    put_str("END");
    put_hex(lines, 8);
    put_char('\n');
    flush();
    sys_call3(1, 0, 0, 0);
    for (;;) {
    }
}

#endif
