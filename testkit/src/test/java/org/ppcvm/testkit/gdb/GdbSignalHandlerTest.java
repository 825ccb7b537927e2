package org.ppcvm.testkit.gdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ppcvm.testkit.gdb.Expect.template;
import static org.ppcvm.testkit.gdb.GdbSession.BOTH;
import static org.ppcvm.testkit.gdb.GdbSession.PPCVM_ONLY;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Signals with handlers, on {@code gdb/signals.c}: gdb hears of a signal before the guest gets it
 * and decides what the guest gets ({@code continue}, {@code signal SIG}, {@code signal 0}, {@code
 * handle ... nostop noprint pass}, {@code catch signal}); breakpoints, backtraces and watchpoints
 * in handlers, through the ppc32 Linux signal frames, which gdb's sigtramp unwinder recognises by
 * their return trampolines ({@code li r0,172; sc} after an SA_SIGINFO handler, {@code li r0,119;
 * sc} after a plain one).
 *
 * <p>The trampolines are on a page of their own under both stubs, at different addresses, so the
 * outputs that show them are compared per stub, not between stubs. Stepping into a handler and a
 * watchpoint on the signal frame run on ppcvm alone: qemu-ppc's single step with a signal stops
 * after the handler's first instruction (Linux stops before it), and qemu has no hardware
 * watchpoints.
 */
@Tag("gdb")
class GdbSignalHandlerTest {
    static final Path SOURCE = Debuggee.SIGNALS_SOURCE;
    private static final String RAISED = "raise: usr1=1 usr2=1 code=10\n";
    private static final String EXITED = "Continuing.\n[Inferior 1 ({process}) exited normally]\n";
    private static final Pattern KILL_PC = Pattern.compile("(0x[0-9a-f]+) in kill \\(\\)\n");

    /**
     * {@code handle SIGUSR1 stop print}: gdb reports SIGUSR1 in kill, before delivery; {@code
     * continue} delivers it and the breakpoint in on_usr1 (SA_SIGINFO) is hit, with the siginfo the
     * kernel built. {@code bt} goes from the handler through {@code <signal handler called>} to
     * kill and its callers; frame 1 is the RT trampoline, and {@code info frame} there finds the
     * registers saved in the frame. Then the same for SIGUSR2 and on_usr2, a plain handler with
     * an old-style frame.
     */
    @Test
    void handlerBacktracesGoThroughTheSignalFrames() {
        List<GdbRun> runs = GdbSession.of(Debuggee.signals(), "raise")
                .commands(
                        "handle SIGUSR1 stop print",
                        "break on_usr1",
                        "break on_usr2",
                        "continue",
                        "backtrace",
                        "continue",
                        "bt",
                        "p info->si_signo",
                        "p info->si_code",
                        "frame 1",
                        "x/2i $pc",
                        "info frame",
                        "continue",
                        "continue",
                        "bt",
                        "frame 1",
                        "x/2i $pc",
                        "continue")
                .notComparing("x/2i $pc", "info frame")
                .runOn(BOTH);

        for (GdbRun run : runs) {
            GdbTranscript gdb = run.gdb();
            assertThat(gdb.output("handle SIGUSR1 stop print"))
                    .as(run.describe())
                    .isEqualTo("Signal        Stop\tPrint\tPass to program\tDescription\n"
                            + "SIGUSR1       Yes\tYes\tYes\t\tUser defined signal 1\n");
            List<String> continues = gdb.outputs("continue");
            assertThat(continues.get(0)).matches(template(received("SIGUSR1, User defined signal 1")));
            assertThat(gdb.output("backtrace"))
                    .matches(template("#0  {hex} in kill ()\n" + callersOfKill(1, 10, "raise_usr1")));
            assertThat(continues.get(1))
                    .matches(template("Continuing.\n\nBreakpoint 1, on_usr1 (sig=10, info={hex}, context={hex}) at "
                            + at("usr1_count") + "\n" + listing("usr1_count")));
            List<String> backtraces = gdb.outputs("bt");
            assertThat(backtraces.get(0))
                    .matches(template("#0  on_usr1 (sig=10, info={hex}, context={hex}) at " + at("usr1_count") + "\n"
                            + "#1  <signal handler called>\n"
                            + "#2  {hex} in kill ()\n"
                            + callersOfKill(3, 10, "raise_usr1")));
            assertThat(gdb.output("p info->si_signo")).isEqualTo("$1 = 10\n");
            // SI_USER: sent by kill(2).
            assertThat(gdb.output("p info->si_code")).isEqualTo("$2 = 0\n");
            List<String> frames = gdb.outputs("frame 1");
            assertThat(frames).containsExactly("#1  <signal handler called>\n", "#1  <signal handler called>\n");
            List<String> trampolines = gdb.outputs("x/2i $pc");
            assertThat(trampolines.get(0)).matches(template("=> {hex}:\tli      r0,172\n   {hex}:\tsc\n"));
            String killPc = killPc(continues.get(0));
            assertThat(gdb.output("info frame"))
                    .matches(template("Stack level 1, frame at {hex}:\n pc = {hex}; saved pc = " + killPc + "\n"
                            + " called by frame at {hex}, caller of frame at {hex}\n"
                            + " Arglist at unknown address.\n"
                            + " Locals at unknown address, Previous frame's sp at {hex}\n"
                            + " Saved registers:\n  r0 at {hex}, {line}\n"))
                    .contains(", r31 at 0x", ", f31 at 0x", ", pc at 0x", ", lr at 0x", ", fpscr at 0x");
            if (run.stub() == GdbStub.PPCVM) {
                // ppcvm's target description has the Linux registers, which the frame saves too.
                assertThat(gdb.output("info frame")).containsPattern(", orig_r3 at 0x[0-9a-f]+, trap at 0x[0-9a-f]+\n");
            }
            assertThat(continues.get(2)).matches(template(received("SIGUSR2, User defined signal 2")));
            assertThat(continues.get(3))
                    .isEqualTo("Continuing.\n\nBreakpoint 2, on_usr2 (sig=12) at " + at("usr2_count") + "\n"
                            + listing("usr2_count"));
            assertThat(backtraces.get(1))
                    .matches(template("#0  on_usr2 (sig=12) at " + at("usr2_count") + "\n"
                            + "#1  <signal handler called>\n"
                            + "#2  {hex} in kill ()\n"
                            + callersOfKill(3, 12, "raise_usr2")));
            assertThat(trampolines.get(1)).matches(template("=> {hex}:\tli      r0,119\n   {hex}:\tsc\n"));
            assertThat(continues.get(4)).matches(template(EXITED));
            assertThat(run.guestStdout()).isEqualTo(RAISED);
        }
    }

    /**
     * At checkpoint, {@code signal SIGUSR2} delivers a signal the program did not raise: on_usr2
     * runs on top of checkpoint, then returns to checkpoint's first instruction, where the
     * breakpoint is hit again. {@code signal 0} then discards both signals the program raises.
     */
    @Test
    void signalFromGdbDeliversOneTheProgramDidNotRaiseAndSignalZeroDiscards() {
        List<GdbRun> runs = GdbSession.of(Debuggee.signals(), "raise")
                .commands(
                        "break checkpoint",
                        "break on_usr2",
                        "continue",
                        "signal SIGUSR2",
                        "bt",
                        "continue",
                        "delete",
                        "continue",
                        "signal 0",
                        "signal 0")
                .runOn(BOTH);

        for (GdbRun run : runs) {
            GdbTranscript gdb = run.gdb();
            List<String> continues = gdb.outputs("continue");
            String atCheckpoint = "Continuing.\n\nBreakpoint 1, checkpoint () at " + at("checkpoint_end") + "\n"
                    + listing("checkpoint_end");
            assertThat(continues.get(0)).as(run.describe()).isEqualTo(atCheckpoint);
            assertThat(gdb.output("signal SIGUSR2"))
                    .isEqualTo("Continuing with signal SIGUSR2.\n\nBreakpoint 2, on_usr2 (sig=12) at "
                            + at("usr2_count") + "\n" + listing("usr2_count"));
            assertThat(gdb.output("bt"))
                    .matches(template("#0  on_usr2 (sig=12) at " + at("usr2_count") + "\n"
                            + "#1  <signal handler called>\n"
                            + "#2  checkpoint () at " + at("checkpoint_end") + "\n"
                            + "#3  {hex} in raise_mode () at " + at("raise_checkpoint") + "\n"
                            + "#4  {hex} in main (argc=2, argv={hex}) at " + at("main_raise") + "\n"));
            assertThat(continues.get(1)).isEqualTo(atCheckpoint);
            assertThat(continues.get(2)).matches(template(received("SIGUSR1, User defined signal 1")));
            List<String> discards = gdb.outputs("signal 0");
            assertThat(discards.get(0))
                    .matches(template(received("SIGUSR2, User defined signal 2")
                            .replace("Continuing.", "Continuing with no signal.")));
            assertThat(discards.get(1)).matches(template(EXITED.replace("Continuing.", "Continuing with no signal.")));
            assertThat(run.guestStdout()).isEqualTo("raise: usr1=0 usr2=1 code=0\n");
        }
    }

    /**
     * {@code handle SIGUSR1 nostop noprint pass}: SIGUSR1 goes to the guest without gdb stopping or
     * saying so; the first stop is the breakpoint in its handler.
     */
    @Test
    void nostopNoprintPassLetsTheSignalThroughSilently() {
        List<GdbRun> runs = GdbSession.of(Debuggee.signals(), "raise")
                .commands(
                        "handle SIGUSR1 nostop noprint pass",
                        "break on_usr1",
                        "continue",
                        "bt",
                        "delete",
                        "continue",
                        "continue")
                .runOn(BOTH);

        for (GdbRun run : runs) {
            GdbTranscript gdb = run.gdb();
            assertThat(gdb.output("handle SIGUSR1 nostop noprint pass"))
                    .as(run.describe())
                    .isEqualTo("Signal        Stop\tPrint\tPass to program\tDescription\n"
                            + "SIGUSR1       No\tNo\tYes\t\tUser defined signal 1\n");
            List<String> continues = gdb.outputs("continue");
            assertThat(continues.get(0))
                    .matches(template("Continuing.\n\nBreakpoint 1, on_usr1 (sig=10, info={hex}, context={hex}) at "
                            + at("usr1_count") + "\n" + listing("usr1_count")));
            assertThat(gdb.output("bt"))
                    .matches(template("#0  on_usr1 (sig=10, info={hex}, context={hex}) at " + at("usr1_count") + "\n"
                            + "#1  <signal handler called>\n"
                            + "#2  {hex} in kill ()\n"
                            + callersOfKill(3, 10, "raise_usr1")));
            assertThat(continues.get(1)).matches(template(received("SIGUSR2, User defined signal 2")));
            assertThat(continues.get(2)).matches(template(EXITED));
            assertThat(run.guestStdout()).isEqualTo(RAISED);
        }
    }

    /**
     * The same on the wire: gdb lists SIGUSR1 (gdb's 30, 0x1e) in {@code QPassSignals}, and ppcvm
     * delivers it without a stop reply for it; the next stop is SIGUSR2 (0x1f). ppcvm alone:
     * qemu-ppc 7.2 does not offer QPassSignals (gdb then resumes with the signal itself).
     */
    @Test
    void nostopNoprintPassIsQPassSignalsAndNoStopReply() {
        List<GdbRun> runs = GdbSession.of(Debuggee.signals(), "raise")
                .commands(
                        "set debug remote 1",
                        "handle SIGUSR1 nostop noprint pass",
                        "continue",
                        "set debug remote 0",
                        "bt 1",
                        "continue")
                .runOn(PPCVM_ONLY);

        for (GdbRun run : runs) {
            String raw = run.gdb().raw();
            assertThat(raw)
                    .as(run.describe())
                    .containsPattern("Sending packet: \\$QPassSignals:(?:[0-9a-f]+;)*1e[;#]")
                    .doesNotContain("Packet received: T1e")
                    .containsPattern("Packet received: T1f")
                    .contains("Program received signal SIGUSR2, User defined signal 2.\n");
            assertThat(run.gdb().output("bt 1"))
                    .matches(template("#0  {hex} in kill ()\n(More stack frames follow...)\n"));
            assertThat(run.gdb().outputs("continue").get(1)).matches(template(EXITED));
            assertThat(run.guestStdout()).isEqualTo(RAISED);
        }
    }

    /**
     * {@code catch signal SIGSEGV} stops at the faulting store; continuing delivers the signal to
     * on_segv, whose backtrace goes through the signal frame to the store, and whose siginfo says
     * SEGV_MAPERR at address 0; the handler siglongjmps back into segv_mode, which prints.
     */
    @Test
    void catchSignalSigsegvThenTheHandlerSiglongjmpsAway() {
        List<GdbRun> runs = GdbSession.of(Debuggee.signals(), "segv")
                .commands(
                        "catch signal SIGSEGV",
                        "break on_segv",
                        "break " + at("segv_recovered"),
                        "continue",
                        "backtrace",
                        "continue",
                        "bt",
                        "p info->si_code",
                        "p info->_sifields._sigfault.si_addr",
                        "continue",
                        "continue")
                .runOn(BOTH);

        for (GdbRun run : runs) {
            GdbTranscript gdb = run.gdb();
            assertThat(gdb.output("catch signal SIGSEGV"))
                    .as(run.describe())
                    .isEqualTo("Catchpoint 1 (signal SIGSEGV)\n");
            List<String> continues = gdb.outputs("continue");
            assertThat(continues.get(0))
                    .matches(template("Continuing.\n\nCatchpoint 1 (signal SIGSEGV), {hex} in fault () at "
                            + at("fault_store") + "\n" + listing("fault_store")));
            String faultFrames = "{hex} in fault () at " + at("fault_store") + "\n"
                    + "#%d  {hex} in segv_mode () at " + at("segv_fault") + "\n"
                    + "#%d  {hex} in main (argc=2, argv={hex}) at " + at("main_segv") + "\n";
            assertThat(gdb.output("backtrace")).matches(template("#0  " + faultFrames.formatted(1, 2)));
            assertThat(continues.get(1))
                    .matches(template("Continuing.\n\nBreakpoint 2, on_segv (sig=11, info={hex}, context={hex}) at "
                            + at("segv_handler") + "\n" + listing("segv_handler")));
            assertThat(gdb.output("bt"))
                    .matches(template("#0  on_segv (sig=11, info={hex}, context={hex}) at " + at("segv_handler") + "\n"
                            + "#1  <signal handler called>\n"
                            + "#2  " + faultFrames.formatted(3, 4)));
            // SEGV_MAPERR, at the null pointer.
            assertThat(gdb.output("p info->si_code")).isEqualTo("$1 = 1\n");
            assertThat(gdb.output("p info->_sifields._sigfault.si_addr")).isEqualTo("$2 = (void *) 0x0\n");
            assertThat(continues.get(2))
                    .isEqualTo("Continuing.\n\nBreakpoint 3, segv_mode () at " + at("segv_recovered") + "\n"
                            + listing("segv_recovered"));
            assertThat(continues.get(3)).matches(template(EXITED));
            assertThat(run.guestStdout()).isEqualTo("segv: recovered, si_addr=(nil)\n");
        }
    }

    /**
     * Stepping with a signal to deliver enters its handler and stops on the handler's first
     * instruction, as Linux does (a single step that delivers a signal reports the handler's entry).
     * {@code stepi} at the SIGUSR1 report stops at on_usr1's {@code stwu}, its frame below {@code
     * <signal handler called>}; {@code next} at the SIGUSR2 report (in kill, which has no line
     * information) stops at the line that opens on_usr2, where gdb sees a new line begin.
     *
     * <p>ppcvm alone: qemu-ppc runs the handler's first instruction before it stops, so its
     * {@code stepi} stops on the second and its {@code next} goes on to the handler's first line
     * after the prologue. The arguments' values are not printed ({@code frame-arguments none}):
     * before the prologue gdb reads them from where the prologue has not stored them yet.
     */
    @Test
    void steppingWithASignalStopsOnTheHandlersFirstInstruction() {
        List<GdbRun> runs = GdbSession.of(Debuggee.signals(), "raise")
                .commands(
                        "set print frame-arguments none",
                        "continue",
                        "stepi",
                        "x/i $pc",
                        "bt",
                        "continue",
                        "next",
                        "x/i $pc",
                        "continue")
                .runOn(PPCVM_ONLY);

        for (GdbRun run : runs) {
            GdbTranscript gdb = run.gdb();
            List<String> continues = gdb.outputs("continue");
            assertThat(continues.get(0))
                    .as(run.describe())
                    .matches(template(received("SIGUSR1, User defined signal 1")));
            assertThat(gdb.output("stepi"))
                    .isEqualTo("on_usr1 (sig=..., info=..., context=...) at " + at("usr1_entry") + "\n"
                            + listing("usr1_entry"));
            List<String> instructions = gdb.outputs("x/i $pc");
            assertThat(instructions.get(0)).matches(template("=> {hex} <on_usr1>:\tstwu    r1,{line}\n"));
            assertThat(gdb.output("bt"))
                    .matches(template("#0  on_usr1 (sig=..., info=..., context=...) at " + at("usr1_entry") + "\n"
                            + "#1  <signal handler called>\n"
                            + "#2  {hex} in kill ()\n"
                            + callersOfKill(3, "sig=...", "raise_usr1", "argc=..., argv=...")));
            assertThat(continues.get(1)).matches(template(received("SIGUSR2, User defined signal 2")));
            assertThat(gdb.output("next"))
                    .isEqualTo("Single stepping until exit from function kill,\n"
                            + "which has no line number information.\n"
                            + "on_usr2 (sig=...) at " + at("usr2_entry") + "\n" + listing("usr2_entry"));
            assertThat(instructions.get(1)).matches(template("=> {hex} <on_usr2>:\tstwu    r1,{line}\n"));
            assertThat(continues.get(2)).matches(template(EXITED));
            assertThat(run.guestStdout()).isEqualTo(RAISED);
        }
    }

    /**
     * A watchpoint on usr1_count, which only on_usr1 writes: it triggers in the handler, whose
     * backtrace shows the signal frame. qemu-ppc runs it as a software watchpoint, single-stepping
     * into the handler, with the same report.
     */
    @Test
    void aWatchpointOnAVariableTheHandlerWrites() {
        List<GdbRun> runs = GdbSession.of(Debuggee.signals(), "raise")
                .commands(
                        "break send",
                        "continue",
                        "watch usr1_count",
                        "continue",
                        "continue",
                        "bt",
                        "delete",
                        "continue",
                        "continue")
                .runOn(BOTH);

        for (GdbRun run : runs) {
            GdbTranscript gdb = run.gdb();
            String kind = run.stub() == GdbStub.PPCVM ? "Hardware watchpoint" : "Watchpoint";
            assertThat(gdb.output("watch usr1_count")).as(run.describe()).isEqualTo(kind + " 2: usr1_count\n");
            List<String> continues = gdb.outputs("continue");
            assertThat(continues.get(0))
                    .isEqualTo("Continuing.\n\nBreakpoint 1, send (sig=10) at " + at("send_kill") + "\n"
                            + listing("send_kill"));
            assertThat(continues.get(1)).matches(template(received("SIGUSR1, User defined signal 1")));
            // The store is the whole of its line: the guest stops at the next.
            int next = Debuggee.line(SOURCE, "usr1_count") + 1;
            assertThat(continues.get(2))
                    .matches(template("Continuing.\n\n" + kind + " 2: usr1_count\n\nOld value = 0\nNew value = 1\n"
                            + "on_usr1 (sig=10, info={hex}, context={hex}) at signals.c:" + next + "\n"
                            + next + "\t" + Debuggee.sourceText(SOURCE, next) + "\n"));
            assertThat(gdb.output("bt"))
                    .matches(template("#0  on_usr1 (sig=10, info={hex}, context={hex}) at signals.c:" + next + "\n"
                            + "#1  <signal handler called>\n"
                            + "#2  {hex} in kill ()\n"
                            + callersOfKill(3, 10, "raise_usr1")));
            assertThat(continues.get(3)).matches(template(received("SIGUSR2, User defined signal 2")));
            assertThat(continues.get(4)).matches(template(EXITED));
            assertThat(run.guestStdout()).isEqualTo(RAISED);
        }
    }

    /**
     * A watchpoint on the stack word where the kernel's signal frame saves the interrupted PC:
     * ppcvm checks the frame's writes against watchpoints, so gdb reports the write as the
     * signal is delivered, the guest then at the handler's first instruction.
     *
     * <p>Where that word is: on_usr1 keeps the address of its frame's saved PC (usr1_saved_pc_slot).
     * The program's SIGUSR1 and SIGUSR2 come from the same call to kill, with the same stack pointer
     * (printed at both reports), so at the SIGUSR2 report the word is where the SIGUSR1 frame had
     * it. gdb clears the word, watches it and delivers SIGUSR1 instead of SIGUSR2: the new frame
     * writes kill's PC there. ppcvm alone (hardware watchpoints).
     */
    @Test
    void aWatchpointOnTheStackWordTheSignalFrameWrites() {
        List<GdbRun> runs = GdbSession.of(Debuggee.signals(), "raise")
                .commands(
                        "continue",
                        "p $sp",
                        "continue",
                        "p $sp",
                        "set var *usr1_saved_pc_slot = 0",
                        "watch -l *(void **)usr1_saved_pc_slot",
                        "signal SIGUSR1",
                        "x/i $pc",
                        "bt",
                        "delete",
                        "continue")
                .runOn(PPCVM_ONLY);

        for (GdbRun run : runs) {
            GdbTranscript gdb = run.gdb();
            List<String> continues = gdb.outputs("continue");
            assertThat(continues.get(0))
                    .as(run.describe())
                    .matches(template(received("SIGUSR1, User defined signal 1")));
            assertThat(continues.get(1)).matches(template(received("SIGUSR2, User defined signal 2")));
            List<String> sps = gdb.outputs("p $sp");
            assertThat(GdbTranscript.printed(sps.get(1))).isEqualTo(GdbTranscript.printed(sps.get(0)));
            assertThat(gdb.output("watch -l *(void **)usr1_saved_pc_slot"))
                    .isEqualTo("Hardware watchpoint 1: -location *(void **)usr1_saved_pc_slot\n");
            assertThat(gdb.output("signal SIGUSR1"))
                    .matches(template("Continuing with signal SIGUSR1.\n\n"
                            + "Hardware watchpoint 1: -location *(void **)usr1_saved_pc_slot\n\n"
                            + "Old value = (void *) 0x0\n"
                            + "New value = (void *) " + killPc(continues.get(1)) + " <kill+{dec}>\n"
                            + "on_usr1 {line}\n" + listing("usr1_entry")));
            assertThat(gdb.output("x/i $pc")).matches(template("=> {hex} <on_usr1>:\tstwu    r1,{line}\n"));
            assertThat(gdb.output("bt"))
                    .matches(template("#0  on_usr1 {line}\n"
                            + "#1  <signal handler called>\n"
                            + "#2  {hex} in kill ()\n"
                            + callersOfKill(3, 12, "raise_usr2")));
            assertThat(continues.get(2)).matches(template(EXITED));
            assertThat(run.guestStdout()).isEqualTo("raise: usr1=2 usr2=0 code=10\n");
        }
    }

    /** gdb's report of a signal the guest sent itself with kill, stopped in kill. */
    private static String received(String signal) {
        return "Continuing.\n\nProgram received signal " + signal + ".\n{hex} in kill ()\n";
    }

    /** The PC in kill of a {@link #received} report. */
    private static String killPc(String report) {
        Matcher m = KILL_PC.matcher(report);
        assertThat(m.find()).as("a stop in kill:\n%s", report).isTrue();
        return m.group(1);
    }

    /** The frames below kill, numbered from {@code first}: send(sig), raise_mode at {@code line}, main. */
    private static String callersOfKill(int first, int sig, String line) {
        return callersOfKill(first, "sig=" + sig, line, "argc=2, argv={hex}");
    }

    /** The same, with the arguments of send and main as gdb shows them. */
    private static String callersOfKill(int first, String sendArgs, String line, String mainArgs) {
        return "#" + first + "  {hex} in send (" + sendArgs + ") at " + at("send_kill") + "\n"
                + "#" + (first + 1) + "  {hex} in raise_mode () at " + at(line) + "\n"
                + "#" + (first + 2) + "  {hex} in main (" + mainArgs + ") at " + at("main_raise") + "\n";
    }

    private static String at(String name) {
        return Debuggee.at(SOURCE, name);
    }

    private static String listing(String name) {
        return Debuggee.listing(SOURCE, name);
    }
}
