package org.ppcvm.core.os;

import org.ppcvm.core.debug.DebugEvent;

/**
 * Where a guest run under a debugger ({@link OsPersonality#resume}) stopped: the debugger's view of
 * the run, as a ptrace stop is for a Linux tracer. Signal numbers are Linux's.
 */
public sealed interface GuestStop {
    /** Whether the guest is gone: nothing can resume it. */
    default boolean isFinal() {
        return this instanceof Exited || this instanceof Killed;
    }

    /** A breakpoint, watchpoint or completed step of one thread (design.md §2.4). */
    record Debug(int thread, DebugEvent event) implements GuestStop {}

    /**
     * A signal is about to be delivered to a thread and waits for the debugger's decision: resuming
     * with the same (or another) signal delivers it, resuming with none discards it. A signal from
     * a faulting instruction leaves the PC on that instruction, so discarding it re-executes it.
     */
    record Signal(int thread, int signal) implements GuestStop {}

    /**
     * A thread entered a system call the debugger catches ({@link
     * OsPersonality#catchSystemCalls}): the PC is after the {@code sc}, the call has not run yet.
     */
    record SyscallEntry(int thread, int number) implements GuestStop {}

    /** A caught system call returned: r3 and CR0 hold its result. */
    record SyscallExit(int thread, int number) implements GuestStop {}

    /** {@link OsPersonality#requestStop()} stopped the guest. */
    record Interrupted(int thread) implements GuestStop {}

    /** The guest exited with this status. */
    record Exited(int status) implements GuestStop {}

    /** The guest was killed by this signal. */
    record Killed(int signal) implements GuestStop {}
}
