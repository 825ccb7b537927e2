package org.ppcvm.testkit.random;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.ppcvm.testkit.QemuUser;

/** The qemu side of the differential test: deterministic, sensitive, and its replacements right. */
class QemuOracleTest {

    @Test
    void theSameProgramRunTwiceGivesTheSameDumps() {
        GeneratedProgram p = new RandomProgramGenerator(new GeneratorSettings(150, 50)).generate(0xD0D0);
        RandomDifferential.Binaries bin = Probes.differential().build(p);
        RandomDifferential.Execution first = RandomDifferential.run(RandomDifferential.oracle(), bin.qemu(), 150);
        RandomDifferential.Execution second = RandomDifferential.run(RandomDifferential.oracle(), bin.qemu(), 150);
        assertThat(first.problem()).isEmpty();
        assertThat(second.result()).isEqualTo(first.result());
        assertThat(RandomDifferential.compare(p, bin, first, second)).isEmpty();
    }

    /**
     * Flipping one bit of one register at the end of block 37 makes the comparison fail there, and
     * only there, naming the seed, the block, the register and the block's instructions.
     */
    @Test
    void aChangedInstructionIsReportedInItsBlock() {
        GeneratedProgram p = new RandomProgramGenerator(new GeneratorSettings(60, 50)).generate(0xBAD);
        GeneratedProgram original = appendToBlock(p, 37, "nop");
        GeneratedProgram mutated = appendToBlock(p, 37, "xori %r31,%r31,0x8000");
        RandomDifferential.Binaries a = Probes.differential().build(original, "mutation-original");
        RandomDifferential.Binaries b = Probes.differential().build(mutated, "mutation-changed");
        RandomDifferential.Execution oracle = RandomDifferential.run(RandomDifferential.oracle(), a.qemu(), 60);
        RandomDifferential.Execution subject = RandomDifferential.run(RandomDifferential.oracle(), b.qemu(), 60);
        Optional<String> report = RandomDifferential.compare(mutated, b, oracle, subject);
        assertThat(report).isPresent();
        assertThat(report.get())
                .contains("seed 0xbad", "-Dppcvm.seed=0xbad", "block 37 of 60", "differ in 1 places")
                .contains("r31", "differing bits 00008000", "xori %r31,%r31,0x8000")
                .contains("1 blocks differ in all: [37]");
    }

    private static GeneratedProgram appendToBlock(GeneratedProgram p, int index, String text) {
        List<GeneratedBlock> blocks = new ArrayList<>(p.blocks());
        GeneratedBlock b = blocks.get(index);
        List<AsmLine> body = new ArrayList<>(b.body());
        body.add(new AsmLine(AsmLine.Role.TESTED, text, text, text.split(" ", 2)[0]));
        blocks.set(index, new GeneratedBlock(b.index(), b.initial(), b.singleDomain(), body));
        return new GeneratedProgram(p.seed(), p.settings(), blocks, p.scratchImage(), p.floatPool());
    }

    /**
     * qemu's e500mc model implements isel natively: ppcvm's copy run there must match qemu's copy
     * (isel replaced) run as a 7457, on units both models implement the same way: no string
     * instructions or fsqrt, which e500mc lacks, and no FP instructions that qemu's copy corrects
     * (arithmetic, compares, mtfsb1). This also checks the nop padding.
     */
    @Test
    void nativeIselOnE500mcMatchesTheReplacementOn7457() {
        Set<String> units = new HashSet<>(RandomProgramGenerator.UNIT_NAMES);
        units.removeAll(List.of(
                "string",
                "popcntb",
                "fp-sqrt-estimates",
                "fp-compare",
                "fp-arithmetic",
                "fp-multiply-add",
                "fp-select-round-convert",
                "fpscr"));
        GeneratedProgram p = new RandomProgramGenerator(new GeneratorSettings(200, 50, units)).generate(0xE500);
        assertThat(p.formCounts()).containsKey("isel");
        RandomDifferential.Binaries bin = Probes.differential().build(p);
        RandomDifferential.Execution oracle = RandomDifferential.run(RandomDifferential.oracle(), bin.qemu(), 200);
        RandomDifferential.Execution e500mc =
                RandomDifferential.run(QemuUser.fromPath().withCpu("e500mc"), bin.ppcvm(), 200);
        assertThat(RandomDifferential.compare(p, bin, oracle, e500mc)).isEmpty();
    }

    /** No qemu-ppc model has popcntb: its replacement is checked against the definition here. */
    @Test
    void popcntbReplacementCountsTheBitsOfEachByte() {
        Random rng = new Random(11);
        List<GeneratedBlock> blocks = new ArrayList<>();
        List<List<Integer>> inputs = new ArrayList<>();
        for (int b = 0; b < 20; b++) {
            MachineState s = Probes.zeroState();
            List<Integer> in = new ArrayList<>();
            List<AsmLine> body = new ArrayList<>();
            for (int i = 0; i < 13; i++) {
                int value = b == 0 && i < EdgeValues.WORDS.size() ? EdgeValues.WORDS.get(i) : EdgeValues.word(rng);
                in.add(value);
                s = Probes.withGpr(s, 3 + i, value);
                // rs = r3..r15, ra = r16..r28, temporaries r29..r31.
                String text = "popcntb %r" + (16 + i) + ",%r" + (3 + i);
                body.add(new AsmLine(
                        AsmLine.Role.TESTED,
                        text,
                        IntegerUnits.popcntbReplacement(16 + i, 3 + i, 29, 30, 31),
                        "popcntb"));
            }
            s = Probes.withGpr(s, 29, 0x2929);
            s = Probes.withGpr(s, 30, 0x3030);
            s = Probes.withGpr(s, 31, 0x3131);
            inputs.add(in);
            blocks.add(Probes.block(b, s, body));
        }
        List<StateDump> dumps = Probes.run(
                Probes.program(0x9090, blocks), "popcntb-replacement", SourceVariant.QEMU, RandomDifferential.oracle());
        for (int b = 0; b < blocks.size(); b++) {
            List<Integer> gpr = dumps.get(b).state().gpr();
            for (int i = 0; i < 13; i++) {
                assertThat(gpr.get(16 + i))
                        .as("popcntb of %08x", inputs.get(b).get(i))
                        .isEqualTo(popcntb(inputs.get(b).get(i)));
                assertThat(gpr.get(3 + i)).isEqualTo(inputs.get(b).get(i));
            }
            assertThat(gpr.subList(29, 32)).containsExactly(0x2929, 0x3030, 0x3131);
        }
    }

    /** Power ISA Book I, Population Count Bytes: each result byte is its source byte's one-bit count. */
    private static int popcntb(int x) {
        int result = 0;
        for (int byteIndex = 0; byteIndex < 4; byteIndex++) {
            result |= Integer.bitCount((x >>> (8 * byteIndex)) & 0xFF) << (8 * byteIndex);
        }
        return result;
    }
}
