package org.ppcvm.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The names are checked against bash itself: a child killed by each signal, bash's report parsed. */
class ShellSignalsTest {
    private static final Pattern REPORT = Pattern.compile("^bash: line \\d+: +\\d+ (.*?) *sh -c .*$");

    @ParameterizedTest(name = "signal {0}")
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 24, 25, 26, 27, 29, 30, 31, 34, 40})
    void matchesWhatBashPrints(int signal) throws IOException, InterruptedException {
        Tools.assumeAvailable("bash");
        Process p = new ProcessBuilder(List.of("bash", "-c", "sh -c 'kill -" + signal + " $$'; true"))
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();

        ShellSignals.Signal s = ShellSignals.lookup(signal).orElseThrow();
        if (out.isEmpty()) {
            assertThat(s.silent()).as("bash prints nothing for %d", signal).isTrue();
            assertThat(ShellSignals.messageFor(signal)).isEmpty();
            return;
        }
        Matcher m = REPORT.matcher(out);
        String name = m.matches() ? m.group(1) : out; // bash reports SIGTERM as just "Terminated"
        assertThat(s.silent()).isFalse();
        assertThat(s.name()).isEqualTo(name);
        assertThat(ShellSignals.messageFor(signal)).isEqualTo(name + (s.dumpsCore() ? " (core dumped)" : "") + "\n");
    }

    @ParameterizedTest(name = "signal {0}")
    @ValueSource(ints = {3, 4, 5, 6, 7, 8, 11, 24, 25, 31})
    void coreDumpingSignalsSaySo(int signal) {
        // signal(7): these are the signals whose default action is "Core".
        assertThat(ShellSignals.messageFor(signal)).endsWith(" (core dumped)\n");
    }
}
