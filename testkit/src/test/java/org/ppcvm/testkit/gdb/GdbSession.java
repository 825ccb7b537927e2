package org.ppcvm.testkit.gdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.ppcvm.testkit.PpcvmRunner;
import org.ppcvm.testkit.QemuUser;
import org.ppcvm.testkit.TextDiff;
import org.ppcvm.testkit.Tools;

/**
 * One gdb session as a test writes it: a guest program and its arguments, gdb's commands, and on
 * which stubs it runs.
 *
 * <p>{@link #runOn} starts the guest under each stub named there that {@link #selectedStubs()}
 * allows (the stubs concurrently, each with its own directory under {@code target/gdb-runs}),
 * runs gdb once against it, waits for the stub to exit, and, when both ppcvm and qemu ran, asserts
 * that gdb printed the same for both after {@link StubDifferences} and that the guest wrote the
 * same stdout. A test then asserts on each run's own output.
 *
 * <p>In a command, {@code {work}} stands for the run's directory.
 */
final class GdbSession {
    /** How long a stub may take to exit after gdb has quit: a hang guard. */
    static final Duration EXIT_TIMEOUT = Duration.ofSeconds(60);

    /**
     * The system property that selects stubs, a comma-separated list ({@code ppcvm,qemu} by default):
     * {@code -Dppcvm.gdb.stubs=qemu} checks the scripts against qemu alone, {@code
     * -Dppcvm.gdb.stubs=ppcvm} skips the oracle.
     */
    static final String STUBS_PROPERTY = "ppcvm.gdb.stubs";

    /** ppcvm in a child JVM of this one's; qemu-ppc as an e500mc; the guest's environment {@code LC_ALL=C}. */
    private static final StubLauncher LAUNCHER =
            new StubLauncher(PpcvmRunner.fromThisJvm(), "e500mc", Map.of("LC_ALL", "C"));

    static final Set<GdbStub> BOTH = EnumSet.allOf(GdbStub.class);
    static final Set<GdbStub> PPCVM_ONLY = EnumSet.of(GdbStub.PPCVM);

    private static final Path RUNS = Path.of("target", "gdb-runs");

    private final Path program;
    private final List<String> args;
    private final List<String> commands = new ArrayList<>();
    private final Set<String> notCompared = new LinkedHashSet<>();
    private final List<StubDifferences.Replacement> replacements = new ArrayList<>();
    private Optional<GdbClient.Interrupt> interrupt = Optional.empty();

    private GdbSession(Path program, List<String> args) {
        this.program = program;
        this.args = List.copyOf(args);
    }

    /** A session debugging {@code program} run with {@code args}. */
    static GdbSession of(Path program, String... args) {
        return new GdbSession(program, List.of(args));
    }

    /** Appends gdb commands. */
    GdbSession commands(String... more) {
        commands.addAll(List.of(more));
        return this;
    }

    /** Appends gdb commands. */
    GdbSession commands(List<String> more) {
        commands.addAll(more);
        return this;
    }

    /** Sends gdb one SIGINT (Ctrl-C) once gdb printed {@code gdbSays} and the guest wrote {@code guestSays}. */
    GdbSession interruptWhen(String gdbSays, String guestSays) {
        interrupt = Optional.of(new GdbClient.Interrupt(gdbSays, guestSays));
        return this;
    }

    /** Leaves the outputs of {@code command} out of the comparison between stubs. */
    GdbSession notComparing(String... command) {
        notCompared.addAll(List.of(command));
        return this;
    }

    /** Replaces {@code regex} by {@code replacement} in both transcripts before comparing them. */
    GdbSession normalising(String regex, String replacement) {
        replacements.add(new StubDifferences.Replacement(Pattern.compile(regex), replacement));
        return this;
    }

    /**
     * Runs the session on every stub in {@code stubs} that is selected; skips the test if none is.
     * When ppcvm and qemu both ran, asserts that they agree. Returns the runs in {@link GdbStub}
     * order.
     */
    List<GdbRun> runOn(Set<GdbStub> stubs) {
        Set<GdbStub> chosen = runnable(stubs);
        Map<GdbStub, Future<GdbRun>> futures = new EnumMap<>(GdbStub.class);
        Map<GdbStub, GdbRun> runs = new EnumMap<>(GdbStub.class);
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (GdbStub stub : chosen) {
                futures.put(stub, threads.submit(() -> runOn(stub)));
            }
            for (Map.Entry<GdbStub, Future<GdbRun>> e : futures.entrySet()) {
                runs.put(e.getKey(), e.getValue().get());
            }
        } catch (ExecutionException ex) {
            // The assertion or assumption that ended a run is the test's own.
            if (ex.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (ex.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(ex.getCause());
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", ex);
        }
        if (runs.containsKey(GdbStub.PPCVM) && runs.containsKey(GdbStub.QEMU)) {
            assertSameOutput(runs.get(GdbStub.QEMU), runs.get(GdbStub.PPCVM));
        }
        return List.copyOf(runs.values());
    }

    /**
     * The stubs of {@code stubs} that {@link #selectedStubs()} allows. Skips the calling test if
     * there are none, or if gdb is missing (fails it under CI).
     */
    static Set<GdbStub> runnable(Set<GdbStub> stubs) {
        Tools.assumeAvailable(GdbClient.GDB);
        Set<GdbStub> chosen = EnumSet.noneOf(GdbStub.class);
        chosen.addAll(stubs);
        chosen.retainAll(selectedStubs());
        Assumptions.assumeFalse(
                chosen.isEmpty(),
                "this test runs on " + stubs + ", none of them selected by -D" + STUBS_PROPERTY + "="
                        + System.getProperty(STUBS_PROPERTY, ""));
        return chosen;
    }

    /** The stubs selected by {@value #STUBS_PROPERTY}. */
    static Set<GdbStub> selectedStubs() {
        String value = System.getProperty(STUBS_PROPERTY, "ppcvm,qemu").strip();
        Set<GdbStub> stubs = EnumSet.noneOf(GdbStub.class);
        for (String name : value.split(",", -1)) {
            String n = name.strip();
            if (n.isEmpty()) {
                continue;
            }
            stubs.add(Arrays.stream(GdbStub.values())
                    .filter(s -> s.label().equals(n))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(
                            STUBS_PROPERTY + ": unknown stub '" + n + "' (known: ppcvm, qemu)")));
        }
        return stubs;
    }

    /**
     * Starts {@code stub} on {@code program}, stopped at its entry point and listening for gdb, with
     * its files in {@code work}. Skips the calling test if qemu-ppc is needed and missing (fails it
     * under CI).
     */
    static StubProcess start(GdbStub stub, Path program, List<String> args, Path work) {
        if (stub == GdbStub.QEMU) {
            Tools.assumeAvailable(QemuUser.QEMU_PPC);
        }
        return LAUNCHER.start(stub, program, args, work);
    }

    /** Runs the session on {@code stub} alone, selected or not. */
    GdbRun runOn(GdbStub stub) {
        Path work = newRunDirectory(stub);
        List<String> expanded = commands.stream()
                .map(c -> c.replace("{work}", work.toAbsolutePath().toString()))
                .toList();
        try (StubProcess process = start(stub, program, args, work)) {
            GdbTranscript gdb = GdbClient.run(process, program, expanded, interrupt, work);
            OptionalInt status = process.awaitExit(EXIT_TIMEOUT);
            if (status.isEmpty()) {
                throw new AssertionError(process.describe() + " still runs " + EXIT_TIMEOUT + " after gdb quit"
                        + "\n--- gdb ---\n" + gdb.raw() + process.outputs());
            }
            return new GdbRun(stub, gdb, process.stdoutText(), process.stderrText(), status.getAsInt(), work);
        }
    }

    private void assertSameOutput(GdbRun qemu, GdbRun ppcvm) {
        String expected = StubDifferences.normalise(qemu, notCompared, replacements);
        String actual = StubDifferences.normalise(ppcvm, notCompared, replacements);
        assertThat(actual)
                .as(
                        "gdb against ppcvm prints what it prints against qemu-ppc (normalised):\n%s\n%s\n%s",
                        TextDiff.unified("qemu", expected, "ppcvm", actual), qemu.describe(), ppcvm.describe())
                .isEqualTo(expected);
        assertThat(ppcvm.guestStdout())
                .as("the guest's stdout under ppcvm and qemu-ppc")
                .isEqualTo(qemu.guestStdout());
    }

    /** A fresh directory for one run, kept under target/ for looking at after a failure. */
    static Path newRunDirectory(GdbStub stub) {
        try {
            Files.createDirectories(RUNS);
            return Files.createTempDirectory(RUNS.toAbsolutePath(), stub.label() + "-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a run directory under " + RUNS, e);
        }
    }
}
