package org.ppcvm.testkit.random;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.ppcvm.testkit.Tools;

/** The harness itself, checked under qemu-ppc against values computed here. */
class HarnessSanityTest {

    /**
     * With empty block bodies, every dump must be exactly the state the generator chose (with
     * FPSCR[VX] summarising the invalid-operation bits) and the scratch checksums those of the
     * image: loading and dumping lose nothing.
     */
    @Test
    void anEmptyBlockDumpsTheStateItLoaded() {
        GeneratedProgram p = new RandomProgramGenerator(new GeneratorSettings(80, 0)).generate(0xB10C);
        List<StateDump> dumps = Probes.run(p, "harness-sanity", SourceVariant.QEMU, RandomDifferential.oracle());
        List<Integer> checksums = new ArrayList<>();
        int words = Harness.MEMORY_CHUNK_BYTES / 4;
        for (int c = 0; c < Harness.MEMORY_CHUNKS; c++) {
            checksums.add(Harness.chunkChecksum(p.scratchImage().subList(c * words, (c + 1) * words)));
        }
        assertThat(dumps).hasSize(80);
        for (GeneratedBlock b : p.blocks()) {
            StateDump d = dumps.get(b.index());
            assertThat(d.block()).isEqualTo(b.index());
            MachineState expected = b.initial();
            MachineState actual = d.state();
            for (int r = 0; r < 32; r++) {
                if (r != Harness.HARNESS_GPR && r != Harness.BASE_GPR) {
                    assertThat(actual.gpr().get(r))
                            .as("block %d r%d", b.index(), r)
                            .isEqualTo(expected.gpr().get(r));
                }
            }
            assertThat(actual.fpr()).as("block %d FPRs", b.index()).isEqualTo(expected.fpr());
            assertThat(actual.cr()).isEqualTo(expected.cr());
            assertThat(actual.xer() & Harness.XER_DEFINED).isEqualTo(expected.xer());
            assertThat(actual.lr()).isEqualTo(expected.lr());
            assertThat(actual.ctr()).isEqualTo(expected.ctr());
            assertThat(actual.fpscr()).as("block %d FPSCR", b.index()).isEqualTo(expected.fpscr());
            assertThat(d.memoryChecksums()).isEqualTo(checksums);
        }
        // The FP pool holds single and double NaNs, denormals and infinities: all survive the trip.
        assertThat(p.blocks().stream()
                        .flatMap(b -> b.initial().fpr().stream())
                        .distinct()
                        .count())
                .isGreaterThan(200);
    }

    /** ppcvm's copy is padded with nops so that every symbol has the same address in both. */
    @Test
    void bothCopiesHaveTheSameSymbolAddresses() throws IOException, InterruptedException {
        Path nm = Tools.assumeAvailable("powerpc-linux-gnu-nm");
        GeneratedProgram p = new RandomProgramGenerator(new GeneratorSettings(100, 50)).generate(0x5B);
        RandomDifferential.Binaries binaries = Probes.differential().build(p);
        String ppcvm = symbols(nm, binaries.ppcvm());
        assertThat(ppcvm).contains(" harness", " scratch", " init_99", " load_state", " dump");
        assertThat(symbols(nm, binaries.qemu())).isEqualTo(ppcvm);
    }

    private static String symbols(Path nm, Path binary) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(nm.toString(), binary.toString())
                .redirectErrorStream(true)
                .start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return out;
    }
}
