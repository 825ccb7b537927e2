package org.ppcvm.core.exec;

import org.ppcvm.core.cpu.Cpu;
import org.ppcvm.core.vcpu.VcpuExit;

/**
 * Runs guest instructions on a {@link Cpu}. The interpreter is one engine; the JIT will be another,
 * and both must stop at exactly the same instruction counts so that runs are deterministic.
 */
public interface ExecutionEngine {
    /**
     * Executes instructions until one needs its owner (system call, interrupt) or until {@code
     * cpu.instructionCount} reaches {@code limit}; then returns {@link VcpuExit.Interrupted} with
     * reason {@link VcpuExit.Reason#DEADLINE}.
     */
    VcpuExit execute(Cpu cpu, long limit);
}
