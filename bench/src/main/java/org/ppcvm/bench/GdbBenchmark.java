package org.ppcvm.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.ppcvm.testkit.GuestBuildException;
import org.ppcvm.testkit.GuestCorpus;
import org.ppcvm.testkit.GuestToolchain;
import org.ppcvm.testkit.HostProcess;
import org.ppcvm.testkit.OptLevel;
import org.ppcvm.testkit.PpcvmRunner;
import org.ppcvm.testkit.QemuUser;
import org.ppcvm.testkit.RunResult;
import org.ppcvm.testkit.RunSpec;
import org.ppcvm.testkit.Tools;
import org.ppcvm.testkit.gdb.GdbStub;
import org.ppcvm.testkit.gdb.StubLauncher;
import org.ppcvm.testkit.gdb.StubProcess;

/**
 * {@code bin/bench --gdb}: drives the real {@code gdb-multiarch -batch -nx} against ppcvm's GDB
 * stub and qemu-ppc's, side by side, and measures what a debugging user waits for.
 *
 * <p>The guest is {@code gdb-guests/debuggee.c}, built {@code -O0 -g -static}. Each session starts
 * one stub on it (a {@link StubProcess}), runs gdb with one {@link GdbScript} and reads back the
 * {@link GdbOutput} lines the script printed; sessions alternate between the stubs, repetition by
 * repetition. A rate is timed twice in each session, in a fresh stub and then in a warmed-up one:
 * ppcvm's first round includes its JIT compiling the server's paths. The measurements ({@link
 * GdbMeasure}):
 *
 * <ol>
 *   <li>{@code stepi N} in an endless loop: steps per second;
 *   <li>a breakpoint whose commands are {@code silent} and {@code continue} on a function the guest
 *       calls N times: hits per second, the hit count checked;
 *   <li>the same with {@code watch} on a global the guest writes N times; under qemu-ppc, which has
 *       no watchpoints, gdb single-steps the guest, so it gets fewer writes;
 *   <li>4-byte reads through gdb's Python API, one packet each: the stubs' round trips per second;
 *   <li>{@code dump binary memory} of a buffer of several MiB the guest filled with a pattern: MiB
 *       per second, the file checked against the pattern;
 *   <li>the time from {@code continue} at the first instruction to a watchpoint that fires after 50
 *       million guest instructions (their number from {@code ppcvm run --stats}). qemu-ppc
 *       single-steps there, so its session is cut off at a cap and its time estimated from its
 *       stepping rate under the same watchpoint on a shorter run ({@link LateWatchResult}).
 * </ol>
 *
 * <p>{@link GdbBenchReport} prints the table and writes the JSON.
 */
public final class GdbBenchmark {
    /** The gdb that knows PowerPC. */
    public static final String GDB = "gdb-multiarch";

    /** The iterations of the second calibration run of the late watchpoint's loop. */
    private static final long CALIBRATION_ITERATIONS = 100_000;

    /** gdb's environment: no debuginfod, no locale or terminal of the user's. */
    private static final Map<String, String> GDB_ENV =
            Map.of("PATH", "/usr/bin:/bin", "HOME", "/", "LC_ALL", "C", "TERM", "dumb");

    /** How long a stub may take to end after gdb's {@code kill} before it is killed. */
    private static final Duration STUB_EXIT_TIMEOUT = Duration.ofSeconds(10);

    private final GdbBenchSettings settings;
    private final GdbWorkload workload;
    private final PrintStream progress;
    private final PpcvmRunner ppcvmStats;
    private final StubLauncher stubs;
    private Path gdb;
    private Path debuggee;
    private Path work;
    private int sessions;

    /**
     * @param settings what to run and how
     * @param progress where a line per repetition goes while the benchmark runs
     */
    public GdbBenchmark(GdbBenchSettings settings, PrintStream progress) {
        this.settings = settings;
        this.workload = settings.workload();
        this.progress = progress;
        PpcvmRunner ppcvm = new PpcvmRunner(
                settings.java(), settings.ppcvmClassPath(), BenchmarkSession.PPCVM_JVM_OPTIONS, List.of());
        this.ppcvmStats = ppcvm.withRunOptions(List.of("--stats"));
        this.stubs = new StubLauncher(ppcvm, settings.qemuCpu(), GuestCorpus.BASE_ENV);
    }

    /** Builds the debuggee, takes every measurement and returns them. */
    public GdbBenchReport run() {
        gdb = Tools.find(GDB).orElseThrow(() -> new IllegalStateException(GDB + " is not on PATH"));
        String gdbVersion = checkGdb();
        try {
            debuggee = new GuestToolchain(settings.cacheDir()).build(settings.debuggee(), OptLevel.O0, List.of());
        } catch (GuestBuildException e) {
            throw new IllegalStateException("cannot build " + settings.debuggee() + ": " + e.getMessage(), e);
        }
        String loadBefore = loadAverage();
        List<GdbRateResult> rates = new ArrayList<>();
        Optional<LateWatchResult> late = Optional.empty();
        try {
            work = Files.createTempDirectory("ppcvm-gdb-bench-");
            for (GdbMeasure measure : GdbMeasure.values()) {
                if (!settings.measures().contains(measure)) {
                    continue;
                }
                if (measure == GdbMeasure.LATE_WATCHPOINT) {
                    late = Optional.of(measureLateWatchpoint());
                } else {
                    rates.add(measureRate(measure));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a directory for the gdb sessions", e);
        } finally {
            if (work != null) {
                HostProcess.deleteTree(work);
            }
        }
        String machine = String.format(
                Locale.ROOT,
                "%d cores; load average %s before, %s after (other work on the machine slows both stubs)",
                Runtime.getRuntime().availableProcessors(),
                loadBefore,
                loadAverage());
        return new GdbBenchReport(
                settings.quick(),
                settings.repetitions(),
                gdbVersion,
                QemuUser.QEMU_PPC + " -cpu " + settings.qemuCpu() + " -g PORT (" + qemuVersion() + ")",
                "ppcvm run -g 0 (" + settings.ppcvmClassPath() + ")",
                machine,
                rates,
                late);
    }

    // ---- Rates ------------------------------------------------------------------------------------

    private GdbRateResult measureRate(GdbMeasure measure) {
        long ppcvmWork = work(measure, GdbStub.PPCVM);
        long qemuWork = work(measure, GdbStub.QEMU);
        List<String> problems = new ArrayList<>();
        Samples ppcvmFirst = Samples.none();
        Samples qemuFirst = Samples.none();
        Samples ppcvmSecond = Samples.none();
        Samples qemuSecond = Samples.none();
        // A failed session ends the measurement: the next would only fail again.
        for (int rep = 1; rep <= settings.repetitions() && problems.isEmpty(); rep++) {
            Map<GdbStub, Rounds> times = new EnumMap<>(GdbStub.class);
            for (GdbStub stub : order(rep)) {
                Optional<Rounds> rounds = rateSession(measure, stub, work(measure, stub), problems);
                if (rounds.isEmpty()) {
                    break;
                }
                times.put(stub, rounds.get());
            }
            if (!problems.isEmpty()) {
                break;
            }
            Rounds p = times.get(GdbStub.PPCVM);
            Rounds q = times.get(GdbStub.QEMU);
            ppcvmFirst = ppcvmFirst.with(p.first());
            qemuFirst = qemuFirst.with(q.first());
            ppcvmSecond = ppcvmSecond.with(p.second());
            qemuSecond = qemuSecond.with(q.second());
            String unit = measure.unit() + "/s";
            double ppcvmUnits = (double) ppcvmWork / measure.scale();
            double qemuUnits = (double) qemuWork / measure.scale();
            progress.printf(
                    Locale.ROOT,
                    "%-6s %d/%d  ppcvm %s, then %s  qemu %s, then %s%n",
                    measure.key(),
                    rep,
                    settings.repetitions(),
                    GdbBenchReport.rate(ppcvmUnits / p.first(), unit),
                    GdbBenchReport.rate(ppcvmUnits / p.second(), unit),
                    GdbBenchReport.rate(qemuUnits / q.first(), unit),
                    GdbBenchReport.rate(qemuUnits / q.second(), unit));
        }
        for (String problem : problems) {
            progress.println(measure.key() + ": " + problem);
        }
        String note = measure == GdbMeasure.WATCHPOINT ? "qemu: software watchpoint, gdb single-steps" : "";
        return new GdbRateResult(
                measure, ppcvmWork, qemuWork, ppcvmFirst, qemuFirst, ppcvmSecond, qemuSecond, note, problems);
    }

    private long work(GdbMeasure measure, GdbStub stub) {
        return switch (measure) {
            case STEPI -> workload.steps();
            case BREAKPOINT -> workload.breakpointHits();
            case WATCHPOINT -> workload.watchpointHits(stub);
            case SMALL_READS -> workload.smallReads();
            case DUMP -> workload.dumpBytes();
            case LATE_WATCHPOINT -> workload.lateInstructions();
        };
    }

    /** The durations of a session's two rounds. */
    private record Rounds(double first, double second) {}

    /**
     * One session of a rate, {@code amount} the work of a round: its rounds' durations, or empty
     * with the reason added to {@code problems}.
     */
    private Optional<Rounds> rateSession(GdbMeasure measure, GdbStub stub, long amount, List<String> problems) {
        List<Path> dumps = new ArrayList<>();
        for (int round = 1; round <= GdbScript.ROUNDS; round++) {
            dumps.add(work.resolve(stub.label() + "-dump-" + round + ".bin"));
        }
        List<String> body;
        List<String> args;
        // Where gdb stops at the end of each round; null where it does not move.
        List<String> stopsIn;
        switch (measure) {
            case STEPI -> {
                body = GdbScript.stepi(amount);
                args = List.of("spin", "0");
                stopsIn = List.of("spin", "spin");
            }
            case BREAKPOINT -> {
                body = GdbScript.breakpointHits();
                args = List.of("calls", Long.toString(amount));
                stopsIn = List.of("halfway", "reached");
            }
            case WATCHPOINT -> {
                body = GdbScript.watchpointHits();
                args = List.of("writes", Long.toString(amount));
                stopsIn = List.of("halfway", "reached");
            }
            case SMALL_READS -> {
                body = GdbScript.smallReads(amount);
                args = List.of("writes", "1");
                stopsIn = null;
            }
            case DUMP -> {
                body = GdbScript.dump(amount, dumps);
                args = List.of("fill", Long.toString(amount));
                stopsIn = null;
            }
            default -> throw new IllegalArgumentException(measure + " is not a rate");
        }
        try {
            Optional<Session> session = session(stub, args, body, settings.timeout(), problems);
            if (session.isEmpty()) {
                return Optional.empty();
            }
            Session s = session.get();
            double[] seconds = new double[GdbScript.ROUNDS];
            for (int round = 1; round <= GdbScript.ROUNDS; round++) {
                Optional<String> wrong = checkRound(s.output(), measure, amount, round, stopsIn, dumps);
                if (wrong.isPresent()) {
                    problems.add(s.failure(wrong.get()));
                    return Optional.empty();
                }
                seconds[round - 1] = s.output()
                        .number(GdbScript.key(GdbScript.SECONDS, round))
                        .orElseThrow();
            }
            return Optional.of(new Rounds(seconds[0], seconds[1]));
        } finally {
            for (Path dump : dumps) {
                try {
                    Files.deleteIfExists(dump);
                } catch (IOException e) {
                    // The directory goes at the end of the run.
                }
            }
        }
    }

    /** What is wrong with {@code round} of a rate session, if anything. */
    private static Optional<String> checkRound(
            GdbOutput output, GdbMeasure measure, long amount, int round, List<String> stopsIn, List<Path> dumps) {
        if (output.number(GdbScript.key(GdbScript.SECONDS, round)).isEmpty()) {
            return Optional.of("printed no time for round " + round);
        }
        if (measure == GdbMeasure.BREAKPOINT || measure == GdbMeasure.WATCHPOINT) {
            String key = GdbScript.key(GdbScript.HITS, round);
            OptionalLong hits = output.count(key);
            // The count is the point's, over both rounds.
            if (hits.isEmpty() || hits.getAsLong() != amount * round) {
                return Optional.of("counted " + output.text(key).orElse("no") + " hits after round " + round + ", not "
                        + amount * round);
            }
        }
        if (stopsIn != null) {
            String frame = output.text(GdbScript.key(GdbScript.FRAME, round)).orElse("no function");
            if (!frame.equals(stopsIn.get(round - 1))) {
                return Optional.of(
                        "stopped in " + frame + " after round " + round + ", not in " + stopsIn.get(round - 1));
            }
        }
        if (measure == GdbMeasure.DUMP) {
            return checkDump(dumps.get(round - 1), amount);
        }
        return Optional.empty();
    }

    private static Optional<String> checkDump(Path dump, long bytes) {
        if (!Files.isRegularFile(dump)) {
            return Optional.of("wrote no dump file");
        }
        try {
            OptionalLong difference = DebuggeePattern.firstDifference(Files.readAllBytes(dump), bytes);
            return difference.isEmpty()
                    ? Optional.empty()
                    : Optional.of("dumped " + Files.size(dump) + " bytes that differ from the guest's pattern at byte "
                            + difference.getAsLong());
        } catch (IOException e) {
            return Optional.of("cannot read the dump: " + e.getMessage());
        }
    }

    // ---- The late watchpoint ----------------------------------------------------------------------

    private LateWatchResult measureLateWatchpoint() {
        List<String> problems = new ArrayList<>();
        Samples ppcvmSeconds = Samples.none();
        Samples qemuSeconds = Samples.none();
        Samples qemuStepSeconds = Samples.none();
        long iterations = 0;
        long instructions = 0;
        double perIteration = Double.NaN;
        double plainRunSeconds = Double.NaN;
        // The loop's cost from two runs, then the iterations that make the wanted count.
        Optional<PpcvmStats> none = stats(0, problems);
        Optional<PpcvmStats> some = none.isPresent() ? stats(CALIBRATION_ITERATIONS, problems) : Optional.empty();
        if (some.isPresent()) {
            perIteration = (double) (some.get().instructions() - none.get().instructions()) / CALIBRATION_ITERATIONS;
            iterations = Math.max(
                    0, Math.round((workload.lateInstructions() - none.get().instructions()) / perIteration));
            Optional<PpcvmStats> run = stats(iterations, problems);
            if (run.isPresent()) {
                instructions = run.get().instructions();
                plainRunSeconds = run.get().seconds();
                progress.printf(
                        Locale.ROOT,
                        "late   %,d iterations of %.1f instructions: %,d instructions, %.3f s under ppcvm without gdb%n",
                        iterations,
                        perIteration,
                        instructions,
                        plainRunSeconds);
            }
        }
        long stepIterations = workload.qemuStepIterations();
        long stepInstructions = Double.isNaN(perIteration) ? 0 : Math.round(stepIterations * perIteration);
        List<String> lateArgs = List.of("late", Long.toString(iterations));
        for (int rep = 1; rep <= settings.repetitions() && problems.isEmpty(); rep++) {
            OptionalDouble p = lateSession(GdbStub.PPCVM, lateArgs, GdbScript.lateWatchpoint(), problems);
            OptionalDouble q = p.isEmpty()
                    ? OptionalDouble.empty()
                    : lateSession(
                            GdbStub.QEMU,
                            List.of("late", Long.toString(stepIterations)),
                            GdbScript.lateWatchpointFromLoop(),
                            problems);
            if (q.isEmpty()) {
                break;
            }
            ppcvmSeconds = ppcvmSeconds.with(p.getAsDouble());
            qemuStepSeconds = qemuStepSeconds.with(q.getAsDouble());
            progress.printf(
                    Locale.ROOT,
                    "late   %d/%d  ppcvm %.3f s to the watchpoint  qemu steps %,.0f instructions/s under it%n",
                    rep,
                    settings.repetitions(),
                    p.getAsDouble(),
                    stepInstructions / q.getAsDouble());
        }
        if (problems.isEmpty()) {
            qemuSeconds = cappedQemuSession(lateArgs, problems);
        }
        for (String problem : problems) {
            progress.println("late: " + problem);
        }
        return new LateWatchResult(
                iterations,
                instructions,
                perIteration,
                plainRunSeconds,
                ppcvmSeconds,
                workload.qemuLateCap(),
                qemuSeconds,
                stepInstructions,
                qemuStepSeconds,
                problems);
    }

    /** {@code ppcvm run --stats debuggee late ITERATIONS}. */
    private Optional<PpcvmStats> stats(long iterations, List<String> problems) {
        RunResult result = ppcvmStats.run(RunSpec.of(debuggee, "late", Long.toString(iterations))
                .withEnv(GuestCorpus.BASE_ENV)
                .withTimeout(settings.timeout()));
        Optional<PpcvmStats> stats = PpcvmStats.parse(result.stderrText());
        if (result.timedOut() || result.exitStatus() != 0 || stats.isEmpty()) {
            problems.add("ppcvm run --stats debuggee late " + iterations + " failed (status " + result.exitStatus()
                    + (result.timedOut() ? ", timed out" : "") + "); its stderr:\n"
                    + BenchmarkSession.excerpt(result.stderrText()));
            return Optional.empty();
        }
        return stats;
    }

    /** A session that continues to the late watchpoint; its time, checked to have stopped there. */
    private OptionalDouble lateSession(GdbStub stub, List<String> args, List<String> body, List<String> problems) {
        Optional<Session> session = session(stub, args, body, settings.timeout(), problems);
        if (session.isEmpty()) {
            return OptionalDouble.empty();
        }
        return checkLateStop(session.get(), problems);
    }

    private static OptionalDouble checkLateStop(Session s, List<String> problems) {
        OptionalDouble seconds = s.output().number(GdbScript.key(GdbScript.SECONDS, 1));
        if (seconds.isEmpty()) {
            problems.add(s.failure("printed no time"));
            return OptionalDouble.empty();
        }
        if (!s.output().text(GdbScript.key(GdbScript.VALUE, 1)).orElse("").equals("1")
                || !s.output()
                        .text(GdbScript.key(GdbScript.FRAME, 1))
                        .orElse("")
                        .equals("run_late")) {
            problems.add(s.failure("did not stop in run_late with late = 1"));
            return OptionalDouble.empty();
        }
        return seconds;
    }

    /**
     * qemu-ppc's session to the late watchpoint, cut off at the cap: empty if the cap cut it (the
     * usual case), its time if it got there.
     */
    private Samples cappedQemuSession(List<String> args, List<String> problems) {
        Duration cap = workload.qemuLateCap();
        progress.printf(
                Locale.ROOT,
                "late   qemu single-stepping towards the watchpoint, cut off after %d s...%n",
                cap.toSeconds());
        Optional<Session> session = session(GdbStub.QEMU, args, GdbScript.lateWatchpoint(), cap, problems);
        if (session.isEmpty()) {
            return Samples.none();
        }
        Session s = session.get();
        if (s.gdb().timedOut()) {
            if (s.output().text(GdbScript.key(GdbScript.STARTED, 1)).isEmpty()) {
                problems.add(s.failure("had not reached the timed continue when the cap cut it off"));
            }
            return Samples.none();
        }
        OptionalDouble seconds = checkLateStop(s, problems);
        return seconds.isPresent() ? Samples.none().with(seconds.getAsDouble()) : Samples.none();
    }

    // ---- Sessions ---------------------------------------------------------------------------------

    /**
     * One gdb session against a fresh stub.
     *
     * @param output what the script printed
     * @param gdb gdb's run
     * @param stub which stub
     * @param stubStderr the stub's stderr (the guest's too)
     */
    private record Session(GdbOutput output, RunResult gdb, GdbStub stub, String stubStderr) {
        /** A problem with this session: {@code what} and the outputs that show why. */
        String failure(String what) {
            return stub.label() + ": gdb " + what + (gdb.timedOut() ? " (timed out)" : "") + "\n--- gdb stdout ---\n"
                    + tail(gdb.stdoutText()) + "\n--- gdb stderr ---\n" + tail(gdb.stderrText()) + "\n--- "
                    + stub.label() + " stderr ---\n" + tail(stubStderr);
        }
    }

    /**
     * Starts {@code stub} on the debuggee with {@code args} and runs gdb with {@code body}, killing
     * gdb after {@code timeout}; empty, with the reason in {@code problems}, if the stub did not start.
     */
    private Optional<Session> session(
            GdbStub stub, List<String> args, List<String> body, Duration timeout, List<String> problems) {
        int number = ++sessions;
        StubProcess process;
        try {
            process = stubs.start(stub, debuggee, args, work);
        } catch (RuntimeException e) {
            problems.add(stub.label() + " did not start: " + e.getMessage());
            return Optional.empty();
        }
        try (process) {
            Path script = work.resolve(String.format(Locale.ROOT, "session-%03d-%s.gdb", number, stub.label()));
            Files.writeString(
                    script,
                    GdbScript.file(GdbScript.prelude(stub.setupCommands(), process.port()), body),
                    StandardCharsets.UTF_8);
            RunResult result = HostProcess.run(
                    List.of(gdb.toString(), "-batch", "-nx", "-x", script.toString(), debuggee.toString()),
                    RunSpec.of(gdb).withEnv(GDB_ENV).withWorkingDir(work).withTimeout(timeout));
            if (!result.timedOut()) {
                // The script ends with gdb's kill, which ends the stub.
                process.awaitExit(STUB_EXIT_TIMEOUT);
            }
            process.close();
            return Optional.of(new Session(GdbOutput.parse(result.stdoutText()), result, stub, process.stderrText()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a gdb script", e);
        }
    }

    /** The stubs in the order of repetition {@code rep}: odd ones start with ppcvm, even ones with qemu. */
    private static List<GdbStub> order(int rep) {
        return rep % 2 == 1 ? List.of(GdbStub.PPCVM, GdbStub.QEMU) : List.of(GdbStub.QEMU, GdbStub.PPCVM);
    }

    /** gdb's version line, after checking that it runs Python (the scripts time with it). */
    private String checkGdb() {
        RunResult result = HostProcess.run(
                List.of(gdb.toString(), "-batch", "-nx", "-ex", "python print(\"python-ok\")", "-ex", "show version"),
                RunSpec.of(gdb).withEnv(GDB_ENV).withTimeout(Duration.ofSeconds(60)));
        if (!result.stdoutText().contains("python-ok")) {
            throw new IllegalStateException(GDB + " cannot run Python, which the gdb benchmark times with:\n"
                    + BenchmarkSession.excerpt(result.stdoutText() + result.stderrText()));
        }
        return result.stdoutText()
                .lines()
                .filter(l -> l.startsWith("GNU gdb"))
                .findFirst()
                .orElse(GDB);
    }

    private String qemuVersion() {
        Path qemu = Tools.find(QemuUser.QEMU_PPC).orElse(Path.of(QemuUser.QEMU_PPC));
        RunResult result = HostProcess.run(
                List.of(qemu.toString(), "--version"), RunSpec.of(qemu).withTimeout(Duration.ofSeconds(60)));
        return result.stdoutText().lines().findFirst().orElse("version unknown");
    }

    private static String loadAverage() {
        try {
            String loadavg = Files.readString(Path.of("/proc/loadavg")).strip();
            int space = loadavg.indexOf(' ');
            return space < 0 ? loadavg : loadavg.substring(0, space);
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /** The last lines of {@code text}, where gdb says what went wrong. */
    private static String tail(String text) {
        List<String> lines = text.lines().toList();
        List<String> last = lines.subList(Math.max(0, lines.size() - 15), lines.size());
        return (lines.size() > last.size() ? "...\n" : "") + String.join("\n", last);
    }
}
