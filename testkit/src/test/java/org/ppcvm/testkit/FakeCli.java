package org.ppcvm.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.TreeMap;

/**
 * A stand-in for org.ppcvm.cli.Main in PpcvmRunnerTest: reports the arguments, environment,
 * directory and stdin it got, and exits with the status named by its last argument.
 */
public final class FakeCli {
    private FakeCli() {}

    public static void main(String[] args) throws IOException {
        String input = new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
        System.out.println("args=" + Arrays.toString(args));
        System.out.println("env=" + new TreeMap<>(System.getenv()));
        System.out.println("cwd=" + Path.of("").toAbsolutePath());
        System.out.println("stdin=" + input);
        System.err.println("to stderr");
        System.exit(Integer.parseInt(args[args.length - 1]));
    }
}
