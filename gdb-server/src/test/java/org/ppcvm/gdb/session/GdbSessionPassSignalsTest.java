package org.ppcvm.gdb.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ppcvm.gdb.ppc.TargetDescription;
import org.ppcvm.gdb.protocol.ThreadId;
import org.ppcvm.gdb.session.ResumeAction.Continue;
import org.ppcvm.gdb.session.ResumeAction.RangeStep;
import org.ppcvm.gdb.session.ResumeAction.Step;
import org.ppcvm.gdb.session.StopReason.Exited;
import org.ppcvm.gdb.session.StopReason.Signalled;

/** {@code QPassSignals}: signals gdb lets through without a stop reply. */
class GdbSessionPassSignalsTest {
    // Linux numbers; gdb's differ for SIGUSR1 (30 = 0x1e), SIGCHLD (20 = 0x14) and SIGRTMIN+0 (kernel
    // 34, gdb 46 = 0x2e).
    private static final int SIGINT = 2;
    private static final int SIGTRAP = 5;
    private static final int SIGUSR1 = 10;
    private static final int SIGSEGV = 11;
    private static final int SIGALRM = 14;
    private static final int SIGCHLD = 17;
    private static final int SIGRT34 = 34;
    private static final String ZERO_REGISTERS = "01:00000000;40:00000000;43:00000000;";

    private final FakeTarget target = new FakeTarget();
    private final GdbSession session =
            new GdbSession(target, TargetDescription.userMode(), Signalled.of(0x64, SIGTRAP));

    private String send(String payload) {
        Optional<String> reply = session.handle(payload);
        assertThat(reply).as("reply to %s", payload).isPresent();
        return reply.get();
    }

    private static ThreadAction all(ResumeAction action) {
        return new ThreadAction(ThreadId.ALL_THREADS, action);
    }

    private static ThreadAction thread(int tid, ResumeAction action) {
        return new ThreadAction(ThreadId.thread(tid), action);
    }

    @Test
    void aPassedSignalIsDeliveredWithoutAStopReply() {
        // gdb numbers: SIGALRM e, SIGUSR1 1e.
        assertThat(send("QPassSignals:e;1e")).isEqualTo("OK");
        target.stops.add(Signalled.of(0x64, SIGUSR1));
        target.stops.add(Signalled.of(0x64, SIGALRM));
        target.stops.add(Signalled.of(0x65, SIGTRAP));
        assertThat(send("vCont;c")).isEqualTo("T05thread:65;" + ZERO_REGISTERS);
        assertThat(target.resumes)
                .containsExactly(
                        List.of(all(new Continue(0))),
                        List.of(thread(0x64, new Continue(SIGUSR1)), all(new Continue(0))),
                        List.of(thread(0x64, new Continue(SIGALRM)), all(new Continue(0))));
        assertThat(send("?")).isEqualTo("T05thread:65;" + ZERO_REGISTERS);
    }

    @Test
    void signalsNotInTheSetAreReported() {
        send("QPassSignals:e");
        target.stops.add(Signalled.of(0x65, SIGUSR1));
        assertThat(send("c")).isEqualTo("T1ethread:65;" + ZERO_REGISTERS);
        assertThat(target.resumes).hasSize(1);
    }

    @Test
    void aSteppingThreadStepsWithTheSignal() {
        send("QPassSignals:14");
        target.stops.add(Signalled.of(0x65, SIGCHLD));
        target.stops.add(Signalled.of(0x65, SIGTRAP));
        send("vCont;s:65");
        assertThat(target.resumes)
                .containsExactly(
                        List.of(thread(0x65, new Step(0))),
                        List.of(thread(0x65, new Step(SIGCHLD)), thread(0x65, new Step(0))));
    }

    @Test
    void aRangeSteppingThreadStepsOnceWithTheSignal() {
        // A continue would run past the range; one step with the signal comes back to gdb, which
        // steps on through the range itself.
        send("QPassSignals:14");
        target.stops.add(Signalled.of(0x64, SIGCHLD));
        target.stops.add(Signalled.of(0x64, SIGTRAP));
        assertThat(send("vCont;r10000074,10000080:64;c")).startsWith("T05thread:64;");
        RangeStep range = new RangeStep(0x10000074L, 0x10000080L);
        assertThat(target.resumes)
                .containsExactly(
                        List.of(thread(0x64, range), all(new Continue(0))),
                        List.of(thread(0x64, new Step(SIGCHLD)), thread(0x64, range), all(new Continue(0))));
    }

    @Test
    void theSignalGoesToTheThreadThatStoppedOthersKeepTheirActions() {
        send("QPassSignals:2e");
        target.stops.add(Signalled.of(0x65, SIGRT34));
        target.stops.add(Signalled.of(0x64, SIGTRAP));
        send("vCont;s:64;c");
        assertThat(target.resumes.get(1))
                .containsExactly(thread(0x65, new Continue(SIGRT34)), thread(0x64, new Step(0)), all(new Continue(0)));
    }

    @Test
    void aSignalGdbSentIsNotDeliveredTwice() {
        // vCont;C delivers SIGUSR1 on the first resume; a passed signal replaces it afterwards.
        send("QPassSignals:e");
        target.stops.add(Signalled.of(0x64, SIGALRM));
        target.stops.add(Signalled.of(0x64, SIGTRAP));
        send("vCont;C1e:64");
        assertThat(target.resumes)
                .containsExactly(
                        List.of(thread(0x64, new Continue(SIGUSR1))),
                        List.of(thread(0x64, new Continue(SIGALRM)), thread(0x64, new Continue(SIGUSR1))));
    }

    @Test
    void legacyContinueIsResumedTheSameWay() {
        send("QPassSignals:e");
        target.stops.add(Signalled.of(0x64, SIGALRM));
        target.stops.add(new Exited(0));
        assertThat(send("c")).isEqualTo("W00");
        assertThat(target.resumes)
                .containsExactly(
                        List.of(all(new Continue(0))),
                        List.of(thread(0x64, new Continue(SIGALRM)), all(new Continue(0))));
    }

    @Test
    void aSignalOfAThreadNoActionResumedIsReported() {
        send("QPassSignals:e");
        target.stops.add(Signalled.of(0x65, SIGALRM));
        assertThat(send("vCont;c:64")).startsWith("T0ethread:65;");
        assertThat(target.resumes).hasSize(1);
    }

    @Test
    void breakpointStopsAreReportedEvenWithSigtrapInTheSet() {
        send("QPassSignals:5");
        target.stops.add(Signalled.because(0x64, SIGTRAP, new StopReason.SoftwareBreak()));
        target.stops.add(Signalled.of(0x64, SIGTRAP));
        assertThat(send("c")).startsWith("T05thread:64;");
        assertThat(send("s")).startsWith("T05thread:64;");
        assertThat(target.resumes).hasSize(2);
    }

    @Test
    void aCtrlCIsReportedEvenWithSigintInTheSet() {
        send("QPassSignals:2");
        target.interrupt();
        assertThat(send("c")).startsWith("T02thread:64;");
        target.stops.add(Signalled.of(0x64, SIGINT));
        assertThat(send("c")).startsWith("T02thread:64;");
        assertThat(target.resumes).hasSize(2);
    }

    @Test
    void anInterruptEndsARunOfPassedSignals() {
        send("QPassSignals:e");
        target.stops.add(Signalled.of(0x64, SIGALRM));
        target.stops.add(Signalled.of(0x64, SIGALRM));
        target.stops.add(Signalled.of(0x64, SIGALRM));
        target.interrupt();
        // The interrupt was pending before the resume: the first stop is it.
        assertThat(send("c")).startsWith("T02thread:64;");
        target.stops.clear();
        target.stops.add(Signalled.of(0x64, SIGALRM));
        target.stops.add(Signalled.of(0x64, SIGSEGV));
        assertThat(send("c")).startsWith("T0bthread:64;");
    }

    @Test
    void anEmptyListClearsTheSet() {
        send("QPassSignals:e;1e");
        assertThat(send("QPassSignals:")).isEqualTo("OK");
        target.stops.add(Signalled.of(0x64, SIGALRM));
        assertThat(send("c")).startsWith("T0ethread:64;");
    }

    @Test
    void aNewListReplacesTheOldOne() {
        send("QPassSignals:e");
        send("QPassSignals:1e");
        target.stops.add(Signalled.of(0x64, SIGALRM));
        assertThat(send("c")).startsWith("T0ethread:64;");
    }

    @Test
    void gdbSignalsLinuxDoesNotHaveAreIgnored() {
        // 7 is gdb's SIGEMT, 0 no signal, 97 beyond gdb's table, 100 beyond a byte.
        assertThat(send("QPassSignals:7;0;97;100;e;")).isEqualTo("OK");
        target.stops.add(Signalled.of(0x64, SIGALRM));
        target.stops.add(Signalled.of(0x64, SIGTRAP));
        assertThat(send("c")).startsWith("T05thread:64;");
    }

    @Test
    void passedSignalStopsWithACauseAreReported() {
        send("QPassSignals:e");
        target.stops.add(Signalled.because(0x64, SIGALRM, new StopReason.HardwareBreak()));
        assertThat(send("c")).startsWith("T0ethread:64;");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"QPassSignals:x", "QPassSignals:e;zz", "QPassSignals:e;-1", "QPassSignals:11111111111111111"})
    void malformedListsAreErrorsAndKeepTheOldSet(String payload) {
        send("QPassSignals:e");
        assertThat(send(payload)).isEqualTo("E01");
        target.stops.add(Signalled.of(0x64, SIGALRM));
        target.stops.add(Signalled.of(0x64, SIGTRAP));
        assertThat(send("c")).startsWith("T05thread:64;");
    }

    @Test
    void aFailingResumeInTheMiddleIsAnError() {
        send("QPassSignals:e");
        target.stops.add(Signalled.of(0x64, SIGALRM));
        assertThat(send("c")).isEqualTo("E02");
        assertThat(target.resumes).hasSize(2);
    }
}
