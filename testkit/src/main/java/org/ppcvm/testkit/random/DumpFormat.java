package org.ppcvm.testkit.random;

import java.util.ArrayList;
import java.util.List;

/** Parses the harness's output: one line of {@value Harness#RECORD_WORDS} hex words per block. */
public final class DumpFormat {
    private DumpFormat() {}

    /** Parses every line of {@code stdout}; a malformed line is an error naming its number. */
    public static List<StateDump> parse(String stdout) {
        List<StateDump> dumps = new ArrayList<>();
        String[] lines = stdout.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (i == lines.length - 1 && lines[i].isEmpty()) {
                break;
            }
            dumps.add(parseLine(lines[i], i + 1));
        }
        return dumps;
    }

    static StateDump parseLine(String line, int lineNumber) {
        int expected = Harness.RECORD_WORDS * 8;
        if (line.length() != expected) {
            throw new IllegalArgumentException("dump line " + lineNumber + ": " + line.length()
                    + " characters, expected " + expected + ": " + abbreviate(line));
        }
        int[] w = new int[Harness.RECORD_WORDS];
        for (int i = 0; i < w.length; i++) {
            try {
                w[i] = Integer.parseUnsignedInt(line.substring(8 * i, 8 * i + 8), 16);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("dump line " + lineNumber + ": word " + i + " is not hex", e);
            }
        }
        List<Integer> gpr = new ArrayList<>();
        for (int r = 0; r < 32; r++) {
            gpr.add(w[Harness.REC_GPR + r]);
        }
        List<Long> fpr = new ArrayList<>();
        for (int f = 0; f < 32; f++) {
            int at = Harness.REC_FPR + 2 * f;
            fpr.add((long) w[at] << 32 | Integer.toUnsignedLong(w[at + 1]));
        }
        List<Integer> memory = new ArrayList<>();
        for (int c = 0; c < Harness.MEMORY_CHUNKS; c++) {
            memory.add(w[Harness.REC_MEMORY + c]);
        }
        MachineState state = new MachineState(
                gpr,
                w[Harness.REC_CR],
                w[Harness.REC_XER],
                w[Harness.REC_LR],
                w[Harness.REC_CTR],
                w[Harness.REC_FPSCR],
                fpr);
        return new StateDump(w[Harness.REC_BLOCK], state, memory);
    }

    /** Formats {@code dump} exactly as the harness prints it (without the newline). */
    public static String format(StateDump dump) {
        StringBuilder out = new StringBuilder(Harness.RECORD_WORDS * 8);
        MachineState s = dump.state();
        appendWord(out, dump.block());
        for (int g : s.gpr()) {
            appendWord(out, g);
        }
        for (int v : new int[] {s.cr(), s.xer(), s.lr(), s.ctr(), s.fpscr()}) {
            appendWord(out, v);
        }
        for (long f : s.fpr()) {
            appendWord(out, (int) (f >>> 32));
            appendWord(out, (int) f);
        }
        for (int m : dump.memoryChecksums()) {
            appendWord(out, m);
        }
        return out.toString();
    }

    private static void appendWord(StringBuilder out, int word) {
        String hex = Integer.toHexString(word);
        out.append("0".repeat(8 - hex.length())).append(hex);
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }
}
