package org.ppcvm.core.vcpu;

import org.ppcvm.core.cpu.Cpu;
import org.ppcvm.core.debug.DebugCause;
import org.ppcvm.core.debug.GuestDebug;
import org.ppcvm.core.debug.Skip;
import org.ppcvm.core.exec.ExecutionEngine;

/**
 * A virtual processor: its state, the engine that runs it, and the run loop that returns exits.
 *
 * <p>Asynchronous requests ({@link #requestExit()}, from any thread) are noticed only at
 * instruction counts that are multiples of {@link #QUANTUM}, so where a run stops depends on the
 * guest's instruction count alone, never on host timing: the same input gives the same run.
 */
public final class Vcpu {
    /** Instructions between two checks for an exit request. */
    public static final long QUANTUM = 1 << 14;

    private final Cpu cpu;
    private final ExecutionEngine engine;
    private final GuestDebug debug;
    private volatile boolean exitRequested;
    private long deadline = Long.MAX_VALUE;

    public Vcpu(Cpu cpu, ExecutionEngine engine, GuestDebug debug) {
        this.cpu = cpu;
        this.engine = engine;
        this.debug = debug;
    }

    public GuestDebug debug() {
        return debug;
    }

    public Cpu cpu() {
        return cpu;
    }

    /** Makes {@link #run()} return {@link VcpuExit.Reason#DEADLINE} once this many instructions ran. */
    public void setDeadline(long instructionCount) {
        this.deadline = instructionCount;
    }

    /** Thread-safe: the running (or next) {@link #run()} returns {@link VcpuExit.Reason#REQUESTED}. */
    public void requestExit() {
        exitRequested = true;
    }

    /** Forgets an exit request that no run has consumed yet. */
    public void cancelExitRequest() {
        exitRequested = false;
    }

    /** Runs until the guest needs its owner, a deadline passes or an exit is requested. */
    public VcpuExit run() {
        try {
            while (true) {
                if (exitRequested) {
                    exitRequested = false;
                    return new VcpuExit.Interrupted(VcpuExit.Reason.REQUESTED);
                }
                long count = cpu.instructionCount;
                if (count >= deadline) {
                    return new VcpuExit.Interrupted(VcpuExit.Reason.DEADLINE);
                }
                long nextCheck = (count / QUANTUM + 1) * QUANTUM;
                VcpuExit exit = engine.execute(cpu, Math.min(nextCheck, deadline));
                if (!(exit instanceof VcpuExit.Interrupted)) {
                    return exit;
                }
            }
        } catch (RuntimeException | StackOverflowError e) {
            return new VcpuExit.InternalError("internal error at pc 0x%08x: %s".formatted(cpu.pc, e), e);
        }
    }

    /**
     * Runs as {@code mode} says. The points {@code skip} names do not fire for the first
     * instruction (nor for the accesses of the system call it makes, which the owner ends with
     * {@code debug().setSuppressed(Skip.NONE)} after servicing it): that is how a debugger steps off
     * a breakpoint or a watched access without removing it ({@link Skip#after} picks the skip for
     * the event just reported).
     *
     * <p>A step ends with {@link VcpuExit.Debug} of cause STEP and the PC on the next
     * instruction; a step that executes {@code sc} returns the {@link VcpuExit.SystemCall} first,
     * and the owner reports the step once it has serviced the call.
     */
    public VcpuExit run(RunMode mode, Skip skip) {
        if (skip != Skip.NONE) {
            debug.setSuppressed(skip);
            VcpuExit first = one();
            if (!(first instanceof VcpuExit.SystemCall)) {
                debug.setSuppressed(Skip.NONE);
            }
            boolean goOn = isStep(first)
                    && (mode instanceof RunMode.Continue && !debug.singleStep()
                            || mode instanceof RunMode.Range r && r.contains(cpu.pc));
            if (!goOn) {
                return first;
            }
        }
        return switch (mode) {
            case RunMode.Continue c -> debug.singleStep() ? one() : run();
            case RunMode.Step s -> one();
            case RunMode.Range r -> {
                VcpuExit exit;
                do {
                    exit = one();
                } while (isStep(exit) && r.contains(cpu.pc) && !exitRequested);
                // A request that ends a range step is reported as such, not as a step, so that a
                // debugger's interrupt is not taken for the end of the range.
                if (exitRequested && isStep(exit) && r.contains(cpu.pc)) {
                    exitRequested = false;
                    exit = new VcpuExit.Interrupted(VcpuExit.Reason.REQUESTED);
                }
                yield exit;
            }
        };
    }

    /** Executes exactly one instruction (or stops before it with the exit it raises). */
    public VcpuExit step() {
        return run(RunMode.STEP, Skip.NONE);
    }

    private static boolean isStep(VcpuExit exit) {
        return exit instanceof VcpuExit.Debug d && d.event().cause() == DebugCause.STEP;
    }

    private VcpuExit one() {
        try {
            VcpuExit exit = engine.execute(cpu, cpu.instructionCount + 1);
            return exit instanceof VcpuExit.Interrupted ? new VcpuExit.Debug(debug.stepEvent(cpu.pc)) : exit;
        } catch (RuntimeException | StackOverflowError e) {
            return new VcpuExit.InternalError("internal error at pc 0x%08x: %s".formatted(cpu.pc, e), e);
        }
    }
}
