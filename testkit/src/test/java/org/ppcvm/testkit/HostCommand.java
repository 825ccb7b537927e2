package org.ppcvm.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a host tool for a test and returns its stdout, failing on a non-zero status. */
final class HostCommand {
    private HostCommand() {}

    static String output(List<String> command) throws IOException, InterruptedException {
        return output(command, null);
    }

    static String output(List<String> command, Path directory) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (directory != null) {
            builder.directory(directory.toFile());
        }
        Process p = builder.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError(command + " failed:\n" + out);
        }
        return out;
    }

    /** The guest probe program (testkit/src/test/probes/probe.c) built at -O2. */
    static Path probe(GuestToolchain toolchain) {
        return toolchain.build(Path.of("src/test/probes/probe.c"), OptLevel.O2);
    }
}
