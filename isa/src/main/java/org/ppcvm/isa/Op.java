package org.ppcvm.isa;

import static org.ppcvm.isa.Encoding.a;
import static org.ppcvm.isa.Encoding.primary;
import static org.ppcvm.isa.Encoding.va;
import static org.ppcvm.isa.Encoding.vx;
import static org.ppcvm.isa.Encoding.x;
import static org.ppcvm.isa.Encoding.x0;
import static org.ppcvm.isa.Encoding.xo;
import static org.ppcvm.isa.Encoding.xx3;
import static org.ppcvm.isa.Flag.*;
import static org.ppcvm.isa.Operand.*;

import java.util.List;

/**
 * The decode table: one row per instruction, shared by the interpreter, the disassembler and the
 * JIT. A row names the base mnemonic (without the "o", "." or "l"/"a" suffixes, which the word's
 * OE, Rc, LK and AA bits select when the row's {@link Flag flags} say those bits have that
 * meaning), its fixed bits (reserved fields included, so an invalid form matches no row), its flags
 * and its operands in assembler order.
 *
 * <p>The rows cover the 32-bit Book E user and supervisor instruction set of an e500mc-like core
 * with the classic FPU, plus the instructions the Linux kernel emulates for user code, plus, as
 * {@link Flag#DISPLAY_ONLY} rows, the AltiVec, VSX and TM instructions that glibc carries for other
 * processors. Rows are grouped by Power ISA (v2.06B) chapter. {@link #ILLEGAL} is what {@link
 * Decoder} returns for a word no row matches.
 */
public enum Op {
    /** Not an instruction: any word that no row matches. */
    ILLEGAL("", new Encoding(0, 0), 0),

    // ---------------------------------------------------------------------------------------
    // Book I chapter 2: Branch facility
    // ---------------------------------------------------------------------------------------

    // 2.4 Branch instructions
    /** Branch. */
    B("b", primary(18), LK | AA | ENDS_BLOCK, LI),
    /** Branch Conditional. */
    BC("bc", primary(16), LK | AA | ENDS_BLOCK, BO, BI, BD),
    /** Branch Conditional to Link Register. */
    BCLR("bclr", x(19, 16).reserved(16, 18), LK | ENDS_BLOCK, BO, BI, BH),
    /** Branch Conditional to Count Register. */
    BCCTR("bcctr", x(19, 528).reserved(16, 18), LK | ENDS_BLOCK, BO, BI, BH),

    // 2.5 Condition register instructions
    /** Condition Register AND. */
    CRAND("crand", x0(19, 257), 0, BT, BA, BB),
    /** Condition Register NAND. */
    CRNAND("crnand", x0(19, 225), 0, BT, BA, BB),
    /** Condition Register OR. */
    CROR("cror", x0(19, 449), 0, BT, BA, BB),
    /** Condition Register XOR. */
    CRXOR("crxor", x0(19, 193), 0, BT, BA, BB),
    /** Condition Register NOR. */
    CRNOR("crnor", x0(19, 33), 0, BT, BA, BB),
    /** Condition Register Equivalent. */
    CREQV("creqv", x0(19, 289), 0, BT, BA, BB),
    /** Condition Register AND with Complement. */
    CRANDC("crandc", x0(19, 129), 0, BT, BA, BB),
    /** Condition Register OR with Complement. */
    CRORC("crorc", x0(19, 417), 0, BT, BA, BB),
    /** Move Condition Register Field. */
    MCRF("mcrf", x0(19, 0).reserved(9, 10).reserved(14, 20), 0, BF, BFA),

    // 2.6 System call
    /** System Call. */
    SC("sc", primary(17).reserved(6, 19).reserved(27, 29).withField(30, 30, 1).reserved(31, 31), ENDS_BLOCK, LEV),

    // ---------------------------------------------------------------------------------------
    // Book I chapter 3: Fixed-point facility
    // ---------------------------------------------------------------------------------------

    // 3.3.2 Fixed-point load instructions
    /** Load Byte and Zero. */
    LBZ("lbz", primary(34), LOAD, RT, D_RA),
    /** Load Byte and Zero with Update. */
    LBZU("lbzu", primary(35), LOAD | UPDATE, RT, D_RA),
    /** Load Byte and Zero Indexed. */
    LBZX("lbzx", x0(31, 87), LOAD, RT, RA0, RB),
    /** Load Byte and Zero with Update Indexed. */
    LBZUX("lbzux", x0(31, 119), LOAD | UPDATE, RT, RA, RB),
    /** Load Halfword and Zero. */
    LHZ("lhz", primary(40), LOAD, RT, D_RA),
    /** Load Halfword and Zero with Update. */
    LHZU("lhzu", primary(41), LOAD | UPDATE, RT, D_RA),
    /** Load Halfword and Zero Indexed. */
    LHZX("lhzx", x0(31, 279), LOAD, RT, RA0, RB),
    /** Load Halfword and Zero with Update Indexed. */
    LHZUX("lhzux", x0(31, 311), LOAD | UPDATE, RT, RA, RB),
    /** Load Halfword Algebraic. */
    LHA("lha", primary(42), LOAD, RT, D_RA),
    /** Load Halfword Algebraic with Update. */
    LHAU("lhau", primary(43), LOAD | UPDATE, RT, D_RA),
    /** Load Halfword Algebraic Indexed. */
    LHAX("lhax", x0(31, 343), LOAD, RT, RA0, RB),
    /** Load Halfword Algebraic with Update Indexed. */
    LHAUX("lhaux", x0(31, 375), LOAD | UPDATE, RT, RA, RB),
    /** Load Word and Zero. */
    LWZ("lwz", primary(32), LOAD, RT, D_RA),
    /** Load Word and Zero with Update. */
    LWZU("lwzu", primary(33), LOAD | UPDATE, RT, D_RA),
    /** Load Word and Zero Indexed. */
    LWZX("lwzx", x0(31, 23), LOAD, RT, RA0, RB),
    /** Load Word and Zero with Update Indexed. */
    LWZUX("lwzux", x0(31, 55), LOAD | UPDATE, RT, RA, RB),

    // 3.3.3 Fixed-point store instructions
    /** Store Byte. */
    STB("stb", primary(38), STORE, RS, D_RA),
    /** Store Byte with Update. */
    STBU("stbu", primary(39), STORE | UPDATE, RS, D_RA),
    /** Store Byte Indexed. */
    STBX("stbx", x0(31, 215), STORE, RS, RA0, RB),
    /** Store Byte with Update Indexed. */
    STBUX("stbux", x0(31, 247), STORE | UPDATE, RS, RA, RB),
    /** Store Halfword. */
    STH("sth", primary(44), STORE, RS, D_RA),
    /** Store Halfword with Update. */
    STHU("sthu", primary(45), STORE | UPDATE, RS, D_RA),
    /** Store Halfword Indexed. */
    STHX("sthx", x0(31, 407), STORE, RS, RA0, RB),
    /** Store Halfword with Update Indexed. */
    STHUX("sthux", x0(31, 439), STORE | UPDATE, RS, RA, RB),
    /** Store Word. */
    STW("stw", primary(36), STORE, RS, D_RA),
    /** Store Word with Update. */
    STWU("stwu", primary(37), STORE | UPDATE, RS, D_RA),
    /** Store Word Indexed. */
    STWX("stwx", x0(31, 151), STORE, RS, RA0, RB),
    /** Store Word with Update Indexed. */
    STWUX("stwux", x0(31, 183), STORE | UPDATE, RS, RA, RB),

    // 3.3.4 Fixed-point load and store with byte reversal
    /** Load Halfword Byte-Reverse Indexed. */
    LHBRX("lhbrx", x0(31, 790), LOAD, RT, RA0, RB),
    /** Load Word Byte-Reverse Indexed. */
    LWBRX("lwbrx", x0(31, 534), LOAD, RT, RA0, RB),
    /** Store Halfword Byte-Reverse Indexed. */
    STHBRX("sthbrx", x0(31, 918), STORE, RS, RA0, RB),
    /** Store Word Byte-Reverse Indexed. */
    STWBRX("stwbrx", x0(31, 662), STORE, RS, RA0, RB),

    // 3.3.5 Fixed-point load and store multiple
    /** Load Multiple Word. */
    LMW("lmw", primary(46), LOAD, RT, D_RA),
    /** Store Multiple Word. */
    STMW("stmw", primary(47), STORE, RS, D_RA),

    // 3.3.6 Fixed-point move assist (string) instructions
    /** Load String Word Immediate. */
    LSWI("lswi", x0(31, 597), LOAD, RT, RA0, NB),
    /** Load String Word Indexed. */
    LSWX("lswx", x0(31, 533), LOAD, RT, RA0, RB),
    /** Store String Word Immediate. */
    STSWI("stswi", x0(31, 725), STORE, RS, RA0, NB),
    /** Store String Word Indexed. */
    STSWX("stswx", x0(31, 661), STORE, RS, RA0, RB),

    // 3.3.8 Fixed-point arithmetic instructions
    /** Add Immediate. */
    ADDI("addi", primary(14), 0, RT, RA0, SI),
    /** Add Immediate Shifted. */
    ADDIS("addis", primary(15), 0, RT, RA0, SI),
    /** Add. */
    ADD("add", xo(31, 266), OE | RC, RT, RA, RB),
    /** Subtract From. */
    SUBF("subf", xo(31, 40), OE | RC, RT, RA, RB),
    /** Add Immediate Carrying. */
    ADDIC("addic", primary(12), SETS_CA, RT, RA, SI),
    /** Add Immediate Carrying and Record. */
    ADDIC_DOT("addic.", primary(13), SETS_CA, RT, RA, SI),
    /** Subtract From Immediate Carrying. */
    SUBFIC("subfic", primary(8), SETS_CA, RT, RA, SI),
    /** Add Carrying. */
    ADDC("addc", xo(31, 10), OE | RC | SETS_CA, RT, RA, RB),
    /** Subtract From Carrying. */
    SUBFC("subfc", xo(31, 8), OE | RC | SETS_CA, RT, RA, RB),
    /** Add Extended. */
    ADDE("adde", xo(31, 138), OE | RC | SETS_CA, RT, RA, RB),
    /** Subtract From Extended. */
    SUBFE("subfe", xo(31, 136), OE | RC | SETS_CA, RT, RA, RB),
    /** Add to Minus One Extended. */
    ADDME("addme", xo(31, 234).reserved(16, 20), OE | RC | SETS_CA, RT, RA),
    /** Subtract From Minus One Extended. */
    SUBFME("subfme", xo(31, 232).reserved(16, 20), OE | RC | SETS_CA, RT, RA),
    /** Add to Zero Extended. */
    ADDZE("addze", xo(31, 202).reserved(16, 20), OE | RC | SETS_CA, RT, RA),
    /** Subtract From Zero Extended. */
    SUBFZE("subfze", xo(31, 200).reserved(16, 20), OE | RC | SETS_CA, RT, RA),
    /** Negate. */
    NEG("neg", xo(31, 104).reserved(16, 20), OE | RC, RT, RA),
    /** Multiply Low Immediate. */
    MULLI("mulli", primary(7), 0, RT, RA, SI),
    /** Multiply Low Word. */
    MULLW("mullw", xo(31, 235), OE | RC, RT, RA, RB),
    /** Multiply High Word. */
    MULHW("mulhw", x(31, 75), RC, RT, RA, RB),
    /** Multiply High Word Unsigned. */
    MULHWU("mulhwu", x(31, 11), RC, RT, RA, RB),
    /** Divide Word. */
    DIVW("divw", xo(31, 491), OE | RC, RT, RA, RB),
    /** Divide Word Unsigned. */
    DIVWU("divwu", xo(31, 459), OE | RC, RT, RA, RB),

    // 3.3.9 Fixed-point compare instructions (L = 1, a 64-bit compare, is an invalid form here)
    /** Compare Immediate. */
    CMPI("cmpi", primary(11).reserved(9, 10), 0, BF, RA, SI),
    /** Compare. */
    CMP("cmp", x0(31, 0).reserved(9, 10), 0, BF, RA, RB),
    /** Compare Logical Immediate. */
    CMPLI("cmpli", primary(10).reserved(9, 10), 0, BF, RA, UI),
    /** Compare Logical. */
    CMPL("cmpl", x0(31, 32).reserved(9, 10), 0, BF, RA, RB),

    // 3.3.10 Fixed-point trap instructions
    /** Trap Word Immediate. */
    TWI("twi", primary(3), ENDS_BLOCK, TO, RA, SI),
    /** Trap Word. */
    TW("tw", x0(31, 4), ENDS_BLOCK, TO, RA, RB),

    // 3.3.11 Fixed-point select
    /** Integer Select (the kernel emulates it where the core lacks it). */
    ISEL("isel", a(31, 15).reserved(31, 31), 0, RT, RA0, RB, ISEL_BC),

    // 3.3.12 Fixed-point logical instructions
    /** AND Immediate (always records CR0). */
    ANDI_DOT("andi.", primary(28), 0, RA, RS, UI),
    /** AND Immediate Shifted (always records CR0). */
    ANDIS_DOT("andis.", primary(29), 0, RA, RS, UI),
    /** OR Immediate. */
    ORI("ori", primary(24), 0, RA, RS, UI),
    /** OR Immediate Shifted. */
    ORIS("oris", primary(25), 0, RA, RS, UI),
    /** XOR Immediate. */
    XORI("xori", primary(26), 0, RA, RS, UI),
    /** XOR Immediate Shifted. */
    XORIS("xoris", primary(27), 0, RA, RS, UI),
    /** AND. */
    AND("and", x(31, 28), RC, RA, RS, RB),
    /** OR. */
    OR("or", x(31, 444), RC, RA, RS, RB),
    /** XOR. */
    XOR("xor", x(31, 316), RC, RA, RS, RB),
    /** NAND. */
    NAND("nand", x(31, 476), RC, RA, RS, RB),
    /** NOR. */
    NOR("nor", x(31, 124), RC, RA, RS, RB),
    /** Equivalent. */
    EQV("eqv", x(31, 284), RC, RA, RS, RB),
    /** AND with Complement. */
    ANDC("andc", x(31, 60), RC, RA, RS, RB),
    /** OR with Complement. */
    ORC("orc", x(31, 412), RC, RA, RS, RB),
    /** Extend Sign Byte. */
    EXTSB("extsb", x(31, 954).reserved(16, 20), RC, RA, RS),
    /** Extend Sign Halfword. */
    EXTSH("extsh", x(31, 922).reserved(16, 20), RC, RA, RS),
    /** Count Leading Zeros Word. */
    CNTLZW("cntlzw", x(31, 26).reserved(16, 20), RC, RA, RS),
    /** Population Count Bytes (the kernel emulates it where the core lacks it). */
    POPCNTB("popcntb", x0(31, 122).reserved(16, 20), 0, RA, RS),

    // 3.3.13 Fixed-point rotate instructions
    /** Rotate Left Word Immediate then AND with Mask. */
    RLWINM("rlwinm", primary(21), RC, RA, RS, SH, MB, ME),
    /** Rotate Left Word then AND with Mask. */
    RLWNM("rlwnm", primary(23), RC, RA, RS, RB, MB, ME),
    /** Rotate Left Word Immediate then Mask Insert. */
    RLWIMI("rlwimi", primary(20), RC, RA, RS, SH, MB, ME),

    // 3.3.14 Fixed-point shift instructions
    /** Shift Left Word. */
    SLW("slw", x(31, 24), RC, RA, RS, RB),
    /** Shift Right Word. */
    SRW("srw", x(31, 536), RC, RA, RS, RB),
    /** Shift Right Algebraic Word Immediate. */
    SRAWI("srawi", x(31, 824), RC | SETS_CA, RA, RS, SH),
    /** Shift Right Algebraic Word. */
    SRAW("sraw", x(31, 792), RC | SETS_CA, RA, RS, RB),

    // 3.3.15 Move to/from system register instructions
    /** Move To Special Purpose Register. */
    MTSPR("mtspr", x0(31, 467), 0, SPR, RS),
    /** Move From Special Purpose Register. */
    MFSPR("mfspr", x0(31, 339), 0, RT, SPR),
    /** Move To Condition Register Fields. */
    MTCRF("mtcrf", x0(31, 144).withField(11, 11, 0).reserved(20, 20), 0, FXM, RS),
    /** Move To One Condition Register Field. */
    MTOCRF("mtocrf", x0(31, 144).withField(11, 11, 1).reserved(20, 20), 0, FXM, RS),
    /** Move From Condition Register. */
    MFCR("mfcr", x0(31, 19).reserved(11, 20), 0, RT),
    /** Move From One Condition Register Field. */
    MFOCRF("mfocrf", x0(31, 19).withField(11, 11, 1).reserved(20, 20), 0, RT, FXM),
    /** Move to Condition Register from XER (the kernel emulates it on e500mc). */
    MCRXR("mcrxr", x0(31, 512).reserved(9, 20), 0, BF),

    // ---------------------------------------------------------------------------------------
    // Book I chapter 4: Floating-point facility
    // ---------------------------------------------------------------------------------------

    // 4.6.2 Floating-point load instructions
    /** Load Floating-Point Single. */
    LFS("lfs", primary(48), LOAD | FP, FRT, D_RA),
    /** Load Floating-Point Single with Update. */
    LFSU("lfsu", primary(49), LOAD | UPDATE | FP, FRT, D_RA),
    /** Load Floating-Point Single Indexed. */
    LFSX("lfsx", x0(31, 535), LOAD | FP, FRT, RA0, RB),
    /** Load Floating-Point Single with Update Indexed. */
    LFSUX("lfsux", x0(31, 567), LOAD | UPDATE | FP, FRT, RA, RB),
    /** Load Floating-Point Double. */
    LFD("lfd", primary(50), LOAD | FP, FRT, D_RA),
    /** Load Floating-Point Double with Update. */
    LFDU("lfdu", primary(51), LOAD | UPDATE | FP, FRT, D_RA),
    /** Load Floating-Point Double Indexed. */
    LFDX("lfdx", x0(31, 599), LOAD | FP, FRT, RA0, RB),
    /** Load Floating-Point Double with Update Indexed. */
    LFDUX("lfdux", x0(31, 631), LOAD | UPDATE | FP, FRT, RA, RB),

    // 4.6.3 Floating-point store instructions
    /** Store Floating-Point Single. */
    STFS("stfs", primary(52), STORE | FP, FRS, D_RA),
    /** Store Floating-Point Single with Update. */
    STFSU("stfsu", primary(53), STORE | UPDATE | FP, FRS, D_RA),
    /** Store Floating-Point Single Indexed. */
    STFSX("stfsx", x0(31, 663), STORE | FP, FRS, RA0, RB),
    /** Store Floating-Point Single with Update Indexed. */
    STFSUX("stfsux", x0(31, 695), STORE | UPDATE | FP, FRS, RA, RB),
    /** Store Floating-Point Double. */
    STFD("stfd", primary(54), STORE | FP, FRS, D_RA),
    /** Store Floating-Point Double with Update. */
    STFDU("stfdu", primary(55), STORE | UPDATE | FP, FRS, D_RA),
    /** Store Floating-Point Double Indexed. */
    STFDX("stfdx", x0(31, 727), STORE | FP, FRS, RA0, RB),
    /** Store Floating-Point Double with Update Indexed. */
    STFDUX("stfdux", x0(31, 759), STORE | UPDATE | FP, FRS, RA, RB),
    /** Store Floating-Point as Integer Word Indexed. */
    STFIWX("stfiwx", x0(31, 983), STORE | FP, FRS, RA0, RB),

    // 4.6.4 Floating-point move instructions
    /** Floating Move Register. */
    FMR("fmr", x(63, 72).reserved(11, 15), RC | FP, FRT, FRB),
    /** Floating Negate. */
    FNEG("fneg", x(63, 40).reserved(11, 15), RC | FP, FRT, FRB),
    /** Floating Absolute Value. */
    FABS("fabs", x(63, 264).reserved(11, 15), RC | FP, FRT, FRB),
    /** Floating Negative Absolute Value. */
    FNABS("fnabs", x(63, 136).reserved(11, 15), RC | FP, FRT, FRB),

    // 4.6.5.1 Floating-point elementary arithmetic instructions
    /** Floating Add. */
    FADD("fadd", a(63, 21).reserved(21, 25), RC | FP, FRT, FRA, FRB),
    /** Floating Add Single. */
    FADDS("fadds", a(59, 21).reserved(21, 25), RC | FP, FRT, FRA, FRB),
    /** Floating Subtract. */
    FSUB("fsub", a(63, 20).reserved(21, 25), RC | FP, FRT, FRA, FRB),
    /** Floating Subtract Single. */
    FSUBS("fsubs", a(59, 20).reserved(21, 25), RC | FP, FRT, FRA, FRB),
    /** Floating Multiply. */
    FMUL("fmul", a(63, 25).reserved(16, 20), RC | FP, FRT, FRA, FRC),
    /** Floating Multiply Single. */
    FMULS("fmuls", a(59, 25).reserved(16, 20), RC | FP, FRT, FRA, FRC),
    /** Floating Divide. */
    FDIV("fdiv", a(63, 18).reserved(21, 25), RC | FP, FRT, FRA, FRB),
    /** Floating Divide Single. */
    FDIVS("fdivs", a(59, 18).reserved(21, 25), RC | FP, FRT, FRA, FRB),
    /** Floating Square Root. */
    FSQRT("fsqrt", a(63, 22).reserved(11, 15).reserved(21, 25), RC | FP, FRT, FRB),
    /** Floating Square Root Single. */
    FSQRTS("fsqrts", a(59, 22).reserved(11, 15).reserved(21, 25), RC | FP, FRT, FRB),
    /** Floating Reciprocal Estimate Single. */
    FRES("fres", a(59, 24).reserved(11, 15).reserved(21, 25), RC | FP, FRT, FRB),
    /** Floating Reciprocal Square Root Estimate. */
    FRSQRTE("frsqrte", a(63, 26).reserved(11, 15).reserved(21, 25), RC | FP, FRT, FRB),
    /** Floating Select. */
    FSEL("fsel", a(63, 23), RC | FP, FRT, FRA, FRC, FRB),

    // 4.6.5.2 Floating-point multiply-add instructions
    /** Floating Multiply-Add. */
    FMADD("fmadd", a(63, 29), RC | FP, FRT, FRA, FRC, FRB),
    /** Floating Multiply-Add Single. */
    FMADDS("fmadds", a(59, 29), RC | FP, FRT, FRA, FRC, FRB),
    /** Floating Multiply-Subtract. */
    FMSUB("fmsub", a(63, 28), RC | FP, FRT, FRA, FRC, FRB),
    /** Floating Multiply-Subtract Single. */
    FMSUBS("fmsubs", a(59, 28), RC | FP, FRT, FRA, FRC, FRB),
    /** Floating Negative Multiply-Add. */
    FNMADD("fnmadd", a(63, 31), RC | FP, FRT, FRA, FRC, FRB),
    /** Floating Negative Multiply-Add Single. */
    FNMADDS("fnmadds", a(59, 31), RC | FP, FRT, FRA, FRC, FRB),
    /** Floating Negative Multiply-Subtract. */
    FNMSUB("fnmsub", a(63, 30), RC | FP, FRT, FRA, FRC, FRB),
    /** Floating Negative Multiply-Subtract Single. */
    FNMSUBS("fnmsubs", a(59, 30), RC | FP, FRT, FRA, FRC, FRB),

    // 4.6.6 Floating-point rounding and conversion instructions
    /** Floating Round to Single-Precision. */
    FRSP("frsp", x(63, 12).reserved(11, 15), RC | FP, FRT, FRB),
    /** Floating Convert To Integer Word. */
    FCTIW("fctiw", x(63, 14).reserved(11, 15), RC | FP, FRT, FRB),
    /** Floating Convert To Integer Word with round toward Zero. */
    FCTIWZ("fctiwz", x(63, 15).reserved(11, 15), RC | FP, FRT, FRB),
    /** Floating Convert From Integer Doubleword. */
    FCFID("fcfid", x(63, 846).reserved(11, 15), RC | FP, FRT, FRB),
    /** Floating Convert To Integer Doubleword. */
    FCTID("fctid", x(63, 814).reserved(11, 15), RC | FP, FRT, FRB),
    /** Floating Convert To Integer Doubleword with round toward Zero. */
    FCTIDZ("fctidz", x(63, 815).reserved(11, 15), RC | FP, FRT, FRB),
    /** Floating Round to Integer Nearest. */
    FRIN("frin", x(63, 392).reserved(11, 15), RC | FP, FRT, FRB),
    /** Floating Round to Integer toward Zero. */
    FRIZ("friz", x(63, 424).reserved(11, 15), RC | FP, FRT, FRB),
    /** Floating Round to Integer Plus. */
    FRIP("frip", x(63, 456).reserved(11, 15), RC | FP, FRT, FRB),
    /** Floating Round to Integer Minus. */
    FRIM("frim", x(63, 488).reserved(11, 15), RC | FP, FRT, FRB),

    // 4.6.7 Floating-point compare instructions
    /** Floating Compare Unordered. */
    FCMPU("fcmpu", x0(63, 0).reserved(9, 10), FP, BF, FRA, FRB),
    /** Floating Compare Ordered. */
    FCMPO("fcmpo", x0(63, 32).reserved(9, 10), FP, BF, FRA, FRB),

    // 4.6.8 Floating-point status and control register instructions
    /** Move From FPSCR. */
    MFFS("mffs", x(63, 583).reserved(11, 20), RC | FP, FRT),
    /** Move to Condition Register from FPSCR. */
    MCRFS("mcrfs", x0(63, 64).reserved(9, 10).reserved(14, 20), FP, BF, BFA),
    /** Move To FPSCR Field Immediate. */
    MTFSFI("mtfsfi", x(63, 134).reserved(9, 14).reserved(20, 20), RC | FP, BF_FPSCR, U, W),
    /** Move To FPSCR Fields. */
    MTFSF("mtfsf", x(63, 711), RC | FP, FLM, FRB, L, W),
    /** Move To FPSCR Bit 0. */
    MTFSB0("mtfsb0", x(63, 70).reserved(11, 20), RC | FP, BT_FPSCR),
    /** Move To FPSCR Bit 1. */
    MTFSB1("mtfsb1", x(63, 38).reserved(11, 20), RC | FP, BT_FPSCR),

    // ---------------------------------------------------------------------------------------
    // Book II: Virtual environment (storage control, synchronization, time base)
    // ---------------------------------------------------------------------------------------

    // 3.2 Cache management instructions
    /** Instruction Cache Block Invalidate. */
    ICBI("icbi", x0(31, 982).reserved(6, 10), 0, RA0, RB),
    /** Instruction Cache Block Touch. */
    ICBT("icbt", x0(31, 22), 0, CT, RA0, RB),
    /** Data Cache Block Touch. */
    DCBT("dcbt", x0(31, 278), 0, CT, RA0, RB),
    /** Data Cache Block Touch for Store. */
    DCBTST("dcbtst", x0(31, 246), 0, CT, RA0, RB),
    /** Data Cache Block Zero (writes a whole cache block). */
    DCBZ("dcbz", x0(31, 1014).reserved(6, 10), STORE, RA0, RB),
    /** Data Cache Block Store. */
    DCBST("dcbst", x0(31, 54).reserved(6, 10), 0, RA0, RB),
    /** Data Cache Block Flush. */
    DCBF("dcbf", x0(31, 86).reserved(6, 10), 0, RA0, RB),
    /** Data Cache Block Allocate (the kernel emulates it on e500mc). */
    DCBA("dcba", x0(31, 758).reserved(6, 10), 0, RA0, RB),

    // 4.4 Synchronization instructions
    /** Instruction Synchronize. */
    ISYNC("isync", x0(19, 150).reserved(6, 20), 0),
    /** Load Word And Reserve Indexed. */
    LWARX("lwarx", x(31, 20), LOAD, RT, RA0, RB, EH),
    /** Store Word Conditional Indexed (always records CR0). */
    STWCX_DOT("stwcx.", x(31, 150).withField(31, 31, 1), STORE, RS, RA0, RB),
    /** Synchronize (msync in Book E; L = 1 is lwsync). */
    SYNC("sync", x0(31, 598).reserved(6, 8).reserved(11, 20), 0, SYNC_L),
    /** Memory Barrier (eieio in the server books). */
    MBAR("mbar", x0(31, 854).reserved(11, 20), 0, MO),

    // 5.1 Time base
    /** Move From Time Base. */
    MFTB("mftb", x0(31, 371), 0, RT, TBR),

    // ---------------------------------------------------------------------------------------
    // Book III-E: Embedded environment (privileged)
    // ---------------------------------------------------------------------------------------

    // 2.4 Machine state register and interrupt returns
    /** Move From Machine State Register. */
    MFMSR("mfmsr", x0(31, 83).reserved(11, 20), PRIVILEGED, RT),
    /** Move To Machine State Register. */
    MTMSR("mtmsr", x0(31, 146).reserved(11, 20), PRIVILEGED | ENDS_BLOCK, RS),
    /** Write MSR External Enable. */
    WRTEE("wrtee", x0(31, 131).reserved(11, 20), PRIVILEGED, RS),
    /** Write MSR External Enable Immediate. */
    WRTEEI("wrteei", x0(31, 163).reserved(6, 15).reserved(17, 20), PRIVILEGED, E),
    /** Return From Interrupt. */
    RFI("rfi", x0(19, 50).reserved(6, 20), PRIVILEGED | ENDS_BLOCK),
    /** Return From Critical Interrupt. */
    RFCI("rfci", x0(19, 51).reserved(6, 20), PRIVILEGED | ENDS_BLOCK),
    /** Return From Machine Check Interrupt. */
    RFMCI("rfmci", x0(19, 38).reserved(6, 20), PRIVILEGED | ENDS_BLOCK),
    /** Return From Debug Interrupt. */
    RFDI("rfdi", x0(19, 39).reserved(6, 20), PRIVILEGED | ENDS_BLOCK),

    // 4.9 Storage control instructions
    /** Data Cache Block Invalidate. */
    DCBI("dcbi", x0(31, 470).reserved(6, 10), PRIVILEGED, RA0, RB),
    /** TLB Invalidate Virtual Address Indexed. */
    TLBIVAX("tlbivax", x0(31, 786).reserved(6, 10), PRIVILEGED, RA0, RB),
    /** TLB Read Entry. */
    TLBRE("tlbre", x0(31, 946).reserved(6, 20), PRIVILEGED),
    /** TLB Write Entry. */
    TLBWE("tlbwe", x0(31, 978).reserved(6, 20), PRIVILEGED),
    /** TLB Search Indexed. */
    TLBSX("tlbsx", x0(31, 914).reserved(6, 10), PRIVILEGED, RA0, RB),
    /** TLB Synchronize. */
    TLBSYNC("tlbsync", x0(31, 566).reserved(6, 20), PRIVILEGED),

    // ---------------------------------------------------------------------------------------
    // Display only: instructions glibc carries for processors ppcvm does not announce
    // ---------------------------------------------------------------------------------------

    // Book I 4.6.8 (ISA 3.0): mffs variants that a pre-3.0 core executes as plain mffs
    /** Move From FPSCR and Clear Enables. */
    MFFSCE("mffsce", x0(63, 583).withField(11, 15, 1).reserved(16, 20), FP | DISPLAY_ONLY, FRT),
    /** Move From FPSCR and Control Decimal Rounding Mode. */
    MFFSCDRN("mffscdrn", x0(63, 583).withField(11, 15, 20), FP | DISPLAY_ONLY, FRT, FRB),
    /** Move From FPSCR and Control Decimal Rounding Mode Immediate. */
    MFFSCDRNI("mffscdrni", x0(63, 583).withField(11, 15, 21).reserved(16, 17), FP | DISPLAY_ONLY, FRT, DRM),
    /** Move From FPSCR and Control Rounding Mode. */
    MFFSCRN("mffscrn", x0(63, 583).withField(11, 15, 22), FP | DISPLAY_ONLY, FRT, FRB),
    /** Move From FPSCR and Control Rounding Mode Immediate. */
    MFFSCRNI("mffscrni", x0(63, 583).withField(11, 15, 23).reserved(16, 18), FP | DISPLAY_ONLY, FRT, RM),
    /** Move From FPSCR Lightweight. */
    MFFSL("mffsl", x0(63, 583).withField(11, 15, 24).reserved(16, 20), FP | DISPLAY_ONLY, FRT),

    // Book I 4.6.2 (ISA 2.06 server)
    /** Load Floating-Point as Integer Word and Zero Indexed. */
    LFIWZX("lfiwzx", x0(31, 887), LOAD | FP | DISPLAY_ONLY, FRT, RA0, RB),

    // Book I chapter 6: Vector facility (AltiVec)
    /** Load Vector Indexed. */
    LVX("lvx", x0(31, 103), LOAD | DISPLAY_ONLY, VRT, RA0, RB),
    /** Store Vector Indexed. */
    STVX("stvx", x0(31, 231), STORE | DISPLAY_ONLY, VRS, RA0, RB),
    /** Load Vector for Shift Left Indexed. */
    LVSL("lvsl", x0(31, 6), DISPLAY_ONLY, VRT, RA0, RB),
    /** Load Vector for Shift Right Indexed. */
    LVSR("lvsr", x0(31, 38), DISPLAY_ONLY, VRT, RA0, RB),
    /** Vector Permute. */
    VPERM("vperm", va(4, 43), DISPLAY_ONLY, VRT, VRA, VRB, VRC),
    /** Vector Shift Left Double by Octet Immediate. */
    VSLDOI("vsldoi", va(4, 44).reserved(21, 21), DISPLAY_ONLY, VRT, VRA, VRB, SHB),
    /** Vector Shift Left Byte. */
    VSLB("vslb", vx(4, 260), DISPLAY_ONLY, VRT, VRA, VRB),
    /** Vector Splat Immediate Signed Word. */
    VSPLTISW("vspltisw", vx(4, 908).reserved(16, 20), DISPLAY_ONLY, VRT, SIM),

    // Book I chapter 7: Vector-scalar floating-point facility (VSX)
    /** Load VSX Vector Doubleword*2 Indexed. */
    LXVD2X("lxvd2x", x(31, 844), LOAD | DISPLAY_ONLY, XT, RA0, RB),
    /** Store VSX Vector Doubleword*2 Indexed. */
    STXVD2X("stxvd2x", x(31, 972), STORE | DISPLAY_ONLY, XT, RA0, RB),
    /** VSX Logical OR. */
    XXLOR("xxlor", xx3(60, 146), DISPLAY_ONLY, XT, XA, XB),
    /** VSX Logical AND with Complement. */
    XXLANDC("xxlandc", xx3(60, 138), DISPLAY_ONLY, XT, XA, XB),
    /** VSX Logical XOR. */
    XXLXOR("xxlxor", xx3(60, 154), DISPLAY_ONLY, XT, XA, XB),
    /** VSX Scalar Copy Sign Double-Precision. */
    XSCPSGNDP("xscpsgndp", xx3(60, 176), DISPLAY_ONLY, XT, XA, XB),
    /** VSX Permute Doubleword Immediate. */
    XXPERMDI("xxpermdi", primary(60).reserved(21, 21).withField(24, 28, 10), DISPLAY_ONLY, XT, XA, XB, DM),

    // Book II chapter 5: Transactional memory facility
    /** Transaction Begin (always records CR0). */
    TBEGIN_DOT("tbegin.", x(31, 654).reserved(6, 9).reserved(11, 20).withField(31, 31, 1), DISPLAY_ONLY, TM_R),
    /** Transaction End (always records CR0). */
    TEND_DOT("tend.", x(31, 686).reserved(7, 20).withField(31, 31, 1), DISPLAY_ONLY, TM_A),
    /** Transaction Abort (always records CR0). */
    TABORT_DOT("tabort.", x(31, 910).reserved(6, 10).reserved(16, 20).withField(31, 31, 1), DISPLAY_ONLY, RA),
    ;

    private final String mnemonic;
    private final Encoding encoding;
    private final int flags;
    private final List<Operand> operands;

    Op(String mnemonic, Encoding encoding, int flags, Operand... operands) {
        this.mnemonic = mnemonic;
        this.encoding = encoding;
        this.flags = flags;
        this.operands = List.of(operands);
    }

    /** The base mnemonic, without the suffixes that OE, Rc, LK and AA select. */
    public String mnemonic() {
        return mnemonic;
    }

    public Encoding encoding() {
        return encoding;
    }

    /** The {@link Flag} bits of this row. */
    public int flags() {
        return flags;
    }

    public boolean has(int flag) {
        return (flags & flag) != 0;
    }

    /** The operands in assembler order (before any simplified-mnemonic rewriting). */
    public List<Operand> operands() {
        return operands;
    }

    /**
     * Whether a word whose fixed bits match this row is a valid form. Some invalid forms are a
     * matter of field values rather than fixed bits (an update with RA = 0, a reserved BO encoding);
     * {@link Decoder} matches such a word to no row, as objdump prints it as {@code .long} and QEMU
     * raises an illegal-instruction interrupt for it.
     */
    public boolean isValidForm(int word) {
        int ra = Fields.ra(word);
        int rt = Fields.rt(word);
        if (has(UPDATE) && (ra == 0 || (has(LOAD) && !has(FP) && ra == rt))) {
            return false;
        }
        return switch (this) {
            case BC, BCLR -> !isReservedBo(Fields.bo(word), Fields.bi(word));
            case BCCTR ->
                !isReservedBo(Fields.bo(word), Fields.bi(word)) && (BCCTR_RESERVED_BO & 1 << Fields.bo(word)) == 0;
            case LMW -> ra < rt; // RA must not be among the registers loaded
            case LSWI -> ra != rt;
            case LSWX -> ra != rt && Fields.rb(word) != rt;
            case MTOCRF, MFOCRF -> Integer.bitCount(Fields.fxm(word)) == 1;
            case MFTB -> Fields.tbr(word) == TBR_TBL || Fields.tbr(word) == TBR_TBU;
            case SYNC -> Fields.syncL(word) != 3;
            default -> true;
        };
    }

    /**
     * Whether a BO value is reserved. "Branch always" 1z1zz with a z bit set (21-23, 28-31) always
     * is; 1a00t and 1a01t with at = 01 (17, 19) are unless BI = 0, where they read as bdnz/bdz with
     * the pre-2.03 "y" hint bit set, which older assemblers still emit.
     */
    private static boolean isReservedBo(int bo, int bi) {
        return (ALWAYS_RESERVED_BO & 1 << bo) != 0 || ((bo == 17 || bo == 19) && bi != 0);
    }

    private static final int ALWAYS_RESERVED_BO = 0b111 << 21 | 0b1111 << 28;

    /** BO values that bcctr also rejects: CTR-decrementing forms with the z (old y) bit set. */
    private static final int BCCTR_RESERVED_BO = 1 << 1 | 1 << 3 | 1 << 9 | 1 << 11 | 1 << 17 | 1 << 19;

    private static final int TBR_TBL = 268;
    private static final int TBR_TBU = 269;

    /**
     * The row an interpreter executes for a word this row matched: itself, except that display-only
     * rows execute as {@link #ILLEGAL} and the ISA 3.0 mffs variants as {@link #MFFS} (their extra
     * fields are reserved bits to a pre-3.0 core).
     */
    public Op executedAs() {
        return switch (this) {
            case MFFSCE, MFFSCDRN, MFFSCDRNI, MFFSCRN, MFFSCRNI, MFFSL -> MFFS;
            default -> has(DISPLAY_ONLY) ? ILLEGAL : this;
        };
    }
}
