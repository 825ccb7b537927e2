package org.ppcvm.isa;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Decodes every word that objdump disassembles in a freshly built static C++ binary: a word is
 * {@link Op#ILLEGAL} exactly where objdump prints {@code .long}.
 */
class DecodeBinaryTest {

    @Test
    void everyWordOfAStaticCxxBinaryDecodesExactlyWhereObjdumpDoes(@TempDir Path dir) throws Exception {
        List<ObjdumpLine> lines = CrossTools.disassemble(CrossTools.buildSample(dir));
        List<String> disagreements = new ArrayList<>();
        for (ObjdumpLine line : lines) {
            boolean illegal = Decoder.decode(line.word()) == Op.ILLEGAL;
            if (illegal != line.undecodable()) {
                disagreements.add(String.format(
                        "%08x: %08x objdump '%s', ppcvm %s",
                        line.address(), line.word(), line.text(), Decoder.decode(line.word())));
            }
        }
        assertThat(lines).hasSizeGreaterThan(100_000);
        assertThat(disagreements).as("%d words", lines.size()).isEmpty();
    }
}
