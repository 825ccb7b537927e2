package org.ppcvm.testkit.random;

import static org.ppcvm.testkit.random.BlockContext.r;
import static org.ppcvm.testkit.random.BlockContext.ra0;

import java.util.List;

/**
 * Condition-register logic, {@code isel}, and moves to and from CR, XER, LR and CTR (Power ISA
 * Book I, Condition Register Instructions and Move To/From System Register Instructions).
 */
final class RegisterMoveUnits {
    private RegisterMoveUnits() {}

    static final List<String> CR_LOGICAL =
            List.of("crand", "crandc", "creqv", "crnand", "crnor", "cror", "crorc", "crxor");

    /** The CR logical instructions and mcrf. */
    static void conditionRegisterLogical(BlockContext ctx) {
        if (ctx.rng.nextInt(9) == 0) {
            ctx.tested("mcrf", "mcrf " + ctx.rng.nextInt(8) + "," + ctx.rng.nextInt(8));
            return;
        }
        String form = ctx.pick(CR_LOGICAL);
        ctx.tested(form, form + " " + ctx.rng.nextInt(32) + "," + ctx.rng.nextInt(32) + "," + ctx.rng.nextInt(32));
    }

    /**
     * isel. qemu-ppc implements it only in its e500 models, which lack fsqrt and the string
     * instructions, so qemu's copy selects with a branch instead.
     */
    static void isel(BlockContext ctx) {
        int rt = ctx.gpr();
        int ra = ctx.gpr();
        int rb = ctx.gpr();
        int bc = ctx.rng.nextInt(32);
        ctx.testedWithQemuReplacement(
                "isel",
                "isel " + r(rt) + "," + ra0(ra) + "," + r(rb) + "," + bc,
                iselReplacement(rt, ra, rb, bc, ctx.newLabel(), ctx.newLabel()));
    }

    /** What qemu's copy runs for {@code isel rt,ra|0,rb,bc}, with two local labels. */
    static String iselReplacement(int rt, int ra, int rb, int bc, String taken, String done) {
        return String.join(
                "\n",
                "bc 12," + bc + "," + taken,
                "mr " + r(rt) + "," + r(rb),
                "b " + done,
                taken + ":",
                ra == 0 ? "li " + r(rt) + ",0" : "mr " + r(rt) + "," + r(ra),
                done + ":");
    }

    /** mcrxr, mfcr, mtcrf (any field mask), mtocrf and mfocrf (one field). */
    static void conditionRegisterMoves(BlockContext ctx) {
        switch (ctx.rng.nextInt(5)) {
            case 0 -> ctx.tested("mcrxr", "mcrxr " + ctx.rng.nextInt(8));
            case 1 -> ctx.tested("mfcr", "mfcr " + r(ctx.gpr()));
            case 2 -> {
                int rs = ctx.gpr();
                ctx.maybeEdge(rs, 0.3);
                int fxm = ctx.chance(0.2) ? ctx.pickOf(0, 0xFF, 0x80, 0x01) : ctx.rng.nextInt(256);
                ctx.tested("mtcrf", "mtcrf " + fxm + "," + r(rs));
            }
            case 3 -> {
                int rs = ctx.gpr();
                ctx.tested("mtocrf", "mtocrf " + (0x80 >> ctx.rng.nextInt(8)) + "," + r(rs));
            }
            default -> {
                // Only the selected field of RT is defined (Book I, Move From One Condition Register Field); the fix-up
                // keeps it.
                int rt = ctx.gpr();
                int field = ctx.rng.nextInt(8);
                ctx.tested("mfocrf", "mfocrf " + r(rt) + "," + (0x80 >> field));
                ctx.fixup("rlwinm " + r(rt) + "," + r(rt) + ",0," + 4 * field + "," + (4 * field + 3));
            }
        }
    }

    /**
     * mtxer and mfxer. Only SO, OV, CA and the byte count are architected (XER bits 35:56 are
     * reserved), so the value moved to XER is masked first.
     */
    static void xerMoves(BlockContext ctx) {
        if (ctx.rng.nextBoolean()) {
            ctx.tested("mfxer", "mfxer " + r(ctx.gpr()));
            return;
        }
        int rs = ctx.gpr();
        if (ctx.chance(0.4)) {
            ctx.loadImmediate(rs, xerValue(ctx));
        } else {
            int t = ctx.gpr();
            ctx.setup("rlwinm " + r(t) + "," + r(rs) + ",0,25,2");
            rs = t;
        }
        ctx.tested("mtxer", "mtxer " + r(rs));
    }

    /** A value for XER: random SO, OV, CA and byte count. */
    static int xerValue(BlockContext ctx) {
        return ctx.rng.nextInt(8) << 29 | ctx.rng.nextInt(128);
    }

    /** mflr, mtlr, mfctr and (outside counted loops) mtctr. */
    static void linkAndCountMoves(BlockContext ctx) {
        switch (ctx.rng.nextInt(ctx.inLoop ? 3 : 4)) {
            case 0 -> ctx.tested("mflr", "mflr " + r(ctx.gpr()));
            case 1 -> {
                int rs = ctx.gpr();
                ctx.maybeEdge(rs, 0.3);
                ctx.tested("mtlr", "mtlr " + r(rs));
            }
            case 2 -> ctx.tested("mfctr", "mfctr " + r(ctx.gpr()));
            default -> {
                int rs = ctx.gpr();
                ctx.maybeEdge(rs, 0.3);
                ctx.tested("mtctr", "mtctr " + r(rs));
            }
        }
    }
}
