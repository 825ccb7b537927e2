package org.ppcvm.linux.host;

/**
 * A time or duration as the host's 64-bit {@code struct timespec} carries it.
 *
 * @param seconds whole seconds (signed)
 * @param nanos nanoseconds, 0 to 999,999,999 in a normalized value
 */
public record Timespec(long seconds, long nanos) {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    /** The duration {@code nanos} nanoseconds long; {@code nanos} must not be negative. */
    public static Timespec ofNanos(long nanos) {
        return new Timespec(nanos / NANOS_PER_SECOND, nanos % NANOS_PER_SECOND);
    }

    /** Whether {@code nanos} is in range, as the kernel checks before sleeping or waiting. */
    public boolean isValid() {
        return nanos >= 0 && nanos < NANOS_PER_SECOND;
    }

    /** The value in nanoseconds, saturating at {@link Long#MAX_VALUE} / {@link Long#MIN_VALUE}. */
    public long toNanos() {
        try {
            return Math.addExact(Math.multiplyExact(seconds, NANOS_PER_SECOND), nanos);
        } catch (ArithmeticException overflow) {
            return seconds < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }
}
