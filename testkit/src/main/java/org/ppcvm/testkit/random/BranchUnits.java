package org.ppcvm.testkit.random;

import static org.ppcvm.testkit.random.BlockContext.r;

import java.util.List;

/**
 * Conditional branches (Power ISA Book I, Branch Instructions): forward {@code bc}/{@code bcl} over a few units,
 * counted loops closed by a backward {@code bc} that decrements CTR, and {@code bclr[l]}/{@code
 * bcctr[l]} to a local label loaded into LR or CTR. Every branch target is a label of the same
 * block, so both the taken and the fall-through paths reach the block's dump.
 */
final class BranchUnits {
    private BranchUnits() {}

    /**
     * BO values that test only the CR bit (false, true) or branch always. Hint bits are left 0:
     * they do not change what a branch does, and the 32-bit PowerPC ({@code y} bit, {@code z}
     * bits that must be 0) and Power ISA 2.06 ({@code at} hints) encodings agree only there.
     */
    static final List<Integer> BO_CONDITION_ONLY = List.of(4, 12, 20);

    /** BO values that decrement CTR: branch if CTR != 0 or == 0, and the CR bit false, true or ignored. */
    static final List<Integer> BO_DECREMENTING = List.of(0, 2, 8, 10, 16, 18);

    private static int anyBo(BlockContext ctx) {
        return ctx.rng.nextBoolean() ? ctx.pick(BO_CONDITION_ONLY) : ctx.pick(BO_DECREMENTING);
    }

    /** bc or bcl forward over one to three units. */
    static void forward(BlockContext ctx) {
        String target = ctx.newLabel();
        String form = ctx.chance(0.25) ? "bcl" : "bc";
        ctx.tested(form, form + " " + anyBo(ctx) + "," + ctx.rng.nextInt(32) + "," + target);
        RandomProgramGenerator.nestedUnits(ctx, ctx.range(1, 3));
        ctx.label(target);
    }

    /**
     * A loop run at most 1..4 times: CTR is set just before, the body writes neither CTR nor
     * branches, and the closing bc decrements CTR, so it ends (a bdz-style BO loops at most once
     * more, when CTR reaches 0).
     */
    static void countedLoop(BlockContext ctx) {
        String top = ctx.newLabel();
        int t = ctx.gpr();
        ctx.setup("li " + r(t) + "," + ctx.range(1, 4));
        ctx.setup("mtctr " + r(t));
        ctx.label(top);
        boolean wasInLoop = ctx.inLoop;
        ctx.inLoop = true;
        RandomProgramGenerator.nestedUnits(ctx, ctx.range(1, 3));
        ctx.inLoop = wasInLoop;
        ctx.tested("bc", "bc " + ctx.pick(BO_DECREMENTING) + "," + ctx.rng.nextInt(32) + "," + top);
    }

    /** bclr, bclrl, bcctr, bcctrl to a forward label. bcctr may not decrement CTR (invalid form). */
    static void toRegister(BlockContext ctx) {
        String target = ctx.newLabel();
        boolean viaCtr = ctx.rng.nextBoolean();
        int t = ctx.baseGprExcept();
        ctx.setup("lis " + r(t) + "," + target + "@ha");
        ctx.setup("addi " + r(t) + "," + r(t) + "," + target + "@l");
        ctx.setup((viaCtr ? "mtctr " : "mtlr ") + r(t));
        String form = (viaCtr ? "bcctr" : "bclr") + (ctx.chance(0.3) ? "l" : "");
        int bo = viaCtr ? ctx.pick(BO_CONDITION_ONLY) : anyBo(ctx);
        ctx.tested(form, form + " " + bo + "," + ctx.rng.nextInt(32));
        RandomProgramGenerator.nestedUnits(ctx, ctx.range(1, 3));
        ctx.label(target);
    }
}
