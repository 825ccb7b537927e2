package org.ppcvm.isa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every row of the table, with seeded random operands and exhaustive sweeps of the fields that
 * select simplified mnemonics (BO/BI, SH/MB/ME, TO, SPR, TH...), disassembles as objdump does.
 * The words are assembled as {@code .long} data into an object file and disassembled by objdump;
 * invalid forms among them must print as objdump prints them too ({@code .long} or a POWER name).
 */
class DisassemblerRowsTest {
    private static final long SEED = 0x5EED_0FF5L;
    private static final int WORDS_PER_ROW = 300;

    /**
     * Rows whose words objdump's default dialect decodes as another processor's instruction with
     * the same encoding: tlbre as the PPC403's tlbrehi, tlbwe as the PPC603's tlbld. ppcvm prints
     * the Book E names.
     */
    private static final Set<Op> OTHER_PROCESSOR_SPELLING = EnumSet.of(Op.TLBRE, Op.TLBWE);

    @Test
    void everyRowDisassemblesAsObjdumpDoes(@TempDir Path dir) throws Exception {
        CrossTools.require(CrossTools.AS, CrossTools.OBJDUMP);
        List<Integer> words = words();
        StringBuilder source = new StringBuilder(".text\n");
        for (int word : words) {
            source.append(String.format(".long 0x%08x%n", word));
        }
        Path asm = Files.writeString(dir.resolve("words.s"), source);
        Path object = dir.resolve("words.o");
        CrossTools.run(List.of(CrossTools.AS, "-o", object.toString(), asm.toString()));
        List<ObjdumpLine> lines = CrossTools.disassemble(object);
        assertThat(lines).hasSameSizeAs(words);

        List<String> mismatches = new ArrayList<>();
        Set<Op> covered = EnumSet.noneOf(Op.class);
        for (ObjdumpLine line : lines) {
            Op op = Decoder.decode(line.word());
            if (OTHER_PROCESSOR_SPELLING.contains(op)) {
                continue;
            }
            covered.add(op);
            String ours = Disassembler.disassemble(line.word(), line.address());
            if (!ours.equals(line.text())) {
                mismatches.add(Mismatch.describe(line, ours));
            }
        }
        if (!mismatches.isEmpty()) {
            fail("seed " + SEED + ": " + Mismatch.summary(mismatches, lines.size()));
        }
        Set<Op> expected = EnumSet.allOf(Op.class);
        expected.removeAll(OTHER_PROCESSOR_SPELLING);
        assertThat(covered).containsAll(expected);
    }

    private static List<Integer> words() {
        List<Integer> words = new ArrayList<>();
        Random random = new Random(SEED);
        for (Op op : Op.values()) {
            if (op == Op.ILLEGAL) {
                continue;
            }
            words.add(Samples.validWord(op));
            for (int i = 0; i < WORDS_PER_ROW; i++) {
                words.add(Samples.fill(op, Samples.biasedFields(random)));
            }
        }
        addBranchSweep(words);
        addRotateSweep(words);
        addFieldSweeps(words);
        words.add(0x00000000);
        words.add(0x00DDDD00);
        return words;
    }

    /** Every BO with CR0 and CR7 bits, every LK/AA and BH, both displacement signs. */
    private static void addBranchSweep(List<Integer> words) {
        int[] bis = {0, 1, 2, 3, 6, 28, 31};
        for (int bo = 0; bo < 32; bo++) {
            for (int bi : bis) {
                int fields = bo << 21 | bi << 16;
                for (int lkAa = 0; lkAa < 4; lkAa++) {
                    words.add(Samples.fill(Op.BC, fields | 0x0100 | lkAa));
                    words.add(Samples.fill(Op.BC, fields | 0xFF00 | lkAa));
                }
                for (int bh = 0; bh < 4; bh++) {
                    for (int lk = 0; lk < 2; lk++) {
                        words.add(Samples.fill(Op.BCLR, fields | bh << 11 | lk));
                        words.add(Samples.fill(Op.BCCTR, fields | bh << 11 | lk));
                    }
                }
            }
        }
    }

    /** rlwinm over every SH, MB and ME; rlwnm and rlwimi over every MB and ME. */
    private static void addRotateSweep(List<Integer> words) {
        for (int mb = 0; mb < 32; mb++) {
            for (int me = 0; me < 32; me++) {
                int fields = 3 << 21 | 4 << 16 | mb << 6 | me << 1 | (mb ^ me) & 1;
                for (int sh = 0; sh < 32; sh++) {
                    words.add(Samples.fill(Op.RLWINM, fields | sh << 11));
                }
                words.add(Samples.fill(Op.RLWNM, fields | 5 << 11));
                words.add(Samples.fill(Op.RLWIMI, fields | (mb + me) % 32 << 11));
            }
        }
    }

    /** Fields that name mnemonics or operands: every value, with zero and non-zero registers. */
    private static void addFieldSweeps(List<Integer> words) {
        for (int spr = 0; spr < 1024; spr++) {
            int fields = 3 << 21 | (spr & 31) << 16 | (spr >>> 5) << 11;
            words.add(Samples.fill(Op.MFSPR, fields));
            words.add(Samples.fill(Op.MTSPR, fields));
            words.add(Samples.fill(Op.MFTB, fields));
        }
        for (int v = 0; v < 32; v++) {
            for (int reg = 0; reg < 3; reg++) {
                int registers = reg << 16 | reg << 11;
                words.add(Samples.fill(Op.TW, v << 21 | registers));
                words.add(Samples.fill(Op.TWI, v << 21 | registers | reg * 5));
                words.add(Samples.fill(Op.DCBT, v << 21 | registers));
                words.add(Samples.fill(Op.DCBTST, v << 21 | registers));
                words.add(Samples.fill(Op.ICBT, v << 21 | registers));
                words.add(Samples.fill(Op.ISEL, 3 << 21 | registers | v << 6));
                words.add(Samples.fill(Op.MBAR, v << 21));
                words.add(Samples.fill(Op.SYNC, v << 21));
                words.add(Samples.fill(Op.TEND_DOT, v << 21));
                words.add(Samples.fill(Op.TBEGIN_DOT, v << 21));
                words.add(Samples.fill(Op.SC, v << 5 | reg << 10));
            }
        }
        for (int fxm = 0; fxm < 256; fxm++) {
            words.add(Samples.fill(Op.MTCRF, 3 << 21 | fxm << 12));
            words.add(Samples.fill(Op.MTOCRF, 3 << 21 | fxm << 12));
            words.add(Samples.fill(Op.MFOCRF, 3 << 21 | fxm << 12));
            words.add(Samples.fill(Op.MTFSF, fxm << 17 | (fxm & 3) << 15 | (fxm & 1) << 25));
        }
        for (int bits = 0; bits < 64; bits++) {
            int vsx = 3 << 21 | 4 << 16 | (bits & 8) << 8 | (bits & 7);
            words.add(Samples.fill(Op.XXPERMDI, vsx | (bits >>> 4) << 8 | (bits & 16) << 7));
            words.add(Samples.fill(Op.XXLOR, vsx | (bits & 32) << 6));
        }
    }
}
