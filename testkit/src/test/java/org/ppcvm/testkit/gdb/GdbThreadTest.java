package org.ppcvm.testkit.gdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ppcvm.testkit.gdb.Expect.template;
import static org.ppcvm.testkit.gdb.GdbSession.BOTH;
import static org.ppcvm.testkit.gdb.GdbSession.PPCVM_ONLY;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Guest threads as gdb threads, on {@code gdb/threads.c}: main and four workers, each worker
 * blocked in read(2) at its gate until main releases it, one at a time.
 *
 * <p>gdb numbers threads as it learns of them: main is thread 1 and, when main stops first, worker
 * i is thread i + 2. ppcvm's process is 4242 and its threads' ids count up from there (main
 * 4242, worker i 4243 + i); gdb shows each with its name (Linux's comm: the program's name, which
 * new threads inherit). qemu-ppc shows its host ids, no names and {@code (CPU#N [running])}
 * instead; {@link StubDifferences} evens that out, and {@code info threads}, whose columns are as
 * wide as those names, is compared through {@link #squeezed}.
 *
 * <p>Where the PC of a thread blocked in read(2) stands is the subject of {@link
 * #aThreadBlockedInReadStandsAfterItsSc}; the other sessions leave it out of the comparison.
 */
@Tag("gdb")
class GdbThreadTest {
    static final Path SOURCE = Debuggee.THREADS_SOURCE;
    private static final String RESULTS =
            "worker 0: 338350\nworker 1: 2686700\nworker 2: 9045050\nworker 3: 21413400\ntotal: 33483500\n";
    private static final String NEW_THREADS = "[New Thread %s]\n[New Thread %s]\n[New Thread %s]\n[New Thread %s]\n";
    private static final String READ_PC = "0x[0-9a-f]+ in read \\(\\)";

    /**
     * At all_waiting, with every worker in read: {@code info threads} lists main and the four
     * workers with their frames, {@code thread 3} selects worker 1, {@code bt} unwinds it from read
     * into wait_at_gate, worker_main and the thread start, and {@code thread apply all bt} does that
     * for every thread, from the last. Continuing runs the workers to the end with their results.
     */
    @Test
    void infoThreadsThreadBacktraceAndThreadApplyAll() {
        List<GdbRun> runs = GdbSession.of(Debuggee.threads())
                .commands(
                        "break all_waiting",
                        "continue",
                        "info threads",
                        "thread 3",
                        "backtrace",
                        "thread apply all bt",
                        "continue")
                .notComparing("info threads")
                .normalising(READ_PC, "<pc> in read ()")
                .runOn(BOTH);

        for (GdbRun run : runs) {
            GdbTranscript gdb = run.gdb();
            List<String> continues = gdb.outputs("continue");
            assertThat(continues.get(0))
                    .as(run.describe())
                    .matches(template("Continuing.\n" + newThreads(run, 1, 2, 3, 4) + "\nThread 1" + name(run)
                            + " hit Breakpoint 1, all_waiting () at " + at("all_waiting_end") + "\n"
                            + listing("all_waiting_end")));
            String infoThreads = "  Id   Target Id                  Frame \n"
                    + "* 1    " + targetId(run, 0) + " all_waiting () at " + at("all_waiting_end") + "\n"
                    + "  2    " + targetId(run, 1) + " {hex} in read ()\n"
                    + "  3    " + targetId(run, 2) + " {hex} in read ()\n"
                    + "  4    " + targetId(run, 3) + " {hex} in read ()\n"
                    + "  5    " + targetId(run, 4) + " {hex} in read ()\n";
            assertInfoThreads(run, gdb.output("info threads"), infoThreads);
            assertThat(gdb.output("thread 3"))
                    .matches(template("[Switching to thread 3 (Thread " + tid(run, 2) + ")]\n#0  {hex} in read ()\n"));
            assertThat(gdb.output("backtrace")).matches(template(blockedAtGate(1)));
            StringBuilder all = new StringBuilder();
            for (int thread = 5; thread >= 2; thread--) {
                all.append("\nThread ")
                        .append(thread)
                        .append(" (Thread ")
                        .append(tid(run, thread - 1))
                        .append(name(run))
                        .append(extraInfo(run, thread - 1))
                        .append("):\n+bt\n")
                        .append(blockedAtGate(thread - 2));
            }
            all.append("\nThread 1 (Thread ")
                    .append(tid(run, 0))
                    .append(name(run))
                    .append(extraInfo(run, 0))
                    .append("):\n+bt\n#0  all_waiting () at ")
                    .append(at("all_waiting_end"))
                    .append("\n#1  {hex} in main (argc=1, argv={hex}) at ")
                    .append(at("main_all_waiting"))
                    .append("\n");
            assertThat(gdb.outputWithNested("thread apply all bt", 5)).matches(template(all.toString()));
            assertThat(continues.get(1)).matches(template("Continuing.\n[Inferior 1 ({process}) exited normally]\n"));
            assertThat(run.guestStdout()).isEqualTo(RESULTS);
            assertThat(run.exitStatus()).isZero();
        }
    }

    /**
     * A breakpoint in sum_of_squares, which each worker calls once released: gdb switches to the
     * worker that hit it, four times in the order main releases them. At the second hit, worker 0
     * is gone, workers 2 and 3 still wait in read; {@code finish} runs worker 1 to its return value.
     */
    @Test
    void aBreakpointInTheWorkersStopsEachInTurn() {
        List<GdbRun> runs = GdbSession.of(Debuggee.threads())
                .commands(
                        "break sum_of_squares",
                        "continue",
                        "backtrace",
                        "continue",
                        "info threads 3-5",
                        "finish",
                        "continue",
                        "continue",
                        "continue")
                .notComparing("info threads 3-5")
                .normalising(READ_PC, "<pc> in read ()")
                .runOn(BOTH);

        for (GdbRun run : runs) {
            GdbTranscript gdb = run.gdb();
            List<String> continues = gdb.outputs("continue");
            assertThat(continues.get(0))
                    .as(run.describe())
                    .matches(template("Continuing.\n" + newThreads(run, 1, 2, 3, 4) + workerHit(run, 0)));
            assertThat(gdb.output("backtrace"))
                    .matches(template("#0  sum_of_squares (n=100) at " + at("sum_first") + "\n"
                            + "#1  {hex} in worker_main (arg={hex} <workers>) at " + at("worker_compute") + "\n"
                            + "#2  {hex} in start_thread ()\n"
                            + "#3  {hex} in clone ()\n"));
            assertThat(continues.get(1)).matches(template("Continuing.\n" + workerHit(run, 1)));
            assertInfoThreads(
                    run,
                    gdb.output("info threads 3-5"),
                    "  Id   Target Id                  Frame \n"
                            + "* 3    " + targetId(run, 2) + " sum_of_squares (n=200) at " + at("sum_first") + "\n"
                            + "  4    " + targetId(run, 3) + " {hex} in read ()\n"
                            + "  5    " + targetId(run, 4) + " {hex} in read ()\n");
            assertThat(gdb.output("finish"))
                    .matches(template("Run till exit from #0  sum_of_squares (n=200) at " + at("sum_first") + "\n"
                            + "{hex} in worker_main (arg={hex} <workers+32>) at " + at("worker_compute") + "\n"
                            + listing("worker_compute")
                            + "Value returned is $1 = 2686700\n"));
            assertThat(continues.get(2)).matches(template("Continuing.\n" + workerHit(run, 2)));
            assertThat(continues.get(3)).matches(template("Continuing.\n" + workerHit(run, 3)));
            assertThat(continues.get(4)).matches(template("Continuing.\n[Inferior 1 ({process}) exited normally]\n"));
            assertThat(run.guestStdout()).isEqualTo(RESULTS);
        }
    }

    /**
     * In "kill" mode main sends SIGUSR1 to worker 1 alone (pthread_kill), which waits in read: gdb
     * reports it in that thread, which it learns of first (so it is thread 2), the handler runs
     * there, on top of the read it interrupted, and the read goes on (SA_RESTART).
     */
    @Test
    void aSignalSentToOneWorkerStopsThatThreadAndItsHandlerRunsThere() {
        List<GdbRun> runs = GdbSession.of(Debuggee.threads(), "kill")
                .commands(
                        "break on_usr1",
                        "continue",
                        "backtrace",
                        "continue",
                        "bt",
                        "next",
                        "p usr1_handled_by",
                        "continue")
                .runOn(BOTH);

        for (GdbRun run : runs) {
            GdbTranscript gdb = run.gdb();
            List<String> continues = gdb.outputs("continue");
            // Worker 1 (the third thread to start) first, then the others as they started.
            assertThat(continues.get(0))
                    .as(run.describe())
                    .matches(template("Continuing.\n" + newThreads(run, 2, 1, 3, 4) + "\nThread 2" + name(run)
                            + " received signal SIGUSR1, User defined signal 1.\n"
                            + "[Switching to Thread " + tid(run, 2) + "]\n"
                            + "{hex} in read ()\n"));
            assertThat(gdb.output("backtrace")).matches(template(blockedAtGate(1)));
            assertThat(continues.get(1))
                    .matches(template("Continuing.\n\nThread 2" + name(run) + " hit Breakpoint 1, on_usr1 (sig=10) at "
                            + at("usr1_handler") + "\n" + listing("usr1_handler")));
            assertThat(gdb.output("bt"))
                    .matches(template("#0  on_usr1 (sig=10) at " + at("usr1_handler") + "\n"
                            + "#1  <signal handler called>\n"
                            + blockedAtGate(1, 2)));
            // The handler stored its thread's my_index (gdb cannot read thread-local variables:
            // neither stub answers qGetTLSAddr).
            assertThat(gdb.output("next")).isEqualTo(listing("usr1_handler_end"));
            assertThat(gdb.output("p usr1_handled_by")).isEqualTo("$1 = 1\n");
            assertThat(continues.get(2)).matches(template("Continuing.\n[Inferior 1 ({process}) exited normally]\n"));
            assertThat(run.guestStdout()).isEqualTo(RESULTS + "SIGUSR1 handled by worker 1\n");
        }
    }

    /**
     * {@code signal SIGUSR1} with worker 1's thread selected resumes that thread with the signal
     * ({@code vCont;C1e:THREAD;c}): its handler runs in worker 1 and the other threads run on
     * without it. ppcvm alone: qemu-ppc 7.2 keeps one signal for the whole vCont and gives it to
     * the thread that last stopped (main).
     */
    @Test
    void signalFromGdbGoesToTheSelectedThread() {
        List<GdbRun> runs = GdbSession.of(Debuggee.threads())
                .commands(
                        "break all_waiting",
                        "break on_usr1",
                        "continue",
                        "thread 3",
                        "signal SIGUSR1",
                        "bt",
                        "next",
                        "p usr1_handled_by",
                        "continue")
                .runOn(PPCVM_ONLY);

        for (GdbRun run : runs) {
            GdbTranscript gdb = run.gdb();
            assertThat(gdb.output("signal SIGUSR1"))
                    .as(run.describe())
                    .isEqualTo(
                            "Continuing with signal SIGUSR1.\n\nThread 3 \"threads\" hit Breakpoint 2, on_usr1 (sig=10) at "
                                    + at("usr1_handler") + "\n" + listing("usr1_handler"));
            assertThat(gdb.output("bt"))
                    .matches(template("#0  on_usr1 (sig=10) at " + at("usr1_handler") + "\n"
                            + "#1  <signal handler called>\n"
                            + blockedAtGate(1, 2)));
            // The handler stored its thread's my_index (gdb cannot read thread-local variables:
            // neither stub answers qGetTLSAddr).
            assertThat(gdb.output("next")).isEqualTo(listing("usr1_handler_end"));
            assertThat(gdb.output("p usr1_handled_by")).isEqualTo("$1 = 1\n");
            assertThat(gdb.outputs("continue").get(1))
                    .matches(template("Continuing.\n[Inferior 1 ({process}) exited normally]\n"));
            assertThat(run.guestStdout()).isEqualTo(RESULTS + "SIGUSR1 handled by worker 1\n");
        }
    }

    /**
     * A thread blocked in a system call shows the PC after its {@code sc}, as Linux shows it to a
     * debugger (the kernel rewinds the PC for a restart only once it goes on) and qemu-ppc too.
     */
    @Test
    void aThreadBlockedInReadStandsAfterItsSc() {
        List<GdbRun> runs = GdbSession.of(Debuggee.threads())
                .commands("break all_waiting", "continue", "thread 2", "x/2i $pc - 4", "kill")
                .runOn(BOTH);

        for (GdbRun run : runs) {
            assertThat(run.gdb().output("x/2i $pc - 4"))
                    .as(run.describe())
                    .matches(template("   {hex} <{line}>:\tsc\n=> {hex} <{line}>:\tmfcr    r0\n"));
        }
    }

    /**
     * gdb calls a function in a worker blocked in read ({@code print sum_of_squares(3)}: it sets
     * the PC and TRAP = -1, then restores both): the function runs at once with its own argument,
     * and after the call the read is back where it was, so the worker still gets its byte and
     * every result is right. ppcvm only: qemu-ppc runs the call with the read's registers.
     */
    @Test
    void callingAFunctionInAThreadBlockedInReadLeavesTheReadAsItWas() {
        List<GdbRun> runs = GdbSession.of(Debuggee.threads())
                .commands("break all_waiting", "continue", "thread 2", "print sum_of_squares(3)", "continue")
                .runOn(PPCVM_ONLY);

        for (GdbRun run : runs) {
            assertThat(run.gdb().output("print sum_of_squares(3)"))
                    .as(run.describe())
                    .isEqualTo("$1 = 14\n");
            assertThat(run.guestStdout()).isEqualTo(RESULTS);
            assertThat(run.exitStatus()).isZero();
        }
    }

    /**
     * {@code stepi} of a worker blocked in read lets main run and write to the worker's pipe, and
     * ends when the read returns, on the instruction after its {@code sc} (none of the worker's
     * own instructions run), with the byte count in r3: Linux reports a single-stepped system
     * call at its exit. ppcvm only: how qemu-ppc steps a thread blocked in the host is its own.
     */
    @Test
    void steppingAThreadBlockedInReadEndsWhenTheReadReturns() {
        List<GdbRun> runs = GdbSession.of(Debuggee.threads())
                .commands(
                        "break all_waiting",
                        "continue",
                        "thread 2",
                        "p/x $pc",
                        "stepi",
                        "p/x $pc",
                        "p $r3",
                        "x/i $pc - 4",
                        "kill")
                .runOn(PPCVM_ONLY);

        for (GdbRun run : runs) {
            GdbTranscript gdb = run.gdb();
            List<String> pcs = gdb.outputs("p/x $pc");
            assertThat(pcs.get(1)).as(run.describe()).isEqualTo(pcs.get(0).replace("$1", "$2"));
            assertThat(gdb.output("stepi")).matches(template("{hex} in read ()\n"));
            assertThat(gdb.output("p $r3")).isEqualTo("$3 = 1\n");
            assertThat(gdb.output("x/i $pc - 4")).matches(template("   {hex} <read+{dec}>:\tsc\n"));
        }
    }

    /**
     * Workers that name themselves with pthread_setname_np (in "names" mode: "worker0" to
     * "worker3") show those names in {@code info threads}, as gdbserver shows a Linux thread's comm.
     * ppcvm alone (qemu-ppc's stub reports no names). pthread_setname_np on the calling thread is
     * prctl(PR_SET_NAME).
     */
    @Test
    void namesTheThreadsGiveThemselvesShowInInfoThreads() {
        List<GdbRun> runs = GdbSession.of(Debuggee.threads(), "names")
                .commands("break all_waiting", "continue", "info threads", "kill")
                .runOn(PPCVM_ONLY);

        for (GdbRun run : runs) {
            assertThat(run.gdb().output("info threads"))
                    .as(run.describe())
                    .matches(template("  Id   Target Id                  Frame \n"
                            + "* 1    Thread 4242.4242 \"threads\" all_waiting () at " + at("all_waiting_end") + "\n"
                            + "  2    Thread 4242.4243 \"worker0\" {hex} in read ()\n"
                            + "  3    Thread 4242.4244 \"worker1\" {hex} in read ()\n"
                            + "  4    Thread 4242.4245 \"worker2\" {hex} in read ()\n"
                            + "  5    Thread 4242.4246 \"worker3\" {hex} in read ()\n"));
        }
    }

    /** The backtrace of worker {@code i}, blocked in read at its gate. */
    private static String blockedAtGate(int i) {
        return blockedAtGate(i, 0);
    }

    /** The frames of worker {@code i} blocked in read at its gate, numbered from {@code first}. */
    private static String blockedAtGate(int i, int first) {
        String w = i == 0 ? "<workers>" : "<workers+" + 32 * i + ">";
        return "#" + first + "  {hex} in read ()\n"
                + "#" + (first + 1) + "  {hex} in wait_at_gate (w={hex} " + w + ") at " + at("gate_read") + "\n"
                + "#" + (first + 2) + "  {hex} in worker_main (arg={hex} " + w + ") at " + at("worker_wait") + "\n"
                + "#" + (first + 3) + "  {hex} in start_thread ()\n"
                + "#" + (first + 4) + "  {hex} in clone ()\n";
    }

    /** gdb's report of worker {@code i} (gdb thread i + 2) at the breakpoint in sum_of_squares. */
    private static String workerHit(GdbRun run, int i) {
        return "[Switching to Thread " + tid(run, i + 1) + "]\n\nThread " + (i + 2) + name(run)
                + " hit Breakpoint 1, sum_of_squares (n=" + 100 * (i + 1) + ") at " + at("sum_first") + "\n"
                + listing("sum_first");
    }

    /** The {@code [New Thread ...]} lines for the threads started {@code k}-th, in that order. */
    private static String newThreads(GdbRun run, int... k) {
        return NEW_THREADS.formatted(tid(run, k[0]), tid(run, k[1]), tid(run, k[2]), tid(run, k[3]));
    }

    /**
     * gdb's PID.TID of the thread started {@code k}-th (main is 0): exact under ppcvm, a template
     * under qemu.
     */
    static String tid(GdbRun run, int k) {
        return run.stub() == GdbStub.PPCVM ? "4242." + (4242 + k) : "{dec}.{dec}";
    }

    /** What gdb shows after a thread's number or id: ppcvm's thread name. */
    static String name(GdbRun run) {
        return run.stub() == GdbStub.PPCVM ? " \"threads\"" : "";
    }

    /** qemu's extra information on the thread started {@code k}-th (its vCPU). */
    private static String extraInfo(GdbRun run, int k) {
        return run.stub() == GdbStub.PPCVM ? "" : " (CPU#" + k + " [running])";
    }

    private static String targetId(GdbRun run, int k) {
        return "Thread " + tid(run, k) + name(run) + extraInfo(run, k);
    }

    /**
     * {@code info threads}: under ppcvm exactly as {@code expected}, whose columns fit ppcvm's
     * target ids; under qemu with runs of spaces squeezed, as its columns are as wide as its ids.
     */
    private static void assertInfoThreads(GdbRun run, String actual, String expected) {
        if (run.stub() == GdbStub.PPCVM) {
            assertThat(actual).as(run.describe()).matches(template(expected));
        } else {
            assertThat(squeezed(actual)).as(run.describe()).matches(template(squeezed(expected)));
        }
    }

    /** {@code text} with every run of spaces made one space. */
    static String squeezed(String text) {
        return text.replaceAll(" +", " ");
    }

    private static String at(String name) {
        return Debuggee.at(SOURCE, name);
    }

    private static String listing(String name) {
        return Debuggee.listing(SOURCE, name);
    }
}
