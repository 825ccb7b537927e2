package org.ppcvm.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TextDiffTest {
    @Test
    void equalTextsHaveNoDiff() {
        assertThat(TextDiff.unified("a", "x\ny\n", "b", "x\ny\n")).isEmpty();
    }

    @Test
    void showsAChangedLineWithContext() {
        String left = "1\n2\n3\n4\n5\n6\n7\n8\n9\n";
        String right = "1\n2\n3\n4\nFIVE\n6\n7\n8\n9\n";
        assertThat(TextDiff.unified("left", left, "right", right)).isEqualTo("""
                        --- left
                        +++ right
                        @@ -2 +2 @@
                         2
                         3
                         4
                        -5
                        +FIVE
                         6
                         7
                         8
                        """);
    }

    @Test
    void marksAMissingFinalNewline() {
        assertThat(TextDiff.unified("l", "a\n", "r", "a")).contains("+a\n\\ No newline at end of file");
    }

    @Test
    void showsInsertionsAndSeparateHunks() {
        StringBuilder left = new StringBuilder();
        StringBuilder right = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            left.append(i).append('\n');
            right.append(i).append('\n');
            if (i == 5 || i == 30) {
                right.append("extra ").append(i).append('\n');
            }
        }
        String diff = TextDiff.unified("l", left.toString(), "r", right.toString());
        assertThat(diff).contains("+extra 5\n", "+extra 30\n");
        assertThat(diff.lines().filter(l -> l.startsWith("@@"))).hasSize(2);
    }

    @Test
    void comparesRunResults() {
        RunResult a = new RunResult("out\n".getBytes(StandardCharsets.UTF_8), new byte[0], 0, false);
        RunResult b = new RunResult(
                "out\n".getBytes(StandardCharsets.UTF_8),
                "Segmentation fault (core dumped)\n".getBytes(StandardCharsets.UTF_8),
                139,
                false);
        assertThat(TextDiff.compare("qemu", a, "ppcvm", a)).isEmpty();
        String report = TextDiff.compare("qemu", a, "ppcvm", b).orElseThrow();
        assertThat(report)
                .contains("exit status: qemu 0, ppcvm 139 (signal 11?)")
                .contains("+Segmentation fault (core dumped)")
                .doesNotContain("stdout differs");
    }

    @Test
    void largeDifferencesStillProduceATruncatedReport() {
        StringBuilder left = new StringBuilder();
        StringBuilder right = new StringBuilder();
        for (int i = 0; i < 5000; i++) {
            left.append("left ").append(i).append('\n');
            right.append("right ").append(i).append('\n');
        }
        String diff = TextDiff.unified("l", left.toString(), "r", right.toString());
        assertThat(diff).contains("-left 0").endsWith("... (diff truncated)\n");
    }
}
