package org.ppcvm.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.ppcvm.testkit.GuestRunner;
import org.ppcvm.testkit.RunResult;
import org.ppcvm.testkit.RunSpec;

/**
 * Runs a host executable (the program built with the host compiler) from a {@link RunSpec}, as the
 * guest runners do: stdin from the spec, stdout and stderr captured through files, the environment
 * replaced by the spec's, killed at the timeout.
 */
public final class NativeRunner implements GuestRunner {

    @Override
    public String describe() {
        return "native";
    }

    @Override
    public RunResult run(RunSpec spec) {
        Path io = null;
        try {
            io = Files.createTempDirectory("ppcvm-bench-");
            Path in = Files.write(io.resolve("stdin"), spec.stdin());
            Path out = io.resolve("stdout");
            Path err = io.resolve("stderr");
            List<String> command = new ArrayList<>();
            command.add(spec.program().toString());
            command.addAll(spec.args());
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
                process.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while running " + command, e);
            }
            if (!finished) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
            int status = finished ? process.exitValue() : -1;
            return new RunResult(Files.readAllBytes(out), Files.readAllBytes(err), status, !finished);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + spec.program(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping " + spec.program(), e);
        } finally {
            if (io != null) {
                deleteQuietly(io);
            }
        }
    }

    private static void deleteQuietly(Path dir) {
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                Files.deleteIfExists(p);
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // Only temporary files are left behind.
        }
    }
}
