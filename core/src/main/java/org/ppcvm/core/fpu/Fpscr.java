package org.ppcvm.core.fpu;

/**
 * The Floating-Point Status and Control Register, by the Power ISA's names (Book I 4.2.2). ISA
 * bit {@code n} of the 32-bit FPSCR is the mask {@code 0x8000_0000 >>> n}.
 *
 * <p>Three kinds of bit: the sticky exception bits (set by instructions, cleared only by the
 * mtfs and mcrfs instructions), the summaries FX, FEX and VX (FEX and VX are always recomputed
 * from the others, never set directly), and the per-result status FR, FI and FPRF, which every
 * arithmetic instruction rewrites.
 */
public final class Fpscr {
    private Fpscr() {}

    /** Floating-Point Exception Summary: set when an instruction turns an exception bit on. */
    public static final int FX = 0x8000_0000;
    /** Floating-Point Enabled Exception Summary: an exception bit is set and enabled. */
    public static final int FEX = 0x4000_0000;
    /** Invalid Operation Exception Summary: the OR of the VX* bits. */
    public static final int VX = 0x2000_0000;

    public static final int OX = 0x1000_0000;
    public static final int UX = 0x0800_0000;
    public static final int ZX = 0x0400_0000;
    public static final int XX = 0x0200_0000;
    public static final int VXSNAN = 0x0100_0000;
    /** Invalid: infinity minus infinity. */
    public static final int VXISI = 0x0080_0000;
    /** Invalid: infinity divided by infinity. */
    public static final int VXIDI = 0x0040_0000;
    /** Invalid: zero divided by zero. */
    public static final int VXZDZ = 0x0020_0000;
    /** Invalid: infinity times zero. */
    public static final int VXIMZ = 0x0010_0000;
    /** Invalid compare. */
    public static final int VXVC = 0x0008_0000;
    /** Fraction Rounded: the last rounding incremented the fraction (the magnitude grew). */
    public static final int FR = 0x0004_0000;
    /** Fraction Inexact: the last rounding lost bits (or overflowed with OE=0). */
    public static final int FI = 0x0002_0000;
    /** Floating-Point Result Flags, bits 15-19: C and the four FPCC bits. */
    public static final int FPRF = 0x0001_F000;
    /** The Floating-Point Condition Code, bits 16-19 (FL FG FE FU). */
    public static final int FPCC = 0x0000_F000;

    public static final int FPRF_SHIFT = 12;
    /** Bit 20 is reserved: it reads as zero and the mtfs instructions cannot set it. */
    public static final int RESERVED = 0x0000_0800;

    public static final int VXSOFT = 0x0000_0400;
    public static final int VXSQRT = 0x0000_0200;
    /** Invalid integer convert. */
    public static final int VXCVI = 0x0000_0100;
    /** Exception enables. */
    public static final int VE = 0x0000_0080;

    public static final int OE = 0x0000_0040;
    public static final int UE = 0x0000_0020;
    public static final int ZE = 0x0000_0010;
    public static final int XE = 0x0000_0008;
    /** Non-IEEE mode (implementation-dependent; ppcvm computes IEEE results regardless). */
    public static final int NI = 0x0000_0004;
    /** Rounding control: 0 nearest, 1 toward zero, 2 toward +infinity, 3 toward -infinity. */
    public static final int RN = 0x0000_0003;

    public static final int ROUND_NEAREST = 0;
    public static final int ROUND_ZERO = 1;
    public static final int ROUND_UP = 2;
    public static final int ROUND_DOWN = 3;

    /** The invalid-operation exception bits that VX summarises. */
    public static final int VX_BITS = VXSNAN | VXISI | VXIDI | VXZDZ | VXIMZ | VXVC | VXSOFT | VXSQRT | VXCVI;

    /** Every sticky exception bit: turning one of them on sets FX. */
    public static final int EXCEPTION_BITS = OX | UX | ZX | XX | VX_BITS;

    /** FPRF values (C FL FG FE FU), Book I figure "Floating-Point Result Flags". */
    public static final int CLASS_QNAN = 0b10001;

    public static final int CLASS_NEGATIVE_INFINITY = 0b01001;
    public static final int CLASS_NEGATIVE_NORMAL = 0b01000;
    public static final int CLASS_NEGATIVE_DENORMAL = 0b11000;
    public static final int CLASS_NEGATIVE_ZERO = 0b10010;
    public static final int CLASS_POSITIVE_ZERO = 0b00010;
    public static final int CLASS_POSITIVE_DENORMAL = 0b10100;
    public static final int CLASS_POSITIVE_NORMAL = 0b00100;
    public static final int CLASS_POSITIVE_INFINITY = 0b00101;

    /** Recomputes the summaries VX and FEX from the exception and enable bits. */
    public static int summarize(int fpscr) {
        int vx = (fpscr & VX_BITS) != 0 ? VX : 0;
        int s = (fpscr & ~(VX | FEX)) | vx;
        // OX..XX sit 22 bits above OE..XE, so one shift lines every exception up with its enable.
        boolean enabled = (((s >>> 22) & s & (OE | UE | ZE | XE)) != 0) || (vx != 0 && (s & VE) != 0);
        return enabled ? s | FEX : s;
    }

    /**
     * Sets the exception bits {@code exceptions}; FX too when one of them was off (Book I 4.2.2:
     * FX records an exception bit changing from 0 to 1, not one that was already set).
     */
    public static int raise(int fpscr, int exceptions) {
        int fresh = exceptions & ~fpscr & EXCEPTION_BITS;
        int s = fpscr | exceptions | (fresh != 0 ? FX : 0);
        return summarize(s);
    }

    /** The FPRF field of {@code fpscr}. */
    public static int fprf(int fpscr) {
        return (fpscr & FPRF) >>> FPRF_SHIFT;
    }

    /** CR1 of a recording (Rc=1) floating-point instruction: FX, FEX, VX and OX. */
    public static int cr1(int fpscr) {
        return fpscr >>> 28;
    }
}
