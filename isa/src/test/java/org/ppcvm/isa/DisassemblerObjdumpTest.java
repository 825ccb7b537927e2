package org.ppcvm.isa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The acceptance test of the {@link Disassembler}: every instruction line of {@code objdump -d} over
 * a freshly built static C++ program (libstdc++, libm and libc included) equals ppcvm's text for
 * the same word and address, with branch targets named from the program's symbols.
 */
class DisassemblerObjdumpTest {

    @Test
    void everyLineOfAStaticCxxBinaryMatchesObjdump(@TempDir Path dir) throws Exception {
        Path binary = CrossTools.buildSample(dir);
        CrossTools.require(CrossTools.NM);
        List<ObjdumpLine> lines = CrossTools.disassemble(binary);
        NmSymbols symbols = NmSymbols.parse(CrossTools.run(List.of(CrossTools.NM, "-n", binary.toString())));

        List<String> mismatches = new ArrayList<>();
        for (ObjdumpLine line : lines) {
            String ours = Disassembler.disassemble(line.word(), line.address(), symbols);
            if (!ours.equals(line.text())) {
                mismatches.add(Mismatch.describe(line, ours));
            }
        }
        assertThat(lines).hasSizeGreaterThan(100_000);
        if (!mismatches.isEmpty()) {
            fail(Mismatch.summary(mismatches, lines.size()));
        }
    }
}
