package org.ppcvm.isa;

/** Bit flags of an {@link Op} row. */
public final class Flag {
    private Flag() {}

    /** Bit 31 is Rc: the "." form records a comparison in CR0 (or CR1 for FP). */
    public static final int RC = 1;
    /** Bit 21 is OE: the "o" form sets XER[OV] and XER[SO]. */
    public static final int OE = 1 << 1;
    /** Bit 31 is LK: the "l" form sets LR. */
    public static final int LK = 1 << 2;
    /** Bit 30 is AA: the "a" form uses an absolute target. */
    public static final int AA = 1 << 3;
    /** Reads guest memory. */
    public static final int LOAD = 1 << 4;
    /** Writes guest memory. */
    public static final int STORE = 1 << 5;
    /** May change the flow of control (branches, sc, traps, rfi...): ends a translated block. */
    public static final int ENDS_BLOCK = 1 << 6;
    /** Privileged: a Program interrupt (PPR) in user mode. */
    public static final int PRIVILEGED = 1 << 7;
    /** Uses the floating-point unit: an FP Unavailable interrupt when MSR[FP] is 0. */
    public static final int FP = 1 << 8;
    /** Sets XER[CA]. */
    public static final int SETS_CA = 1 << 9;
    /**
     * Disassembles but never executes (AltiVec, VSX, TM words that glibc carries for CPUs we do
     * not announce): executing it raises an illegal-instruction Program interrupt.
     */
    public static final int DISPLAY_ONLY = 1 << 10;
    /**
     * A load or store with update: RA receives the effective address. RA = 0, and for integer loads
     * RA = RT, are invalid forms that no row matches.
     */
    public static final int UPDATE = 1 << 11;
}
