package org.ppcvm.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ppcvm.core.debug.Skip;
import org.ppcvm.core.os.GuestStop;
import org.ppcvm.core.os.KernelRegister;
import org.ppcvm.core.vcpu.RunMode;
import org.ppcvm.linux.LinuxOptions;
import org.ppcvm.linux.LinuxProcess;

/**
 * Under a debugger every signal stops the process before it is delivered, as under ptrace, and
 * the debugger's answer decides: resuming with the signal delivers it (here: the default action),
 * resuming without discards it. A fault's PC stays on the faulting instruction, so discarding its
 * signal runs into the fault again; a signal sent by a system call stops after the {@code sc}.
 */
class SignalStopTest {
    private static final int SC = 0x4400_0002;
    private final ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();

    private LinuxProcess start(String guest) throws Exception {
        Tools.assumeAvailable(GuestToolchain.GCC);
        Path binary = GuestToolchain.inDefaultCache().build(Path.of("src/test/guests", guest), OptLevel.O2);
        return LinuxProcess.create(new LinuxOptions(
                binary,
                List.of(guest),
                List.of(),
                false,
                false,
                false,
                new PrintStream(diagnostics, true, StandardCharsets.UTF_8)));
    }

    private static GuestStop resume(LinuxProcess process, int signal) {
        return process.resume(process.mainThread(), RunMode.CONTINUE, Skip.NONE, signal);
    }

    private static int word(LinuxProcess process, int address) {
        byte[] b = process.memory().readRaw(address, 4);
        return (b[0] & 0xFF) << 24 | (b[1] & 0xFF) << 16 | (b[2] & 0xFF) << 8 | (b[3] & 0xFF);
    }

    @Test
    void aFaultStopsOnTheFaultingStoreUntilTheDebuggerDeliversTheSignal() throws Exception {
        LinuxProcess process = start("sig_segv.c");
        int tid = process.mainThread();

        assertThat(resume(process, 0)).isEqualTo(new GuestStop.Signal(tid, 11));
        int pc = process.cpu().pc;
        assertThat(word(process, pc) >>> 26).as("a store (stw) at the pc").isEqualTo(36);
        assertThat(process.kernelRegister(tid, KernelRegister.TRAP)).isEqualTo(0x300);

        assertThat(resume(process, 0)).isEqualTo(new GuestStop.Signal(tid, 11));
        assertThat(process.cpu().pc).isEqualTo(pc);

        assertThat(resume(process, 11)).isEqualTo(new GuestStop.Killed(11));
        assertThat(resume(process, 0)).isEqualTo(new GuestStop.Killed(11));
        assertThat(diagnostics.toString(StandardCharsets.UTF_8)).isEqualTo("Segmentation fault (core dumped)\n");
    }

    @Test
    void aTrapInstructionStopsOnItWithSigtrap() throws Exception {
        LinuxProcess process = start("sig_trap.c");
        int tid = process.mainThread();
        assertThat(resume(process, 0)).isEqualTo(new GuestStop.Signal(tid, 5));
        assertThat(word(process, process.cpu().pc)).as("tw 31,0,0").isEqualTo(0x7fe0_0008);
        assertThat(process.kernelRegister(tid, KernelRegister.TRAP)).isEqualTo(0x700);
        assertThat(resume(process, 5)).isEqualTo(new GuestStop.Killed(5));
    }

    @Test
    void aSignalSentByASystemCallStopsAfterTheCall() throws Exception {
        LinuxProcess process = start("abort.c");
        int tid = process.mainThread();
        assertThat(resume(process, 0)).isEqualTo(new GuestStop.Signal(tid, 6));
        assertThat(word(process, process.cpu().pc - 4)).isEqualTo(SC);
        assertThat(process.kernelRegister(tid, KernelRegister.TRAP)).isEqualTo(0xc00);
        assertThat(process.kernelRegister(tid, KernelRegister.ORIG_R3)).isEqualTo(tid);
        assertThat(resume(process, 6)).isEqualTo(new GuestStop.Killed(6));
        assertThat(diagnostics.toString(StandardCharsets.UTF_8)).endsWith("Aborted (core dumped)\n");
    }

    @Test
    void killingEndsTheProcessForGood() throws Exception {
        LinuxProcess process = start("abort.c");
        process.kill();
        assertThat(resume(process, 0)).isEqualTo(new GuestStop.Killed(9));
    }
}
