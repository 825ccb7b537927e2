package org.ppcvm.linux;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A process's signals as the kernel keeps them: each signal's action ({@code sigaction}), the
 * blocked mask, the pending signals with their siginfo, and the alternate signal stack.
 *
 * <p>Masks are {@code long}s with bit {@code n-1} for signal {@code n}. Standard signals (1-31)
 * pending twice are one; real-time signals (32-64) queue. A signal whose action is to ignore it
 * is discarded when it is generated, as Linux does; SIGKILL and SIGSTOP can be neither caught,
 * blocked nor ignored.
 */
final class SignalState {
    static final int SIG_DFL = 0;
    static final int SIG_IGN = 1;

    static final int SA_SIGINFO = 0x4;
    static final int SA_ONSTACK = 0x0800_0000;
    static final int SA_RESTART = 0x1000_0000;
    static final int SA_NODEFER = 0x4000_0000;
    static final int SA_RESETHAND = 0x8000_0000;

    static final int SS_ONSTACK = 1;
    static final int SS_DISABLE = 2;
    /** The smallest alternate stack Linux accepts on PowerPC (MINSIGSTKSZ). */
    static final int MINSIGSTKSZ = 2048;

    static final int SIGKILL = 9;
    static final int SIGSTOP = 19;

    /** Signals no mask can hold back. */
    static final long UNBLOCKABLE = bit(SIGKILL) | bit(SIGSTOP);

    /**
     * The ppc32 kernel's {@code struct sigaction}: handler at 0, flags at 4, restorer at 8 and
     * the 64-bit mask at 12 (signals 1-32, then 33-64), 20 bytes.
     */
    record Action(int handler, int flags, int restorer, long mask) {
        static final int SIZE = 20;
        static final Action DEFAULT = new Action(SIG_DFL, 0, 0, 0);

        static Action decode(byte[] bytes) {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            return new Action(b.getInt(0), b.getInt(4), b.getInt(8), maskFromGuest(b.getLong(12)));
        }

        byte[] encode() {
            return UserMemory.bigEndian(SIZE)
                    .putInt(0, handler)
                    .putInt(4, flags)
                    .putInt(8, restorer)
                    .putLong(12, maskToGuest(mask))
                    .array();
        }

        boolean isHandler() {
            return handler != SIG_DFL && handler != SIG_IGN;
        }
    }

    /** The alternate signal stack ({@code stack_t}: ss_sp, ss_flags, ss_size). */
    record AltStack(int sp, int flags, int size) {
        static final AltStack DISABLED = new AltStack(0, SS_DISABLE, 0);

        boolean enabled() {
            return (flags & SS_DISABLE) == 0 && size != 0;
        }

        /** Whether {@code address} lies on this stack (its top excluded, as Linux's on_sig_stack). */
        boolean contains(int address) {
            long a = Integer.toUnsignedLong(address);
            long base = Integer.toUnsignedLong(sp);
            return enabled() && a > base && a <= base + Integer.toUnsignedLong(size);
        }
    }

    private final Action[] actions = new Action[65];

    /** Bits of signals an asynchronous source (an interval timer) made due, not yet generated. */
    private final java.util.concurrent.atomic.AtomicLong due = new java.util.concurrent.atomic.AtomicLong();

    @SuppressWarnings("unchecked")
    private final Deque<SigInfo>[] pending = new Deque[65];

    private long pendingMask;
    private long blocked;

    /** The mask sigsuspend replaced, to come back when its signal has been delivered (or null). */
    private Long savedMask;

    private AltStack altStack = AltStack.DISABLED;

    SignalState() {
        for (int sig = 1; sig <= 64; sig++) {
            actions[sig] = Action.DEFAULT;
            pending[sig] = new ArrayDeque<>();
        }
    }

    static long bit(int sig) {
        return 1L << (sig - 1);
    }

    /** A guest sigset (two big-endian words: signals 1-32, then 33-64) as a mask. */
    static long maskFromGuest(long twoWords) {
        return Long.rotateLeft(twoWords, 32);
    }

    /** A mask as the guest's two words. */
    static long maskToGuest(long mask) {
        return Long.rotateLeft(mask, 32);
    }

    // ---- actions -------------------------------------------------------------------------------

    Action action(int sig) {
        return actions[sig];
    }

    /** Installs an action; one that ignores the signal discards it if it is pending. */
    void setAction(int sig, Action action) {
        actions[sig] = action;
        if (ignores(sig)) {
            discard(sig);
        }
    }

    /** Whether delivering {@code sig} now would do nothing: SIG_IGN, or a default action of ignore. */
    boolean ignores(int sig) {
        Action a = actions[sig];
        if (a.handler() == SIG_IGN) {
            return true;
        }
        return a.handler() == SIG_DFL && defaultIgnored(sig);
    }

    /** Signals whose default action is to do nothing here (ignore; and stop, which is not modelled). */
    static boolean defaultIgnored(int sig) {
        Signal.DefaultAction d = Signal.defaultAction(sig);
        return d == Signal.DefaultAction.IGNORE || d == Signal.DefaultAction.STOP;
    }

    // ---- mask ----------------------------------------------------------------------------------

    long blocked() {
        return blocked;
    }

    void setBlocked(long mask) {
        blocked = mask & ~UNBLOCKABLE;
    }

    /** sigsuspend: {@code mask} comes back once the signal that ends the wait has been delivered. */
    void saveMaskForHandler(long mask) {
        savedMask = mask;
    }

    /**
     * The mask a handler's frame saves, which its return restores: the one sigsuspend replaced if
     * it is waiting (that ends the wait), else the current one.
     */
    long maskForFrame() {
        if (savedMask != null) {
            long m = savedMask;
            savedMask = null;
            return m;
        }
        return blocked;
    }

    /** After a delivery that ran no handler: the mask sigsuspend replaced comes back. */
    void restoreSavedMask() {
        if (savedMask != null) {
            setBlocked(savedMask);
            savedMask = null;
        }
    }

    /** Puts back the mask {@link #maskForFrame} gave, when no frame could be built. */
    void restoreMask(long mask) {
        setBlocked(mask);
    }

    // ---- alternate stack -----------------------------------------------------------------------

    AltStack altStack() {
        return altStack;
    }

    void setAltStack(AltStack stack) {
        altStack = stack;
    }

    // ---- pending signals -----------------------------------------------------------------------

    /** Generates a signal for the process: queued unless its action ignores it. */
    void generate(SigInfo info) {
        int sig = info.signo();
        if (ignores(sig)) {
            return;
        }
        if (sig < 32 && (pendingMask & bit(sig)) != 0) {
            return; // a standard signal is pending at most once
        }
        pending[sig].addLast(info);
        pendingMask |= bit(sig);
    }

    /**
     * Generates a signal an instruction raised, which cannot wait: if the process blocks or
     * ignores it, its action goes back to the default and it is unblocked (Linux's
     * force_sig_info), so a fault the program cannot handle ends it.
     */
    void force(SigInfo info) {
        int sig = info.signo();
        if (actions[sig].handler() == SIG_IGN || (blocked & bit(sig)) != 0) {
            actions[sig] = Action.DEFAULT;
            blocked &= ~bit(sig);
        }
        pending[sig].addFirst(info);
        pendingMask |= bit(sig);
    }

    /**
     * Thread-safe: an asynchronous source (an interval timer) made {@code sig} due; it is generated,
     * from the kernel, the next time the process's thread looks at its signals.
     */
    void expired(int sig) {
        due.getAndUpdate(d -> d | bit(sig));
    }

    private void generateDue() {
        long d = due.getAndSet(0);
        while (d != 0) {
            int sig = Long.numberOfTrailingZeros(d) + 1;
            d &= d - 1;
            generate(SigInfo.kernel(sig));
        }
    }

    /** The pending signals, blocked or not. */
    long pendingMask() {
        generateDue();
        return pendingMask;
    }

    boolean hasDeliverable() {
        generateDue();
        return (pendingMask & ~blocked) != 0;
    }

    /**
     * Takes the signal to deliver next: the lowest-numbered pending one that is not blocked (the
     * synchronous SIGSEGV, SIGBUS, SIGILL, SIGTRAP and SIGFPE first, as Linux does), or null.
     */
    SigInfo dequeue() {
        return dequeue(~blocked);
    }

    /** The same among the signals in {@code allowed}, blocked or not (sigtimedwait). */
    SigInfo dequeue(long allowed) {
        generateDue();
        long ready = pendingMask & allowed;
        if (ready == 0) {
            return null;
        }
        long synchronous = ready & (bit(11) | bit(7) | bit(4) | bit(5) | bit(8));
        int sig = Long.numberOfTrailingZeros(synchronous != 0 ? synchronous : ready) + 1;
        SigInfo info = pending[sig].removeFirst();
        if (pending[sig].isEmpty()) {
            pendingMask &= ~bit(sig);
        }
        return info;
    }

    private void discard(int sig) {
        pending[sig].clear();
        pendingMask &= ~bit(sig);
    }
}
