package org.ppcvm.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * How to run the gdb benchmark.
 *
 * @param debuggee the C source of the guest gdb drives ({@code bench/src/main/gdb-guests/debuggee.c})
 * @param cacheDir where {@link org.ppcvm.testkit.GuestToolchain} keeps its build
 * @param java the {@code java} launcher of ppcvm's child JVM
 * @param ppcvmClassPath the child JVM's class path (the CLI jar or any class path holding the CLI)
 * @param repetitions sessions per measurement and stub; the median counts
 * @param quick whether the measurements get their {@link GdbWorkload#QUICK} sizes
 * @param qemuCpu qemu-ppc's {@code -cpu}
 * @param timeout the hang guard of one gdb session
 * @param measures the measurements to take
 */
public record GdbBenchSettings(
        Path debuggee,
        Path cacheDir,
        Path java,
        String ppcvmClassPath,
        int repetitions,
        boolean quick,
        String qemuCpu,
        Duration timeout,
        Set<GdbMeasure> measures) {

    /** The debuggee's file in a gdb-guests directory. */
    public static final String DEBUGGEE = "debuggee.c";

    public GdbBenchSettings {
        Objects.requireNonNull(debuggee, "debuggee");
        Objects.requireNonNull(cacheDir, "cacheDir");
        Objects.requireNonNull(java, "java");
        Objects.requireNonNull(ppcvmClassPath, "ppcvmClassPath");
        Objects.requireNonNull(qemuCpu, "qemuCpu");
        if (repetitions < 1) {
            throw new IllegalArgumentException("repetitions must be at least 1: " + repetitions);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        measures = measures.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(measures));
    }

    /**
     * Defaults: the debuggee in {@code gdbGuests}, its build under {@code cacheDir}, ppcvm started
     * with this JVM's launcher and class path, every measurement.
     */
    public static GdbBenchSettings of(Path gdbGuests, Path cacheDir) {
        return new GdbBenchSettings(
                gdbGuests.resolve(DEBUGGEE).toAbsolutePath(),
                cacheDir,
                Path.of(System.getProperty("java.home"), "bin", "java"),
                System.getProperty("java.class.path"),
                BenchmarkSettings.DEFAULT_REPETITIONS,
                false,
                BenchmarkSettings.DEFAULT_QEMU_CPU,
                BenchmarkSettings.DEFAULT_TIMEOUT,
                EnumSet.allOf(GdbMeasure.class));
    }

    public GdbBenchSettings withRepetitions(int newRepetitions) {
        return new GdbBenchSettings(
                debuggee, cacheDir, java, ppcvmClassPath, newRepetitions, quick, qemuCpu, timeout, measures);
    }

    public GdbBenchSettings withQuick(boolean newQuick) {
        return new GdbBenchSettings(
                debuggee, cacheDir, java, ppcvmClassPath, repetitions, newQuick, qemuCpu, timeout, measures);
    }

    public GdbBenchSettings withPpcvmClassPath(String newClassPath) {
        return new GdbBenchSettings(
                debuggee, cacheDir, java, newClassPath, repetitions, quick, qemuCpu, timeout, measures);
    }

    public GdbBenchSettings withQemuCpu(String newQemuCpu) {
        return new GdbBenchSettings(
                debuggee, cacheDir, java, ppcvmClassPath, repetitions, quick, newQemuCpu, timeout, measures);
    }

    public GdbBenchSettings withTimeout(Duration newTimeout) {
        return new GdbBenchSettings(
                debuggee, cacheDir, java, ppcvmClassPath, repetitions, quick, qemuCpu, newTimeout, measures);
    }

    public GdbBenchSettings withMeasures(Set<GdbMeasure> newMeasures) {
        return new GdbBenchSettings(
                debuggee, cacheDir, java, ppcvmClassPath, repetitions, quick, qemuCpu, timeout, newMeasures);
    }

    public GdbWorkload workload() {
        return GdbWorkload.of(quick);
    }
}
