package org.ppcvm.testkit.gdb;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.ppcvm.testkit.HostProcess;
import org.ppcvm.testkit.Tools;

/**
 * Runs one {@code gdb-multiarch} against a listening stub with a list of commands and returns what
 * it printed.
 *
 * <p>gdb runs without {@code -batch}, its commands given as {@code -ex} options and stdin empty: in
 * batch mode gdb runs every command as if typed from a script (from_tty 0) and leaves out lines
 * an interactive user sees, such as {@code Continuing.} and finish's {@code Run till exit from}.
 * Each {@code -ex} runs on its own, so an error is printed and the next command still runs. The
 * list ends with {@code quit}, which kills a live inferior (detaches from one it attached to).
 *
 * <p>The commands run with {@code set trace-commands on}, which echoes each as {@code +command}
 * before its output; {@link GdbTranscript} splits the output there. Before that, untraced, gdb
 * connects and prints {@code $sp} once ({@code @@sp 0x...}), which tells the transcript where the
 * guest's stack is.
 *
 * <p>stdout and stderr go to one file, so errors stay where they happened.
 */
final class GdbClient {
    /** The gdb that knows PowerPC. */
    static final String GDB = "gdb-multiarch";

    /** A hang guard for one gdb run: long, never a timing assumption. */
    static final Duration TIMEOUT = Duration.ofMinutes(2);

    private static final AtomicInteger RUNS = new AtomicInteger();

    /**
     * When to send gdb one SIGINT, as a user's Ctrl-C: once gdb has printed {@code gdbSays} and the
     * guest has written {@code guestSays} to stdout (so it is known to be running, and gdb to be
     * waiting for it).
     */
    record Interrupt(String gdbSays, String guestSays) {}

    private GdbClient() {}

    /**
     * Runs gdb on {@code program} against {@code stub} with {@code commands}, then {@code quit}; gdb
     * runs in {@code work}, where its output file goes.
     */
    static GdbTranscript run(
            StubProcess stub, Path program, List<String> commands, Optional<Interrupt> interrupt, Path work) {
        Path gdb = Tools.assumeAvailable(GDB);
        List<String> command = new ArrayList<>(List.of(gdb.toString(), "-nx", "-q"));
        List<String> setup = new ArrayList<>(List.of(
                "set pagination off",
                "set confirm off",
                "set width 0",
                "set height 0",
                // Source files by name only: the build path is the machine's.
                "set filename-display basename"));
        setup.addAll(stub.stub().setupCommands());
        setup.add("target remote 127.0.0.1:" + stub.port());
        setup.add("printf \"" + GdbTranscript.SP_MARK + "%#x\\n\", $sp");
        setup.add("set trace-commands on");
        for (String c : setup) {
            command.addAll(List.of("-ex", c));
        }
        for (String c : commands) {
            command.addAll(List.of("-ex", c));
        }
        command.addAll(List.of("-ex", "quit", program.toString()));

        Path output = work.resolve("gdb-" + stub.stub().label() + "-" + RUNS.incrementAndGet() + ".out");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(work.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().remove("DEBUGINFOD_URLS");
        builder.environment().put("LC_ALL", "C");
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + gdb, e);
        }
        try {
            boolean interrupted = false;
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (process.isAlive()) {
                if (interrupt.isPresent() && !interrupted) {
                    Interrupt i = interrupt.get();
                    if (read(output).contains(i.gdbSays()) && stub.stdoutText().contains(i.guestSays())) {
                        sendSigint(process);
                        interrupted = true;
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("gdb did not finish in " + TIMEOUT + " against " + stub.describe()
                            + "\n--- gdb ---\n" + read(output) + stub.outputs());
                }
                StubProcess.pause();
            }
            if (interrupt.isPresent() && !interrupted) {
                throw new AssertionError("gdb ended before it could be interrupted (" + interrupt.get() + ")"
                        + "\n--- gdb ---\n" + read(output) + stub.outputs());
            }
            return GdbTranscript.parse(read(output));
        } finally {
            if (process.isAlive()) {
                HostProcess.kill(process);
            }
        }
    }

    /** SIGINT, which Java's Process cannot send; {@code kill} is the portable way. */
    private static void sendSigint(Process process) {
        try {
            Process kill = new ProcessBuilder("kill", "-INT", Long.toString(process.pid()))
                    .redirectErrorStream(true)
                    .start();
            if (!kill.waitFor(30, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new AssertionError("kill -INT " + process.pid() + " failed: "
                        + new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run kill", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
