package org.ppcvm.core.os;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.ppcvm.core.debug.Skip;
import org.ppcvm.core.mem.Memory;
import org.ppcvm.core.vcpu.RunMode;
import org.ppcvm.core.vcpu.VcpuExit;

/**
 * What an operating-system personality (Linux user mode, the e500 board) tells the parts of
 * ppcvm that must not depend on it, the GDB server first: the auxiliary vector, the executable,
 * the guest's threads, how interrupts become signals, and where memory is mapped; and the run
 * control a debugger needs, in the shape of a ptrace tracer's: resume with a signal to deliver or
 * none, stop on request, kill.
 *
 * <p>The run-control methods are for one thread (the debugger's), except {@link #requestStop()}.
 */
public interface OsPersonality {
    /** A short name, e.g. "linux-user". */
    String name();

    /** The guest's memory. */
    Memory memory();

    /** The auxiliary vector as the guest sees it (gdb reads it to find a PIE's load address). */
    Optional<byte[]> auxv();

    /** The host path of the program being run, if there is one. */
    Optional<String> executablePath();

    /** The guest's threads, in creation order; the first is the initial one. */
    List<GuestThread> threads();

    /**
     * The signal (Linux numbering) the personality raises for an interrupt, or empty when it is
     * delivered to the guest's own vectors (full system).
     */
    OptionalInt signalFor(VcpuExit.Exception exception);

    /** The mapped regions of the guest's address space, lowest first. */
    List<MemoryRegion> memoryMap();

    /**
     * How far the executable was moved from the addresses it was linked at (0 unless it is
     * position-independent).
     */
    int loadBias();

    /**
     * Runs the guest under a debugger until something the debugger must see: a debug event, a
     * signal about to be delivered, a stop request, or the end of the guest. System calls are
     * serviced on the way. {@code thread} runs as {@code mode} says; the points {@code skip} names
     * stay quiet for its first instruction.
     *
     * @param signal the signal to deliver to {@code thread} first (Linux numbering), 0 for none:
     *     how the debugger answers a {@link GuestStop.Signal}
     */
    GuestStop resume(int thread, RunMode mode, Skip skip, int signal);

    /**
     * Thread-safe: makes a running {@link #resume} return {@link GuestStop.Interrupted} soon, at an
     * instruction-count boundary, and a blocked system call return to be restarted later.
     */
    void requestStop();

    /** Forgets a {@link #requestStop()} that no run has consumed. */
    void cancelStopRequest();

    /** Ends the guest as SIGKILL would; later resumes report {@link GuestStop.Killed}. */
    void kill();

    /** A per-thread kernel value (0 where the personality has none). */
    default int kernelRegister(int thread, KernelRegister register) {
        return 0;
    }

    /** Writes a per-thread kernel value; ignored where the personality has none. */
    default void setKernelRegister(int thread, KernelRegister register, int value) {}

    /**
     * Which system calls (by number) stop a run under a debugger at their entry and return, as
     * gdb's {@code catch syscall} asks; none by default.
     */
    default void catchSystemCalls(java.util.function.IntPredicate numbers) {}

    /**
     * The contents of a file the guest's kernel makes up to describe the guest (Linux's {@code
     * /proc/PID/maps}), for a debugger; empty for any other path.
     */
    default Optional<byte[]> kernelFile(String path) {
        return Optional.empty();
    }

    /** The target of a link the guest's kernel makes up ({@code /proc/PID/exe}), for a debugger. */
    default Optional<String> kernelLink(String path) {
        return Optional.empty();
    }
}
