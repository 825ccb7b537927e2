package org.ppcvm.testkit.random;

import static org.ppcvm.testkit.random.BlockContext.f;
import static org.ppcvm.testkit.random.BlockContext.r;
import static org.ppcvm.testkit.random.BlockContext.ra0;

import java.util.ArrayList;
import java.util.List;

/**
 * Loads and stores of every width and addressing form into the scratch area (Power ISA Book I,
 * Fixed-Point and Floating-Point Storage Access Instructions). Every address is built from {@code r2} inside the same unit, so a
 * unit stays inside the area even when it runs repeatedly in a loop.
 */
final class LoadStoreUnits {
    private LoadStoreUnits() {}

    /** Addressing forms: D, D with update, X, X with update. */
    enum Form {
        D(""),
        D_UPDATE("u"),
        X("x"),
        X_UPDATE("ux");

        final String suffix;

        Form(String suffix) {
            this.suffix = suffix;
        }

        boolean update() {
            return this == D_UPDATE || this == X_UPDATE;
        }

        boolean indexed() {
            return this == X || this == X_UPDATE;
        }
    }

    /** One integer load or store family, e.g. {@code lhz} (size 2, load). */
    record IntegerAccess(String base, int size, boolean load) {}

    static final List<IntegerAccess> INTEGER_ACCESSES = List.of(
            new IntegerAccess("lbz", 1, true),
            new IntegerAccess("lhz", 2, true),
            new IntegerAccess("lha", 2, true),
            new IntegerAccess("lwz", 4, true),
            new IntegerAccess("stb", 1, false),
            new IntegerAccess("sth", 2, false),
            new IntegerAccess("stw", 4, false));

    static final List<IntegerAccess> BYTE_REVERSED = List.of(
            new IntegerAccess("lhbr", 2, true),
            new IntegerAccess("lwbr", 4, true),
            new IntegerAccess("sthbr", 2, false),
            new IntegerAccess("stwbr", 4, false));

    /** One floating-point load or store family; single loads and stores convert. */
    record FloatAccess(String base, int size, boolean load) {}

    static final List<FloatAccess> FLOAT_ACCESSES = List.of(
            new FloatAccess("lfs", 4, true),
            new FloatAccess("lfd", 8, true),
            new FloatAccess("stfs", 4, false),
            new FloatAccess("stfd", 8, false));

    /** The names of every form, for the catalog. */
    static List<String> allForms() {
        List<String> forms = new ArrayList<>();
        for (IntegerAccess a : INTEGER_ACCESSES) {
            for (Form form : Form.values()) {
                forms.add(a.base() + form.suffix);
            }
        }
        for (IntegerAccess a : BYTE_REVERSED) {
            forms.add(a.base() + "x");
        }
        for (FloatAccess a : FLOAT_ACCESSES) {
            for (Form form : Form.values()) {
                forms.add(a.base() + form.suffix);
            }
        }
        forms.addAll(List.of("stfiwx", "lmw", "stmw", "lswi", "lswx", "stswi", "stswx"));
        return forms;
    }

    /**
     * A random effective address as an offset from r2 such that {@code size} bytes fit in the
     * scratch area, aligned to {@code align}.
     */
    private static int offset(BlockContext ctx, int size, int align) {
        int lo = -Harness.BASE_OFFSET;
        int hi = Harness.SCRATCH_BYTES - Harness.BASE_OFFSET - size;
        int ea = ctx.range(lo, hi);
        return Math.floorDiv(ea - lo, align) * align + lo;
    }

    /**
     * Emits the address setup for {@code form} and returns the instruction's address operands
     * ({@code d(RA)} or {@code RA,RB}). {@code avoid} is the loaded GPR, which an update form's RA
     * must differ from (-1 for none).
     */
    private static String address(BlockContext ctx, Form form, int ea, int avoid) {
        switch (form) {
            case D -> {
                if (ctx.rng.nextBoolean()) {
                    return ea + "(%r2)";
                }
                int ra = ctx.baseGprExcept();
                int o = ctx.range(-300, 300);
                ctx.setup("addi " + r(ra) + ",%r2," + o);
                return (ea - o) + "(" + r(ra) + ")";
            }
            case D_UPDATE -> {
                int ra = ctx.baseGprExcept(avoid);
                int o = ctx.range(-300, 300);
                ctx.setup("addi " + r(ra) + ",%r2," + o);
                return (ea - o) + "(" + r(ra) + ")";
            }
            case X -> {
                int kind = ctx.rng.nextInt(3);
                if (kind == 0) {
                    int rb = ctx.gpr();
                    ctx.setup("addi " + r(rb) + ",%r2," + ea);
                    return "0," + r(rb);
                }
                if (kind == 1) {
                    int rb = ctx.gpr();
                    ctx.setup("li " + r(rb) + "," + ea);
                    return "%r2," + r(rb);
                }
                int ra = ctx.baseGprExcept();
                int rb = ctx.gprExcept(ra);
                int o = ctx.range(-300, 300);
                ctx.setup("addi " + r(ra) + ",%r2," + o);
                ctx.setup("li " + r(rb) + "," + (ea - o));
                return r(ra) + "," + r(rb);
            }
            default -> {
                int ra = ctx.baseGprExcept(avoid);
                int rb = ctx.gprExcept(ra);
                int o = ctx.range(-300, 300);
                ctx.setup("addi " + r(ra) + ",%r2," + o);
                ctx.setup("li " + r(rb) + "," + (ea - o));
                return r(ra) + "," + r(rb);
            }
        }
    }

    /** Naturally aligned most of the time; Linux user mode handles the rest on e500mc. */
    private static int integerAlign(BlockContext ctx, int size) {
        return ctx.chance(0.15) ? 1 : size;
    }

    static void integerAccess(BlockContext ctx) {
        IntegerAccess a = ctx.pick(INTEGER_ACCESSES);
        Form form = ctx.pick(List.of(Form.values()));
        int rt = ctx.gpr();
        if (!a.load()) {
            ctx.maybeEdge(rt, 0.3);
        }
        int ea = offset(ctx, a.size(), integerAlign(ctx, a.size()));
        String addr = address(ctx, form, ea, a.load() ? rt : -1);
        String mnemonic = a.base() + form.suffix;
        ctx.tested(mnemonic, mnemonic + " " + r(rt) + "," + addr);
    }

    static void byteReversed(BlockContext ctx) {
        IntegerAccess a = ctx.pick(BYTE_REVERSED);
        int rt = ctx.gpr();
        int ea = offset(ctx, a.size(), integerAlign(ctx, a.size()));
        String addr = address(ctx, Form.X, ea, -1);
        String mnemonic = a.base() + "x";
        ctx.tested(mnemonic, mnemonic + " " + r(rt) + "," + addr);
    }

    /** lmw and stmw, word-aligned (an unaligned one is an alignment interrupt on e500mc). */
    static void multiple(BlockContext ctx) {
        boolean load = ctx.rng.nextBoolean();
        int first = load ? ctx.range(3, 31) : ctx.range(0, 31);
        int bytes = 4 * (32 - first);
        int ea = offset(ctx, bytes, 4);
        String addr;
        // lmw's RA must not be in the loaded range; r2 never is.
        if (ctx.rng.nextBoolean() || (load && first == 3)) {
            addr = ea + "(%r2)";
        } else {
            int ra = load ? ctx.range(3, first - 1) : ctx.baseGprExcept();
            int o = ctx.range(-300, 300);
            ctx.setup("addi " + r(ra) + ",%r2," + o);
            addr = (ea - o) + "(" + r(ra) + ")";
        }
        String mnemonic = load ? "lmw" : "stmw";
        ctx.tested(mnemonic, mnemonic + " " + r(first) + "," + addr);
    }

    /** The GPRs a string load of {@code bytes} bytes starting at {@code first} writes. */
    private static List<Integer> stringRegisters(int first, int bytes) {
        List<Integer> regs = new ArrayList<>();
        for (int i = 0; i < (bytes + 3) / 4; i++) {
            regs.add((first + i) % 32);
        }
        return regs;
    }

    /**
     * lswi, lswx, stswi, stswx. Loaded ranges (which wrap from r31 to r0) never include r1, r2 or
     * the address registers (Book I, Load String Word: invalid forms); lswx with a zero count leaves RT
     * undefined, so RT is then set afterwards.
     */
    static void string(BlockContext ctx) {
        boolean load = ctx.rng.nextBoolean();
        boolean indexed = ctx.rng.nextBoolean();
        int bytes = indexed && ctx.chance(0.1) ? 0 : ctx.range(1, 32);
        int ea = offset(ctx, Math.max(bytes, 1), 1);
        int first;
        int ra;
        int rb = -1;
        while (true) {
            first = load ? ctx.range(3, 31) : ctx.gpr();
            if (indexed) {
                int kind = ctx.rng.nextInt(3);
                ra = kind == 0 ? 0 : kind == 1 ? Harness.BASE_GPR : ctx.baseGprExcept();
                rb = ctx.gprExcept(ra);
            } else {
                ra = ea == 0 && ctx.rng.nextBoolean() ? Harness.BASE_GPR : ctx.baseGprExcept();
            }
            List<Integer> written = load ? stringRegisters(first, Math.max(bytes, 1)) : List.of();
            if (!written.contains(1) && !written.contains(2) && !written.contains(ra) && !written.contains(rb)) {
                break;
            }
        }
        String mnemonic = (load ? "lsw" : "stsw") + (indexed ? "x" : "i");
        if (indexed) {
            int t = ctx.gprExcept(ra, rb);
            ctx.loadImmediate(t, (RegisterMoveUnits.xerValue(ctx) & ~0x7F) | bytes);
            ctx.setup("mtxer " + r(t));
            if (ra == 0) {
                ctx.setup("addi " + r(rb) + ",%r2," + ea);
            } else if (ra == Harness.BASE_GPR) {
                ctx.setup("li " + r(rb) + "," + ea);
            } else {
                int o = ctx.range(-300, 300);
                ctx.setup("addi " + r(ra) + ",%r2," + o);
                ctx.setup("li " + r(rb) + "," + (ea - o));
            }
            ctx.tested(mnemonic, mnemonic + " " + r(first) + "," + ra0(ra) + "," + r(rb));
        } else {
            if (ra != Harness.BASE_GPR) {
                ctx.setup("addi " + r(ra) + ",%r2," + ea);
            }
            // NB = 0 means 32 bytes.
            ctx.tested(mnemonic, mnemonic + " " + r(first) + "," + r(ra) + "," + (bytes % 32));
        }
        if (load && bytes == 0) {
            ctx.fixup("li " + r(first) + ",0");
        }
    }

    /** The floating-point loads and stores; stfiwx. */
    static void floatAccess(BlockContext ctx) {
        if (ctx.rng.nextInt(9) == 0) {
            int fs = ctx.fpr();
            String addr = address(ctx, Form.X, offset(ctx, 4, 4), -1);
            ctx.tested("stfiwx", "stfiwx " + f(fs) + "," + addr);
            return;
        }
        FloatAccess a = ctx.pick(FLOAT_ACCESSES);
        Form form = ctx.pick(List.of(Form.values()));
        int fr;
        if (a.load()) {
            // lfd can load anything: only into the double domain.
            fr = ctx.fprDest(a.size() == 4);
        } else {
            // stfs of a value outside single range is not a plain conversion: single domain only.
            fr = a.size() == 4 ? ctx.fprSingle() : ctx.fpr();
        }
        String addr = address(ctx, form, offset(ctx, a.size(), a.size()), -1);
        String mnemonic = a.base() + form.suffix;
        ctx.tested(mnemonic, mnemonic + " " + f(fr) + "," + addr);
    }
}
