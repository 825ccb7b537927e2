package org.ppcvm.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How to run the benchmark.
 *
 * @param suite the programs
 * @param cacheDir where {@link org.ppcvm.testkit.GuestToolchain} keeps the builds
 * @param java the {@code java} launcher for ppcvm's child JVM
 * @param ppcvmClassPath the child JVM's class path: the CLI jar ({@code cli/target/ppcvm.jar}) or
 *     any class path holding {@code org.ppcvm.cli.Main} and its dependencies
 * @param repetitions runs per program and runner; the median time counts
 * @param quick whether the programs get their smaller {@code quick} inputs
 * @param qemuCpu qemu-ppc's {@code -cpu}
 * @param timeout the limit for one run
 */
public record BenchmarkSettings(
        BenchSuite suite,
        Path cacheDir,
        Path java,
        String ppcvmClassPath,
        int repetitions,
        boolean quick,
        String qemuCpu,
        Duration timeout) {

    /** qemu-ppc's CPU: the e500mc, the core whose user-visible behaviour ppcvm emulates. */
    public static final String DEFAULT_QEMU_CPU = "e500mc";

    public static final int DEFAULT_REPETITIONS = 3;

    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);

    public BenchmarkSettings {
        Objects.requireNonNull(suite, "suite");
        Objects.requireNonNull(cacheDir, "cacheDir");
        Objects.requireNonNull(java, "java");
        Objects.requireNonNull(ppcvmClassPath, "ppcvmClassPath");
        if (repetitions < 1) {
            throw new IllegalArgumentException("repetitions must be at least 1: " + repetitions);
        }
        Objects.requireNonNull(qemuCpu, "qemuCpu");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
    }

    /**
     * Defaults for {@code suite}: builds under {@code cacheDir}, ppcvm started with this JVM's
     * launcher and class path (which holds the CLI: the bench module depends on it).
     */
    public static BenchmarkSettings of(BenchSuite suite, Path cacheDir) {
        return new BenchmarkSettings(
                suite,
                cacheDir,
                Path.of(System.getProperty("java.home"), "bin", "java"),
                System.getProperty("java.class.path"),
                DEFAULT_REPETITIONS,
                false,
                DEFAULT_QEMU_CPU,
                DEFAULT_TIMEOUT);
    }

    public BenchmarkSettings withRepetitions(int newRepetitions) {
        return new BenchmarkSettings(suite, cacheDir, java, ppcvmClassPath, newRepetitions, quick, qemuCpu, timeout);
    }

    public BenchmarkSettings withQuick(boolean newQuick) {
        return new BenchmarkSettings(suite, cacheDir, java, ppcvmClassPath, repetitions, newQuick, qemuCpu, timeout);
    }

    public BenchmarkSettings withPpcvmClassPath(String newClassPath) {
        return new BenchmarkSettings(suite, cacheDir, java, newClassPath, repetitions, quick, qemuCpu, timeout);
    }

    public BenchmarkSettings withQemuCpu(String newQemuCpu) {
        return new BenchmarkSettings(suite, cacheDir, java, ppcvmClassPath, repetitions, quick, newQemuCpu, timeout);
    }

    public BenchmarkSettings withTimeout(Duration newTimeout) {
        return new BenchmarkSettings(suite, cacheDir, java, ppcvmClassPath, repetitions, quick, qemuCpu, newTimeout);
    }
}
