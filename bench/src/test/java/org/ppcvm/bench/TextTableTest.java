package org.ppcvm.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextTableTest {
    @Test
    void namesAndTheLastColumnAlignLeftFiguresRightAndNoLineEndsInBlanks() {
        String table = new TextTable(List.of("program", "time s", "checksum"))
                .row("a", "12.500", "ok")
                .row("longer", "1.0", "")
                .render();

        assertThat(table).isEqualTo("""
                        program  time s  checksum
                        a        12.500  ok
                        longer      1.0
                        """);
    }

    @Test
    void aRowHasACellPerColumn() {
        TextTable table = new TextTable(List.of("a", "b"));

        assertThatThrownBy(() -> table.row("1")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aProblemLineIndentsItsFurtherLines() {
        assertThat(TextTable.problem("fft", "exited with status 1; its stderr:\nboom"))
                .isEqualTo("  fft: exited with status 1; its stderr:\n    boom\n");
    }
}
