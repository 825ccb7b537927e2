package org.ppcvm.core.fpu;

import static org.ppcvm.core.fpu.Fpscr.CLASS_NEGATIVE_DENORMAL;
import static org.ppcvm.core.fpu.Fpscr.CLASS_NEGATIVE_INFINITY;
import static org.ppcvm.core.fpu.Fpscr.CLASS_NEGATIVE_NORMAL;
import static org.ppcvm.core.fpu.Fpscr.CLASS_NEGATIVE_ZERO;
import static org.ppcvm.core.fpu.Fpscr.CLASS_POSITIVE_DENORMAL;
import static org.ppcvm.core.fpu.Fpscr.CLASS_POSITIVE_INFINITY;
import static org.ppcvm.core.fpu.Fpscr.CLASS_POSITIVE_NORMAL;
import static org.ppcvm.core.fpu.Fpscr.CLASS_POSITIVE_ZERO;
import static org.ppcvm.core.fpu.Fpscr.CLASS_QNAN;
import static org.ppcvm.core.fpu.Fpscr.FI;
import static org.ppcvm.core.fpu.Fpscr.FPCC;
import static org.ppcvm.core.fpu.Fpscr.FPRF;
import static org.ppcvm.core.fpu.Fpscr.FPRF_SHIFT;
import static org.ppcvm.core.fpu.Fpscr.FR;
import static org.ppcvm.core.fpu.Fpscr.OE;
import static org.ppcvm.core.fpu.Fpscr.OX;
import static org.ppcvm.core.fpu.Fpscr.RN;
import static org.ppcvm.core.fpu.Fpscr.ROUND_DOWN;
import static org.ppcvm.core.fpu.Fpscr.ROUND_NEAREST;
import static org.ppcvm.core.fpu.Fpscr.ROUND_UP;
import static org.ppcvm.core.fpu.Fpscr.ROUND_ZERO;
import static org.ppcvm.core.fpu.Fpscr.UE;
import static org.ppcvm.core.fpu.Fpscr.UX;
import static org.ppcvm.core.fpu.Fpscr.VE;
import static org.ppcvm.core.fpu.Fpscr.VXCVI;
import static org.ppcvm.core.fpu.Fpscr.VXIDI;
import static org.ppcvm.core.fpu.Fpscr.VXIMZ;
import static org.ppcvm.core.fpu.Fpscr.VXISI;
import static org.ppcvm.core.fpu.Fpscr.VXSNAN;
import static org.ppcvm.core.fpu.Fpscr.VXSQRT;
import static org.ppcvm.core.fpu.Fpscr.VXVC;
import static org.ppcvm.core.fpu.Fpscr.VXZDZ;
import static org.ppcvm.core.fpu.Fpscr.XX;
import static org.ppcvm.core.fpu.Fpscr.ZE;
import static org.ppcvm.core.fpu.Fpscr.ZX;

import java.math.BigInteger;
import org.ppcvm.core.cpu.Cpu;

/**
 * PowerPC floating-point arithmetic on raw IEEE-754 bits, with the FPSCR effects of Power ISA
 * v2.06B Book I chapter 4: the four rounding modes, FR/FI/FPRF, every exception bit with its
 * summaries, and the enabled-exception rules (an enabled invalid operation or zero divide leaves
 * the target unchanged; an enabled overflow or underflow delivers the exponent-adjusted result).
 *
 * <p>Each operation takes the {@link Cpu} whose FPSCR it reads (rounding mode, enables) and
 * updates, the current contents of the target register {@code frt}, and its operands; it returns
 * the new contents of the target: the result, or {@code frt} itself when an enabled exception
 * suppresses the write. Raising the Program interrupt is left to the caller ({@link
 * FloatingPoint}), which knows MSR[FE0,FE1].
 *
 * <p>How results are computed. Java's {@code double} arithmetic rounds to nearest and reports no
 * flags, so each operation first tries a fast path: the round-to-nearest result from Java plus
 * an error-free transform that gives the sign of the rounding error (TwoSum for addition, {@code
 * Math.fma} for the product error and for the division and square-root remainders). That is
 * enough for every rounding mode, FR and FI, as long as the result is a normal double well away
 * from overflow and underflow; single-precision results are then rounded once from that double
 * and the sign of its error. Everything else (tiny or huge results, denormal operands where the
 * transforms stop being exact, and the fused multiply-add family, whose sum is done exactly in
 * 128-bit integers) takes the exact path: the exact result as an integer significand, exponent
 * and sticky bit, given to one rounding routine, {@link #round}.
 *
 * <p>Where the ISA leaves a bit undefined, ppcvm produces what qemu-ppc produces, so differential
 * runs compare: the upper word of fctiw[z] and mffs results, FPRF after a convert to integer, and
 * the values of the estimates fres and frsqrte (see {@link #reciprocalEstimate} and {@link
 * #reciprocalSquareRootEstimate}).
 */
public final class Fpu {
    private Fpu() {}

    static final long SIGN = 0x8000_0000_0000_0000L;
    static final long EXPONENT = 0x7FF0_0000_0000_0000L;
    static final long FRACTION = 0x000F_FFFF_FFFF_FFFFL;
    static final long IMPLICIT = 1L << 52;
    static final long QUIET = 1L << 51;
    static final long INFINITY = EXPONENT;
    static final long ONE = 0x3FF0_0000_0000_0000L;

    /** The QNaN an invalid operation produces when no operand is a NaN. */
    public static final long DEFAULT_QNAN = 0x7FF8_0000_0000_0000L;

    /** The fraction bits a double has and a single lacks: a single-precision NaN result drops them. */
    private static final long SINGLE_DROPPED_FRACTION = 0x1FFF_FFFFL;

    /** The destination format of an operation. */
    enum Format {
        DOUBLE(53, -1022, 1023, 1536, 0x7FEF_FFFF_FFFF_FFFFL),
        SINGLE(24, -126, 127, 192, 0x47EF_FFFF_E000_0000L);

        final int precision;
        final int emin;
        final int emax;
        /** The exponent adjustment of an enabled overflow or underflow (Book I 4.4.4-4.4.5). */
        final int biasAdjust;
        /** The largest finite value, as double bits. */
        final long maxBits;

        Format(int precision, int emin, int emax, int biasAdjust, long maxBits) {
            this.precision = precision;
            this.emin = emin;
            this.emax = emax;
            this.biasAdjust = biasAdjust;
            this.maxBits = maxBits;
        }
    }

    // ---- Classification ---------------------------------------------------------------------

    public static boolean isNaN(long x) {
        return (x & ~SIGN) > EXPONENT;
    }

    public static boolean isSignaling(long x) {
        return isNaN(x) && (x & QUIET) == 0;
    }

    public static boolean isInfinite(long x) {
        return (x & ~SIGN) == EXPONENT;
    }

    public static boolean isZero(long x) {
        return (x & ~SIGN) == 0;
    }

    private static boolean isNegative(long x) {
        return x < 0;
    }

    /** The significand as an integer (implicit bit included for normal numbers). */
    static long significand(long x) {
        long e = (x >>> 52) & 0x7FF;
        return e == 0 ? x & FRACTION : (x & FRACTION) | IMPLICIT;
    }

    /** The exponent of the significand's last bit: x = significand(x) × 2^lsbExponent(x). */
    static int lsbExponent(long x) {
        int e = (int) (x >>> 52) & 0x7FF;
        return (e == 0 ? 1 : e) - 1075;
    }

    /** FPRF class of a (non-signaling) value delivered in format {@code f}. */
    static int classOf(long x, Format f) {
        boolean neg = x < 0;
        long mag = x & ~SIGN;
        if (mag > EXPONENT) {
            return CLASS_QNAN;
        }
        if (mag == EXPONENT) {
            return neg ? CLASS_NEGATIVE_INFINITY : CLASS_POSITIVE_INFINITY;
        }
        if (mag == 0) {
            return neg ? CLASS_NEGATIVE_ZERO : CLASS_POSITIVE_ZERO;
        }
        // A single-precision result below 2^-126 is a single denormal even though it is a
        // normal double (biased double exponent 1023 - 126 = 897).
        long minNormalExponent = f == Format.SINGLE ? 897 : 1;
        boolean denormal = (mag >>> 52) < minNormalExponent;
        if (denormal) {
            return neg ? CLASS_NEGATIVE_DENORMAL : CLASS_POSITIVE_DENORMAL;
        }
        return neg ? CLASS_NEGATIVE_NORMAL : CLASS_POSITIVE_NORMAL;
    }

    // ---- FPSCR updates ----------------------------------------------------------------------

    private static int roundingMode(Cpu cpu) {
        return cpu.fpscr & RN;
    }

    /** Sets FR and FI to {@code frfi}, FPRF to {@code fprfClass}, and raises {@code exceptions}. */
    private static void commit(Cpu cpu, int exceptions, int frfi, int fprfClass) {
        int s = (cpu.fpscr & ~(FR | FI | FPRF)) | frfi | (fprfClass << FPRF_SHIFT);
        cpu.fpscr = Fpscr.raise(s, exceptions);
    }

    /** An exact result: FR = FI = 0, FPRF from the value. */
    private static long exact(Cpu cpu, long result, Format f) {
        commit(cpu, 0, 0, classOf(result, f));
        return result;
    }

    /**
     * An invalid operation with no NaN operand (Book I 4.4.1): with VE=1 the target and FPRF are
     * unchanged, otherwise the default QNaN is delivered; FR and FI are cleared either way.
     */
    private static long invalid(Cpu cpu, long frt, int vxBits) {
        int s = cpu.fpscr & ~(FR | FI);
        if ((s & VE) != 0) {
            cpu.fpscr = Fpscr.raise(s, vxBits);
            return frt;
        }
        cpu.fpscr = Fpscr.raise((s & ~FPRF) | (CLASS_QNAN << FPRF_SHIFT), vxBits);
        return DEFAULT_QNAN;
    }

    /**
     * At least one operand is a NaN. The result is the first NaN among frA, frB, frC (Book I
     * 4.3.2 "Floating-Point Operand Value Handling": that order whatever the instruction reads),
     * quieted; a single-precision instruction delivers it in single format. An SNaN operand
     * anywhere raises VXSNAN. {@code alsoInvalid} carries a second invalid operation that the
     * same instruction detects (infinity times zero in the multiply-add family).
     */
    private static long nanOperand(Cpu cpu, long frt, Format f, long fra, long frb, long frc, int alsoInvalid) {
        boolean signaling = isSignaling(fra) || isSignaling(frb) || isSignaling(frc);
        int vx = (signaling ? VXSNAN : 0) | alsoInvalid;
        int s = cpu.fpscr & ~(FR | FI);
        if (vx != 0 && (s & VE) != 0) {
            cpu.fpscr = Fpscr.raise(s, vx);
            return frt;
        }
        long nan = isNaN(fra) ? fra : isNaN(frb) ? frb : frc;
        long result = nan | QUIET;
        if (f == Format.SINGLE) {
            result &= ~SINGLE_DROPPED_FRACTION;
        }
        cpu.fpscr = Fpscr.raise((s & ~FPRF) | (CLASS_QNAN << FPRF_SHIFT), vx);
        return result;
    }

    /** Zero Divide (Book I 4.4.3): with ZE=1 the target and FPRF are unchanged. */
    private static long zeroDivide(Cpu cpu, long frt, boolean negative, Format f) {
        int s = cpu.fpscr & ~(FR | FI);
        if ((s & ZE) != 0) {
            cpu.fpscr = Fpscr.raise(s, ZX);
            return frt;
        }
        long inf = negative ? INFINITY | SIGN : INFINITY;
        cpu.fpscr = Fpscr.raise((s & ~FPRF) | (classOf(inf, f) << FPRF_SHIFT), ZX);
        return inf;
    }

    /** The sign of an exact zero sum of two values of opposite sign: -0 only toward -infinity. */
    private static long zeroSum(boolean negA, boolean negB, int mode) {
        if (negA == negB) {
            return negA ? SIGN : 0;
        }
        return mode == ROUND_DOWN ? SIGN : 0;
    }

    // ---- Rounding ---------------------------------------------------------------------------

    /**
     * Rounds the exact value (-1)^neg × (sig + δ) × 2^q to format {@code f} in rounding mode
     * {@code mode}, where δ = 0, or 0 &lt; δ &lt; 1 when {@code sticky} (the bits below sig are not
     * all zero). Requires sig &gt; 0, and sig ≥ 2^(precision+2) when sticky, so the sticky part
     * always lies below the round bit.
     *
     * <p>Implements Book I 4.3.6 (rounding, FR, FI), 4.4.4 (overflow: OE=0 delivers infinity or
     * the largest number per the mode, with XX and FI; OE=1 delivers the rounded result with the
     * exponent reduced by 1536 or 192) and 4.4.5 (underflow: tininess is detected before rounding;
     * UE=0 denormalizes and rounds, UX only when that loses accuracy; UE=1 always sets UX and
     * delivers the normalized result with the exponent raised by 1536 or 192). Sets FR, FI, FPRF,
     * OX, UX, XX and returns the delivered value as double bits.
     */
    static long round(Cpu cpu, boolean neg, long sig, int q, boolean sticky, Format f, int mode) {
        int fpscr = cpu.fpscr;
        int e = 63 - Long.numberOfLeadingZeros(sig) + q; // the value lies in [2^e, 2^(e+1))
        boolean tiny = e < f.emin;
        int exceptions = 0;
        int adjust = 0;
        if (tiny && (fpscr & UE) != 0) {
            exceptions |= UX;
            adjust = f.biasAdjust;
        }
        boolean denormalize = tiny && adjust == 0;
        int lsb = denormalize ? f.emin - (f.precision - 1) : e - (f.precision - 1);
        int shift = lsb - q;
        long kept;
        boolean half;
        boolean below;
        if (shift <= 0) {
            kept = sig << -shift;
            half = false;
            below = sticky;
        } else if (shift < 64) {
            kept = sig >>> shift;
            long halfBit = 1L << (shift - 1);
            half = (sig & halfBit) != 0;
            below = (sig & (halfBit - 1)) != 0 || sticky;
        } else {
            kept = 0;
            half = false;
            below = true;
        }
        boolean inexact = half || below;
        boolean increment = switch (mode) {
            case ROUND_NEAREST -> half && (below || (kept & 1) != 0);
            case ROUND_ZERO -> false;
            case ROUND_UP -> inexact && !neg;
            default -> inexact && neg;
        };
        if (increment) {
            kept++;
            if (kept == 1L << f.precision) {
                kept >>>= 1;
                lsb++;
            }
        }
        if (inexact) {
            exceptions |= XX;
            if (denormalize) {
                exceptions |= UX;
            }
        }
        boolean normal = kept >= 1L << (f.precision - 1);
        if (normal && lsb + f.precision - 1 > f.emax) {
            exceptions |= OX;
            if ((fpscr & OE) == 0) {
                return overflow(cpu, neg, f, mode, exceptions);
            }
            adjust = -f.biasAdjust;
        }
        long result = encode(neg, kept, lsb + adjust, f);
        int frfi = (increment ? FR : 0) | (inexact ? FI : 0);
        int fprfClass;
        if (kept == 0) {
            fprfClass = neg ? CLASS_NEGATIVE_ZERO : CLASS_POSITIVE_ZERO;
        } else if (!normal) {
            fprfClass = neg ? CLASS_NEGATIVE_DENORMAL : CLASS_POSITIVE_DENORMAL;
        } else {
            fprfClass = classOf(result, Format.DOUBLE);
        }
        commit(cpu, exceptions, frfi, fprfClass);
        return result;
    }

    /**
     * A disabled overflow (Book I 4.4.4): infinity or the largest finite number by the mode and
     * sign, OX and XX set, FI set. FR is undefined there; ppcvm sets it when infinity is
     * delivered (the delivered magnitude exceeds the exact one) and clears it otherwise.
     */
    private static long overflow(Cpu cpu, boolean neg, Format f, int mode, int exceptions) {
        boolean toInfinity = mode == ROUND_NEAREST || (mode == ROUND_UP && !neg) || (mode == ROUND_DOWN && neg);
        long mag = toInfinity ? INFINITY : f.maxBits;
        long result = neg ? mag | SIGN : mag;
        commit(cpu, exceptions | XX, FI | (toInfinity ? FR : 0), classOf(result, f));
        return result;
    }

    /** The double bits of (-1)^neg × kept × 2^lsb. */
    private static long encode(boolean neg, long kept, int lsb, Format f) {
        long sign = neg ? SIGN : 0;
        if (kept == 0) {
            return sign;
        }
        if (f == Format.DOUBLE && kept < IMPLICIT && lsb == -1074) {
            return sign | kept; // a double denormal
        }
        int msb = 63 - Long.numberOfLeadingZeros(kept);
        int biased = msb + lsb + 1023;
        // Out of the double range only for an exponent-adjusted single result of double operands
        // far outside the single range, which the ISA leaves undefined: like qemu-ppc, keep the
        // exponent's low 11 bits.
        long fraction = (kept << (52 - msb)) & FRACTION;
        return sign | ((long) (biased & 0x7FF) << 52) | fraction;
    }

    /** Rounds the finite nonzero double {@code x} to {@code f} (for frsp and exact operands). */
    private static long roundValue(Cpu cpu, long x, Format f, int mode) {
        return round(cpu, isNegative(x), significand(x), lsbExponent(x), false, f, mode);
    }

    // ---- Fast path: a round-to-nearest double plus the sign of its error ----------------------

    /** The band where a round-to-nearest double result needs no overflow or underflow care. */
    private static boolean inSafeRange(double r) {
        double m = Math.abs(r);
        return m >= 0x1p-1021 && m < 0x1p1023;
    }

    /**
     * Finishes a double-precision operation from its round-to-nearest result {@code r} (a normal
     * double in the safe range) and the sign of (exact − r).
     */
    private static long finishDouble(Cpu cpu, double r, int errorSign, int mode) {
        long bits = Double.doubleToRawLongBits(r);
        boolean neg = bits < 0;
        int fprfClass = neg ? CLASS_NEGATIVE_NORMAL : CLASS_POSITIVE_NORMAL;
        if (errorSign == 0) {
            commit(cpu, 0, 0, fprfClass);
            return bits;
        }
        boolean truncated = (errorSign > 0) != neg; // the exact magnitude is above |r|
        boolean roundedUp;
        if (mode == ROUND_NEAREST) {
            roundedUp = !truncated;
        } else if ((mode == ROUND_UP && !neg) || (mode == ROUND_DOWN && neg)) {
            if (truncated) {
                bits++; // next representable magnitude: the encoding is sign-magnitude
            }
            roundedUp = true;
        } else {
            if (!truncated) {
                bits--;
            }
            roundedUp = false;
        }
        commit(cpu, XX, FI | (roundedUp ? FR : 0), fprfClass);
        return bits;
    }

    /**
     * Finishes a single-precision operation from the round-to-nearest double {@code r} (normal)
     * and the sign of (exact − r): the exact value lies strictly between r and its neighbour on
     * the error's side, so r's significand with one more bit below it, and the sticky bit, stand
     * for it exactly as far as rounding to 24 bits is concerned.
     */
    private static long finishSingle(Cpu cpu, double r, int errorSign, int mode) {
        long bits = Double.doubleToRawLongBits(r);
        boolean neg = bits < 0;
        long m = significand(bits);
        int q = lsbExponent(bits);
        if (errorSign == 0) {
            return round(cpu, neg, m, q, false, Format.SINGLE, mode);
        }
        boolean truncated = (errorSign > 0) != neg;
        long sig = truncated ? 2 * m : 2 * m - 1;
        return round(cpu, neg, sig, q - 1, true, Format.SINGLE, mode);
    }

    private static long finish(Cpu cpu, double r, int errorSign, Format f, int mode) {
        return f == Format.DOUBLE ? finishDouble(cpu, r, errorSign, mode) : finishSingle(cpu, r, errorSign, mode);
    }

    private static int signum(double d) {
        return d > 0 ? 1 : d < 0 ? -1 : 0;
    }

    // ---- 128-bit helpers for the exact paths ------------------------------------------------

    private static int bitLength(long hi, long lo) {
        return hi != 0 ? 128 - Long.numberOfLeadingZeros(hi) : 64 - Long.numberOfLeadingZeros(lo);
    }

    /**
     * Rounds the exact value (-1)^neg × (hi:lo + δ) × 2^q, hi:lo an unsigned 128-bit integer
     * (nonzero), by first keeping its top 62 bits and folding the rest into the sticky bit.
     */
    private static long round128(Cpu cpu, boolean neg, long hi, long lo, int q, boolean sticky, Format f, int mode) {
        int n = bitLength(hi, lo);
        if (n <= 62) {
            return round(cpu, neg, lo, q, sticky, f, mode);
        }
        int s = n - 62;
        long sig;
        boolean lost;
        if (s < 64) {
            sig = (lo >>> s) | (hi << (64 - s));
            lost = (lo & ((1L << s) - 1)) != 0;
        } else {
            sig = hi >>> (s - 64);
            lost = lo != 0 || (s > 64 && (hi & ((1L << (s - 64)) - 1)) != 0);
        }
        return round(cpu, neg, sig, q + s, sticky || lost, f, mode);
    }

    // ---- Add and subtract -------------------------------------------------------------------

    /** fadd/fadds: frA + frB. */
    public static long add(Cpu cpu, long frt, long fra, long frb, boolean single) {
        return add(cpu, frt, fra, frb, single ? Format.SINGLE : Format.DOUBLE);
    }

    /** fsub/fsubs: frA − frB (a NaN frB keeps its sign). */
    public static long subtract(Cpu cpu, long frt, long fra, long frb, boolean single) {
        long negated = isNaN(frb) ? frb : frb ^ SIGN;
        return add(cpu, frt, fra, negated, single ? Format.SINGLE : Format.DOUBLE);
    }

    private static long add(Cpu cpu, long frt, long a, long b, Format f) {
        if (isNaN(a) || isNaN(b)) {
            return nanOperand(cpu, frt, f, a, b, 0, 0);
        }
        boolean infA = isInfinite(a);
        boolean infB = isInfinite(b);
        if (infA || infB) {
            if (infA && infB && (a ^ b) < 0) {
                return invalid(cpu, frt, VXISI);
            }
            return exact(cpu, infA ? a : b, f);
        }
        int mode = roundingMode(cpu);
        double x = Double.longBitsToDouble(a);
        double y = Double.longBitsToDouble(b);
        double s = x + y;
        if (inSafeRange(s)) {
            // TwoSum (Knuth): s + err == x + y exactly.
            double bv = s - x;
            double err = (x - (s - bv)) + (y - bv);
            return finish(cpu, s, signum(err), f, mode);
        }
        return addExact(cpu, a, b, f, mode);
    }

    private static long addExact(Cpu cpu, long a, long b, Format f, int mode) {
        boolean zeroA = isZero(a);
        boolean zeroB = isZero(b);
        if (zeroA && zeroB) {
            return exact(cpu, zeroSum(isNegative(a), isNegative(b), mode), f);
        }
        if (zeroA || zeroB) {
            return roundValue(cpu, zeroA ? b : a, f, mode);
        }
        // X: the operand whose last bit is higher. When the gap is large X is normal and the
        // larger in magnitude, and Y only needs to survive as a few bits plus a sticky bit.
        long x = lsbExponent(a) >= lsbExponent(b) ? a : b;
        long y = x == a ? b : a;
        long mx = significand(x);
        long my = significand(y);
        int gap = lsbExponent(x) - lsbExponent(y);
        long sx;
        long sy;
        int q;
        boolean sticky = false;
        if (gap <= 9) {
            sx = mx << gap;
            sy = my;
            q = lsbExponent(y);
        } else {
            sx = mx << 9;
            q = lsbExponent(x) - 9;
            int s = gap - 9;
            if (s >= 63) {
                sy = 0;
                sticky = true;
            } else {
                sy = my >>> s;
                sticky = (my & ((1L << s) - 1)) != 0;
            }
        }
        boolean negX = isNegative(x);
        boolean negY = isNegative(y);
        long sig;
        boolean neg;
        if (negX == negY) {
            sig = sx + sy;
            neg = negX;
        } else if (sticky) {
            // X − (Y' + δ) = (X − Y' − 1) + (1 − δ): still strictly inside one unit.
            sig = sx - sy - 1;
            neg = negX;
        } else if (sx >= sy) {
            sig = sx - sy;
            neg = negX;
        } else {
            sig = sy - sx;
            neg = negY;
        }
        if (sig == 0) {
            return exact(cpu, zeroSum(negX, negY, mode), f);
        }
        return round(cpu, neg, sig, q, sticky, f, mode);
    }

    // ---- Multiply ---------------------------------------------------------------------------

    /** fmul/fmuls: frA × frC. */
    public static long multiply(Cpu cpu, long frt, long fra, long frc, boolean single) {
        Format f = single ? Format.SINGLE : Format.DOUBLE;
        if (isNaN(fra) || isNaN(frc)) {
            return nanOperand(cpu, frt, f, fra, 0, frc, 0);
        }
        boolean neg = (fra ^ frc) < 0;
        boolean inf = isInfinite(fra) || isInfinite(frc);
        if (inf) {
            if (isZero(fra) || isZero(frc)) {
                return invalid(cpu, frt, VXIMZ);
            }
            return exact(cpu, neg ? INFINITY | SIGN : INFINITY, f);
        }
        if (isZero(fra) || isZero(frc)) {
            return exact(cpu, neg ? SIGN : 0, f);
        }
        int mode = roundingMode(cpu);
        double x = Double.longBitsToDouble(fra);
        double y = Double.longBitsToDouble(frc);
        double p = x * y;
        // Above 2^-960 the product's error (a multiple of ulp(x)·ulp(y) ≥ |p|·2^-106) is a
        // representable double, so the fma computes it exactly.
        if (inSafeRange(p) && Math.abs(p) >= 0x1p-960) {
            return finish(cpu, p, signum(Math.fma(x, y, -p)), f, mode);
        }
        long ma = significand(fra);
        long mc = significand(frc);
        return round128(
                cpu, neg, Math.multiplyHigh(ma, mc), ma * mc, lsbExponent(fra) + lsbExponent(frc), false, f, mode);
    }

    // ---- Divide -----------------------------------------------------------------------------

    /** fdiv/fdivs: frA ÷ frB. */
    public static long divide(Cpu cpu, long frt, long fra, long frb, boolean single) {
        Format f = single ? Format.SINGLE : Format.DOUBLE;
        if (isNaN(fra) || isNaN(frb)) {
            return nanOperand(cpu, frt, f, fra, frb, 0, 0);
        }
        boolean neg = (fra ^ frb) < 0;
        boolean infA = isInfinite(fra);
        boolean infB = isInfinite(frb);
        if (infA && infB) {
            return invalid(cpu, frt, VXIDI);
        }
        if (isZero(frb)) {
            if (isZero(fra)) {
                return invalid(cpu, frt, VXZDZ);
            }
            if (!infA) {
                return zeroDivide(cpu, frt, neg, f);
            }
        }
        if (infA) {
            return exact(cpu, neg ? INFINITY | SIGN : INFINITY, f);
        }
        if (infB || isZero(fra)) {
            return exact(cpu, neg ? SIGN : 0, f);
        }
        int mode = roundingMode(cpu);
        double x = Double.longBitsToDouble(fra);
        double y = Double.longBitsToDouble(frb);
        double qt = x / y;
        // x − qt·y is exact in one fma when x is not tiny; its sign, times y's, is the sign of
        // the quotient's error.
        if (inSafeRange(qt) && Math.abs(x) >= 0x1p-960) {
            double rem = Math.fma(-qt, y, x);
            return finish(cpu, qt, signum(rem) * signum(y), f, mode);
        }
        return divideExact(cpu, fra, frb, neg, f, mode);
    }

    private static long divideExact(Cpu cpu, long a, long b, boolean neg, Format f, int mode) {
        long ma = significand(a);
        long mb = significand(b);
        int qa = lsbExponent(a);
        int qb = lsbExponent(b);
        // Normalize both significands to 53 bits so the quotient has a known width.
        int na = Long.numberOfLeadingZeros(ma) - 11;
        int nb = Long.numberOfLeadingZeros(mb) - 11;
        ma <<= na;
        qa -= na;
        mb <<= nb;
        qb -= nb;
        // Long division, ten quotient bits a step: 60 bits of ma/mb ∈ (1/2, 2), plus remainder.
        long quotient = 0;
        long remainder = ma;
        for (int i = 0; i < 6; i++) {
            remainder <<= 10;
            quotient = (quotient << 10) | (remainder / mb);
            remainder %= mb;
        }
        return round(cpu, neg, quotient, qa - qb - 60, remainder != 0, f, mode);
    }

    // ---- Square root ------------------------------------------------------------------------

    /** fsqrt/fsqrts: √frB. */
    public static long squareRoot(Cpu cpu, long frt, long frb, boolean single) {
        Format f = single ? Format.SINGLE : Format.DOUBLE;
        if (isNaN(frb)) {
            return nanOperand(cpu, frt, f, 0, frb, 0, 0);
        }
        if (isZero(frb)) {
            return exact(cpu, frb, f); // √−0 = −0
        }
        if (isNegative(frb)) {
            return invalid(cpu, frt, VXSQRT);
        }
        if (isInfinite(frb)) {
            return exact(cpu, frb, f);
        }
        int mode = roundingMode(cpu);
        double x = Double.longBitsToDouble(frb);
        // Scale tiny operands by an even power of two so the remainder below stays exact;
        // the root scales back exactly since it is a normal double either way.
        int scale = x < 0x1p-900 ? 600 : 0;
        double xs = Math.scalb(x, scale);
        double r = Math.sqrt(xs);
        double rem = Math.fma(-r, r, xs);
        return finish(cpu, Math.scalb(r, -scale / 2), signum(rem), f, mode);
    }

    // ---- Fused multiply-add family ----------------------------------------------------------

    /**
     * fmadd, fmsub, fnmadd, fnmsub and their single forms: ±((frA × frC) ± frB) with a single
     * rounding. {@code subtract} negates frB, {@code negate} the rounded result. A NaN result is
     * never negated (Book I: QNaNs propagate with their sign; a generated QNaN is positive).
     */
    public static long multiplyAdd(
            Cpu cpu, long frt, long fra, long frc, long frb, boolean subtract, boolean negate, boolean single) {
        Format f = single ? Format.SINGLE : Format.DOUBLE;
        boolean infinityTimesZero = (isInfinite(fra) && isZero(frc)) || (isZero(fra) && isInfinite(frc));
        if (isNaN(fra) || isNaN(frb) || isNaN(frc)) {
            // 0 × ∞ is an invalid operation whatever the addend (what qemu-ppc reports too).
            return nanOperand(cpu, frt, f, fra, frb, frc, infinityTimesZero ? VXIMZ : 0);
        }
        if (infinityTimesZero) {
            return invalid(cpu, frt, VXIMZ);
        }
        long b = subtract ? frb ^ SIGN : frb;
        boolean productNeg = (fra ^ frc) < 0;
        int mode = roundingMode(cpu);
        // Negating after rounding is rounding the negated value with the directed modes swapped.
        int effectiveMode = !negate ? mode : mode == ROUND_UP ? ROUND_DOWN : mode == ROUND_DOWN ? ROUND_UP : mode;
        long flip = negate ? SIGN : 0;
        if (isInfinite(fra) || isInfinite(frc)) {
            if (isInfinite(b) && (b < 0) != productNeg) {
                return invalid(cpu, frt, VXISI);
            }
            return exact(cpu, (productNeg ? INFINITY | SIGN : INFINITY) ^ flip, f);
        }
        if (isInfinite(b)) {
            return exact(cpu, b ^ flip, f);
        }
        boolean productZero = isZero(fra) || isZero(frc);
        if (productZero) {
            if (isZero(b)) {
                return exact(cpu, zeroSum(productNeg, b < 0, mode) ^ flip, f);
            }
            return roundValue(cpu, b ^ flip, f, effectiveMode);
        }
        long ma = significand(fra);
        long mc = significand(frc);
        long pHi = Math.multiplyHigh(ma, mc);
        long pLo = ma * mc;
        int qp = lsbExponent(fra) + lsbExponent(frc);
        if (isZero(b)) {
            return round128(cpu, productNeg != negate, pHi, pLo, qp, false, f, effectiveMode);
        }
        return fusedSum(cpu, pHi, pLo, qp, productNeg, b, negate, f, mode, effectiveMode);
    }

    /**
     * The exact sum of the product P = pHi:pLo × 2^qp and the nonzero finite b, rounded once.
     * Both are placed in a 128-bit frame whose bit 125 holds the larger operand's top bit; only
     * the smaller one can lose bits off the bottom, and then it is at least 2^19 times smaller,
     * so no cancellation can bring the lost bits near the round bit.
     */
    private static long fusedSum(
            Cpu cpu,
            long pHi,
            long pLo,
            int qp,
            boolean productNeg,
            long b,
            boolean negate,
            Format f,
            int mode,
            int effectiveMode) {
        long mb = significand(b);
        int qb = lsbExponent(b);
        boolean bNeg = b < 0;
        int topP = qp + bitLength(pHi, pLo);
        int topB = qb + 64 - Long.numberOfLeadingZeros(mb);
        int frame = Math.max(topP, topB) - 126;

        // Place P.
        long xHi;
        long xLo;
        boolean xSticky;
        int sp = qp - frame;
        if (sp >= 0) {
            xHi = sp == 0 ? pHi : sp < 64 ? (pHi << sp) | (pLo >>> (64 - sp)) : pLo << (sp - 64);
            xLo = sp < 64 ? pLo << sp : 0;
            xSticky = false;
        } else {
            int r = -sp;
            if (r >= 128) {
                xHi = 0;
                xLo = 0;
                xSticky = true;
            } else if (r >= 64) {
                xLo = pHi >>> (r - 64);
                xHi = 0;
                xSticky = pLo != 0 || (r > 64 && (pHi & ((1L << (r - 64)) - 1)) != 0);
            } else {
                xLo = (pLo >>> r) | (pHi << (64 - r));
                xHi = pHi >>> r;
                xSticky = (pLo & ((1L << r) - 1)) != 0;
            }
        }
        // Place b.
        long yHi;
        long yLo;
        boolean ySticky;
        int sb = qb - frame;
        if (sb >= 0) {
            yHi = sb == 0 ? 0 : sb < 64 ? mb >>> (64 - sb) : mb << (sb - 64);
            yLo = sb < 64 ? mb << sb : 0;
            ySticky = false;
        } else {
            int r = -sb;
            yHi = 0;
            yLo = r >= 64 ? 0 : mb >>> r;
            ySticky = r >= 64 || (mb & ((1L << r) - 1)) != 0;
        }

        long rHi;
        long rLo;
        boolean neg;
        boolean sticky = xSticky || ySticky;
        if (productNeg == bNeg) {
            rLo = xLo + yLo;
            rHi = xHi + yHi + (Long.compareUnsigned(rLo, xLo) < 0 ? 1 : 0);
            neg = productNeg;
        } else {
            // Subtract the smaller magnitude from the larger; the one with sticky bits (if any)
            // is the smaller, and borrowing one unit keeps the difference strictly inside.
            boolean xLarger = ySticky || (!xSticky && compare128(xHi, xLo, yHi, yLo) >= 0);
            long aHi = xLarger ? xHi : yHi;
            long aLo = xLarger ? xLo : yLo;
            long bHi = xLarger ? yHi : xHi;
            long bLo = xLarger ? yLo : xLo;
            if (sticky) {
                bLo++;
                if (bLo == 0) {
                    bHi++;
                }
            }
            rLo = aLo - bLo;
            rHi = aHi - bHi - (Long.compareUnsigned(aLo, bLo) < 0 ? 1 : 0);
            neg = xLarger ? productNeg : bNeg;
        }
        if (rHi == 0 && rLo == 0 && !sticky) {
            return exact(cpu, zeroSum(productNeg, bNeg, mode) ^ (negate ? SIGN : 0), f);
        }
        return round128(cpu, neg != negate, rHi, rLo, frame, sticky, f, effectiveMode);
    }

    private static int compare128(long aHi, long aLo, long bHi, long bLo) {
        int c = Long.compareUnsigned(aHi, bHi);
        return c != 0 ? c : Long.compareUnsigned(aLo, bLo);
    }

    // ---- Round to single precision ----------------------------------------------------------

    /** frsp: frB rounded to single precision (Book I appendix A.1). */
    public static long roundToSingle(Cpu cpu, long frt, long frb) {
        if (isNaN(frb)) {
            return nanOperand(cpu, frt, Format.SINGLE, 0, frb, 0, 0);
        }
        if (isZero(frb) || isInfinite(frb)) {
            return exact(cpu, frb, Format.SINGLE);
        }
        return roundValue(cpu, frb, Format.SINGLE, roundingMode(cpu));
    }

    // ---- Estimates --------------------------------------------------------------------------

    /**
     * fres. The ISA asks for an estimate within 1/256 (FR, FI and XX undefined); e500mc hardware
     * delivers such an estimate. ppcvm follows qemu-ppc instead, which divides: 1 ÷ frB rounded
     * once to single precision in the current mode, with the flags of that division (±0 gives
     * ±infinity and ZX, as the ISA says; qemu-ppc 7.2 gives ±0.5 there).
     */
    public static long reciprocalEstimate(Cpu cpu, long frt, long frb) {
        return divide(cpu, frt, ONE, frb, true);
    }

    /**
     * frsqrte. The ISA asks for an estimate within 1/32 (FR, FI and XX undefined); ppcvm follows
     * qemu-ppc, which computes 1 ÷ √frB with two double roundings in the current mode, FI and XX
     * from either.
     */
    public static long reciprocalSquareRootEstimate(Cpu cpu, long frt, long frb) {
        if (isNaN(frb)) {
            return nanOperand(cpu, frt, Format.DOUBLE, 0, frb, 0, 0);
        }
        if (isZero(frb)) {
            return zeroDivide(cpu, frt, isNegative(frb), Format.DOUBLE);
        }
        if (isNegative(frb)) {
            return invalid(cpu, frt, VXSQRT);
        }
        if (isInfinite(frb)) {
            return exact(cpu, 0, Format.DOUBLE);
        }
        long root = squareRoot(cpu, frt, frb, false);
        boolean inexact = (cpu.fpscr & FI) != 0;
        long r = divide(cpu, frt, ONE, root, false);
        if (inexact) {
            cpu.fpscr |= FI;
        }
        return r;
    }

    // ---- Conversions ------------------------------------------------------------------------

    /**
     * fctiw, fctiwz, fctid, fctidz (Book I appendix A.2): frB converted to a signed 32- or 64-bit
     * integer in rounding mode {@code mode}. NaNs, infinities and values out of range give
     * VXCVI (and VXSNAN for an SNaN) with FR = FI = 0, and deliver the saturated integer (the
     * most negative one for a NaN) unless VE=1. FPRF is undefined: like qemu-ppc, ppcvm leaves it
     * unchanged on success and sets the QNaN class when delivering an invalid-conversion result.
     * The upper word of a 32-bit result is undefined too: ppcvm sign-extends the word, except
     * that a NaN gives 0x0000_0000_8000_0000 (both as qemu-ppc).
     */
    public static long convertToInteger(Cpu cpu, long frt, long frb, int mode, boolean word) {
        long max = word ? Integer.MAX_VALUE : Long.MAX_VALUE;
        long min = word ? Integer.MIN_VALUE : Long.MIN_VALUE;
        if (isNaN(frb)) {
            long nanResult = word ? 0x8000_0000L : Long.MIN_VALUE;
            return invalidConversion(cpu, frt, VXCVI | (isSignaling(frb) ? VXSNAN : 0), nanResult);
        }
        boolean neg = isNegative(frb);
        if (isInfinite(frb)) {
            return invalidConversion(cpu, frt, VXCVI, neg ? min : max);
        }
        long m = significand(frb);
        int q = lsbExponent(frb);
        long magnitude; // unsigned
        boolean half = false;
        boolean below = false;
        if (q >= 0) {
            if (q > 11) {
                return invalidConversion(cpu, frt, VXCVI, neg ? min : max); // at least 2^64
            }
            magnitude = m << q;
        } else if (q > -64) {
            int s = -q;
            magnitude = m >>> s;
            long halfBit = 1L << (s - 1);
            half = (m & halfBit) != 0;
            below = (m & (halfBit - 1)) != 0;
        } else {
            magnitude = 0;
            below = m != 0;
        }
        boolean inexact = half || below;
        boolean increment = switch (mode) {
            case ROUND_NEAREST -> half && (below || (magnitude & 1) != 0);
            case ROUND_ZERO -> false;
            case ROUND_UP -> inexact && !neg;
            default -> inexact && neg;
        };
        if (increment) {
            magnitude++;
        }
        // -min is 2^31, or 2^63 as an unsigned long.
        boolean fits = Long.compareUnsigned(magnitude, neg ? -min : max) <= 0;
        if (!fits) {
            return invalidConversion(cpu, frt, VXCVI, neg ? min : max);
        }
        long value = neg ? -magnitude : magnitude;
        int s = cpu.fpscr & ~(FR | FI);
        if (inexact) {
            s |= FI | (increment ? FR : 0);
        }
        cpu.fpscr = Fpscr.raise(s, inexact ? XX : 0);
        return value;
    }

    private static long invalidConversion(Cpu cpu, long frt, int vxBits, long result) {
        int s = cpu.fpscr & ~(FR | FI);
        if ((s & VE) != 0) {
            cpu.fpscr = Fpscr.raise(s, vxBits);
            return frt;
        }
        cpu.fpscr = Fpscr.raise((s & ~FPRF) | (CLASS_QNAN << FPRF_SHIFT), vxBits);
        return result;
    }

    /** fcfid: the signed 64-bit integer in frB converted to double in the current mode. */
    public static long convertFromInteger(Cpu cpu, long frb) {
        if (frb == 0) {
            return exact(cpu, 0, Format.DOUBLE);
        }
        boolean neg = frb < 0;
        long magnitude = neg ? -frb : frb;
        if (magnitude == Long.MIN_VALUE) {
            return round(cpu, true, 1L << 62, 1, false, Format.DOUBLE, roundingMode(cpu));
        }
        return round(cpu, neg, magnitude, 0, false, Format.DOUBLE, roundingMode(cpu));
    }

    /**
     * frin, friz, frip, frim: frB rounded to an integral value, to nearest with ties away from
     * zero (frin), toward zero, toward +infinity or toward -infinity. FR and FI are cleared and XX
     * is never set; the sign of a zero result is frB's.
     */
    public static long roundToIntegral(Cpu cpu, long frt, long frb, RoundToIntegral how) {
        if (isNaN(frb)) {
            return nanOperand(cpu, frt, Format.DOUBLE, 0, frb, 0, 0);
        }
        long result = frb;
        int q = lsbExponent(frb);
        if (!isInfinite(frb) && !isZero(frb) && q < 0) {
            boolean neg = isNegative(frb);
            long m = significand(frb);
            long magnitude;
            boolean half;
            boolean below;
            if (q > -64) {
                int s = -q;
                magnitude = m >>> s;
                long halfBit = 1L << (s - 1);
                half = (m & halfBit) != 0;
                below = (m & (halfBit - 1)) != 0;
            } else {
                magnitude = 0;
                half = false;
                below = true;
            }
            boolean inexact = half || below;
            boolean increment = switch (how) {
                case NEAREST_AWAY -> half;
                case TOWARD_ZERO -> false;
                case UP -> inexact && !neg;
                case DOWN -> inexact && neg;
            };
            if (increment) {
                magnitude++;
            }
            // The magnitude is below 2^52, so the conversion to double is exact.
            long bits = Double.doubleToRawLongBits((double) magnitude);
            result = neg ? bits | SIGN : bits;
        }
        int s = cpu.fpscr & ~(FR | FI | FPRF);
        cpu.fpscr = Fpscr.raise(s | (classOf(result, Format.DOUBLE) << FPRF_SHIFT), 0);
        return result;
    }

    /** The rounding of frin, friz, frip and frim. */
    public enum RoundToIntegral {
        NEAREST_AWAY,
        TOWARD_ZERO,
        UP,
        DOWN
    }

    // ---- Compare and select -----------------------------------------------------------------

    /**
     * fcmpu and fcmpo: returns the 4-bit result (FL FG FE FU) for the CR field and sets FPSCR
     * FPCC to it (C, FR and FI are unchanged). An SNaN operand raises VXSNAN; an ordered compare
     * also raises VXVC for a QNaN operand, or for an SNaN when VE=0 (Book I 4.6.8).
     */
    public static int compare(Cpu cpu, long fra, long frb, boolean ordered) {
        int c;
        int exceptions = 0;
        if (isNaN(fra) || isNaN(frb)) {
            c = 0b0001;
            if (isSignaling(fra) || isSignaling(frb)) {
                exceptions = VXSNAN;
                if (ordered && (cpu.fpscr & VE) == 0) {
                    exceptions |= VXVC;
                }
            } else if (ordered) {
                exceptions = VXVC;
            }
        } else {
            double x = Double.longBitsToDouble(fra);
            double y = Double.longBitsToDouble(frb);
            c = x < y ? 0b1000 : x > y ? 0b0100 : 0b0010;
        }
        int s = (cpu.fpscr & ~FPCC) | (c << FPRF_SHIFT);
        cpu.fpscr = Fpscr.raise(s, exceptions);
        return c;
    }

    /** fsel: frC when frA ≥ 0 (either zero included, NaN excluded), else frB. */
    public static long select(long fra, long frc, long frb) {
        boolean nonNegative = !isNaN(fra) && (fra >= 0 || isZero(fra));
        return nonNegative ? frc : frb;
    }

    // ---- Load and store conversions ---------------------------------------------------------

    /**
     * The load-single conversion (Book I 4.6.2): an exact widening that keeps NaN payloads
     * (signaling NaNs stay signaling) and normalizes denormals; it raises nothing.
     */
    public static long singleToDouble(int word) {
        long sign = (word & 0x8000_0000L) << 32;
        int exp = (word >>> 23) & 0xFF;
        long frac = word & 0x7F_FFFFL;
        if (exp == 0xFF) {
            return sign | INFINITY | (frac << 29);
        }
        if (exp != 0) {
            return sign | ((long) (exp - 127 + 1023) << 52) | (frac << 29);
        }
        if (frac == 0) {
            return sign;
        }
        int msb = 63 - Long.numberOfLeadingZeros(frac); // value = frac × 2^-149
        int e = msb - 149;
        return sign | ((long) (e + 1023) << 52) | ((frac << (52 - msb)) & FRACTION);
    }

    /**
     * The store-single conversion (Book I 4.6.3): no rounding. Exponents in the single range
     * (and zeros, infinities, NaNs) keep the top 23 fraction bits; smaller values are shifted
     * into a single denormal, truncating; values out of range keep the bits the ISA's
     * algorithm selects (the result is undefined there).
     */
    public static int doubleToSingle(long frs) {
        int exp = (int) (frs >>> 52) & 0x7FF;
        int sign = (int) (frs >>> 32) & 0x8000_0000;
        if (exp > 896 || (frs & ~SIGN) == 0) {
            // WORD[0:1] = FRS[0:1], WORD[2:31] = FRS[5:34]
            int top = (int) (frs >>> 62) << 30;
            int rest = (int) (frs >>> 29) & 0x3FFF_FFFF;
            return top | rest;
        }
        if (exp >= 874) {
            long frac = (frs & FRACTION) | IMPLICIT;
            int shift = 897 - exp; // 1 at exponent -127 ... 23 at exponent -149
            return sign | (int) ((frac >>> (29 + shift)) & 0x7F_FFFF);
        }
        return sign;
    }

    // ---- Exact paths, exposed to the tests that check the fast paths against them ------

    /** Exposed for tests: the exact-path quotient, independent of the fast path. */
    static long divideExactForTest(Cpu cpu, long fra, long frb, boolean single) {
        return divideExact(cpu, fra, frb, (fra ^ frb) < 0, single ? Format.SINGLE : Format.DOUBLE, roundingMode(cpu));
    }

    /** Exposed for tests: the exact-path sum, independent of the fast path. */
    static long addExactForTest(Cpu cpu, long fra, long frb, boolean single) {
        return addExact(cpu, fra, frb, single ? Format.SINGLE : Format.DOUBLE, roundingMode(cpu));
    }

    /** Exposed for tests: the exact-path product, independent of the fast path. */
    static long multiplyExactForTest(Cpu cpu, long fra, long frc, boolean single) {
        long ma = significand(fra);
        long mc = significand(frc);
        return round128(
                cpu,
                (fra ^ frc) < 0,
                Math.multiplyHigh(ma, mc),
                ma * mc,
                lsbExponent(fra) + lsbExponent(frc),
                false,
                single ? Format.SINGLE : Format.DOUBLE,
                roundingMode(cpu));
    }

    /** Exposed for tests: the exact square root through BigInteger, independent of the fast path. */
    static long squareRootExactForTest(Cpu cpu, long frb, boolean single) {
        long m = significand(frb);
        int q = lsbExponent(frb);
        // Scale the radicand to about 120 bits, by an amount that leaves an even exponent, so the
        // integer root has about 60.
        int s = 120 - (64 - Long.numberOfLeadingZeros(m));
        if (((q - s) & 1) != 0) {
            s++;
        }
        BigInteger radicand = BigInteger.valueOf(m).shiftLeft(s);
        BigInteger root = radicand.sqrt();
        boolean sticky = !root.multiply(root).equals(radicand);
        return round(
                cpu,
                false,
                root.longValueExact(),
                (q - s) / 2,
                sticky,
                single ? Format.SINGLE : Format.DOUBLE,
                roundingMode(cpu));
    }
}
