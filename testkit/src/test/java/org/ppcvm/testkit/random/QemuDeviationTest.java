package org.ppcvm.testkit.random;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Each {@link QemuDeviation}: what qemu-ppc 7.2 does, what the Power ISA (and so ppcvm) does, and
 * that the harness's handling turns the first into the second or keeps it out of the comparison.
 * If qemu is fixed, a "qemu does" assertion fails and the handling can go.
 *
 * <p>Each probe runs both copies of a one-block program under qemu: ppcvm's copy (nops where the
 * corrections are) shows qemu's raw behaviour, qemu's copy the corrected one.
 */
class QemuDeviationTest {
    private static final int RN_TOWARD_PLUS_INFINITY = 2;
    private static final int RN_TOWARD_MINUS_INFINITY = 3;
    private static final int FPRF = 0x1F << (31 - 19);

    private static int fprf(int classBits) {
        return classBits << (31 - 19);
    }

    private static StateDump probe(String name, SourceVariant variant, MachineState initial, List<AsmLine> body) {
        GeneratedProgram p = Probes.program(0xDE71, List.of(Probes.block(0, initial, body)));
        return Probes.run(p, "deviation-" + name, variant, RandomDifferential.oracle())
                .get(0);
    }

    /** The raw (ppcvm's copy under qemu) and corrected (qemu's copy) runs of one probe. */
    private record Runs(StateDump raw, StateDump corrected) {}

    private static Runs both(String name, MachineState initial, List<AsmLine> body) {
        return new Runs(
                probe(name, SourceVariant.PPCVM, initial, body), probe(name, SourceVariant.QEMU, initial, body));
    }

    /** {@code text} under test with {@code fix}'s corrections around it in qemu's copy. */
    private static List<AsmLine> corrected(QemuCorrections.Fix fix, String text, String qemuText) {
        int[] n = {0};
        Supplier<String> labels = () -> ".Lprobe" + n[0]++;
        List<AsmLine> body = new ArrayList<>();
        body.add(Probes.qemuOnly(QemuCorrections.before(fix, labels)));
        body.add(new AsmLine(AsmLine.Role.TESTED, text, qemuText, text.split(" ", 2)[0]));
        body.add(Probes.qemuOnly(QemuCorrections.after(fix, labels)));
        return body;
    }

    private static boolean bit(StateDump d, int fpscrBit) {
        return (d.state().fpscr() & Fpscr.mask(fpscrBit)) != 0;
    }

    private static long bits(double d) {
        return Double.doubleToRawLongBits(d);
    }

    /** The corrections must change nothing but what they correct. */
    private static void onlyDiffer(Runs runs, String... registers) {
        assertThat(StateComparator.compare(runs.raw(), runs.corrected()))
                .extracting(RegisterDifference::register)
                .containsExactlyInAnyOrder(registers);
    }

    /** 1 + 2^-60 rounded toward +infinity increments the fraction: the ISA sets FR and FI. */
    @Test
    void fractionRoundedIsNotComputed() {
        MachineState s = Probes.withFpscr(Probes.zeroState(), RN_TOWARD_PLUS_INFINITY);
        s = Probes.withFpr(s, 1, bits(1.0));
        s = Probes.withFpr(s, 2, bits(0x1p-60));
        StateDump d = probe("fr", SourceVariant.QEMU, s, List.of(Probes.tested("fadd %f3,%f1,%f2")));
        assertThat(d.state().fpr().get(3)).isEqualTo(bits(Math.nextUp(1.0)));
        assertThat(bit(d, Fpscr.FI)).as("FI").isTrue();
        assertThat(bit(d, Fpscr.FR))
                .as("FR: qemu does not compute it (the ISA sets it here)")
                .isFalse();
        assertThat(StateComparator.FPSCR_COMPARED & Fpscr.mask(Fpscr.FR)).isZero();
    }

    /** An inexact add with XX already set changes no exception bit: FX stays 0, and CR1[FX] too. */
    @Test
    void fxIsSetWithoutATransition() {
        MachineState s = Probes.withFpscr(Probes.zeroState(), Fpscr.mask(Fpscr.XX));
        s = Probes.withFpr(s, 1, bits(1.0));
        s = Probes.withFpr(s, 2, bits(0x1p-60));
        Runs runs = both(
                "fx-no-transition",
                s,
                corrected(QemuCorrections.Fix.fxOnly(true), "fadd. %f3,%f1,%f2", "fadd. %f3,%f1,%f2"));
        int cr1Fx = 1 << (31 - 4);
        assertThat(bit(runs.raw(), Fpscr.FX)).as("qemu's FX").isTrue();
        assertThat(runs.raw().state().cr() & cr1Fx).as("qemu's CR1[FX]").isNotZero();
        assertThat(bit(runs.corrected(), Fpscr.FX)).as("ISA FX").isFalse();
        assertThat(runs.corrected().state().cr() & cr1Fx).as("ISA CR1[FX]").isZero();
        onlyDiffer(runs, "FPSCR", "CR");
    }

    /** mtfsb1 of an exception bit that was 0 sets FX too (every FP instruction but mtfsf[i] does). */
    @Test
    void mtfsb1OfAnExceptionBitDoesNotSetFx() {
        String text = "mtfsb1 " + Fpscr.XX;
        Runs runs = both("mtfsb1-fx", Probes.zeroState(), corrected(QemuCorrections.Fix.fxOnly(false), text, text));
        assertThat(bit(runs.raw(), Fpscr.XX)).isTrue();
        assertThat(bit(runs.raw(), Fpscr.FX)).as("qemu's FX").isFalse();
        assertThat(bit(runs.corrected(), Fpscr.FX)).as("ISA FX").isTrue();
        onlyDiffer(runs, "FPSCR");
        // No 0-to-1 change when the bit is already set: FX stays clear.
        MachineState xxSet = Probes.withFpscr(Probes.zeroState(), Fpscr.mask(Fpscr.XX));
        StateDump already = probe(
                "mtfsb1-fx-already",
                SourceVariant.QEMU,
                xxSet,
                corrected(QemuCorrections.Fix.fxOnly(false), text, text));
        assertThat(bit(already, Fpscr.FX)).isFalse();
    }

    /** frsp of 2^-127 gives a single denormal: FPRF must read "+ denormalized" (C=1, FG=1). */
    @Test
    void singleDenormalResultsAreClassifiedAsNormal() {
        MachineState s = Probes.withFpr(Probes.zeroState(), 1, bits(0x1p-127));
        s = Probes.withFpr(s, 4, bits(1.5));
        Runs runs = both(
                "single-denormal", s, corrected(QemuCorrections.Fix.single(false, 3), "frsp %f3,%f1", "frsp %f3,%f1"));
        assertThat(runs.raw().state().fpscr() & FPRF).as("qemu's FPRF").isEqualTo(fprf(0b00100));
        assertThat(runs.corrected().state().fpscr() & FPRF).as("ISA FPRF").isEqualTo(fprf(0b10100));
        assertThat(runs.corrected().state().fpr().get(3)).isEqualTo(bits(0x1p-127));
        onlyDiffer(runs, "FPSCR");
        // A normal single result: C stays 0.
        StateDump normal = probe(
                "single-normal",
                SourceVariant.QEMU,
                s,
                corrected(QemuCorrections.Fix.single(false, 6), "frsp %f6,%f4", "frsp %f6,%f4"));
        assertThat(normal.state().fpscr() & FPRF).isEqualTo(fprf(0b00100));
    }

    /** fcmpo of a QNaN raises VXVC; C and FI must keep their values (1 and 0 here: FI=1, C=0). */
    @Test
    void comparesAlterClassAndFi() {
        MachineState s = Probes.withFpscr(Probes.zeroState(), Fpscr.mask(Fpscr.FI));
        s = Probes.withFpr(s, 1, 0x7FF8_0000_0000_0000L);
        s = Probes.withFpr(s, 2, bits(1.0));
        QemuCorrections.Fix fix = new QemuCorrections.Fix(true, false, -1, true, -1, -1, -1);
        Runs runs = both("compare", s, corrected(fix, "fcmpo 2,%f1,%f2", "fcmpo 2,%f1,%f2"));
        assertThat(bit(runs.raw(), Fpscr.C)).as("qemu's C").isTrue();
        assertThat(bit(runs.raw(), Fpscr.FI)).as("qemu's FI").isFalse();
        assertThat(bit(runs.corrected(), Fpscr.C)).as("ISA C").isFalse();
        assertThat(bit(runs.corrected(), Fpscr.FI)).as("ISA FI").isTrue();
        assertThat(bit(runs.corrected(), Fpscr.VXVC)).isTrue();
        assertThat(runs.corrected().state().fpscr() & 0xF000)
                .as("FPCC: unordered")
                .isEqualTo(0x1000);
        onlyDiffer(runs, "FPSCR");
    }

    /**
     * -(2397.2490234375 × 2147483520 - 2397.2490234375) toward +infinity: the ISA rounds the
     * positive fmsubs result up (5147651473408) and negates it; qemu rounds the negated value up.
     */
    @Test
    void negativeMultiplyAddRoundsTheNegatedValue() {
        MachineState s = Probes.withFpscr(Probes.zeroState(), RN_TOWARD_PLUS_INFINITY);
        s = Probes.withFpr(s, 25, 0x40A2_BA1F_C000_0000L);
        s = Probes.withFpr(s, 24, 0x41DF_FFFF_E000_0000L);
        QemuCorrections.Fix fix = new QemuCorrections.Fix(true, false, 29, false, 29, -1, -1);
        Runs runs = both("fnmsubs", s, corrected(fix, "fnmsubs %f29,%f25,%f24,%f25", "fmsubs %f29,%f25,%f24,%f25"));
        assertThat(runs.raw().state().fpr().get(29)).as("qemu").isEqualTo(0xC292_BA1F_A000_0000L);
        assertThat(runs.corrected().state().fpr().get(29)).as("ISA").isEqualTo(0xC292_BA1F_C000_0000L);
        assertThat(runs.corrected().state().fpscr() & FPRF).as("- normal").isEqualTo(fprf(0b01000));
        assertThat(bit(runs.corrected(), Fpscr.FI)).isTrue();
        onlyDiffer(runs, "f29");
        // An exact zero toward -infinity: fmadd gives -0, so fnmadd gives +0 with FPRF "+ zero".
        MachineState z = Probes.withFpscr(Probes.zeroState(), RN_TOWARD_MINUS_INFINITY);
        z = Probes.withFpr(z, 1, bits(1.0));
        z = Probes.withFpr(z, 2, bits(1.0));
        z = Probes.withFpr(z, 3, bits(-1.0));
        QemuCorrections.Fix zeroFix = new QemuCorrections.Fix(true, false, -1, false, 4, -1, -1);
        Runs zero = both("fnmadd-zero", z, corrected(zeroFix, "fnmadd %f4,%f1,%f2,%f3", "fmadd %f4,%f1,%f2,%f3"));
        assertThat(zero.corrected().state().fpr().get(4)).isEqualTo(bits(0.0));
        assertThat(zero.corrected().state().fpscr() & FPRF).isEqualTo(fprf(0b00010));
        onlyDiffer(zero);
    }

    /** fres of -0: the ISA gives -infinity (FPRF "- infinity") with ZX; qemu gives -0.5. */
    @Test
    void reciprocalOfZeroIsAHalf() {
        MachineState s = Probes.withFpr(Probes.zeroState(), 1, bits(-0.0));
        QemuCorrections.Fix fix = new QemuCorrections.Fix(true, false, 3, false, -1, 1, 3);
        Runs runs = both("fres-zero", s, corrected(fix, "fres %f3,%f1", "fres %f3,%f1"));
        assertThat(runs.raw().state().fpr().get(3)).as("qemu").isEqualTo(bits(-0.5));
        assertThat(runs.corrected().state().fpr().get(3)).as("ISA").isEqualTo(bits(Double.NEGATIVE_INFINITY));
        assertThat(runs.corrected().state().fpscr() & FPRF).isEqualTo(fprf(0b01001));
        assertThat(bit(runs.corrected(), Fpscr.ZX)).isTrue();
        onlyDiffer(runs, "f3", "FPSCR");
    }

    /** fres of 3.0 is inexact; the ISA leaves XX alone, qemu sets it (hence the precondition). */
    @Test
    void estimatesSetXx() {
        MachineState s = Probes.withFpr(Probes.zeroState(), 1, bits(3.0));
        StateDump d = probe("fres-xx", SourceVariant.QEMU, s, List.of(Probes.tested("fres %f3,%f1")));
        assertThat(bit(d, Fpscr.XX)).as("qemu's XX after fres").isTrue();
        assertThat(d.state().fpr().get(3))
                .as("qemu computes the exact single reciprocal (ppcvm follows it)")
                .isEqualTo(bits((float) (1.0 / 3.0)));
    }
}
