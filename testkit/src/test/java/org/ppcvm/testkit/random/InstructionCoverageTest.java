package org.ppcvm.testkit.random;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.ppcvm.testkit.Tools;

/** The generator produces every instruction form of the catalog, and nothing else. */
class InstructionCoverageTest {

    @Test
    void everyDefaultSeedCoversTheWholeCatalog() {
        Set<String> required = new TreeSet<>(InstructionCatalog.requiredForms());
        assertThat(required).hasSize(InstructionCatalog.requiredForms().size());
        Map<String, Integer> total = new TreeMap<>();
        long instructions = 0;
        for (long seed : RandomInstructionDifferentialTest.DEFAULT_SEEDS) {
            GeneratedProgram p = new RandomProgramGenerator(GeneratorSettings.DEFAULT).generate(seed);
            Set<String> generated = p.formCounts().keySet();
            assertThat(generated).as("seed 0x%x", seed).containsAll(required);
            assertThat(required)
                    .as("seed 0x%x generates only catalog forms", seed)
                    .containsAll(generated);
            p.formCounts().forEach((form, n) -> total.merge(form, n, Integer::sum));
            instructions += p.testedCount();
        }
        assertThat(instructions).isGreaterThanOrEqualTo(200_000);
        System.out.println(coverageReport(total, instructions));
    }

    private static String coverageReport(Map<String, Integer> counts, long instructions) {
        StringBuilder out = new StringBuilder(String.format(
                Locale.ROOT,
                "random-instruction coverage: %d forms, %d instructions under test over %d seeds%n",
                counts.size(),
                instructions,
                RandomInstructionDifferentialTest.DEFAULT_SEEDS.size()));
        int column = 0;
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            out.append(String.format(Locale.ROOT, "%-9s%6d   ", e.getKey(), e.getValue()));
            if (++column % 6 == 0) {
                out.append('\n');
            }
        }
        return out.append('\n').toString();
    }

    private static final Pattern OBJDUMP_LINE = Pattern.compile("^\\s*[0-9a-f]+:\\t(?:[0-9a-f]{2} ){4}\\t(\\S+)(.*)$");

    /**
     * The assembler encodes what the generator claims: {@code objdump -M raw} (no extended
     * mnemonics) of ppcvm's copy shows every catalog mnemonic, and no word it cannot decode.
     */
    @Test
    void theAssembledProgramContainsEveryForm() throws IOException, InterruptedException {
        Path objdump = Tools.assumeAvailable("powerpc-linux-gnu-objdump");
        GeneratedProgram p = new RandomProgramGenerator(GeneratorSettings.DEFAULT)
                .generate(RandomInstructionDifferentialTest.DEFAULT_SEEDS.get(0));
        Path binary = Probes.differential().build(p).ppcvm();
        Process process = new ProcessBuilder(objdump.toString(), "-d", "-M", "raw", binary.toString())
                .redirectErrorStream(true)
                .start();
        String listing = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        Set<String> seen = new TreeSet<>();
        List<String> undecodable = new ArrayList<>();
        for (String line : listing.split("\n", -1)) {
            Matcher m = OBJDUMP_LINE.matcher(line);
            if (m.matches()) {
                seen.add(m.group(1));
                if (m.group(1).equals(".long")) {
                    undecodable.add(line);
                }
            }
        }
        assertThat(undecodable).isEmpty();
        Set<String> expected = new TreeSet<>();
        for (String form : InstructionCatalog.requiredForms()) {
            expected.add(InstructionCatalog.rawDisassemblyMnemonic(form));
        }
        assertThat(seen).containsAll(expected);
    }
}
