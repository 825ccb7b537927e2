package org.ppcvm.testkit;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One program of the guest corpus with the settings its {@code ppcvm-test:} header declares (see
 * {@link GuestCorpus} for the syntax).
 *
 * @param name the source's file name without extension
 * @param source the C, C++ or assembly source
 * @param args the guest's {@code argv[1..]}
 * @param stdin what the guest reads on fd 0
 * @param env the guest's whole environment ({@link GuestCorpus#BASE_ENV} plus the header's)
 * @param expectedExit the exit status a shell sees (128 + N for death by signal N)
 * @param optLevels the optimisation levels to build and test it at
 * @param qemuCpu the {@code -cpu} for qemu-ppc, chosen so that qemu implements every instruction
 *     the program executes the way an e500mc running Linux does
 * @param cflags extra compiler flags
 * @param timeout the limit for one run
 * @param linkage static (the default) or against the cross libc's shared libraries
 */
@SuppressWarnings("ArrayRecordComponent") // stdin is never modified; equals/hashCode compare contents
public record GuestProgram(
        String name,
        Path source,
        List<String> args,
        byte[] stdin,
        Map<String, String> env,
        int expectedExit,
        List<OptLevel> optLevels,
        Optional<String> qemuCpu,
        List<String> cflags,
        Duration timeout,
        GuestToolchain.Linkage linkage) {

    public GuestProgram {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(source, "source");
        args = List.copyOf(args);
        stdin = stdin.clone();
        env = Map.copyOf(env);
        optLevels = List.copyOf(optLevels);
        Objects.requireNonNull(qemuCpu, "qemuCpu");
        cflags = List.copyOf(cflags);
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(linkage, "linkage");
    }

    /** A copy of the stdin bytes. */
    @Override
    public byte[] stdin() {
        return stdin.clone();
    }

    public GuestLanguage language() {
        return GuestLanguage.of(source);
    }

    /** Builds (or finds in the cache) the program at {@code opt}. */
    public Path build(GuestToolchain toolchain, OptLevel opt) {
        return toolchain.build(source, opt, cflags, linkage);
    }

    /** How to run {@code binary} (this program built at some level) in {@code workingDir}. */
    public RunSpec runSpec(Path binary, Path workingDir) {
        return new RunSpec(binary, args, stdin, env, workingDir, timeout);
    }

    /** qemu-ppc configured for this program. */
    public QemuUser configure(QemuUser qemu) {
        QemuUser configured = qemuCpu.map(qemu::withCpu).orElse(qemu);
        return linkage == GuestToolchain.Linkage.DYNAMIC ? configured.withSysroot(GuestToolchain.SYSROOT) : configured;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GuestProgram other
                && name.equals(other.name)
                && source.equals(other.source)
                && args.equals(other.args)
                && Arrays.equals(stdin, other.stdin)
                && env.equals(other.env)
                && expectedExit == other.expectedExit
                && optLevels.equals(other.optLevels)
                && qemuCpu.equals(other.qemuCpu)
                && cflags.equals(other.cflags)
                && timeout.equals(other.timeout);
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                name, source, args, Arrays.hashCode(stdin), env, expectedExit, optLevels, qemuCpu, cflags, timeout);
    }

    /** The name, so parameterised tests read well. */
    @Override
    public String toString() {
        return name;
    }
}
