package org.ppcvm.core.fpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.ppcvm.core.cpu.Cpu;
import org.ppcvm.core.cpu.GuestInterrupt;
import org.ppcvm.core.mem.Memory;

/**
 * Where qemu-ppc 7.2 departs from the Power ISA, ppcvm follows the ISA. Each test states the
 * ISA behaviour, what qemu-ppc does instead (as observed by fpops.c), and is named by a {@link
 * FpuOracleTest.Deviation}, which excludes exactly those bits from the oracle comparison.
 */
class QemuDeviationTest {
    private static final Memory MEMORY = new Memory();
    private static final long SENTINEL = 0x0123_4567_89AB_CDEFL;

    private final Cpu cpu = new Cpu(MEMORY);

    private static long d(double x) {
        return Double.doubleToRawLongBits(x);
    }

    /** FR_NEVER_SET. Book I 4.3.6: FR = the rounding incremented the fraction; qemu never sets FR. */
    @Test
    void frIsSetWhenRoundingIncreasesTheMagnitude() {
        cpu.fpr[1] = d(1);
        cpu.fpr[2] = d(3 * 0x1p-54);
        FloatingPoint.fadd(cpu, Encode.fadd(3, 1, 2));
        assertThat(cpu.fpr[3]).isEqualTo(d(1 + 0x1p-52));
        assertThat(cpu.fpscr & (Fpscr.FR | Fpscr.FI)).isEqualTo(Fpscr.FR | Fpscr.FI);
    }

    /**
     * SINGLE_DENORMAL_CLASSED_NORMAL. Book I appendix A.1 (frsp of a tiny value: "FPRF ←
     * +denormalized number"); qemu classifies the double in the register, a normal double.
     */
    @Test
    void singlePrecisionDenormalResultsAreClassedDenormal() {
        cpu.fpr[1] = d(0x1p-149);
        cpu.fpr[2] = d(1);
        FloatingPoint.fmuls(cpu, Encode.fmuls(3, 1, 2));
        assertThat(Fpscr.fprf(cpu.fpscr)).isEqualTo(Fpscr.CLASS_POSITIVE_DENORMAL);
        FloatingPoint.frsp(cpu, Encode.frsp(4, 1));
        assertThat(Fpscr.fprf(cpu.fpscr)).isEqualTo(Fpscr.CLASS_POSITIVE_DENORMAL);
    }

    /**
     * FX_WITHOUT_NEW_EXCEPTION. Book I 4.2.2: FX is set when an instruction turns an exception
     * bit from 0 to 1; qemu also sets it when the bit was already set.
     */
    @Test
    void fxIsSetOnlyWhenAnExceptionBitTurnsOn() {
        cpu.fpscr = Fpscr.XX;
        cpu.fpr[1] = d(1);
        cpu.fpr[2] = d(0x1p-60);
        FloatingPoint.fadd(cpu, Encode.fadd(3, 1, 2));
        assertThat(cpu.fpscr & (Fpscr.XX | Fpscr.FX)).isEqualTo(Fpscr.XX);
    }

    /**
     * CR1_NOT_RECORDED_ON_TRAP. Book I 4.6 (Rc=1 sets CR1) with 4.4 (the instruction completes,
     * minus a suppressed target, before the interrupt); qemu raises the interrupt first.
     */
    @Test
    void cr1IsRecordedBeforeTheEnabledExceptionInterrupt() {
        cpu.fpscr = Fpscr.VE;
        cpu.msr = Cpu.MSR_FE0 | Cpu.MSR_FE1;
        cpu.fpr[1] = Fpu.INFINITY;
        cpu.fpr[2] = Fpu.INFINITY;
        cpu.fpr[3] = SENTINEL;
        assertThatThrownBy(() -> FloatingPoint.fsub(cpu, Encode.record(Encode.fsub(3, 1, 2))))
                .isInstanceOf(GuestInterrupt.class);
        assertThat(cpu.crField(1)).isEqualTo(0b1110); // FX FEX VX
        assertThat(cpu.fpr[3]).isEqualTo(SENTINEL);
    }

    /**
     * MTFSB1_LEAVES_FX. Book I 4.2.2: every instruction but mtfsf and mtfsfi sets FX when it
     * turns an exception bit on, mtfsb1 included; qemu's mtfsb1 does not.
     */
    @Test
    void mtfsb1OfAnExceptionBitSetsFx() {
        FloatingPoint.mtfsb1(cpu, Encode.mtfsb1(6)); // XX
        assertThat(cpu.fpscr).isEqualTo(Fpscr.FX | Fpscr.XX);
        FloatingPoint.mtfsb1(cpu, Encode.mtfsb1(24)); // VE: a control bit, no FX change
        assertThat(cpu.fpscr).isEqualTo(Fpscr.FX | Fpscr.XX | Fpscr.VE);
    }

    /** MTFSB1_IGNORES_NI. Book I 4.2.2 defines bit 29 (NI); qemu's mtfsb1 cannot set it. */
    @Test
    void mtfsb1SetsNonIeeeMode() {
        FloatingPoint.mtfsb1(cpu, Encode.mtfsb1(29));
        assertThat(cpu.fpscr).isEqualTo(Fpscr.NI);
    }

    /** FRES_OF_ZERO. Book I 4.6.7 fres: ±0 gives ±infinity with ZX; qemu gives ±0.5. */
    @Test
    void fresOfZeroIsInfinity() {
        cpu.fpr[1] = Fpu.SIGN;
        FloatingPoint.fres(cpu, Encode.fres(2, 1));
        assertThat(cpu.fpr[2]).isEqualTo(Fpu.INFINITY | Fpu.SIGN);
        assertThat(cpu.fpscr & Fpscr.ZX).isEqualTo(Fpscr.ZX);
        assertThat(Fpscr.fprf(cpu.fpscr)).isEqualTo(Fpscr.CLASS_NEGATIVE_INFINITY);
    }

    /**
     * IMZ_HIDES_SNAN. Book I 4.4.1: an SNaN operand always raises VXSNAN; qemu drops it when the
     * product is 0 × infinity (it does raise VXIMZ, as ppcvm).
     */
    @Test
    void signalingNanAddendRaisesVxsnanAlongsideVximz() {
        long snan = 0x7FF0_0000_0000_0001L;
        cpu.fpr[1] = 0;
        cpu.fpr[2] = Fpu.INFINITY;
        cpu.fpr[3] = snan;
        FloatingPoint.fmadd(cpu, Encode.fmadd(4, 1, 2, 3));
        assertThat(cpu.fpr[4]).isEqualTo(snan | Fpu.QUIET);
        assertThat(cpu.fpscr & (Fpscr.VXSNAN | Fpscr.VXIMZ)).isEqualTo(Fpscr.VXSNAN | Fpscr.VXIMZ);
    }

    /**
     * NEGATIVE_MULTIPLY_ADD_ROUNDS_NEGATED. Book I 4.6.5.2: fnmadd's result "is rounded ... then
     * negated"; qemu negates the exact value and rounds that, so toward +infinity it rounds the
     * magnitude down instead of up.
     */
    @Test
    void negativeMultiplyAddRoundsBeforeNegating() {
        cpu.fpscr = Fpscr.ROUND_UP;
        cpu.fpr[1] = d(1);
        cpu.fpr[2] = d(0.1);
        cpu.fpr[3] = d(1);
        FloatingPoint.fnmadd(cpu, Encode.fnmadd(4, 1, 2, 3));
        // 1 × 0.1 + 1 rounded toward +infinity is 1.1000000000000000888 (0x3FF199999999999A).
        assertThat(cpu.fpr[4]).isEqualTo(0xBFF1_9999_9999_999AL);
    }

    /**
     * FRSP_ADJUSTED_EXPONENT_WRAPS. Book I 4.4.4 and appendix A.1: an enabled overflow in frsp
     * delivers the rounded value with its exponent reduced by 192, in double format; qemu wraps
     * the exponent within the 8-bit single field when it is still out of the single range.
     */
    @Test
    void frspEnabledOverflowDeliversTheAdjustedDouble() {
        cpu.fpscr = Fpscr.OE;
        cpu.fpr[1] = d(0x1p1023);
        FloatingPoint.frsp(cpu, Encode.frsp(2, 1));
        assertThat(cpu.fpr[2]).isEqualTo(d(0x1p831)); // qemu: 2^63
        assertThat(cpu.fpscr & Fpscr.OX).isEqualTo(Fpscr.OX);
    }

    /** FCMPO_SETS_C. Book I 4.6.8: compares set FPCC and leave FPRF[C]; qemu's fcmpo sets C. */
    @Test
    void compareLeavesTheClassBitAlone() {
        cpu.fpr[1] = Fpu.DEFAULT_QNAN;
        FloatingPoint.fcmpo(cpu, Encode.fcmpo(6, 1, 1));
        assertThat(cpu.fpscr & Fpscr.FPRF).isEqualTo(0b0001 << Fpscr.FPRF_SHIFT);
        assertThat(cpu.fpscr & Fpscr.VXVC).isEqualTo(Fpscr.VXVC);
        assertThat(cpu.crField(6)).isEqualTo(0b0001);
    }

    /**
     * FCMPO_VXVC_DESPITE_VE. Book I 4.6.8 fcmpo: an SNaN operand sets VXVC only "if VE = 0";
     * qemu sets it whatever VE.
     */
    @Test
    void orderedCompareOfSignalingNanWithVeSetsNoVxvc() {
        cpu.fpscr = Fpscr.VE;
        cpu.fpr[1] = 0x7FF0_0000_0000_0001L;
        FloatingPoint.fcmpo(cpu, Encode.fcmpo(0, 1, 1));
        assertThat(cpu.fpscr & (Fpscr.VXSNAN | Fpscr.VXVC)).isEqualTo(Fpscr.VXSNAN);
    }
}
