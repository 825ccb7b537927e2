package org.ppcvm.testkit.gdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ppcvm.testkit.gdb.Debuggee.at;
import static org.ppcvm.testkit.gdb.Debuggee.line;
import static org.ppcvm.testkit.gdb.Debuggee.listing;
import static org.ppcvm.testkit.gdb.Expect.template;
import static org.ppcvm.testkit.gdb.GdbSession.BOTH;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.ppcvm.testkit.Tools;

/**
 * Breakpoints from gdb: {@code break} and {@code continue}, {@code bt}, {@code finish}, {@code
 * up}/{@code down}, {@code tbreak}, conditions, {@code hbreak}, {@code set var}, and memory under
 * inserted breakpoints reading as the program's own instructions. Every session runs on ppcvm and
 * on qemu-ppc, which must print the same.
 */
@Tag("gdb")
class GdbBreakpointTest {
    private static final String CALLS_OUTPUT =
            "calls: total=100\ncalls: g_int=42 g_double=3.2500 g_point.y=2 g_array[3]=13\n";

    @Test
    void breakContinueBacktraceFinishUpAndDown() {
        List<GdbRun> runs = GdbSession.of(Debuggee.program(), "calls")
                .commands(
                        "break leaf", "continue", "bt", "finish", "finish", "up", "info locals", "down", "p n", "kill")
                .runOn(BOTH);

        for (GdbRun run : runs) {
            GdbTranscript gdb = run.gdb();
            assertThat(gdb.output("break leaf"))
                    .as(run.describe())
                    .matches(template("Breakpoint 1 at {hex}: file debuggee.c, line " + line("leaf_body") + ".\n"));
            assertThat(gdb.output("continue"))
                    .isEqualTo("Continuing.\n\nBreakpoint 1, leaf (n=1) at " + at("leaf_body") + "\n"
                            + listing("leaf_body"));
            assertThat(gdb.output("bt"))
                    .matches(template("#0  leaf (n=1) at " + at("leaf_body") + "\n"
                            + "#1  {hex} in middle (n=1, scale=0.5) at " + at("middle_call") + "\n"
                            + "#2  {hex} in outer (n=1) at " + at("outer_call") + "\n"
                            + "#3  {hex} in calls_mode () at " + at("calls_loop") + "\n"
                            + "#4  {hex} in main (argc=2, argv={hex}) at " + at("main_calls") + "\n"));
            List<String> finishes = gdb.outputs("finish");
            assertThat(finishes.get(0))
                    .matches(template("Run till exit from #0  leaf (n=1) at " + at("leaf_body") + "\n"
                            + "{hex} in middle (n=1, scale=0.5) at " + at("middle_call") + "\n"
                            + listing("middle_call")
                            + "Value returned is $1 = 4\n"));
            assertThat(finishes.get(1))
                    .matches(template("Run till exit from #0  {hex} in middle (n=1, scale=0.5) at "
                            + at("middle_call") + "\n"
                            + "{hex} in outer (n=1) at " + at("outer_call") + "\n"
                            + listing("outer_call")
                            + "Value returned is $2 = 2\n"));
            assertThat(gdb.output("up"))
                    .matches(template(
                            "#1  {hex} in calls_mode () at " + at("calls_loop") + "\n" + listing("calls_loop")));
            assertThat(gdb.output("info locals")).isEqualTo("n = 1\ntotal = 0\n");
            assertThat(gdb.output("down"))
                    .matches(
                            template("#0  {hex} in outer (n=1) at " + at("outer_call") + "\n" + listing("outer_call")));
            assertThat(gdb.output("p n")).isEqualTo("$3 = 1\n");
            assertThat(gdb.output("kill")).matches(template("[Inferior 1 ({process}) killed]\n"));
            assertKilled(run);
        }
    }

    @Test
    void temporaryAndConditionalBreakpoints() {
        List<GdbRun> runs = GdbSession.of(Debuggee.program(), "calls")
                .commands(
                        "tbreak outer",
                        "break leaf if n == 3",
                        "continue",
                        "continue",
                        "p n",
                        "info breakpoints",
                        "delete",
                        "continue")
                .runOn(BOTH);

        for (GdbRun run : runs) {
            GdbTranscript gdb = run.gdb();
            assertThat(gdb.output("tbreak outer"))
                    .as(run.describe())
                    .matches(template(
                            "Temporary breakpoint 1 at {hex}: file debuggee.c, line " + line("outer_call") + ".\n"));
            assertThat(gdb.output("break leaf if n == 3"))
                    .matches(template("Breakpoint 2 at {hex}: file debuggee.c, line " + line("leaf_body") + ".\n"));
            List<String> continues = gdb.outputs("continue");
            assertThat(continues.get(0))
                    .isEqualTo("Continuing.\n\nTemporary breakpoint 1, outer (n=1) at " + at("outer_call") + "\n"
                            + listing("outer_call"));
            assertThat(continues.get(1))
                    .isEqualTo("Continuing.\n\nBreakpoint 2, leaf (n=3) at " + at("leaf_body") + "\n"
                            + listing("leaf_body"));
            assertThat(gdb.output("p n")).isEqualTo("$1 = 3\n");
            assertThat(gdb.output("info breakpoints"))
                    .matches(template("Num     Type           Disp Enb Address    What\n"
                            + "2       breakpoint     keep y   {hex} in leaf at " + at("leaf_body") + "\n"
                            + "\tstop only if n == 3\n"
                            + "\tbreakpoint already hit 1 time\n"));
            assertThat(continues.get(2)).matches(template("Continuing.\n[Inferior 1 ({process}) exited normally]\n"));
            assertThat(run.guestStdout()).isEqualTo(CALLS_OUTPUT);
            assertThat(run.exitStatus()).isZero();
        }
    }

    @Test
    void setVarChangesWhatTheGuestPrints() {
        List<GdbRun> runs = GdbSession.of(Debuggee.program(), "calls")
                .commands(
                        "break debuggee.c:" + line("calls_print"),
                        "continue",
                        "p total",
                        "set var total = 7",
                        "set var g_int = 1234",
                        "set var g_double = -0.125",
                        "set var g_point.y = 99",
                        "set var g_array[3] = -5",
                        "p g_point",
                        "p g_array",
                        "continue")
                .runOn(BOTH);

        for (GdbRun run : runs) {
            GdbTranscript gdb = run.gdb();
            assertThat(gdb.outputs("continue").getFirst())
                    .as(run.describe())
                    .isEqualTo("Continuing.\n\nBreakpoint 1, calls_mode () at " + at("calls_print") + "\n"
                            + listing("calls_print"));
            assertThat(gdb.output("p total")).isEqualTo("$1 = 100\n");
            assertThat(gdb.output("set var g_int = 1234")).isEmpty();
            assertThat(gdb.output("p g_point"))
                    .isEqualTo("$2 = {x = 1, y = 99, weight = 0.5, tag = \"origin\\000\"}\n");
            assertThat(gdb.output("p g_array")).isEqualTo("$3 = {10, 11, 12, -5, 14, 15, 16, 17}\n");
            assertThat(gdb.outputs("continue").get(1))
                    .matches(template("Continuing.\n[Inferior 1 ({process}) exited normally]\n"));
            assertThat(run.guestStdout())
                    .isEqualTo("calls: total=7\ncalls: g_int=1234 g_double=-0.1250 g_point.y=99 g_array[3]=-5\n");
            assertThat(run.exitStatus()).isZero();
        }
    }

    /**
     * With {@code always-inserted on}, gdb keeps its breakpoints in the target while the guest is
     * stopped and reads code with {@code m} packets: what it shows under two software and one
     * hardware breakpoint must be the instructions objdump shows in the ELF file.
     */
    @Test
    void hardwareBreakpointsAndMemoryUnderInsertedBreakpoints() throws IOException, InterruptedException {
        List<GdbRun> runs = GdbSession.of(Debuggee.program(), "calls")
                .commands(
                        "set breakpoint always-inserted on",
                        "hbreak middle",
                        "break leaf",
                        "continue",
                        "continue",
                        "break *($pc + 8)",
                        "hbreak *($pc + 12)",
                        "x/20i $pc",
                        "x/20xw $pc",
                        "info breakpoints",
                        "delete",
                        "continue")
                .runOn(BOTH);

        for (GdbRun run : runs) {
            GdbTranscript gdb = run.gdb();
            assertThat(gdb.output("hbreak middle"))
                    .as(run.describe())
                    .matches(template("Hardware assisted breakpoint 1 at {hex}: file debuggee.c, line "
                            + line("middle_call") + ".\n"));
            List<String> continues = gdb.outputs("continue");
            assertThat(continues.get(0))
                    .isEqualTo("Continuing.\n\nBreakpoint 1, middle (n=1, scale=0.5) at " + at("middle_call") + "\n"
                            + listing("middle_call"));
            assertThat(continues.get(1))
                    .isEqualTo("Continuing.\n\nBreakpoint 2, leaf (n=1) at " + at("leaf_body") + "\n"
                            + listing("leaf_body"));
            assertThat(gdb.output("break *($pc + 8)"))
                    .matches(template("Breakpoint 3 at {hex}: file debuggee.c, line {dec}.\n"));
            assertThat(gdb.output("hbreak *($pc + 12)"))
                    .matches(template("Hardware assisted breakpoint 4 at {hex}: file debuggee.c, line {dec}.\n"));

            Map<Long, String> shown = disassembly(gdb.output("x/20i $pc"));
            assertThat(shown).hasSize(20);
            long pc = shown.keySet().iterator().next();
            Map<Long, Objdump.Line> file = Objdump.disassemble(Debuggee.program(), pc, pc + 4 * 20);
            for (Map.Entry<Long, String> e : shown.entrySet()) {
                Objdump.Line expected = file.get(e.getKey());
                assertThat(expected).as("objdump has 0x%x", e.getKey()).isNotNull();
                assertThat(Objdump.normalise(e.getValue()))
                        .as("the instruction at 0x%x", e.getKey())
                        .isEqualTo(Objdump.normalise(expected.text()));
            }
            List<Long> words = words(gdb.output("x/20xw $pc"));
            assertThat(words).hasSize(20);
            for (int i = 0; i < words.size(); i++) {
                assertThat(words.get(i))
                        .as("the word at 0x%x", pc + 4L * i)
                        .isEqualTo(file.get(pc + 4L * i).word());
            }

            assertThat(gdb.output("info breakpoints"))
                    .matches(template("Num     Type           Disp Enb Address    What\n"
                            + "1       hw breakpoint  keep y   {hex} in middle at " + at("middle_call") + "\n"
                            + "\tbreakpoint already hit 1 time\n"
                            + "2       breakpoint     keep y   {hex} in leaf at " + at("leaf_body") + "\n"
                            + "\tbreakpoint already hit 1 time\n"
                            + "3       breakpoint     keep y   {hex} in leaf at debuggee.c:{dec}\n"
                            + "4       hw breakpoint  keep y   {hex} in leaf at debuggee.c:{dec}\n"));
            assertThat(continues.get(2)).matches(template("Continuing.\n[Inferior 1 ({process}) exited normally]\n"));
            assertThat(run.guestStdout()).isEqualTo(CALLS_OUTPUT);
        }
    }

    /** After gdb's {@code kill}: ppcvm exits with 137 (SIGKILL's status); qemu-ppc exits 0. */
    static void assertKilled(GdbRun run) {
        assertThat(run.exitStatus())
                .as("%s exit status after kill", run.stub())
                .isEqualTo(run.stub() == GdbStub.PPCVM ? 137 : 0);
    }

    private static final Pattern X_I_LINE = Pattern.compile("^(?:=> |   )0x([0-9a-f]+) <[^>]+>:\\t(.*)$");
    private static final Pattern X_W_WORD = Pattern.compile("\\t0x([0-9a-f]{8})");

    /** The instructions of an {@code x/Ni} output by address, in order. */
    static Map<Long, String> disassembly(String output) {
        Map<Long, String> instructions = new LinkedHashMap<>();
        for (String line : output.lines().toList()) {
            Matcher m = X_I_LINE.matcher(line);
            assertThat(m.matches()).as("an x/i line: %s", line).isTrue();
            instructions.put(Long.parseLong(m.group(1), 16), m.group(2));
        }
        return instructions;
    }

    /** The words of an {@code x/Nxw} output, in order. */
    static List<Long> words(String output) {
        List<Long> words = new ArrayList<>();
        Matcher m = X_W_WORD.matcher(output);
        while (m.find()) {
            words.add(Long.parseLong(m.group(1), 16));
        }
        return words;
    }

    /** objdump's view of the ELF file: the oracle for what memory under a breakpoint holds. */
    static final class Objdump {
        static final String OBJDUMP = "powerpc-linux-gnu-objdump";
        private static final Pattern LINE =
                Pattern.compile("^\\s*([0-9a-f]+):\\s+((?:[0-9a-f]{2} ){3}[0-9a-f]{2})\\s+(.*)$");
        private static final Pattern SYMBOL_OFFSET = Pattern.compile("<([^>+]+)\\+0x([0-9a-f]+)>");

        /** One instruction: its word as stored in the file and objdump's text for it. */
        record Line(long word, String text) {}

        private Objdump() {}

        /** The instructions objdump shows in [from, to). */
        static Map<Long, Line> disassemble(Path program, long from, long to) throws IOException, InterruptedException {
            Process p = new ProcessBuilder(
                            Tools.assumeAvailable(OBJDUMP).toString(),
                            "-d",
                            "--start-address=0x" + Long.toHexString(from),
                            "--stop-address=0x" + Long.toHexString(to),
                            program.toString())
                    .redirectErrorStream(true)
                    .start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0)
                    .as("objdump: %s", out)
                    .isTrue();
            Map<Long, Line> lines = new LinkedHashMap<>();
            for (String line : out.lines().toList()) {
                Matcher m = LINE.matcher(line);
                if (m.matches()) {
                    long word = Long.parseLong(m.group(2).replace(" ", ""), 16);
                    lines.put(Long.parseLong(m.group(1), 16), new Line(word, m.group(3)));
                }
            }
            return lines;
        }

        /**
         * One spelling for gdb's and objdump's text of an instruction (both come from libopcodes):
         * whitespace collapsed, no {@code 0x} before addresses, symbol offsets in decimal as gdb
         * writes them.
         */
        static String normalise(String text) {
            Matcher m = SYMBOL_OFFSET.matcher(text);
            StringBuilder sb = new StringBuilder();
            while (m.find()) {
                m.appendReplacement(
                        sb, Matcher.quoteReplacement("<" + m.group(1) + "+" + Long.parseLong(m.group(2), 16) + ">"));
            }
            m.appendTail(sb);
            return sb.toString().replace("0x", "").replaceAll("\\s+", " ").strip();
        }
    }
}
