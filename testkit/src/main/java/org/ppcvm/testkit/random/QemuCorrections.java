package org.ppcvm.testkit.random;

import static org.ppcvm.testkit.random.BlockContext.f;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The sequences qemu's copy of a program runs around a floating-point instruction so that qemu
 * gives the Power ISA's result (see {@link QemuDeviation}). They save and restore every register
 * they use, CR included, in the harness's qemu slots ({@code r1}-relative), so the only state
 * they change is the state they correct.
 */
final class QemuCorrections {
    private QemuCorrections() {}

    /**
     * What to correct around one instruction.
     *
     * @param fx recompute FPSCR[FX] by the ISA's rule: set if the instruction changed any exception
     *     bit from 0 to 1, else unchanged ({@link QemuDeviation#FX_SET_WITHOUT_TRANSITION})
     * @param record the instruction has Rc = 1: CR1's copy of FX follows the corrected FX
     * @param singleResult an FPR holding a single-precision result whose FPRF qemu got as a
     *     double's, or -1 ({@link QemuDeviation#SINGLE_DENORMAL_CLASSIFIED_AS_NORMAL})
     * @param compare the instruction is a compare, which must leave FPRF's C bit and FI alone
     *     ({@link QemuDeviation#COMPARE_ALTERS_C_AND_FI})
     * @param negate an FPR to negate unless it is a NaN, with FPRF's sign flipped: qemu's copy ran
     *     fmadd/fmsub for fnmadd/fnmsub ({@link QemuDeviation#NEGATIVE_MULTIPLY_ADD_ROUNDING}), or -1
     * @param reciprocalSource for fres: the source FPR (saved before it runs), or -1
     * @param reciprocalTarget for fres: the target FPR, set to ±infinity when the source was ±0
     *     ({@link QemuDeviation#RECIPROCAL_OF_ZERO})
     */
    record Fix(
            boolean fx,
            boolean record,
            int singleResult,
            boolean compare,
            int negate,
            int reciprocalSource,
            int reciprocalTarget) {

        static Fix fxOnly(boolean record) {
            return new Fix(true, record, -1, false, -1, -1, -1);
        }

        static Fix single(boolean record, int result) {
            return new Fix(true, record, result, false, -1, -1, -1);
        }
    }

    /** Emits an instruction under test with {@code fix}'s corrections around it in qemu's copy. */
    static void around(BlockContext ctx, Fix fix, String form, String text, String qemuText) {
        ctx.qemuCorrection(before(fix, ctx::newLabel));
        ctx.testedWithQemuReplacement(form, text, qemuText);
        ctx.qemuCorrection(after(fix, ctx::newLabel));
    }

    private static String slot(int offset) {
        return offset + "(%r1)";
    }

    /** Saves the FPSCR (and fres's source) before the instruction. */
    static String before(Fix fix, Supplier<String> labels) {
        List<String> l = new ArrayList<>();
        l.add("stfd %f0," + slot(Harness.SLOT_QEMU_F0));
        if (fix.reciprocalSource() >= 0) {
            l.add("stfd " + f(fix.reciprocalSource()) + "," + slot(Harness.SLOT_QEMU_FB));
        }
        l.add("mffs %f0");
        l.add("stfd %f0," + slot(Harness.SLOT_QEMU_PRE));
        l.add("lfd %f0," + slot(Harness.SLOT_QEMU_F0));
        return String.join("\n", l);
    }

    /** Corrects the state after the instruction. */
    static String after(Fix fix, Supplier<String> labels) {
        List<String> l = new ArrayList<>();
        l.add("stw %r3," + slot(Harness.SLOT_QEMU_R3));
        l.add("stw %r4," + slot(Harness.SLOT_QEMU_R4));
        l.add("mfcr %r3");
        l.add("stw %r3," + slot(Harness.SLOT_QEMU_CR));
        if (fix.reciprocalSource() >= 0) {
            reciprocalOfZero(l, fix.reciprocalTarget(), labels);
        }
        if (fix.negate() >= 0) {
            negateUnlessNan(l, fix.negate(), labels);
        }
        if (fix.singleResult() >= 0) {
            singleDenormalClass(l, fix.singleResult(), labels);
        }
        l.add("stfd %f0," + slot(Harness.SLOT_QEMU_F0));
        l.add("mffs %f0");
        l.add("stfd %f0," + slot(Harness.SLOT_QEMU_POST));
        l.add("lfd %f0," + slot(Harness.SLOT_QEMU_F0));
        if (fix.compare()) {
            restoreBit(l, Fpscr.C, labels);
            restoreBit(l, Fpscr.FI, labels);
        }
        if (fix.fx()) {
            String set = labels.get();
            String done = labels.get();
            l.add("lwz %r3," + slot(Harness.SLOT_QEMU_PRE + 4));
            l.add("lwz %r4," + slot(Harness.SLOT_QEMU_POST + 4));
            l.add("andc %r3,%r4,%r3");
            l.add("lis %r4," + (Fpscr.EXCEPTION_BITS >>> 16));
            l.add("ori %r4,%r4," + (Fpscr.EXCEPTION_BITS & 0xFFFF));
            l.add("and. %r3,%r3,%r4");
            l.add("bne " + set);
            l.add("lwz %r3," + slot(Harness.SLOT_QEMU_PRE + 4));
            l.add("rlwinm. %r3,%r3,0," + Fpscr.FX + "," + Fpscr.FX);
            l.add("bne " + set);
            l.add("mtfsb0 " + Fpscr.FX);
            l.add("li %r4,0");
            l.add("b " + done);
            l.add(set + ":");
            l.add("mtfsb1 " + Fpscr.FX);
            l.add("lis %r4,0x0800"); // CR bit 4: CR1's copy of FX
            l.add(done + ":");
            if (fix.record()) {
                l.add("lwz %r3," + slot(Harness.SLOT_QEMU_CR));
                l.add("rlwinm %r3,%r3,0,5,3");
                l.add("or %r3,%r3,%r4");
                l.add("stw %r3," + slot(Harness.SLOT_QEMU_CR));
            }
        }
        l.add("lwz %r3," + slot(Harness.SLOT_QEMU_CR));
        l.add("mtcrf 0xff,%r3");
        l.add("lwz %r3," + slot(Harness.SLOT_QEMU_R3));
        l.add("lwz %r4," + slot(Harness.SLOT_QEMU_R4));
        return String.join("\n", l);
    }

    /** Sets FPSCR bit {@code bit} to its value before the instruction. */
    private static void restoreBit(List<String> l, int bit, Supplier<String> labels) {
        String clear = labels.get();
        String done = labels.get();
        l.add("lwz %r3," + slot(Harness.SLOT_QEMU_PRE + 4));
        l.add("rlwinm. %r3,%r3,0," + bit + "," + bit);
        l.add("beq " + clear);
        l.add("mtfsb1 " + bit);
        l.add("b " + done);
        l.add(clear + ":");
        l.add("mtfsb0 " + bit);
        l.add(done + ":");
    }

    /**
     * If {@code frt} is a nonzero denormal of single format (|x| in [2^-149, 2^-126): a double high
     * word in [0x36A00000, 0x38100000) without the sign), set FPSCR[C] so FPRF reads "denormalized".
     */
    private static void singleDenormalClass(List<String> l, int frt, Supplier<String> labels) {
        String skip = labels.get();
        l.add("stfd " + f(frt) + "," + slot(Harness.SLOT_QEMU_FT));
        l.add("lwz %r3," + slot(Harness.SLOT_QEMU_FT));
        l.add("rlwinm %r3,%r3,0,1,31");
        l.add("addis %r3,%r3,-0x36a0");
        l.add("rlwinm %r3,%r3,16,16,31");
        l.add("cmplwi %r3,0x170");
        l.add("bge " + skip);
        l.add("mtfsb1 " + Fpscr.C);
        l.add(skip + ":");
    }

    /**
     * Negates {@code frt} unless it is a NaN, and flips FPRF's sign: FL and FG swap for nonzero
     * values, C toggles for zeros (Book I, FPRF encodings).
     */
    private static void negateUnlessNan(List<String> l, int frt, Supplier<String> labels) {
        String zero = labels.get();
        String notNan = labels.get();
        String flip = labels.get();
        String done = labels.get();
        l.add("stfd " + f(frt) + "," + slot(Harness.SLOT_QEMU_FT));
        l.add("lwz %r4," + slot(Harness.SLOT_QEMU_FT));
        l.add("rlwinm %r4,%r4,0,1,31");
        l.add("lwz %r3," + slot(Harness.SLOT_QEMU_FT + 4));
        l.add("or. %r3,%r3,%r4");
        l.add("beq " + zero);
        l.add("lis %r3,0x7ff0");
        l.add("cmplw %r4,%r3");
        l.add("bgt " + done);
        l.add("blt " + notNan);
        l.add("lwz %r3," + slot(Harness.SLOT_QEMU_FT + 4));
        l.add("cmpwi %r3,0");
        l.add("bne " + done);
        l.add(notNan + ":");
        l.add("li %r4,0");
        l.add("ori %r4,%r4,0xc000"); // FL | FG
        l.add("b " + flip);
        l.add(zero + ":");
        l.add("lis %r4,0x0001"); // C
        l.add(flip + ":");
        l.add("fneg " + f(frt) + "," + f(frt));
        l.add("stfd %f0," + slot(Harness.SLOT_QEMU_F0));
        l.add("mffs %f0");
        l.add("stfd %f0," + slot(Harness.SLOT_QEMU_TEMP));
        l.add("lwz %r3," + slot(Harness.SLOT_QEMU_TEMP + 4));
        l.add("xor %r3,%r3,%r4");
        l.add("stw %r3," + slot(Harness.SLOT_QEMU_TEMP + 4));
        l.add("lfd %f0," + slot(Harness.SLOT_QEMU_TEMP));
        l.add("mtfsf 0x18,%f0"); // fields 3 and 4: C and FPCC
        l.add("lfd %f0," + slot(Harness.SLOT_QEMU_F0));
        l.add(done + ":");
    }

    /** If fres's saved source was ±0, the result is ±infinity and FPRF "±infinity" (FU set). */
    private static void reciprocalOfZero(List<String> l, int frt, Supplier<String> labels) {
        String skip = labels.get();
        l.add("lwz %r3," + slot(Harness.SLOT_QEMU_FB));
        l.add("rlwinm %r3,%r3,0,1,31");
        l.add("lwz %r4," + slot(Harness.SLOT_QEMU_FB + 4));
        l.add("or. %r3,%r3,%r4");
        l.add("bne " + skip);
        l.add("lwz %r3," + slot(Harness.SLOT_QEMU_FB));
        l.add("rlwinm %r3,%r3,0,0,0");
        l.add("oris %r3,%r3,0x7ff0");
        l.add("stw %r3," + slot(Harness.SLOT_QEMU_FT));
        l.add("li %r4,0");
        l.add("stw %r4," + slot(Harness.SLOT_QEMU_FT + 4));
        l.add("lfd " + f(frt) + "," + slot(Harness.SLOT_QEMU_FT));
        l.add("mtfsb1 19"); // FU: qemu classified ±0.5 as a normal number
        l.add(skip + ":");
    }
}
