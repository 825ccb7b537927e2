package org.ppcvm.core.vcpu;

import org.ppcvm.core.cpu.InterruptKind;
import org.ppcvm.core.debug.DebugEvent;

/**
 * Why {@link Vcpu#run} returned: the vCPU never throws for guest control flow, it returns one of
 * these and its owner (an OS personality, a debugger) decides what happens next, as with KVM's
 * {@code KVM_RUN}. The processor state says where: after an {@link Exception} the PC is on the
 * instruction that raised it; after a {@link SystemCall} it is on the instruction after {@code sc}.
 */
public sealed interface VcpuExit {

    /** The guest executed {@code sc}; the personality services it and resumes. */
    record SystemCall(int level) implements VcpuExit {}

    /**
     * A Book E interrupt for the personality to turn into a signal (user mode) or to deliver
     * through the guest's vectors (full system): program, storage, alignment, FP.
     */
    record Exception(InterruptKind kind, int esr, int dear) implements VcpuExit {}

    /**
     * A debug event: a breakpoint or watchpoint stopped the vCPU before the instruction or access
     * (nothing changed), or a single step completed (design.md §2.4).
     */
    record Debug(DebugEvent event) implements VcpuExit {}

    /** A stop request or an instruction-count deadline. */
    record Interrupted(Reason reason) implements VcpuExit {}

    /** Why an {@link Interrupted} exit happened. */
    enum Reason {
        /** {@link Vcpu#requestExit()} was called from another thread. */
        REQUESTED,
        /** The instruction-count deadline set by the owner was reached. */
        DEADLINE
    }

    /** The processor waits for an interrupt (full system). */
    record Halt() implements VcpuExit {}

    /** The guest asked the machine to power off or reset (full system). */
    record Shutdown() implements VcpuExit {}

    /** A defect in ppcvm, reported instead of killing the host; the guest state is unchanged. */
    record InternalError(String message, Throwable cause) implements VcpuExit {}
}
