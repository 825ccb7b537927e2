package org.ppcvm.bench;

import java.time.Duration;
import java.util.List;

/**
 * The time gdb takes to reach a watchpoint that fires after many guest instructions.
 *
 * <p>ppcvm checks its (hardware) watchpoints as it runs at full speed. qemu-ppc 7.2 has none, so
 * gdb single-steps the guest and compares the watched value after every instruction: its run is cut
 * off at {@code qemuCap}, and its time is estimated from its stepping rate, measured on a shorter
 * stretch of the same loop under the same software watchpoint.
 *
 * @param iterations the guest's loop iterations ({@code debuggee late N})
 * @param instructions the instructions of that run, from ppcvm's {@code --stats}: the watched store
 *     is among its last few
 * @param instructionsPerIteration the loop's instructions per iteration, from two {@code --stats}
 *     runs
 * @param plainRunSeconds ppcvm's own {@code --stats} time of that run without gdb (no JVM start-up)
 * @param ppcvmSeconds from gdb's {@code continue} at the first instruction to the watchpoint's
 *     stop, per session
 * @param qemuCap how long qemu-ppc's session may run
 * @param qemuSeconds qemu-ppc's time if it reached the watchpoint within the cap; empty if not
 * @param qemuStepInstructions the instructions qemu-ppc single-stepped to measure its rate
 * @param qemuStepSeconds the time of that stepping, per session
 * @param problems why the figures cannot be trusted; empty if every session did what it should
 */
public record LateWatchResult(
        long iterations,
        long instructions,
        double instructionsPerIteration,
        double plainRunSeconds,
        Samples ppcvmSeconds,
        Duration qemuCap,
        Samples qemuSeconds,
        long qemuStepInstructions,
        Samples qemuStepSeconds,
        List<String> problems) {

    public LateWatchResult {
        problems = List.copyOf(problems);
    }

    public boolean ok() {
        return problems.isEmpty();
    }

    /** Whether qemu-ppc's time is an estimate (it did not reach the watchpoint within the cap). */
    public boolean qemuEstimated() {
        return qemuSeconds.isEmpty();
    }

    /** qemu-ppc's single-stepping rate under a software watchpoint, instructions per second. */
    public double qemuStepRate() {
        return qemuStepInstructions / qemuStepSeconds.median();
    }

    /** qemu-ppc's time: measured if it finished within the cap, else instructions / stepping rate. */
    public double qemuSecondsOrEstimate() {
        return qemuEstimated() ? instructions / qemuStepRate() : qemuSeconds.median();
    }

    /** qemu-ppc's time (or estimate) over ppcvm's: how many times faster ppcvm is. */
    public double ratio() {
        return qemuSecondsOrEstimate() / ppcvmSeconds.median();
    }
}
