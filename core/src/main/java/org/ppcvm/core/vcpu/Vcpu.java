package org.ppcvm.core.vcpu;

import org.ppcvm.core.cpu.Cpu;
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
    private volatile boolean exitRequested;
    private long deadline = Long.MAX_VALUE;

    public Vcpu(Cpu cpu, ExecutionEngine engine) {
        this.cpu = cpu;
        this.engine = engine;
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

    /** Executes exactly one instruction (or stops before it with the exit it raises). */
    public VcpuExit step() {
        try {
            VcpuExit exit = engine.execute(cpu, cpu.instructionCount + 1);
            return exit instanceof VcpuExit.Interrupted ? new VcpuExit.Interrupted(VcpuExit.Reason.STEP) : exit;
        } catch (RuntimeException | StackOverflowError e) {
            return new VcpuExit.InternalError("internal error at pc 0x%08x: %s".formatted(cpu.pc, e), e);
        }
    }
}
