package org.ppcvm.testkit.random;

import static org.assertj.core.api.Assertions.fail;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.ppcvm.testkit.PpcvmRunner;

/**
 * ppcvm against {@code qemu-ppc -cpu 7457} on random programs: 10 fixed seeds of 400 blocks x 50
 * instructions (200,000 instructions under test). {@code -Dppcvm.seed=0x1234} (or a
 * comma-separated list, decimal or 0x-hex) runs those seeds instead, e.g. to reproduce a report.
 *
 * <p>A failure names the seed and the first differing block, lists the differing registers, and
 * prints the block: its initial state and its instructions.
 */
@Tag("differential")
class RandomInstructionDifferentialTest {
    static final List<Long> DEFAULT_SEEDS = List.of(
            0x5EED_0001L,
            0x5EED_0002L,
            0x5EED_0003L,
            0x5EED_0004L,
            0x5EED_0005L,
            0xC0FFEEL,
            0xFACADEL,
            0x1234_5678L,
            0x0BAD_CAFEL,
            0x7457L);

    static final String SEED_PROPERTY = "ppcvm.seed";

    static Stream<String> seeds() {
        String chosen = System.getProperty(SEED_PROPERTY, "").strip();
        Stream<Long> seeds = chosen.isEmpty()
                ? DEFAULT_SEEDS.stream()
                : Arrays.stream(chosen.split(",", -1)).map(RandomInstructionDifferentialTest::parseSeed);
        return seeds.map(s -> "0x" + Long.toHexString(s));
    }

    /** A seed in decimal or as 0x-hex (all 64 bits, as failure reports print it). */
    static long parseSeed(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        return t.startsWith("0x") ? Long.parseUnsignedLong(t.substring(2), 16) : Long.parseLong(t);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void ppcvmMatchesQemu(String seed) {
        GeneratedProgram program = new RandomProgramGenerator(GeneratorSettings.DEFAULT).generate(parseSeed(seed));
        RandomDifferential.Binaries binaries = Probes.differential().build(program);
        int blocks = program.blocks().size();
        RandomDifferential.Execution oracle =
                RandomDifferential.run(RandomDifferential.oracle(), binaries.qemu(), blocks);
        RandomDifferential.Execution subject =
                RandomDifferential.run(PpcvmRunner.fromThisJvm(), binaries.ppcvm(), blocks);
        RandomDifferential.compare(program, binaries, oracle, subject).ifPresent(report -> fail(report));
    }
}
