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

/**
 * A running stub (ppcvm or qemu-ppc) with its guest: the child process, the port gdb connects to,
 * and the stub's stdout and stderr, which are the guest's, captured in files.
 *
 * <p>Waits poll those files and the process; their timeouts only guard against a hang. {@link
 * #close()} kills whatever is still running, so a failing test leaves no process behind.
 */
final class StubProcess implements AutoCloseable {
    private static final Duration POLL = Duration.ofMillis(20);

    private final GdbStub stub;
    private final String summary;
    private final Process process;
    private final Path stdout;
    private final Path stderr;
    private int port = -1;

    private StubProcess(GdbStub stub, String summary, Process process, Path stdout, Path stderr) {
        this.stub = stub;
        this.summary = summary;
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /**
     * Starts {@code command} in {@code work} with exactly {@code environment}, stdin empty; {@code
     * summary} is the command as messages show it.
     */
    static StubProcess launch(
            GdbStub stub, List<String> command, String summary, Path work, Map<String, String> environment) {
        Path out = work.resolve(stub.label() + ".stdout");
        Path err = work.resolve(stub.label() + ".stderr");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(work.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        builder.environment().clear();
        builder.environment().putAll(environment);
        try {
            return new StubProcess(stub, summary, builder.start(), out, err);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    /** Records the port the stub was told to listen on. */
    StubProcess withPort(int listeningPort) {
        this.port = listeningPort;
        return this;
    }

    /**
     * Waits for a stderr line matching {@code listening} (group 1: the port) and records the port.
     * Fails if the stub exits first or the line does not come within {@code timeout}.
     */
    void awaitPortFromStderr(Pattern listening, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (String line : stderrText().lines().toList()) {
                Matcher m = listening.matcher(line);
                if (m.matches()) {
                    port = Integer.parseInt(m.group(1));
                    return;
                }
            }
            if (!process.isAlive()) {
                throw new AssertionError(
                        describe() + " exited with status " + process.exitValue() + " before listening" + outputs());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(describe() + " printed no '" + listening + "' line in " + timeout + outputs());
            }
            pause();
        }
    }

    /**
     * Waits until the guest has written {@code text} to stdout {@code times} times in all; fails at
     * the timeout or if the stub exits first.
     */
    void awaitStdout(String text, int times, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (occurrences(stdoutText(), text) < times) {
            if (!process.isAlive() && occurrences(stdoutText(), text) < times) {
                throw new AssertionError(
                        describe() + " exited before the guest wrote '" + text + "' " + times + " times" + outputs());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(
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
    OptionalInt awaitExit(Duration timeout) {
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

    GdbStub stub() {
        return stub;
    }

    /** The TCP port on 127.0.0.1 the stub listens on. */
    int port() {
        if (port < 0) {
            throw new IllegalStateException(describe() + " has no port yet");
        }
        return port;
    }

    String stdoutText() {
        return read(stdout);
    }

    String stderrText() {
        return read(stderr);
    }

    /** The stub and its command line, for failure messages. */
    String describe() {
        return stub.label() + " (" + summary + ")";
    }

    /** The stub's output so far, for failure messages. */
    String outputs() {
        return "\n--- " + stub.label() + " stdout ---\n" + stdoutText() + "\n--- " + stub.label() + " stderr ---\n"
                + stderrText();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

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
