package org.ppcvm.bench;

import java.time.Duration;
import org.ppcvm.testkit.gdb.GdbStub;

/**
 * How much work each measurement of the gdb benchmark gives gdb; a rate's figures are per round
 * (a session has {@value GdbScript#ROUNDS}).
 *
 * @param steps the N of {@code stepi N}
 * @param breakpointHits calls of the function with the breakpoint
 * @param ppcvmWatchpointHits writes of the watched variable under ppcvm (a hardware watchpoint)
 * @param qemuWatchpointHits the same under qemu-ppc, where gdb single-steps every instruction
 * @param smallReads 4-byte memory reads, one packet each
 * @param dumpBytes the size of the buffer {@code dump binary memory} reads
 * @param lateInstructions how many guest instructions run before the late watchpoint fires
 * @param qemuLateCap how long qemu-ppc may single-step towards the late watchpoint
 * @param qemuStepIterations loop iterations qemu-ppc single-steps to give its stepping rate
 */
public record GdbWorkload(
        long steps,
        long breakpointHits,
        long ppcvmWatchpointHits,
        long qemuWatchpointHits,
        long smallReads,
        long dumpBytes,
        long lateInstructions,
        Duration qemuLateCap,
        long qemuStepIterations) {

    /** A full run: a few minutes in all. */
    public static final GdbWorkload FULL =
            new GdbWorkload(5_000, 3_000, 3_000, 300, 5_000, 16L << 20, 50_000_000, Duration.ofSeconds(60), 1_000);

    /** A smoke run of {@code --quick}. */
    public static final GdbWorkload QUICK =
            new GdbWorkload(500, 200, 200, 30, 500, 4L << 20, 5_000_000, Duration.ofSeconds(5), 100);

    public GdbWorkload {
        if (steps < 1
                || breakpointHits < 1
                || ppcvmWatchpointHits < 1
                || qemuWatchpointHits < 1
                || smallReads < 1
                || dumpBytes < 4
                || dumpBytes % 4 != 0
                || dumpBytes > Integer.MAX_VALUE - 8
                || lateInstructions < 1
                || qemuStepIterations < 1) {
            throw new IllegalArgumentException("bad gdb workload: " + this);
        }
        if (qemuLateCap.isNegative() || qemuLateCap.isZero()) {
            throw new IllegalArgumentException("the qemu cap must be positive: " + qemuLateCap);
        }
    }

    public static GdbWorkload of(boolean quick) {
        return quick ? QUICK : FULL;
    }

    /** The watchpoint hits under {@code stub}. */
    public long watchpointHits(GdbStub stub) {
        return stub == GdbStub.PPCVM ? ppcvmWatchpointHits : qemuWatchpointHits;
    }
}
