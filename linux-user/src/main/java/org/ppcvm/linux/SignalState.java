package org.ppcvm.linux;

import java.nio.ByteBuffer;

/**
 * A thread's signals as the kernel keeps them: its blocked mask, the signals pending for it alone
 * (tgkill, its faults), its alternate signal stack, with the process's actions and process-wide
 * pending signals ({@link ProcessSignals}) shared by all threads.
 *
 * <p>Masks are {@code long}s with bit {@code n-1} for signal {@code n}. A signal whose action is to
 * ignore it is discarded when it is generated, as Linux does; SIGKILL and SIGSTOP can be neither
 * caught, blocked nor ignored.
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

    private final ProcessSignals process;
    private final PendingSignals pending = new PendingSignals();
    private long blocked;

    /** The mask sigsuspend replaced, to come back when its signal has been delivered (or null). */
    private Long savedMask;

    private AltStack altStack = AltStack.DISABLED;

    /** A thread's signal state within {@code process}, which shares actions and process-wide signals. */
    SignalState(ProcessSignals process) {
        this.process = process;
        process.register(this);
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

    ProcessSignals process() {
        return process;
    }

    /** This thread leaves the process: its own pending signals go with it. */
    void detach() {
        process.unregister(this);
    }

    // ---- actions (the process's) ---------------------------------------------------------------

    Action action(int sig) {
        return process.action(sig);
    }

    void setAction(int sig, Action action) {
        process.setAction(sig, action);
    }

    boolean ignores(int sig) {
        return process.ignores(sig);
    }

    /** Signals whose default action is to do nothing here (ignore; and stop, which is not modelled). */
    static boolean defaultIgnored(int sig) {
        Signal.DefaultAction d = Signal.defaultAction(sig);
        return d == Signal.DefaultAction.IGNORE || d == Signal.DefaultAction.STOP;
    }

    PendingSignals pending() {
        return pending;
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

    /** Generates a signal for this thread (tgkill, a fault): queued unless its action ignores it. */
    void generate(SigInfo info) {
        if (!ignores(info.signo())) {
            pending.add(info);
        }
    }

    /**
     * Generates a signal an instruction raised, which cannot wait: if the thread blocks or the
     * process ignores it, its action goes back to the default and it is unblocked (Linux's
     * force_sig_info), so a fault the program cannot handle ends it.
     */
    void force(SigInfo info) {
        int sig = info.signo();
        if (action(sig).handler() == SIG_IGN || (blocked & bit(sig)) != 0) {
            process.setAction(sig, Action.DEFAULT);
            blocked &= ~bit(sig);
        }
        pending.addFirst(info);
    }

    /** The signals pending for this thread, its own and the process's, blocked or not. */
    long pendingMask() {
        return pending.mask() | process.pending().mask();
    }

    boolean hasDeliverable() {
        return (pendingMask() & ~blocked) != 0;
    }

    /**
     * Takes the signal to deliver next: among the pending ones this thread does not block, its own
     * before the process's, the synchronous SIGSEGV, SIGBUS, SIGILL, SIGTRAP and SIGFPE first, then
     * the lowest number (as Linux does); null if none.
     */
    SigInfo dequeue() {
        return dequeue(~blocked);
    }

    /** The same among the signals in {@code allowed}, blocked or not (sigtimedwait). */
    SigInfo dequeue(long allowed) {
        SigInfo own = pending.take(allowed);
        return own != null ? own : process.pending().take(allowed);
    }
}
