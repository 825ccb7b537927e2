package org.ppcvm.core.vcpu;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs several vCPUs that share memory on the calling thread, deterministically: each runs for
 * {@link #SLICE} instructions (or until it needs its owner), then the next runnable one takes
 * over in a fixed round-robin order. A switch clears the reservation of the vCPU that stops, as
 * Linux's exception exit does, so an lwarx/stwcx. pair never spans another thread's slice.
 *
 * <p>Which vCPU runs when thus depends only on instruction counts and on the order of exits,
 * never on host timing: the same program with the same inputs interleaves the same way.
 */
public final class Scheduler {
    /** Instructions a vCPU runs before the next one gets its turn (a multiple of the quantum). */
    public static final long SLICE = 4 * Vcpu.QUANTUM;

    /** A vCPU's exit, and which vCPU it came from. */
    public record Event(Vcpu vcpu, VcpuExit exit) {}

    private final List<Vcpu> runnable = new ArrayList<>();
    private int next;

    public void add(Vcpu vcpu) {
        runnable.add(vcpu);
    }

    /** Takes a vCPU out of the rotation (its thread exited or blocks). */
    public void remove(Vcpu vcpu) {
        int index = runnable.indexOf(vcpu);
        if (index >= 0) {
            runnable.remove(index);
            if (index < next) {
                next--;
            }
        }
    }

    public List<Vcpu> runnable() {
        return List.copyOf(runnable);
    }

    /**
     * Runs vCPUs in turn until one exits for a reason other than the end of its slice, and
     * returns that exit. Returns null when no vCPU is runnable.
     */
    public Event runUntilEvent() {
        while (!runnable.isEmpty()) {
            if (next >= runnable.size()) {
                next = 0;
            }
            Vcpu vcpu = runnable.get(next);
            long sliceEnd = vcpu.cpu().instructionCount + SLICE;
            vcpu.setDeadline(sliceEnd);
            VcpuExit exit = vcpu.run();
            vcpu.setDeadline(Long.MAX_VALUE);
            boolean sliceOver = exit instanceof VcpuExit.Interrupted i && i.reason() == VcpuExit.Reason.DEADLINE;
            if (sliceOver) {
                vcpu.cpu().reserved = false;
                next++;
                continue;
            }
            return new Event(vcpu, exit);
        }
        return null;
    }
}
