package org.ppcvm.linux.host;

/**
 * A resource limit as the host's 64-bit {@code struct rlimit} holds it; values are unsigned and
 * {@link #INFINITY} ({@code RLIM_INFINITY}, all ones) means no limit.
 *
 * @param cur {@code rlim_cur}, the soft limit
 * @param max {@code rlim_max}, the hard limit
 */
public record Rlimit(long cur, long max) {
    /** {@code RLIM_INFINITY} of a 64-bit {@code rlim_t}. */
    public static final long INFINITY = -1L;
}
