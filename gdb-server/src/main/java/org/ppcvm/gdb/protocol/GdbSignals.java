package org.ppcvm.gdb.protocol;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;

/**
 * Signal numbers on the wire are gdb's target-independent ones (gdb's {@code
 * include/gdb/signals.def}), not Linux's: the {@code T}, {@code S}, {@code X}, {@code C}, {@code
 * vCont;C} and {@code QPassSignals} packets all carry gdb numbers. This is the one table between
 * them, for a 32-bit PowerPC Linux process, which uses the generic Linux numbering (SIGBUS 7,
 * SIGUSR1 10, SIGCHLD 17, real-time signals 32 to 64).
 *
 * <p>The real-time signals map by their kernel number, as gdbserver does: kernel signal 32 is gdb's
 * {@code SIG32} (77), 33 to 63 are gdb's {@code SIG33} to {@code SIG63} (45 to 75) and 64 is {@code
 * SIG64} (78). glibc reserves 32 and 33 for itself, so a program's {@code SIGRTMIN} is kernel 34,
 * gdb 46.
 */
public final class GdbSignals {
    /** One Linux signal and its gdb number. */
    public record Mapping(String name, int linux, int gdb) {}

    /** gdb's number for a signal it has no name for (GDB_SIGNAL_UNKNOWN); Linux's SIGSTKFLT is one. */
    public static final int GDB_UNKNOWN = 143;

    /** gdb's SIGPOLL, which Linux defines as SIGIO; only the gdb-to-Linux direction knows it. */
    public static final int GDB_POLL = 33;

    /** The first Linux real-time signal (the kernel's, not glibc's SIGRTMIN). */
    public static final int LINUX_SIGRTMIN = 32;

    /** The last Linux signal (_NSIG on PowerPC is 64). */
    public static final int LINUX_SIGRTMAX = 64;

    private static final List<Mapping> TABLE = buildTable();

    /** Indexed by Linux number; -1 where gdb has no number. */
    private static final int[] TO_GDB = new int[LINUX_SIGRTMAX + 1];

    /** Indexed by gdb number up to {@link #GDB_UNKNOWN}; -1 where Linux has no signal. */
    private static final int[] TO_LINUX = new int[GDB_UNKNOWN + 1];

    static {
        Arrays.fill(TO_GDB, -1);
        Arrays.fill(TO_LINUX, -1);
        for (Mapping m : TABLE) {
            TO_GDB[m.linux()] = m.gdb();
            TO_LINUX[m.gdb()] = m.linux();
        }
        TO_LINUX[GDB_POLL] = 29;
    }

    private GdbSignals() {}

    private static List<Mapping> buildTable() {
        List<Mapping> t = new ArrayList<>();
        t.add(new Mapping("0", 0, 0));
        t.add(new Mapping("SIGHUP", 1, 1));
        t.add(new Mapping("SIGINT", 2, 2));
        t.add(new Mapping("SIGQUIT", 3, 3));
        t.add(new Mapping("SIGILL", 4, 4));
        t.add(new Mapping("SIGTRAP", 5, 5));
        t.add(new Mapping("SIGABRT", 6, 6));
        t.add(new Mapping("SIGBUS", 7, 10));
        t.add(new Mapping("SIGFPE", 8, 8));
        t.add(new Mapping("SIGKILL", 9, 9));
        t.add(new Mapping("SIGUSR1", 10, 30));
        t.add(new Mapping("SIGSEGV", 11, 11));
        t.add(new Mapping("SIGUSR2", 12, 31));
        t.add(new Mapping("SIGPIPE", 13, 13));
        t.add(new Mapping("SIGALRM", 14, 14));
        t.add(new Mapping("SIGTERM", 15, 15));
        // 16 is SIGSTKFLT, which gdb has no number for.
        t.add(new Mapping("SIGCHLD", 17, 20));
        t.add(new Mapping("SIGCONT", 18, 19));
        t.add(new Mapping("SIGSTOP", 19, 17));
        t.add(new Mapping("SIGTSTP", 20, 18));
        t.add(new Mapping("SIGTTIN", 21, 21));
        t.add(new Mapping("SIGTTOU", 22, 22));
        t.add(new Mapping("SIGURG", 23, 16));
        t.add(new Mapping("SIGXCPU", 24, 24));
        t.add(new Mapping("SIGXFSZ", 25, 25));
        t.add(new Mapping("SIGVTALRM", 26, 26));
        t.add(new Mapping("SIGPROF", 27, 27));
        t.add(new Mapping("SIGWINCH", 28, 28));
        t.add(new Mapping("SIGIO", 29, 23));
        t.add(new Mapping("SIGPWR", 30, 32));
        t.add(new Mapping("SIGSYS", 31, 12));
        // gdb numbered SIG33..SIG63 first (45..75) and added SIG32 (77) and SIG64 (78) later.
        t.add(new Mapping("SIG32", 32, 77));
        for (int linux = 33; linux <= 63; linux++) {
            t.add(new Mapping("SIG" + linux, linux, 45 + (linux - 33)));
        }
        t.add(new Mapping("SIG64", 64, 78));
        return List.copyOf(t);
    }

    /** Every Linux signal gdb has a number for, in Linux order, starting with 0 (no signal). */
    public static List<Mapping> table() {
        return TABLE;
    }

    /** gdb's number for a Linux signal, or {@link #GDB_UNKNOWN} for SIGSTKFLT or a number out of 0..64. */
    public static int toGdb(int linuxSignal) {
        if (linuxSignal < 0 || linuxSignal > LINUX_SIGRTMAX || TO_GDB[linuxSignal] < 0) {
            return GDB_UNKNOWN;
        }
        return TO_GDB[linuxSignal];
    }

    /**
     * The Linux signal for a gdb number (as in {@code C sig} or {@code QPassSignals}), or empty
     * when Linux has no such signal (SIGEMT, SIGLOST, SIG65 and up, ...): the caller answers an error
     * or ignores it.
     */
    public static OptionalInt toLinux(int gdbSignal) {
        if (gdbSignal < 0 || gdbSignal >= TO_LINUX.length || TO_LINUX[gdbSignal] < 0) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(TO_LINUX[gdbSignal]);
    }
}
