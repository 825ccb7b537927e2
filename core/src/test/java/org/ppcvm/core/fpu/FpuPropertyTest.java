package org.ppcvm.core.fpu;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.ppcvm.core.cpu.Cpu;
import org.ppcvm.core.mem.Memory;

/**
 * Seeded random operands, every rounding mode, double and single precision: each result and its
 * FPSCR status bits must equal what {@link Reference} derives from the exact value (BigDecimal).
 * A second check runs the fast path (Java double plus error-free transforms) against the exact
 * integer path on the same inputs. The seed is in every failure message.
 */
class FpuPropertyTest {
    private static final long SEED = 0x5EED_F00DL;
    private static final int CASES = 3000;
    private static final Cpu CPU = new Cpu(new Memory());

    enum Operation {
        ADD,
        SUBTRACT,
        MULTIPLY,
        DIVIDE,
        SQUARE_ROOT,
        MULTIPLY_ADD,
        MULTIPLY_SUBTRACT,
        NEGATIVE_MULTIPLY_ADD,
        NEGATIVE_MULTIPLY_SUBTRACT
    }

    @ParameterizedTest
    @EnumSource(Operation.class)
    void doublePrecisionMatchesTheExactReference(Operation op) {
        check(op, false);
    }

    @ParameterizedTest
    @EnumSource(Operation.class)
    void singlePrecisionMatchesTheExactReference(Operation op) {
        check(op, true);
    }

    private static void check(Operation op, boolean single) {
        SplittableRandom random = new SplittableRandom(SEED ^ op.ordinal() ^ (single ? 0x100 : 0));
        int checked = 0;
        for (int n = 0; n < CASES; n++) {
            long a = interesting(random);
            long b = interesting(random);
            long c = interesting(random);
            if (n % 3 == 0 && op.compareTo(Operation.MULTIPLY_ADD) >= 0) {
                // Make the addend cancel most of the product.
                double p = Double.longBitsToDouble(a) * Double.longBitsToDouble(c);
                b = Double.doubleToRawLongBits(-p) ^ (random.nextLong() & 0xFF);
            }
            if (op == Operation.SQUARE_ROOT) {
                b &= ~Fpu.SIGN;
            }
            int mode = random.nextInt(4);
            Reference.Expected expected = expected(op, a, b, c, single, mode);
            if (expected == null) {
                continue;
            }
            CPU.fpscr = mode;
            long result = run(op, a, b, c, single);
            int status = expected.status();
            int expectedFpscr = mode | status | ((status & Fpscr.EXCEPTION_BITS) != 0 ? Fpscr.FX : 0);
            String what = String.format(
                    "%s single=%b mode=%d a=%016x b=%016x c=%016x (seed %x, case %d)",
                    op, single, mode, a, b, c, SEED, n);
            assertThat(Long.toHexString(result)).as(what).isEqualTo(Long.toHexString(expected.bits()));
            assertThat(Integer.toHexString(CPU.fpscr)).as(what).isEqualTo(Integer.toHexString(expectedFpscr));
            checked++;
        }
        assertThat(checked).isGreaterThan(CASES / 2);
    }

    private static long run(Operation op, long a, long b, long c, boolean single) {
        return switch (op) {
            case ADD -> Fpu.add(CPU, 0, a, b, single);
            case SUBTRACT -> Fpu.subtract(CPU, 0, a, b, single);
            case MULTIPLY -> Fpu.multiply(CPU, 0, a, c, single);
            case DIVIDE -> Fpu.divide(CPU, 0, a, b, single);
            case SQUARE_ROOT -> Fpu.squareRoot(CPU, 0, b, single);
            case MULTIPLY_ADD -> Fpu.multiplyAdd(CPU, 0, a, c, b, false, false, single);
            case MULTIPLY_SUBTRACT -> Fpu.multiplyAdd(CPU, 0, a, c, b, true, false, single);
            case NEGATIVE_MULTIPLY_ADD -> Fpu.multiplyAdd(CPU, 0, a, c, b, false, true, single);
            case NEGATIVE_MULTIPLY_SUBTRACT -> Fpu.multiplyAdd(CPU, 0, a, c, b, true, true, single);
        };
    }

    /** The reference outcome, or null for operands this test leaves to the edge-case tests. */
    private static Reference.Expected expected(Operation op, long a, long b, long c, boolean single, int mode) {
        for (long x : new long[] {a, b, c}) {
            if (Fpu.isNaN(x) || Fpu.isInfinite(x)) {
                return null;
            }
        }
        double x = Double.longBitsToDouble(a);
        double y = Double.longBitsToDouble(b);
        double z = Double.longBitsToDouble(c);
        BigDecimal ba = new BigDecimal(x);
        BigDecimal bb = new BigDecimal(y);
        BigDecimal bc = new BigDecimal(z);
        if (op == Operation.DIVIDE) {
            if (x == 0 || y == 0) {
                return null;
            }
            // sign(a/b − v) = sign(a − v·b) · sign(b), all exact.
            return Reference.round(v -> ba.subtract(v.multiply(bb)).signum() * bb.signum(), x / y, single, mode);
        }
        if (op == Operation.SQUARE_ROOT) {
            if (y == 0) {
                return null;
            }
            return Reference.round(
                    v -> v.signum() < 0 ? 1 : bb.subtract(v.multiply(v)).signum(), Math.sqrt(y), single, mode);
        }
        BigDecimal exactValue;
        double approx;
        switch (op) {
            case ADD, SUBTRACT -> {
                BigDecimal addend = op == Operation.ADD ? bb : bb.negate();
                exactValue = ba.add(addend);
                approx = op == Operation.ADD ? x + y : x - y;
            }
            case MULTIPLY -> {
                exactValue = ba.multiply(bc);
                approx = x * z;
            }
            default -> {
                boolean subtract = op == Operation.MULTIPLY_SUBTRACT || op == Operation.NEGATIVE_MULTIPLY_SUBTRACT;
                exactValue = ba.multiply(bc).add(subtract ? bb.negate() : bb);
                approx = Math.fma(x, z, subtract ? -y : y);
            }
        }
        if (exactValue.signum() == 0) {
            return null;
        }
        BigDecimal e = exactValue;
        Reference.Expected r = Reference.round(v -> e.compareTo(v), approx, single, mode);
        boolean negate = op == Operation.NEGATIVE_MULTIPLY_ADD || op == Operation.NEGATIVE_MULTIPLY_SUBTRACT;
        if (!negate) {
            return r;
        }
        long bits = r.bits() ^ Fpu.SIGN;
        int fprf = Reference.fprf(-Double.longBitsToDouble(r.bits()), single);
        return new Reference.Expected(bits, (r.status() & ~Fpscr.FPRF) | (fprf << Fpscr.FPRF_SHIFT));
    }

    /** Doubles biased toward ties, exact results and the limits of both formats. */
    static long interesting(SplittableRandom random) {
        long sign = random.nextBoolean() ? Fpu.SIGN : 0;
        long fraction = random.nextLong() & Fpu.FRACTION;
        long exponent = switch (random.nextInt(7)) {
            case 0 -> 1023 - 4 + random.nextInt(9);
            case 1 -> random.nextBoolean() ? 1023 + 120 + random.nextInt(10) : 1023 - 155 + random.nextInt(32);
            case 2 -> random.nextBoolean() ? 2046 - random.nextInt(4) : random.nextInt(4);
            case 3 -> random.nextInt(2047);
            default -> 1023 - 40 + random.nextInt(81);
        };
        switch (random.nextInt(4)) {
            case 0 -> fraction &= 0x000F_FFFF_E000_0000L; // a single
            case 1 -> fraction &= 0x000F_F000_0000_0000L; // few bits
            default -> {}
        }
        return sign | (exponent << 52) | fraction;
    }

    // ---- Fast path against exact path ------------------------------------------------------

    @ParameterizedTest
    @EnumSource(
            value = Operation.class,
            names = {"ADD", "MULTIPLY", "DIVIDE", "SQUARE_ROOT"})
    void fastPathAgreesWithTheExactPath(Operation op) {
        SplittableRandom random = new SplittableRandom(SEED + op.ordinal());
        Cpu fast = new Cpu(new Memory());
        for (int n = 0; n < 20_000; n++) {
            long a = interesting(random);
            long b = op == Operation.SQUARE_ROOT ? interesting(random) & ~Fpu.SIGN : interesting(random);
            if (Fpu.isNaN(a)
                    || Fpu.isNaN(b)
                    || Fpu.isInfinite(a)
                    || Fpu.isInfinite(b)
                    || Fpu.isZero(a)
                    || Fpu.isZero(b)) {
                continue;
            }
            boolean single = random.nextBoolean();
            int mode = random.nextInt(4) | (random.nextInt(8) == 0 ? Fpscr.OE | Fpscr.UE : 0);
            fast.fpscr = mode;
            CPU.fpscr = mode;
            long viaFast;
            long viaExact;
            switch (op) {
                case ADD -> {
                    viaFast = Fpu.add(fast, 0, a, b, single);
                    viaExact = Fpu.addExactForTest(CPU, a, b, single);
                }
                case MULTIPLY -> {
                    viaFast = Fpu.multiply(fast, 0, a, b, single);
                    viaExact = Fpu.multiplyExactForTest(CPU, a, b, single);
                }
                case DIVIDE -> {
                    viaFast = Fpu.divide(fast, 0, a, b, single);
                    viaExact = Fpu.divideExactForTest(CPU, a, b, single);
                }
                default -> {
                    viaFast = Fpu.squareRoot(fast, 0, b, single);
                    viaExact = Fpu.squareRootExactForTest(CPU, b, single);
                }
            }
            String what =
                    String.format("%s single=%b fpscr=%x a=%016x b=%016x (seed %x)", op, single, mode, a, b, SEED);
            assertThat(Long.toHexString(viaFast)).as(what).isEqualTo(Long.toHexString(viaExact));
            assertThat(Integer.toHexString(fast.fpscr)).as(what).isEqualTo(Integer.toHexString(CPU.fpscr));
        }
    }
}
