package org.ppcvm.testkit;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds external tools (the cross compiler, qemu-ppc, gdb-multiarch) on {@code PATH}.
 *
 * <p>A test that needs a tool calls {@link #assumeAvailable}: on a developer's machine without the
 * tool the test is skipped with a message naming it; under CI ({@code CI=true}) the tool is part of
 * the build's contract, so its absence fails the test instead of silently skipping it.
 */
public final class Tools {
    private Tools() {}

    /** The executable named {@code tool} on {@code PATH}, or the path itself if it has a slash. */
    public static Optional<Path> find(String tool) {
        return find(tool, System.getenv());
    }

    static Optional<Path> find(String tool, Map<String, String> environment) {
        if (tool.contains("/")) {
            Path p = Path.of(tool);
            return Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
        }
        String path = environment.getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
        for (String dir : path.split(File.pathSeparator, -1)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, tool);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Whether {@code tool} is on {@code PATH}. */
    public static boolean isAvailable(String tool) {
        return find(tool).isPresent();
    }

    /** Whether this is a CI build, where a missing tool is an error rather than a reason to skip. */
    public static boolean underCi() {
        return underCi(System.getenv());
    }

    static boolean underCi(Map<String, String> environment) {
        return "true".equals(environment.get("CI"));
    }

    /**
     * Returns the path of {@code tool}; if it is absent, skips the calling test (JUnit assumption)
     * or, under CI, fails it.
     */
    public static Path assumeAvailable(String tool) {
        return assumeAvailable(tool, System.getenv());
    }

    static Path assumeAvailable(String tool, Map<String, String> environment) {
        Optional<Path> found = find(tool, environment);
        if (found.isPresent()) {
            return found.get();
        }
        String message = "'" + tool + "' is not on PATH; install it to run this test"
                + " (Debian: gcc-powerpc-linux-gnu, g++-powerpc-linux-gnu, qemu-user, gdb-multiarch)";
        if (underCi(environment)) {
            throw new AssertionError(message + " [CI=true: a missing tool is a failure]");
        }
        return Assumptions.abort(message);
    }
}
