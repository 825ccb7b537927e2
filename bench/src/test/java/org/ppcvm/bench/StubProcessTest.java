package org.ppcvm.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class StubProcessTest {
    @Test
    void findsPpcvmsListeningLine() {
        assertThat(StubProcess.listeningPort("ppcvm: gdb server listening on 127.0.0.1:40123\n"))
                .isEqualTo(OptionalInt.of(40123));
        assertThat(StubProcess.listeningPort("guest output\nppcvm: gdb server listening on 127.0.0.1:7\n"))
                .isEqualTo(OptionalInt.of(7));
        assertThat(StubProcess.listeningPort("ppcvm: gdb server listening on 127.0.0.1:"))
                .isEmpty();
        assertThat(StubProcess.listeningPort("")).isEmpty();
    }

    @Test
    void measuresAreNamedByTheirKeys() {
        assertThat(GdbMeasure.byKey("late")).isEqualTo(GdbMeasure.LATE_WATCHPOINT);
        assertThat(GdbMeasure.byKey(" Dump ")).isEqualTo(GdbMeasure.DUMP);
        assertThatThrownBy(() -> GdbMeasure.byKey("steps")).hasMessageContaining("no gdb measurement named 'steps'");
    }
}
