package org.ppcvm.testkit.random;

/**
 * Where {@code qemu-ppc} 7.2 ({@code -cpu 7457}) deviates from the Power ISA in what these programs
 * can observe, each found by a probe program against values computed from the ISA's definitions,
 * and how the harness keeps it out of the comparison. Nothing else is masked: every other
 * difference between qemu and ppcvm is reported.
 */
public enum QemuDeviation {
    /**
     * qemu never computes FPSCR[FR] (fraction rounded): arithmetic, rounding and conversion
     * instructions leave whatever {@code mtfsf}/{@code mtfsfi}/{@code mtfsb*} last wrote there
     * (Power ISA 2.06 Book I 4.2.2 and 4.3.6: FR is set when the rounded result's fraction was
     * incremented, cleared otherwise). Handling: FR is masked in the dumped FPSCR, and both copies
     * clear FR just before {@code mffs} and before {@code mcrfs} of field 3, so the bit never flows
     * into a compared register.
     */
    FPSCR_FR_NOT_COMPUTED(Fpscr.mask(Fpscr.FR)),

    /**
     * qemu classifies the result of a single-precision instruction ({@code fadds} ... {@code
     * fnmsubs}, {@code fsqrts}, {@code fres}, {@code frsp}) as a double, so a result that is
     * denormal in single format gets FPRF "normal number" (C = 0) instead of "denormalized number"
     * (C = 1) (Book I 4.3.5.1 and the {@code frsp} model in Appendix A.1). Handling: qemu's copy
     * checks the result after each such instruction and sets FPSCR[C] when it is a single denormal;
     * the check saves and restores everything it touches.
     */
    SINGLE_DENORMAL_CLASSIFIED_AS_NORMAL(0),

    /**
     * qemu's {@code mtfsb1} of an exception bit that was 0 does not set FPSCR[FX] (Book I 4.2.2:
     * "every floating-point instruction, except mtfsfi and mtfsf, implicitly sets FPSCR[FX] if that
     * instruction causes any of the floating-point exception bits to change from 0 to 1").
     * Handling: qemu's copy sets FX before such an {@code mtfsb1} when the bit is still 0.
     */
    MTFSB1_DOES_NOT_SET_FX(0),

    /**
     * qemu's {@code fres} and {@code frsqrte} compute exact results and set XX (and so FX) when
     * they are inexact; the ISA does not list XX among the bits they alter (Book I 4.6.7 and
     * 4.6.8; FR and FI are undefined there). Handling: both copies set XX and FX just before these
     * instructions, so the outcome is the same whether XX is left alone or set, and clear FR and FI
     * after them. ppcvm computes the same exact values as qemu, so results are compared.
     */
    ESTIMATES_SET_XX(0);

    private final int fpscrMask;

    QemuDeviation(int fpscrMask) {
        this.fpscrMask = fpscrMask;
    }

    /** The FPSCR bits this deviation masks in every dump (0 when handled otherwise). */
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
