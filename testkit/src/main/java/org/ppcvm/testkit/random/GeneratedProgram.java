package org.ppcvm.testkit.random;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A generated test program: its blocks and the data they share.
 *
 * @param seed the seed it was generated from
 * @param settings its size
 * @param blocks its blocks in order
 * @param scratchImage the scratch area's contents at the start of every block (big-endian words)
 * @param floatPool the edge and random FP values blocks load and reload operands from
 */
public record GeneratedProgram(
        long seed,
        GeneratorSettings settings,
        List<GeneratedBlock> blocks,
        List<Integer> scratchImage,
        List<FloatValue> floatPool) {

    public GeneratedProgram {
        blocks = List.copyOf(blocks);
        scratchImage = List.copyOf(scratchImage);
        floatPool = List.copyOf(floatPool);
    }

    /**
     * The program's assembly source ({@code .S}) for {@code variant}.
     *
     * <p>Where qemu's copy has more instructions than ppcvm's (replacements and corrections),
     * ppcvm's copy gets as many {@code nop}s, so that every label, and so every address a
     * register can hold (branch targets, LR after {@code bcl}, the data areas), is the same in
     * both binaries.
     */
    public String source(SourceVariant variant) {
        StringBuilder out = new StringBuilder(blocks.size() * 6000);
        Harness.appendEntry(out, seed);
        for (GeneratedBlock block : blocks) {
            Harness.appendBlockEntry(out, block.index());
            for (AsmLine line : block.body()) {
                String text = line.text(variant);
                int padding = instructionCount(line.qemuText()) - instructionCount(line.ppcvmText());
                if (padding < 0) {
                    throw new IllegalStateException("qemu's copy must not be shorter: " + line);
                }
                if (!text.isEmpty()) {
                    for (String l : text.split("\n", -1)) {
                        out.append(l.endsWith(":") ? "" : "\t").append(l).append('\n');
                    }
                }
                if (variant == SourceVariant.PPCVM) {
                    out.append("\tnop\n".repeat(padding));
                }
            }
            Harness.appendBlockExit(out);
        }
        Harness.appendSubroutines(out);
        Harness.appendData(out, scratchImage, floatPool);
        for (GeneratedBlock block : blocks) {
            Harness.appendInitTable(out, block.index(), block.initial());
        }
        return out.toString();
    }

    /** Instructions in a line's text: every line but labels (all generated lines are single instructions). */
    static int instructionCount(String text) {
        if (text.isEmpty()) {
            return 0;
        }
        int n = 0;
        for (String l : text.split("\n", -1)) {
            if (!l.isEmpty() && !l.endsWith(":")) {
                n++;
            }
        }
        return n;
    }

    /** How many instructions under test the program has. */
    public int testedCount() {
        return blocks.stream().mapToInt(GeneratedBlock::testedCount).sum();
    }

    /** How often each instruction form occurs under test, sorted by form. */
    public Map<String, Integer> formCounts() {
        Map<String, Integer> counts = new TreeMap<>();
        for (GeneratedBlock b : blocks) {
            for (String form : b.testedForms()) {
                counts.merge(form, 1, Integer::sum);
            }
        }
        return counts;
    }
}
