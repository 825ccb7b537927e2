package org.ppcvm.core.fpu;

import static org.ppcvm.isa.Fields.bf;
import static org.ppcvm.isa.Fields.bfa;
import static org.ppcvm.isa.Fields.flm;
import static org.ppcvm.isa.Fields.ra;
import static org.ppcvm.isa.Fields.rb;
import static org.ppcvm.isa.Fields.rc;
import static org.ppcvm.isa.Fields.rcBit;
import static org.ppcvm.isa.Fields.rs;
import static org.ppcvm.isa.Fields.rt;
import static org.ppcvm.isa.Fields.si;
import static org.ppcvm.isa.Fields.u;

import org.ppcvm.core.cpu.Cpu;
import org.ppcvm.core.cpu.GuestInterrupt;

/**
 * Semantics of the classic floating-point instructions (Power ISA v2.06B Book I chapter 4), one
 * static method per mnemonic taking the processor and the instruction word. The arithmetic lives
 * in {@link Fpu}; this class decodes registers, records CR1 for the Rc=1 forms, and raises the
 * Floating-Point Enabled Program interrupt.
 *
 * <p>Enabled exceptions: an instruction that updates the FPSCR first completes what the ISA
 * says it completes (the FPSCR, CR1 when Rc=1, and the target unless an enabled invalid
 * operation or zero divide suppresses it), then, if FPSCR[FEX] = 1 and MSR[FE0,FE1] ≠ 0, throws
 * {@link GuestInterrupt#fpEnabled()} with the PC still on the instruction: Linux reports such a
 * SIGFPE at the faulting instruction, with the state it left behind.
 *
 * <p>Loads and stores compute the effective address with (RA|0); the update forms write RA with
 * the address only after the access succeeded, so a fault leaves every register unchanged.
 */
public final class FloatingPoint {
    private FloatingPoint() {}

    private static final int FE = Cpu.MSR_FE0 | Cpu.MSR_FE1;

    /** Sets CR1 for the recording forms, then raises an enabled exception left pending. */
    private static void complete(Cpu c, int w) {
        if (rcBit(w)) {
            c.setCrField(1, Fpscr.cr1(c.fpscr));
        }
        checkEnabled(c);
    }

    private static void checkEnabled(Cpu c) {
        if ((c.fpscr & Fpscr.FEX) != 0 && (c.msr & FE) != 0) {
            throw GuestInterrupt.fpEnabled();
        }
    }

    /** CR1 for the recording forms of instructions that leave the FPSCR alone. */
    private static void recordOnly(Cpu c, int w) {
        if (rcBit(w)) {
            c.setCrField(1, Fpscr.cr1(c.fpscr));
        }
    }

    // ---- Arithmetic (A-form) ----------------------------------------------------------------

    /** Floating Add. */
    public static void fadd(Cpu c, int w) {
        int t = rt(w);
        c.fpr[t] = Fpu.add(c, c.fpr[t], c.fpr[ra(w)], c.fpr[rb(w)], false);
        complete(c, w);
    }

    /** Floating Add Single. */
    public static void fadds(Cpu c, int w) {
        int t = rt(w);
        c.fpr[t] = Fpu.add(c, c.fpr[t], c.fpr[ra(w)], c.fpr[rb(w)], true);
        complete(c, w);
    }

    /** Floating Subtract. */
    public static void fsub(Cpu c, int w) {
        int t = rt(w);
        c.fpr[t] = Fpu.subtract(c, c.fpr[t], c.fpr[ra(w)], c.fpr[rb(w)], false);
        complete(c, w);
    }

    /** Floating Subtract Single. */
    public static void fsubs(Cpu c, int w) {
        int t = rt(w);
        c.fpr[t] = Fpu.subtract(c, c.fpr[t], c.fpr[ra(w)], c.fpr[rb(w)], true);
        complete(c, w);
    }

    /** Floating Multiply: FRA × FRC. */
    public static void fmul(Cpu c, int w) {
        int t = rt(w);
        c.fpr[t] = Fpu.multiply(c, c.fpr[t], c.fpr[ra(w)], c.fpr[rc(w)], false);
        complete(c, w);
    }

    /** Floating Multiply Single. */
    public static void fmuls(Cpu c, int w) {
        int t = rt(w);
        c.fpr[t] = Fpu.multiply(c, c.fpr[t], c.fpr[ra(w)], c.fpr[rc(w)], true);
        complete(c, w);
    }

    /** Floating Divide. */
    public static void fdiv(Cpu c, int w) {
        int t = rt(w);
        c.fpr[t] = Fpu.divide(c, c.fpr[t], c.fpr[ra(w)], c.fpr[rb(w)], false);
        complete(c, w);
    }

    /** Floating Divide Single. */
    public static void fdivs(Cpu c, int w) {
        int t = rt(w);
        c.fpr[t] = Fpu.divide(c, c.fpr[t], c.fpr[ra(w)], c.fpr[rb(w)], true);
        complete(c, w);
    }

    private static void multiplyAdd(Cpu c, int w, boolean subtract, boolean negate, boolean single) {
        int t = rt(w);
        c.fpr[t] = Fpu.multiplyAdd(c, c.fpr[t], c.fpr[ra(w)], c.fpr[rc(w)], c.fpr[rb(w)], subtract, negate, single);
        complete(c, w);
    }

    /** Floating Multiply-Add: (FRA × FRC) + FRB. */
    public static void fmadd(Cpu c, int w) {
        multiplyAdd(c, w, false, false, false);
    }

    /** Floating Multiply-Add Single. */
    public static void fmadds(Cpu c, int w) {
        multiplyAdd(c, w, false, false, true);
    }

    /** Floating Multiply-Subtract: (FRA × FRC) − FRB. */
    public static void fmsub(Cpu c, int w) {
        multiplyAdd(c, w, true, false, false);
    }

    /** Floating Multiply-Subtract Single. */
    public static void fmsubs(Cpu c, int w) {
        multiplyAdd(c, w, true, false, true);
    }

    /** Floating Negative Multiply-Add: −((FRA × FRC) + FRB). */
    public static void fnmadd(Cpu c, int w) {
        multiplyAdd(c, w, false, true, false);
    }

    /** Floating Negative Multiply-Add Single. */
    public static void fnmadds(Cpu c, int w) {
        multiplyAdd(c, w, false, true, true);
    }

    /** Floating Negative Multiply-Subtract: −((FRA × FRC) − FRB). */
    public static void fnmsub(Cpu c, int w) {
        multiplyAdd(c, w, true, true, false);
    }

    /** Floating Negative Multiply-Subtract Single. */
    public static void fnmsubs(Cpu c, int w) {
        multiplyAdd(c, w, true, true, true);
    }

    /** Floating Square Root. */
    public static void fsqrt(Cpu c, int w) {
        int t = rt(w);
        c.fpr[t] = Fpu.squareRoot(c, c.fpr[t], c.fpr[rb(w)], false);
        complete(c, w);
    }

    /** Floating Square Root Single. */
    public static void fsqrts(Cpu c, int w) {
        int t = rt(w);
        c.fpr[t] = Fpu.squareRoot(c, c.fpr[t], c.fpr[rb(w)], true);
        complete(c, w);
    }

    /** Floating Reciprocal Estimate Single. */
    public static void fres(Cpu c, int w) {
        int t = rt(w);
        c.fpr[t] = Fpu.reciprocalEstimate(c, c.fpr[t], c.fpr[rb(w)]);
        complete(c, w);
    }

    /** Floating Reciprocal Square Root Estimate. */
    public static void frsqrte(Cpu c, int w) {
        int t = rt(w);
        c.fpr[t] = Fpu.reciprocalSquareRootEstimate(c, c.fpr[t], c.fpr[rb(w)]);
        complete(c, w);
    }

    /** Floating Select: FRC if FRA ≥ 0, else FRB. The FPSCR is not touched. */
    public static void fsel(Cpu c, int w) {
        c.fpr[rt(w)] = Fpu.select(c.fpr[ra(w)], c.fpr[rc(w)], c.fpr[rb(w)]);
        recordOnly(c, w);
    }

    // ---- Rounding and conversion (X-form) ---------------------------------------------------

    /** Floating Round to Single-Precision. */
    public static void frsp(Cpu c, int w) {
        int t = rt(w);
        c.fpr[t] = Fpu.roundToSingle(c, c.fpr[t], c.fpr[rb(w)]);
        complete(c, w);
    }

    /** Floating Convert To Integer Word, in the current rounding mode. */
    public static void fctiw(Cpu c, int w) {
        int t = rt(w);
        c.fpr[t] = Fpu.convertToInteger(c, c.fpr[t], c.fpr[rb(w)], c.fpscr & Fpscr.RN, true);
        complete(c, w);
    }

    /** Floating Convert To Integer Word with round toward Zero. */
    public static void fctiwz(Cpu c, int w) {
        int t = rt(w);
        c.fpr[t] = Fpu.convertToInteger(c, c.fpr[t], c.fpr[rb(w)], Fpscr.ROUND_ZERO, true);
        complete(c, w);
    }

    /** Floating Convert To Integer Doubleword, in the current rounding mode. */
    public static void fctid(Cpu c, int w) {
        int t = rt(w);
        c.fpr[t] = Fpu.convertToInteger(c, c.fpr[t], c.fpr[rb(w)], c.fpscr & Fpscr.RN, false);
        complete(c, w);
    }

    /** Floating Convert To Integer Doubleword with round toward Zero. */
    public static void fctidz(Cpu c, int w) {
        int t = rt(w);
        c.fpr[t] = Fpu.convertToInteger(c, c.fpr[t], c.fpr[rb(w)], Fpscr.ROUND_ZERO, false);
        complete(c, w);
    }

    /** Floating Convert From Integer Doubleword. */
    public static void fcfid(Cpu c, int w) {
        c.fpr[rt(w)] = Fpu.convertFromInteger(c, c.fpr[rb(w)]);
        complete(c, w);
    }

    private static void roundToIntegral(Cpu c, int w, Fpu.RoundToIntegral how) {
        int t = rt(w);
        c.fpr[t] = Fpu.roundToIntegral(c, c.fpr[t], c.fpr[rb(w)], how);
        complete(c, w);
    }

    /** Floating Round to Integer Nearest (ties away from zero). */
    public static void frin(Cpu c, int w) {
        roundToIntegral(c, w, Fpu.RoundToIntegral.NEAREST_AWAY);
    }

    /** Floating Round to Integer toward Zero. */
    public static void friz(Cpu c, int w) {
        roundToIntegral(c, w, Fpu.RoundToIntegral.TOWARD_ZERO);
    }

    /** Floating Round to Integer Plus (toward +infinity). */
    public static void frip(Cpu c, int w) {
        roundToIntegral(c, w, Fpu.RoundToIntegral.UP);
    }

    /** Floating Round to Integer Minus (toward -infinity). */
    public static void frim(Cpu c, int w) {
        roundToIntegral(c, w, Fpu.RoundToIntegral.DOWN);
    }

    // ---- Compare ----------------------------------------------------------------------------

    /** Floating Compare Unordered into CR field BF. */
    public static void fcmpu(Cpu c, int w) {
        c.setCrField(bf(w), Fpu.compare(c, c.fpr[ra(w)], c.fpr[rb(w)], false));
        checkEnabled(c);
    }

    /** Floating Compare Ordered into CR field BF. */
    public static void fcmpo(Cpu c, int w) {
        c.setCrField(bf(w), Fpu.compare(c, c.fpr[ra(w)], c.fpr[rb(w)], true));
        checkEnabled(c);
    }

    // ---- Moves (no FPSCR change) ------------------------------------------------------------

    /** Floating Move Register. */
    public static void fmr(Cpu c, int w) {
        c.fpr[rt(w)] = c.fpr[rb(w)];
        recordOnly(c, w);
    }

    /** Floating Negate: the sign bit flipped, NaNs included. */
    public static void fneg(Cpu c, int w) {
        c.fpr[rt(w)] = c.fpr[rb(w)] ^ Fpu.SIGN;
        recordOnly(c, w);
    }

    /** Floating Absolute Value. */
    public static void fabs(Cpu c, int w) {
        c.fpr[rt(w)] = c.fpr[rb(w)] & ~Fpu.SIGN;
        recordOnly(c, w);
    }

    /** Floating Negative Absolute Value. */
    public static void fnabs(Cpu c, int w) {
        c.fpr[rt(w)] = c.fpr[rb(w)] | Fpu.SIGN;
        recordOnly(c, w);
    }

    // ---- FPSCR instructions -----------------------------------------------------------------

    /**
     * Move From FPSCR: FRT[32:63] = FPSCR; the upper word is undefined and, as in qemu-ppc, zero.
     * The ISA 3.0 variants (mffsce, mffsl, mffscrn[i], mffscdrn[i]) share the opcode and are
     * executed as this plain form, as pre-3.0 processors do.
     */
    public static void mffs(Cpu c, int w) {
        c.fpr[rt(w)] = Integer.toUnsignedLong(c.fpscr);
        recordOnly(c, w);
    }

    /**
     * Move To FPSCR Fields: the fields selected by FLM take FRB[32:63]. With L=1 every field is
     * written; with W=1 (and L=0) the fields are those of FPSCR[0:31], which a 32-bit FPSCR does
     * not hold, so nothing changes. FEX and VX cannot be set directly: they are recomputed. FX is
     * only what FRB gives it (mtfsf does not set it implicitly).
     */
    public static void mtfsf(Cpu c, int w) {
        boolean all = (w & 0x0200_0000) != 0; // L, bit 6
        boolean upperWord = (w & 0x0001_0000) != 0; // W, bit 15
        int mask;
        if (all) {
            mask = 0xFFFF_FFFF;
        } else if (upperWord) {
            mask = 0;
        } else {
            int fields = flm(w);
            mask = 0;
            for (int i = 0; i < 8; i++) {
                if ((fields & (0x80 >>> i)) != 0) {
                    mask |= 0xF000_0000 >>> (4 * i);
                }
            }
        }
        int source = (int) c.fpr[rb(w)] & ~Fpscr.RESERVED;
        c.fpscr = Fpscr.summarize((c.fpscr & ~mask) | (source & mask));
        complete(c, w);
    }

    /**
     * Move To FPSCR Field Immediate: field BF takes U (W=1 addresses the upper word, absent
     * here). Field 0 sets FX and OX explicitly; its FEX and VX bits are recomputed instead.
     */
    public static void mtfsfi(Cpu c, int w) {
        if ((w & 0x0001_0000) == 0) {
            int shift = 28 - 4 * bf(w);
            int value = (u(w) << shift) & ~Fpscr.RESERVED;
            c.fpscr = Fpscr.summarize((c.fpscr & ~(0xF << shift)) | value);
        }
        complete(c, w);
    }

    /** Move To FPSCR Bit 0: clears bit BT; FEX and VX (bits 1 and 2) cannot be cleared directly. */
    public static void mtfsb0(Cpu c, int w) {
        int bt = rt(w);
        if (bt != 1 && bt != 2) {
            c.fpscr &= ~(0x8000_0000 >>> bt);
        }
        c.fpscr = Fpscr.summarize(c.fpscr);
        complete(c, w);
    }

    /**
     * Move To FPSCR Bit 1: sets bit BT; FEX and VX (bits 1 and 2) cannot be set directly. Turning
     * an exception bit on sets FX, as for every instruction but mtfsf and mtfsfi (Book I 4.2.2);
     * qemu-ppc 7.2 leaves FX alone here.
     */
    public static void mtfsb1(Cpu c, int w) {
        int bt = rt(w);
        int bit = (0x8000_0000 >>> bt) & ~Fpscr.RESERVED;
        if (bt != 1 && bt != 2) {
            c.fpscr = (bit & Fpscr.EXCEPTION_BITS) != 0 ? Fpscr.raise(c.fpscr, bit) : c.fpscr | bit;
        }
        c.fpscr = Fpscr.summarize(c.fpscr);
        complete(c, w);
    }

    /**
     * Move to CR from FPSCR: CR field BF takes FPSCR field BFA, and the exception bits of that
     * field (FX among them) are cleared; FEX and VX are recomputed.
     */
    public static void mcrfs(Cpu c, int w) {
        int shift = 28 - 4 * bfa(w);
        c.setCrField(bf(w), (c.fpscr >>> shift) & 0xF);
        int cleared = (0xF << shift) & (Fpscr.EXCEPTION_BITS | Fpscr.FX);
        c.fpscr = Fpscr.summarize(c.fpscr & ~cleared);
    }

    // ---- Loads ------------------------------------------------------------------------------

    private static int eaD(Cpu c, int w) {
        int ra = ra(w);
        return (ra == 0 ? 0 : c.gpr[ra]) + si(w);
    }

    private static int eaX(Cpu c, int w) {
        int ra = ra(w);
        return (ra == 0 ? 0 : c.gpr[ra]) + c.gpr[rb(w)];
    }

    /** Load Floating-Point Single. */
    public static void lfs(Cpu c, int w) {
        c.fpr[rt(w)] = Fpu.singleToDouble(c.memory.load32(eaD(c, w)));
    }

    /** Load Floating-Point Single with Update. */
    public static void lfsu(Cpu c, int w) {
        int ea = c.gpr[ra(w)] + si(w);
        c.fpr[rt(w)] = Fpu.singleToDouble(c.memory.load32(ea));
        c.gpr[ra(w)] = ea;
    }

    /** Load Floating-Point Single Indexed. */
    public static void lfsx(Cpu c, int w) {
        c.fpr[rt(w)] = Fpu.singleToDouble(c.memory.load32(eaX(c, w)));
    }

    /** Load Floating-Point Single with Update Indexed. */
    public static void lfsux(Cpu c, int w) {
        int ea = c.gpr[ra(w)] + c.gpr[rb(w)];
        c.fpr[rt(w)] = Fpu.singleToDouble(c.memory.load32(ea));
        c.gpr[ra(w)] = ea;
    }

    /** Load Floating-Point Double. */
    public static void lfd(Cpu c, int w) {
        c.fpr[rt(w)] = c.memory.load64(eaD(c, w));
    }

    /** Load Floating-Point Double with Update. */
    public static void lfdu(Cpu c, int w) {
        int ea = c.gpr[ra(w)] + si(w);
        c.fpr[rt(w)] = c.memory.load64(ea);
        c.gpr[ra(w)] = ea;
    }

    /** Load Floating-Point Double Indexed. */
    public static void lfdx(Cpu c, int w) {
        c.fpr[rt(w)] = c.memory.load64(eaX(c, w));
    }

    /** Load Floating-Point Double with Update Indexed. */
    public static void lfdux(Cpu c, int w) {
        int ea = c.gpr[ra(w)] + c.gpr[rb(w)];
        c.fpr[rt(w)] = c.memory.load64(ea);
        c.gpr[ra(w)] = ea;
    }

    // ---- Stores -----------------------------------------------------------------------------

    /** Store Floating-Point Single. */
    public static void stfs(Cpu c, int w) {
        c.memory.store32(eaD(c, w), Fpu.doubleToSingle(c.fpr[rs(w)]));
    }

    /** Store Floating-Point Single with Update. */
    public static void stfsu(Cpu c, int w) {
        int ea = c.gpr[ra(w)] + si(w);
        c.memory.store32(ea, Fpu.doubleToSingle(c.fpr[rs(w)]));
        c.gpr[ra(w)] = ea;
    }

    /** Store Floating-Point Single Indexed. */
    public static void stfsx(Cpu c, int w) {
        c.memory.store32(eaX(c, w), Fpu.doubleToSingle(c.fpr[rs(w)]));
    }

    /** Store Floating-Point Single with Update Indexed. */
    public static void stfsux(Cpu c, int w) {
        int ea = c.gpr[ra(w)] + c.gpr[rb(w)];
        c.memory.store32(ea, Fpu.doubleToSingle(c.fpr[rs(w)]));
        c.gpr[ra(w)] = ea;
    }

    /** Store Floating-Point Double. */
    public static void stfd(Cpu c, int w) {
        c.memory.store64(eaD(c, w), c.fpr[rs(w)]);
    }

    /** Store Floating-Point Double with Update. */
    public static void stfdu(Cpu c, int w) {
        int ea = c.gpr[ra(w)] + si(w);
        c.memory.store64(ea, c.fpr[rs(w)]);
        c.gpr[ra(w)] = ea;
    }

    /** Store Floating-Point Double Indexed. */
    public static void stfdx(Cpu c, int w) {
        c.memory.store64(eaX(c, w), c.fpr[rs(w)]);
    }

    /** Store Floating-Point Double with Update Indexed. */
    public static void stfdux(Cpu c, int w) {
        int ea = c.gpr[ra(w)] + c.gpr[rb(w)];
        c.memory.store64(ea, c.fpr[rs(w)]);
        c.gpr[ra(w)] = ea;
    }

    /** Store Floating-Point as Integer Word Indexed: the low word of FRS, unconverted. */
    public static void stfiwx(Cpu c, int w) {
        c.memory.store32(eaX(c, w), (int) c.fpr[rs(w)]);
    }
}
