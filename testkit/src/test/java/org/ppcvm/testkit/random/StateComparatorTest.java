package org.ppcvm.testkit.random;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class StateComparatorTest {
    private final StateDump base = DumpFormatTest.randomDump(new Random(3), 7);

    private StateDump with(UnaryOperator<MachineState> change) {
        return new StateDump(base.block(), change.apply(base.state()), base.memoryChecksums());
    }

    private static MachineState xer(MachineState s, int xer) {
        return new MachineState(s.gpr(), s.cr(), xer, s.lr(), s.ctr(), s.fpscr(), s.fpr());
    }

    private static MachineState fpscr(MachineState s, int fpscr) {
        return new MachineState(s.gpr(), s.cr(), s.xer(), s.lr(), s.ctr(), fpscr, s.fpr());
    }

    @Test
    void identicalDumpsAgree() {
        assertThat(StateComparator.compare(base, base)).isEmpty();
    }

    @Test
    void aGprDifferenceIsReportedWithBothValues() {
        StateDump other = with(s -> Probes.withGpr(s, 5, s.gpr().get(5) ^ 0x100));
        List<RegisterDifference> diffs = StateComparator.compare(base, other);
        assertThat(diffs).singleElement().satisfies(d -> {
            assertThat(d.register()).isEqualTo("r5");
            assertThat(d.oracle() ^ d.subject()).isEqualTo(0x100);
            assertThat(d.toString()).contains("r5", "differing bits 00000100");
        });
    }

    @Test
    void onlyArchitectedXerBitsAreCompared() {
        int x = base.state().xer();
        assertThat(StateComparator.compare(base, with(s -> xer(s, x ^ 0x0000_FF00))))
                .isEmpty();
        assertThat(StateComparator.compare(base, with(s -> xer(s, x ^ 0x2000_0000))))
                .extracting(RegisterDifference::register)
                .containsExactly("XER");
        assertThat(StateComparator.compare(base, with(s -> xer(s, x ^ 0x0000_0001))))
                .extracting(RegisterDifference::register)
                .containsExactly("XER");
    }

    @Test
    void fpscrMasksTheReservedBitAndQemusFractionRounded() {
        int f = base.state().fpscr();
        assertThat(StateComparator.compare(base, with(s -> fpscr(s, f ^ Fpscr.mask(Fpscr.RESERVED_20)))))
                .isEmpty();
        assertThat(StateComparator.compare(base, with(s -> fpscr(s, f ^ Fpscr.mask(Fpscr.FR)))))
                .isEmpty();
        for (int bit : new int[] {Fpscr.FX, Fpscr.XX, Fpscr.FI, Fpscr.C, Fpscr.VXSNAN, 30, 31}) {
            assertThat(StateComparator.compare(base, with(s -> fpscr(s, f ^ Fpscr.mask(bit)))))
                    .as("FPSCR bit %d", bit)
                    .extracting(RegisterDifference::register)
                    .containsExactly("FPSCR");
        }
    }

    @Test
    void fprsAreComparedOnAll64Bits() {
        StateDump other = with(s -> Probes.withFpr(s, 31, s.fpr().get(31) ^ 1L));
        assertThat(StateComparator.compare(base, other)).singleElement().satisfies(d -> {
            assertThat(d.register()).isEqualTo("f31");
            assertThat(d.width()).isEqualTo(64);
        });
    }

    @Test
    void memoryAndBlockIndexAreCompared() {
        List<Integer> memory = new ArrayList<>(base.memoryChecksums());
        memory.set(7, memory.get(7) + 1);
        assertThat(StateComparator.compare(base, new StateDump(8, base.state(), memory)))
                .extracting(RegisterDifference::register)
                .containsExactly("block index", "mem[r2+192..+64]");
    }
}
