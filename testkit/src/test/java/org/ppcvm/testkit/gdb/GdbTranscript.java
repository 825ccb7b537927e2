package org.ppcvm.testkit.gdb;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one gdb printed, split at the {@code +command} lines that {@code set trace-commands on}
 * echoes: a preamble (connecting: {@code Remote debugging using ...} and where the guest stands),
 * then one {@link Section} per command with everything printed until the next one.
 */
final class GdbTranscript {
    /** The line {@link GdbClient} has gdb print with the stack pointer when it connects. */
    static final String SP_MARK = "@@sp ";

    private static final Pattern SP_LINE =
            Pattern.compile("^" + Pattern.quote(SP_MARK) + "(0x[0-9a-f]+)\\n", Pattern.MULTILINE);

    private static final Pattern PRINTED = Pattern.compile("\\$\\d+ = (.*)\n");

    /** One traced command and its output (every line after the echo, each ending in a newline). */
    record Section(String command, String output) {}

    private final String raw;
    private final String preamble;
    private final OptionalLong stackPointer;
    private final List<Section> sections;

    private GdbTranscript(String raw, String preamble, OptionalLong stackPointer, List<Section> sections) {
        this.raw = raw;
        this.preamble = preamble;
        this.stackPointer = stackPointer;
        this.sections = List.copyOf(sections);
    }

    static GdbTranscript parse(String raw) {
        List<Section> sections = new ArrayList<>();
        StringBuilder preamble = new StringBuilder();
        String command = null;
        StringBuilder output = new StringBuilder();
        for (String line : raw.split("\n", -1)) {
            if (line.startsWith("+") && !line.startsWith("++")) {
                if (command != null) {
                    sections.add(new Section(command, output.toString()));
                }
                command = line.substring(1);
                output.setLength(0);
                continue;
            }
            StringBuilder target = command == null ? preamble : output;
            target.append(line).append('\n');
        }
        if (command != null) {
            sections.add(new Section(command, trimFinalNewline(output.toString())));
        }
        String pre = command == null ? trimFinalNewline(preamble.toString()) : preamble.toString();
        OptionalLong sp = OptionalLong.empty();
        Matcher m = SP_LINE.matcher(pre);
        if (m.find()) {
            sp = OptionalLong.of(Long.decode(m.group(1)));
            pre = pre.substring(0, m.start()) + pre.substring(m.end());
        }
        return new GdbTranscript(raw, pre, sp, sections);
    }

    /** Everything gdb printed, unsplit. */
    String raw() {
        return raw;
    }

    /** What gdb printed before the first command: loading the program and connecting. */
    String preamble() {
        return preamble;
    }

    /**
     * Where gdb said the guest stood when it connected: the preamble after the {@code Remote
     * debugging using} line.
     */
    String whereConnected() {
        int remote = preamble.indexOf("Remote debugging using ");
        if (remote < 0) {
            throw new AssertionError("gdb did not connect:\n" + raw);
        }
        int next = preamble.indexOf('\n', remote);
        return next < 0 ? "" : preamble.substring(next + 1);
    }

    /** {@code $sp} when gdb connected, if gdb could read it: where the guest's stack is. */
    OptionalLong stackPointer() {
        return stackPointer;
    }

    List<Section> sections() {
        return sections;
    }

    /** The output of {@code command}, which must have run exactly once. */
    String output(String command) {
        List<String> all = outputs(command);
        if (all.size() != 1) {
            throw new AssertionError("'" + command + "' ran " + all.size() + " times, expected once, in:\n" + raw);
        }
        return all.getFirst();
    }

    /** The outputs of every run of {@code command}, in order. */
    List<String> outputs(String command) {
        return sections.stream()
                .filter(s -> s.command().equals(command))
                .map(Section::output)
                .toList();
    }

    /**
     * The output of {@code command}, which must have run exactly once, with that of the {@code
     * nested} commands it ran itself (each echoed as {@code +nested}, like a command of the script):
     * {@code thread apply all bt} runs {@code bt} once per thread. The nested echoes stay in.
     */
    String outputWithNested(String command, int nested) {
        int at = -1;
        for (int i = 0; i < sections.size(); i++) {
            if (sections.get(i).command().equals(command)) {
                if (at >= 0) {
                    throw new AssertionError("'" + command + "' ran more than once in:\n" + raw);
                }
                at = i;
            }
        }
        if (at < 0 || at + nested >= sections.size()) {
            throw new AssertionError("'" + command + "' and " + nested + " nested commands are not in:\n" + raw);
        }
        StringBuilder sb = new StringBuilder(sections.get(at).output());
        for (Section s : sections.subList(at + 1, at + 1 + nested)) {
            sb.append('+').append(s.command()).append('\n').append(s.output());
        }
        return sb.toString();
    }

    /** The value a {@code print} output shows: {@code VALUE} of {@code $N = VALUE}. */
    static String printed(String output) {
        Matcher m = PRINTED.matcher(output);
        if (!m.matches()) {
            throw new AssertionError("not the output of print: " + output);
        }
        return m.group(1);
    }

    @Override
    public String toString() {
        return raw;
    }

    /** gdb's last line before {@code +quit} ends with a newline; the text after the final one is not output. */
    private static String trimFinalNewline(String s) {
        return s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
    }
}
