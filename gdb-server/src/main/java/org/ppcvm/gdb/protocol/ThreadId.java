package org.ppcvm.gdb.protocol;

/**
 * A thread id as gdb writes it in {@code H}, {@code T}, {@code vCont}, {@code qC} and stop
 * replies. Each part is a positive hex number, {@link #ALL} ({@code -1}: every thread or process)
 * or {@link #ANY} ({@code 0}: an arbitrary one, the stub's choice).
 *
 * <p>With the multiprocess extension ({@code multiprocess+} in {@code qSupported}) an id is {@code
 * p<pid>.<tid>}, or {@code p<pid>} for all threads of a process; without it an id is the thread
 * part alone and {@link #hasPid()} is false.
 *
 * @param hasPid whether a process part was written ({@code p...})
 * @param pid the process part, or {@link #ALL} or {@link #ANY}; {@link #ANY} when absent
 * @param tid the thread part, or {@link #ALL} or {@link #ANY}
 */
public record ThreadId(boolean hasPid, int pid, int tid) {
    /** {@code -1}: all threads, or all processes. */
    public static final int ALL = -1;

    /** {@code 0}: any thread, or any process. */
    public static final int ANY = 0;

    /** {@code -1} without a process part: every thread. */
    public static final ThreadId ALL_THREADS = new ThreadId(false, ANY, ALL);

    /** {@code 0} without a process part: any thread. */
    public static final ThreadId ANY_THREAD = new ThreadId(false, ANY, ANY);

    public ThreadId {
        checkPart(pid, "pid");
        checkPart(tid, "tid");
        if (!hasPid && pid != ANY) {
            throw new IllegalArgumentException("a thread id without a process part has pid 0");
        }
    }

    /** {@code p<pid>.<tid>}. */
    public static ThreadId of(int pid, int tid) {
        return new ThreadId(true, pid, tid);
    }

    /** A thread id without a process part. */
    public static ThreadId thread(int tid) {
        return new ThreadId(false, ANY, tid);
    }

    /**
     * Parses {@code p<pid>.<tid>}, {@code p<pid>} (all its threads) or {@code <tid>}, each part hex
     * or {@code -1}.
     *
     * @throws IllegalArgumentException if the text is not a thread id
     */
    public static ThreadId parse(CharSequence text) {
        String s = text.toString();
        if (!s.startsWith("p")) {
            return thread(parsePart(s));
        }
        int dot = s.indexOf('.');
        if (dot < 0) {
            return of(parsePart(s.substring(1)), ALL);
        }
        return of(parsePart(s.substring(1, dot)), parsePart(s.substring(dot + 1)));
    }

    /**
     * The id as written on the wire: {@code p<pid>.<tid>} when the multiprocess extension is on,
     * else the thread part alone. Without a process part, multiprocess form has none either (gdb
     * accepts a bare thread id then).
     */
    public String encode(boolean multiprocess) {
        if (multiprocess && hasPid) {
            return "p" + partText(pid) + "." + partText(tid);
        }
        return partText(tid);
    }

    /** Whether this id selects every thread (of its process, or of all). */
    public boolean isAllThreads() {
        return tid == ALL;
    }

    /** Whether this id leaves the thread to the stub. */
    public boolean isAnyThread() {
        return tid == ANY;
    }

    @Override
    public String toString() {
        return encode(true);
    }

    private static void checkPart(int value, String name) {
        if (value < ALL) {
            throw new IllegalArgumentException(name + " must be -1, 0 or positive: " + value);
        }
    }

    private static String partText(int value) {
        return value == ALL ? "-1" : Integer.toHexString(value);
    }

    private static int parsePart(String s) {
        if (s.equals("-1")) {
            return ALL;
        }
        if (s.isEmpty() || s.length() > 8) {
            throw new IllegalArgumentException("not a thread id part: '" + s + "'");
        }
        long value = Packets.parseHexNumber(s);
        if (value > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("thread id part out of range: '" + s + "'");
        }
        return (int) value;
    }
}
