package org.ppcvm.isa;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Assumptions;

/**
 * The powerpc-linux-gnu cross tools as test oracles. A missing tool skips the test with a message
 * on a developer's machine and fails it under CI ({@code CI=true}).
 */
final class CrossTools {
    static final String GXX = "powerpc-linux-gnu-g++";
    static final String AS = "powerpc-linux-gnu-as";
    static final String OBJDUMP = "powerpc-linux-gnu-objdump";
    static final String NM = "powerpc-linux-gnu-nm";

    private CrossTools() {}

    /** Skips (or, under CI, fails) the current test unless every named tool is on the PATH. */
    static void require(String... tools) {
        for (String tool : tools) {
            if (!onPath(tool)) {
                String message = tool + " is not on the PATH (install Debian's g++-powerpc-linux-gnu and"
                        + " binutils-powerpc-linux-gnu)";
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
        for (String dir : path.split(File.pathSeparator, -1)) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    /** Runs a command, returns its standard output, and fails the test if it exits non-zero. */
    static String run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).start();
        CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
        String stdout = readAll(process.getInputStream());
        int status = process.waitFor();
        if (status != 0) {
            fail(String.join(" ", command) + " exited with " + status + ":\n" + stderr.join());
        }
        return stdout;
    }

    private static String readAll(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Copies a test resource of this package into {@code dir}. */
    static Path resource(String name, Path dir) throws IOException {
        Path target = dir.resolve(name);
        try (InputStream in = CrossTools.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("missing test resource " + name);
            }
            Files.copy(in, target);
        }
        return target;
    }

    /** Builds the static sample C++ program of the test resources into {@code dir}. */
    static Path buildSample(Path dir) throws IOException, InterruptedException {
        require(GXX, OBJDUMP);
        Path source = resource("sample.cpp", dir);
        Path binary = dir.resolve("sample");
        run(List.of(GXX, "-static", "-O2", "-o", binary.toString(), source.toString(), "-lm"));
        return binary;
    }

    /** {@code objdump -d} of a file, parsed. */
    static List<ObjdumpLine> disassemble(Path file) throws IOException, InterruptedException {
        return ObjdumpLine.parse(run(List.of(OBJDUMP, "-d", file.toString())));
    }
}
