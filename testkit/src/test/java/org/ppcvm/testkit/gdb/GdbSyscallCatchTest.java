package org.ppcvm.testkit.gdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ppcvm.testkit.gdb.Expect.template;
import static org.ppcvm.testkit.gdb.GdbSession.PPCVM_ONLY;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code catch syscall} ({@code QCatchSyscalls}, stop replies {@code syscall_entry} and {@code
 * syscall_return}): by name, by number and by group, in the thread that makes the call, with the
 * PC after the {@code sc} at both stops, as on Linux. ppcvm alone: qemu-ppc 7.2 has no
 * QCatchSyscalls (gdb warns "Your system does not support this type of catchpoint" and the guest
 * runs to its end).
 */
@Tag("gdb")
class GdbSyscallCatchTest {
    private static final Path THREADS = Debuggee.THREADS_SOURCE;
    private static final Path SIGNALS = Debuggee.SIGNALS_SOURCE;
    private static final String RESULTS =
            "worker 0: 338350\nworker 1: 2686700\nworker 2: 9045050\nworker 3: 21413400\ntotal: 33483500\n";

    /**
     * {@code catch syscall write} on the threaded program: main's write to worker i's gate (thread
     * 1), then worker i's write of its line (thread i + 2), call and return each, four times; then
     * main's printf. After worker 0's write returns, r3 is the count it wrote and {@code bt} shows
     * the call in worker_main. The guest's output is untouched.
     */
    @Test
    void catchSyscallWriteStopsAtCallAndReturnInTheThreadThatWrites() {
        List<String> commands = new ArrayList<>(List.of("catch syscall write"));
        commands.addAll(repeat("continue", 4));
        commands.addAll(List.of("p $r3", "bt"));
        commands.addAll(repeat("continue", 15));
        List<GdbRun> runs = GdbSession.of(Debuggee.threads()).commands(commands).runOn(PPCVM_ONLY);

        for (GdbRun run : runs) {
            GdbTranscript gdb = run.gdb();
            assertThat(gdb.output("catch syscall write"))
                    .as(run.describe())
                    .isEqualTo("Catchpoint 1 (syscall 'write' [4])\n");
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                expected.add(writeStop(1, i > 0, "call to"));
                expected.add(writeStop(1, false, "returned from"));
                expected.add(writeStop(i + 2, true, "call to"));
                expected.add(writeStop(i + 2, false, "returned from"));
            }
            expected.add(writeStop(1, true, "call to"));
            expected.add(writeStop(1, false, "returned from"));
            expected.set(
                    0,
                    expected.getFirst()
                            .replace(
                                    "Continuing.\n",
                                    "Continuing.\n[New Thread 4242.4243]\n[New Thread 4242.4244]\n"
                                            + "[New Thread 4242.4245]\n[New Thread 4242.4246]\n"));
            expected.add("Continuing.\n[Inferior 1 ({process}) exited normally]\n");
            List<String> continues = gdb.outputs("continue");
            assertThat(continues).hasSameSizeAs(expected);
            for (int i = 0; i < expected.size(); i++) {
                assertThat(continues.get(i)).as("stop %d", i).matches(template(expected.get(i)));
            }
            // "worker 0: 338350\n"
            assertThat(gdb.output("p $r3")).isEqualTo("$1 = 17\n");
            assertThat(gdb.output("bt"))
                    .matches(template("#0  {hex} in write ()\n"
                            + "#1  {hex} in worker_main (arg={hex} <workers>) at "
                            + Debuggee.at(THREADS, "worker_write")
                            + "\n"
                            + "#2  {hex} in start_thread ()\n"
                            + "#3  {hex} in clone ()\n"));
            assertThat(run.guestStdout()).isEqualTo(RESULTS);
        }
    }

    /**
     * {@code catch syscall group:signal} and {@code catch syscall 20} (getpid) on the signal
     * program: rt_sigaction three times, getpid and kill for SIGUSR1, which gdb then reports; the
     * handler returns through the RT trampoline's rt_sigreturn (a stop on the trampoline page,
     * which has no symbol), whose return is back in kill; the same for SIGUSR2 with the old-style
     * sigreturn. Each call stops at its entry and its return.
     */
    @Test
    void catchSyscallByGroupAndByNumberIncludingSigreturn() {
        List<String> commands = new ArrayList<>(List.of("catch syscall group:signal", "catch syscall 20"));
        commands.addAll(repeat("continue", 12));
        commands.add("x/2i $pc - 8");
        commands.addAll(repeat("continue", 9));
        List<GdbRun> runs =
                GdbSession.of(Debuggee.signals(), "raise").commands(commands).runOn(PPCVM_ONLY);

        for (GdbRun run : runs) {
            GdbTranscript gdb = run.gdb();
            assertThat(gdb.output("catch syscall group:signal"))
                    .as(run.describe())
                    .startsWith("Catchpoint 1 (syscalls 'pause' [29] 'kill' [37] ")
                    .contains(" 'sigreturn' [119] ", " 'rt_sigreturn' [172] 'rt_sigaction' [173] ");
            assertThat(gdb.output("catch syscall 20")).isEqualTo("Catchpoint 2 (syscall 'getpid' [20])\n");
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                expected.add(callStop(1, "call to", "rt_sigaction", "__libc_sigaction ()"));
                expected.add(callStop(1, "returned from", "rt_sigaction", "__libc_sigaction ()"));
            }
            for (String signal : List.of("SIGUSR1, User defined signal 1", "SIGUSR2, User defined signal 2")) {
                boolean rt = signal.startsWith("SIGUSR1");
                expected.add(callStop(2, "call to", "getpid", "getpid ()"));
                expected.add(callStop(2, "returned from", "getpid", "getpid ()"));
                expected.add(callStop(1, "call to", "kill", "kill ()"));
                expected.add(callStop(1, "returned from", "kill", "kill ()"));
                expected.add("Continuing.\n\nProgram received signal " + signal + ".\n{hex} in kill ()\n");
                expected.add(callStop(1, "call to", rt ? "rt_sigreturn" : "sigreturn", "?? ()"));
                expected.add(callStop(1, "returned from", rt ? "rt_sigreturn" : "sigreturn", "kill ()"));
            }
            expected.add("Continuing.\n[Inferior 1 ({process}) exited normally]\n");
            List<String> continues = gdb.outputs("continue");
            assertThat(continues).hasSameSizeAs(expected);
            for (int i = 0; i < expected.size(); i++) {
                assertThat(continues.get(i)).as("stop %d", i).matches(template(expected.get(i)));
            }
            // At the call to rt_sigreturn, the PC is after the trampoline's sc.
            assertThat(gdb.output("x/2i $pc - 8")).matches(template("   {hex}:\tli      r0,172\n   {hex}:\tsc\n"));
            assertThat(run.guestStdout()).isEqualTo("raise: usr1=1 usr2=1 code=10\n");
        }
    }

    /**
     * A read that blocks is one call and one return: {@code catch syscall read} stops as each
     * worker enters its read at the gate; the next stop is worker 0's read returning the byte main
     * wrote (r3 = 1), in thread 2. On Linux, a blocked call that a debugger's stop interrupts is
     * restarted inside the kernel without a new entry stop.
     */
    @Test
    void aReadThatBlocksIsOneCallAndOneReturn() {
        List<GdbRun> runs = GdbSession.of(Debuggee.threads())
                .commands("catch syscall read")
                .commands(repeat("continue", 5))
                .commands("p $r3", "delete", "continue")
                .runOn(PPCVM_ONLY);

        for (GdbRun run : runs) {
            GdbTranscript gdb = run.gdb();
            List<String> continues = gdb.outputs("continue");
            for (int i = 0; i < 4; i++) {
                String newThreads = i == 0
                        ? "[New Thread 4242.4243]\n[New Thread 4242.4244]\n[New Thread 4242.4245]\n"
                                + "[New Thread 4242.4246]\n"
                        : "";
                assertThat(continues.get(i))
                        .as("worker %d enters read%s", i, run.describe())
                        .matches(template("Continuing.\n" + newThreads + "[Switching to Thread 4242." + (4243 + i)
                                + "]\n\nThread " + (i + 2) + " \"threads\" hit Catchpoint 1 (call to syscall read), "
                                + "{hex} in read ()\n"));
            }
            assertThat(continues.get(4))
                    .as("worker 0's read returns")
                    .matches(
                            template(
                                    "Continuing.\n[Switching to Thread 4242.4243]\n\n"
                                            + "Thread 2 \"threads\" hit Catchpoint 1 (returned from syscall read), {hex} in read ()\n"));
            assertThat(gdb.output("p $r3")).isEqualTo("$1 = 1\n");
            assertThat(continues.get(5)).matches(template("Continuing.\n[Inferior 1 ({process}) exited normally]\n"));
            assertThat(run.guestStdout()).isEqualTo(RESULTS);
        }
    }

    /**
     * gdb's report of the write catchpoint in gdb thread {@code thread}, {@code switched} to it when
     * the last stop was in another thread.
     */
    private static String writeStop(int thread, boolean switched, String what) {
        String switching = switched ? "[Switching to Thread 4242." + (4241 + thread) + "]\n" : "";
        return "Continuing.\n" + switching + "\nThread " + thread + " \"threads\" hit Catchpoint 1 (" + what
                + " syscall write), {hex} in write ()\n";
    }

    /** gdb's report of catchpoint {@code n} in a single-threaded guest. */
    private static String callStop(int n, String what, String syscall, String frame) {
        return "Continuing.\n\nCatchpoint " + n + " (" + what + " syscall " + syscall + "), {hex} in " + frame + "\n";
    }

    private static List<String> repeat(String command, int times) {
        List<String> list = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            list.add(command);
        }
        return list;
    }
}
