package org.ppcvm.testkit.random;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The operand values blocks start from: edge cases of integer and IEEE arithmetic, mixed with
 * random values.
 */
final class EdgeValues {
    private EdgeValues() {}

    /** Integer edges: carries, overflows, shift counts, sign boundaries, masks. */
    static final List<Integer> WORDS = List.of(
            0,
            1,
            -1,
            2,
            -2,
            0x7FFF_FFFF,
            0x8000_0000,
            0x8000_0001,
            0x7FFF_FFFE,
            0xFFFF,
            0x8000,
            0x7FFF,
            0xFFFF_8000,
            0xFFFF_0000,
            0x1_0000,
            31,
            32,
            63,
            64,
            0x5555_5555,
            0xAAAA_AAAA,
            0x00FF_00FF,
            0x0F0F_0F0F,
            0x1234_5678);

    /** 16-bit immediate edges (sign-extended or not, as the instruction reads them). */
    static final List<Integer> IMMEDIATES =
            List.of(0, 1, -1, 2, 0x7FFF, -0x8000, 0x7FFE, -0x7FFF, 31, 32, 63, 0xFF, -0x100);

    /** An integer operand: an edge, a small number, or random bits. */
    static int word(Random rng) {
        int choice = rng.nextInt(20);
        if (choice < 11) {
            return WORDS.get(rng.nextInt(WORDS.size()));
        }
        if (choice < 14) {
            return rng.nextInt(70) - 3;
        }
        return rng.nextInt();
    }

    /** A signed 16-bit immediate. */
    static int simm16(Random rng) {
        return rng.nextBoolean() ? IMMEDIATES.get(rng.nextInt(IMMEDIATES.size())) : (short) rng.nextInt();
    }

    /** An unsigned 16-bit immediate. */
    static int uimm16(Random rng) {
        return simm16(rng) & 0xFFFF;
    }

    /** Edge values that are representable in single format (so any instruction may read them). */
    static List<FloatValue> singleEdges() {
        List<FloatValue> v = new ArrayList<>();
        v.add(FloatValue.ofSingle("+0", 0x0000_0000));
        v.add(FloatValue.ofSingle("-0", 0x8000_0000));
        v.add(FloatValue.ofSingle("+min single denormal", 0x0000_0001));
        v.add(FloatValue.ofSingle("-min single denormal", 0x8000_0001));
        v.add(FloatValue.ofSingle("+max single denormal", 0x007F_FFFF));
        v.add(FloatValue.ofSingle("-max single denormal", 0x807F_FFFF));
        v.add(FloatValue.ofSingle("+min single normal", 0x0080_0000));
        v.add(FloatValue.ofSingle("-min single normal", 0x8080_0000));
        v.add(FloatValue.ofSingle("1.0", 0x3F80_0000));
        v.add(FloatValue.ofSingle("-1.5", 0xBFC0_0000));
        v.add(FloatValue.ofSingle("0.5", 0x3F00_0000));
        v.add(FloatValue.ofSingle("2.5", 0x4020_0000));
        v.add(FloatValue.ofSingle("-2.5", 0xC020_0000));
        v.add(FloatValue.ofSingle("3.0", 0x4040_0000));
        v.add(FloatValue.ofSingle("1/3 (single)", 0x3EAA_AAAB));
        v.add(FloatValue.ofSingle("1+ulp (single)", 0x3F80_0001));
        v.add(FloatValue.ofSingle("+max single", 0x7F7F_FFFF));
        v.add(FloatValue.ofSingle("-max single", 0xFF7F_FFFF));
        v.add(FloatValue.ofSingle("+inf", 0x7F80_0000));
        v.add(FloatValue.ofSingle("-inf", 0xFF80_0000));
        v.add(FloatValue.ofSingle("QNaN", 0x7FC0_0000));
        v.add(FloatValue.ofSingle("-QNaN with payload", 0xFFC0_1234));
        v.add(FloatValue.ofSingle("SNaN", 0x7FA0_0000));
        v.add(FloatValue.ofSingle("SNaN min payload", 0x7F80_0001));
        v.add(FloatValue.ofSingle("2^31", 0x4F00_0000));
        v.add(FloatValue.ofSingle("-2^31", 0xCF00_0000));
        v.add(FloatValue.ofSingle("2^32", 0x4F80_0000));
        v.add(FloatValue.ofSingle("2^31-128", 0x4EFF_FFFF));
        v.add(FloatValue.ofSingle("2^-126*1.5", 0x00C0_0000));
        v.add(FloatValue.ofSingle("2^127", 0x7F00_0000));
        return v;
    }

    /** Edge values that need double format. */
    static List<FloatValue> doubleEdges() {
        List<FloatValue> v = new ArrayList<>();
        v.add(new FloatValue("+min double denormal", 0x0000_0000_0000_0001L));
        v.add(new FloatValue("-min double denormal", 0x8000_0000_0000_0001L));
        v.add(new FloatValue("+max double denormal", 0x000F_FFFF_FFFF_FFFFL));
        v.add(new FloatValue("+min double normal", 0x0010_0000_0000_0000L));
        v.add(new FloatValue("-min double normal", 0x8010_0000_0000_0000L));
        v.add(new FloatValue("+max double", 0x7FEF_FFFF_FFFF_FFFFL));
        v.add(new FloatValue("-max double", 0xFFEF_FFFF_FFFF_FFFFL));
        v.add(new FloatValue("QNaN low payload", 0x7FF8_0000_0000_0001L));
        v.add(new FloatValue("SNaN low payload", 0x7FF0_0000_0000_0001L));
        v.add(new FloatValue("-SNaN", 0xFFF4_0000_1234_5678L));
        v.add(FloatValue.ofDouble("2^31-1", 2147483647.0));
        v.add(FloatValue.ofDouble("2^31-0.5", 2147483647.5));
        v.add(FloatValue.ofDouble("2^31+0.5", 2147483648.5));
        v.add(FloatValue.ofDouble("-2^31-0.5", -2147483648.5));
        v.add(FloatValue.ofDouble("-2^31-1", -2147483649.0));
        v.add(FloatValue.ofDouble("2^32-1", 4294967295.0));
        v.add(FloatValue.ofDouble("2^32+0.5", 4294967296.5));
        v.add(FloatValue.ofDouble("-0.49999999999999994", -0.49999999999999994));
        v.add(FloatValue.ofDouble("1e300", 1e300));
        v.add(FloatValue.ofDouble("-1e-300", -1e-300));
        v.add(FloatValue.ofDouble("1/3", 1.0 / 3.0));
        v.add(FloatValue.ofDouble("0.1", 0.1));
        v.add(FloatValue.ofDouble("1+ulp", Math.nextUp(1.0)));
        v.add(FloatValue.ofDouble("max single + half ulp", 3.4028235677973366e38));
        v.add(FloatValue.ofDouble("just below min single normal", Math.scalb(1.0 - 0x1p-30, -126)));
        v.add(FloatValue.ofDouble("1.5 * min single denormal", 0x1.8p-149));
        v.add(FloatValue.ofDouble("1+2^-24 (single tie)", 1.0 + 0x1p-24));
        return v;
    }

    /** A random single-representable value: any bits, or a moderate exponent. */
    static FloatValue randomSingle(Random rng) {
        int bits = rng.nextInt();
        if (rng.nextBoolean()) {
            int exponent = 127 + rng.nextInt(61) - 30;
            bits = (bits & 0x807F_FFFF) | (exponent << 23);
        }
        return FloatValue.ofSingle("random", bits);
    }

    /** A random double: any bits, or a moderate exponent. */
    static FloatValue randomDouble(Random rng) {
        long bits = rng.nextLong();
        if (rng.nextInt(3) > 0) {
            long exponent = 1023L + rng.nextInt(81) - 40;
            bits = (bits & 0x800F_FFFF_FFFF_FFFFL) | (exponent << 52);
        }
        return new FloatValue("random", bits);
    }
}
