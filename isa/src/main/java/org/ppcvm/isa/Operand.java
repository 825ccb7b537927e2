package org.ppcvm.isa;

/**
 * An operand of an {@link Op} row, in the order of the assembler syntax. Each names the Power ISA
 * field it comes from (bit numbers are MSB-0) and implies how the disassembler prints it.
 */
public enum Operand {
    // General-purpose registers
    /** Target GPR RT, bits 6-10. */
    RT,
    /** Source GPR RS, bits 6-10. */
    RS,
    /** GPR RA, bits 11-15. */
    RA,
    /** RA where 0 means the value zero, not r0 (printed "0"). */
    RA0,
    /** GPR RB, bits 16-20. */
    RB,

    // Immediates
    /** Signed 16-bit immediate SI, bits 16-31. */
    SI,
    /** Unsigned 16-bit immediate UI, bits 16-31. */
    UI,
    /** D(RA|0) addressing: signed displacement in bits 16-31, base RA0 in bits 11-15. */
    D_RA,
    /** Byte count NB of lswi/stswi, bits 16-20. */
    NB,
    /** Shift amount SH, bits 16-20. */
    SH,
    /** Mask begin MB, bits 21-25. */
    MB,
    /** Mask end ME, bits 26-30. */
    ME,
    /** Trap condition TO, bits 6-10. */
    TO,
    /** LEV of sc, bits 20-26. */
    LEV,

    // Branches and the condition register
    /** Branch target from LI, bits 6-29, relative or absolute per AA. */
    LI,
    /** Branch target from BD, bits 16-29, relative or absolute per AA. */
    BD,
    /** Branch options BO, bits 6-10. */
    BO,
    /** CR bit tested by a conditional branch, BI, bits 11-15. */
    BI,
    /** Branch hint BH of bclr/bcctr, bits 19-20. */
    BH,
    /** CR field BF, bits 6-8. */
    BF,
    /** Source CR field BFA, bits 11-13. */
    BFA,
    /** Target CR bit BT, bits 6-10. */
    BT,
    /** Source CR bit BA, bits 11-15. */
    BA,
    /** Source CR bit BB, bits 16-20. */
    BB,
    /** CR bit BC selecting isel's source, bits 21-25. */
    ISEL_BC,
    /** Field mask FXM of mtcrf/mtocrf/mfocrf, bits 12-19. */
    FXM,

    // Floating point
    /** Target FPR FRT, bits 6-10. */
    FRT,
    /** Source FPR FRS, bits 6-10. */
    FRS,
    /** FPR FRA, bits 11-15. */
    FRA,
    /** FPR FRB, bits 16-20. */
    FRB,
    /** FPR FRC, bits 21-25. */
    FRC,
    /** FPSCR field mask FLM of mtfsf, bits 7-14. */
    FLM,
    /** L of mtfsf (set the whole FPSCR), bit 6. */
    L,
    /** W of mtfsf/mtfsfi (select the upper FPSCR word), bit 15. */
    W,
    /** FPSCR field number BF of mtfsfi (printed as a number), bits 6-8. */
    BF_FPSCR,
    /** FPSCR bit number BT of mtfsb0/mtfsb1, bits 6-10. */
    BT_FPSCR,
    /** Immediate U of mtfsfi, bits 16-19. */
    U,
    /** Rounding mode RM of mffscrni, bits 19-20. */
    RM,
    /** Decimal rounding mode DRM of mffscdrni, bits 18-20. */
    DRM,

    // System registers, storage control, synchronization
    /** SPR number, bits 11-20 with the halves swapped. */
    SPR,
    /** Time base register number, bits 11-20 with the halves swapped. */
    TBR,
    /** Cache touch hint CT (TH in the server books) of dcbt, dcbtst and icbt, bits 6-10. */
    CT,
    /** L of sync (0 heavyweight, 1 lightweight, 2 ptesync), bits 9-10. */
    SYNC_L,
    /** Memory barrier ordering MO of mbar, bits 6-10. */
    MO,
    /** E of wrteei, bit 16. */
    E,
    /** Exclusive-access hint EH of lwarx, bit 31. */
    EH,

    // Vector, VSX and transactional memory (display only)
    /** Target vector register VRT, bits 6-10. */
    VRT,
    /** Source vector register VRS, bits 6-10. */
    VRS,
    /** Vector register VRA, bits 11-15. */
    VRA,
    /** Vector register VRB, bits 16-20. */
    VRB,
    /** Vector register VRC, bits 21-25. */
    VRC,
    /** Signed 5-bit immediate SIM of vspltis*, bits 11-15. */
    SIM,
    /** Shift SHB of vsldoi, bits 22-25. */
    SHB,
    /** VSX target/source register TX||T, bits 31 and 6-10. */
    XT,
    /** VSX register AX||A, bits 29 and 11-15. */
    XA,
    /** VSX register BX||B, bits 30 and 16-20. */
    XB,
    /** Doubleword selector DM of xxpermdi, bits 22-23. */
    DM,
    /** R of tbegin., bit 10. */
    TM_R,
    /** A of tend., bit 6. */
    TM_A,
}
