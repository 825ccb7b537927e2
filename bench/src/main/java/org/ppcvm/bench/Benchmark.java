package org.ppcvm.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.ppcvm.testkit.GuestToolchain;
import org.ppcvm.testkit.QemuUser;
import org.ppcvm.testkit.Tools;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bin/bench}: times the benchmark programs natively, under qemu-ppc and under ppcvm, and
 * prints a table comparing them; with {@code --gdb}, measures gdb against ppcvm's and qemu-ppc's GDB
 * stubs instead ({@link GdbBenchmark}).
 *
 * <p>The pieces: {@link BenchSuite} finds the programs and their inputs, {@link BenchmarkSession}
 * builds and runs them ({@link NativeRunner} for the host build, testkit's {@code QemuUser} and
 * {@code PpcvmRunner} for the PowerPC one) and checks their outputs agree, {@link BenchmarkReport}
 * prints the table and writes the JSON.
 */
@Command(
        name = "bench",
        description = "Times compute-bound guest programs natively, under qemu-ppc and under ppcvm, checks that"
                + " all three print the same checksum, and prints a table of median wall times.")
public final class Benchmark implements Callable<Integer> {
    @Option(
            names = {"-h", "--help"},
            usageHelp = true,
            description = "Show this help and exit.")
    boolean help;

    @Option(names = "--quick", description = "Give the programs their small inputs (a smoke run of a few seconds).")
    boolean quick;

    @Option(
            names = {"-n", "--repetitions"},
            paramLabel = "N",
            description = "Runs per program and runner; the median counts (default: ${DEFAULT-VALUE}).")
    int repetitions = BenchmarkSettings.DEFAULT_REPETITIONS;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write every measurement to FILE as JSON.")
    Path json;

    @Option(
            names = "--only",
            paramLabel = "NAME",
            split = ",",
            description = "Run only these programs (comma-separated).")
    List<String> only = new ArrayList<>();

    @Option(
            names = "--guests",
            paramLabel = "DIR",
            description = "The programs' sources (default: bench/src/main/guests above the current directory).")
    Path guests;

    @Option(
            names = "--cache",
            paramLabel = "DIR",
            description = "Where the builds are kept (default: bench/target/guests).")
    Path cache;

    @Option(
            names = "--ppcvm-jar",
            paramLabel = "JAR",
            description = "The ppcvm CLI jar to time (default: this JVM's class path, which holds the CLI).")
    Path ppcvmJar;

    @Option(names = "--qemu-cpu", paramLabel = "CPU", description = "qemu-ppc's -cpu (default: ${DEFAULT-VALUE}).")
    String qemuCpu = BenchmarkSettings.DEFAULT_QEMU_CPU;

    @Option(
            names = "--timeout",
            paramLabel = "SECONDS",
            description = "The limit for one run (default: ${DEFAULT-VALUE}).")
    long timeoutSeconds = BenchmarkSettings.DEFAULT_TIMEOUT.toSeconds();

    @Option(
            names = "--debug-overhead",
            description = "Instead of the main table: time each program under ppcvm plain and with 128 hardware"
                    + " breakpoints and 128 access watchpoints on pages it never touches, in interleaved pairs,"
                    + " and print the debugged speed as a percentage of the plain one.")
    boolean debugOverhead;

    @Option(
            names = "--gdb",
            description = "Instead of the main table: drive gdb-multiarch against ppcvm's and qemu-ppc's GDB stubs and"
                    + " measure stepi, breakpoint and watchpoint hits, memory reads and dumps per second, and the"
                    + " time to a watchpoint after 50 million instructions (--only takes: stepi, break, watch, read,"
                    + " dump, late).")
    boolean gdb;

    @Option(
            names = "--gdb-guests",
            paramLabel = "DIR",
            description = "The source of --gdb's guest (default: gdb-guests beside the --guests directory).")
    Path gdbGuests;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns the exit status: 0 if every run agreed, 1 if not, 2 for usage. */
    public static int execute(String... args) {
        CommandLine cli = new CommandLine(new Benchmark());
        cli.setExecutionExceptionHandler((e, line, parsed) -> {
            line.getErr().println("bench: " + e.getMessage());
            return 2;
        });
        return cli.execute(args);
    }

    @Override
    public Integer call() throws IOException {
        for (String tool : List.of(GuestToolchain.GCC, GuestToolchain.HOST_GCC, QemuUser.QEMU_PPC)) {
            if (!Tools.isAvailable(tool)) {
                System.err.println("bench: '" + tool + "' is not on PATH; install it (Debian: gcc,"
                        + " gcc-powerpc-linux-gnu, qemu-user)");
                return 2;
            }
        }
        if (repetitions < 1 || timeoutSeconds < 1) {
            System.err.println("bench: --repetitions and --timeout must be at least 1");
            return 2;
        }
        if (ppcvmJar != null && !Files.isRegularFile(ppcvmJar)) {
            System.err.println("bench: " + ppcvmJar + " not found; build it with ./mvnw -B -q package -DskipTests");
            return 2;
        }
        if (gdb) {
            return runGdb();
        }
        Path guestDir = guestDirectory("--guests");
        BenchSuite suite = BenchSuite.load(guestDir);
        if (!only.isEmpty()) {
            suite = suite.only(only);
        }
        BenchmarkSettings settings = BenchmarkSettings.of(suite, cacheDirectory(guestDir))
                .withRepetitions(repetitions)
                .withQuick(quick)
                .withQemuCpu(qemuCpu)
                .withTimeout(Duration.ofSeconds(timeoutSeconds));
        if (ppcvmJar != null) {
            settings = settings.withPpcvmClassPath(ppcvmJar.toAbsolutePath().toString());
        }
        BenchmarkSession session = new BenchmarkSession(settings, System.err);
        if (debugOverhead) {
            if (json != null) {
                System.err.println("bench: --json does not apply to --debug-overhead");
                return 2;
            }
            DebugOverheadReport overhead = session.measureDebugOverhead(DebugLoad.DEFAULT);
            System.out.println();
            System.out.print(overhead.table());
            return overhead.allAgree() ? 0 : 1;
        }
        BenchmarkReport report = session.run();
        print(report.table(), report::toJson);
        return report.allAgree() ? 0 : 1;
    }

    /** {@code --gdb}: the gdb benchmark. */
    private int runGdb() throws IOException {
        if (!Tools.isAvailable(GdbBenchmark.GDB)) {
            System.err.println("bench: '" + GdbBenchmark.GDB + "' is not on PATH; install it (Debian: gdb-multiarch)");
            return 2;
        }
        if (debugOverhead) {
            System.err.println("bench: --gdb and --debug-overhead are separate runs");
            return 2;
        }
        Path dir = gdbGuests != null
                ? gdbGuests
                : guestDirectory("--gdb-guests").toAbsolutePath().resolveSibling("gdb-guests");
        if (!Files.isRegularFile(dir.resolve(GdbBenchSettings.DEBUGGEE))) {
            System.err.println("bench: no " + GdbBenchSettings.DEBUGGEE + " in " + dir + "; use --gdb-guests");
            return 2;
        }
        GdbBenchSettings settings = GdbBenchSettings.of(dir, cacheDirectory(dir))
                .withRepetitions(repetitions)
                .withQuick(quick)
                .withQemuCpu(qemuCpu)
                .withTimeout(Duration.ofSeconds(timeoutSeconds));
        if (ppcvmJar != null) {
            settings = settings.withPpcvmClassPath(ppcvmJar.toAbsolutePath().toString());
        }
        if (!only.isEmpty()) {
            Set<GdbMeasure> measures = EnumSet.noneOf(GdbMeasure.class);
            for (String key : only) {
                measures.add(GdbMeasure.byKey(key));
            }
            settings = settings.withMeasures(measures);
        }
        GdbBenchReport report = new GdbBenchmark(settings, System.err).run();
        print(report.table(), report::toJson);
        return report.allOk() ? 0 : 1;
    }

    /**
     * {@code --guests}, or by default bench/src/main/guests above the current directory; {@code
     * option} is the option a user should give when there is none.
     */
    private Path guestDirectory(String option) {
        return guests != null
                ? guests
                : BenchSuite.findDefaultDirectory()
                        .orElseThrow(() -> new IllegalArgumentException(
                                "no bench/src/main/guests above the current directory; use " + option));
    }

    /** {@code --cache}, or by default target/guests of the module whose src/main/NAME is {@code sources}. */
    private Path cacheDirectory(Path sources) {
        return cache != null
                ? cache
                : sources.toAbsolutePath().getParent().getParent().getParent().resolve("target/guests");
    }

    /** Prints {@code table} on stdout, and the JSON to {@code --json} if it was given. */
    private void print(String table, Supplier<String> toJson) throws IOException {
        System.out.println();
        System.out.print(table);
        if (json != null) {
            Files.writeString(json, toJson.get(), StandardCharsets.UTF_8);
            System.out.println("results written to " + json);
        }
    }
}
