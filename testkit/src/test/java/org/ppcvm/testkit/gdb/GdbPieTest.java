package org.ppcvm.testkit.gdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ppcvm.testkit.gdb.Expect.template;
import static org.ppcvm.testkit.gdb.GdbSession.BOTH;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code break main} in a static PIE: gdb learns where the program was loaded from the auxiliary
 * vector's AT_ENTRY ({@code qXfer:auxv:read}) and relocates its symbols, so breakpoints, frames
 * and {@code finish} work at the loaded addresses. The stubs load the program at different bases,
 * so the comparison leaves out every address.
 */
@Tag("gdb")
class GdbPieTest {
    private static final Path SOURCE = Debuggee.PIE_SOURCE;
    private static final Pattern BREAKPOINT_ADDRESS = Pattern.compile("Breakpoint 1 at 0x([0-9a-f]+):");

    @Test
    void breakMainInAStaticPieStopsAtTheLoadedAddress() {
        List<GdbRun> runs = GdbSession.of(Debuggee.pie())
                .commands(
                        "break main",
                        "continue",
                        "info symbol $pc",
                        "break pie_leaf",
                        "continue",
                        "bt",
                        "finish",
                        "continue")
                .normalising("0x[0-9a-f]+", "0x<address>")
                .runOn(BOTH);

        for (GdbRun run : runs) {
            GdbTranscript gdb = run.gdb();
            int mainLine = Debuggee.line(SOURCE, "pie_main_call");
            int leafLine = Debuggee.line(SOURCE, "pie_leaf_body");
            int outerLine = Debuggee.line(SOURCE, "pie_outer_call");
            assertThat(gdb.output("break main"))
                    .as(run.describe())
                    .matches(template("Breakpoint 1 at {hex}: file pie.c, line " + mainLine + ".\n"));
            // In the file main is near 0 (a PIE is linked at 0); gdb has moved it to where it runs.
            Matcher address = BREAKPOINT_ADDRESS.matcher(gdb.output("break main"));
            assertThat(address.find()).isTrue();
            assertThat(Long.parseLong(address.group(1), 16)).isGreaterThanOrEqualTo(0x10000);
            List<String> continues = gdb.outputs("continue");
            assertThat(continues.get(0))
                    .matches(template("Continuing.\n\nBreakpoint 1, main (argc=1, argv={hex}) at pie.c:" + mainLine
                            + "\n" + Debuggee.listing(SOURCE, "pie_main_call")));
            assertThat(gdb.output("info symbol $pc")).matches(template("main + {dec} in section .text\n"));
            assertThat(continues.get(1))
                    .isEqualTo("Continuing.\n\nBreakpoint 2, pie_leaf (n=2) at pie.c:" + leafLine + "\n"
                            + Debuggee.listing(SOURCE, "pie_leaf_body"));
            assertThat(gdb.output("bt"))
                    .matches(template("#0  pie_leaf (n=2) at pie.c:" + leafLine + "\n"
                            + "#1  {hex} in pie_outer (n=1) at pie.c:" + outerLine + "\n"
                            + "#2  {hex} in main (argc=1, argv={hex}) at pie.c:" + mainLine + "\n"));
            assertThat(gdb.output("finish"))
                    .matches(template("Run till exit from #0  pie_leaf (n=2) at pie.c:" + leafLine + "\n"
                            + "{hex} in pie_outer (n=1) at pie.c:" + outerLine + "\n"
                            + Debuggee.listing(SOURCE, "pie_outer_call")
                            + "Value returned is $1 = 5\n"));
            assertThat(continues.get(2))
                    .matches(template("Continuing.\n[Inferior 1 ({process}) exited with code 012]\n"));
            assertThat(run.exitStatus()).isEqualTo(10);
        }
    }
}
