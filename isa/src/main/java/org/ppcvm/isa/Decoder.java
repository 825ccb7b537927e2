package org.ppcvm.isa;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Maps an instruction word to its {@link Op} row. Rows are indexed by primary opcode and by the
 * 10-bit field in bits 21-30 (where X, XO, A and XL forms keep their extended opcodes), so a
 * lookup tests only the few rows that share both; among those the row with the most fixed bits
 * wins, which lets specific encodings (e.g. a reserved field that must be zero) take precedence.
 * A word must also be a {@linkplain Op#isValidForm valid form} of its row.
 */
public final class Decoder {
    private static final Op[] NONE = {};
    private static final Op[][][] TABLE = build();

    private Decoder() {}

    /** The row for {@code word}, or {@link Op#ILLEGAL}. Display-only rows are returned as such. */
    public static Op decode(int word) {
        Op[] candidates = TABLE[word >>> 26][(word >>> 1) & 0x3FF];
        for (Op op : candidates) {
            if (op.encoding().matches(word) && op.isValidForm(word)) {
                return op;
            }
        }
        return Op.ILLEGAL;
    }

    /**
     * The row to execute: display-only rows execute as {@link Op#ILLEGAL}, the ISA 3.0 mffs variants
     * as {@link Op#MFFS} (see {@link Op#executedAs()}).
     */
    public static Op decodeForExecution(int word) {
        return decode(word).executedAs();
    }

    private static Op[][][] build() {
        // Each row goes into the slots its fixed bits allow: one primary opcode, and every value
        // of bits 21-30 that agrees with the row's fixed bits there.
        @SuppressWarnings("unchecked")
        List<Op>[][] slots = new List[64][1024];
        for (Op op : Op.values()) {
            if (op == Op.ILLEGAL) {
                continue;
            }
            Encoding e = op.encoding();
            int primary = e.match() >>> 26;
            int fixed = (e.mask() >>> 1) & 0x3FF;
            int value = (e.match() >>> 1) & 0x3FF;
            for (int xo = 0; xo < 1024; xo++) {
                if ((xo & fixed) == value) {
                    if (slots[primary][xo] == null) {
                        slots[primary][xo] = new ArrayList<>();
                    }
                    slots[primary][xo].add(op);
                }
            }
        }
        Comparator<Op> mostFixedBitsFirst = Comparator.comparingInt(
                        (Op op) -> Integer.bitCount(op.encoding().mask()))
                .reversed();
        Op[][][] table = new Op[64][1024][];
        for (int primary = 0; primary < 64; primary++) {
            for (int xo = 0; xo < 1024; xo++) {
                List<Op> rows = slots[primary][xo];
                if (rows == null) {
                    table[primary][xo] = NONE;
                } else {
                    rows.sort(mostFixedBitsFirst);
                    table[primary][xo] = rows.toArray(Op[]::new);
                }
            }
        }
        return table;
    }
}
