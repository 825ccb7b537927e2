package org.ppcvm.testkit.random;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The state of the generator while it writes one block's body: the random source, the lines so
 * far, and what it must know statically to keep results architecturally defined.
 *
 * <p>The FPRs are split into a <em>single</em> domain and a <em>double</em> domain for the whole
 * block. Registers of the single domain only ever hold values representable in single format
 * (they start so and only single-precision results, {@code lfs}, {@code frsp} and moves of such
 * values are written to them), and only they feed single-precision arithmetic, whose results are
 * undefined for other inputs (Power ISA 2.06 Book I 4.3.5.1). The split survives any branch, since
 * every write respects it.
 */
final class BlockContext {
    /** GPRs the generator may use: all but the harness's r1 and r2. */
    static final List<Integer> GPRS = allocatableGprs();

    final Random rng;
    final int block;
    final List<FloatValue> pool;
    final GeneratorSettings settings;
    private final boolean[] singleDomain = new boolean[32];
    private final List<AsmLine> lines = new ArrayList<>();
    private int labels;
    private int tested;
    /** Inside a counted loop body: nothing may write CTR or branch. */
    boolean inLoop;
    /** Inside a branch or loop body: no nested control flow. */
    boolean nested;

    BlockContext(Random rng, int block, List<FloatValue> pool, boolean[] singleDomain, GeneratorSettings settings) {
        this.rng = rng;
        this.block = block;
        this.pool = pool;
        this.settings = settings;
        System.arraycopy(singleDomain, 0, this.singleDomain, 0, 32);
    }

    private static List<Integer> allocatableGprs() {
        List<Integer> gprs = new ArrayList<>();
        for (int r = 0; r < 32; r++) {
            if (r != Harness.HARNESS_GPR && r != Harness.BASE_GPR) {
                gprs.add(r);
            }
        }
        return List.copyOf(gprs);
    }

    List<AsmLine> lines() {
        return List.copyOf(lines);
    }

    int testedCount() {
        return tested;
    }

    // ---- randomness

    boolean chance(double p) {
        return rng.nextDouble() < p;
    }

    /** A uniform integer in {@code [lo, hi]}. */
    int range(int lo, int hi) {
        return lo + rng.nextInt(hi - lo + 1);
    }

    <T> T pick(List<T> items) {
        return items.get(rng.nextInt(items.size()));
    }

    int pickOf(int... values) {
        return values[rng.nextInt(values.length)];
    }

    // ---- registers

    int gpr() {
        return pick(GPRS);
    }

    /** A GPR other than {@code excluded}. */
    int gprExcept(int... excluded) {
        while (true) {
            int r = gpr();
            boolean clash = false;
            for (int e : excluded) {
                clash |= r == e;
            }
            if (!clash) {
                return r;
            }
        }
    }

    /** A GPR other than r0 (for a base register, where r0 would read as zero) and {@code excluded}. */
    int baseGprExcept(int... excluded) {
        int[] all = new int[excluded.length + 1];
        System.arraycopy(excluded, 0, all, 0, excluded.length);
        all[excluded.length] = 0;
        return gprExcept(all);
    }

    int fpr() {
        return rng.nextInt(32);
    }

    boolean isSingle(int fpr) {
        return singleDomain[fpr];
    }

    /** An FPR of the single domain (a valid input of single-precision arithmetic). */
    int fprSingle() {
        while (true) {
            int f = fpr();
            if (singleDomain[f]) {
                return f;
            }
        }
    }

    /** An FPR that may receive a value that is not representable in single format. */
    int fprDouble() {
        while (true) {
            int f = fpr();
            if (!singleDomain[f]) {
                return f;
            }
        }
    }

    /** A destination for a result that is single-representable exactly when {@code single}. */
    int fprDest(boolean single) {
        return single ? fpr() : fprDouble();
    }

    static String r(int gpr) {
        return "%r" + gpr;
    }

    /** A GPR in an {@code (RA|0)} position: register 0 is written as the literal 0 there. */
    static String ra0(int gpr) {
        return gpr == 0 ? "0" : r(gpr);
    }

    static String f(int fpr) {
        return "%f" + fpr;
    }

    // ---- emitting

    void setup(String text) {
        lines.add(new AsmLine(AsmLine.Role.SETUP, text, text, ""));
    }

    void fixup(String text) {
        lines.add(new AsmLine(AsmLine.Role.FIXUP, text, text, ""));
    }

    void tested(String form, String text) {
        lines.add(new AsmLine(AsmLine.Role.TESTED, text, text, form));
        tested++;
    }

    /** An instruction under test that qemu's copy replaces by {@code qemuText}. */
    void testedWithQemuReplacement(String form, String text, String qemuText) {
        lines.add(new AsmLine(AsmLine.Role.TESTED, text, qemuText, form));
        tested++;
    }

    void qemuCorrection(String qemuText) {
        lines.add(new AsmLine(AsmLine.Role.QEMU_CORRECTION, "", qemuText, ""));
    }

    void label(String name) {
        lines.add(new AsmLine(AsmLine.Role.LABEL, name + ":", name + ":", ""));
    }

    String newLabel() {
        return ".Lb" + block + "_" + labels++;
    }

    /** Sets {@code gpr} to {@code value} with one or two instructions. */
    void loadImmediate(int gpr, int value) {
        if (value == (short) value) {
            setup("li " + r(gpr) + "," + value);
        } else {
            setup("lis " + r(gpr) + "," + (value >> 16));
            if ((value & 0xFFFF) != 0) {
                setup("ori " + r(gpr) + "," + r(gpr) + "," + (value & 0xFFFF));
            }
        }
    }

    /** Sometimes gives {@code gpr} an edge value first, so that edges meet every instruction. */
    void maybeEdge(int gpr, double p) {
        if (chance(p)) {
            loadImmediate(gpr, EdgeValues.word(rng));
        }
    }

    /**
     * Sometimes reloads {@code fpr} from the program's pool of edge values; single-domain registers
     * get only single-representable ones.
     */
    void maybeFloatEdge(int fpr, double p) {
        if (!chance(p)) {
            return;
        }
        int scratchGpr = baseGprExcept();
        while (true) {
            int index = rng.nextInt(pool.size());
            if (!singleDomain[fpr] || pool.get(index).single()) {
                setup("lis " + r(scratchGpr) + ",(fpool+" + 8 * index + ")@ha");
                setup("lfd " + f(fpr) + ",(fpool+" + 8 * index + ")@l(" + r(scratchGpr) + ")");
                return;
            }
        }
    }
}
