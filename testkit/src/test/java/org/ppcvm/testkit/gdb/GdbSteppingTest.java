package org.ppcvm.testkit.gdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ppcvm.testkit.gdb.Debuggee.at;
import static org.ppcvm.testkit.gdb.Debuggee.line;
import static org.ppcvm.testkit.gdb.Debuggee.listing;
import static org.ppcvm.testkit.gdb.Expect.template;
import static org.ppcvm.testkit.gdb.GdbSession.BOTH;

import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Stepping from gdb: {@code step}, {@code next}, {@code until}, {@code finish} by source line, and
 * {@code stepi}/{@code nexti} a thousand instructions at a time, where qemu-ppc is the oracle for
 * where the thousandth step ends and what the registers hold there.
 */
@Tag("gdb")
class GdbSteppingTest {
    @Test
    void stepNextUntilAndFinishFollowTheSourceLines() {
        List<GdbRun> runs = GdbSession.of(Debuggee.program(), "steps")
                .commands(
                        "break steps_mode",
                        "continue",
                        "step",
                        "next",
                        "next",
                        "next",
                        "step",
                        "next",
                        "until",
                        "until",
                        "info locals",
                        "finish",
                        "next",
                        "next",
                        "continue")
                .runOn(BOTH);

        for (GdbRun run : runs) {
            GdbTranscript gdb = run.gdb();
            assertThat(gdb.output("break steps_mode"))
                    .as(run.describe())
                    .matches(template("Breakpoint 1 at {hex}: file debuggee.c, line " + line("steps_call") + ".\n"));
            List<String> continues = gdb.outputs("continue");
            assertThat(continues.get(0))
                    .isEqualTo("Continuing.\n\nBreakpoint 1, steps_mode () at " + at("steps_call") + "\n"
                            + listing("steps_call"));
            List<String> steps = gdb.outputs("step");
            assertThat(steps.get(0)).isEqualTo("sum_to (n=4) at " + at("sum_first") + "\n" + listing("sum_first"));
            assertThat(steps.get(1)).isEqualTo(listing("sum_add"));
            List<String> nexts = gdb.outputs("next");
            assertThat(nexts.subList(0, 4))
                    .containsExactly(listing("sum_for"), listing("sum_add"), listing("sum_for"), listing("sum_for"));
            // until does not go back to the loop's body: it runs the loop out.
            List<String> untils = gdb.outputs("until");
            assertThat(untils).containsExactly(listing("sum_return"), Debuggee.listing(line("sum_return") + 1));
            assertThat(gdb.output("info locals")).isEqualTo("total = 10\n");
            assertThat(gdb.output("finish"))
                    .matches(template("Run till exit from #0  sum_to (n=4) at debuggee.c:" + (line("sum_return") + 1)
                            + "\n{hex} in steps_mode () at " + at("steps_call") + "\n"
                            + listing("steps_call")
                            + "Value returned is $1 = 10\n"));
            assertThat(nexts.subList(4, 6))
                    .containsExactly(listing("steps_print"), Debuggee.listing(line("steps_print") + 1));
            assertThat(continues.get(1)).matches(template("Continuing.\n[Inferior 1 ({process}) exited normally]\n"));
            assertThat(run.guestStdout()).isEqualTo("steps: sum=10\n");
            assertThat(run.exitStatus()).isZero();
        }
    }

    /**
     * A thousand {@code stepi} from checksum_rounds' first line run through its loop and into mix
     * and back many times; a thousand {@code nexti} then step over the calls. Where they end and
     * the registers there are compared with qemu-ppc by the session; each run also shows that the
     * guest stayed in the loop.
     */
    @Test
    void stepiAndNextiAThousandInstructionsEndWhereQemuEnds() {
        List<GdbRun> runs = GdbSession.of(Debuggee.program(), "stepi")
                .commands(
                        "break checksum_rounds",
                        "continue",
                        "stepi 1000",
                        "info registers pc lr r3 r4 r9",
                        "x/i $pc",
                        "nexti 1000",
                        "info registers pc r3 r4 r9",
                        "p i",
                        "bt",
                        "kill")
                .runOn(BOTH);

        for (GdbRun run : runs) {
            GdbTranscript gdb = run.gdb();
            assertThat(gdb.output("continue"))
                    .as(run.describe())
                    .isEqualTo("Continuing.\n\nBreakpoint 1, checksum_rounds (rounds=400) at " + at("stepi_start")
                            + "\n" + listing("stepi_start"));
            assertThat(gdb.output("stepi 1000")).matches(template("{hex}\t{dec}\t{line}\n"));
            assertThat(gdb.output("info registers pc lr r3 r4 r9")).matches(template("""
                            pc             {hex}          {hex} <{line}
                            lr             {hex}          {hex} <{line}
                            r3             {hex}{line}
                            r4             {hex}{line}
                            r9             {hex}{line}
                            """));
            // stepi runs mix's instructions, nexti steps over its calls: the loop is some ninety
            // rounds in (of 400) after both.
            assertThat(gdb.output("p i")).matches(template("$1 = {dec}\n"));
            int rounds = Integer.parseInt(GdbTranscript.printed(gdb.output("p i")));
            assertThat(rounds).isBetween(20, 399);
            assertThat(gdb.output("bt"))
                    .matches(template("#0  {line}checksum_rounds (rounds=400) at debuggee.c:{dec}\n"
                            + "#1  {hex} in stepi_mode () at " + at("stepi_call") + "\n"
                            + "#2  {hex} in main (argc=2, argv={hex}) at " + at("main_stepi") + "\n"));
            GdbBreakpointTest.assertKilled(run);
        }
    }
}
