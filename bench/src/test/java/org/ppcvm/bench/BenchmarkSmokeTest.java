package org.ppcvm.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ppcvm.testkit.GuestLanguage;
import org.ppcvm.testkit.GuestToolchain;
import org.ppcvm.testkit.QemuUser;
import org.ppcvm.testkit.Tools;

/**
 * Runs the whole benchmark in {@code --quick} mode with one repetition and checks that every program
 * ran under all three runners and agreed. Times are never asserted on.
 */
class BenchmarkSmokeTest {
    private static final Path GUESTS = Path.of("src/main/guests");

    @BeforeEach
    void toolsPresent() {
        Tools.assumeAvailable(GuestToolchain.GCC);
        Tools.assumeAvailable(GuestToolchain.HOST_GCC);
        Tools.assumeAvailable(QemuUser.QEMU_PPC);
    }

    @Test
    void quickRunCoversEveryProgramAndAllChecksumsAgree() throws IOException {
        BenchSuite suite = BenchSuite.load(GUESTS);
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        BenchmarkSettings settings = BenchmarkSettings.of(suite, Path.of("target", "guests"))
                .withQuick(true)
                .withRepetitions(1);

        BenchmarkReport report =
                new BenchmarkSession(settings, new PrintStream(progress, true, StandardCharsets.UTF_8)).run();
        String table = report.table();

        assertThat(report.allAgree())
                .as("%s%nprogress:%n%s", table, progress.toString(StandardCharsets.UTF_8))
                .isTrue();
        assertThat(table).contains("checksums: all agree");
        List<String> rows = table.lines().toList();
        for (String name : sourcesOtherThan(suite.startup().name())) {
            assertThat(rows)
                    .as("a table row for %s", name)
                    .anySatisfy(row -> assertThat(row).startsWith(name + " ").endsWith(" ok"));
            ProgramResult result = report.program(name).orElseThrow();
            assertThat(result.checksum()).as("%s prints a checksum", name).isPresent();
            assertThat(result.instructions())
                    .as("%s: ppcvm's --stats count", name)
                    .isPositive();
            assertThat(result.nativeTimes().seconds()).hasSize(1);
            assertThat(result.qemuTimes().seconds()).hasSize(1);
            assertThat(result.ppcvmTimes().seconds()).hasSize(1);
        }
        assertThat(report.startup().problems()).isEmpty();
        assertThat(report.toJson()).contains("\"allAgree\": true");
    }

    /** The benchmark programs as the file system lists them, independently of BenchSuite. */
    private static List<String> sourcesOtherThan(String startup) throws IOException {
        try (Stream<Path> files = Files.list(GUESTS)) {
            List<String> names = files.filter(p -> p.toString().endsWith(".c"))
                    .map(GuestLanguage::stem)
                    .filter(name -> !name.equals(startup))
                    .sorted()
                    .toList();
            assertThat(names).isNotEmpty();
            return names;
        }
    }
}
