package org.ppcvm.isa;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class OpTableTest {

    /**
     * Every word with a row's fixed bits decodes to that row when its fields make a valid form, and
     * to no row otherwise. The words are a valid form of the row and seeded random fillings of its free
     * bits, biased towards small and repeated register numbers.
     */
    @ParameterizedTest
    @EnumSource(value = Op.class, names = "ILLEGAL", mode = EnumSource.Mode.EXCLUDE)
    void everyValidWordOfARowDecodesToThatRow(Op op) {
        long seed = 0x9E3779B97F4A7C15L * op.name().hashCode();
        Random random = new Random(seed);
        int valid = 0;
        for (int i = 0; i < 2000; i++) {
            int word = i == 0 ? Samples.validWord(op) : Samples.fill(op, Samples.biasedFields(random));
            Op decoded = Decoder.decode(word);
            if (op.isValidForm(word)) {
                valid++;
                assertThat(decoded).as("word %08x (seed %d)", word, seed).isEqualTo(op);
            } else {
                assertThat(decoded)
                        .as("invalid form %08x (seed %d)", word, seed)
                        .isEqualTo(Op.ILLEGAL);
            }
        }
        assertThat(valid).isPositive();
    }

    @Test
    void noTwoRowsMatchTheSameWordWithEquallySpecificEncodings() {
        List<String> ambiguous = new ArrayList<>();
        Op[] rows = Arrays.stream(Op.values()).filter(op -> op != Op.ILLEGAL).toArray(Op[]::new);
        for (int i = 0; i < rows.length; i++) {
            for (int j = i + 1; j < rows.length; j++) {
                Encoding a = rows[i].encoding();
                Encoding b = rows[j].encoding();
                boolean overlap = ((a.match() ^ b.match()) & a.mask() & b.mask()) == 0;
                if (overlap && Integer.bitCount(a.mask()) == Integer.bitCount(b.mask())) {
                    ambiguous.add(rows[i] + "/" + rows[j]);
                }
            }
        }
        assertThat(ambiguous).isEmpty();
    }

    @Test
    void mnemonicsAreUniqueAndNamedLikeTheirConstants() {
        List<String> mnemonics = new ArrayList<>();
        for (Op op : Op.values()) {
            if (op == Op.ILLEGAL) {
                continue;
            }
            mnemonics.add(op.mnemonic());
            assertThat(op.name())
                    .isEqualTo(op.mnemonic().toUpperCase(Locale.ROOT).replace(".", "_DOT"));
        }
        assertThat(mnemonics).doesNotHaveDuplicates();
    }

    @Test
    void fieldValuesCanMakeAnInvalidForm() {
        // lwzu r3,4(r3): an update load into its own base register
        assertThat(Decoder.decode(0x84630004)).isEqualTo(Op.ILLEGAL);
        assertThat(Decoder.decode(0x84830004)).isEqualTo(Op.LWZU);
        // stwu r3,4(0)
        assertThat(Decoder.decode(0x94600004)).isEqualTo(Op.ILLEGAL);
        // lmw r0,4(r3): the base register is among those loaded
        assertThat(Decoder.decode(0xB8030004)).isEqualTo(Op.ILLEGAL);
        // bc with the reserved "branch always" encoding BO = 0b11100
        assertThat(Decoder.decode(0x43860100)).isEqualTo(Op.ILLEGAL);
        assertThat(Decoder.decode(0x42860100)).isEqualTo(Op.BC);
        // mtocrf needs exactly one field
        assertThat(Decoder.decode(0x7C780120)).isEqualTo(Op.MTOCRF);
        assertThat(Decoder.decode(0x7C7C0120)).isEqualTo(Op.ILLEGAL);
    }

    @Test
    void reservedBitsMakeAnInvalidForm() {
        // lwz has no Rc, so the X-form twin lwzx with bit 31 set is not an instruction
        assertThat(Decoder.decode(0x7C64282F)).isEqualTo(Op.ILLEGAL);
        // addme with a non-zero RB
        assertThat(Decoder.decode(0x7C6421D4)).isEqualTo(Op.ILLEGAL);
        assertThat(Decoder.decode(0x7C6401D4)).isEqualTo(Op.ADDME);
        // stwcx. needs Rc = 1
        assertThat(Decoder.decode(0x7C64292C)).isEqualTo(Op.ILLEGAL);
        assertThat(Decoder.decode(0x7C64292D)).isEqualTo(Op.STWCX_DOT);
    }

    @Test
    void mffsVariantsOfIsa30ExecuteAsMffs() {
        EnumSet<Op> variants = EnumSet.of(Op.MFFSCE, Op.MFFSCDRN, Op.MFFSCDRNI, Op.MFFSCRN, Op.MFFSCRNI, Op.MFFSL);
        for (Op op : variants) {
            int word = op.encoding().match() | 5 << 21;
            assertThat(Decoder.decode(word)).isEqualTo(op);
            assertThat(Decoder.decodeForExecution(word)).isEqualTo(Op.MFFS);
        }
        // mffsl f0 as glibc's fegetenv_status uses it
        assertThat(Decoder.decodeForExecution(0xFC18048E)).isEqualTo(Op.MFFS);
        // an undefined pattern of bits 11-20 is not an mffs
        assertThat(Decoder.decodeForExecution(0xFC02048E)).isEqualTo(Op.ILLEGAL);
    }

    @ParameterizedTest
    @EnumSource(value = Op.class, names = "ILLEGAL", mode = EnumSource.Mode.EXCLUDE)
    void displayOnlyRowsExecuteAsIllegalAndOthersAsThemselves(Op op) {
        Op executed = Decoder.decodeForExecution(Samples.validWord(op));
        if (op.name().startsWith("MFFS") && op != Op.MFFS) {
            assertThat(executed).isEqualTo(Op.MFFS);
        } else if (op.has(Flag.DISPLAY_ONLY)) {
            assertThat(executed).isEqualTo(Op.ILLEGAL);
        } else {
            assertThat(executed).isEqualTo(op);
        }
    }
}
