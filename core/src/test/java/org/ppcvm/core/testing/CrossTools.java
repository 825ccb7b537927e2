package org.ppcvm.core.testing;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Finding and running the cross compiler and qemu-ppc for core's oracle tests (core cannot use
 * testkit, which depends on it).
 */
public final class CrossTools {
    private CrossTools() {}

    /**
     * Skips the calling test when a tool is missing, except under CI (CI=true), where a missing
     * tool is a failure.
     */
    public static void require(String... tools) {
        for (String tool : tools) {
            if (!onPath(tool)) {
                String message = tool + " is not installed: core's oracle tests need the Debian packages "
                        + "gcc-powerpc-linux-gnu and qemu-user";
                if ("true".equals(System.getenv("CI"))) {
                    fail(message);
                }
                Assumptions.abort(message);
            }
        }
    }

    private static boolean onPath(String tool) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    /** Runs a command to completion; fails the test with its output when it exits non-zero. */
    public static void run(List<String> command, Path stdout, long timeoutSeconds)
            throws IOException, InterruptedException {
        Path stderr = stdout.resolveSibling(stdout.getFileName() + ".err");
        Process p = new ProcessBuilder(command)
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile())
                .start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("timed out: " + String.join(" ", command));
        }
        if (p.exitValue() != 0) {
            fail("exit " + p.exitValue() + ": " + String.join(" ", command) + "\n"
                    + Files.readString(stderr, StandardCharsets.UTF_8));
        }
    }
}
