package org.ppcvm.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchSuiteTest {
    @TempDir
    Path dir;

    @Test
    void readsSettingsAndSeparatesTheStartupProgram() throws IOException {
        Files.writeString(dir.resolve("b.c"), "/* ppcvm-bench: args=\"10 20\" quick=1 cflags=-ffp-contract=off */\n");
        Files.writeString(dir.resolve("a.c"), "// ppcvm-bench: args=5\nint main(void) { return 0; }\n");
        Files.writeString(dir.resolve("s.c"), " * ppcvm-bench: role=startup\n");
        Files.writeString(dir.resolve("notes.txt"), "ppcvm-bench: role=startup\n");

        BenchSuite suite = BenchSuite.load(dir);

        assertThat(suite.programs()).extracting(BenchProgram::name).containsExactly("a", "b");
        BenchProgram b = suite.programs().get(1);
        assertThat(b.args(false)).containsExactly("10", "20");
        assertThat(b.args(true)).containsExactly("1");
        assertThat(b.cflags()).containsExactly("-ffp-contract=off");
        // Without a quick input, a quick run uses the full one.
        assertThat(suite.programs().get(0).args(true)).containsExactly("5");
        assertThat(suite.startup().name()).isEqualTo("s");
        assertThat(suite.only(List.of("b")).programs()).containsExactly(b);
    }

    @Test
    void rejectsWhatItCannotRead() throws IOException {
        Files.writeString(dir.resolve("s.c"), "// ppcvm-bench: role=startup\n");
        Files.writeString(dir.resolve("x.c"), "// ppcvm-bench: argz=1\n");
        assertThatThrownBy(() -> BenchSuite.load(dir)).hasMessageContaining("unknown ppcvm-bench: key 'argz'");

        Files.writeString(dir.resolve("x.c"), "// ppcvm-bench: args=\"1\n");
        assertThatThrownBy(() -> BenchSuite.load(dir)).hasMessageContaining("cannot read");

        Files.writeString(dir.resolve("x.c"), "// ppcvm-bench: args=1\n");
        assertThatThrownBy(() -> BenchSuite.load(dir).only(List.of("y")))
                .hasMessageContaining("no benchmark named 'y'");

        Files.delete(dir.resolve("s.c"));
        assertThatThrownBy(() -> BenchSuite.load(dir)).hasMessageContaining("role=startup");
    }
}
