package org.ppcvm.testkit;

import java.nio.file.Path;
import java.util.Locale;

/** The source languages of guest programs, by file extension. */
public enum GuestLanguage {
    /** {@code .c} */
    C,
    /** {@code .cc}, {@code .cpp}, {@code .cxx} */
    CXX,
    /** {@code .S}: assembly through the C preprocessor */
    ASSEMBLY;

    /** The language of {@code source} by its extension. */
    public static GuestLanguage of(Path source) {
        String name = source.getFileName().toString();
        if (name.endsWith(".S")) {
            return ASSEMBLY;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".c")) {
            return C;
        }
        if (lower.endsWith(".cc") || lower.endsWith(".cpp") || lower.endsWith(".cxx")) {
            return CXX;
        }
        throw new IllegalArgumentException("not a C, C++ or .S source: " + source);
    }

    /** The file name without its extension. */
    public static String stem(Path source) {
        String name = source.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
