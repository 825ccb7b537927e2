package org.ppcvm.testkit.gdb;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What may differ between what gdb prints against ppcvm and against qemu-ppc, and nothing else:
 *
 * <ul>
 *   <li>the stub's port ({@code 127.0.0.1:PORT}) and the guest's process: gdb names it {@code
 *       process PID} when the stub reports process ids (qemu's {@code multiprocess+}), otherwise
 *       {@code Remote target};
 *   <li>addresses on the guest's stack (each stub puts the stack elsewhere): hexadecimal numbers
 *       within {@value #STACK_BELOW} bytes below and {@value #STACK_ABOVE} above the stack pointer
 *       gdb saw when it connected, which covers the frames below and argv, envp and the auxiliary
 *       vector above;
 *   <li>{@code Hardware watchpoint} against qemu's software {@code Watchpoint} (qemu-user has no
 *       Z2-Z4, and the reports are otherwise the same);
 *   <li>thread ids: gdb names a thread {@code Thread PID.TID}, with ppcvm's PID 4242 and TIDs from
 *       4242 up, and with qemu's pid 1 and the host's thread ids; each becomes {@code
 *       Thread <pid>.<tN>}, N the TID's rank among those in the transcript (threads are numbered
 *       in the order they start under both);
 *   <li>what gdb shows beside a thread id: the name ppcvm gives it ({@code "prog"}, from {@code
 *       qXfer:threads}) and the extra information qemu gives ({@code (CPU#N [running])}, from
 *       {@code qThreadExtraInfo}), both left out;
 *   <li>the run's directory, in commands that write files there;
 *   <li>what a test names: outputs of stub-specific commands ({@code info registers}), and its own
 *       patterns (every address in a PIE, which each stub loads elsewhere), replaced first.
 * </ul>
 */
final class StubDifferences {
    static final long STACK_BELOW = 8L << 20;
    static final long STACK_ABOVE = 1L << 20;

    private static final Pattern HEX = Pattern.compile("\\b0x[0-9a-f]+\\b");
    private static final Pattern PORT = Pattern.compile("127\\.0\\.0\\.1:\\d+");
    private static final Pattern PROCESS = Pattern.compile("\\bprocess \\d+\\b|\\bRemote target\\b");
    private static final Pattern HARDWARE_WATCHPOINT = Pattern.compile("\\bHardware watchpoint (\\d+)");
    private static final Pattern THREAD_ID = Pattern.compile("\\bThread \\d+\\.(\\d+)\\b");
    private static final Pattern THREAD_NAME = Pattern.compile("\\b(Thread \\d+(?:\\.\\d+)?) \"[^\"\\n]*\"");
    private static final Pattern THREAD_EXTRA_INFO = Pattern.compile(" \\(CPU#\\d+ \\[[a-z]+\\]\\)");

    /** A test's own replacement, applied before the standard ones. */
    record Replacement(Pattern pattern, String replacement) {}

    private StubDifferences() {}

    /** The transcript of {@code run} with what may differ between stubs replaced by placeholders. */
    static String normalise(GdbRun run, Set<String> notCompared, List<Replacement> extra) {
        StringBuilder sb = new StringBuilder(run.gdb().preamble());
        for (GdbTranscript.Section s : run.gdb().sections()) {
            sb.append('+').append(s.command()).append('\n');
            sb.append(notCompared.contains(s.command()) ? "<not compared>\n" : s.output());
        }
        String text = sb.toString().replace(run.work().toAbsolutePath().toString(), "<work>");
        // A test's own patterns first: they may cover more than the stack (a PIE's every address).
        for (Replacement r : extra) {
            text = r.pattern().matcher(text).replaceAll(r.replacement());
        }
        text = PORT.matcher(text).replaceAll("127.0.0.1:<port>");
        text = PROCESS.matcher(text).replaceAll("<process>");
        text = HARDWARE_WATCHPOINT.matcher(text).replaceAll("Watchpoint $1");
        text = THREAD_NAME.matcher(text).replaceAll("$1");
        text = THREAD_EXTRA_INFO.matcher(text).replaceAll("");
        text = replaceThreadIds(text);
        if (run.gdb().stackPointer().isPresent()) {
            text = replaceStackAddresses(text, run.gdb().stackPointer().getAsLong());
        }
        return text;
    }

    /** {@code Thread PID.TID} as {@code Thread <pid>.<tN>}, N the rank of TID among the transcript's. */
    private static String replaceThreadIds(String text) {
        TreeSet<Long> tids = new TreeSet<>();
        Matcher all = THREAD_ID.matcher(text);
        while (all.find()) {
            tids.add(Long.parseLong(all.group(1)));
        }
        List<Long> ranked = List.copyOf(tids);
        Matcher m = THREAD_ID.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            int rank = ranked.indexOf(Long.parseLong(m.group(1))) + 1;
            m.appendReplacement(sb, "Thread <pid>.<t" + rank + ">");
        }
        m.appendTail(sb);
        return sb.toString();
    }

    private static String replaceStackAddresses(String text, long sp) {
        Matcher m = HEX.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String hex = m.group();
            long value = hex.length() > 18 ? -1 : Long.parseUnsignedLong(hex.substring(2), 16);
            boolean onStack = value >= sp - STACK_BELOW && value < sp + STACK_ABOVE;
            m.appendReplacement(sb, onStack ? "0x<stack>" : hex);
        }
        m.appendTail(sb);
        return sb.toString();
    }
}
