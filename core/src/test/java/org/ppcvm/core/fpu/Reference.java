package org.ppcvm.core.fpu;

import java.math.BigDecimal;

/**
 * An independent model of IEEE rounding for the property tests: it knows the exact result only
 * through a comparison oracle ({@code sign(exact − v)} for any value v, computed with BigDecimal),
 * walks the grid of the destination format from Java's approximation to the two neighbours of
 * the exact value, and picks one by the rounding mode, with the ISA's overflow and underflow
 * rules. It shares no code with {@link Fpu}.
 */
final class Reference {
    private Reference() {}

    /** sign(exact − v) for a finite v. */
    @FunctionalInterface
    interface ExactComparison {
        int compareExactTo(BigDecimal v);
    }

    /** The expected delivered value (double bits) and FPSCR status bits (FR FI FPRF OX UX XX). */
    record Expected(long bits, int status) {}

    static final int STATUS_BITS = Fpscr.FR | Fpscr.FI | Fpscr.FPRF | Fpscr.OX | Fpscr.UX | Fpscr.XX;

    /**
     * Rounds the exact value (nonzero, finite) to double or single precision in {@code mode}, with
     * OE = UE = 0. {@code approx} is any finite or infinite approximation of it.
     */
    static Expected round(ExactComparison exact, double approx, boolean single, int mode) {
        boolean negative = exact.compareExactTo(BigDecimal.ZERO) < 0;
        double max = single ? Float.MAX_VALUE : Double.MAX_VALUE;
        double minNormal = single ? Float.MIN_NORMAL : Double.MIN_NORMAL;
        BigDecimal beyond = new BigDecimal(max).add(new BigDecimal(Math.ulp(max))); // 2^(emax+1)
        boolean tiny = exact.compareExactTo(new BigDecimal(minNormal)) < 0
                && exact.compareExactTo(new BigDecimal(-minNormal)) > 0;
        // Past ±2^(emax+1) the unbounded rounding overflows in every mode.
        if (exact.compareExactTo(beyond) >= 0 || exact.compareExactTo(beyond.negate()) <= 0) {
            return overflow(negative, single, mode);
        }
        double v = toGrid(Math.max(-max, Math.min(max, approx)), single);
        int c = exact.compareExactTo(new BigDecimal(v));
        if (c == 0) {
            return new Expected(Double.doubleToRawLongBits(v), fprf(v, single) << Fpscr.FPRF_SHIFT);
        }
        // Walk to lo < exact < hi, the virtual 2^(emax+1) standing beyond ±max.
        double lo;
        double hi;
        if (c > 0) {
            lo = v;
            hi = next(v, true, single);
            while (Double.isFinite(hi) && exact.compareExactTo(new BigDecimal(hi)) > 0) {
                lo = hi;
                hi = next(hi, true, single);
            }
        } else {
            hi = v;
            lo = next(v, false, single);
            while (Double.isFinite(lo) && exact.compareExactTo(new BigDecimal(lo)) < 0) {
                hi = lo;
                lo = next(lo, false, single);
            }
        }
        BigDecimal loValue = Double.isFinite(lo) ? new BigDecimal(lo) : beyond.negate();
        BigDecimal hiValue = Double.isFinite(hi) ? new BigDecimal(hi) : beyond;
        boolean pickHi;
        switch (mode) {
            case Fpscr.ROUND_NEAREST -> {
                int m = exact.compareExactTo(loValue.add(hiValue).divide(BigDecimal.valueOf(2)));
                pickHi = m > 0 || (m == 0 && isEvenChoiceHigh(lo, hi, single));
            }
            case Fpscr.ROUND_ZERO -> pickHi = negative;
            case Fpscr.ROUND_UP -> pickHi = true;
            default -> pickHi = false;
        }
        double chosen = pickHi ? hi : lo;
        if (!Double.isFinite(chosen)) {
            return overflow(negative, single, mode);
        }
        // |chosen| > |exact| exactly when chosen lies on the far side of exact from zero.
        boolean roundedUp = negative ? !pickHi : pickHi;
        int status = Fpscr.FI | Fpscr.XX | (roundedUp ? Fpscr.FR : 0) | (fprf(chosen, single) << Fpscr.FPRF_SHIFT);
        if (tiny) {
            status |= Fpscr.UX;
        }
        return new Expected(Double.doubleToRawLongBits(chosen), status);
    }

    private static Expected overflow(boolean negative, boolean single, int mode) {
        boolean toInfinity = mode == Fpscr.ROUND_NEAREST
                || (mode == Fpscr.ROUND_UP && !negative)
                || (mode == Fpscr.ROUND_DOWN && negative);
        double max = single ? Float.MAX_VALUE : Double.MAX_VALUE;
        double mag = toInfinity ? Double.POSITIVE_INFINITY : max;
        double r = negative ? -mag : mag;
        int status =
                Fpscr.OX | Fpscr.XX | Fpscr.FI | (toInfinity ? Fpscr.FR : 0) | (fprf(r, single) << Fpscr.FPRF_SHIFT);
        return new Expected(Double.doubleToRawLongBits(r), status);
    }

    private static double toGrid(double v, boolean single) {
        return single ? (double) (float) v : v;
    }

    /** The next value of the format above (or below) v; infinity past the largest. */
    private static double next(double v, boolean up, boolean single) {
        if (single) {
            float f = (float) v;
            return up ? Math.nextUp(f) : Math.nextDown(f);
        }
        return up ? Math.nextUp(v) : Math.nextDown(v);
    }

    /** For a tie, whether hi (rather than lo) has the even significand. */
    private static boolean isEvenChoiceHigh(double lo, double hi, boolean single) {
        if (!Double.isFinite(hi)) {
            return true; // 2^(emax+1) is even, max is odd
        }
        if (!Double.isFinite(lo)) {
            return false;
        }
        long hiBits = single ? Float.floatToRawIntBits((float) hi) : Double.doubleToRawLongBits(hi);
        return (hiBits & 1) == 0;
    }

    /** FPRF class of a finite value in the format. */
    static int fprf(double v, boolean single) {
        boolean neg = Double.doubleToRawLongBits(v) < 0;
        if (Double.isInfinite(v)) {
            return neg ? Fpscr.CLASS_NEGATIVE_INFINITY : Fpscr.CLASS_POSITIVE_INFINITY;
        }
        if (v == 0) {
            return neg ? Fpscr.CLASS_NEGATIVE_ZERO : Fpscr.CLASS_POSITIVE_ZERO;
        }
        double minNormal = single ? Float.MIN_NORMAL : Double.MIN_NORMAL;
        if (Math.abs(v) < minNormal) {
            return neg ? Fpscr.CLASS_NEGATIVE_DENORMAL : Fpscr.CLASS_POSITIVE_DENORMAL;
        }
        return neg ? Fpscr.CLASS_NEGATIVE_NORMAL : Fpscr.CLASS_POSITIVE_NORMAL;
    }
}
