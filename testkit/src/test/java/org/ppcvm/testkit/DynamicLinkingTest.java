package org.ppcvm.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Dynamically linked programs beyond the corpus ({@code link=dynamic} programs there): a shared
 * library of ours loaded with dlopen, a BSS-PLT executable (its PLT is code the dynamic linker
 * writes in a writable, executable segment), and the error for a missing program interpreter. The
 * output must equal qemu-ppc's with the same sysroot.
 */
class DynamicLinkingTest {
    private static final Path DIR = Path.of("src", "test", "resources", "dynamic");
    private static final GuestToolchain TOOLCHAIN = new GuestToolchain(Path.of("target", "guests", "dynamic"));

    @TempDir
    Path work;

    private static RunResult ppcvm(RunSpec spec) {
        return PpcvmRunner.fromThisJvm().run(spec);
    }

    private static RunResult qemu(RunSpec spec) {
        return QemuUser.fromPath()
                .withCpu(GuestCorpus.DEFAULT_QEMU_CPU)
                .withSysroot(GuestToolchain.SYSROOT)
                .run(spec);
    }

    @Test
    void aSharedLibraryOfOursLoadedWithDlopen() {
        Path library = TOOLCHAIN.buildSharedLibrary(DIR.resolve("plugin.c"), OptLevel.O2);
        Path program =
                TOOLCHAIN.build(DIR.resolve("load_plugin.c"), OptLevel.O2, List.of(), GuestToolchain.Linkage.DYNAMIC);
        RunSpec spec = RunSpec.of(program, library.toAbsolutePath().toString()).withWorkingDir(work);

        RunResult result = ppcvm(spec);

        assertThat(result.stdoutText()).isEqualTo("""
                        plugin constructor ran
                        plugin_add(1, 2) = 44
                        after the change: 103
                        missing symbol: NULL
                        """);
        assertThat(result.exitStatus()).isZero();
        assertThat(result).isEqualTo(qemu(spec));
    }

    @Test
    void aBssPltExecutable() {
        Path program = TOOLCHAIN.build(
                Path.of("src", "test", "guests", "dynamic_libc.c"),
                OptLevel.O2,
                List.of("-mbss-plt"),
                GuestToolchain.Linkage.DYNAMIC);
        RunSpec spec = RunSpec.of(program, "one", "two").withWorkingDir(work);

        RunResult result = ppcvm(spec);

        assertThat(result.stdoutText()).startsWith("apple banana fig pear\n");
        assertThat(result.exitStatus()).isZero();
        assertThat(result).isEqualTo(qemu(spec));
    }

    @Test
    void aMissingInterpreterIsOneClearLine() throws Exception {
        Path program = TOOLCHAIN.build(
                Path.of("src", "test", "guests", "dynamic_libc.c"),
                OptLevel.O2,
                List.of(),
                GuestToolchain.Linkage.DYNAMIC);
        Path emptyRoot = Files.createDirectory(work.resolve("empty-sysroot"));
        RunResult result = PpcvmRunner.fromThisJvm()
                .withRunOptions(List.of("-L", emptyRoot.toString()))
                .run(RunSpec.of(program).withWorkingDir(work));

        assertThat(result.stderrText())
                .isEqualTo("ppcvm: " + program + ": program interpreter /lib/ld.so.1 not found under "
                        + emptyRoot.toAbsolutePath() + "\n");
        assertThat(result.exitStatus()).isEqualTo(1);
    }
}
