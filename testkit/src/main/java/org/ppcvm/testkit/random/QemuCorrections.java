package org.ppcvm.testkit.random;

import static org.ppcvm.testkit.random.BlockContext.f;

/**
 * The sequences that qemu's copy of a program runs in addition (see {@link QemuDeviation}). Each
 * saves and restores every register it uses, CR included, in the harness's qemu save slots, so
 * the only state it changes is the FPSCR bit it corrects.
 */
final class QemuCorrections {
    private QemuCorrections() {}

    /**
     * After a single-precision instruction that wrote {@code frt}: if the value is a nonzero
     * denormal of single format (|x| in [2^-149, 2^-126), i.e. a double high word in [0x36A00000,
     * 0x38100000) after dropping the sign), set FPSCR[C] so that FPRF reads "denormalized".
     */
    static void singleDenormalClass(BlockContext ctx, int frt) {
        ctx.qemuCorrection(singleDenormalClass(frt, ctx.newLabel()));
    }

    /** The text of {@link #singleDenormalClass(BlockContext, int)}, with a local label {@code skip}. */
    static String singleDenormalClass(int frt, String skip) {
        return String.join(
                "\n",
                "stw %r3," + Harness.SLOT_QEMU_GPR + "(%r1)",
                "mfcr %r3",
                "stw %r3," + Harness.SLOT_QEMU_CR + "(%r1)",
                "stfd " + f(frt) + "," + Harness.SLOT_QEMU_FPR + "(%r1)",
                "lwz %r3," + Harness.SLOT_QEMU_FPR + "(%r1)",
                "rlwinm %r3,%r3,0,1,31",
                "addis %r3,%r3,-0x36a0",
                "rlwinm %r3,%r3,16,16,31",
                "cmplwi %r3,0x170",
                "bge " + skip,
                "mtfsb1 " + Fpscr.C,
                skip + ":",
                "lwz %r3," + Harness.SLOT_QEMU_CR + "(%r1)",
                "mtcrf 0xff,%r3",
                "lwz %r3," + Harness.SLOT_QEMU_GPR + "(%r1)");
    }

    /** Before {@code mtfsb1 bt} of an exception bit: set FX if bit {@code bt} is still 0. */
    static void mtfsb1SetsFx(BlockContext ctx, int bt) {
        ctx.qemuCorrection(mtfsb1SetsFx(bt, ctx.newLabel()));
    }

    /** The text of {@link #mtfsb1SetsFx(BlockContext, int)}, with a local label {@code skip}. */
    static String mtfsb1SetsFx(int bt, String skip) {
        return String.join(
                "\n",
                "stw %r3," + Harness.SLOT_QEMU_GPR + "(%r1)",
                "mfcr %r3",
                "stw %r3," + Harness.SLOT_QEMU_CR + "(%r1)",
                "stfd %f0," + Harness.SLOT_QEMU_FPR + "(%r1)",
                "mffs %f0",
                "stfd %f0," + Harness.SLOT_QEMU_FPSCR + "(%r1)",
                "lfd %f0," + Harness.SLOT_QEMU_FPR + "(%r1)",
                "lwz %r3," + (Harness.SLOT_QEMU_FPSCR + 4) + "(%r1)",
                "rlwinm. %r3,%r3,0," + bt + "," + bt,
                "bne " + skip,
                "mtfsb1 " + Fpscr.FX,
                skip + ":",
                "lwz %r3," + Harness.SLOT_QEMU_CR + "(%r1)",
                "mtcrf 0xff,%r3",
                "lwz %r3," + Harness.SLOT_QEMU_GPR + "(%r1)");
    }
}
