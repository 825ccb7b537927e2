package org.ppcvm.linux;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

/**
 * The process's three interval timers ({@code setitimer}, {@code alarm}): ITIMER_REAL sends
 * SIGALRM, ITIMER_VIRTUAL SIGVTALRM and ITIMER_PROF SIGPROF when it expires, then reloads with its
 * interval. All three count host wall-clock time here (the guest runs on one host thread, so its
 * CPU time and the elapsed time differ only by what the host takes away).
 *
 * <p>Expiry happens on a timer thread, which only tells the owner which signal is due ({@code
 * expired}, thread-safe); the owner generates it at its next check, as an asynchronous event.
 */
final class IntervalTimers implements AutoCloseable {
    static final int REAL = 0;
    static final int VIRTUAL = 1;
    static final int PROF = 2;

    private static final int[] SIGNALS = {14, 26, 27};

    /** What a timer is set to: the time to the next expiry (0: disarmed) and the reload interval. */
    record Setting(long valueNanos, long intervalNanos) {}

    private final IntConsumer expired;
    private final ScheduledFuture<?>[] tasks = new ScheduledFuture<?>[3];
    private final long[] deadlines = new long[3];
    private final long[] intervals = new long[3];
    private ScheduledExecutorService executor;

    /** @param expired receives the signal of a timer that expired, on the timer thread */
    IntervalTimers(IntConsumer expired) {
        this.expired = expired;
    }

    /** Arms (or with 0 disarms) timer {@code which}; returns its previous setting. */
    synchronized Setting set(int which, long valueNanos, long intervalNanos) {
        Setting old = get(which);
        if (tasks[which] != null) {
            tasks[which].cancel(false);
            tasks[which] = null;
        }
        intervals[which] = intervalNanos;
        if (valueNanos > 0) {
            deadlines[which] = System.nanoTime() + valueNanos;
            schedule(which, valueNanos);
        }
        return old;
    }

    /** The current setting of timer {@code which}. */
    synchronized Setting get(int which) {
        if (tasks[which] == null) {
            return new Setting(0, intervals[which]);
        }
        // An armed timer has at least a nanosecond left: 0 would read as disarmed.
        return new Setting(Math.max(1, deadlines[which] - System.nanoTime()), intervals[which]);
    }

    private void schedule(int which, long delayNanos) {
        if (executor == null) {
            executor = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "guest-itimer");
                t.setDaemon(true);
                return t;
            });
        }
        tasks[which] = executor.schedule(() -> fire(which), delayNanos, TimeUnit.NANOSECONDS);
    }

    private synchronized void fire(int which) {
        tasks[which] = null;
        if (intervals[which] > 0) {
            deadlines[which] += intervals[which];
            schedule(which, Math.max(0, deadlines[which] - System.nanoTime()));
        }
        expired.accept(SIGNALS[which]);
    }

    @Override
    public synchronized void close() {
        if (executor != null) {
            executor.shutdownNow();
        }
    }
}
