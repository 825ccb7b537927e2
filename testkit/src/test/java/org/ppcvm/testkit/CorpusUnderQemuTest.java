package org.ppcvm.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every corpus program at every level, under qemu-ppc: built, run twice in fresh directories, and
 * required to behave identically both times (the corpus must be deterministic for the differential
 * test to mean anything) and to end with the exit status its header declares.
 */
class CorpusUnderQemuTest {
    private static final GuestToolchain TOOLCHAIN = GuestToolchain.inDefaultCache();

    static List<GuestCorpus.Case> cases() {
        return GuestCorpus.loadDefault().cases();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void runsDeterministicallyWithTheDeclaredExitStatus(GuestCorpus.Case c, @TempDir Path scratch) throws IOException {
        QemuUser qemu = c.program().configure(QemuUser.fromPath());
        Path binary = c.build(TOOLCHAIN);

        RunResult first = qemu.run(c.program().runSpec(binary, Files.createDirectory(scratch.resolve("run1"))));
        RunResult second = qemu.run(c.program().runSpec(binary, Files.createDirectory(scratch.resolve("run2"))));

        assertThat(first.timedOut())
                .as("%s timed out after %s", c, c.program().timeout())
                .isFalse();
        TextDiff.compare("first run", first, "second run", second)
                .ifPresent(diff -> fail("%s is not deterministic under %s:%n%s", c, qemu.describe(), diff));
        assertThat(first.exitStatus())
                .as("exit status of %s under %s; stderr:%n%s", c, qemu.describe(), first.stderrText())
                .isEqualTo(c.program().expectedExit());
    }
}
