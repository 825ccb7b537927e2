package org.ppcvm.testkit.random;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.ppcvm.testkit.GuestRunner;
import org.ppcvm.testkit.GuestToolchain;
import org.ppcvm.testkit.OptLevel;
import org.ppcvm.testkit.QemuUser;
import org.ppcvm.testkit.RunResult;
import org.ppcvm.testkit.RunSpec;

/**
 * Builds a generated program's two copies, runs them, and compares the dumps block by block.
 *
 * <p>{@code qemu-ppc -cpu 7457} is the oracle: it implements fsqrt, fres and frsqrte and the
 * string instructions; what it lacks ({@code isel}, {@code popcntb}) its copy replaces (see
 * {@link SourceVariant}).
 */
public final class RandomDifferential {
    /** The qemu CPU model the oracle runs. */
    public static final String QEMU_CPU = "7457";

    /** How long one run of one program may take. */
    public static final Duration RUN_TIMEOUT = Duration.ofMinutes(2);

    private final GuestToolchain toolchain;
    private final Path sourceDir;

    /**
     * @param toolchain builds the programs (and caches them by content)
     * @param sourceDir where the generated sources are written
     */
    public RandomDifferential(GuestToolchain toolchain, Path sourceDir) {
        this.toolchain = toolchain;
        this.sourceDir = sourceDir;
    }

    /** The oracle, configured. Skips the calling test (fails it under CI) without qemu-ppc. */
    public static QemuUser oracle() {
        return QemuUser.fromPath().withCpu(QEMU_CPU);
    }

    /**
     * The two binaries of one program, identical in layout.
     *
     * @param ppcvm what ppcvm runs
     * @param qemu what qemu-ppc runs
     */
    public record Binaries(Path ppcvm, Path qemu) {}

    /** Writes both sources and builds them (or finds them in the toolchain's cache). */
    public Binaries build(GeneratedProgram program) {
        String name = String.format(
                Locale.ROOT,
                "random-%016x-%dx%d%s",
                program.seed(),
                program.settings().blocks(),
                program.settings().instructionsPerBlock(),
                program.settings().units().isEmpty()
                        ? ""
                        : "-u" + Integer.toHexString(program.settings().units().hashCode()));
        return build(program, name);
    }

    /** The same, naming the sources {@code name-ppcvm.S} and {@code name-qemu.S}. */
    public Binaries build(GeneratedProgram program, String name) {
        return new Binaries(build(program, name, SourceVariant.PPCVM), build(program, name, SourceVariant.QEMU));
    }

    private Path build(GeneratedProgram program, String name, SourceVariant variant) {
        Path source = sourceDir.resolve(name + "-" + variant.name().toLowerCase(Locale.ROOT) + ".S");
        try {
            Files.createDirectories(sourceDir);
            String text = program.source(variant);
            if (!Files.exists(source) || !Files.readString(source).equals(text)) {
                Files.writeString(source, text);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + source, e);
        }
        return toolchain.build(source, OptLevel.O0, List.of("-nostdlib"));
    }

    /**
     * One program's run.
     *
     * @param runner who ran it
     * @param result what the process produced
     * @param dumps the parsed dumps (those before any malformed line)
     * @param problem why the run is not a complete, clean one, if it is not
     */
    public record Execution(String runner, RunResult result, List<StateDump> dumps, Optional<String> problem) {
        public Execution {
            dumps = List.copyOf(dumps);
        }
    }

    /** Runs {@code binary} and parses its dumps; {@code expectedBlocks} is how many there must be. */
    public static Execution run(GuestRunner runner, Path binary, int expectedBlocks) {
        RunResult result = runner.run(RunSpec.of(binary).withTimeout(RUN_TIMEOUT));
        List<StateDump> dumps = new ArrayList<>();
        Optional<String> problem = Optional.empty();
        String[] lines = result.stdoutText().split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (i == lines.length - 1 && lines[i].isEmpty()) {
                break;
            }
            try {
                dumps.add(DumpFormat.parseLine(lines[i], i + 1));
            } catch (IllegalArgumentException e) {
                problem = Optional.of(e.getMessage());
                break;
            }
        }
        if (problem.isEmpty()) {
            if (result.timedOut()) {
                problem = Optional.of("timed out after " + RUN_TIMEOUT);
            } else if (result.exitStatus() != 0) {
                problem = Optional.of("exit status " + result.exitStatus());
            } else if (dumps.size() != expectedBlocks) {
                problem = Optional.of(dumps.size() + " dumps, expected " + expectedBlocks);
            }
        }
        return new Execution(runner.describe(), result, dumps, problem);
    }

    /**
     * Compares the two runs of {@code program}. Returns a report of the first block where they
     * differ (or where the subject stopped), with the seed, the block's instructions and the
     * differing registers; empty if they agree on every block.
     */
    public static Optional<String> compare(
            GeneratedProgram program, Binaries binaries, Execution oracle, Execution subject) {
        if (oracle.problem().isPresent()) {
            return Optional.of(header(program) + "the oracle's run is broken (" + oracle.runner() + "): "
                    + oracle.problem().get() + "\nstderr: "
                    + abbreviate(oracle.result().stderrText())
                    + "\nbinary: " + binaries.qemu());
        }
        List<Integer> differing = new ArrayList<>();
        List<RegisterDifference> first = List.of();
        int blocks = Math.min(oracle.dumps().size(), subject.dumps().size());
        for (int b = 0; b < blocks; b++) {
            List<RegisterDifference> diffs = StateComparator.compare(
                    oracle.dumps().get(b), subject.dumps().get(b));
            if (!diffs.isEmpty()) {
                if (differing.isEmpty()) {
                    first = diffs;
                }
                differing.add(b);
            }
        }
        StringBuilder report = new StringBuilder();
        if (!differing.isEmpty()) {
            int b = differing.get(0);
            report.append(header(program))
                    .append("block ")
                    .append(b)
                    .append(" of ")
                    .append(program.blocks().size())
                    .append(": ")
                    .append(oracle.runner())
                    .append(" and ")
                    .append(subject.runner())
                    .append(" differ in ")
                    .append(first.size())
                    .append(" places\n");
            for (RegisterDifference d : first) {
                report.append("  ").append(d).append('\n');
            }
            report.append("block ")
                    .append(b)
                    .append(' ')
                    .append(program.blocks().get(b).describe());
            report.append(differing.size())
                    .append(" blocks differ in all: ")
                    .append(differing.subList(0, Math.min(30, differing.size())))
                    .append(differing.size() > 30 ? " ..." : "")
                    .append('\n');
        }
        if (subject.problem().isPresent()) {
            int stopped = subject.dumps().size();
            report.append(report.isEmpty() ? header(program) : "")
                    .append(subject.runner())
                    .append(": ")
                    .append(subject.problem().get())
                    .append(" after ")
                    .append(stopped)
                    .append(" of ")
                    .append(program.blocks().size())
                    .append(" blocks\nstderr: ")
                    .append(abbreviate(subject.result().stderrText()))
                    .append('\n');
            if (stopped < program.blocks().size() && differing.isEmpty()) {
                report.append("block ")
                        .append(stopped)
                        .append(" (the one it was running) ")
                        .append(program.blocks().get(stopped).describe());
            }
        }
        if (report.isEmpty()) {
            return Optional.empty();
        }
        report.append("binaries: ")
                .append(binaries.ppcvm())
                .append(" (ppcvm), ")
                .append(binaries.qemu())
                .append(" (qemu)\n");
        return Optional.of(report.toString());
    }

    private static String header(GeneratedProgram program) {
        return String.format(
                Locale.ROOT,
                "random-instruction differential test, seed 0x%x (rerun with -Dppcvm.seed=0x%x), %d blocks x %d"
                        + " instructions%n",
                program.seed(),
                program.seed(),
                program.settings().blocks(),
                program.settings().instructionsPerBlock());
    }

    private static String abbreviate(String text) {
        String t = text.strip();
        byte[] bytes = t.getBytes(StandardCharsets.UTF_8);
        return bytes.length <= 2000 ? t : t.substring(0, 2000) + "...";
    }
}
