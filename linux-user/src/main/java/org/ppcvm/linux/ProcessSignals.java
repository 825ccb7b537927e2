package org.ppcvm.linux;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a process's threads share about signals: each signal's action ({@code sigaction}) and the
 * signals sent to the process as a whole ({@code kill}, timers), which whichever thread does not
 * block them delivers.
 */
final class ProcessSignals {
    private final SignalState.Action[] actions = new SignalState.Action[65];
    private final PendingSignals pending = new PendingSignals();
    private final List<SignalState> threads = new ArrayList<>();

    /** Bits of signals an asynchronous source (an interval timer) made due, not yet generated. */
    private final AtomicLong due = new AtomicLong();

    ProcessSignals() {
        for (int sig = 1; sig <= 64; sig++) {
            actions[sig] = SignalState.Action.DEFAULT;
        }
    }

    /** A new process's signals: these actions copied (vfork), nothing pending. */
    ProcessSignals copyActions() {
        ProcessSignals copy = new ProcessSignals();
        System.arraycopy(actions, 1, copy.actions, 1, 64);
        return copy;
    }

    void register(SignalState thread) {
        threads.add(thread);
    }

    void unregister(SignalState thread) {
        threads.remove(thread);
    }

    SignalState.Action action(int sig) {
        return actions[sig];
    }

    /** Installs an action; one that ignores the signal discards it wherever it is pending. */
    void setAction(int sig, SignalState.Action action) {
        actions[sig] = action;
        if (ignores(sig)) {
            pending.discard(sig);
            for (SignalState t : threads) {
                t.pending().discard(sig);
            }
        }
    }

    /** Whether delivering {@code sig} now would do nothing: SIG_IGN, or a default action of ignore. */
    boolean ignores(int sig) {
        SignalState.Action a = actions[sig];
        if (a.handler() == SignalState.SIG_IGN) {
            return true;
        }
        return a.handler() == SignalState.SIG_DFL && SignalState.defaultIgnored(sig);
    }

    /** The process-wide pending signals (asynchronous sources included). */
    PendingSignals pending() {
        generateDue();
        return pending;
    }

    /** Generates a signal for the process as a whole: queued unless its action ignores it. */
    void generate(SigInfo info) {
        if (!ignores(info.signo())) {
            pending.add(info);
        }
    }

    /**
     * Thread-safe: an asynchronous source (an interval timer) made {@code sig} due; it is generated,
     * from the kernel, the next time a thread looks at its signals.
     */
    void expired(int sig) {
        due.getAndUpdate(d -> d | SignalState.bit(sig));
    }

    private void generateDue() {
        long d = due.getAndSet(0);
        while (d != 0) {
            int sig = Long.numberOfTrailingZeros(d) + 1;
            d &= d - 1;
            generate(SigInfo.kernel(sig));
        }
    }
}
