package org.ppcvm.testkit.random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DumpFormatTest {

    static StateDump randomDump(Random rng, int block) {
        List<Integer> gpr = new ArrayList<>();
        List<Long> fpr = new ArrayList<>();
        List<Integer> memory = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            gpr.add(rng.nextInt());
            fpr.add(rng.nextLong());
        }
        for (int i = 0; i < Harness.MEMORY_CHUNKS; i++) {
            memory.add(rng.nextInt());
        }
        MachineState s =
                new MachineState(gpr, rng.nextInt(), rng.nextInt(), rng.nextInt(), rng.nextInt(), rng.nextInt(), fpr);
        return new StateDump(block, s, memory);
    }

    @Test
    void formatAndParseAreInverse() {
        Random rng = new Random(1);
        List<StateDump> dumps = List.of(randomDump(rng, 0), randomDump(rng, 1), randomDump(rng, 2));
        StringBuilder text = new StringBuilder();
        for (StateDump d : dumps) {
            String line = DumpFormat.format(d);
            assertThat(line).hasSize(Harness.RECORD_WORDS * 8).matches("[0-9a-f]+");
            text.append(line).append('\n');
        }
        assertThat(DumpFormat.parse(text.toString())).isEqualTo(dumps);
    }

    @Test
    void wordsAreInRecordOrder() {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < Harness.RECORD_WORDS; i++) {
            line.append(String.format("%08x", i));
        }
        StateDump d = DumpFormat.parse(line + "\n").get(0);
        assertThat(d.block()).isZero();
        assertThat(d.state().gpr().get(0)).isEqualTo(1);
        assertThat(d.state().gpr().get(31)).isEqualTo(32);
        assertThat(d.state().cr()).isEqualTo(33);
        assertThat(d.state().xer()).isEqualTo(34);
        assertThat(d.state().lr()).isEqualTo(35);
        assertThat(d.state().ctr()).isEqualTo(36);
        assertThat(d.state().fpscr()).isEqualTo(37);
        assertThat(d.state().fpr().get(0)).isEqualTo(38L << 32 | 39);
        assertThat(d.memoryChecksums()).containsExactly(102, 103, 104, 105, 106, 107, 108, 109);
    }

    @Test
    void malformedLinesAreRejectedWithTheirNumber() {
        String good = DumpFormat.format(randomDump(new Random(2), 0));
        assertThatThrownBy(() -> DumpFormat.parse(good + "\n" + good.substring(1) + "\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 2");
        assertThatThrownBy(() -> DumpFormat.parse("x" + good.substring(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not hex");
    }
}
