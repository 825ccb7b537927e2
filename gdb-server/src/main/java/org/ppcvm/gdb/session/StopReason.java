package org.ppcvm.gdb.session;

import java.util.Optional;

/**
 * Why the target stopped after a resume, as the session turns it into a stop reply. Signal numbers
 * here are Linux's; the session converts them to gdb's on the wire.
 */
public sealed interface StopReason permits StopReason.Signalled, StopReason.Exited, StopReason.Killed {

    /** Whether the process is gone, so nothing but {@code ?} and a new connection make sense. */
    default boolean isTerminal() {
        return !(this instanceof Signalled);
    }

    /**
     * A thread stopped with a signal ({@code T} reply), maybe because of a breakpoint or watchpoint.
     *
     * @param tid the thread that stopped (positive)
     * @param signal the Linux signal number, SIGTRAP (5) for breakpoints and steps
     * @param cause what triggered a SIGTRAP, when the stub knows
     */
    record Signalled(int tid, int signal, Optional<Cause> cause) implements StopReason {
        public Signalled {
            if (tid <= 0) {
                throw new IllegalArgumentException("thread id must be positive: " + tid);
            }
        }

        public static Signalled of(int tid, int signal) {
            return new Signalled(tid, signal, Optional.empty());
        }

        public static Signalled because(int tid, int signal, Cause cause) {
            return new Signalled(tid, signal, Optional.of(cause));
        }
    }

    /** The process exited with a status ({@code W} reply). */
    record Exited(int status) implements StopReason {}

    /** The process was killed by a Linux signal ({@code X} reply). */
    record Killed(int signal) implements StopReason {}

    /** The stop reason gdb is told in a {@code T} reply besides the signal. */
    sealed interface Cause permits SoftwareBreak, HardwareBreak, Watch, SyscallEntry, SyscallReturn {}

    /** A caught system call was entered ({@code syscall_entry:NR;}). */
    record SyscallEntry(int number) implements Cause {}

    /** A caught system call returned ({@code syscall_return:NR;}). */
    record SyscallReturn(int number) implements Cause {}

    /** A {@code Z0} breakpoint was hit ({@code swbreak:;}). */
    record SoftwareBreak() implements Cause {}

    /** A {@code Z1} breakpoint was hit ({@code hwbreak:;}). */
    record HardwareBreak() implements Cause {}

    /**
     * A watchpoint triggered. The address must lie in the watched range (gdb ignores others), so an
     * access starting below the range reports the range's start.
     */
    record Watch(WatchKind kind, long address) implements Cause {}

    /** The three watchpoint stop reasons and their stop-reply keywords. */
    enum WatchKind {
        WRITE("watch"),
        READ("rwatch"),
        ACCESS("awatch");

        private final String keyword;

        WatchKind(String keyword) {
            this.keyword = keyword;
        }

        public String keyword() {
            return keyword;
        }
    }
}
