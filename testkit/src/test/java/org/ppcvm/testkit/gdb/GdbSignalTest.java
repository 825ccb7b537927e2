package org.ppcvm.testkit.gdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ppcvm.testkit.gdb.Debuggee.at;
import static org.ppcvm.testkit.gdb.Debuggee.listing;
import static org.ppcvm.testkit.gdb.Expect.template;
import static org.ppcvm.testkit.gdb.GdbSession.BOTH;

import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Signals from gdb: a SIGSEGV caught with {@code catch signal} and then {@code kill}; one that is
 * reported and then, on {@code continue}, kills the guest; a trap instruction ({@code
 * __builtin_trap}) that stops with SIGTRAP at the instruction until the signal is delivered; and
 * {@code abort()}'s SIGABRT. The stub exits with the status a shell would show.
 */
@Tag("gdb")
class GdbSignalTest {
    private static final String TERMINATED =
            "Continuing.\n\nProgram terminated with signal %s.\nThe program no longer exists.\n";

    @Test
    void catchSignalSigsegvStopsAtTheFaultingStoreThenKill() {
        List<GdbRun> runs = GdbSession.of(Debuggee.program(), "segv")
                .commands("catch signal SIGSEGV", "continue", "x/i $pc", "p/x $r9", "bt", "kill")
                .runOn(BOTH);

        for (GdbRun run : runs) {
            GdbTranscript gdb = run.gdb();
            assertThat(gdb.output("catch signal SIGSEGV"))
                    .as(run.describe())
                    .isEqualTo("Catchpoint 1 (signal SIGSEGV)\n");
            assertThat(gdb.output("continue"))
                    .matches(template("Continuing.\n\nCatchpoint 1 (signal SIGSEGV), {hex} in segv_mode () at "
                            + at("segv_store") + "\n" + listing("segv_store")));
            // The store through the null pointer, with the pointer in r9.
            assertThat(gdb.output("x/i $pc")).matches(template("=> {hex} <segv_mode+{dec}>:\tstw     r10,0(r9)\n"));
            assertThat(gdb.output("p/x $r9")).isEqualTo("$1 = 0x0\n");
            assertThat(gdb.output("bt"))
                    .matches(template("#0  {hex} in segv_mode () at " + at("segv_store") + "\n"
                            + "#1  {hex} in main (argc=2, argv={hex}) at " + at("main_segv") + "\n"));
            assertThat(gdb.output("kill")).matches(template("[Inferior 1 ({process}) killed]\n"));
            GdbBreakpointTest.assertKilled(run);
        }
    }

    @Test
    void anUncaughtSigsegvIsReportedThenEndsTheGuest() {
        List<GdbRun> runs = GdbSession.of(Debuggee.program(), "segv")
                .commands("continue", "continue")
                .runOn(BOTH);

        for (GdbRun run : runs) {
            List<String> continues = run.gdb().outputs("continue");
            assertThat(continues.get(0))
                    .as(run.describe())
                    .matches(template("Continuing.\n\nProgram received signal SIGSEGV, Segmentation fault.\n"
                            + "{hex} in segv_mode () at " + at("segv_store") + "\n" + listing("segv_store")));
            assertThat(continues.get(1)).isEqualTo(TERMINATED.formatted("SIGSEGV, Segmentation fault"));
            assertThat(run.exitStatus()).isEqualTo(128 + 11);
        }
    }

    /**
     * A trap instruction stops the guest at the instruction with SIGTRAP, which gdb does not pass
     * on: continuing runs the trap again. {@code signal SIGTRAP} delivers it, and the guest dies.
     */
    @Test
    void aTrapInstructionStopsWithSigtrapUntilTheSignalIsDelivered() {
        List<GdbRun> runs = GdbSession.of(Debuggee.program(), "trap")
                .commands("continue", "x/i $pc", "continue", "signal SIGTRAP")
                .runOn(BOTH);

        for (GdbRun run : runs) {
            GdbTranscript gdb = run.gdb();
            String stop = "Continuing.\n\nProgram received signal SIGTRAP, Trace/breakpoint trap.\ntrap_mode () at "
                    + at("trap_insn") + "\n" + listing("trap_insn");
            assertThat(gdb.outputs("continue")).as(run.describe()).containsExactly(stop, stop);
            assertThat(gdb.output("x/i $pc")).matches(template("=> {hex} <trap_mode+{dec}>:\ttrap\n"));
            assertThat(gdb.output("signal SIGTRAP"))
                    .isEqualTo(TERMINATED
                            .formatted("SIGTRAP, Trace/breakpoint trap")
                            .replace("Continuing.", "Continuing with signal SIGTRAP."));
            assertThat(run.exitStatus()).isEqualTo(128 + 5);
        }
    }

    @Test
    void abortStopsWithSigabrtInsideAbort() {
        List<GdbRun> runs = GdbSession.of(Debuggee.program(), "abort")
                .commands("continue", "bt", "continue")
                .runOn(BOTH);

        for (GdbRun run : runs) {
            GdbTranscript gdb = run.gdb();
            List<String> continues = gdb.outputs("continue");
            // glibc's abort raises SIGABRT with tgkill; the guest stops after that system call.
            assertThat(continues.get(0))
                    .as(run.describe())
                    .matches(template("Continuing.\n\nProgram received signal SIGABRT, Aborted.\n{hex} in {line}\n"));
            assertThat(gdb.output("bt"))
                    .contains(" in raise ()\n")
                    .contains(" in abort ()\n")
                    .contains(" in abort_mode () at " + at("abort_call") + "\n")
                    .contains(" in main (argc=2, argv=");
            assertThat(continues.get(1)).isEqualTo(TERMINATED.formatted("SIGABRT, Aborted"));
            assertThat(run.exitStatus()).isEqualTo(128 + 6);
        }
    }
}
