package org.ppcvm.testkit.random;

import static org.ppcvm.testkit.random.BlockContext.f;
import static org.ppcvm.testkit.random.BlockContext.r;

import java.util.List;
import java.util.Random;

/**
 * The classic floating-point instructions (Power ISA Book I chapter 4): arithmetic, multiply-add,
 * square root and estimates, select, rounding and conversion, compares, moves, and the FPSCR
 * instructions.
 */
final class FloatingPointUnits {
    private FloatingPointUnits() {}

    static final List<String> DOUBLE_ARITHMETIC = List.of("fadd", "fsub", "fmul", "fdiv");
    static final List<String> SINGLE_ARITHMETIC = List.of("fadds", "fsubs", "fmuls", "fdivs");
    static final List<String> MULTIPLY_ADD = List.of("fmadd", "fmsub", "fnmadd", "fnmsub");
    static final List<String> MOVES = List.of("fmr", "fneg", "fabs", "fnabs");

    /** Mnemonics with a Record (Rc, {@code .}) form, for the catalog. */
    static final List<String> WITH_RECORD_FORM = List.of(
            "fadd", "fadds", "fsub", "fsubs", "fmul", "fmuls", "fdiv", "fdivs", "fmadd", "fmadds", "fmsub", "fmsubs",
            "fnmadd", "fnmadds", "fnmsub", "fnmsubs", "fsqrt", "fsqrts", "fres", "frsqrte", "fsel", "frsp", "fctiw",
            "fctiwz", "fmr", "fneg", "fabs", "fnabs", "mffs", "mtfsf", "mtfsfi", "mtfsb0", "mtfsb1");

    static final List<String> WITHOUT_RECORD_FORM = List.of("fcmpu", "fcmpo", "mcrfs");

    private static String rc(BlockContext ctx, String mnemonic) {
        return mnemonic + (ctx.rng.nextBoolean() ? "." : "");
    }

    /** fadd, fsub, fmul, fdiv and their single-precision forms. */
    static void arithmetic(BlockContext ctx) {
        boolean single = ctx.rng.nextBoolean();
        String form = rc(ctx, ctx.pick(single ? SINGLE_ARITHMETIC : DOUBLE_ARITHMETIC));
        int fa = single ? ctx.fprSingle() : ctx.fpr();
        int fb = single ? ctx.fprSingle() : ctx.fpr();
        ctx.maybeFloatEdge(fa, 0.3);
        ctx.maybeFloatEdge(fb, 0.3);
        int ft = ctx.fprDest(single);
        String text = form + " " + f(ft) + "," + f(fa) + "," + f(fb);
        QemuCorrections.around(ctx, fix(form, single ? ft : -1), form, text, text);
    }

    /** The usual correction: FX (and CR1's copy), and single-precision classification. */
    private static QemuCorrections.Fix fix(String form, int singleResult) {
        return QemuCorrections.Fix.single(form.endsWith("."), singleResult);
    }

    /** fmadd, fmsub, fnmadd, fnmsub and their single-precision forms: FRT = ±(FRA × FRC ± FRB). */
    static void multiplyAdd(BlockContext ctx) {
        boolean single = ctx.rng.nextBoolean();
        String form = rc(ctx, ctx.pick(MULTIPLY_ADD) + (single ? "s" : ""));
        int fa = single ? ctx.fprSingle() : ctx.fpr();
        int fc = single ? ctx.fprSingle() : ctx.fpr();
        int fb = single ? ctx.fprSingle() : ctx.fpr();
        ctx.maybeFloatEdge(fa, 0.2);
        ctx.maybeFloatEdge(fc, 0.2);
        ctx.maybeFloatEdge(fb, 0.2);
        int ft = ctx.fprDest(single);
        String operands = " " + f(ft) + "," + f(fa) + "," + f(fc) + "," + f(fb);
        boolean negative = form.startsWith("fn");
        QemuCorrections.Fix fix =
                new QemuCorrections.Fix(true, form.endsWith("."), single ? ft : -1, false, negative ? ft : -1, -1, -1);
        // qemu rounds fnmadd/fnmsub's negated value: its copy negates fmadd/fmsub's result instead.
        String qemuForm = negative ? "fm" + form.substring("fnm".length()) : form;
        QemuCorrections.around(ctx, fix, form, form + operands, qemuForm + operands);
    }

    /** fsqrt, fsqrts, fres, frsqrte. */
    static void squareRootAndEstimates(BlockContext ctx) {
        int which = ctx.rng.nextInt(4);
        boolean single = which == 1 || which == 2;
        String form = rc(ctx, List.of("fsqrt", "fsqrts", "fres", "frsqrte").get(which));
        int fb = single ? ctx.fprSingle() : ctx.fpr();
        ctx.maybeFloatEdge(fb, 0.3);
        int ft = ctx.fprDest(single);
        boolean estimate = which >= 2;
        if (estimate) {
            ctx.fixup("mtfsb1 " + Fpscr.XX);
            ctx.fixup("mtfsb1 " + Fpscr.FX);
        }
        String text = form + " " + f(ft) + "," + f(fb);
        boolean fres = which == 2;
        QemuCorrections.around(
                ctx,
                new QemuCorrections.Fix(
                        true, form.endsWith("."), single ? ft : -1, false, -1, fres ? fb : -1, fres ? ft : -1),
                form,
                text,
                text);
        if (estimate) {
            ctx.fixup("mtfsb0 " + Fpscr.FR);
            ctx.fixup("mtfsb0 " + Fpscr.FI);
        }
    }

    /** fsel, frsp, fctiw, fctiwz. */
    static void selectRoundConvert(BlockContext ctx) {
        switch (ctx.rng.nextInt(4)) {
            case 0 -> {
                String form = rc(ctx, "fsel");
                int fa = ctx.fpr();
                int fc = ctx.fpr();
                int fb = ctx.fpr();
                ctx.maybeFloatEdge(fa, 0.3);
                int ft = ctx.fprDest(ctx.isSingle(fb) && ctx.isSingle(fc));
                ctx.tested(form, form + " " + f(ft) + "," + f(fa) + "," + f(fc) + "," + f(fb));
            }
            case 1 -> {
                String form = rc(ctx, "frsp");
                int fb = ctx.fpr();
                ctx.maybeFloatEdge(fb, 0.3);
                int ft = ctx.fpr();
                String text = form + " " + f(ft) + "," + f(fb);
                QemuCorrections.around(ctx, fix(form, ft), form, text, text);
            }
            default -> {
                String form = rc(ctx, ctx.rng.nextBoolean() ? "fctiw" : "fctiwz");
                int fb = ctx.fpr();
                ctx.maybeFloatEdge(fb, 0.4);
                int ft = ctx.fprDouble();
                String text = form + " " + f(ft) + "," + f(fb);
                QemuCorrections.around(ctx, fix(form, -1), form, text, text);
                definedLowWordOnly(ctx, ft);
                // FPRF is undefined after fctiw[z] (Book I, Floating Convert To Integer Word).
                ctx.fixup("mtfsb0 " + Fpscr.C);
                ctx.fixup("mtfsfi 4,0");
            }
        }
    }

    /**
     * fctiw[z] and mffs define only the low word of FRT. Store that word with stfiwx and reload
     * the register with lfd so that its high word comes from (defined) scratch memory.
     */
    private static void definedLowWordOnly(BlockContext ctx, int ft) {
        int t = ctx.baseGprExcept();
        int slot = Math.floorDiv(ctx.range(-Harness.BASE_OFFSET, Harness.BASE_OFFSET - 8), 8) * 8;
        ctx.fixup("addi " + r(t) + ",%r2," + (slot + 4));
        ctx.fixup("stfiwx " + f(ft) + ",0," + r(t));
        ctx.fixup("lfd " + f(ft) + ",-4(" + r(t) + ")");
    }

    /** fcmpu and fcmpo into a random CR field. */
    static void compare(BlockContext ctx) {
        String form = ctx.rng.nextBoolean() ? "fcmpu" : "fcmpo";
        int fa = ctx.fpr();
        int fb = ctx.fpr();
        ctx.maybeFloatEdge(fa, 0.3);
        ctx.maybeFloatEdge(fb, 0.3);
        String text = form + " " + ctx.rng.nextInt(8) + "," + f(fa) + "," + f(fb);
        QemuCorrections.around(ctx, new QemuCorrections.Fix(true, false, -1, true, -1, -1, -1), form, text, text);
    }

    /** fmr, fneg, fabs, fnabs: bit operations that keep a single-domain value single. */
    static void moves(BlockContext ctx) {
        String form = rc(ctx, ctx.pick(MOVES));
        int fb = ctx.fpr();
        int ft = ctx.fprDest(ctx.isSingle(fb));
        ctx.tested(form, form + " " + f(ft) + "," + f(fb));
    }

    /** A value for the FPSCR with no exception enabled and NI = 0: any rounding mode and flags. */
    static int randomFpscr(Random rng) {
        int value = 0;
        if (rng.nextInt(4) > 0) {
            for (int bit = 0; bit < 24; bit++) {
                if (rng.nextInt(5) == 0) {
                    value |= Fpscr.mask(bit);
                }
            }
        }
        value |= rng.nextInt(4); // RN
        return value
                & ~(Fpscr.mask(Fpscr.FEX) | Fpscr.mask(Fpscr.VX) | Fpscr.mask(Fpscr.RESERVED_20))
                & ~Fpscr.ENABLES_AND_NI;
    }

    /** mffs, mtfsf, mtfsfi, mtfsb0, mtfsb1, mcrfs. */
    static void statusAndControl(BlockContext ctx) {
        switch (ctx.rng.nextInt(6)) {
            case 0 -> {
                String form = rc(ctx, "mffs");
                int ft = ctx.fprDouble();
                ctx.fixup("mtfsb0 " + Fpscr.FR); // QemuDeviation.FPSCR_FR_NOT_COMPUTED
                ctx.tested(form, form + " " + f(ft));
                definedLowWordOnly(ctx, ft);
            }
            case 1 -> mtfsf(ctx);
            case 2 -> {
                String form = rc(ctx, "mtfsfi");
                int bf = ctx.rng.nextInt(8);
                // Field 5 holds the reserved bit 20, field 6 the enables, field 7 XE and NI.
                int u = switch (bf) {
                    case 5 -> ctx.rng.nextInt(8);
                    case 6 -> 0;
                    case 7 -> ctx.rng.nextInt(4);
                    default -> ctx.rng.nextInt(16);
                };
                ctx.tested(form, form + " " + bf + "," + u);
            }
            case 3 -> {
                String form = rc(ctx, "mtfsb0");
                int bt;
                do {
                    bt = ctx.rng.nextInt(32);
                } while (bt == Fpscr.FEX || bt == Fpscr.VX || bt == Fpscr.RESERVED_20);
                ctx.tested(form, form + " " + bt);
            }
            case 4 -> {
                String form = rc(ctx, "mtfsb1");
                int bt;
                do {
                    bt = ctx.rng.nextInt(32);
                } while (bt == Fpscr.FEX
                        || bt == Fpscr.VX
                        || bt == Fpscr.RESERVED_20
                        || (bt >= Fpscr.VE && bt <= Fpscr.NI));
                String text = form + " " + bt;
                if (Fpscr.isExceptionBit(bt)) {
                    QemuCorrections.around(ctx, fix(form, -1), form, text, text);
                } else {
                    ctx.tested(form, text);
                }
            }
            default -> {
                int bfa = ctx.rng.nextInt(8);
                if (bfa == 3) {
                    ctx.fixup("mtfsb0 " + Fpscr.FR); // QemuDeviation.FPSCR_FR_NOT_COMPUTED
                }
                ctx.tested("mcrfs", "mcrfs " + ctx.rng.nextInt(8) + "," + bfa);
            }
        }
    }

    /**
     * mtfsf: either fields 0-4 from any FPR, or any fields from a value built to keep the enables,
     * NI and the reserved bit 0.
     */
    private static void mtfsf(BlockContext ctx) {
        String form = rc(ctx, "mtfsf");
        if (ctx.rng.nextBoolean()) {
            int flm = ctx.rng.nextInt(32) << 3;
            ctx.tested(form, form + " " + flm + "," + f(ctx.fpr()));
            return;
        }
        int t = ctx.gpr();
        int fb = ctx.fprDouble();
        int slot = Math.floorDiv(ctx.range(-Harness.BASE_OFFSET, Harness.BASE_OFFSET - 8), 8) * 8;
        ctx.loadImmediate(t, randomFpscr(ctx.rng));
        ctx.setup("stw " + r(t) + "," + (slot + 4) + "(%r2)");
        ctx.setup("lfd " + f(fb) + "," + slot + "(%r2)");
        int flm = ctx.chance(0.3) ? 0xFF : ctx.rng.nextInt(256);
        ctx.tested(form, form + " " + flm + "," + f(fb));
    }
}
