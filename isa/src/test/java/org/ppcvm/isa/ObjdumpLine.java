package org.ppcvm.isa;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One instruction line of {@code objdump -d} output: section, address, word and text column. */
record ObjdumpLine(String section, int address, int word, String text) {
    private static final Pattern SECTION = Pattern.compile("^Disassembly of section (\\S+):$");
    private static final Pattern INSTRUCTION =
            Pattern.compile("^ *([0-9a-f]+):\t([0-9a-f]{2}) ([0-9a-f]{2}) ([0-9a-f]{2}) ([0-9a-f]{2}) \t(.*)$");

    /** Every four-byte instruction line of the listing, in order. */
    static List<ObjdumpLine> parse(String listing) {
        List<ObjdumpLine> lines = new ArrayList<>();
        String section = "";
        for (String line : listing.split("\n", -1)) {
            Matcher s = SECTION.matcher(line);
            if (s.matches()) {
                section = s.group(1);
                continue;
            }
            Matcher m = INSTRUCTION.matcher(line);
            if (m.matches()) {
                int word = Integer.parseUnsignedInt(m.group(2) + m.group(3) + m.group(4) + m.group(5), 16);
                lines.add(new ObjdumpLine(section, Integer.parseUnsignedInt(m.group(1), 16), word, m.group(6)));
            }
        }
        return lines;
    }

    /** Whether objdump found no instruction in the word. */
    boolean undecodable() {
        return text.startsWith(".long");
    }
}
