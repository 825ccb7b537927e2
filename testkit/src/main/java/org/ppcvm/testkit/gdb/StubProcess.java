package org.ppcvm.testkit.gdb;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ppcvm.testkit.HostProcess;

/**
 * A running stub ({@link StubLauncher} starts one) with its guest: the child process, the port gdb
 * connects to on 127.0.0.1, and the stub's stdout and stderr, which are the guest's (and, on stderr,
 * the stub's own lines), captured in the files {@code LABEL.stdout} and {@code LABEL.stderr} of the
 * run's directory.
 *
 * <p>Waits poll those files and the process; their timeouts only guard against a hang. {@link
 * #close()} kills whatever still runs, the stub and its descendants, so a failed session leaves no
 * process behind; {@link #awaitExit} first gives the stub time to end by itself (gdb's {@code kill}
 * and {@code quit} end it).
 */
public final class StubProcess implements AutoCloseable {
    /** The line ppcvm prints on stderr once it listens; group 1 is the port. */
    public static final Pattern LISTENING =
            Pattern.compile("(?m)^ppcvm: gdb server listening on 127\\.0\\.0\\.1:(\\d+)$");

    /** How long ppcvm may take to listen: long enough for a JVM to start on a loaded machine. */
    public static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private static final Duration POLL = Duration.ofMillis(10);

    private final GdbStub stub;
    private final String summary;
    private final Process process;
    private final Path stdout;
    private final Path stderr;
    private final int port;

    private StubProcess(GdbStub stub, String summary, Process process, Path stdout, Path stderr, int port) {
        this.stub = stub;
        this.summary = summary;
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
        this.port = port;
    }

    /**
     * Starts {@code command} in {@code work} with exactly {@code environment}, stdin empty; {@code
     * summary} is the command as messages show it. With no {@code port}, waits for the stub's
     * listening line and takes the port from it (killing the stub if that fails).
     */
    static StubProcess start(
            GdbStub stub,
            List<String> command,
            String summary,
            OptionalInt port,
            Map<String, String> environment,
            Path work) {
        Path out = work.resolve(stub.label() + ".stdout");
        Path err = work.resolve(stub.label() + ".stderr");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(work.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        builder.environment().clear();
        builder.environment().putAll(environment);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
        if (port.isPresent()) {
            return new StubProcess(stub, summary, process, out, err, port.getAsInt());
        }
        StubProcess starting = new StubProcess(stub, summary, process, out, err, -1);
        try {
            return new StubProcess(stub, summary, process, out, err, starting.awaitListening());
        } catch (RuntimeException e) {
            starting.close();
            throw e;
        }
    }

    /** Waits for the listening line on stderr and returns its port. */
    private int awaitListening() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true) {
            OptionalInt listening = listeningPort(stderrText());
            if (listening.isPresent()) {
                return listening.getAsInt();
            }
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        describe() + " exited with status " + process.exitValue() + " before listening" + outputs());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        describe() + " printed no listening line in " + START_TIMEOUT + outputs());
            }
            pause();
        }
    }

    /** The port of ppcvm's listening line in {@code stderr}, if it is there. */
    public static OptionalInt listeningPort(String stderr) {
        Matcher m = LISTENING.matcher(stderr);
        return m.find() ? OptionalInt.of(Integer.parseInt(m.group(1))) : OptionalInt.empty();
    }

    /**
     * Waits until the guest has written {@code text} to stdout {@code times} times in all; fails at
     * the timeout or if the stub exits first.
     */
    public void awaitStdout(String text, int times, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (occurrences(stdoutText(), text) < times) {
            if (!process.isAlive() && occurrences(stdoutText(), text) < times) {
                throw new IllegalStateException(
                        describe() + " exited before the guest wrote '" + text + "' " + times + " times" + outputs());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "the guest did not write '" + text + "' " + times + " times in " + timeout + outputs());
            }
            pause();
        }
    }

    private static int occurrences(String haystack, String needle) {
        int count = 0;
        for (int at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + needle.length())) {
            count++;
        }
        return count;
    }

    /** The exit status (128 + N after signal N), or empty if the stub still runs after {@code timeout}. */
    public OptionalInt awaitExit(Duration timeout) {
        try {
            if (process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                return OptionalInt.of(process.exitValue());
            }
            return OptionalInt.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for " + describe(), e);
        }
    }

    public GdbStub stub() {
        return stub;
    }

    /** The TCP port on 127.0.0.1 the stub listens on. */
    public int port() {
        return port;
    }

    public String stdoutText() {
        return read(stdout);
    }

    public String stderrText() {
        return read(stderr);
    }

    /** The stub and its command line, for failure messages. */
    public String describe() {
        return stub.label() + " (" + summary + ")";
    }

    /** The stub's output so far, for failure messages. */
    public String outputs() {
        return "\n--- " + stub.label() + " stdout ---\n" + stdoutText() + "\n--- " + stub.label() + " stderr ---\n"
                + stderrText();
    }

    /** Kills the stub and its descendants if it still runs. */
    @Override
    public void close() {
        if (process.isAlive()) {
            HostProcess.kill(process);
        }
    }

    /** One polling interval. */
    static void pause() {
        try {
            Thread.sleep(POLL);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.ISO_8859_1) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
