package org.ppcvm.api;

/** The 32-bit registers a {@link Machine} reads and writes by name (FPRs have their own calls). */
public enum Register {
    R0,
    R1,
    R2,
    R3,
    R4,
    R5,
    R6,
    R7,
    R8,
    R9,
    R10,
    R11,
    R12,
    R13,
    R14,
    R15,
    R16,
    R17,
    R18,
    R19,
    R20,
    R21,
    R22,
    R23,
    R24,
    R25,
    R26,
    R27,
    R28,
    R29,
    R30,
    R31,
    PC,
    MSR,
    CR,
    LR,
    CTR,
    XER,
    FPSCR;

    /** The general-purpose register {@code n} (0-31). */
    public static Register gpr(int n) {
        if (n < 0 || n > 31) {
            throw new IllegalArgumentException("no GPR " + n);
        }
        return values()[n];
    }
}
