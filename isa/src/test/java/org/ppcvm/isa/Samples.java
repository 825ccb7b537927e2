package org.ppcvm.isa;

import java.util.Random;

/** Instruction words for table-driven tests: rows' encodings with their free bits filled in. */
final class Samples {
    private Samples() {}

    /** The row's fixed bits with {@code fields} in the free bits. */
    static int fill(Op op, int fields) {
        Encoding e = op.encoding();
        return e.match() | (fields & ~e.mask());
    }

    /**
     * Random free bits, biased so that each 5-bit register field is often 0 or a small number, which
     * is what makes simplified mnemonics (li, mr, slwi...) and invalid forms appear.
     */
    static int biasedFields(Random random) {
        int word = random.nextInt();
        for (int shift = 1; shift <= 21; shift += 5) {
            int choice = random.nextInt(4);
            if (choice == 0) {
                word &= ~(31 << shift);
            } else if (choice == 1) {
                word = (word & ~(31 << shift)) | (1 + random.nextInt(4)) << shift;
            }
        }
        return word;
    }

    /** mftb's TBR field for TBL (268): the two 5-bit halves swapped. */
    private static final int MFTB_FIELDS = (268 & 31) << 16 | (268 >>> 5) << 11;

    /** A valid form of the row, found by a seeded search over biased fillings. */
    static int validWord(Op op) {
        if (op == Op.MFTB) {
            return fill(op, MFTB_FIELDS);
        }
        Random random = new Random(op.name().hashCode());
        for (int i = 0; i < 10_000; i++) {
            int word = fill(op, biasedFields(random));
            if (op.isValidForm(word)) {
                return word;
            }
        }
        throw new AssertionError("no valid form of " + op);
    }
}
