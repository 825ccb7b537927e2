package org.ppcvm.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.ppcvm.elf.ElfException;
import org.ppcvm.elf.ElfFile;
import org.ppcvm.elf.ProgramHeader;
import org.ppcvm.testkit.GuestBuildException;
import org.ppcvm.testkit.GuestCorpus;
import org.ppcvm.testkit.GuestRunner;
import org.ppcvm.testkit.GuestToolchain;
import org.ppcvm.testkit.OptLevel;
import org.ppcvm.testkit.PpcvmRunner;
import org.ppcvm.testkit.QemuUser;
import org.ppcvm.testkit.RunResult;
import org.ppcvm.testkit.RunSpec;
import org.ppcvm.testkit.TextDiff;

/**
 * One benchmark run: builds every program for PowerPC ({@code -O2 -static}) and for the host
 * ({@code -O2}), runs each natively, under qemu-ppc and under ppcvm (a child JVM, with {@code
 * --stats}), repetition by repetition in that order so that a change in the machine's load falls on
 * all three alike, and checks that every run exits with 0 and prints what the native run printed.
 *
 * <p>Times are wall-clock times around the whole run of the process: for ppcvm they include starting
 * the JVM, which the trivial start-up program measures on its own. For qemu-ppc they include
 * {@link QemuUser}'s copy of the binary (it rewrites instructions qemu-ppc 7.2 lacks), which the
 * start-up program measures too.
 */
public final class BenchmarkSession {
    /** The options bin/ppcvm starts the JVM with, so that ppcvm is measured as it is used. */
    public static final List<String> PPCVM_JVM_OPTIONS = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=4");

    private static final Pattern CHECKSUM = Pattern.compile("checksum ([0-9a-fA-F]+)");

    private final BenchmarkSettings settings;
    private final PrintStream progress;
    private final GuestToolchain toolchain;
    private final GuestRunner nativeRunner = new NativeRunner();
    private final QemuUser qemu;
    private final PpcvmRunner ppcvm;

    /**
     * @param settings what to run and how
     * @param progress where a line per repetition goes while the benchmark runs
     */
    public BenchmarkSession(BenchmarkSettings settings, PrintStream progress) {
        this.settings = settings;
        this.progress = progress;
        this.toolchain = new GuestToolchain(settings.cacheDir());
        this.qemu = QemuUser.fromPath().withCpu(settings.qemuCpu());
        this.ppcvm = new PpcvmRunner(settings.java(), settings.ppcvmClassPath(), PPCVM_JVM_OPTIONS, List.of("--stats"));
    }

    /** Builds and runs everything and returns the measurements. */
    public BenchmarkReport run() {
        StartupResult startup = measureStartup();
        List<ProgramResult> programs = new ArrayList<>();
        for (BenchProgram program : settings.suite().programs()) {
            programs.add(measure(program));
        }
        return new BenchmarkReport(
                settings.quick(),
                settings.repetitions(),
                qemu.describe(),
                ppcvm.describe() + " (" + settings.ppcvmClassPath() + ")",
                startup,
                programs);
    }

    private StartupResult measureStartup() {
        BenchProgram program = settings.suite().startup();
        List<String> problems = new ArrayList<>();
        Samples nativeTimes = Samples.none();
        Samples qemuTimes = Samples.none();
        Samples ppcvmTimes = Samples.none();
        Optional<Binaries> binaries = build(program, problems);
        if (binaries.isEmpty()) {
            return new StartupResult(nativeTimes, qemuTimes, ppcvmTimes, problems);
        }
        RunSpec nativeSpec = spec(binaries.get().host(), List.of());
        RunSpec guestSpec = spec(binaries.get().guest(), List.of());
        for (int rep = 1; rep <= settings.repetitions() && problems.isEmpty(); rep++) {
            Timed n = time(nativeRunner, nativeSpec);
            Timed q = time(qemu, guestSpec);
            Timed p = time(ppcvm, guestSpec);
            failure("native", n.result()).ifPresent(problems::add);
            failure(qemu.describe(), q.result()).ifPresent(problems::add);
            failure("ppcvm", p.result()).ifPresent(problems::add);
            nativeTimes = nativeTimes.with(n.seconds());
            qemuTimes = qemuTimes.with(q.seconds());
            ppcvmTimes = ppcvmTimes.with(p.seconds());
            progress.printf(
                    Locale.ROOT,
                    "%-10s %d/%d  native %.3f s  qemu %.3f s  ppcvm %.3f s%n",
                    program.name(),
                    rep,
                    settings.repetitions(),
                    n.seconds(),
                    q.seconds(),
                    p.seconds());
        }
        return new StartupResult(nativeTimes, qemuTimes, ppcvmTimes, problems);
    }

    private ProgramResult measure(BenchProgram program) {
        List<String> args = program.args(settings.quick());
        List<String> problems = new ArrayList<>();
        Samples nativeTimes = Samples.none();
        Samples qemuTimes = Samples.none();
        Samples ppcvmTimes = Samples.none();
        Samples ppcvmRunTimes = Samples.none();
        long instructions = 0;
        Optional<String> checksum = Optional.empty();
        Optional<Binaries> binaries = build(program, problems);
        if (binaries.isEmpty()) {
            return new ProgramResult(
                    program.name(),
                    args,
                    checksum,
                    nativeTimes,
                    qemuTimes,
                    ppcvmTimes,
                    ppcvmRunTimes,
                    instructions,
                    problems);
        }
        RunSpec nativeSpec = spec(binaries.get().host(), args);
        RunSpec guestSpec = spec(binaries.get().guest(), args);
        RunResult reference = null;
        // A failed run ends the program's repetitions: its later runs would only fail again.
        for (int rep = 1; rep <= settings.repetitions(); rep++) {
            Timed n = time(nativeRunner, nativeSpec);
            if (reference == null) {
                reference = n.result();
                checksum = checksum(reference.stdoutText());
            }
            if (check("native", n.result(), reference, problems)) {
                break;
            }
            nativeTimes = nativeTimes.with(n.seconds());

            Timed q = time(qemu, guestSpec);
            if (check(qemu.describe(), q.result(), reference, problems)) {
                break;
            }
            qemuTimes = qemuTimes.with(q.seconds());

            Timed p = time(ppcvm, guestSpec);
            if (check("ppcvm", p.result(), reference, problems)) {
                break;
            }
            Optional<PpcvmStats> stats = PpcvmStats.parse(p.result().stderrText());
            if (stats.isEmpty()) {
                problems.add("ppcvm printed no --stats line; its stderr:\n"
                        + excerpt(p.result().stderrText()));
                break;
            }
            ppcvmTimes = ppcvmTimes.with(p.seconds());
            ppcvmRunTimes = ppcvmRunTimes.with(stats.get().seconds());
            if (instructions != 0 && instructions != stats.get().instructions()) {
                problems.add("ppcvm executed " + instructions + " instructions in one run and "
                        + stats.get().instructions() + " in another");
                break;
            }
            instructions = stats.get().instructions();
            progress.printf(
                    Locale.ROOT,
                    "%-10s %d/%d  native %.3f s  qemu %.3f s  ppcvm %.3f s  (%,d instructions, %.1f MIPS)%n",
                    program.name(),
                    rep,
                    settings.repetitions(),
                    n.seconds(),
                    q.seconds(),
                    p.seconds(),
                    stats.get().instructions(),
                    stats.get().mips());
        }
        for (String problem : problems) {
            progress.println(program.name() + ": " + problem);
        }
        return new ProgramResult(
                program.name(),
                args,
                checksum,
                nativeTimes,
                qemuTimes,
                ppcvmTimes,
                ppcvmRunTimes,
                instructions,
                problems);
    }

    /**
     * The debug-overhead section: for each program, checks that {@code load}'s region is unused
     * (no ELF segment there, no mapping in an {@code -strace}d run, no access under one watchpoint
     * over all of it), then runs it under ppcvm plain and with {@code load}'s points set, in pairs
     * whose order alternates so that a drift in the machine's load falls on both alike.
     */
    public DebugOverheadReport measureDebugOverhead(DebugLoad load) {
        List<DebugOverheadResult> results = new ArrayList<>();
        for (BenchProgram program : settings.suite().programs()) {
            results.add(measureDebugOverhead(program, load));
        }
        return new DebugOverheadReport(settings.quick(), settings.repetitions(), load, results);
    }

    private DebugOverheadResult measureDebugOverhead(BenchProgram program, DebugLoad load) {
        List<String> args = program.args(settings.quick());
        List<String> problems = new ArrayList<>();
        Samples plainTimes = Samples.none();
        Samples debuggedTimes = Samples.none();
        Samples plainRunTimes = Samples.none();
        Samples debuggedRunTimes = Samples.none();
        Optional<Binaries> binaries = build(program, problems);
        if (binaries.isPresent()) {
            RunSpec guestSpec = spec(binaries.get().guest(), args);
            RunResult reference = nativeRunner.run(spec(binaries.get().host(), args));
            if (!check("native", reference, reference, problems)
                    && regionUnused(binaries.get().guest(), guestSpec, load, reference, problems)) {
                PpcvmRunner debugged = ppcvm.withRunOptions(concat(List.of("--stats"), load.runOptions()));
                long instructions = 0;
                for (int rep = 1; rep <= settings.repetitions() && problems.isEmpty(); rep++) {
                    Timed plain;
                    Timed withPoints;
                    // Odd repetitions start plain, even ones debugged.
                    if (rep % 2 == 1) {
                        plain = time(ppcvm, guestSpec);
                        withPoints = time(debugged, guestSpec);
                    } else {
                        withPoints = time(debugged, guestSpec);
                        plain = time(ppcvm, guestSpec);
                    }
                    Optional<PpcvmStats> plainStats = ppcvmRun("plain ppcvm", plain.result(), reference, problems);
                    Optional<PpcvmStats> debugStats =
                            ppcvmRun("debugged ppcvm", withPoints.result(), reference, problems);
                    if (!problems.isEmpty() || plainStats.isEmpty()) {
                        if (problems.isEmpty()) {
                            problems.add("plain ppcvm printed no --stats line; its stderr:\n"
                                    + excerpt(plain.result().stderrText()));
                        }
                        break;
                    }
                    // The debugged run's --stats line is optional: ppcvm may print it only when it
                    // runs without a debugger; then only the wall times compare.
                    for (PpcvmStats stats :
                            debugStats.map(d -> List.of(plainStats.get(), d)).orElse(List.of(plainStats.get()))) {
                        if (instructions != 0 && instructions != stats.instructions()) {
                            problems.add("ppcvm executed " + instructions + " instructions in one run and "
                                    + stats.instructions() + " in another");
                        }
                        instructions = stats.instructions();
                    }
                    plainTimes = plainTimes.with(plain.seconds());
                    debuggedTimes = debuggedTimes.with(withPoints.seconds());
                    plainRunTimes = plainRunTimes.with(plainStats.get().seconds());
                    if (debugStats.isPresent()) {
                        debuggedRunTimes =
                                debuggedRunTimes.with(debugStats.get().seconds());
                    }
                    progress.printf(
                            Locale.ROOT,
                            "%-10s %d/%d  plain ppcvm %.3f s (run %.3f s)  debugged ppcvm %.3f s (run %s)%n",
                            program.name(),
                            rep,
                            settings.repetitions(),
                            plain.seconds(),
                            plainStats.get().seconds(),
                            withPoints.seconds(),
                            debugStats
                                    .map(d -> String.format(Locale.ROOT, "%.3f s", d.seconds()))
                                    .orElse("not reported"));
                }
            }
        }
        for (String problem : problems) {
            progress.println(program.name() + " (debug overhead): " + problem);
        }
        return new DebugOverheadResult(
                program.name(), plainTimes, debuggedTimes, plainRunTimes, debuggedRunTimes, problems);
    }

    /** Checks a ppcvm run of the section (its output, that no point fired) and returns its --stats. */
    private static Optional<PpcvmStats> ppcvmRun(
            String runner, RunResult result, RunResult reference, List<String> problems) {
        if (check(runner, result, reference, problems)) {
            return Optional.empty();
        }
        if (result.stderrText().contains(DebugLoad.DEBUG_EXIT)) {
            problems.add(runner + " stopped at a debug point; its stderr:\n" + excerpt(result.stderrText()));
            return Optional.empty();
        }
        return PpcvmStats.parse(result.stderrText());
    }

    /**
     * Whether the program leaves {@code load}'s region alone: no loaded segment there, and in a run
     * under {@code load.checkOptions()} no mapping there and no load or store.
     */
    private boolean regionUnused(
            Path guest, RunSpec guestSpec, DebugLoad load, RunResult reference, List<String> problems) {
        try {
            for (ProgramHeader ph : ElfFile.parse(Files.readAllBytes(guest)).programHeaders()) {
                if (ph.type() == ProgramHeader.PT_LOAD
                        && load.overlaps(Integer.toUnsignedLong(ph.vaddr()), Integer.toUnsignedLong(ph.memsz()))) {
                    problems.add(String.format(
                            Locale.ROOT,
                            "a segment at 0x%08x+0x%x lies in the debug points' region",
                            ph.vaddr(),
                            ph.memsz()));
                    return false;
                }
            }
        } catch (IOException | ElfException e) {
            problems.add("cannot read " + guest + ": " + e.getMessage());
            return false;
        }
        RunResult checked = ppcvm.withRunOptions(load.checkOptions()).run(guestSpec);
        if (check("ppcvm (region check)", checked, reference, problems)) {
            return false;
        }
        String stderr = checked.stderrText();
        Optional<String> mapped = load.mappingInRegion(stderr);
        if (mapped.isPresent()) {
            problems.add(mapped.get());
            return false;
        }
        if (stderr.contains(DebugLoad.DEBUG_EXIT)) {
            problems.add("the program accesses the debug points' region:\n"
                    + excerpt(stderr.lines()
                            .filter(l -> l.startsWith(DebugLoad.DEBUG_EXIT))
                            .collect(Collectors.joining("\n"))));
            return false;
        }
        return true;
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    /** The program's two builds. */
    private record Binaries(Path guest, Path host) {}

    private Optional<Binaries> build(BenchProgram program, List<String> problems) {
        try {
            Path guest = toolchain.build(program.source(), OptLevel.O2, program.cflags());
            Path host = toolchain.buildNative(program.source(), OptLevel.O2, program.cflags());
            return Optional.of(new Binaries(guest, host));
        } catch (GuestBuildException e) {
            problems.add("cannot build " + program.name() + ": " + e.getMessage());
            progress.println(program.name() + ": " + problems.getLast());
            return Optional.empty();
        }
    }

    /** A run with the fixed environment of the test corpus, so that no host setting leaks in. */
    private RunSpec spec(Path binary, List<String> args) {
        return RunSpec.of(binary).withArgs(args).withEnv(GuestCorpus.BASE_ENV).withTimeout(settings.timeout());
    }

    /** A run and its wall-clock time. */
    private record Timed(RunResult result, double seconds) {}

    private static Timed time(GuestRunner runner, RunSpec spec) {
        long start = System.nanoTime();
        RunResult result = runner.run(spec);
        return new Timed(result, (System.nanoTime() - start) / 1e9);
    }

    /**
     * Adds to {@code problems} why {@code result} failed or differs from {@code reference};
     * returns whether it did.
     */
    private static boolean check(String runner, RunResult result, RunResult reference, List<String> problems) {
        Optional<String> failed = failure(runner, result);
        if (failed.isEmpty() && !result.stdoutText().equals(reference.stdoutText())) {
            failed = Optional.of(runner + " printed other output than the native build:\n"
                    + TextDiff.unified("native", reference.stdoutText(), runner, result.stdoutText()));
        }
        failed.ifPresent(problems::add);
        return failed.isPresent();
    }

    private static Optional<String> failure(String runner, RunResult result) {
        if (result.timedOut()) {
            return Optional.of(runner + " timed out");
        }
        if (result.exitStatus() != 0) {
            return Optional.of(runner + " exited with status " + result.exitStatus() + "; its stderr:\n"
                    + excerpt(result.stderrText()));
        }
        return Optional.empty();
    }

    private static Optional<String> checksum(String stdout) {
        Matcher m = CHECKSUM.matcher(stdout);
        Optional<String> last = Optional.empty();
        while (m.find()) {
            last = Optional.of(m.group(1));
        }
        return last;
    }

    /** The first lines of {@code text}, enough to show why a run failed. */
    static String excerpt(String text) {
        List<String> lines = text.lines().limit(20).toList();
        return String.join("\n", lines) + (text.lines().count() > lines.size() ? "\n..." : "");
    }
}
