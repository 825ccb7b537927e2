package org.ppcvm.testkit.gdb;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ppcvm.testkit.GuestToolchain;
import org.ppcvm.testkit.OptLevel;

/**
 * The guest programs of the gdb tests, built with the cross compiler (-O0 -g), and their source
 * lines: a line the tests name carries a {@code @name} marker comment, and {@link #line} finds it,
 * so no test hard-codes a line number.
 *
 * <ul>
 *   <li>{@code gdb/debuggee.c}, static: one program whose first argument picks a mode (its header
 *       comment lists them);
 *   <li>{@code gdb/pie.c}, static PIE ({@code -static-pie -nostdlib}): a call chain to break in
 *       wherever the program was loaded;
 *   <li>{@code gdb/threads.c}, static, with {@code -pthread}: main and four workers that wait at
 *       gates and are released one at a time;
 *   <li>{@code gdb/signals.c}, static: handlers for SIGUSR1 (SA_SIGINFO), SIGUSR2 (plain) and
 *       SIGSEGV (siglongjmp), and the program raising those signals.
 * </ul>
 */
final class Debuggee {
    static final Path SOURCE = Path.of("src", "test", "resources", "gdb", "debuggee.c");
    static final Path PIE_SOURCE = Path.of("src", "test", "resources", "gdb", "pie.c");
    static final Path THREADS_SOURCE = Path.of("src", "test", "resources", "gdb", "threads.c");
    static final Path SIGNALS_SOURCE = Path.of("src", "test", "resources", "gdb", "signals.c");

    private static final GuestToolchain TOOLCHAIN = new GuestToolchain(Path.of("target", "guests", "gdb"));
    private static final Pattern MARKER = Pattern.compile("@([a-z][a-z0-9_]*)");
    private static final Map<Path, Map<String, Integer>> MARKERS = new HashMap<>();

    private Debuggee() {}

    /** The static debuggee (built on first use, then cached by content). */
    static Path program() {
        return TOOLCHAIN.build(SOURCE, OptLevel.O0);
    }

    /** The static PIE. */
    static Path pie() {
        return TOOLCHAIN.build(PIE_SOURCE, OptLevel.O0, List.of("-nostdlib", "-static-pie"));
    }

    /** The threaded program. */
    static Path threads() {
        return TOOLCHAIN.build(THREADS_SOURCE, OptLevel.O0, List.of("-pthread"));
    }

    /** The program with signal handlers. */
    static Path signals() {
        return TOOLCHAIN.build(SIGNALS_SOURCE, OptLevel.O0);
    }

    /** The number of the line of debuggee.c marked {@code @name}. */
    static int line(String name) {
        return line(SOURCE, name);
    }

    /** The number of the line of {@code source} marked {@code @name}. */
    static synchronized int line(Path source, String name) {
        Map<String, Integer> markers = MARKERS.computeIfAbsent(source, Debuggee::readMarkers);
        Integer line = markers.get(name);
        if (line == null) {
            throw new IllegalArgumentException("no @" + name + " marker in " + source);
        }
        return line;
    }

    /** The text of line {@code number} of {@code source}. */
    static String sourceText(Path source, int number) {
        return lines(source).get(number - 1);
    }

    /**
     * How gdb lists the line marked {@code @name} of debuggee.c when it stops there: its number, a
     * tab, the text, a newline.
     */
    static String listing(String name) {
        return listing(SOURCE, name);
    }

    /** How gdb lists the line of {@code source} marked {@code @name}. */
    static String listing(Path source, String name) {
        int n = line(source, name);
        return n + "\t" + sourceText(source, n) + "\n";
    }

    /** How gdb lists line {@code n} of debuggee.c. */
    static String listing(int n) {
        return n + "\t" + sourceText(SOURCE, n) + "\n";
    }

    /** {@code debuggee.c:N} for the line marked {@code @name}, as gdb names a location. */
    static String at(String name) {
        return "debuggee.c:" + line(name);
    }

    /** {@code FILE:N} for the line of {@code source} marked {@code @name}, as gdb names a location. */
    static String at(Path source, String name) {
        return source.getFileName() + ":" + line(source, name);
    }

    private static Map<String, Integer> readMarkers(Path source) {
        Map<String, Integer> markers = new HashMap<>();
        List<String> lines = lines(source);
        for (int i = 0; i < lines.size(); i++) {
            int comment = lines.get(i).indexOf("/*");
            if (comment < 0) {
                continue;
            }
            Matcher m = MARKER.matcher(lines.get(i).substring(comment));
            if (m.find() && markers.put(m.group(1), i + 1) != null) {
                throw new IllegalStateException("@" + m.group(1) + " marks two lines of " + source);
            }
        }
        return markers;
    }

    private static List<String> lines(Path source) {
        try {
            return Files.readAllLines(source, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
