package org.ppcvm.gdb.session;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.ppcvm.gdb.ppc.RegisterFile;

/**
 * What a {@link GdbSession} needs from the debugged machine. An adapter implements it over the
 * VM (a Linux process's threads and memory); calls come from the session's thread while the
 * target is stopped, except {@link #resume}, which blocks until the next stop, and {@link
 * #interrupt()}, which the transport calls from its reading thread while a resume runs.
 *
 * <p>Thread ids are positive (Linux tids in user mode). Signal numbers are Linux's.
 */
public interface GdbTarget {
    /** The live threads, in the order {@code info threads} should list them. */
    List<Integer> threads();

    /** The registers of a live thread. */
    RegisterFile registers(int tid);

    /**
     * Reads guest memory without side effects. Returns the readable prefix: fewer bytes than asked
     * (possibly none) when the range runs into unmapped memory.
     */
    byte[] readMemory(long address, int length);

    /** Writes guest memory (ignoring page protection, as ptrace does); false if any byte is unmapped. */
    boolean writeMemory(long address, byte[] data);

    /** Inserts a breakpoint or watchpoint; idempotent. False if the target cannot. */
    boolean insertPoint(PointType type, long address, int kind);

    /** Removes a point; removing an absent one succeeds. False if the target cannot. */
    boolean removePoint(PointType type, long address, int kind);

    /** Resumes the threads the actions name and blocks until the next stop. */
    StopReason resume(List<ThreadAction> actions);

    /** The auxiliary vector as the guest sees it (target byte order). */
    byte[] auxv();

    /** The path of the executable, if known. */
    Optional<String> execFile();

    /** Whether gdb attached to a running process (it then detaches on quit instead of killing). */
    boolean attached();

    /** Removes every point and lets the process run on without the debugger. */
    void detach();

    /** Kills the process. */
    void kill();

    /**
     * Thread-safe: makes a running {@link #resume} return soon with a SIGINT stop of the thread it
     * was running (gdb's Ctrl-C, which is not a guest signal). Called at any time by the transport:
     * an interrupt that arrives while the target is stopped is kept for the next resume, and
     * {@link #clearInterrupt()} drops it.
     */
    void interrupt();

    /** Drops an interrupt not yet consumed by a resume (gdb sent a new command after it). */
    void clearInterrupt();

    /** The name {@code info threads} shows for a live thread (the program's name in user mode). */
    String threadName(int tid);

    /**
     * The {@code qOffsets} reply: how far the program was loaded from its link addresses, or empty
     * when the target does not know (system mode).
     */
    Optional<Long> loadOffset();

    /**
     * The host file that stands for a target path, for gdb's {@code vFile} requests (a sysroot
     * maps {@code /lib/ld.so.1} to a file under it); empty when there is none.
     */
    Optional<Path> hostFile(String targetPath);

    /**
     * The contents of a file the target's kernel makes up ({@code /proc/PID/maps}), which gdb's
     * {@code vFile} requests read instead of any host file; empty for other paths.
     */
    default Optional<byte[]> kernelFile(String targetPath) {
        return Optional.empty();
    }

    /** The target of a link the target's kernel makes up ({@code /proc/PID/exe}); empty otherwise. */
    default Optional<String> kernelLink(String targetPath) {
        return Optional.empty();
    }

    /**
     * Carries out a {@code monitor} command and returns its text output (lines ending in a
     * newline). Unknown commands answer with a line that says so and points to {@code help}.
     */
    String monitor(String command);

    /** The process id gdb shows ("process N") with the multiprocess extension; positive. */
    int processId();

    /** The system calls (by number) whose entry and return stop a run ({@code catch syscall}). */
    void catchSyscalls(java.util.function.IntPredicate numbers);
}
