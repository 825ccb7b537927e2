package org.ppcvm.testkit.random;

import java.util.ArrayList;
import java.util.List;

/**
 * Compares two dumps of the same block on the architecturally defined bits only.
 *
 * <p>The generator already turns the ISA's undefined results into defined ones inside the
 * program (see the fix-ups in the unit classes), so what is left to mask here is: the reserved
 * XER bits, the reserved FPSCR bit 20, and FPSCR bits listed in {@link QemuDeviation}.
 */
public final class StateComparator {
    private StateComparator() {}

    /** The FPSCR bits compared. */
    public static final int FPSCR_COMPARED = ~Fpscr.mask(Fpscr.RESERVED_20) & ~QemuDeviation.maskedFpscrBits();

    /** Differences between {@code oracle} and {@code subject}, empty when they agree. */
    public static List<RegisterDifference> compare(StateDump oracle, StateDump subject) {
        List<RegisterDifference> diffs = new ArrayList<>();
        compareWord(diffs, "block index", oracle.block(), subject.block(), -1);
        MachineState o = oracle.state();
        MachineState s = subject.state();
        for (int r = 0; r < 32; r++) {
            compareWord(diffs, "r" + r, o.gpr().get(r), s.gpr().get(r), -1);
        }
        compareWord(diffs, "CR", o.cr(), s.cr(), -1);
        compareWord(diffs, "XER", o.xer(), s.xer(), Harness.XER_DEFINED);
        compareWord(diffs, "LR", o.lr(), s.lr(), -1);
        compareWord(diffs, "CTR", o.ctr(), s.ctr(), -1);
        compareWord(diffs, "FPSCR", o.fpscr(), s.fpscr(), FPSCR_COMPARED);
        for (int f = 0; f < 32; f++) {
            long a = o.fpr().get(f);
            long b = s.fpr().get(f);
            if (a != b) {
                diffs.add(new RegisterDifference("f" + f, a, b, -1L, 64));
            }
        }
        for (int c = 0; c < Harness.MEMORY_CHUNKS; c++) {
            int lo = c * Harness.MEMORY_CHUNK_BYTES - Harness.BASE_OFFSET;
            String name = "mem[r2" + (lo < 0 ? "" : "+") + lo + "..+" + Harness.MEMORY_CHUNK_BYTES + "]";
            compareWord(
                    diffs,
                    name,
                    oracle.memoryChecksums().get(c),
                    subject.memoryChecksums().get(c),
                    -1);
        }
        return diffs;
    }

    private static void compareWord(List<RegisterDifference> diffs, String name, int oracle, int subject, int mask) {
        if (((oracle ^ subject) & mask) != 0) {
            diffs.add(new RegisterDifference(
                    name,
                    Integer.toUnsignedLong(oracle),
                    Integer.toUnsignedLong(subject),
                    Integer.toUnsignedLong(mask),
                    32));
        }
    }
}
