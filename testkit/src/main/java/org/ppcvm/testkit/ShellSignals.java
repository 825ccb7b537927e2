package org.ppcvm.testkit;

import java.util.Map;
import java.util.Optional;

/**
 * What bash prints when a foreground job dies by a signal, for Linux's (and ppc32's) signal
 * numbers, so that qemu-ppc's and ppcvm's fatal-signal reports can be compared as a user sees them.
 *
 * <p>The names are bash 5.2's (checked by killing a child with each signal under {@code bash -c}).
 * Signals whose default action dumps core are reported with {@code " (core dumped)"}, as ppcvm
 * does; bash stays silent for SIGINT and SIGPIPE.
 */
public final class ShellSignals {
    private ShellSignals() {}

    /**
     * One signal as a shell reports it.
     *
     * @param number the Linux signal number
     * @param name the text bash prints
     * @param dumpsCore whether the default action is to dump core
     * @param silent whether bash prints nothing (SIGINT, SIGPIPE)
     */
    public record Signal(int number, String name, boolean dumpsCore, boolean silent) {}

    private static final Map<Integer, Signal> SIGNALS = Map.ofEntries(
            terminates(1, "Hangup"),
            entry(new Signal(2, "Interrupt", false, true)),
            core(3, "Quit"),
            core(4, "Illegal instruction"),
            core(5, "Trace/breakpoint trap"),
            core(6, "Aborted"),
            core(7, "Bus error"),
            core(8, "Floating point exception"),
            terminates(9, "Killed"),
            terminates(10, "User defined signal 1"),
            core(11, "Segmentation fault"),
            terminates(12, "User defined signal 2"),
            entry(new Signal(13, "Broken pipe", false, true)),
            terminates(14, "Alarm clock"),
            terminates(15, "Terminated"),
            terminates(16, "Stack fault"),
            core(24, "CPU time limit exceeded"),
            core(25, "File size limit exceeded"),
            terminates(26, "Virtual timer expired"),
            terminates(27, "Profiling timer expired"),
            terminates(29, "I/O possible"),
            terminates(30, "Power failure"),
            core(31, "Bad system call"));

    private static Map.Entry<Integer, Signal> entry(Signal s) {
        return Map.entry(s.number(), s);
    }

    private static Map.Entry<Integer, Signal> core(int number, String name) {
        return entry(new Signal(number, name, true, false));
    }

    private static Map.Entry<Integer, Signal> terminates(int number, String name) {
        return entry(new Signal(number, name, false, false));
    }

    /** The signal with this number, if a shell has a name for it (real-time signals included). */
    public static Optional<Signal> lookup(int number) {
        Signal s = SIGNALS.get(number);
        if (s != null) {
            return Optional.of(s);
        }
        if (number >= 34 && number <= 64) {
            return Optional.of(new Signal(number, "Real-time signal " + (number - 34), false, false));
        }
        return Optional.empty();
    }

    /**
     * The line (with its newline) a shell prints after a job died by signal {@code number}, e.g.
     * {@code "Segmentation fault (core dumped)\n"}; empty for SIGINT and SIGPIPE.
     */
    public static String messageFor(int number) {
        Signal s = lookup(number).orElse(new Signal(number, "Unknown signal " + number, false, false));
        if (s.silent()) {
            return "";
        }
        return s.name() + (s.dumpsCore() ? " (core dumped)" : "") + "\n";
    }
}
