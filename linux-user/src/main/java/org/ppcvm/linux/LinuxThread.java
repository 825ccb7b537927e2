package org.ppcvm.linux;

import org.ppcvm.core.cpu.Cpu;
import org.ppcvm.core.vcpu.Vcpu;

/**
 * One thread of a Linux process: its processor and vCPU, its signal state, and what the kernel
 * keeps for it (the pt_regs extras a debugger reads, the clear-child-tid address, how an
 * interrupted system call may go on, and what it waits for while it cannot run).
 */
final class LinuxThread {
    /** What a thread that cannot run waits for; the scheduler ends the wait. */
    sealed interface Wait {
        /**
         * Host descriptors to become ready, or the deadline to pass: the thread then runs its
         * system call again (its PC is back on the {@code sc}); a signal interrupts the call as
         * {@code interrupted} says.
         */
        record Descriptor(int[] hostFds, short[] events, long deadlineNanos, Syscalls.Interrupted interrupted)
                implements Wait {}

        /** A FUTEX_WAIT: woken (result 0), timed out (ETIMEDOUT) or interrupted by a signal (EINTR). */
        record Futex(int address, int bitset, long deadlineNanos) implements Wait {}

        /** A sleep until {@code deadlineNanos} (System.nanoTime), which then returns 0. */
        record Sleep(long deadlineNanos) implements Wait {}

        /** sigsuspend or pause: a signal to deliver ends it. */
        record ForSignal() implements Wait {}

        /** A vfork parent: its child executes a program or exits (signals wait too, as on Linux). */
        record Vfork(int childPid) implements Wait {}

        /** wait4/waitid with no child ended yet: a child's end (or a signal) ends it. */
        record ForChild() implements Wait {}

        /** No deadline. */
        long NONE = Long.MAX_VALUE;

        /** When the wait ends by itself (System.nanoTime), or {@link #NONE}. */
        default long deadline() {
            return switch (this) {
                case Futex f -> f.deadlineNanos();
                case Sleep s -> s.deadlineNanos();
                case Descriptor d -> d.deadlineNanos();
                case ForSignal s -> NONE;
                case Vfork v -> NONE;
                case ForChild c -> NONE;
            };
        }
    }

    final int tid;
    final ProcessContext process;
    final Cpu cpu;
    final Vcpu vcpu;
    final SignalState signals;

    /** pt_regs.trap and orig_gpr3 of the last entry into the kernel. */
    int trap;

    int origR3;

    /** The faulting data address and syndrome of the last storage interrupt, for signal frames. */
    int dar;

    int esr;

    /** CLONE_CHILD_CLEARTID / set_tid_address: zeroed and futex-woken when the thread exits. */
    int clearChildTid;

    /** How the last system call, if a wake-up interrupted it, may go on. */
    Syscalls.Interrupted interrupted = Syscalls.Interrupted.NONE;

    /** An interrupted sleep: where its sc is, its deadline, and where to report the time left. */
    int sleepPc = -1;

    long sleepDeadlineNanos;
    int sleepRem;
    boolean sleepRem64;

    /** The signal a debugger was told about and has not answered yet. */
    SigInfo reportedSignal;

    /** A signal whose frame hit a watchpoint: delivered when the debugger resumes. */
    SigInfo interruptedDelivery;

    /** What the thread waits for, or null when it can run. */
    Wait wait;

    /** When the wait started, among the process's waits: futex waiters wake in this order. */
    long waitSequence;

    /** Points to keep quiet for this thread's next instruction (a vfork child steps off them). */
    org.ppcvm.core.debug.Skip resumeSkip = org.ppcvm.core.debug.Skip.NONE;

    /** The descriptor wait its retried call ends was ended by its deadline: do not wait again. */
    boolean waitTimedOut;

    boolean exited;

    /**
     * The thread's name (Linux's comm: at most 15 bytes), set with prctl(PR_SET_NAME); a new
     * thread has its creator's, the first the program file's name.
     */
    byte[] name = new byte[0];

    /** A caught system call whose entry the debugger was shown and which has not run (its number), or -1. */
    int syscallAtEntry = -1;

    /** A caught system call that ran but waited: its return is shown when it completes; or -1. */
    int syscallExitPending = -1;

    /**
     * The thread is inside a system call that waits (for a descriptor, a child, a pause) and runs
     * again when the wait ends, without its sc executing again: the PC stays after the sc, where
     * Linux shows a thread blocked in a call (and a breakpoint or a caught entry is not hit twice).
     */
    boolean callInProgress;

    /** The PC after the sc of the call in progress. */
    int callPc;

    /** The call in progress is a caught one whose entry the debugger saw: its return stops too. */
    boolean callCaught;

    LinuxThread(int tid, ProcessContext process, Cpu cpu, Vcpu vcpu, SignalState signals) {
        this.tid = tid;
        this.process = process;
        this.cpu = cpu;
        this.vcpu = vcpu;
        this.signals = signals;
    }

    /** Linux's comm for a name: its first 15 bytes. */
    static byte[] commOf(String name) {
        byte[] bytes = name.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return java.util.Arrays.copyOf(bytes, Math.min(bytes.length, COMM_LENGTH - 1));
    }

    /** TASK_COMM_LEN: a name and its terminating zero. */
    static final int COMM_LENGTH = 16;

    /**
     * Whether the call in progress runs again when the thread may run: only while the thread
     * stands where the call left it, as a system call (a debugger that moved the PC or set TRAP
     * to -1, as gdb does to call a function, runs the thread's code instead; restoring both
     * brings the call back, as Linux restarts a call only while TRAP says system call).
     */
    boolean callPending() {
        return callInProgress && cpu.pc == callPc && trap == Faults.TRAP_SYSTEM_CALL;
    }

    boolean runnable() {
        return wait == null && !exited;
    }

    /** Ends a wait with a system call result, as a completed call would leave r3 and CR0[SO]. */
    void completeWait(long result) {
        wait = null;
        Syscalls.setResult(cpu, result);
    }

    @Override
    public String toString() {
        return "thread " + tid + (exited ? " (exited)" : wait != null ? " waiting for " + wait : "");
    }
}
