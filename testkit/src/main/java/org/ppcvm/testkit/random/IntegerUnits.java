package org.ppcvm.testkit.random;

import static org.ppcvm.testkit.random.BlockContext.r;
import static org.ppcvm.testkit.random.BlockContext.ra0;

import java.util.List;

/** Fixed-point arithmetic, logical, rotate, shift and compare instructions (Power ISA Book I chapter 3). */
final class IntegerUnits {
    private IntegerUnits() {}

    /** XO-form with OE and Rc: every one has the four forms x, x., xo, xo.. */
    static final List<String> XO_THREE_OPERAND = List.of("add", "addc", "adde", "subf", "subfc", "subfe", "mullw");

    static final List<String> XO_TWO_OPERAND = List.of("addme", "addze", "subfme", "subfze", "neg");
    static final List<String> DIVIDES = List.of("divw", "divwu");
    static final List<String> MULTIPLY_HIGH = List.of("mulhw", "mulhwu");
    static final List<String> D_FORM_ARITHMETIC = List.of("addi", "addis", "addic", "addic.", "subfic", "mulli");
    static final List<String> LOGICAL = List.of("and", "andc", "or", "orc", "xor", "nand", "nor", "eqv");
    static final List<String> LOGICAL_IMMEDIATE = List.of("andi.", "andis.", "ori", "oris", "xori", "xoris");
    static final List<String> UNARY = List.of("extsb", "extsh", "cntlzw");
    static final List<String> SHIFTS = List.of("slw", "srw", "sraw");
    static final List<String> COMPARES = List.of("cmp", "cmpi", "cmpl", "cmpli");

    private static String oeRc(BlockContext ctx, String mnemonic) {
        return mnemonic + (ctx.rng.nextBoolean() ? "o" : "") + (ctx.rng.nextBoolean() ? "." : "");
    }

    private static String rc(BlockContext ctx, String mnemonic) {
        return mnemonic + (ctx.rng.nextBoolean() ? "." : "");
    }

    /** add, addc, adde, subf, subfc, subfe, mullw and the two-operand XO forms. */
    static void xoArithmetic(BlockContext ctx) {
        boolean three = ctx.rng.nextInt(12) < 7;
        String form = oeRc(ctx, three ? ctx.pick(XO_THREE_OPERAND) : ctx.pick(XO_TWO_OPERAND));
        int rt = ctx.gpr();
        int ra = ctx.gpr();
        ctx.maybeEdge(ra, 0.3);
        if (three) {
            int rb = ctx.gpr();
            ctx.maybeEdge(rb, 0.3);
            ctx.tested(form, form + " " + r(rt) + "," + r(ra) + "," + r(rb));
        } else {
            ctx.tested(form, form + " " + r(rt) + "," + r(ra));
        }
    }

    static void multiplyHigh(BlockContext ctx) {
        String form = rc(ctx, ctx.pick(MULTIPLY_HIGH));
        int ra = ctx.gpr();
        int rb = ctx.gpr();
        ctx.maybeEdge(ra, 0.3);
        ctx.maybeEdge(rb, 0.3);
        ctx.tested(form, form + " " + r(ctx.gpr()) + "," + r(ra) + "," + r(rb));
    }

    /**
     * divw and divwu in all four forms. RT, and with Rc=1 CR0's LT, GT and EQ, are undefined for a
     * zero divisor and for 0x80000000 / -1 (Book I, Divide Word); OV, SO and CR0[SO] are defined. The
     * fix-up redoes the division with OE=1 on saved copies of the operands: its OV says whether
     * the case was undefined, and then RT is set to 0 and CR0[LT,GT,EQ] cleared. XER and the
     * temporaries are restored, so only the undefined bits change.
     */
    static void divide(BlockContext ctx) {
        String mnemonic = ctx.pick(DIVIDES);
        boolean record = ctx.rng.nextBoolean();
        String form = mnemonic + (ctx.rng.nextBoolean() ? "o" : "") + (record ? "." : "");
        int ra = ctx.gpr();
        int rb = ctx.gpr();
        int rt = ctx.gpr();
        switch (ctx.rng.nextInt(5)) {
            case 0 -> ctx.loadImmediate(rb, 0);
            case 1 -> {
                ctx.loadImmediate(ra, 0x8000_0000);
                if (rb != ra) {
                    ctx.loadImmediate(rb, -1);
                }
            }
            default -> {
                ctx.maybeEdge(ra, 0.3);
                ctx.maybeEdge(rb, 0.3);
            }
        }
        int t1 = ctx.gprExcept(rt);
        int t2 = ctx.gprExcept(rt, t1);
        ctx.fixup("stw " + r(ra) + "," + Harness.SLOT_OPERAND_A + "(%r1)");
        ctx.fixup("stw " + r(rb) + "," + Harness.SLOT_OPERAND_B + "(%r1)");
        ctx.tested(form, form + " " + r(rt) + "," + r(ra) + "," + r(rb));
        ctx.fixup("stw " + r(t1) + "," + Harness.SLOT_TEMP_1 + "(%r1)");
        ctx.fixup("stw " + r(t2) + "," + Harness.SLOT_TEMP_2 + "(%r1)");
        ctx.fixup("mfxer " + r(t1));
        ctx.fixup("stw " + r(t1) + "," + Harness.SLOT_XER + "(%r1)");
        ctx.fixup("lwz " + r(t1) + "," + Harness.SLOT_OPERAND_A + "(%r1)");
        ctx.fixup("lwz " + r(t2) + "," + Harness.SLOT_OPERAND_B + "(%r1)");
        ctx.fixup(mnemonic + "o " + r(t1) + "," + r(t1) + "," + r(t2));
        ctx.fixup("mfxer " + r(t1));
        ctx.fixup("rlwinm " + r(t1) + "," + r(t1) + ",2,31,31");
        ctx.fixup("neg " + r(t1) + "," + r(t1));
        ctx.fixup("andc " + r(rt) + "," + r(rt) + "," + r(t1));
        if (record) {
            ctx.fixup("mfcr " + r(t2));
            ctx.fixup("rlwinm " + r(t1) + "," + r(t1) + ",0,0,2");
            ctx.fixup("andc " + r(t2) + "," + r(t2) + "," + r(t1));
            ctx.fixup("mtcrf 0x80," + r(t2));
        }
        ctx.fixup("lwz " + r(t1) + "," + Harness.SLOT_XER + "(%r1)");
        ctx.fixup("mtxer " + r(t1));
        ctx.fixup("lwz " + r(t1) + "," + Harness.SLOT_TEMP_1 + "(%r1)");
        ctx.fixup("lwz " + r(t2) + "," + Harness.SLOT_TEMP_2 + "(%r1)");
    }

    /** addi, addis, addic, addic., subfic, mulli. */
    static void dFormArithmetic(BlockContext ctx) {
        String form = ctx.pick(D_FORM_ARITHMETIC);
        int rt = ctx.gpr();
        int ra = ctx.gpr();
        ctx.maybeEdge(ra, 0.3);
        int si = EdgeValues.simm16(ctx.rng);
        boolean raOrZero = form.equals("addi") || form.equals("addis");
        ctx.tested(form, form + " " + r(rt) + "," + (raOrZero ? ra0(ra) : r(ra)) + "," + si);
    }

    /** and, andc, or, orc, xor, nand, nor, eqv with and without Rc. */
    static void logical(BlockContext ctx) {
        String form = rc(ctx, ctx.pick(LOGICAL));
        int rs = ctx.gpr();
        int rb = ctx.chance(0.1) ? rs : ctx.gpr();
        ctx.maybeEdge(rs, 0.2);
        ctx.tested(form, form + " " + r(ctx.gpr()) + "," + r(rs) + "," + r(rb));
    }

    static void logicalImmediate(BlockContext ctx) {
        String form = ctx.pick(LOGICAL_IMMEDIATE);
        ctx.tested(form, form + " " + r(ctx.gpr()) + "," + r(ctx.gpr()) + "," + EdgeValues.uimm16(ctx.rng));
    }

    /** extsb, extsh, cntlzw with and without Rc. */
    static void unary(BlockContext ctx) {
        int rs = ctx.gpr();
        int ra = ctx.gpr();
        ctx.maybeEdge(rs, 0.3);
        String form = rc(ctx, ctx.pick(UNARY));
        ctx.tested(form, form + " " + r(ra) + "," + r(rs));
    }

    /**
     * popcntb. No 32-bit qemu-ppc model implements it (Linux emulates it on e500mc), so qemu's copy
     * computes the byte-wise population count with a SWAR sequence on three saved temporaries.
     */
    static void popcntb(BlockContext ctx) {
        int rs = ctx.gpr();
        int ra = ctx.gpr();
        ctx.maybeEdge(rs, 0.3);
        int t1 = ctx.gprExcept(ra);
        int t2 = ctx.gprExcept(ra, t1);
        int t3 = ctx.gprExcept(ra, t1, t2);
        ctx.testedWithQemuReplacement(
                "popcntb", "popcntb " + r(ra) + "," + r(rs), popcntbReplacement(ra, rs, t1, t2, t3));
    }

    /**
     * What qemu's copy runs for {@code popcntb ra,rs}: temporaries {@code t1..t3} (distinct, none
     * of them {@code ra}) are saved and restored, nothing else but {@code ra} changes.
     */
    static String popcntbReplacement(int ra, int rs, int t1, int t2, int t3) {
        return String.join(
                "\n",
                "stw " + r(t1) + "," + Harness.SLOT_TEMP_1 + "(%r1)",
                "stw " + r(t2) + "," + Harness.SLOT_TEMP_2 + "(%r1)",
                "stw " + r(t3) + "," + Harness.SLOT_TEMP_3 + "(%r1)",
                "mr " + r(t1) + "," + r(rs),
                "rlwinm " + r(t2) + "," + r(t1) + ",31,1,31",
                "lis " + r(t3) + ",0x5555",
                "ori " + r(t3) + "," + r(t3) + ",0x5555",
                "and " + r(t2) + "," + r(t2) + "," + r(t3),
                "subf " + r(t1) + "," + r(t2) + "," + r(t1),
                "rlwinm " + r(t2) + "," + r(t1) + ",30,2,31",
                "lis " + r(t3) + ",0x3333",
                "ori " + r(t3) + "," + r(t3) + ",0x3333",
                "and " + r(t2) + "," + r(t2) + "," + r(t3),
                "and " + r(t1) + "," + r(t1) + "," + r(t3),
                "add " + r(t1) + "," + r(t1) + "," + r(t2),
                "rlwinm " + r(t2) + "," + r(t1) + ",28,4,31",
                "add " + r(t1) + "," + r(t1) + "," + r(t2),
                "lis " + r(t3) + ",0x0f0f",
                "ori " + r(t3) + "," + r(t3) + ",0x0f0f",
                "and " + r(ra) + "," + r(t1) + "," + r(t3),
                "lwz " + r(t1) + "," + Harness.SLOT_TEMP_1 + "(%r1)",
                "lwz " + r(t2) + "," + Harness.SLOT_TEMP_2 + "(%r1)",
                "lwz " + r(t3) + "," + Harness.SLOT_TEMP_3 + "(%r1)");
    }

    /** rlwinm, rlwnm, rlwimi with and without Rc; rlwnm's count register holds 0..63 or more. */
    static void rotate(BlockContext ctx) {
        int choice = ctx.rng.nextInt(3);
        int rs = ctx.gpr();
        int ra = ctx.gpr();
        ctx.maybeEdge(rs, 0.2);
        int mb = ctx.rng.nextInt(32);
        int me = ctx.rng.nextInt(32);
        if (choice == 1) {
            int rb = ctx.gpr();
            shiftCount(ctx, rb);
            String form = rc(ctx, "rlwnm");
            ctx.tested(form, form + " " + r(ra) + "," + r(rs) + "," + r(rb) + "," + mb + "," + me);
        } else {
            String form = rc(ctx, choice == 0 ? "rlwinm" : "rlwimi");
            ctx.tested(form, form + " " + r(ra) + "," + r(rs) + "," + ctx.rng.nextInt(32) + "," + mb + "," + me);
        }
    }

    /** slw, srw, sraw (count register 0..63, sometimes with high garbage) and srawi. */
    static void shift(BlockContext ctx) {
        int rs = ctx.gpr();
        int ra = ctx.gpr();
        ctx.maybeEdge(rs, 0.3);
        if (ctx.rng.nextInt(4) == 0) {
            String form = rc(ctx, "srawi");
            ctx.tested(form, form + " " + r(ra) + "," + r(rs) + "," + ctx.rng.nextInt(32));
            return;
        }
        int rb = ctx.gpr();
        shiftCount(ctx, rb);
        String form = rc(ctx, ctx.pick(SHIFTS));
        ctx.tested(form, form + " " + r(ra) + "," + r(rs) + "," + r(rb));
    }

    private static void shiftCount(BlockContext ctx, int rb) {
        int kind = ctx.rng.nextInt(10);
        if (kind < 6) {
            ctx.loadImmediate(rb, ctx.rng.nextInt(64));
        } else if (kind < 8) {
            ctx.loadImmediate(rb, ctx.rng.nextInt() & ~0x3F | ctx.pickOf(0, 1, 31, 32, 33, 63));
        }
    }

    /** cmp, cmpi, cmpl, cmpli into a random CR field (L = 0: 32-bit compares). */
    static void compare(BlockContext ctx) {
        String form = ctx.pick(COMPARES);
        int bf = ctx.rng.nextInt(8);
        int ra = ctx.gpr();
        ctx.maybeEdge(ra, 0.3);
        String operand = switch (form) {
            case "cmp", "cmpl" -> {
                int rb = ctx.gpr();
                ctx.maybeEdge(rb, 0.3);
                yield r(rb);
            }
            case "cmpi" -> Integer.toString(EdgeValues.simm16(ctx.rng));
            default -> Integer.toString(EdgeValues.uimm16(ctx.rng));
        };
        ctx.tested(form, form + " " + bf + ",0," + r(ra) + "," + operand);
    }
}
