package org.ppcvm.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PpcvmRunnerTest {
    @TempDir
    Path dir;

    @Test
    void runsTheCliInAChildJvmWithTheSpecsStreamsEnvironmentAndDirectory() {
        PpcvmRunner runner = PpcvmRunner.fromThisJvm()
                .withRunOptions(List.of("--engine=interp"))
                .withMainClass(FakeCli.class.getName());
        RunSpec spec = RunSpec.of(Path.of("/guests/prog"), "-a", "7")
                .withStdin("input bytes".getBytes(StandardCharsets.UTF_8))
                .withEnv(Map.of("GUEST_VAR", "1"))
                .withWorkingDir(dir);

        RunResult r = runner.run(spec);

        assertThat(r.exitStatus()).isEqualTo(7);
        assertThat(r.stdoutText())
                .isEqualTo("args=[run, --engine=interp, --, /guests/prog, -a, 7]\n" + "env={GUEST_VAR=1}\n" + "cwd="
                        + dir.toAbsolutePath() + "\nstdin=input bytes\n");
        assertThat(r.stderrText()).isEqualTo("to stderr\n");
    }

    @Test
    void theCommandNamesTheCliMainClass() {
        List<String> command = PpcvmRunner.fromThisJvm().command(RunSpec.of(Path.of("p"), "x"));
        assertThat(command.get(0)).endsWith("/bin/java");
        assertThat(command).containsSubsequence("--enable-native-access=ALL-UNNAMED", "-cp");
        assertThat(command.subList(command.indexOf(PpcvmRunner.MAIN_CLASS), command.size()))
                .containsExactly(PpcvmRunner.MAIN_CLASS, "run", "--", "p", "x");
    }
}
