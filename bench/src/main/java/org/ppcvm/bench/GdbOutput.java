package org.ppcvm.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a {@link GdbScript} made gdb print about itself: the lines {@code ppcvm-bench: KEY VALUE}
 * that its {@code python print} commands write among gdb's own output. A key printed twice keeps
 * its last value.
 *
 * @param values the value of each key, in the order the keys first appeared
 */
public record GdbOutput(Map<String, String> values) {
    /** What starts every line a script prints for the benchmark. */
    public static final String MARK = "ppcvm-bench:";

    private static final Pattern LINE = Pattern.compile("(?m)^" + Pattern.quote(MARK) + " ([a-z0-9-]+) (\\S+)\\s*$");

    public GdbOutput {
        values = Map.copyOf(values);
    }

    /** The marked lines of {@code text} (gdb's stdout). */
    public static GdbOutput parse(String text) {
        Map<String, String> values = new LinkedHashMap<>();
        Matcher m = LINE.matcher(text);
        while (m.find()) {
            values.put(m.group(1), m.group(2));
        }
        return new GdbOutput(values);
    }

    public Optional<String> text(String key) {
        return Optional.ofNullable(values.get(key));
    }

    /** The value of {@code key} as a non-negative decimal number, if it is one. */
    public OptionalDouble number(String key) {
        String value = values.get(key);
        if (value == null || !value.matches("\\d+(\\.\\d+)?")) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(Double.parseDouble(value));
    }

    /** The value of {@code key} as a non-negative whole number, if it is one. */
    public OptionalLong count(String key) {
        String value = values.get(key);
        if (value == null || !value.matches("\\d{1,18}")) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Long.parseLong(value));
    }
}
