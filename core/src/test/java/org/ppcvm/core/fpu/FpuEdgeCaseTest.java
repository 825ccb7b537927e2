package org.ppcvm.core.fpu;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ppcvm.core.cpu.Cpu;
import org.ppcvm.core.mem.Memory;

/**
 * Hand-checked vectors, one family per test, each value worked out from the Power ISA rules in
 * the comment beside it. The qemu oracle covers the same ground by the hundred thousand; these
 * say what each rule is, and run without the cross tools.
 */
class FpuEdgeCaseTest {
    private static final Memory MEMORY = new Memory();
    private static final long SENTINEL = 0x0123_4567_89AB_CDEFL;
    private static final long QNAN_A = 0x7FF8_0000_0000_00AAL;
    private static final long QNAN_B = 0xFFF8_0000_0000_00BBL;
    private static final long QNAN_C = 0x7FF8_0000_0000_00CCL;
    private static final long SNAN_A = 0x7FF0_0000_0000_00AAL;
    private static final long SNAN_B = 0xFFF4_0000_0000_00BBL;
    private static final long POS_INF = 0x7FF0_0000_0000_0000L;
    private static final long NEG_INF = 0xFFF0_0000_0000_0000L;
    private static final long POS_ZERO = 0;
    private static final long NEG_ZERO = Fpu.SIGN;
    private static final long MAX = 0x7FEF_FFFF_FFFF_FFFFL;
    private static final long MIN_NORMAL = 0x0010_0000_0000_0000L;
    private static final long MIN_VALUE = 1L;
    private static final long FLT_MAX = 0x47EF_FFFF_E000_0000L;

    private final Cpu cpu = new Cpu(MEMORY);

    private static long d(double x) {
        return Double.doubleToRawLongBits(x);
    }

    private int fprf() {
        return Fpscr.fprf(cpu.fpscr);
    }

    private boolean has(int bits) {
        return (cpu.fpscr & bits) == bits;
    }

    private void assertHex(long actual, long expected) {
        assertThat(Long.toHexString(actual)).isEqualTo(Long.toHexString(expected));
    }

    // ---- Signed zeros ----------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3})
    void exactZeroSumsArePositiveExceptTowardMinusInfinity(int mode) {
        long expected = mode == Fpscr.ROUND_DOWN ? NEG_ZERO : POS_ZERO;
        cpu.fpscr = mode;
        assertHex(Fpu.add(cpu, SENTINEL, POS_ZERO, NEG_ZERO, false), expected);
        assertThat(fprf()).isEqualTo(mode == Fpscr.ROUND_DOWN ? Fpscr.CLASS_NEGATIVE_ZERO : Fpscr.CLASS_POSITIVE_ZERO);
        assertHex(Fpu.subtract(cpu, SENTINEL, d(1.5), d(1.5), false), expected);
        assertHex(Fpu.add(cpu, SENTINEL, d(-2.0), d(2.0), true), expected);
        // fmadd: (+0 × -1) + +0 is a sum of zeros of opposite sign.
        assertHex(Fpu.multiplyAdd(cpu, SENTINEL, POS_ZERO, d(-1), POS_ZERO, false, false, false), expected);
        // fnmadd: 1×1 + (-1) is an exact zero, rounded (signed by the mode), then negated.
        assertHex(Fpu.multiplyAdd(cpu, SENTINEL, d(1), d(1), d(-1), false, true, false), expected ^ Fpu.SIGN);
        assertThat(cpu.fpscr & ~Fpscr.RN & ~Fpscr.FPRF).isZero();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3})
    void sameSignZerosKeepTheirSignInEveryMode(int mode) {
        cpu.fpscr = mode;
        assertHex(Fpu.add(cpu, SENTINEL, NEG_ZERO, NEG_ZERO, false), NEG_ZERO);
        assertHex(Fpu.subtract(cpu, SENTINEL, NEG_ZERO, POS_ZERO, false), NEG_ZERO);
        assertHex(Fpu.multiply(cpu, SENTINEL, NEG_ZERO, d(3), false), NEG_ZERO);
        assertHex(Fpu.multiply(cpu, SENTINEL, NEG_ZERO, d(-3), false), POS_ZERO);
        assertHex(Fpu.divide(cpu, SENTINEL, POS_ZERO, d(-3), true), NEG_ZERO);
        assertHex(Fpu.squareRoot(cpu, SENTINEL, NEG_ZERO, false), NEG_ZERO);
        assertThat(fprf()).isEqualTo(Fpscr.CLASS_NEGATIVE_ZERO);
        assertThat(cpu.fpscr & Fpscr.EXCEPTION_BITS).isZero();
    }

    @Test
    void aTinyNegativeResultRoundsToMinusZeroOrAwayByTheMode() {
        // -2^-1074 × 0.25 = -2^-1076: below half the smallest denormal.
        cpu.fpscr = Fpscr.ROUND_NEAREST;
        assertHex(Fpu.multiply(cpu, SENTINEL, MIN_VALUE | Fpu.SIGN, d(0.25), false), NEG_ZERO);
        assertThat(has(Fpscr.UX | Fpscr.XX | Fpscr.FI)).isTrue();
        assertThat(fprf()).isEqualTo(Fpscr.CLASS_NEGATIVE_ZERO);
        cpu.fpscr = Fpscr.ROUND_DOWN;
        assertHex(Fpu.multiply(cpu, SENTINEL, MIN_VALUE | Fpu.SIGN, d(0.25), false), MIN_VALUE | Fpu.SIGN);
        assertThat(has(Fpscr.FR | Fpscr.FI)).isTrue();
        assertThat(fprf()).isEqualTo(Fpscr.CLASS_NEGATIVE_DENORMAL);
    }

    // ---- Invalid operations -----------------------------------------------------------------

    @Test
    void infinityMinusInfinityGivesTheDefaultQnanAndClearsFrFi() {
        cpu.fpscr = Fpscr.FR | Fpscr.FI;
        assertHex(Fpu.add(cpu, SENTINEL, POS_INF, NEG_INF, false), Fpu.DEFAULT_QNAN);
        assertThat(cpu.fpscr).isEqualTo(Fpscr.FX | Fpscr.VX | Fpscr.VXISI | (Fpscr.CLASS_QNAN << Fpscr.FPRF_SHIFT));
        cpu.fpscr = 0;
        assertHex(Fpu.subtract(cpu, SENTINEL, NEG_INF, NEG_INF, true), Fpu.DEFAULT_QNAN);
        assertThat(has(Fpscr.VXISI)).isTrue();
    }

    @Test
    void anEnabledInvalidOperationLeavesTheTargetAndFprf() {
        int presetClass = Fpscr.CLASS_NEGATIVE_NORMAL << Fpscr.FPRF_SHIFT;
        cpu.fpscr = Fpscr.VE | presetClass | Fpscr.FI;
        assertHex(Fpu.multiply(cpu, SENTINEL, POS_ZERO, NEG_INF, false), SENTINEL);
        assertThat(cpu.fpscr).isEqualTo(Fpscr.FX | Fpscr.FEX | Fpscr.VX | Fpscr.VXIMZ | Fpscr.VE | presetClass);
    }

    @Test
    void eachInvalidOperationHasItsBit() {
        record Case(String what, long result, int bit) {}
        Case[] cases = {
            new Case("0 × ∞", Fpu.multiply(cpu, SENTINEL, POS_INF, POS_ZERO, true), Fpscr.VXIMZ),
            new Case("0 ÷ 0", Fpu.divide(cpu, SENTINEL, NEG_ZERO, POS_ZERO, false), Fpscr.VXZDZ),
            new Case("∞ ÷ ∞", Fpu.divide(cpu, SENTINEL, NEG_INF, POS_INF, false), Fpscr.VXIDI),
            new Case("√-1", Fpu.squareRoot(cpu, SENTINEL, d(-1), false), Fpscr.VXSQRT),
            new Case("√-∞", Fpu.squareRoot(cpu, SENTINEL, NEG_INF, true), Fpscr.VXSQRT),
            new Case(
                    "∞×1 − ∞", Fpu.multiplyAdd(cpu, SENTINEL, POS_INF, d(1), POS_INF, true, false, false), Fpscr.VXISI),
            new Case(
                    "0×∞ + 1",
                    Fpu.multiplyAdd(cpu, SENTINEL, POS_ZERO, NEG_INF, d(1), false, true, false),
                    Fpscr.VXIMZ),
            new Case("frsqrte(-2)", Fpu.reciprocalSquareRootEstimate(cpu, SENTINEL, d(-2)), Fpscr.VXSQRT),
        };
        for (Case c : cases) {
            assertThat(c.result()).as(c.what()).isEqualTo(Fpu.DEFAULT_QNAN);
        }
        // The bits are sticky: all of them are set now, and VX summarises them.
        int all = 0;
        for (Case c : cases) {
            all |= c.bit();
        }
        assertThat(cpu.fpscr & all).isEqualTo(all);
        assertThat(has(Fpscr.VX | Fpscr.FX)).isTrue();
    }

    // ---- Zero divide ------------------------------------------------------------------------

    @Test
    void divisionByZeroGivesSignedInfinityOrLeavesTheTargetWhenEnabled() {
        assertHex(Fpu.divide(cpu, SENTINEL, d(1), POS_ZERO, false), POS_INF);
        assertHex(Fpu.divide(cpu, SENTINEL, d(-1), POS_ZERO, false), NEG_INF);
        assertHex(Fpu.divide(cpu, SENTINEL, d(1), NEG_ZERO, true), NEG_INF);
        assertThat(cpu.fpscr).isEqualTo(Fpscr.FX | Fpscr.ZX | (Fpscr.CLASS_NEGATIVE_INFINITY << Fpscr.FPRF_SHIFT));
        // ∞ ÷ 0 is an exact infinity, no exception.
        cpu.fpscr = 0;
        assertHex(Fpu.divide(cpu, SENTINEL, POS_INF, NEG_ZERO, false), NEG_INF);
        assertThat(cpu.fpscr & Fpscr.EXCEPTION_BITS).isZero();
        cpu.fpscr = Fpscr.ZE;
        assertHex(Fpu.divide(cpu, SENTINEL, d(7), POS_ZERO, false), SENTINEL);
        assertThat(cpu.fpscr).isEqualTo(Fpscr.FX | Fpscr.FEX | Fpscr.ZX | Fpscr.ZE);
    }

    // ---- NaN propagation --------------------------------------------------------------------

    @Test
    void nanOperandsPropagateInTheOrderFraFrbFrcQuietedWithVxsnanFromAny() {
        assertHex(Fpu.add(cpu, SENTINEL, QNAN_A, SNAN_B, false), QNAN_A);
        assertThat(has(Fpscr.VXSNAN)).isTrue();
        cpu.fpscr = 0;
        assertHex(Fpu.add(cpu, SENTINEL, SNAN_A, QNAN_B, false), SNAN_A | Fpu.QUIET);
        assertHex(Fpu.divide(cpu, SENTINEL, d(1), SNAN_B, false), SNAN_B | Fpu.QUIET);
        cpu.fpscr = 0;
        // fmadd reads frA × frC + frB: a NaN frB wins over a NaN frC.
        assertHex(Fpu.multiplyAdd(cpu, SENTINEL, d(2), QNAN_C, QNAN_B, false, false, false), QNAN_B);
        assertHex(Fpu.multiplyAdd(cpu, SENTINEL, QNAN_A, QNAN_C, QNAN_B, false, false, false), QNAN_A);
        assertHex(Fpu.multiply(cpu, SENTINEL, d(2), QNAN_C, false), QNAN_C);
        assertThat(cpu.fpscr).isEqualTo(Fpscr.CLASS_QNAN << Fpscr.FPRF_SHIFT);
    }

    @Test
    void nanSignsSurviveSubtractionAndNegativeMultiplyAdd() {
        // fsub does not negate a NaN frB; fnmadd does not negate a NaN result; a generated QNaN
        // is positive.
        assertHex(Fpu.subtract(cpu, SENTINEL, d(1), QNAN_B, false), QNAN_B);
        assertHex(Fpu.multiplyAdd(cpu, SENTINEL, d(1), d(1), QNAN_B, false, true, false), QNAN_B);
        assertHex(Fpu.multiplyAdd(cpu, SENTINEL, POS_INF, d(1), NEG_INF, false, true, false), Fpu.DEFAULT_QNAN);
    }

    @Test
    void singlePrecisionNanResultsKeepOnlyTheSingleFraction() {
        assertHex(Fpu.add(cpu, SENTINEL, 0x7FF8_0000_1234_5678L, d(1), true), 0x7FF8_0000_0000_0000L);
        assertHex(Fpu.roundToSingle(cpu, SENTINEL, 0xFFF0_0004_0000_0001L), 0xFFF8_0004_0000_0000L);
        assertThat(has(Fpscr.VXSNAN)).isTrue();
    }

    @Test
    void anEnabledSignalingNanLeavesTheTarget() {
        cpu.fpscr = Fpscr.VE;
        assertHex(Fpu.add(cpu, SENTINEL, d(1), SNAN_A, false), SENTINEL);
        assertThat(has(Fpscr.VXSNAN | Fpscr.FEX)).isTrue();
        // A QNaN raises nothing, so the result is written even with VE=1.
        cpu.fpscr = Fpscr.VE;
        assertHex(Fpu.add(cpu, SENTINEL, d(1), QNAN_B, false), QNAN_B);
        assertThat(cpu.fpscr).isEqualTo(Fpscr.VE | (Fpscr.CLASS_QNAN << Fpscr.FPRF_SHIFT));
    }

    // ---- Overflow ---------------------------------------------------------------------------

    @Test
    void overflowThresholdIsHalfAnUlpAboveMaxInRoundToNearest() {
        long halfUlp = d(0x1p970); // ulp(MAX) = 2^971
        cpu.fpscr = Fpscr.ROUND_NEAREST;
        // MAX + half an ulp is a tie; MAX's significand is odd, so it rounds up to 2^1024.
        assertHex(Fpu.add(cpu, SENTINEL, MAX, halfUlp, false), POS_INF);
        assertThat(has(Fpscr.OX | Fpscr.XX | Fpscr.FI | Fpscr.FX)).isTrue();
        assertThat(fprf()).isEqualTo(Fpscr.CLASS_POSITIVE_INFINITY);
        cpu.fpscr = Fpscr.ROUND_NEAREST;
        assertHex(Fpu.add(cpu, SENTINEL, MAX, d(0x1p969), false), MAX);
        assertThat(cpu.fpscr & Fpscr.OX).isZero();
        assertThat(has(Fpscr.XX | Fpscr.FI)).isTrue();
    }

    @Test
    void disabledOverflowDeliversInfinityOrMaxByModeAndSign() {
        long[][] expected = {
            // mode: +overflow, -overflow
            {POS_INF, NEG_INF}, // nearest
            {MAX, MAX | Fpu.SIGN}, // toward zero
            {POS_INF, MAX | Fpu.SIGN}, // toward +infinity
            {MAX, NEG_INF}, // toward -infinity
        };
        for (int mode = 0; mode < 4; mode++) {
            cpu.fpscr = mode;
            assertHex(Fpu.multiply(cpu, SENTINEL, MAX, d(2), false), expected[mode][0]);
            assertThat(has(Fpscr.OX | Fpscr.XX | Fpscr.FI)).isTrue();
            cpu.fpscr = mode;
            assertHex(Fpu.multiply(cpu, SENTINEL, MAX, d(-2), false), expected[mode][1]);
        }
    }

    @Test
    void enabledOverflowDeliversTheExponentAdjustedResult() {
        cpu.fpscr = Fpscr.OE;
        // MAX × 2 = (2^53 − 1) × 2^972, exact; its exponent 1024 − 1536 = −512.
        assertHex(Fpu.multiply(cpu, SENTINEL, MAX, d(2), false), 0x1FFF_FFFF_FFFF_FFFFL);
        assertThat(cpu.fpscr)
                .isEqualTo(
                        Fpscr.FX | Fpscr.FEX | Fpscr.OX | Fpscr.OE | (Fpscr.CLASS_POSITIVE_NORMAL << Fpscr.FPRF_SHIFT));
        // Single precision adjusts by 192: 2^200 rounds to single overflow, delivered as 2^8.
        cpu.fpscr = Fpscr.OE;
        assertHex(Fpu.roundToSingle(cpu, SENTINEL, d(0x1p200)), d(0x1p8));
    }

    // ---- Underflow --------------------------------------------------------------------------

    @Test
    void anExactDenormalResultIsNotAnUnderflowUnlessEnabled() {
        assertHex(Fpu.multiply(cpu, SENTINEL, MIN_NORMAL, d(0.5), false), 0x0008_0000_0000_0000L);
        assertThat(cpu.fpscr).isEqualTo(Fpscr.CLASS_POSITIVE_DENORMAL << Fpscr.FPRF_SHIFT);
        // UE=1: tininess alone is the exception, and the result is 2^-1023 × 2^1536.
        cpu.fpscr = Fpscr.UE;
        assertHex(Fpu.multiply(cpu, SENTINEL, MIN_NORMAL, d(0.5), false), d(0x1p513));
        assertThat(has(Fpscr.UX | Fpscr.FEX)).isTrue();
        assertThat(cpu.fpscr & Fpscr.XX).isZero();
        assertThat(fprf()).isEqualTo(Fpscr.CLASS_POSITIVE_NORMAL);
        // Even 0 + denormal, an exact copy, is tiny.
        cpu.fpscr = Fpscr.UE;
        assertHex(Fpu.add(cpu, SENTINEL, MIN_VALUE, POS_ZERO, false), d(0x1p462));
    }

    @Test
    void tininessIsDetectedBeforeRounding() {
        // (2 MIN_NORMAL − ulp) / 2 = MIN_NORMAL − 2^-1075: a tie between the largest denormal
        // (odd) and MIN_NORMAL (even). Round to nearest delivers the normal MIN_NORMAL, but the
        // exact value was tiny and the result inexact: UX.
        cpu.fpscr = Fpscr.ROUND_NEAREST;
        assertHex(Fpu.multiply(cpu, SENTINEL, 0x001F_FFFF_FFFF_FFFFL, d(0.5), false), MIN_NORMAL);
        assertThat(has(Fpscr.UX | Fpscr.XX | Fpscr.FI | Fpscr.FR)).isTrue();
        assertThat(fprf()).isEqualTo(Fpscr.CLASS_POSITIVE_NORMAL);
        cpu.fpscr = Fpscr.ROUND_ZERO;
        assertHex(Fpu.multiply(cpu, SENTINEL, 0x001F_FFFF_FFFF_FFFFL, d(0.5), false), 0x000F_FFFF_FFFF_FFFFL);
        assertThat(has(Fpscr.UX | Fpscr.XX | Fpscr.FI)).isTrue();
        assertThat(fprf()).isEqualTo(Fpscr.CLASS_POSITIVE_DENORMAL);
    }

    @Test
    void halfTheSmallestDenormalTiesToZero() {
        assertHex(Fpu.multiply(cpu, SENTINEL, MIN_VALUE, d(0.5), false), POS_ZERO);
        assertThat(cpu.fpscr)
                .isEqualTo(Fpscr.FX | Fpscr.UX | Fpscr.XX | Fpscr.FI | (Fpscr.CLASS_POSITIVE_ZERO << Fpscr.FPRF_SHIFT));
        cpu.fpscr = Fpscr.ROUND_UP;
        assertHex(Fpu.multiply(cpu, SENTINEL, MIN_VALUE, d(0.5), false), MIN_VALUE);
        assertThat(has(Fpscr.FR | Fpscr.FI | Fpscr.UX)).isTrue();
    }

    // ---- Exact and inexact ------------------------------------------------------------------

    @Test
    void frAndFiDescribeTheLastRounding() {
        assertHex(Fpu.add(cpu, SENTINEL, d(1), d(0x1p-52), false), d(1 + 0x1p-52));
        assertThat(cpu.fpscr).isEqualTo(Fpscr.CLASS_POSITIVE_NORMAL << Fpscr.FPRF_SHIFT);
        // 1 + 2^-53 ties to the even 1: inexact, not rounded up.
        assertHex(Fpu.add(cpu, SENTINEL, d(1), d(0x1p-53), false), d(1));
        assertThat(has(Fpscr.FI | Fpscr.XX)).isTrue();
        assertThat(cpu.fpscr & Fpscr.FR).isZero();
        // 1 + 3·2^-54 is above the tie: rounded up to 1 + 2^-52.
        assertHex(Fpu.add(cpu, SENTINEL, d(1), d(3 * 0x1p-54), false), d(1 + 0x1p-52));
        assertThat(has(Fpscr.FI | Fpscr.FR)).isTrue();
        // The next exact operation clears them; XX stays.
        assertHex(Fpu.add(cpu, SENTINEL, d(1), d(1), false), d(2));
        assertThat(cpu.fpscr & (Fpscr.FI | Fpscr.FR)).isZero();
        assertThat(has(Fpscr.XX)).isTrue();
    }

    @Test
    void singlePrecisionOperationsRoundOnceFromTheExactResult() {
        // a × c + b with a = c = 1 + 2^-12, b = -1: exact 2^-11 + 2^-24, a single exactly.
        // (float) Math.fma would agree here; the next case would not.
        long a = d(1 + 0x1p-12);
        assertHex(Fpu.multiplyAdd(cpu, SENTINEL, a, a, d(-1), false, false, true), d(0x1p-11 + 0x1p-24));
        // 1 + 2^-24 + 2^-60: the double rounding (to double, then to single) would make it a tie
        // and round to 1; rounded once it goes up to 1 + 2^-23.
        assertHex(Fpu.add(cpu, SENTINEL, d(1 + 0x1p-24), d(0x1p-60), true), d(1 + 0x1p-23));
        assertThat(has(Fpscr.FR | Fpscr.FI)).isTrue();
        // Inputs need not be singles: 0.1 (double) × 3 rounded to single.
        assertHex(Fpu.multiply(cpu, SENTINEL, d(0.1), d(3), true), d((float) 0.30000000000000004));
    }

    // ---- Convert to integer -----------------------------------------------------------------

    @Test
    void convertToIntegerWordRoundsByTheModeAndSaturatesWithVxcvi() {
        long[][] cases = {
            // operand, nearest, toward zero, toward +inf, toward -inf
            {d(2.5), 2, 2, 3, 2}, {d(-2.5), -2, -2, -2, -3}, {d(3.5), 4, 3, 4, 3}, {d(-0.25), 0, 0, 0, -1},
        };
        for (long[] c : cases) {
            for (int mode = 0; mode < 4; mode++) {
                cpu.fpscr = 0;
                long r = Fpu.convertToInteger(cpu, SENTINEL, c[0], mode, true);
                assertThat(r)
                        .as("%s mode %d", Double.longBitsToDouble(c[0]), mode)
                        .isEqualTo(c[1 + mode]);
                assertThat(has(Fpscr.XX | Fpscr.FI)).isTrue();
            }
        }
        cpu.fpscr = 0;
        assertThat(Fpu.convertToInteger(cpu, SENTINEL, d(0x1p31), 0, true)).isEqualTo(0x7FFF_FFFFL);
        assertThat(cpu.fpscr).isEqualTo(Fpscr.FX | Fpscr.VX | Fpscr.VXCVI | (Fpscr.CLASS_QNAN << Fpscr.FPRF_SHIFT));
        cpu.fpscr = 0;
        assertThat(Fpu.convertToInteger(cpu, SENTINEL, d(-0x1p31), 0, true)).isEqualTo(Integer.MIN_VALUE);
        assertThat(cpu.fpscr).isZero();
        // 2^31 − 0.5 rounds (to even) to 2^31: out of range after rounding.
        assertThat(Fpu.convertToInteger(cpu, SENTINEL, d(0x1p31 - 0.5), 0, true))
                .isEqualTo(0x7FFF_FFFFL);
        assertThat(has(Fpscr.VXCVI)).isTrue();
        assertThat(cpu.fpscr & (Fpscr.XX | Fpscr.FI)).isZero();
        cpu.fpscr = 0;
        assertThat(Fpu.convertToInteger(cpu, SENTINEL, d(0x1p31 - 0.5), Fpscr.ROUND_ZERO, true))
                .isEqualTo(0x7FFF_FFFFL);
        assertThat(cpu.fpscr & Fpscr.VXCVI).isZero();
        assertThat(Fpu.convertToInteger(cpu, SENTINEL, NEG_INF, 0, true)).isEqualTo(Integer.MIN_VALUE);
        assertThat(Fpu.convertToInteger(cpu, SENTINEL, QNAN_B, 0, true)).isEqualTo(0x8000_0000L);
        cpu.fpscr = 0;
        assertThat(Fpu.convertToInteger(cpu, SENTINEL, SNAN_A, 0, true)).isEqualTo(0x8000_0000L);
        assertThat(has(Fpscr.VXCVI | Fpscr.VXSNAN)).isTrue();
        cpu.fpscr = Fpscr.VE;
        assertThat(Fpu.convertToInteger(cpu, SENTINEL, d(1e10), 0, true)).isEqualTo(SENTINEL);
    }

    @Test
    void convertToIntegerDoublewordCoversTheWholeLongRange() {
        assertThat(Fpu.convertToInteger(cpu, SENTINEL, d(-0x1p63), 0, false)).isEqualTo(Long.MIN_VALUE);
        assertThat(cpu.fpscr).isZero();
        assertThat(Fpu.convertToInteger(cpu, SENTINEL, d(0x1p63), 0, false)).isEqualTo(Long.MAX_VALUE);
        assertThat(has(Fpscr.VXCVI)).isTrue();
        cpu.fpscr = 0;
        assertThat(Fpu.convertToInteger(cpu, SENTINEL, d(-0.9), Fpscr.ROUND_ZERO, false))
                .isZero();
        assertThat(has(Fpscr.XX | Fpscr.FI)).isTrue();
    }

    @Test
    void convertFromIntegerRoundsLargeIntegers() {
        assertHex(Fpu.convertFromInteger(cpu, (1L << 53) + 1), d(0x1p53));
        assertThat(has(Fpscr.XX | Fpscr.FI)).isTrue();
        cpu.fpscr = Fpscr.ROUND_UP;
        assertHex(Fpu.convertFromInteger(cpu, (1L << 53) + 1), d(0x1p53 + 2));
        assertThat(has(Fpscr.FR)).isTrue();
        cpu.fpscr = 0;
        assertHex(Fpu.convertFromInteger(cpu, Long.MIN_VALUE), d(-0x1p63));
        assertHex(Fpu.convertFromInteger(cpu, -1), d(-1));
        assertHex(Fpu.convertFromInteger(cpu, 0), POS_ZERO);
        assertThat(cpu.fpscr).isEqualTo(Fpscr.CLASS_POSITIVE_ZERO << Fpscr.FPRF_SHIFT);
    }

    // ---- Round to single ----------------------------------------------------------------------

    @Test
    void valuesBetweenSingleMaxAndTheOverflowThreshold() {
        long belowTie = 0x47EF_FFFF_EFFF_FFFFL; // FLT_MAX + just under half a single ulp
        long tie = 0x47EF_FFFF_F000_0000L; // FLT_MAX + half a single ulp
        cpu.fpscr = Fpscr.ROUND_NEAREST;
        assertHex(Fpu.roundToSingle(cpu, SENTINEL, belowTie), FLT_MAX);
        assertThat(cpu.fpscr & Fpscr.OX).isZero();
        cpu.fpscr = Fpscr.ROUND_UP;
        assertHex(Fpu.roundToSingle(cpu, SENTINEL, belowTie), POS_INF);
        assertThat(has(Fpscr.OX)).isTrue();
        cpu.fpscr = Fpscr.ROUND_NEAREST;
        assertHex(Fpu.roundToSingle(cpu, SENTINEL, tie), POS_INF);
        assertThat(has(Fpscr.OX | Fpscr.XX)).isTrue();
        // Toward zero the unbounded rounding is FLT_MAX itself: inexact, no overflow.
        cpu.fpscr = Fpscr.ROUND_ZERO;
        assertHex(Fpu.roundToSingle(cpu, SENTINEL, tie), FLT_MAX);
        assertThat(cpu.fpscr & Fpscr.OX).isZero();
        // 2^128 overflows even toward zero, delivering FLT_MAX.
        cpu.fpscr = Fpscr.ROUND_ZERO;
        assertHex(Fpu.roundToSingle(cpu, SENTINEL, d(0x1p128)), FLT_MAX);
        assertThat(has(Fpscr.OX | Fpscr.XX | Fpscr.FI)).isTrue();
        assertThat(fprf()).isEqualTo(Fpscr.CLASS_POSITIVE_NORMAL);
    }

    @Test
    void singleDenormals() {
        assertHex(Fpu.roundToSingle(cpu, SENTINEL, d(0x1p-149)), d(0x1p-149));
        assertThat(cpu.fpscr).isEqualTo(Fpscr.CLASS_POSITIVE_DENORMAL << Fpscr.FPRF_SHIFT);
        assertHex(Fpu.roundToSingle(cpu, SENTINEL, d(0x1p-150)), POS_ZERO);
        assertThat(has(Fpscr.UX | Fpscr.XX | Fpscr.FI)).isTrue();
        assertHex(Fpu.roundToSingle(cpu, SENTINEL, d(-0x1.8p-150)), d(-0x1p-149));
        assertThat(fprf()).isEqualTo(Fpscr.CLASS_NEGATIVE_DENORMAL);
        // A double denormal is far below the single range.
        cpu.fpscr = Fpscr.ROUND_UP;
        assertHex(Fpu.roundToSingle(cpu, SENTINEL, MIN_VALUE), d(0x1p-149));
    }

    // ---- Estimates, round to integral, compare, select ----------------------------------------

    @Test
    void estimatesAreComputedAsQemuDoes() {
        assertHex(Fpu.reciprocalEstimate(cpu, SENTINEL, d(3)), d(1f / 3f));
        assertHex(Fpu.reciprocalEstimate(cpu, SENTINEL, d(2)), d(0.5));
        assertHex(Fpu.reciprocalSquareRootEstimate(cpu, SENTINEL, d(2)), d(1 / Math.sqrt(2)));
        assertHex(Fpu.reciprocalSquareRootEstimate(cpu, SENTINEL, d(4)), d(0.5));
        assertHex(Fpu.reciprocalSquareRootEstimate(cpu, SENTINEL, NEG_ZERO), NEG_INF);
        assertThat(has(Fpscr.ZX)).isTrue();
        assertHex(Fpu.reciprocalSquareRootEstimate(cpu, SENTINEL, POS_INF), POS_ZERO);
    }

    @Test
    void roundToIntegralNeverSetsXx() {
        Fpu.RoundToIntegral nearest = Fpu.RoundToIntegral.NEAREST_AWAY;
        assertHex(Fpu.roundToIntegral(cpu, SENTINEL, d(2.5), nearest), d(3));
        assertHex(Fpu.roundToIntegral(cpu, SENTINEL, d(-2.5), nearest), d(-3));
        assertHex(Fpu.roundToIntegral(cpu, SENTINEL, d(0.49999999999999994), nearest), POS_ZERO);
        assertHex(Fpu.roundToIntegral(cpu, SENTINEL, d(-0.5), Fpu.RoundToIntegral.TOWARD_ZERO), NEG_ZERO);
        assertHex(Fpu.roundToIntegral(cpu, SENTINEL, d(-0.5), Fpu.RoundToIntegral.UP), NEG_ZERO);
        assertHex(Fpu.roundToIntegral(cpu, SENTINEL, d(0.5), Fpu.RoundToIntegral.DOWN), POS_ZERO);
        assertHex(Fpu.roundToIntegral(cpu, SENTINEL, d(-0.5), Fpu.RoundToIntegral.DOWN), d(-1));
        assertHex(Fpu.roundToIntegral(cpu, SENTINEL, d(0x1p60), nearest), d(0x1p60));
        assertThat(cpu.fpscr).isEqualTo(Fpscr.CLASS_POSITIVE_NORMAL << Fpscr.FPRF_SHIFT);
        cpu.fpscr = 0;
        assertHex(Fpu.roundToIntegral(cpu, SENTINEL, SNAN_A, nearest), SNAN_A | Fpu.QUIET);
        assertThat(has(Fpscr.VXSNAN)).isTrue();
    }

    @Test
    void comparesSetFpccAndTheirExceptions() {
        int classBitAndRounding = 0x0001_0000 | Fpscr.FR | Fpscr.FI;
        cpu.fpscr = classBitAndRounding;
        assertThat(Fpu.compare(cpu, d(1), d(2), false)).isEqualTo(0b1000);
        assertThat(Fpu.compare(cpu, d(2), d(1), true)).isEqualTo(0b0100);
        assertThat(Fpu.compare(cpu, POS_ZERO, NEG_ZERO, true)).isEqualTo(0b0010);
        assertThat(cpu.fpscr).isEqualTo(classBitAndRounding | (0b0010 << Fpscr.FPRF_SHIFT));
        assertThat(Fpu.compare(cpu, QNAN_A, d(1), false)).isEqualTo(0b0001);
        assertThat(cpu.fpscr & Fpscr.EXCEPTION_BITS).isZero();
        assertThat(Fpu.compare(cpu, QNAN_A, d(1), true)).isEqualTo(0b0001);
        assertThat(cpu.fpscr & Fpscr.EXCEPTION_BITS).isEqualTo(Fpscr.VXVC);
        cpu.fpscr = 0;
        Fpu.compare(cpu, d(1), SNAN_B, false);
        assertThat(cpu.fpscr & Fpscr.EXCEPTION_BITS).isEqualTo(Fpscr.VXSNAN);
        cpu.fpscr = 0;
        Fpu.compare(cpu, d(1), SNAN_B, true);
        assertThat(cpu.fpscr & Fpscr.EXCEPTION_BITS).isEqualTo(Fpscr.VXSNAN | Fpscr.VXVC);
    }

    @Test
    void selectTreatsBothZerosAsNonNegativeAndNanAsNegative() {
        assertHex(Fpu.select(NEG_ZERO, 1, 2), 1);
        assertHex(Fpu.select(POS_INF, 1, 2), 1);
        assertHex(Fpu.select(d(-1e-300), 1, 2), 2);
        assertHex(Fpu.select(QNAN_A, 1, 2), 2);
        assertHex(Fpu.select(NEG_INF, 1, 2), 2);
    }

    // ---- Load and store conversions ---------------------------------------------------------

    @Test
    void loadSingleWidensExactlyAndKeepsNanPayloads() {
        assertHex(Fpu.singleToDouble(0x3F80_0000), d(1));
        assertHex(Fpu.singleToDouble(0x0000_0001), d(0x1p-149));
        assertHex(Fpu.singleToDouble(0x807F_FFFF), d(-0x1.fffffcp-127));
        assertHex(Fpu.singleToDouble(0x8000_0000), NEG_ZERO);
        assertHex(Fpu.singleToDouble(0x7F80_0000), POS_INF);
        assertHex(Fpu.singleToDouble(0x7FA0_0000), 0x7FF4_0000_0000_0000L); // still signaling
        assertHex(Fpu.singleToDouble(0xFFC0_0001), 0xFFF8_0000_2000_0000L);
    }

    @Test
    void storeSingleTruncatesAndDenormalizesWithoutRounding() {
        assertThat(Fpu.doubleToSingle(d(1))).isEqualTo(0x3F80_0000);
        assertThat(Fpu.doubleToSingle(d(1 + 0x1p-30))).isEqualTo(0x3F80_0000); // truncated, not rounded
        assertThat(Fpu.doubleToSingle(d(0x1p-149))).isEqualTo(1);
        assertThat(Fpu.doubleToSingle(d(0x1.8p-149))).isEqualTo(1);
        assertThat(Fpu.doubleToSingle(d(0x1p-150))).isZero();
        assertThat(Fpu.doubleToSingle(d(-0x1.fffffcp-127))).isEqualTo(0x807F_FFFF);
        assertThat(Fpu.doubleToSingle(0x7FF0_0000_0000_0001L)).isEqualTo(0x7F80_0000); // no quieting
        assertThat(Fpu.doubleToSingle(0x7FF4_0000_0000_0000L)).isEqualTo(0x7FA0_0000);
        assertThat(Fpu.doubleToSingle(NEG_ZERO)).isEqualTo(0x8000_0000);
    }
}
