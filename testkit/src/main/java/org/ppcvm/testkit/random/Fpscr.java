package org.ppcvm.testkit.random;

/**
 * FPSCR bits by their Power ISA names, numbered MSB-0 within the 32-bit FPSCR as in the
 * 32-bit manuals (bit {@code n} has the value {@code 1 << (31 - n)}).
 */
final class Fpscr {
    private Fpscr() {}

    static final int FX = 0;
    static final int FEX = 1;
    static final int VX = 2;
    static final int OX = 3;
    static final int UX = 4;
    static final int ZX = 5;
    static final int XX = 6;
    static final int VXSNAN = 7;
    static final int VXISI = 8;
    static final int VXIDI = 9;
    static final int VXZDZ = 10;
    static final int VXIMZ = 11;
    static final int VXVC = 12;
    static final int FR = 13;
    static final int FI = 14;
    /** The class bit of FPRF; FPRF is bits 15-19, FPCC bits 16-19. */
    static final int C = 15;

    static final int RESERVED_20 = 20;
    static final int VXSOFT = 21;
    static final int VXSQRT = 22;
    static final int VXCVI = 23;
    /** VE, OE, UE, ZE, XE: the enables, bits 24-28; NI is 29; RN is 30-31. */
    static final int VE = 24;

    static final int NI = 29;

    static int mask(int bit) {
        return 1 << (31 - bit);
    }

    /** The invalid-operation exception bits that VX summarises. */
    static final int VX_BITS = mask(VXSNAN)
            | mask(VXISI)
            | mask(VXIDI)
            | mask(VXZDZ)
            | mask(VXIMZ)
            | mask(VXVC)
            | mask(VXSOFT)
            | mask(VXSQRT)
            | mask(VXCVI);

    /** Every exception bit (those whose 0-to-1 change sets FX). */
    static final int EXCEPTION_BITS = mask(OX) | mask(UX) | mask(ZX) | mask(XX) | VX_BITS;

    /** The enables VE, OE, UE, ZE, XE and the non-IEEE mode bit NI, which blocks never set. */
    static final int ENABLES_AND_NI = 0xFC;

    /** Whether {@code bit} is an exception bit. */
    static boolean isExceptionBit(int bit) {
        return (EXCEPTION_BITS & mask(bit)) != 0;
    }

    /** The FPSCR after {@code mtfsf 0xff} of {@code value}: FEX and VX are computed, not copied. */
    static int asLoaded(int value) {
        int v = value & ~(mask(FEX) | mask(VX));
        if ((v & VX_BITS) != 0) {
            v |= mask(VX);
        }
        int enabled = (v >>> 3) & 0x1F; // VE OE UE ZE XE
        // Exceptions are never enabled in generated programs, so FEX stays 0; computed anyway.
        int raised = ((v & mask(VX)) != 0 ? 0x10 : 0)
                | ((v & mask(OX)) != 0 ? 0x08 : 0)
                | ((v & mask(UX)) != 0 ? 0x04 : 0)
                | ((v & mask(ZX)) != 0 ? 0x02 : 0)
                | ((v & mask(XX)) != 0 ? 0x01 : 0);
        if ((enabled & raised) != 0) {
            v |= mask(FEX);
        }
        return v;
    }
}
