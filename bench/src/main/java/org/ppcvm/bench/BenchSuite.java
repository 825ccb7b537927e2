package org.ppcvm.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.ppcvm.testkit.GuestLanguage;

/**
 * The benchmark programs in a directory (by default {@code bench/src/main/guests}).
 *
 * <p>Every {@code .c} file is a program. Its settings are {@code key=value} pairs on a comment line
 * containing {@value #MARK}; a value is a bare word or a double-quoted string (no escapes), and
 * lists split at spaces. Keys:
 *
 * <ul>
 *   <li>{@code args}: the arguments of a full run
 *   <li>{@code quick}: the arguments of a {@code --quick} run
 *   <li>{@code cflags}: extra compiler flags for both builds
 *   <li>{@code role}: {@code benchmark} (the default) or {@code startup}: the one trivial program
 *       whose time is the runners' start-up cost
 * </ul>
 *
 * @param directory where the sources are
 * @param programs the benchmarks, sorted by name
 * @param startup the trivial program
 */
public record BenchSuite(Path directory, List<BenchProgram> programs, BenchProgram startup) {
    /** What marks a settings line. */
    public static final String MARK = "ppcvm-bench:";

    private static final Set<String> KEYS = Set.of("args", "quick", "cflags", "role");
    private static final Pattern SETTING = Pattern.compile("([a-z]+)=(\"[^\"]*\"|[^\\s\"]*)");

    public BenchSuite {
        programs = List.copyOf(programs);
    }

    /** The programs in {@code directory}. */
    public static BenchSuite load(Path directory) {
        List<BenchProgram> programs = new ArrayList<>();
        BenchProgram startup = null;
        try (Stream<Path> files = Files.list(directory)) {
            for (Path source : files.filter(p -> p.getFileName().toString().endsWith(".c"))
                    .sorted(Comparator.comparing(Path::toString))
                    .toList()) {
                Map<String, String> settings = settings(source, Files.readString(source, StandardCharsets.UTF_8));
                BenchProgram program = new BenchProgram(
                        GuestLanguage.stem(source),
                        source.toAbsolutePath(),
                        words(settings.getOrDefault("args", "")),
                        words(settings.getOrDefault("quick", settings.getOrDefault("args", ""))),
                        words(settings.getOrDefault("cflags", "")));
                switch (settings.getOrDefault("role", "benchmark")) {
                    case "benchmark" -> programs.add(program);
                    case "startup" -> {
                        if (startup != null) {
                            throw new IllegalArgumentException(
                                    "two start-up programs: " + startup.source() + " and " + source);
                        }
                        startup = program;
                    }
                    default ->
                        throw new IllegalArgumentException(
                                source + ": role must be benchmark or startup, not " + settings.get("role"));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the benchmark programs in " + directory, e);
        }
        if (startup == null) {
            throw new IllegalArgumentException("no program in " + directory + " says " + MARK + " role=startup");
        }
        return new BenchSuite(directory, programs, startup);
    }

    /**
     * {@code bench/src/main/guests} found from the current directory or one of its parents (the
     * repository root or the bench module).
     */
    public static Optional<Path> findDefaultDirectory() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path fromRoot = dir.resolve("bench/src/main/guests");
            if (Files.isDirectory(fromRoot)) {
                return Optional.of(fromRoot);
            }
            Path fromModule = dir.resolve("src/main/guests");
            if (dir.getFileName() != null
                    && dir.getFileName().toString().equals("bench")
                    && Files.isDirectory(fromModule)) {
                return Optional.of(fromModule);
            }
        }
        return Optional.empty();
    }

    /** Only the programs named in {@code names}; an unknown name is an error. */
    public BenchSuite only(List<String> names) {
        List<BenchProgram> chosen = new ArrayList<>();
        for (String name : names) {
            chosen.add(programs.stream()
                    .filter(p -> p.name().equals(name))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(
                            "no benchmark named '" + name + "' in " + directory + "; there are " + programs)));
        }
        return new BenchSuite(directory, chosen, startup);
    }

    /** The settings of every {@value #MARK} line in {@code text}. */
    static Map<String, String> settings(Path source, String text) {
        Map<String, String> settings = new LinkedHashMap<>();
        for (String line : text.lines().toList()) {
            int mark = line.indexOf(MARK);
            if (mark < 0) {
                continue;
            }
            String body = line.substring(mark + MARK.length()).strip();
            if (body.endsWith("*/")) {
                body = body.substring(0, body.length() - 2).strip();
            }
            Matcher m = SETTING.matcher(body);
            int end = 0;
            while (m.find()) {
                if (!body.substring(end, m.start()).isBlank()) {
                    break;
                }
                String key = m.group(1);
                if (!KEYS.contains(key)) {
                    throw new IllegalArgumentException(source + ": unknown " + MARK + " key '" + key + "'");
                }
                String value = m.group(2);
                settings.put(key, value.startsWith("\"") ? value.substring(1, value.length() - 1) : value);
                end = m.end();
            }
            if (!body.substring(end).isBlank()) {
                throw new IllegalArgumentException(source + ": cannot read " + MARK + " settings at '"
                        + body.substring(end).strip() + "'");
            }
        }
        return settings;
    }

    private static List<String> words(String value) {
        return value.isBlank()
                ? List.of()
                : Arrays.stream(value.strip().split("\\s+")).toList();
    }
}
