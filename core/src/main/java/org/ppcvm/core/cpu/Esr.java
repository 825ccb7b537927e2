package org.ppcvm.core.cpu;

/** Exception Syndrome Register bits (Book E), which say why a Program or storage interrupt happened. */
public final class Esr {
    private Esr() {}

    /** Illegal instruction. */
    public static final int PIL = 0x0800_0000;
    /** Privileged instruction. */
    public static final int PPR = 0x0400_0000;
    /** Trap. */
    public static final int PTR = 0x0200_0000;
    /** Floating-point enabled exception. */
    public static final int FP = 0x0100_0000;
    /** The access was a store. */
    public static final int ST = 0x0080_0000;
    /** Unimplemented operation. */
    public static final int PUO = 0x0004_0000;
}
