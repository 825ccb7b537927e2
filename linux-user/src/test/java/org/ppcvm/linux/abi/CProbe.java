package org.ppcvm.linux.abi;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemoryLayout.PathElement;
import java.lang.foreign.PaddingLayout;
import java.lang.foreign.StructLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;

/**
 * Builds and runs small C programs with the host {@code gcc} or the PowerPC cross compiler (run
 * under {@code qemu-ppc}), as the oracle for struct layouts, constants and system-call results.
 *
 * <p>A missing tool skips the calling test with a message, except under CI ({@code CI=true}),
 * where it fails it.
 */
public final class CProbe {
    private CProbe() {}

    /** Where a program is compiled for and run. */
    public enum Target {
        /** x86-64, with the host's gcc; runs natively. */
        HOST("gcc"),
        /** 32-bit PowerPC, with Debian's cross gcc, statically linked; runs under qemu-ppc. */
        GUEST("powerpc-linux-gnu-gcc");

        final String compiler;

        Target(String compiler) {
            this.compiler = compiler;
        }
    }

    private static boolean onPath(String tool) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : Pattern.compile(Pattern.quote(File.pathSeparator))
                .splitAsStream(path)
                .toList()) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    /** Skips (or under CI fails) the current test unless {@code tool} is on the PATH. */
    public static void requireTool(String tool) {
        if (onPath(tool)) {
            return;
        }
        String message = tool + " is not on the PATH; it is the oracle for this test";
        if ("true".equals(System.getenv("CI"))) {
            fail(message + " (CI=true, so this is a failure)");
        }
        Assumptions.abort(message + "; skipped");
    }

    /** Skips or fails unless the tools for {@code target} are present. */
    public static void requireTarget(Target target) {
        requireTool(target.compiler);
        if (target == Target.GUEST) {
            requireTool("qemu-ppc");
        }
    }

    /** Compiles {@code source} for {@code target} into {@code dir} and returns the executable. */
    public static Path compile(Target target, String source, Path dir) {
        requireTarget(target);
        try {
            Path c = dir.resolve("probe.c");
            Path exe = dir.resolve(target == Target.HOST ? "probe-host" : "probe-ppc");
            Files.writeString(c, source);
            List<String> cmd = new ArrayList<>(List.of(target.compiler, "-O0", "-Wall", "-o", exe.toString()));
            if (target == Target.GUEST) {
                cmd.add("-static");
            }
            cmd.add(c.toString());
            Result r = exec(cmd, dir);
            if (r.exitCode() != 0) {
                fail(target.compiler + " failed:\n" + r.stderr() + "\n--- source ---\n" + source);
            }
            return exe;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The result of one program run.
     *
     * @param exitCode the exit status
     * @param stdout standard output
     * @param stderr standard error
     */
    public record Result(int exitCode, String stdout, String stderr) {}

    /** Runs a program built by {@link #compile} with {@code args}. */
    public static Result run(Target target, Path exe, String... args) {
        List<String> cmd = new ArrayList<>();
        if (target == Target.GUEST) {
            cmd.add("qemu-ppc");
        }
        cmd.add(exe.toString());
        cmd.addAll(List.of(args));
        return exec(cmd, exe.getParent());
    }

    private static Result exec(List<String> cmd, Path dir) {
        try {
            Path out = Files.createTempFile(dir, "out", ".txt");
            Path err = Files.createTempFile(dir, "err", ".txt");
            Process p = new ProcessBuilder(cmd)
                    .directory(dir.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("timed out: " + cmd);
            }
            return new Result(
                    p.exitValue(),
                    Files.readString(out, StandardCharsets.ISO_8859_1),
                    Files.readString(err, StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Compiles and runs {@code source}, failing unless it exits with 0; returns its output. */
    public static String compileAndRun(Target target, String source, Path dir) {
        Path exe = compile(target, source, dir);
        Result r = run(target, exe);
        if (r.exitCode() != 0) {
            fail("probe exited with " + r.exitCode() + ":\n" + r.stderr());
        }
        return r.stdout();
    }

    /**
     * The names of the object-like macros that {@code prelude} defines for {@code target} and that
     * match {@code pattern} ({@code gcc -dM -E}).
     */
    public static List<String> macroNames(Target target, Path dir, String prelude, Pattern pattern) {
        requireTarget(target);
        try {
            Path c = dir.resolve("macros.c");
            Files.writeString(c, prelude);
            Result r = exec(List.of(target.compiler, "-dM", "-E", c.toString()), dir);
            if (r.exitCode() != 0) {
                fail(target.compiler + " -dM -E failed:\n" + r.stderr());
            }
            List<String> names = new ArrayList<>();
            for (String line : r.stdout().lines().toList()) {
                String[] parts = line.split(" ", 3); // "#define NAME VALUE"
                if (parts.length == 3
                        && parts[0].equals("#define")
                        && pattern.matcher(parts[1]).matches()) {
                    names.add(parts[1]);
                }
            }
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- Layout and constant probes ------------------------------------------------------------

    /**
     * What a probe program reported: member offsets and sizes, struct sizes and constant values,
     * by key ({@link #offsetKey}, {@link #sizeKey}, {@link #sizeofKey}, {@link #constKey}).
     */
    public record Report(Map<String, Long> values) {
        public long get(String key) {
            Long v = values.get(key);
            if (v == null) {
                throw new AssertionError("the probe did not report " + key);
            }
            return v;
        }
    }

    public static String offsetKey(String cType, String member) {
        return "offset " + cType + "." + member;
    }

    public static String sizeKey(String cType, String member) {
        return "size " + cType + "." + member;
    }

    public static String sizeofKey(String cType) {
        return "sizeof " + cType;
    }

    public static String constKey(String expression) {
        return "const " + expression;
    }

    /** The named (non-padding) members of {@code struct}, in order. */
    public static List<MemoryLayout> namedMembers(StructLayout struct) {
        return struct.memberLayouts().stream()
                .filter(m -> !(m instanceof PaddingLayout))
                .toList();
    }

    /**
     * A C program that prints the offset and size of every named member of each layout, each
     * struct's size, and the value of each constant expression.
     *
     * @param prelude {@code #define}s and {@code #include}s
     * @param layouts layouts by C type name
     * @param constants C constant expressions
     */
    public static String probeSource(String prelude, Map<String, StructLayout> layouts, Collection<String> constants) {
        StringBuilder c = new StringBuilder(prelude);
        c.append("\n#include <stdio.h>\n#include <stddef.h>\nint main(void) {\n");
        layouts.forEach((type, layout) -> {
            c.append("  printf(\"sizeof %s\\t%zu\\n\", \"")
                    .append(type)
                    .append("\", sizeof(")
                    .append(type)
                    .append("));\n");
            for (MemoryLayout m : namedMembers(layout)) {
                String name = m.name().orElseThrow(() -> new IllegalStateException("unnamed member in " + type));
                c.append("  printf(\"offset %s.%s\\t%zu\\n\", \"")
                        .append(type)
                        .append("\", \"")
                        .append(name)
                        .append("\", offsetof(")
                        .append(type)
                        .append(", ")
                        .append(name)
                        .append("));\n");
                c.append("  printf(\"size %s.%s\\t%zu\\n\", \"")
                        .append(type)
                        .append("\", \"")
                        .append(name)
                        .append("\", sizeof(((")
                        .append(type)
                        .append(" *)0)->")
                        .append(name)
                        .append("));\n");
            }
        });
        for (String expr : constants) {
            c.append("  printf(\"const %s\\t%lld\\n\", \"")
                    .append(expr)
                    .append("\", (long long)(")
                    .append(expr)
                    .append("));\n");
        }
        c.append("  return 0;\n}\n");
        return c.toString();
    }

    /** Builds and runs a {@link #probeSource} program and parses what it printed. */
    public static Report probe(
            Target target, Path dir, String prelude, Map<String, StructLayout> layouts, Collection<String> constants) {
        String out = compileAndRun(target, probeSource(prelude, layouts, constants), dir);
        Map<String, Long> values = new HashMap<>();
        for (String line : out.lines().toList()) {
            if (line.isEmpty()) {
                continue;
            }
            int tab = line.lastIndexOf('\t');
            values.put(line.substring(0, tab), Long.parseLong(line.substring(tab + 1)));
        }
        return new Report(values);
    }

    /**
     * Checks every named member's offset and size, and the struct's size, against {@code report};
     * returns the mismatches as readable lines (empty when all agree).
     */
    public static List<String> layoutMismatches(Report report, Map<String, StructLayout> layouts) {
        List<String> bad = new ArrayList<>();
        layouts.forEach((type, layout) -> {
            long size = report.get(sizeofKey(type));
            if (size != layout.byteSize()) {
                bad.add("sizeof(" + type + ") is " + size + ", layout says " + layout.byteSize());
            }
            for (MemoryLayout m : namedMembers(layout)) {
                String name = m.name().orElseThrow();
                long offset = report.get(offsetKey(type, name));
                long javaOffset = layout.byteOffset(PathElement.groupElement(name));
                if (offset != javaOffset) {
                    bad.add(type + "." + name + " is at " + offset + ", layout says " + javaOffset);
                }
                long msize = report.get(sizeKey(type, name));
                if (msize != m.byteSize()) {
                    bad.add(type + "." + name + " has " + msize + " bytes, layout says " + m.byteSize());
                }
            }
        });
        return bad;
    }
}
