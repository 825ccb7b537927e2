package org.ppcvm.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The oracle's plumbing, checked with the probe guest (src/test/probes/probe.c). */
class QemuUserTest {
    private static Path probe;

    @TempDir
    Path dir;

    @BeforeAll
    static void build() {
        probe = HostCommand.probe(GuestToolchain.inDefaultCache());
    }

    private RunResult run(String... args) {
        return QemuUser.fromPath().withCpu("e500mc").run(RunSpec.of(probe, args).withWorkingDir(dir));
    }

    @Test
    void anExitStatusAbove128IsNotMistakenForASignal() {
        RunResult r = run("exit", "139");
        assertThat(r.exitStatus()).isEqualTo(139);
        assertThat(r.stderrText()).isEqualTo("exiting with 139\n");
    }

    @Test
    void deathByACoreDumpingSignalReadsAsTheShellReportsIt() {
        RunResult r = run("raise", "11");
        assertThat(r.exitStatus()).isEqualTo(139);
        assertThat(r.stderrText()).isEqualTo("raising 11\nSegmentation fault (core dumped)\n");
        assertThat(r.stdout()).isEmpty();
        assertThat(dir).isEmptyDirectory(); // and no core file
    }

    @Test
    void deathBySignalsQemuIsSilentAboutIsReportedToo() {
        RunResult term = run("raise", "15");
        assertThat(term.exitStatus()).isEqualTo(143);
        assertThat(term.stderrText()).isEqualTo("raising 15\nTerminated\n");
        // Real-time signals have other host numbers under qemu; the guest's number counts.
        RunResult rt = run("raise", "40");
        assertThat(rt.exitStatus()).isEqualTo(128 + 40);
        assertThat(rt.stderrText()).isEqualTo("raising 40\nReal-time signal 6\n");
        RunResult pipe = run("raise", "13");
        assertThat(pipe.exitStatus()).isEqualTo(141);
        assertThat(pipe.stderrText()).isEqualTo("raising 13\n");
    }

    @Test
    void isaThreeMffsFormsRunAfterTheRewrite() throws Exception {
        assertThat(MffsRewriter.countVariants(Files.readAllBytes(probe))).isPositive();
        RunResult r = run("fenv");
        assertThat(r.exitStatus()).as(r.stderrText()).isZero();
        assertThat(r.stdoutText()).isEqualTo("0x1.5555555555556p-2 0x1.5555555555555p-2 1\n");
    }

    @Test
    void theGuestSeesExactlyTheSpecsEnvironmentArgvAndDirectory() {
        RunSpec spec = RunSpec.of(probe, "env")
                .withEnv(Map.of("ONLY", "this", "EMPTY", ""))
                .withWorkingDir(dir);
        RunResult env = QemuUser.fromPath().run(spec);
        assertThat(env.stdoutText().lines().sorted()).containsExactly("EMPTY=", "ONLY=this");

        RunResult argv = QemuUser.fromPath().run(spec.withArgs(List.of("argv", "two words", "", "-x")));
        assertThat(argv.stdoutText()).isEqualTo(probe + "\nargv\ntwo words\n\n-x\n");

        RunResult cwd = QemuUser.fromPath().run(spec.withArgs(List.of("cwd")));
        assertThat(cwd.stdoutText()).isEqualTo(dir.toAbsolutePath() + "\n");
    }

    @Test
    void feedsStdinAndStopsAtTheTimeout() {
        byte[] input = new byte[300_000];
        for (int i = 0; i < input.length; i++) {
            input[i] = (byte) (i * 7);
        }
        RunResult cat = QemuUser.fromPath()
                .run(RunSpec.of(probe, "cat").withStdin(input).withWorkingDir(dir));
        assertThat(cat.stdout()).isEqualTo(input);

        RunResult spin = QemuUser.fromPath()
                .run(RunSpec.of(probe, "spin").withWorkingDir(dir).withTimeout(Duration.ofSeconds(2)));
        assertThat(spin.timedOut()).isTrue();
        assertThat(new String(spin.stdout(), StandardCharsets.UTF_8)).isEmpty();
    }
}
