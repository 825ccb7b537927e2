package org.ppcvm.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ppcvm.testkit.GuestToolchain;
import org.ppcvm.testkit.QemuUser;
import org.ppcvm.testkit.Tools;

/**
 * Runs the gdb benchmark in {@code --quick} mode with one session per stub and measurement, and
 * checks that every session did what it should against both stubs. Times are never asserted on.
 */
class GdbBenchmarkSmokeTest {
    @BeforeEach
    void toolsPresent() {
        Tools.assumeAvailable(GuestToolchain.GCC);
        Tools.assumeAvailable(QemuUser.QEMU_PPC);
        Tools.assumeAvailable(GdbBenchmark.GDB);
    }

    @Test
    void quickRunTakesEveryMeasurementAgainstBothStubs() {
        GdbBenchSettings settings = GdbBenchSettings.of(Path.of("src/main/gdb-guests"), Path.of("target", "guests"))
                .withQuick(true)
                .withRepetitions(1);
        ByteArrayOutputStream progress = new ByteArrayOutputStream();

        GdbBenchReport report =
                new GdbBenchmark(settings, new PrintStream(progress, true, StandardCharsets.UTF_8)).run();
        String table = report.table();

        assertThat(report.allOk())
                .as("%s%nprogress:%n%s", table, progress.toString(StandardCharsets.UTF_8))
                .isTrue();
        for (GdbMeasure measure : GdbMeasure.values()) {
            if (measure == GdbMeasure.LATE_WATCHPOINT) {
                continue;
            }
            GdbRateResult rate = report.rate(measure).orElseThrow();
            for (Samples samples :
                    List.of(rate.ppcvmFirst(), rate.qemuFirst(), rate.ppcvmSecond(), rate.qemuSecond())) {
                assertThat(samples.seconds())
                        .as("%s: one session per stub", measure)
                        .hasSize(1);
            }
            assertThat(table.lines()).anySatisfy(l -> assertThat(l).startsWith(measure.title() + " "));
        }
        LateWatchResult late = report.late().orElseThrow();
        assertThat(late.instructions()).isBetween(4_900_000L, 5_100_000L);
        assertThat(late.ppcvmSeconds().seconds()).hasSize(1);
        assertThat(late.qemuStepSeconds().seconds()).hasSize(1);
        assertThat(table).contains("checks: every session did what it should");
        assertThat(report.toJson()).contains("\"allOk\": true");
    }
}
