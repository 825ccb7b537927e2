package org.ppcvm.isa;

import java.util.List;

/** Readable reports of words where ppcvm's disassembly differs from objdump's. */
final class Mismatch {
    private static final int SHOWN = 20;

    private Mismatch() {}

    static String describe(ObjdumpLine line, String ours) {
        return String.format(
                "%s %08x: %08x %-10s objdump \"%s\"%n%31s ppcvm   \"%s\"",
                line.section(), line.address(), line.word(), Decoder.decode(line.word()), line.text(), "", ours);
    }

    /** The count and the first few mismatches, one per two lines. */
    static String summary(List<String> mismatches, int words) {
        StringBuilder text = new StringBuilder();
        text.append(mismatches.size())
                .append(" of ")
                .append(words)
                .append(" words differ from objdump; the first ")
                .append(Math.min(SHOWN, mismatches.size()))
                .append(":\n");
        for (String m : mismatches.subList(0, Math.min(SHOWN, mismatches.size()))) {
            text.append(m).append('\n');
        }
        return text.toString();
    }
}
