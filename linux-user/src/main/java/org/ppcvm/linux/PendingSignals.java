package org.ppcvm.linux;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Signals generated and not yet delivered, with their siginfo: a thread's own or a process's.
 * Standard signals (1-31) pending twice are one; real-time signals (32-64) queue in order.
 */
final class PendingSignals {
    private static final long SYNCHRONOUS =
            SignalState.bit(11) | SignalState.bit(7) | SignalState.bit(4) | SignalState.bit(5) | SignalState.bit(8);

    @SuppressWarnings("unchecked")
    private final Deque<SigInfo>[] queues = new Deque[65];

    private long mask;

    PendingSignals() {
        for (int sig = 1; sig <= 64; sig++) {
            queues[sig] = new ArrayDeque<>();
        }
    }

    long mask() {
        return mask;
    }

    /** Queues a signal (a standard one only if it is not pending already). */
    void add(SigInfo info) {
        int sig = info.signo();
        if (sig < 32 && (mask & SignalState.bit(sig)) != 0) {
            return;
        }
        queues[sig].addLast(info);
        mask |= SignalState.bit(sig);
    }

    /** Queues a signal to be taken before any other of its number (a fault's). */
    void addFirst(SigInfo info) {
        int sig = info.signo();
        queues[sig].addFirst(info);
        mask |= SignalState.bit(sig);
    }

    /**
     * Takes the next signal among {@code allowed}: the synchronous SIGSEGV, SIGBUS, SIGILL,
     * SIGTRAP and SIGFPE first, then the lowest number; null if none is pending.
     */
    SigInfo take(long allowed) {
        long ready = mask & allowed;
        if (ready == 0) {
            return null;
        }
        long synchronous = ready & SYNCHRONOUS;
        int sig = Long.numberOfTrailingZeros(synchronous != 0 ? synchronous : ready) + 1;
        SigInfo info = queues[sig].removeFirst();
        if (queues[sig].isEmpty()) {
            mask &= ~SignalState.bit(sig);
        }
        return info;
    }

    /** Drops every pending instance of {@code sig} (its action became ignore). */
    void discard(int sig) {
        queues[sig].clear();
        mask &= ~SignalState.bit(sig);
    }
}
