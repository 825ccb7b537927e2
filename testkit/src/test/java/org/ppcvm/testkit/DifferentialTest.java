package org.ppcvm.testkit;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The differential test: every corpus program at every level runs under qemu-ppc (the oracle) and
 * under ppcvm, each in a fresh directory with the same arguments, stdin and environment; stdout,
 * stderr and exit status must be identical.
 *
 * <p>Tagged {@code differential} and excluded from the default build of this module until ppcvm
 * runs programs; run it with {@code -Dppcvm.excludedGroups=} (nothing excluded).
 */
@Tag("differential")
class DifferentialTest {
    private static final GuestToolchain TOOLCHAIN = GuestToolchain.inDefaultCache();

    static List<GuestCorpus.Case> cases() {
        return GuestCorpus.loadDefault().cases();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void ppcvmMatchesQemu(GuestCorpus.Case c, @TempDir Path scratch) throws IOException {
        QemuUser qemu = c.program().configure(QemuUser.fromPath());
        PpcvmRunner ppcvm = PpcvmRunner.fromThisJvm();
        Path binary = c.build(TOOLCHAIN);

        RunResult expected = qemu.run(c.program().runSpec(binary, Files.createDirectory(scratch.resolve("qemu"))));
        RunResult actual = ppcvm.run(c.program().runSpec(binary, Files.createDirectory(scratch.resolve("ppcvm"))));

        TextDiff.compare(qemu.describe(), expected, ppcvm.describe(), actual)
                .ifPresent(diff -> fail("%s: ppcvm differs from qemu-ppc%n%s", c, diff));
    }
}
