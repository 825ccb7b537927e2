package org.ppcvm.linux;

/**
 * Linux signals as a 32-bit PowerPC process sees them (the generic numbering), with what a shell
 * prints when a process dies of one and whether the default action dumps core.
 */
public enum Signal {
    SIGHUP(1, "Hangup", false),
    SIGINT(2, "", false),
    SIGQUIT(3, "Quit", true),
    SIGILL(4, "Illegal instruction", true),
    SIGTRAP(5, "Trace/breakpoint trap", true),
    SIGABRT(6, "Aborted", true),
    SIGBUS(7, "Bus error", true),
    SIGFPE(8, "Floating point exception", true),
    SIGKILL(9, "Killed", false),
    SIGUSR1(10, "User defined signal 1", false),
    SIGSEGV(11, "Segmentation fault", true),
    SIGUSR2(12, "User defined signal 2", false),
    SIGPIPE(13, "", false),
    SIGALRM(14, "Alarm clock", false),
    SIGTERM(15, "Terminated", false),
    SIGSTKFLT(16, "Stack fault", false),
    SIGCHLD(17, "", false),
    SIGCONT(18, "", false),
    SIGSTOP(19, "Stopped (signal)", false),
    SIGTSTP(20, "Stopped", false),
    SIGTTIN(21, "Stopped (tty input)", false),
    SIGTTOU(22, "Stopped (tty output)", false),
    SIGURG(23, "", false),
    SIGXCPU(24, "CPU time limit exceeded", true),
    SIGXFSZ(25, "File size limit exceeded", true),
    SIGVTALRM(26, "Virtual timer expired", false),
    SIGPROF(27, "Profiling timer expired", false),
    SIGWINCH(28, "", false),
    SIGIO(29, "I/O possible", false),
    SIGPWR(30, "Power failure", false),
    SIGSYS(31, "Bad system call", true);

    private final int number;
    private final String shellMessage;
    private final boolean dumpsCore;

    Signal(int number, String shellMessage, boolean dumpsCore) {
        this.number = number;
        this.shellMessage = shellMessage;
        this.dumpsCore = dumpsCore;
    }

    public int number() {
        return number;
    }

    public boolean dumpsCore() {
        return dumpsCore;
    }

    /** The line bash prints when a foreground job dies of this signal (empty: none). */
    public String shellMessage() {
        return shellMessage.isEmpty() || !dumpsCore ? shellMessage : shellMessage + " (core dumped)";
    }

    /** The first real-time signal as glibc numbers them (32 and 33 are its own). */
    public static final int SIGRTMIN = 34;

    /** What bash prints when a job dies of signal {@code number} (1-64), possibly empty. */
    public static String shellMessage(int number) {
        if (number < 32) {
            return of(number).shellMessage();
        }
        return number < SIGRTMIN ? "Unknown signal " + number : "Real-time signal " + (number - SIGRTMIN);
    }

    /** What the default action of signal {@code number} (1-64) is. */
    public static DefaultAction defaultAction(int number) {
        if (number >= 32) {
            return DefaultAction.TERMINATE;
        }
        Signal s = of(number);
        return switch (s) {
            case SIGCHLD, SIGCONT, SIGURG, SIGWINCH -> DefaultAction.IGNORE;
            case SIGSTOP, SIGTSTP, SIGTTIN, SIGTTOU -> DefaultAction.STOP;
            default -> s.dumpsCore ? DefaultAction.CORE : DefaultAction.TERMINATE;
        };
    }

    /** Linux's default actions. */
    public enum DefaultAction {
        TERMINATE,
        CORE,
        IGNORE,
        STOP
    }

    public static Signal of(int number) {
        for (Signal s : values()) {
            if (s.number == number) {
                return s;
            }
        }
        throw new IllegalArgumentException("no signal " + number);
    }
}
