package org.ppcvm.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs a host command for a {@link RunSpec}: stdin from the spec's bytes, stdout and stderr
 * captured, the environment replaced by the spec's, killed (with its descendants) at the timeout.
 *
 * <p>The streams go through files rather than pipes so that a guest that writes a lot before
 * reading cannot deadlock against the harness, and no reader threads are needed.
 */
public final class HostProcess {
    private HostProcess() {}

    /** Runs {@code command}; the exit status is the JDK's (128 + N when killed by signal N). */
    public static RunResult run(List<String> command, RunSpec spec) {
        Path io = null;
        try {
            io = Files.createTempDirectory("ppcvm-run-");
            Path in = Files.write(io.resolve("stdin"), spec.stdin());
            Path out = io.resolve("stdout");
            Path err = io.resolve("stderr");
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(spec.workingDir().toFile())
                    .redirectInput(in.toFile())
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            builder.environment().clear();
            builder.environment().putAll(spec.env());
            Process process = builder.start();
            boolean finished;
            try {
                finished = process.waitFor(spec.timeout().toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                kill(process);
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while running " + command, e);
            }
            if (!finished) {
                kill(process);
            }
            int status = finished ? process.exitValue() : -1;
            return new RunResult(Files.readAllBytes(out), Files.readAllBytes(err), status, !finished);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } finally {
            if (io != null) {
                deleteTree(io);
            }
        }
    }

    /** Kills {@code process} and its descendants at once, and waits (up to 10 s) for it to end. */
    public static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Deletes {@code root} and everything below it, as far as it can. */
    public static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // Only temporary files are left behind.
        }
    }
}
