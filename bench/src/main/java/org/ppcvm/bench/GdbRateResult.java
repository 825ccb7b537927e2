package org.ppcvm.bench;

import java.util.List;

/**
 * One rate of the gdb benchmark under both stubs: the work each round of a session gave gdb and the
 * times gdb took for it, in the session's first round (a fresh stub) and its second (a warmed-up
 * one).
 *
 * @param measure what was measured
 * @param ppcvmWork the work of one round under ppcvm, in {@code measure.unit()} times {@code
 *     measure.scale()} (steps, hits, reads or bytes)
 * @param qemuWork the same under qemu-ppc (fewer watchpoint hits: gdb single-steps there)
 * @param ppcvmFirst the first round's duration in each ppcvm session
 * @param qemuFirst the same under qemu-ppc
 * @param ppcvmSecond the second round's duration in each ppcvm session
 * @param qemuSecond the same under qemu-ppc
 * @param note what a reader must know to read the row (e.g. that qemu's watchpoints are software
 *     ones); empty if nothing
 * @param problems why the sessions cannot be trusted; empty if each did what it should
 */
public record GdbRateResult(
        GdbMeasure measure,
        long ppcvmWork,
        long qemuWork,
        Samples ppcvmFirst,
        Samples qemuFirst,
        Samples ppcvmSecond,
        Samples qemuSecond,
        String note,
        List<String> problems) {

    public GdbRateResult {
        if (measure == GdbMeasure.LATE_WATCHPOINT) {
            throw new IllegalArgumentException("the late watchpoint is a LateWatchResult");
        }
        problems = List.copyOf(problems);
    }

    public boolean ok() {
        return problems.isEmpty();
    }

    /** ppcvm's units per second in round {@code round} (1 or 2), over the median time; NaN if none. */
    public double ppcvmRate(int round) {
        return rate(ppcvmWork, round == 1 ? ppcvmFirst : ppcvmSecond);
    }

    public double qemuRate(int round) {
        return rate(qemuWork, round == 1 ? qemuFirst : qemuSecond);
    }

    /** ppcvm's rate over qemu-ppc's in round {@code round}: above 1, ppcvm is faster. */
    public double ratio(int round) {
        return ppcvmRate(round) / qemuRate(round);
    }

    private double rate(long work, Samples seconds) {
        return (double) work / measure.scale() / seconds.median();
    }
}
