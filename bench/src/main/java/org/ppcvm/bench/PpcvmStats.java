package org.ppcvm.bench;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code ppcvm run --stats} prints on stderr at exit: {@code ppcvm: N instructions in S s (M
 * million per second)}.
 *
 * @param instructions the guest instructions executed
 * @param seconds the time ppcvm measured from the first instruction to the exit (no JVM start-up,
 *     no ELF loading)
 */
public record PpcvmStats(long instructions, double seconds) {
    // The seconds are printed with the JVM's default locale, which may use a decimal comma.
    private static final Pattern LINE = Pattern.compile("(?m)^ppcvm: (\\d+) instructions in (\\d+)[.,](\\d+) s \\(");

    /** The last statistics line in {@code stderr}, if there is one. */
    public static Optional<PpcvmStats> parse(String stderr) {
        Matcher m = LINE.matcher(stderr);
        Optional<PpcvmStats> last = Optional.empty();
        while (m.find()) {
            last = Optional.of(
                    new PpcvmStats(Long.parseLong(m.group(1)), Double.parseDouble(m.group(2) + "." + m.group(3))));
        }
        return last;
    }

    /** Guest instructions per second, in millions. */
    public double mips() {
        return instructions / seconds / 1e6;
    }
}
