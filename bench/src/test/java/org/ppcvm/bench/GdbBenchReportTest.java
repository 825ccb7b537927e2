package org.ppcvm.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GdbBenchReportTest {
    private static final GdbRateResult STEPI = new GdbRateResult(
            GdbMeasure.STEPI,
            10_000,
            10_000,
            new Samples(List.of(2.0, 2.5, 1.5)),
            new Samples(List.of(4.0, 4.0, 4.0)),
            new Samples(List.of(1.0, 1.0, 1.0)),
            new Samples(List.of(4.0, 5.0, 3.0)),
            "",
            List.of());

    private static final GdbRateResult WATCH = new GdbRateResult(
            GdbMeasure.WATCHPOINT,
            5_000,
            500,
            new Samples(List.of(10.0)),
            new Samples(List.of(2.0)),
            new Samples(List.of(5.0)),
            new Samples(List.of(2.0)),
            "qemu: software watchpoint, gdb single-steps",
            List.of());

    private static final GdbRateResult DUMP = new GdbRateResult(
            GdbMeasure.DUMP,
            16L << 20,
            16L << 20,
            new Samples(List.of(2.0)),
            new Samples(List.of(1.0)),
            new Samples(List.of(1.0)),
            new Samples(List.of(1.0)),
            "",
            List.of());

    /** 50,000,000 instructions; qemu steps 1,600 instructions in 0.5 s: 3,200 per second. */
    private static final LateWatchResult LATE = new LateWatchResult(
            3_123_000,
            50_000_000,
            16.0,
            1.4,
            new Samples(List.of(1.25)),
            Duration.ofSeconds(60),
            Samples.none(),
            1_600,
            new Samples(List.of(0.5)),
            List.of());

    @Test
    void ratesAndRatiosComeFromTheMedianTimes() {
        assertThat(STEPI.ppcvmRate(1)).isEqualTo(5_000.0);
        assertThat(STEPI.qemuRate(1)).isEqualTo(2_500.0);
        assertThat(STEPI.ratio(1)).isEqualTo(2.0);
        assertThat(STEPI.ppcvmRate(2)).isEqualTo(10_000.0);
        assertThat(STEPI.ratio(2)).isEqualTo(4.0);
        assertThat(WATCH.ratio(1)).isCloseTo(2.0, within(1e-12));
        assertThat(WATCH.ratio(2)).isCloseTo(4.0, within(1e-12));
        assertThat(DUMP.ppcvmRate(1)).isEqualTo(8.0);
        assertThat(LATE.qemuStepRate()).isEqualTo(3_200.0);
        assertThat(LATE.qemuSecondsOrEstimate()).isEqualTo(15_625.0);
        assertThat(LATE.ratio()).isEqualTo(12_500.0);
    }

    @Test
    void tableHasARowPerMeasurementAndRoundAndLabelsTheEstimate() {
        GdbBenchReport report = report(List.of(STEPI, WATCH, DUMP), Optional.of(LATE));
        String table = report.table();
        List<String> lines = table.lines().toList();
        int second = lines.indexOf("second round, the same session (the stub warmed up):");
        List<String> firstRound = lines.subList(0, second);
        List<String> secondRound = lines.subList(second, lines.size());

        assertThat(table).startsWith(GdbBenchReport.TITLE + " (full run, median of 3 sessions");
        assertThat(firstRound)
                .anySatisfy(l -> assertThat(l)
                        .startsWith("stepi ")
                        .contains("5,000 steps/s", "2,500 steps/s", "2.00x", "10,000 steps"));
        assertThat(secondRound)
                .anySatisfy(l -> assertThat(l)
                        .startsWith("stepi ")
                        .contains("10,000 steps/s", "2,500 steps/s", "4.00x", "10,000 steps"));
        assertThat(firstRound)
                .anySatisfy(l -> assertThat(l)
                        .startsWith("watchpoint hits ")
                        .contains("500 hits/s", "250 hits/s", "5,000 / 500 hits (qemu: software watchpoint"));
        assertThat(firstRound)
                .anySatisfy(l -> assertThat(l)
                        .startsWith("dump binary memory ")
                        .contains("8.0 MiB/s", "16.0 MiB/s", "0.50x", "16 MiB"));
        // The late watchpoint has one round.
        assertThat(firstRound)
                .anySatisfy(l -> assertThat(l)
                        .startsWith("watchpoint after 50,000,000 instructions ")
                        .contains("1.250 s", "~15,625 s (estimate)", "~12,500x (estimate)"));
        assertThat(secondRound).noneMatch(l -> l.startsWith("watchpoint after"));
        assertThat(table)
                .contains("cap of 60 s")
                .contains("ESTIMATE, not a measurement")
                .contains("15,625 s (4.3 h) = 50,000,000 instructions / 3,200 instructions/s")
                .contains("without gdb ppcvm runs them in 1.400 s.")
                .contains("checks: every session did what it should");
        // The columns line up.
        int workColumn = lines.stream()
                .filter(l -> l.startsWith("measurement "))
                .findFirst()
                .orElseThrow()
                .indexOf("work per round");
        assertThat(lines.stream()
                        .filter(l -> l.startsWith("stepi "))
                        .findFirst()
                        .orElseThrow())
                .matches(l -> l.indexOf("10,000 steps") == workColumn, "work at column " + workColumn);
    }

    @Test
    void aMeasuredQemuTimeIsNotAnEstimate() {
        LateWatchResult reached = new LateWatchResult(
                10,
                30_000,
                16.0,
                0.01,
                new Samples(List.of(0.1)),
                Duration.ofSeconds(60),
                new Samples(List.of(9.0)),
                1_600,
                new Samples(List.of(0.5)),
                List.of());
        String table = report(List.of(), Optional.of(reached)).table();

        assertThat(reached.qemuEstimated()).isFalse();
        assertThat(reached.ratio()).isCloseTo(90.0, within(1e-9));
        assertThat(table)
                .contains("9.000 s", "90.00x", "qemu reached it within its cap")
                .doesNotContain("estimate");
    }

    @Test
    void problemsFailTheChecksAndAreListed() {
        GdbRateResult failed = new GdbRateResult(
                GdbMeasure.BREAKPOINT,
                100,
                100,
                Samples.none(),
                Samples.none(),
                Samples.none(),
                Samples.none(),
                "",
                List.of("qemu: gdb counted 99 hits, not 100\n--- gdb stdout ---"));
        GdbBenchReport report = report(List.of(STEPI, failed), Optional.empty());

        assertThat(report.allOk()).isFalse();
        assertThat(report.table())
                .contains("checks: FAILED")
                .contains("  break: qemu: gdb counted 99 hits, not 100\n    --- gdb stdout ---")
                .doesNotContain("late watchpoint:");
        assertThat(report.table().lines())
                .anySatisfy(l -> assertThat(l).startsWith("breakpoint hits ").contains("-"));
        assertThat(report.toJson()).contains("\"allOk\": false", "\"ppcvmRate\": null", "\"lateWatchpoint\": null");
    }

    @Test
    void jsonHoldsEverySession() {
        String json = report(List.of(STEPI, DUMP), Optional.of(LATE)).toJson();

        assertThat(json)
                .contains("\"mode\": \"gdb\"")
                .contains("\"allOk\": true")
                .contains("{\"name\": \"stepi\", \"unit\": \"steps/s\", \"ppcvmWork\": 10000, \"qemuWork\": 10000")
                .contains("\"ppcvm\": {\"median\": 2.0, \"seconds\": [2.0, 2.5, 1.5]}")
                .contains("\"qemuSecondRound\": {\"median\": 4.0, \"seconds\": [4.0, 5.0, 3.0]}")
                .contains("\"ppcvmOverQemuSecondRound\": 4.0")
                .contains("\"unitScale\": 1048576")
                .contains("\"qemuEstimated\": true")
                .contains("\"qemu\": {\"median\": null, \"seconds\": []}")
                .contains("\"qemuSecondsOrEstimate\": 15625.0")
                .contains("\"machine\": \"2 cores; \\\"load\\\" 1.0\"");
    }

    private static GdbBenchReport report(List<GdbRateResult> rates, Optional<LateWatchResult> late) {
        return new GdbBenchReport(
                false,
                3,
                "GNU gdb (Debian 13.1-3) 13.1",
                "qemu-ppc -cpu e500mc -g PORT",
                "ppcvm run -g 0",
                "2 cores; \"load\" 1.0",
                rates,
                late);
    }
}
