package org.ppcvm.testkit.random;

import java.util.List;
import java.util.Locale;

/**
 * One block of a generated program.
 *
 * @param index the block's position (the harness numbers its dumps the same way)
 * @param initial the state the block starts from; FPSCR as it reads after loading (FEX and VX
 *     computed)
 * @param singleDomain which FPRs hold only single-representable values in this block
 * @param body the block's lines between loading and dumping
 */
public record GeneratedBlock(int index, MachineState initial, List<Boolean> singleDomain, List<AsmLine> body) {

    public GeneratedBlock {
        singleDomain = List.copyOf(singleDomain);
        body = List.copyOf(body);
    }

    /** The instruction forms under test, in program order. */
    public List<String> testedForms() {
        return body.stream()
                .filter(l -> l.role() == AsmLine.Role.TESTED)
                .map(AsmLine::form)
                .toList();
    }

    /** How many instructions under test the block has. */
    public int testedCount() {
        return (int) body.stream().filter(l -> l.role() == AsmLine.Role.TESTED).count();
    }

    /**
     * The block for a failure report: initial state, then ppcvm's lines (tested ones marked
     * {@code *}, fix-ups {@code ~}), with qemu's replacements shown indented and its corrections
     * ({@link QemuCorrections}) summarised.
     */
    public String describe() {
        StringBuilder out = new StringBuilder();
        MachineState s = initial;
        out.append("initial state:\n");
        for (int i = 0; i < 32; i += 4) {
            out.append("  ");
            for (int j = i; j < i + 4; j++) {
                out.append(String.format(Locale.ROOT, "r%-2d=%08x  ", j, s.gpr().get(j)));
            }
            out.append('\n');
        }
        out.append(String.format(
                Locale.ROOT,
                "  cr=%08x xer=%08x lr=%08x ctr=%08x fpscr=%08x%n",
                s.cr(),
                s.xer(),
                s.lr(),
                s.ctr(),
                s.fpscr()));
        for (int i = 0; i < 32; i += 4) {
            out.append("  ");
            for (int j = i; j < i + 4; j++) {
                out.append(String.format(
                        Locale.ROOT, "f%-2d=%016x%s ", j, s.fpr().get(j), singleDomain.get(j) ? "s" : " "));
            }
            out.append('\n');
        }
        out.append("body (* under test, ~ fix-up; > what qemu's copy runs instead or in addition):\n");
        for (AsmLine line : body) {
            String mark = switch (line.role()) {
                case TESTED -> "* ";
                case FIXUP -> "~ ";
                case SETUP, LABEL, QEMU_CORRECTION -> "  ";
            };
            if (!line.ppcvmText().isEmpty()) {
                out.append(line.role() == AsmLine.Role.LABEL ? "" : "  ")
                        .append(mark)
                        .append(line.ppcvmText())
                        .append('\n');
            }
            if (!line.qemuText().equals(line.ppcvmText())) {
                String[] q = line.qemuText().split("\n", -1);
                if (line.role() == AsmLine.Role.QEMU_CORRECTION && q.length > 3) {
                    out.append("      > (").append(q.length).append(" lines of qemu correction)\n");
                } else {
                    for (String l : q) {
                        out.append("      > ").append(l).append('\n');
                    }
                }
            }
        }
        return out.toString();
    }
}
