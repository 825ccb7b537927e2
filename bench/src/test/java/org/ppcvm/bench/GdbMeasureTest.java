package org.ppcvm.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GdbMeasureTest {
    @Test
    void measuresAreNamedByTheirKeys() {
        assertThat(GdbMeasure.byKey("late")).isEqualTo(GdbMeasure.LATE_WATCHPOINT);
        assertThat(GdbMeasure.byKey(" Dump ")).isEqualTo(GdbMeasure.DUMP);
        assertThatThrownBy(() -> GdbMeasure.byKey("steps")).hasMessageContaining("no gdb measurement named 'steps'");
    }
}
