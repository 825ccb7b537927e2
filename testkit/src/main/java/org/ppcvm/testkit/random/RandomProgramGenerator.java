package org.ppcvm.testkit.random;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Writes a random PowerPC test program from a seed. The same seed and settings always give the
 * same program ({@link java.util.Random}'s algorithm is part of its specification).
 *
 * <p>A program is a sequence of independent blocks. Each block loads a fresh state chosen from
 * {@link EdgeValues} (all GPRs but the harness's r1 and r2, FPRs, CR, XER, LR, CTR, an FPSCR with
 * no exception enabled, and the scratch memory image), runs at least {@link
 * GeneratorSettings#instructionsPerBlock()} random instructions made of <em>units</em>, and dumps
 * the state ({@link Harness}). A unit is one instruction under test with the setup it needs
 * (operand edges, addresses) and the fix-ups that make architecturally undefined results defined
 * again; control-flow units contain a few other units.
 */
public final class RandomProgramGenerator {
    private final GeneratorSettings settings;

    public RandomProgramGenerator(GeneratorSettings settings) {
        this.settings = settings;
    }

    /** A kind of unit and how often it is chosen. */
    private record Unit(String name, int weight, boolean controlFlow, Consumer<BlockContext> emit) {}

    private static final List<Unit> UNITS = List.of(
            new Unit("xo-arithmetic", 14, false, IntegerUnits::xoArithmetic),
            new Unit("divide", 4, false, IntegerUnits::divide),
            new Unit("multiply-high", 2, false, IntegerUnits::multiplyHigh),
            new Unit("d-form-arithmetic", 5, false, IntegerUnits::dFormArithmetic),
            new Unit("logical", 7, false, IntegerUnits::logical),
            new Unit("logical-immediate", 5, false, IntegerUnits::logicalImmediate),
            new Unit("unary", 3, false, IntegerUnits::unary),
            new Unit("popcntb", 1, false, IntegerUnits::popcntb),
            new Unit("rotate", 5, false, IntegerUnits::rotate),
            new Unit("shift", 5, false, IntegerUnits::shift),
            new Unit("compare", 4, false, IntegerUnits::compare),
            new Unit("cr-logical", 4, false, RegisterMoveUnits::conditionRegisterLogical),
            new Unit("isel", 2, false, RegisterMoveUnits::isel),
            new Unit("cr-moves", 4, false, RegisterMoveUnits::conditionRegisterMoves),
            new Unit("xer-moves", 2, false, RegisterMoveUnits::xerMoves),
            new Unit("lr-ctr-moves", 2, false, RegisterMoveUnits::linkAndCountMoves),
            new Unit("integer-access", 16, false, LoadStoreUnits::integerAccess),
            new Unit("byte-reversed", 2, false, LoadStoreUnits::byteReversed),
            new Unit("multiple", 2, false, LoadStoreUnits::multiple),
            new Unit("string", 3, false, LoadStoreUnits::string),
            new Unit("float-access", 9, false, LoadStoreUnits::floatAccess),
            new Unit("fp-arithmetic", 10, false, FloatingPointUnits::arithmetic),
            new Unit("fp-multiply-add", 9, false, FloatingPointUnits::multiplyAdd),
            new Unit("fp-sqrt-estimates", 4, false, FloatingPointUnits::squareRootAndEstimates),
            new Unit("fp-select-round-convert", 5, false, FloatingPointUnits::selectRoundConvert),
            new Unit("fp-compare", 2, false, FloatingPointUnits::compare),
            new Unit("fp-moves", 3, false, FloatingPointUnits::moves),
            new Unit("fpscr", 6, false, FloatingPointUnits::statusAndControl),
            new Unit("branch-forward", 3, true, BranchUnits::forward),
            new Unit("counted-loop", 2, true, BranchUnits::countedLoop),
            new Unit("branch-to-register", 2, true, BranchUnits::toRegister));

    /** The kinds of unit, for {@link GeneratorSettings#units()}. */
    public static final List<String> UNIT_NAMES = UNITS.stream().map(Unit::name).toList();

    /** Generates the program for {@code seed}. */
    public GeneratedProgram generate(long seed) {
        Random rng = new Random(seed);
        List<FloatValue> pool = floatPool(rng);
        List<Integer> image = scratchImage(rng, pool);
        List<GeneratedBlock> blocks = new ArrayList<>();
        for (int b = 0; b < settings.blocks(); b++) {
            blocks.add(block(rng, b, pool));
        }
        return new GeneratedProgram(seed, settings, blocks, image, pool);
    }

    private GeneratedBlock block(Random rng, int index, List<FloatValue> pool) {
        boolean[] single = new boolean[32];
        int singles = 8 + rng.nextInt(17);
        for (int placed = 0; placed < singles; ) {
            int f = rng.nextInt(32);
            if (!single[f]) {
                single[f] = true;
                placed++;
            }
        }
        MachineState initial = initialState(rng, pool, single);
        BlockContext ctx = new BlockContext(rng, index, pool, single, settings);
        while (ctx.testedCount() < settings.instructionsPerBlock()) {
            pickUnit(ctx).emit().accept(ctx);
        }
        List<Boolean> domain = new ArrayList<>();
        for (boolean s : single) {
            domain.add(s);
        }
        return new GeneratedBlock(index, initial, domain, ctx.lines());
    }

    /** Emits {@code count} units that may sit inside a branch or loop body. */
    static void nestedUnits(BlockContext ctx, int count) {
        boolean wasNested = ctx.nested;
        ctx.nested = true;
        for (int i = 0; i < count; i++) {
            pickUnit(ctx).emit().accept(ctx);
        }
        ctx.nested = wasNested;
    }

    private static Unit pickUnit(BlockContext ctx) {
        int total = 0;
        for (Unit u : UNITS) {
            if (allowed(ctx, u)) {
                total += u.weight();
            }
        }
        if (total == 0) {
            // Only control-flow units are allowed and this is a branch body: a plain instruction.
            return new Unit("filler", 1, false, IntegerUnits::logical);
        }
        int x = ctx.rng.nextInt(total);
        for (Unit u : UNITS) {
            if (allowed(ctx, u)) {
                x -= u.weight();
                if (x < 0) {
                    return u;
                }
            }
        }
        throw new IllegalStateException("unreachable");
    }

    /** Control flow does not nest; lr-ctr-moves itself leaves out mtctr inside loops. */
    private static boolean allowed(BlockContext ctx, Unit u) {
        return ctx.settings.allows(u.name()) && !(ctx.nested && u.controlFlow());
    }

    private static MachineState initialState(Random rng, List<FloatValue> pool, boolean[] single) {
        List<Integer> gpr = new ArrayList<>();
        for (int r = 0; r < 32; r++) {
            gpr.add(r == Harness.HARNESS_GPR || r == Harness.BASE_GPR ? 0 : EdgeValues.word(rng));
        }
        List<Long> fpr = new ArrayList<>();
        for (int f = 0; f < 32; f++) {
            FloatValue v;
            do {
                v = pool.get(rng.nextInt(pool.size()));
            } while (single[f] && !v.single());
            fpr.add(v.bits());
        }
        int cr = rng.nextInt(4) == 0 ? EdgeValues.word(rng) : rng.nextInt();
        int xer = (rng.nextInt(8) << 29) | rng.nextInt(128);
        int fpscr = Fpscr.asLoaded(FloatingPointUnits.randomFpscr(rng));
        return new MachineState(gpr, cr, xer, EdgeValues.word(rng), EdgeValues.word(rng), fpscr, fpr);
    }

    /** Edge values first, then random singles and doubles: 256 entries. */
    private static List<FloatValue> floatPool(Random rng) {
        List<FloatValue> pool = new ArrayList<>(EdgeValues.singleEdges());
        pool.addAll(EdgeValues.doubleEdges());
        while (pool.size() < 256) {
            pool.add(rng.nextBoolean() ? EdgeValues.randomSingle(rng) : EdgeValues.randomDouble(rng));
        }
        return pool;
    }

    private static List<Integer> scratchImage(Random rng, List<FloatValue> pool) {
        List<Integer> words = new ArrayList<>();
        while (words.size() < Harness.SCRATCH_BYTES / 4) {
            switch (rng.nextInt(4)) {
                case 0 -> words.add(EdgeValues.word(rng));
                case 1 -> words.add(rng.nextInt());
                default -> {
                    long bits = pool.get(rng.nextInt(pool.size())).bits();
                    words.add((int) (bits >>> 32));
                    words.add((int) bits);
                }
            }
        }
        return words.subList(0, Harness.SCRATCH_BYTES / 4);
    }
}
