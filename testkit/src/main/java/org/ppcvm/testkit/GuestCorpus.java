package org.ppcvm.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The guest programs in a directory (by default {@code testkit/src/test/guests}) and their settings.
 *
 * <p>Every {@code .c}, {@code .cc}/{@code .cpp} and {@code .S} file is a program. Its settings are in
 * comment lines containing {@code ppcvm-test:} followed by {@code key=value} pairs; several such
 * lines add up. A value is a bare word or a double-quoted string with the escapes {@code \n \t \r \0
 * \\ \" \xHH}. Keys:
 *
 * <ul>
 *   <li>{@code args}: the arguments, split at spaces; single quotes group a word ({@code args="a 'b
 *       c' ''"})
 *   <li>{@code stdin}: the input bytes; {@code stdin-repeat=N} repeats them N times
 *   <li>{@code env}: {@code NAME=value} words added to {@link #BASE_ENV}
 *   <li>{@code exit}: the expected exit status, 128 + N for death by signal N (default 0)
 *   <li>{@code opts}: the levels to test, {@code O0}, {@code O2} or {@code O0,O2} (the default)
 *   <li>{@code cpu}: qemu-ppc's {@code -cpu} (default {@value #DEFAULT_QEMU_CPU}; {@code default}
 *       for qemu's own default)
 *   <li>{@code cflags}: extra compiler flags, split at spaces
 *   <li>{@code timeout}: seconds per run (default 60)
 *   <li>{@code link}: {@code static} (the default) or {@code dynamic}, against the cross libc's
 *       shared libraries (qemu-ppc then runs with {@code -L} {@link GuestToolchain#SYSROOT})
 * </ul>
 *
 * <p>Example: {@code // ppcvm-test: args="a b" stdin="hello\n" exit=3 opts=O0,O2}
 */
public final class GuestCorpus {
    /** What marks a settings line. */
    public static final String MARK = "ppcvm-test:";

    /**
     * The environment every program starts from: fixed, so that runs are reproducible, and the C
     * locale and UTC so that formatting does not depend on the host.
     */
    public static final Map<String, String> BASE_ENV =
            Map.of("PATH", "/usr/bin:/bin", "HOME", "/", "LC_ALL", "C", "TZ", "UTC0");

    /**
     * qemu-ppc's CPU unless a program says otherwise: the model whose user-visible behaviour is
     * closest to what ppcvm emulates (isel, a 64-byte {@code dcbz} line matching AT_DCACHEBSIZE).
     */
    public static final String DEFAULT_QEMU_CPU = "e500mc";

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(180);

    private static final Set<String> KEYS =
            Set.of("args", "stdin", "stdin-repeat", "env", "exit", "opts", "cpu", "cflags", "timeout", "link");

    /**
     * One program at one optimisation level: the unit a parameterised test runs.
     *
     * @param program the program
     * @param opt the level to build it at
     */
    public record Case(GuestProgram program, OptLevel opt) {
        /** Builds (or finds in the cache) this case's binary. */
        public Path build(GuestToolchain toolchain) {
            return program.build(toolchain, opt);
        }

        @Override
        public String toString() {
            return program.name() + " " + opt.flag();
        }
    }

    private final Path directory;
    private final List<GuestProgram> programs;

    private GuestCorpus(Path directory, List<GuestProgram> programs) {
        this.directory = directory;
        this.programs = List.copyOf(programs);
    }

    /** The programs in {@code directory}, sorted by name. */
    public static GuestCorpus load(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            List<GuestProgram> programs = new ArrayList<>();
            for (Path source : files.filter(GuestCorpus::isSource)
                    .sorted(Comparator.comparing(Path::toString))
                    .toList()) {
                programs.add(parse(source, Files.readString(source, StandardCharsets.UTF_8)));
            }
            return new GuestCorpus(directory, programs);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the guest corpus in " + directory, e);
        }
    }

    /** The corpus in {@link #defaultDirectory()}. */
    public static GuestCorpus loadDefault() {
        return load(defaultDirectory());
    }

    /**
     * The system property {@code ppcvm.guests} if set, else {@code testkit/src/test/guests} found
     * from the current directory or one of its parents (so any module's tests can use it).
     */
    public static Path defaultDirectory() {
        String property = System.getProperty("ppcvm.guests");
        if (property != null) {
            return Path.of(property).toAbsolutePath();
        }
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path fromRoot = dir.resolve("testkit/src/test/guests");
            if (Files.isDirectory(fromRoot)) {
                return fromRoot;
            }
            Path fromModule = dir.resolve("src/test/guests");
            if (dir.getFileName() != null
                    && dir.getFileName().toString().equals("testkit")
                    && Files.isDirectory(fromModule)) {
                return fromModule;
            }
        }
        throw new IllegalStateException("no testkit/src/test/guests above " + start + "; set -Dppcvm.guests");
    }

    private static boolean isSource(Path p) {
        if (!Files.isRegularFile(p)) {
            return false;
        }
        try {
            GuestLanguage.of(p);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    public Path directory() {
        return directory;
    }

    public List<GuestProgram> programs() {
        return programs;
    }

    /** The program called {@code name}. */
    public GuestProgram program(String name) {
        return programs.stream()
                .filter(p -> p.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no guest program " + name + " in " + directory));
    }

    /** Every program at every level it asks for. */
    public List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        for (GuestProgram p : programs) {
            for (OptLevel opt : p.optLevels()) {
                cases.add(new Case(p, opt));
            }
        }
        return cases;
    }

    /** Reads the settings of the program in {@code source}, whose text is {@code text}. */
    static GuestProgram parse(Path source, String text) {
        Map<String, byte[]> settings = new LinkedHashMap<>();
        for (String line : text.split("\n", -1)) {
            int mark = line.indexOf(MARK);
            if (mark >= 0) {
                String body = line.substring(mark + MARK.length()).strip();
                if (body.endsWith("*/")) {
                    body = body.substring(0, body.length() - 2);
                }
                parseLine(source, body, settings);
            }
        }
        try {
            return toProgram(source, settings);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
        }
    }

    private static GuestProgram toProgram(Path source, Map<String, byte[]> settings) {
        List<String> args = words(string(settings, "args").orElse(""));
        byte[] stdin = settings.getOrDefault("stdin", new byte[0]);
        int repeat = string(settings, "stdin-repeat").map(Integer::parseInt).orElse(1);
        if (repeat != 1) {
            ByteArrayOutputStream repeated = new ByteArrayOutputStream();
            for (int i = 0; i < repeat; i++) {
                repeated.writeBytes(stdin);
            }
            stdin = repeated.toByteArray();
        }
        Map<String, String> env = new LinkedHashMap<>(BASE_ENV);
        for (String word : words(string(settings, "env").orElse(""))) {
            int eq = word.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("env entry is not NAME=value: " + word);
            }
            env.put(word.substring(0, eq), word.substring(eq + 1));
        }
        int exit = string(settings, "exit").map(Integer::parseInt).orElse(0);
        if (exit < 0 || exit > 255) {
            throw new IllegalArgumentException("exit status out of range: " + exit);
        }
        List<OptLevel> opts = string(settings, "opts")
                .map(s -> Stream.of(s.split(","))
                        .map(String::strip)
                        .map(OptLevel::valueOf)
                        .toList())
                .orElse(List.of(OptLevel.O0, OptLevel.O2));
        Optional<String> cpu =
                Optional.of(string(settings, "cpu").orElse(DEFAULT_QEMU_CPU)).filter(c -> !c.equals("default"));
        List<String> cflags = words(string(settings, "cflags").orElse(""));
        Duration timeout = string(settings, "timeout")
                .map(s -> Duration.ofSeconds(Long.parseLong(s)))
                .orElse(DEFAULT_TIMEOUT);
        GuestToolchain.Linkage linkage = switch (string(settings, "link").orElse("static")) {
            case "static" -> GuestToolchain.Linkage.STATIC;
            case "dynamic" -> GuestToolchain.Linkage.DYNAMIC;
            default -> throw new IllegalArgumentException(source + ": link must be static or dynamic");
        };
        return new GuestProgram(
                GuestLanguage.stem(source), source, args, stdin, env, exit, opts, cpu, cflags, timeout, linkage);
    }

    private static Optional<String> string(Map<String, byte[]> settings, String key) {
        return Optional.ofNullable(settings.get(key)).map(b -> new String(b, StandardCharsets.UTF_8));
    }

    /** Parses {@code key=value key="quoted value" ...} into {@code settings}. */
    private static void parseLine(Path source, String body, Map<String, byte[]> settings) {
        int i = 0;
        int n = body.length();
        while (true) {
            while (i < n && Character.isWhitespace(body.charAt(i))) {
                i++;
            }
            if (i >= n) {
                return;
            }
            int eq = body.indexOf('=', i);
            if (eq < 0) {
                throw new IllegalArgumentException(source + ": expected key=value at: " + body.substring(i));
            }
            String key = body.substring(i, eq);
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException(source + ": unknown setting '" + key + "' (known: " + KEYS + ")");
            }
            if (settings.containsKey(key)) {
                throw new IllegalArgumentException(source + ": setting '" + key + "' given twice");
            }
            i = eq + 1;
            ByteArrayOutputStream value = new ByteArrayOutputStream();
            if (i < n && body.charAt(i) == '"') {
                i++;
                while (true) {
                    if (i >= n) {
                        throw new IllegalArgumentException(source + ": unterminated quote in setting '" + key + "'");
                    }
                    char c = body.charAt(i++);
                    if (c == '"') {
                        break;
                    }
                    if (c != '\\') {
                        value.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
                        continue;
                    }
                    if (i >= n) {
                        throw new IllegalArgumentException(source + ": dangling backslash in setting '" + key + "'");
                    }
                    char e = body.charAt(i++);
                    switch (e) {
                        case 'n' -> value.write('\n');
                        case 't' -> value.write('\t');
                        case 'r' -> value.write('\r');
                        case '0' -> value.write(0);
                        case '\\', '"', '\'' -> value.write(e);
                        case 'x' -> {
                            if (i + 2 > n) {
                                throw new IllegalArgumentException(source + ": short \\x escape");
                            }
                            value.write(HexFormat.fromHexDigits(body, i, i + 2));
                            i += 2;
                        }
                        default -> throw new IllegalArgumentException(source + ": unknown escape \\" + e);
                    }
                }
            } else {
                int start = i;
                while (i < n && !Character.isWhitespace(body.charAt(i))) {
                    i++;
                }
                value.writeBytes(body.substring(start, i).getBytes(StandardCharsets.UTF_8));
            }
            settings.put(key, value.toByteArray());
        }
    }

    /** Splits at spaces; single quotes group a word, and {@code ''} is an empty word. */
    static List<String> words(String s) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        boolean quoted = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
                inWord = true;
            } else if (!quoted && Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("unterminated single quote in: " + s);
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }
}
