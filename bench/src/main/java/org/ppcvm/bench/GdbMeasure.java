package org.ppcvm.bench;

import java.util.Arrays;
import java.util.Locale;

/** The measurements of the gdb benchmark, in the order of its table. */
public enum GdbMeasure {
    /** {@code stepi N}: instructions stepped per second. */
    STEPI("stepi", "stepi", "steps", 1),
    /** A breakpoint whose commands are {@code silent} and {@code continue}: hits per second. */
    BREAKPOINT("break", "breakpoint hits", "hits", 1),
    /** The same with {@code watch} on a global the guest writes in a loop. */
    WATCHPOINT("watch", "watchpoint hits", "hits", 1),
    /** Reads of 4 bytes, one {@code m} packet each: the stub's round trips per second. */
    SMALL_READS("read", "4-byte memory reads", "reads", 1),
    /** {@code dump binary memory} of a large guest buffer: mebibytes per second. */
    DUMP("dump", "dump binary memory", "MiB", 1 << 20),
    /** The time to a watchpoint that fires after many guest instructions ({@link LateWatchResult}). */
    LATE_WATCHPOINT("late", "watchpoint after N instructions", "s", 1);

    private final String key;
    private final String title;
    private final String unit;
    private final long scale;

    GdbMeasure(String key, String title, String unit, long scale) {
        this.key = key;
        this.title = title;
        this.unit = unit;
        this.scale = scale;
    }

    /** What a rate counts, e.g. {@code hits}; the rate is per second. */
    public String unit() {
        return unit;
    }

    /** The amount of work that makes one {@link #unit()} (bytes per MiB, else 1). */
    public long scale() {
        return scale;
    }

    /** The name of {@code --only} and of the JSON. */
    public String key() {
        return key;
    }

    /** The table's name for it. */
    public String title() {
        return title;
    }

    /** The measurement called {@code key}. */
    public static GdbMeasure byKey(String key) {
        String k = key.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(m -> m.key.equals(k))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no gdb measurement named '" + key + "'; there are "
                        + Arrays.stream(values()).map(GdbMeasure::key).toList()));
    }
}
