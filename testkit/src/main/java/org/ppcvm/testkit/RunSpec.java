package org.ppcvm.testkit;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * How to run one guest program: the same spec goes to qemu-ppc and to ppcvm.
 *
 * @param program the guest ELF; its path as given is also the guest's {@code argv[0]}
 * @param args {@code argv[1..]}
 * @param stdin the bytes the guest reads from fd 0 (then end of file)
 * @param env the guest's whole environment (nothing is inherited from the test's JVM)
 * @param workingDir the guest's current directory
 * @param timeout how long before the run is killed and reported as timed out
 */
@SuppressWarnings("ArrayRecordComponent") // stdin is never modified; equals/hashCode compare contents
public record RunSpec(
        Path program, List<String> args, byte[] stdin, Map<String, String> env, Path workingDir, Duration timeout) {

    /** Used when a spec does not say otherwise. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    public RunSpec {
        Objects.requireNonNull(program, "program");
        args = List.copyOf(args);
        stdin = stdin.clone();
        env = Map.copyOf(env);
        Objects.requireNonNull(workingDir, "workingDir");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
    }

    /** Runs {@code program} with {@code args}, no input, an empty environment, in the current directory. */
    public static RunSpec of(Path program, String... args) {
        return new RunSpec(
                program, List.of(args), new byte[0], Map.of(), Path.of("").toAbsolutePath(), DEFAULT_TIMEOUT);
    }

    public RunSpec withArgs(List<String> newArgs) {
        return new RunSpec(program, newArgs, stdin, env, workingDir, timeout);
    }

    public RunSpec withStdin(byte[] newStdin) {
        return new RunSpec(program, args, newStdin, env, workingDir, timeout);
    }

    public RunSpec withEnv(Map<String, String> newEnv) {
        return new RunSpec(program, args, stdin, newEnv, workingDir, timeout);
    }

    public RunSpec withWorkingDir(Path newWorkingDir) {
        return new RunSpec(program, args, stdin, env, newWorkingDir, timeout);
    }

    public RunSpec withTimeout(Duration newTimeout) {
        return new RunSpec(program, args, stdin, env, workingDir, newTimeout);
    }

    /** A copy of the stdin bytes. */
    @Override
    public byte[] stdin() {
        return stdin.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RunSpec other
                && program.equals(other.program)
                && args.equals(other.args)
                && Arrays.equals(stdin, other.stdin)
                && env.equals(other.env)
                && workingDir.equals(other.workingDir)
                && timeout.equals(other.timeout);
    }

    @Override
    public int hashCode() {
        return Objects.hash(program, args, Arrays.hashCode(stdin), env, workingDir, timeout);
    }

    @Override
    public String toString() {
        return "RunSpec[program=" + program + ", args=" + args + ", stdin=" + stdin.length + " bytes, env="
                + new TreeMap<>(env) + ", workingDir=" + workingDir + ", timeout=" + timeout + "]";
    }
}
