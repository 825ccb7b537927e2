package org.ppcvm.testkit.gdb;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Expected gdb output as a template: literal text in which {@code {hex}} stands for an address
 * ({@code 0x} and hex digits), {@code {dec}} for a decimal number (possibly negative), {@code
 * {line}} for the rest of a line, and {@code {process}} for how gdb names the inferior: {@code
 * process N}, or {@code Remote target} when the stub does not report process ids (no {@code
 * multiprocess+}). Everything else must match exactly, newlines included.
 */
final class Expect {
    private static final Pattern HOLE = Pattern.compile("\\{(hex|dec|line|process)\\}");

    private Expect() {}

    /** The pattern that matches whole outputs of the form {@code template}. */
    static Pattern template(String template) {
        StringBuilder regex = new StringBuilder();
        Matcher m = HOLE.matcher(template);
        int last = 0;
        while (m.find()) {
            regex.append(Pattern.quote(template.substring(last, m.start())));
            regex.append(
                    switch (m.group(1)) {
                        case "hex" -> "0x[0-9a-f]+";
                        case "dec" -> "-?[0-9]+";
                        case "process" -> "(?:process [0-9]+|Remote target)";
                        default -> "[^\\n]*";
                    });
            last = m.end();
        }
        regex.append(Pattern.quote(template.substring(last)));
        return Pattern.compile(regex.toString());
    }
}
