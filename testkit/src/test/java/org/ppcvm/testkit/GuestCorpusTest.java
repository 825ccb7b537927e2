package org.ppcvm.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class GuestCorpusTest {
    private static final Path SOURCE = Path.of("demo.c");

    @Test
    void readsEverySettingOfTheHeader() {
        GuestProgram p = GuestCorpus.parse(SOURCE, """
                // A demo program.
                // ppcvm-test: args="a 'b c' ''" stdin="hi\\n\\x00\\xff" exit=3 opts=O2
                /* ppcvm-test: env="K=v EMPTY=" cpu=7400 cflags="-DX=1 -Wall" timeout=7 */
                int main(void) { return 3; }
                """);
        assertThat(p.name()).isEqualTo("demo");
        assertThat(p.args()).containsExactly("a", "b c", "");
        assertThat(p.stdin()).containsExactly('h', 'i', '\n', 0, 0xff);
        assertThat(p.expectedExit()).isEqualTo(3);
        assertThat(p.optLevels()).containsExactly(OptLevel.O2);
        assertThat(p.env())
                .containsEntry("K", "v")
                .containsEntry("EMPTY", "")
                .containsAllEntriesOf(GuestCorpus.BASE_ENV);
        assertThat(p.qemuCpu()).contains("7400");
        assertThat(p.cflags()).containsExactly("-DX=1", "-Wall");
        assertThat(p.timeout()).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void defaultsWithoutAHeader() {
        GuestProgram p = GuestCorpus.parse(SOURCE, "int main(void) { return 0; }\n");
        assertThat(p.args()).isEmpty();
        assertThat(p.stdin()).isEmpty();
        assertThat(p.env()).isEqualTo(GuestCorpus.BASE_ENV);
        assertThat(p.expectedExit()).isZero();
        assertThat(p.optLevels()).containsExactly(OptLevel.O0, OptLevel.O2);
        assertThat(p.qemuCpu()).contains(GuestCorpus.DEFAULT_QEMU_CPU);
        assertThat(p.timeout()).isEqualTo(GuestCorpus.DEFAULT_TIMEOUT);
    }

    @Test
    void repeatsStdinAndCanAskForQemusDefaultCpu() {
        GuestProgram p = GuestCorpus.parse(SOURCE, "// ppcvm-test: stdin=ab stdin-repeat=3 cpu=default\n");
        assertThat(new String(p.stdin(), StandardCharsets.US_ASCII)).isEqualTo("ababab");
        assertThat(p.qemuCpu()).isEqualTo(Optional.empty());
    }

    @Test
    void rejectsMistakes() {
        assertThatThrownBy(() -> GuestCorpus.parse(SOURCE, "// ppcvm-test: exits=3\n"))
                .hasMessageContaining("unknown setting 'exits'");
        assertThatThrownBy(() -> GuestCorpus.parse(SOURCE, "// ppcvm-test: exit=3\n// ppcvm-test: exit=4\n"))
                .hasMessageContaining("given twice");
        assertThatThrownBy(() -> GuestCorpus.parse(SOURCE, "// ppcvm-test: args=\"a\n"))
                .hasMessageContaining("unterminated quote");
        assertThatThrownBy(() -> GuestCorpus.parse(SOURCE, "// ppcvm-test: exit=256\n"))
                .hasMessageContaining("out of range");
        assertThatThrownBy(() -> GuestCorpus.parse(SOURCE, "// ppcvm-test: opts=O3\n"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GuestCorpus.parse(SOURCE, "// ppcvm-test: env=NOEQUALS\n"))
                .hasMessageContaining("NAME=value");
    }

    @Test
    void splitsWordsWithSingleQuotes() {
        assertThat(GuestCorpus.words("  a  'b  c'd '' e")).containsExactly("a", "b  cd", "", "e");
        assertThat(GuestCorpus.words("")).isEmpty();
        assertThatThrownBy(() -> GuestCorpus.words("'open")).hasMessageContaining("unterminated");
    }

    /** The corpus as the brief asks for it: its size, languages and the required behaviours. */
    @Test
    void theCorpusCoversWhatTheDifferentialTestNeeds() {
        GuestCorpus corpus = GuestCorpus.loadDefault();
        List<GuestProgram> programs = corpus.programs();
        assertThat(programs).hasSizeGreaterThanOrEqualTo(45);
        Set<String> names = new HashSet<>();
        for (GuestProgram p : programs) {
            assertThat(names.add(p.name())).as("duplicate name %s", p.name()).isTrue();
        }
        Map<GuestLanguage, Long> byLanguage =
                programs.stream().collect(Collectors.groupingBy(GuestProgram::language, Collectors.counting()));
        assertThat(byLanguage.keySet()).containsExactlyInAnyOrder(GuestLanguage.values());
        Set<Integer> exits = programs.stream().map(GuestProgram::expectedExit).collect(Collectors.toSet());
        // 0/1/42/255, and death by SIGILL, SIGTRAP, SIGABRT and SIGSEGV.
        assertThat(exits).contains(0, 1, 42, 255, 128 + 4, 128 + 5, 128 + 6, 128 + 11);
        assertThat(programs).anyMatch(p -> p.stdin().length > 0);
        assertThat(programs).anyMatch(p -> !p.args().isEmpty());
        assertThat(corpus.cases()).hasSizeGreaterThan(programs.size());
    }
}
