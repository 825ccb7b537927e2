package org.ppcvm.testkit.gdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ppcvm.testkit.gdb.Debuggee.at;
import static org.ppcvm.testkit.gdb.Debuggee.line;
import static org.ppcvm.testkit.gdb.Expect.template;
import static org.ppcvm.testkit.gdb.GdbSession.PPCVM_ONLY;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Controlling a running guest, on ppcvm alone (qemu-user 7.2 reads nothing from gdb while the
 * guest runs and accepts one connection): Ctrl-C stops a guest spinning in a loop with SIGINT that
 * the guest never receives, and {@code detach} lets it run on until another gdb connects, which
 * stops it where it is.
 *
 * <p>Nothing here waits for time to pass: the guest says on stdout when it has spun a million
 * times, and the test waits for that.
 */
@Tag("gdb")
class GdbRunControlTest {
    private static final String MILLION = "spin: a million\n";
    private static final Duration GUEST_PROGRESS_TIMEOUT = Duration.ofMinutes(2);
    private static final Pattern SPIN_STOP =
            Pattern.compile("(?:0x[0-9a-f]+ in )?spin_mode \\(\\) at debuggee\\.c:(\\d+)\\n(\\d+)\\t[^\\n]*\\n");

    /**
     * gdb gets SIGINT (as from a terminal's Ctrl-C) while it waits in {@code continue}; it sends
     * 0x03, the stub stops the guest and reports SIGINT. gdb does not pass SIGINT on, so the guest,
     * told to leave its loop, exits normally with its own status.
     */
    @Test
    void ctrlCStopsASpinningGuestWithSigintThatTheGuestNeverSees() {
        List<GdbRun> runs = GdbSession.of(Debuggee.program(), "spin")
                .commands("continue", "p spin_counter >= 1000000", "bt", "set var spin_stop = 1", "continue")
                .interruptWhen("Continuing.", MILLION)
                .runOn(PPCVM_ONLY);

        for (GdbRun run : runs) {
            GdbTranscript gdb = run.gdb();
            List<String> continues = gdb.outputs("continue");
            String prefix = "Continuing.\n\nProgram received signal SIGINT, Interrupt.\n";
            assertThat(continues.get(0)).as(run.describe()).startsWith(prefix);
            assertStoppedInTheSpinLoop(continues.get(0).substring(prefix.length()));
            assertThat(gdb.output("p spin_counter >= 1000000")).isEqualTo("$1 = 1\n");
            assertThat(gdb.output("bt"))
                    .matches(template("#0  {line}spin_mode () at debuggee.c:{dec}\n"
                            + "#1  {hex} in main (argc=2, argv={hex}) at " + at("main_spin") + "\n"));
            assertThat(continues.get(1))
                    .matches(template("Continuing.\n[Inferior 1 ({process}) exited with code 03]\n"));
            assertThat(run.guestStdout()).startsWith("spin: started\n" + MILLION);
            assertThat(run.exitStatus()).isEqualTo(3);
        }
    }

    /**
     * Three gdbs, one after the other, on one ppcvm: the first stops at spin_started and detaches;
     * the guest runs on (it reaches a million); the second connects, which stops it in its loop,
     * has it count from 0 again and detaches; the guest runs on (a million once more); the third
     * connects, tells the guest to leave the loop and continues it to its exit. ppcvm then exits
     * with the guest's status.
     */
    @Test
    void detachLetsTheGuestRunOnAndTheNextGdbStopsItWhereItIs() {
        GdbSession.runnable(PPCVM_ONLY);
        Path program = Debuggee.program();
        Path work = GdbSession.newRunDirectory(GdbStub.PPCVM);
        try (StubProcess stub = GdbSession.start(GdbStub.PPCVM, program, List.of("spin"), work)) {
            GdbTranscript first = GdbClient.run(
                    stub,
                    program,
                    List.of("break spin_started", "continue", "p spin_counter", "detach"),
                    Optional.empty(),
                    work);
            assertThat(first.output("continue"))
                    .as("%s%s", first, stub.outputs())
                    .matches(template(
                            "Continuing.\n\nBreakpoint 1, spin_started () at debuggee.c:{dec}\n{dec}\t{line}\n"));
            assertThat(first.output("p spin_counter")).isEqualTo("$1 = 0\n");
            assertDetached(first, program);

            stub.awaitStdout(MILLION, 1, GUEST_PROGRESS_TIMEOUT);
            GdbTranscript second = GdbClient.run(
                    stub,
                    program,
                    List.of("p spin_counter >= 1000000", "bt", "info breakpoints", "set var spin_rearm = 1", "detach"),
                    Optional.empty(),
                    work);
            // Connecting stopped the running guest; gdb shows where.
            assertStoppedInTheSpinLoop(second.whereConnected());
            assertThat(second.output("p spin_counter >= 1000000")).isEqualTo("$1 = 1\n");
            assertThat(second.output("bt"))
                    .matches(template("#0  {line}spin_mode () at debuggee.c:{dec}\n"
                            + "#1  {hex} in main (argc=2, argv={hex}) at " + at("main_spin") + "\n"));
            // The first gdb's breakpoint went with it.
            assertThat(second.output("info breakpoints")).isEqualTo("No breakpoints or watchpoints.\n");
            assertDetached(second, program);

            stub.awaitStdout(MILLION, 2, GUEST_PROGRESS_TIMEOUT);
            GdbTranscript third = GdbClient.run(
                    stub,
                    program,
                    List.of("p spin_counter >= 1000000", "set var spin_stop = 1", "continue"),
                    Optional.empty(),
                    work);
            assertThat(third.output("p spin_counter >= 1000000"))
                    .as("%s%s", third, stub.outputs())
                    .isEqualTo("$1 = 1\n");
            assertThat(third.output("continue"))
                    .matches(template("Continuing.\n[Inferior 1 ({process}) exited with code 03]\n"));

            OptionalInt status = stub.awaitExit(GdbSession.EXIT_TIMEOUT);
            assertThat(status)
                    .as("ppcvm exits after the guest and gdb are gone%s", stub.outputs())
                    .isPresent();
            assertThat(status.getAsInt()).isEqualTo(3);
            assertThat(stub.stdoutText()).isEqualTo("spin: started\n" + MILLION + MILLION);
        }
    }

    private static void assertDetached(GdbTranscript gdb, Path program) {
        assertThat(gdb.output("detach"))
                .matches(template("Detaching from program: " + program + ", {process}\n"
                        + "Ending remote debugging.\n"
                        + "[Inferior 1 ({process}) detached]\n"));
    }

    /** {@code where} is gdb's report of a stop in spin_mode's loop: the while line or the ifs in it. */
    private static void assertStoppedInTheSpinLoop(String where) {
        Matcher m = SPIN_STOP.matcher(where);
        assertThat(m.matches()).as("a stop in spin_mode's loop:\n%s", where).isTrue();
        int stopLine = Integer.parseInt(m.group(1));
        assertThat(stopLine).isIn(line("spin_while"), line("spin_rearm"), line("spin_loop"));
        assertThat(where).endsWith(Debuggee.listing(stopLine));
    }
}
