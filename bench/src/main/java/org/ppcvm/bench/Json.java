package org.ppcvm.bench;

import java.util.List;
import java.util.Locale;

/** The pieces of the benchmark reports' JSON documents. */
final class Json {
    private Json() {}

    /** A JSON string literal. */
    static String string(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    /** A JSON array of strings. */
    static String strings(List<String> values) {
        return values.stream().map(Json::string).toList().toString();
    }

    /** A JSON number, or null for a value JSON cannot hold (NaN, infinity). */
    static String number(double value) {
        return Double.isNaN(value) || Double.isInfinite(value) ? "null" : Double.toString(value);
    }

    /** {@code samples}' median and every time, in seconds. */
    static String samples(Samples samples) {
        return "{\"median\": " + number(samples.median()) + ", \"seconds\": "
                + samples.seconds().stream().map(Json::number).toList() + "}";
    }
}
