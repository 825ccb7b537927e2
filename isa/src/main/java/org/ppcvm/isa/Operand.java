package org.ppcvm.isa;

/** An operand as the disassembler prints it, in the order of the assembler syntax. */
public enum Operand {
    /** General-purpose register in bits 6-10 (RT or RS). */
    RT,
    /** General-purpose register in bits 11-15. */
    RA,
    /** RA where 0 means the value zero, not r0 (printed as "0" for r0 by objdump when alone). */
    RA0,
    /** General-purpose register in bits 16-20. */
    RB,
    /** Signed 16-bit immediate. */
    SI,
    /** Unsigned 16-bit immediate. */
    UI,
    /** D(RA) displacement addressing. */
    D_RA,
    /** Branch target, relative or absolute per AA, 24-bit field. */
    LI,
    /** Branch target, relative or absolute per AA, 14-bit field. */
    BD,
    BO,
    BI,
    /** CR field in bits 6-8. */
    BF,
    /** CR field in bits 11-13. */
    BFA,
    /** L bit of compares. */
    L,
    /** Shift amount SH in bits 16-20. */
    SH,
    MB,
    ME,
    /** Floating-point register in bits 6-10. */
    FRT,
    /** Floating-point register in bits 11-15. */
    FRA,
    /** Floating-point register in bits 16-20. */
    FRB,
    /** Floating-point register in bits 21-25. */
    FRC,
    /** CR bit in bits 6-10. */
    BT,
    /** CR bit in bits 11-15. */
    BA,
    /** CR bit in bits 16-20. */
    BB,
    /** CR bit in bits 21-25 (isel). */
    BC,
    SPR,
    TBR,
    FXM,
    FLM,
    U,
    NB,
    TO,
    LEV,
}
