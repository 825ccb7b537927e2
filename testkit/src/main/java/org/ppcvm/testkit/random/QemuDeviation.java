package org.ppcvm.testkit.random;

/**
 * Where {@code qemu-ppc} 7.2 ({@code -cpu 7457}) deviates from the Power ISA in what these programs
 * observe, and how the harness keeps each out of the comparison. Each was found by the
 * differential test or a probe and is pinned by {@code QemuDeviationTest}, which shows qemu's
 * behaviour, the ISA's, and the correction. Nothing else is masked or corrected.
 *
 * <p>Most are corrected rather than masked: qemu's copy of a program runs extra instructions
 * ({@link QemuCorrections}) that turn qemu's result into the ISA's, so the affected bits stay
 * compared and can flow into later results.
 */
public enum QemuDeviation {
    /**
     * qemu never computes FPSCR[FR] (fraction rounded): arithmetic, rounding and conversion
     * instructions leave whatever {@code mtfsf}/{@code mtfsfi}/{@code mtfsb*} last wrote there
     * (Power ISA 2.06 Book I 4.2.2, FPSCR bit FR; 4.3.6, Rounding). It cannot be recomputed from
     * the result, so FR is masked in the dumped FPSCR, and both copies clear FR just before
     * {@code mffs} and {@code mcrfs} of field 3 so that it never flows into a compared register.
     */
    FPSCR_FR_NOT_COMPUTED(Fpscr.mask(Fpscr.FR)),

    /**
     * qemu sets FPSCR[FX] whenever an instruction raises an exception, even when that exception's
     * bit was already set; and its {@code mtfsb1} of an exception bit that was 0 does not set FX.
     * The ISA sets FX exactly when an instruction other than mtfsf and mtfsfi changes an exception
     * bit from 0 to 1 (Book I 4.2.2, FPSCR bit FX). qemu's copy recomputes FX by that rule after
     * each instruction that can raise an exception, and CR1's copy of it for Rc = 1.
     */
    FX_SET_WITHOUT_TRANSITION(0),

    /**
     * qemu classifies the result of a single-precision instruction ({@code fadds} ... {@code
     * fnmsubs}, {@code fsqrts}, {@code fres}, {@code frsp}) as a double, so a result that is a
     * denormal of single format gets FPRF "normal number" (C = 0) rather than "denormalized
     * number" (C = 1) (Book I 4.3.5.1; Appendix A.1, the frsp model). qemu's copy sets C after such
     * an instruction when its result is a single denormal.
     */
    SINGLE_DENORMAL_CLASSIFIED_AS_NORMAL(0),

    /**
     * qemu's {@code fcmpu}/{@code fcmpo} clear FPSCR[FI], and those that raise an invalid-operation
     * exception (a NaN operand) set FPRF to "quiet NaN", changing its C bit; the compares alter only
     * FPCC, FX, VXSNAN and (fcmpo) VXVC (Book I, Floating Compare Unordered/Ordered: Special Registers
     * Altered). qemu's copy restores C and FI after each compare.
     */
    COMPARE_ALTERS_C_AND_FI(0),

    /**
     * qemu's {@code fnmadd[s]}/{@code fnmsub[s]} negate before rounding, so under the rounding
     * modes toward ±infinity they round the wrong way; the ISA rounds the fmadd/fmsub result and
     * then negates it (Book I, Floating Negative Multiply-Add: "the same result as would be
     * obtained by using the Floating Multiply-Add instruction and then negating the result", NaNs
     * excepted). qemu's copy runs fmadd[s]/fmsub[s] and then negates a non-NaN result, flipping
     * FPRF's sign.
     */
    NEGATIVE_MULTIPLY_ADD_ROUNDING(0),

    /**
     * qemu's {@code fres} of ±0 returns ±0.5; the ISA's result is ±infinity with ZX set (Book I,
     * Floating Reciprocal Estimate Single: the table of special operands). qemu's copy replaces
     * the result and sets FPRF's FU (qemu classified 0.5 as a normal number).
     */
    RECIPROCAL_OF_ZERO(0),

    /**
     * qemu's {@code fres} and {@code frsqrte} compute exact results and set XX (and so FX) when
     * they are inexact; the ISA does not list XX among the bits they alter (Book I, Floating
     * Reciprocal Estimate Single and Floating Reciprocal Square Root Estimate; FR and FI are
     * undefined there). Both copies set XX and FX just before these instructions, so the outcome
     * is the same whether XX is left alone or set, and clear FR and FI after them. ppcvm computes
     * the same exact values as qemu, so the results themselves are compared.
     */
    ESTIMATES_SET_XX(0);

    private final int fpscrMask;

    QemuDeviation(int fpscrMask) {
        this.fpscrMask = fpscrMask;
    }

    /** The FPSCR bits this deviation masks in every dump (0 when it is corrected instead). */
    public int fpscrMask() {
        return fpscrMask;
    }

    /** FPSCR bits excluded from comparison because of qemu deviations. */
    public static int maskedFpscrBits() {
        int mask = 0;
        for (QemuDeviation d : values()) {
            mask |= d.fpscrMask;
        }
        return mask;
    }
}
