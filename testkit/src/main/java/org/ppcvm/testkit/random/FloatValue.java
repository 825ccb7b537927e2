package org.ppcvm.testkit.random;

/**
 * A floating-point operand value.
 *
 * @param name what the value is, for failure reports ({@code "random"} for random ones)
 * @param bits the raw IEEE 754 double bits as an FPR holds them
 */
public record FloatValue(String name, long bits) {

    /**
     * Whether the value is representable in single format, which the ISA requires of every input
     * of a single-precision arithmetic instruction (Power ISA 2.06 Book I 4.3.5.1: otherwise the
     * result and the status bits are undefined). For a NaN that means a fraction whose low 29
     * bits are zero.
     */
    public boolean single() {
        return isSingleRepresentable(bits);
    }

    static boolean isSingleRepresentable(long bits) {
        long exponent = (bits >>> 52) & 0x7FF;
        long fraction = bits & 0xF_FFFF_FFFF_FFFFL;
        if (exponent == 0x7FF) {
            return (fraction & ((1L << 29) - 1)) == 0;
        }
        double d = Double.longBitsToDouble(bits);
        float f = (float) d;
        return !Float.isInfinite(f) && Double.doubleToRawLongBits(f) == bits;
    }

    /**
     * The double an FPR holds after {@code lfs} of the single {@code singleBits} (Power ISA Book I,
     * Load Floating-Point Single): exact widening, NaNs keep their payload and are not quieted.
     */
    static long singleToDoubleBits(int singleBits) {
        int exponent = (singleBits >>> 23) & 0xFF;
        if (exponent == 0xFF) {
            long sign = (long) (singleBits >>> 31) << 63;
            long fraction = (long) (singleBits & 0x7F_FFFF) << 29;
            return sign | 0x7FF0_0000_0000_0000L | fraction;
        }
        return Double.doubleToRawLongBits(Float.intBitsToFloat(singleBits));
    }

    static FloatValue ofSingle(String name, int singleBits) {
        return new FloatValue(name, singleToDoubleBits(singleBits));
    }

    static FloatValue ofDouble(String name, double value) {
        return new FloatValue(name, Double.doubleToRawLongBits(value));
    }
}
