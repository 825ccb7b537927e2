package org.ppcvm.testkit.random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class GeneratorTest {
    private static final GeneratorSettings SMALL = new GeneratorSettings(60, 40);

    @Test
    void sameSeedGivesTheSameProgram() {
        GeneratedProgram a = new RandomProgramGenerator(SMALL).generate(42);
        GeneratedProgram b = new RandomProgramGenerator(SMALL).generate(42);
        for (SourceVariant v : SourceVariant.values()) {
            assertThat(a.source(v)).isEqualTo(b.source(v));
        }
    }

    @Test
    void differentSeedsGiveDifferentPrograms() {
        assertThat(new RandomProgramGenerator(SMALL).generate(1).source(SourceVariant.PPCVM))
                .isNotEqualTo(new RandomProgramGenerator(SMALL).generate(2).source(SourceVariant.PPCVM));
    }

    @Test
    void everyBlockHasAtLeastTheRequestedInstructions() {
        GeneratedProgram p = new RandomProgramGenerator(SMALL).generate(3);
        assertThat(p.blocks()).hasSize(60);
        assertThat(p.blocks()).allSatisfy(b -> assertThat(b.testedCount()).isGreaterThanOrEqualTo(40));
        assertThat(p.testedCount())
                .isEqualTo(p.blocks().stream()
                        .mapToInt(GeneratedBlock::testedCount)
                        .sum());
    }

    /** Same code size in both copies is what keeps addresses (and so register values) equal. */
    @Test
    void bothCopiesHaveTheSameNumberOfInstructions() {
        GeneratedProgram p = new RandomProgramGenerator(SMALL).generate(4);
        assertThat(instructions(p.source(SourceVariant.PPCVM)))
                .isEqualTo(instructions(p.source(SourceVariant.QEMU)))
                .isGreaterThan(60 * 40);
        long replaced = p.blocks().stream()
                .flatMap(b -> b.body().stream())
                .filter(l -> !l.ppcvmText().equals(l.qemuText()))
                .count();
        assertThat(replaced).as("lines that differ between the copies").isPositive();
    }

    private static int instructions(String source) {
        int n = 0;
        for (String line : source.substring(0, source.indexOf("\t.data")).split("\n", -1)) {
            if (line.startsWith("\t") && !line.startsWith("\t.")) {
                n++;
            }
        }
        return n;
    }

    /** r1 and r2 belong to the harness: no line of a block body may write them. */
    @Test
    void harnessRegistersAreNeverWritten() {
        GeneratedProgram p = new RandomProgramGenerator(new GeneratorSettings(200, 50)).generate(5);
        List<String> offenders = new ArrayList<>();
        int lines = 0;
        for (GeneratedBlock b : p.blocks()) {
            // The byte count of the last mtxer of a constant, which is how string units set it.
            Integer[] constants = new Integer[32];
            int xerCount = 127;
            for (AsmLine line : b.body()) {
                for (String text : (line.ppcvmText() + "\n" + line.qemuText()).split("\n", -1)) {
                    Matcher k = CONSTANT.matcher(text);
                    if (k.matches()) {
                        int r = Integer.parseInt(k.group(2));
                        int v = Integer.decode(k.group(4));
                        constants[r] = switch (k.group(1)) {
                            case "li" -> v;
                            case "lis" -> v << 16;
                            default -> constants[r] == null ? null : constants[r] | v;
                        };
                    } else if (text.startsWith("mtxer %r")) {
                        Integer v = constants[gpr(text.substring(6))];
                        xerCount = v == null ? 127 : v & 0x7F;
                    } else {
                        for (int r : writtenGprs(text, xerCount)) {
                            constants[r] = null;
                        }
                    }
                    List<Integer> written = writtenGprs(text, xerCount);
                    if (written.contains(Harness.HARNESS_GPR) || written.contains(Harness.BASE_GPR)) {
                        offenders.add("block " + b.index() + ": " + text);
                    }
                    lines++;
                }
            }
        }
        assertThat(offenders).isEmpty();
        assertThat(lines).isGreaterThan(10_000);
    }

    private static final Pattern CONSTANT = Pattern.compile("(li|lis|ori) %r(\\d+),(%r\\d+,)?(-?\\d+|0x[0-9a-f]+)");
    private static final Pattern UPDATE_FORM = Pattern.compile("(lbz|lhz|lha|lwz|stb|sth|stw|lfs|lfd|stfs|stfd)ux?");
    private static final Pattern NO_GPR_WRITTEN = Pattern.compile("cmp.*|mt.*|b|bc.*|cr.*|mcr.*|fcmp.*|nop");
    private static final Pattern BASE = Pattern.compile(".*\\(%r(\\d+)\\)");

    /** The GPRs a line of generated assembly writes, with XER's byte count {@code xerCount}. */
    static List<Integer> writtenGprs(String text, int xerCount) {
        String[] parts = text.split(" ", 2);
        if (parts.length < 2 || text.endsWith(":")) {
            return List.of();
        }
        String mnemonic = parts[0];
        String[] ops = parts[1].split(",", -1);
        List<Integer> written = new ArrayList<>();
        if (UPDATE_FORM.matcher(mnemonic).matches()) {
            Matcher base = BASE.matcher(ops[1]);
            written.add(gpr(base.matches() ? "%r" + base.group(1) : ops[1]));
        }
        if (mnemonic.equals("lmw")) {
            for (int r = gpr(ops[0]); r < 32; r++) {
                written.add(r);
            }
        } else if (mnemonic.equals("lswi") || mnemonic.equals("lswx")) {
            int bytes = mnemonic.equals("lswi") ? (Integer.parseInt(ops[2]) + 31) % 32 + 1 : xerCount;
            for (int i = 0; i < (bytes + 3) / 4; i++) {
                written.add((gpr(ops[0]) + i) % 32);
            }
        } else if (!mnemonic.startsWith("st")
                && !NO_GPR_WRITTEN.matcher(mnemonic).matches()
                && ops[0].startsWith("%r")) {
            written.add(gpr(ops[0]));
        }
        return written;
    }

    private static int gpr(String operand) {
        return Integer.parseInt(operand.replace("%r", ""));
    }

    @Test
    void unitFilterRestrictsTheForms() {
        GeneratedProgram p = new RandomProgramGenerator(new GeneratorSettings(20, 30, Set.of("fp-moves"))).generate(6);
        assertThat(p.formCounts().keySet())
                .isSubsetOf("fmr", "fmr.", "fneg", "fneg.", "fabs", "fabs.", "fnabs", "fnabs.");
        assertThatThrownBy(() -> new GeneratorSettings(1, 1, Set.of("no-such-unit")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no-such-unit");
    }

    /** Single-precision arithmetic may only read registers of the block's single domain. */
    @Test
    void singlePrecisionInputsComeFromTheSingleDomain() {
        GeneratedProgram p = new RandomProgramGenerator(new GeneratorSettings(200, 50)).generate(7);
        Pattern single = Pattern.compile("^(f(?:add|sub|mul|div|madd|msub|nmadd|nmsub|sqrt|re)s\\.?) %f\\d+,(.*)$");
        int checked = 0;
        for (GeneratedBlock b : p.blocks()) {
            for (AsmLine line : b.body()) {
                Matcher m = single.matcher(line.ppcvmText());
                if (line.role() == AsmLine.Role.TESTED && m.matches()) {
                    for (String operand : m.group(2).split(",", -1)) {
                        int f = Integer.parseInt(operand.replace("%f", ""));
                        assertThat(b.singleDomain().get(f))
                                .as("block %d: %s reads f%d", b.index(), line.ppcvmText(), f)
                                .isTrue();
                    }
                    checked++;
                }
            }
        }
        assertThat(checked).isGreaterThan(100);
    }

    /** Only single-representable values are written to single-domain registers. */
    @Test
    void singleDomainRegistersOnlyReceiveSingleValues() {
        GeneratedProgram p = new RandomProgramGenerator(new GeneratorSettings(200, 50)).generate(8);
        Pattern writesFpr = Pattern.compile("^(\\S+) %f(\\d+)(?:,(.*))?$");
        Pattern singleResult =
                Pattern.compile("f(add|sub|mul|div|madd|msub|nmadd|nmsub|sqrt|re)s\\.?|frsp\\.?|lfsu?x?");
        Pattern moves = Pattern.compile("(fmr|fneg|fabs|fnabs|fsel)\\.?");
        List<String> offenders = new ArrayList<>();
        for (GeneratedBlock b : p.blocks()) {
            for (AsmLine line : b.body()) {
                Matcher m = writesFpr.matcher(line.ppcvmText());
                if (!m.matches() || m.group(1).startsWith("st") || m.group(1).startsWith("fcmp")) {
                    continue;
                }
                int ft = Integer.parseInt(m.group(2));
                if (!b.singleDomain().get(ft)) {
                    continue;
                }
                String mnemonic = m.group(1);
                boolean ok = singleResult.matcher(mnemonic).matches()
                        || (mnemonic.equals("lfd") && m.group(3).contains("fpool+"))
                        || (moves.matcher(mnemonic).matches() && movedFromSingles(b, mnemonic, m.group(3)));
                if (!ok) {
                    offenders.add("block " + b.index() + ": " + line.ppcvmText());
                }
            }
        }
        assertThat(offenders).isEmpty();
    }

    private static boolean movedFromSingles(GeneratedBlock b, String mnemonic, String operands) {
        String[] ops = operands.split(",", -1);
        // fsel FRT,FRA,FRC,FRB selects FRC or FRB; the moves read FRB only.
        List<String> sources = mnemonic.startsWith("fsel") ? List.of(ops[1], ops[2]) : List.of(ops[0]);
        return sources.stream().allMatch(f -> b.singleDomain().get(Integer.parseInt(f.replace("%f", ""))));
    }

    @Test
    void writtenGprsParsesTheForms() {
        assertThat(writtenGprs("lwzu %r5,8(%r7)", 0)).containsExactly(7, 5);
        assertThat(writtenGprs("stwux %r5,%r7,%r9", 0)).containsExactly(7);
        assertThat(writtenGprs("stw %r5,8(%r1)", 0)).isEmpty();
        assertThat(writtenGprs("lmw %r29,0(%r2)", 0)).containsExactly(29, 30, 31);
        assertThat(writtenGprs("lswi %r30,%r5,9", 0)).containsExactly(30, 31, 0);
        assertThat(writtenGprs("cmpw 3,0,%r1,%r2", 0)).isEmpty();
        assertThat(writtenGprs("addi %r2,%r2,8", 0)).containsExactly(2);
        assertThat(writtenGprs("lswx %r30,0,%r5", 9)).containsExactly(30, 31, 0);
        assertThat(writtenGprs("lswi %r31,%r5,0", 0)).hasSize(8).contains(31, 0, 1, 6);
    }
}
