package org.ppcvm.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ppcvm.testkit.GuestToolchain;
import org.ppcvm.testkit.QemuUser;
import org.ppcvm.testkit.Tools;

/**
 * Runs the debug-overhead section in {@code --quick} mode with one pair of runs per program and
 * checks that every program ran plain and debugged, printed the native output both times and never
 * stopped at a point. Times are never asserted on.
 */
class DebugOverheadSmokeTest {
    @BeforeEach
    void toolsPresent() {
        Tools.assumeAvailable(GuestToolchain.GCC);
        Tools.assumeAvailable(GuestToolchain.HOST_GCC);
        Tools.assumeAvailable(QemuUser.QEMU_PPC);
    }

    @Test
    void quickSectionRunsEveryProgramAndOutputsAgree() {
        BenchSuite suite = BenchSuite.load(Path.of("src/main/guests"));
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        BenchmarkSettings settings = BenchmarkSettings.of(suite, Path.of("target", "guests"))
                .withQuick(true)
                .withRepetitions(1);

        DebugOverheadReport report = new BenchmarkSession(
                        settings, new PrintStream(progress, true, StandardCharsets.UTF_8))
                .measureDebugOverhead(DebugLoad.DEFAULT);
        String table = report.table();

        assertThat(report.allAgree())
                .as("%s%nprogress:%n%s", table, progress.toString(StandardCharsets.UTF_8))
                .isTrue();
        assertThat(table).startsWith(DebugOverheadReport.TITLE).contains("runs identical");
        for (BenchProgram program : suite.programs()) {
            DebugOverheadResult result = report.program(program.name()).orElseThrow();
            assertThat(result.plainTimes().seconds()).hasSize(1);
            assertThat(result.debuggedTimes().seconds()).hasSize(1);
            assertThat(table.lines())
                    .as("a row for %s", program.name())
                    .anySatisfy(row ->
                            assertThat(row).startsWith(program.name() + " ").endsWith(" identical"));
        }
    }
}
