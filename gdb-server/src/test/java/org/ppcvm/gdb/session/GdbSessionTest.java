package org.ppcvm.gdb.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ppcvm.gdb.ppc.RegisterMap;
import org.ppcvm.gdb.ppc.TargetDescription;
import org.ppcvm.gdb.protocol.Packets;
import org.ppcvm.gdb.protocol.ThreadId;
import org.ppcvm.gdb.session.ResumeAction.Continue;
import org.ppcvm.gdb.session.ResumeAction.RangeStep;
import org.ppcvm.gdb.session.ResumeAction.Step;
import org.ppcvm.gdb.session.StopReason.Exited;
import org.ppcvm.gdb.session.StopReason.Killed;
import org.ppcvm.gdb.session.StopReason.Signalled;
import org.ppcvm.gdb.session.StopReason.Watch;
import org.ppcvm.gdb.session.StopReason.WatchKind;

class GdbSessionTest {
    private static final int SIGTRAP = 5;
    private static final int SIGKILL = 9;
    // Linux SIGUSR1 is gdb's 30 (0x1e): the wire carries gdb's numbers.
    private static final int LINUX_SIGUSR1 = 10;
    private static final int LINUX_SIGSEGV = 11;

    private final TargetDescription description = TargetDescription.userMode();
    private final FakeTarget target = new FakeTarget();
    private final GdbSession session = new GdbSession(target, description, Signalled.of(0x64, SIGTRAP));

    // The registers every T reply carries for a thread whose r1, pc and lr are all zero.
    private static final String ZERO_REGISTERS = "01:00000000;40:00000000;43:00000000;";

    private String send(String payload) {
        Optional<String> reply = session.handle(payload);
        assertThat(reply).as("reply to %s", payload).isPresent();
        return reply.get();
    }

    // ---- negotiation ---------------------------------------------------------------------------

    @Test
    void qSupportedAnnouncesTheFeatures() {
        String reply = send("qSupported:multiprocess+;swbreak+;hwbreak+;vContSupported+");
        assertThat(reply.split(";"))
                .containsExactlyInAnyOrder(
                        "PacketSize=" + Integer.toHexString(GdbSession.PACKET_SIZE),
                        "qXfer:features:read+",
                        "qXfer:auxv:read+",
                        "qXfer:exec-file:read+",
                        "qXfer:threads:read+",
                        "QStartNoAckMode+",
                        "swbreak+",
                        "hwbreak+",
                        "vContSupported+",
                        "QPassSignals+",
                        "QDisableRandomization+",
                        "QCatchSyscalls+",
                        "multiprocess+");
    }

    @Test
    void withoutMultiprocessThreadIdsHaveNoProcessPart() {
        send("qSupported:swbreak+");
        assertThat(send("qC")).isEqualTo("QC64");
        assertThat(send("qfThreadInfo")).isEqualTo("m64,65");
        target.stops.add(new Exited(3));
        assertThat(send("vCont;c")).isEqualTo("W03");
    }

    @Test
    void multiprocessNamesTheProcessInThreadIdsAndEndReplies() {
        send("qSupported:multiprocess+;swbreak+");
        assertThat(send("qC")).isEqualTo("QCp64.64");
        assertThat(send("qfThreadInfo")).isEqualTo("mp64.64,p64.65");
        assertThat(send("Hgp64.65")).isEqualTo("OK");
        target.stops.add(Signalled.of(0x65, SIGTRAP));
        assertThat(send("vCont;s:p64.65;c:p64.-1")).startsWith("T05thread:p64.65;");
        target.stops.add(new Exited(3));
        assertThat(send("vCont;c:p64.-1")).isEqualTo("W03;process:64");
    }

    @Test
    void qCatchSyscallsSelectsNoneAllOrTheListedNumbers() {
        assertThat(send("QCatchSyscalls:1;4;5a")).isEqualTo("OK");
        assertThat(target.caughtSyscalls.test(4)).isTrue();
        assertThat(target.caughtSyscalls.test(0x5a)).isTrue();
        assertThat(target.caughtSyscalls.test(3)).isFalse();
        assertThat(send("QCatchSyscalls:1")).isEqualTo("OK");
        assertThat(target.caughtSyscalls.test(3)).isTrue();
        assertThat(send("QCatchSyscalls:0")).isEqualTo("OK");
        assertThat(target.caughtSyscalls.test(4)).isFalse();
        assertThat(send("QCatchSyscalls:2")).isEqualTo("E01");
        assertThat(send("QCatchSyscalls:1;zz")).isEqualTo("E01");
    }

    @Test
    void syscallStopsNameTheCall() {
        target.stops.add(Signalled.because(0x64, SIGTRAP, new StopReason.SyscallEntry(4)));
        target.stops.add(Signalled.because(0x64, SIGTRAP, new StopReason.SyscallReturn(4)));
        assertThat(send("vCont;c")).isEqualTo("T05thread:64;" + ZERO_REGISTERS + "syscall_entry:4;");
        assertThat(send("vCont;c")).isEqualTo("T05thread:64;" + ZERO_REGISTERS + "syscall_return:4;");
    }

    @Test
    void vKillKillsTheProcessAndSaysOk() {
        send("qSupported:multiprocess+");
        assertThat(send("vKill;65")).isEqualTo("E01");
        assertThat(target.killed).isFalse();
        assertThat(send("vKill;64")).isEqualTo("OK");
        assertThat(target.killed).isTrue();
        assertThat(session.killed()).isTrue();
        assertThat(session.finished()).isTrue();
    }

    @Test
    void dispatchIsExactNotByPrefix() {
        assertThat(send("qSupportedX")).isEmpty();
        assertThat(send("QStartNoAckModeX")).isEmpty();
        assertThat(session.noAckMode()).isFalse();
        assertThat(send("vContX")).isEmpty();
    }

    @Test
    void noAckModeTurnsOnOnlyAfterItsPacket() {
        assertThat(session.noAckMode()).isFalse();
        send("qSupported:swbreak+");
        assertThat(session.noAckMode()).isFalse();
        assertThat(send("QStartNoAckMode")).isEqualTo("OK");
        assertThat(session.noAckMode()).isTrue();
    }

    @Test
    void noAckModeWithArgumentsIsAnError() {
        assertThat(send("QStartNoAckMode:1")).isEqualTo("E01");
        assertThat(session.noAckMode()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"vMustReplyEmpty", "qOffsets", "qFoo", "vFoo;bar", "!", "bc", "Qbar:1", "qTStatus"})
    void unknownAndUnsupportedPacketsGetTheEmptyReply(String payload) {
        assertThat(send(payload)).isEmpty();
    }

    @Test
    void anEmptyPayloadGetsTheEmptyReply() {
        assertThat(send("")).isEmpty();
    }

    // ---- qXfer ---------------------------------------------------------------------------------

    @Test
    void featuresComeFromTheTargetDescription() {
        String reply = send("qXfer:features:read:target.xml:0,20");
        byte[] expected = description.read("target.xml", 0, 0x20);
        assertThat(reply).isEqualTo(new String(expected, StandardCharsets.ISO_8859_1));
        assertThat(reply).startsWith("m");
        assertThat(send("qXfer:features:read:nosuch.xml:0,20")).isEqualTo("E00");
    }

    @Test
    void wholeFeatureDocumentsReassemble() {
        for (String annex : description.annexes()) {
            StringBuilder doc = new StringBuilder();
            for (int offset = 0; ; ) {
                String reply = send("qXfer:features:read:" + annex + ":" + Integer.toHexString(offset) + ",100");
                byte[] data = Packets.unescape(reply.substring(1).getBytes(StandardCharsets.ISO_8859_1));
                doc.append(new String(data, StandardCharsets.UTF_8));
                offset += data.length;
                if (reply.charAt(0) == 'l') {
                    break;
                }
                assertThat(reply.charAt(0)).isEqualTo('m');
            }
            assertThat(doc.toString()).isEqualTo(description.document(annex).orElseThrow());
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "qXfer:features:read:target.xml",
                "qXfer:features:read:target.xml:0",
                "qXfer:features:read:target.xml:zz,10",
                "qXfer:features:read:target.xml:0,",
                "qXfer:auxv:read::",
                "qXfer:auxv:read:foo:0,10",
                "qXfer:exec-file:read:zz:0,10"
            })
    void malformedTransfersAreErrors(String payload) {
        assertThat(send(payload)).isEqualTo("E01");
    }

    @Test
    void unknownTransferObjectsAndWritesAreUnsupported() {
        assertThat(send("qXfer:libraries:read::0,100")).isEmpty();
        assertThat(send("qXfer:threads:write::0:abc")).isEmpty();
        assertThat(send("qXfer:features:write:target.xml:0:abc")).isEmpty();
        assertThat(send("qXfer")).isEmpty();
    }

    @Test
    void auxvIsTransferredInEscapedChunks() {
        // '}' (0x7d) and '#' (0x23) must be escaped on the wire.
        target.auxv = new byte[] {0, 0, 0, 0x21, 0x7d, 0x23, 0, 1};
        String first = send("qXfer:auxv:read::0,4");
        assertThat(first).isEqualTo("m\0\0\0!");
        String rest = send("qXfer:auxv:read::4,100");
        assertThat(rest.charAt(0)).isEqualTo('l');
        assertThat(Packets.unescape(rest.substring(1).getBytes(StandardCharsets.ISO_8859_1)))
                .containsExactly(0x7d, 0x23, 0, 1);
        assertThat(send("qXfer:auxv:read::8,100")).isEqualTo("l");
        assertThat(send("qXfer:auxv:read::100,100")).isEqualTo("l");
    }

    @Test
    void execFileIsThePath() {
        assertThat(send("qXfer:exec-file:read::0,100")).isEqualTo("l/usr/bin/prog");
        assertThat(send("qXfer:exec-file:read:64:0,5")).isEqualTo("m/usr/");
        target.execFile = Optional.empty();
        assertThat(send("qXfer:exec-file:read::0,100")).isEqualTo("E02");
    }

    // ---- registers -----------------------------------------------------------------------------

    @Test
    void gReadsTheSelectedThread() {
        RegisterMap map = new RegisterMap(description);
        target.registers.get(0x64).writeWord(1, 0x7fff0000);
        target.registers.get(0x65).writeWord(1, 0x12345678);
        String all = send("g");
        assertThat(all).hasSize(map.gPacketLength()).startsWith("00000000" + "7fff0000");
        assertThat(send("Hg65")).isEqualTo("OK");
        assertThat(send("g")).startsWith("00000000" + "12345678");
        assertThat(send("p1")).isEqualTo("12345678");
        assertThat(send("Hg0")).isEqualTo("OK");
        assertThat(send("p1")).isEqualTo("7fff0000");
    }

    @Test
    void gAndGRoundTrip() {
        RegisterMap map = new RegisterMap(description);
        StringBuilder hex = new StringBuilder();
        for (int i = 0; i < map.gPacketLength(); i++) {
            hex.append("0123456789abcdef".charAt(i * 7 % 16));
        }
        assertThat(send("G" + hex)).isEqualTo("OK");
        assertThat(send("g")).isEqualTo(hex.toString());
        assertThat(send("G" + hex.substring(2))).isEqualTo("E01");
        assertThat(send("G" + hex.substring(1) + "x")).isEqualTo("E01");
    }

    @Test
    void pAndPOneRegister() {
        assertThat(send("P40=10000074")).isEqualTo("OK");
        assertThat(target.registers.get(0x64).readWord(TargetDescription.PC)).isEqualTo(0x10000074);
        assertThat(send("p40")).isEqualTo("10000074");
        assertThat(send("P20=3ff0000000000000")).isEqualTo("OK");
        assertThat(target.registers.get(0x64).readFpr(32)).isEqualTo(Double.doubleToRawLongBits(1.0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"p", "pzz", "p7fffffff", "P40", "P40=1", "P40=1234567x", "Pzz=00000000"})
    void badRegisterPacketsAreErrors(String payload) {
        assertThat(send(payload)).isEqualTo("E01");
    }

    // ---- memory --------------------------------------------------------------------------------

    @Test
    void mReadsTheReadablePrefix() {
        assertThat(send("m10004,4")).isEqualTo("04050607");
        assertThat(send("m100fe,8")).isEqualTo("feff");
        assertThat(send("m20000,4")).isEqualTo("E0e");
        assertThat(send("m10000,0")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "m",
                "m10000",
                "m10000,",
                "m,4",
                "mzz,4",
                "m10000,4x",
                "M10000,2",
                "M10000,2:abc",
                "M10000,2:12",
                "Mzz,1:00",
                "X10000,2:a",
                "X10000"
            })
    void badMemoryPacketsAreErrors(String payload) {
        assertThat(send(payload)).isEqualTo("E01");
    }

    @Test
    void mWritesHex() {
        assertThat(send("M10010,3:aabbcc")).isEqualTo("OK");
        assertThat(send("m1000f,5")).isEqualTo("0faabbcc13");
        assertThat(send("M100ff,2:0102")).isEqualTo("E0e");
    }

    @Test
    void xAnswersTheProbeWithoutWriting() {
        byte[] before = target.memory.clone();
        assertThat(send("X10000,0:")).isEqualTo("OK");
        assertThat(target.memory).isEqualTo(before);
    }

    @Test
    void xWritesEscapedBinary() {
        // ':' in the data must not confuse the split after the length.
        byte[] data = {0x7d, 0x23, 0x24, 0x2a, 0x3a, (byte) 0xff};
        byte[] escaped = Packets.escape(data);
        byte[] payload = concat("X10020,6:".getBytes(StandardCharsets.US_ASCII), escaped);
        assertThat(session.handle(payload))
                .hasValueSatisfying(r -> assertThat(r).isEqualTo("OK".getBytes(StandardCharsets.US_ASCII)));
        assertThat(send("m10020,6")).isEqualTo("7d23242a3aff");
        // The length counts unescaped bytes.
        byte[] wrong = concat("X10020,c:".getBytes(StandardCharsets.US_ASCII), escaped);
        assertThat(session.handle(wrong))
                .hasValueSatisfying(r ->
                        assertThat(new String(r, StandardCharsets.US_ASCII)).isEqualTo("E01"));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    // ---- breakpoints and watchpoints -----------------------------------------------------------

    @Test
    void pointsAreInsertedAndRemovedByType() {
        assertThat(send("Z0,10000074,4")).isEqualTo("OK");
        assertThat(send("Z0,10000074,4")).isEqualTo("OK");
        assertThat(send("Z1,10000080,4")).isEqualTo("OK");
        assertThat(send("Z2,10020,4")).isEqualTo("OK");
        assertThat(send("Z3,10024,2")).isEqualTo("OK");
        assertThat(send("Z4,10028,1")).isEqualTo("OK");
        assertThat(target.points)
                .containsExactlyInAnyOrder(
                        new FakeTarget.Point(PointType.SOFTWARE_BREAKPOINT, 0x10000074L, 4),
                        new FakeTarget.Point(PointType.HARDWARE_BREAKPOINT, 0x10000080L, 4),
                        new FakeTarget.Point(PointType.WRITE_WATCHPOINT, 0x10020L, 4),
                        new FakeTarget.Point(PointType.READ_WATCHPOINT, 0x10024L, 2),
                        new FakeTarget.Point(PointType.ACCESS_WATCHPOINT, 0x10028L, 1));
        assertThat(send("z0,10000074,4")).isEqualTo("OK");
        assertThat(send("z2,10020,4")).isEqualTo("OK");
        assertThat(send("z2,10020,4")).isEqualTo("OK");
        assertThat(target.points).hasSize(3);
    }

    @Test
    void softwareBreakpointsOtherThanFourBytesAreErrors() {
        // An error, not an empty reply: gdb must not fall back to writing its own trap.
        assertThat(send("Z0,10000074,2")).isEqualTo("E01");
        assertThat(send("Z0,10000074,8")).isEqualTo("E01");
        assertThat(target.points).isEmpty();
    }

    @Test
    void conditionsAfterTheKindAreIgnored() {
        assertThat(send("Z0,10000074,4;X3,220027")).isEqualTo("OK");
        assertThat(target.points).containsExactly(new FakeTarget.Point(PointType.SOFTWARE_BREAKPOINT, 0x10000074L, 4));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Z",
                "Z0",
                "Z0,1000",
                "Z0,1000,4,5",
                "Z5,1000,4",
                "Zx,1000,4",
                "Z0,zz,4",
                "Z2,100000000,4",
                "z9,0,4",
                "z0,,4"
            })
    void badPointPacketsAreErrors(String payload) {
        assertThat(send(payload)).isEqualTo("E01");
    }

    @Test
    void aRefusingTargetGetsAnError() {
        target.refuse = true;
        assertThat(send("Z1,10000080,4")).isEqualTo("E02");
    }

    // ---- resuming and stop replies -------------------------------------------------------------

    @Test
    void vContQueryListsTheActions() {
        assertThat(send("vCont?")).isEqualTo("vCont;c;C;s;S;r");
    }

    @Test
    void vContParsesEveryAction() {
        for (int i = 0; i < 5; i++) {
            target.stops.add(Signalled.of(0x64, SIGTRAP));
        }
        send("vCont;c");
        send("vCont;s:65;c");
        send("vCont;C1e:64");
        send("vCont;S0b:p1.65;c:64");
        send("vCont;r10000074,10000080:64;c");
        assertThat(target.resumes)
                .containsExactly(
                        List.of(new ThreadAction(ThreadId.ALL_THREADS, new Continue(0))),
                        List.of(
                                new ThreadAction(ThreadId.thread(0x65), new Step(0)),
                                new ThreadAction(ThreadId.ALL_THREADS, new Continue(0))),
                        List.of(new ThreadAction(ThreadId.thread(0x64), new Continue(LINUX_SIGUSR1))),
                        List.of(
                                new ThreadAction(ThreadId.of(1, 0x65), new Step(LINUX_SIGSEGV)),
                                new ThreadAction(ThreadId.thread(0x64), new Continue(0))),
                        List.of(
                                new ThreadAction(ThreadId.thread(0x64), new RangeStep(0x10000074L, 0x10000080L)),
                                new ThreadAction(ThreadId.ALL_THREADS, new Continue(0))));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "vCont",
                "vCont;",
                "vCont;x",
                "vCont;C",
                "vCont;C1",
                "vCont;Czz",
                "vCont;c1e",
                "vCont;c:zz",
                "vCont;c:0",
                "vCont;c;;s",
                "vCont;r1000",
                "vCont;r1000,",
                // gdb's SIGEMT (7) has no Linux signal.
                "vCont;C07"
            })
    void badVContIsAnErrorAndDoesNotResume(String payload) {
        target.stops.add(Signalled.of(0x64, SIGTRAP));
        assertThat(send(payload)).isEqualTo("E01");
        assertThat(target.resumes).isEmpty();
    }

    @Test
    void legacyResumePackets() {
        for (int i = 0; i < 4; i++) {
            target.stops.add(Signalled.of(0x64, SIGTRAP));
        }
        send("c");
        send("s10000100");
        send("C1e");
        assertThat(send("Hc65")).isEqualTo("OK");
        send("S0b;10000200");
        assertThat(target.resumes)
                .containsExactly(
                        List.of(new ThreadAction(ThreadId.ALL_THREADS, new Continue(0))),
                        List.of(new ThreadAction(ThreadId.thread(0x64), new Step(0))),
                        List.of(new ThreadAction(ThreadId.ALL_THREADS, new Continue(LINUX_SIGUSR1))),
                        List.of(new ThreadAction(ThreadId.thread(0x65), new Step(LINUX_SIGSEGV))));
        assertThat(target.registers.get(0x64).readWord(TargetDescription.PC)).isEqualTo(0x10000100);
        assertThat(target.registers.get(0x65).readWord(TargetDescription.PC)).isEqualTo(0x10000200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"cxyz", "C", "C1", "C07", "Szz;1000", "s1000000000"})
    void badLegacyResumeIsAnError(String payload) {
        target.stops.add(Signalled.of(0x64, SIGTRAP));
        assertThat(send(payload)).isEqualTo("E01");
        assertThat(target.resumes).isEmpty();
    }

    @Test
    void initialStopIsReported() {
        assertThat(send("?")).isEqualTo("T05thread:64;" + ZERO_REGISTERS);
    }

    @Test
    void breakpointStopsCarryTheirReasonWhenGdbAskedForIt() {
        send("qSupported:swbreak+;hwbreak+");
        target.stops.add(Signalled.because(0x65, SIGTRAP, new StopReason.SoftwareBreak()));
        target.stops.add(Signalled.because(0x64, SIGTRAP, new StopReason.HardwareBreak()));
        assertThat(send("vCont;c")).isEqualTo("T05thread:65;" + ZERO_REGISTERS + "swbreak:;");
        assertThat(send("?")).isEqualTo("T05thread:65;" + ZERO_REGISTERS + "swbreak:;");
        assertThat(send("vCont;c")).isEqualTo("T05thread:64;" + ZERO_REGISTERS + "hwbreak:;");
    }

    @Test
    void breakpointReasonsAreLeftOutForAGdbWithoutThem() {
        send("qSupported:vContSupported+");
        target.stops.add(Signalled.because(0x65, SIGTRAP, new StopReason.SoftwareBreak()));
        assertThat(send("c")).isEqualTo("T05thread:65;" + ZERO_REGISTERS);
    }

    @Test
    void watchpointStopsReportTheAddress() {
        target.stops.add(Signalled.because(0x64, SIGTRAP, new Watch(WatchKind.WRITE, 0x10020)));
        target.stops.add(Signalled.because(0x64, SIGTRAP, new Watch(WatchKind.READ, 0x10024)));
        target.stops.add(Signalled.because(0x64, SIGTRAP, new Watch(WatchKind.ACCESS, 0x7fff0010L)));
        assertThat(send("c")).isEqualTo("T05thread:64;" + ZERO_REGISTERS + "watch:10020;");
        assertThat(send("c")).isEqualTo("T05thread:64;" + ZERO_REGISTERS + "rwatch:10024;");
        assertThat(send("c")).isEqualTo("T05thread:64;" + ZERO_REGISTERS + "awatch:7fff0010;");
    }

    @Test
    void signalStopsUseGdbNumbersAndSelectTheThread() {
        target.stops.add(Signalled.of(0x65, LINUX_SIGUSR1));
        assertThat(send("vCont;c")).isEqualTo("T1ethread:65;" + ZERO_REGISTERS);
        assertThat(send("qC")).isEqualTo("QC65");
    }

    @Test
    void exitAndKillReplies() {
        target.stops.add(new Exited(3));
        assertThat(send("c")).isEqualTo("W03");
        assertThat(send("?")).isEqualTo("W03");
        assertThat(send("c")).isEqualTo("E01");
        assertThat(target.resumes).hasSize(1);

        GdbSession other = new GdbSession(target, description, new Killed(LINUX_SIGUSR1));
        assertThat(other.handle("?")).hasValue("X1e");
        assertThat(other.stopReply(new Killed(SIGKILL))).isEqualTo("X09");
        assertThat(other.stopReply(new Exited(0x1ff))).isEqualTo("Wff");
    }

    @Test
    void aThreadThatWentAwayIsAnErrorNotAnException() {
        assertThat(send("Hg65")).isEqualTo("OK");
        target.threads.remove(Integer.valueOf(0x65));
        target.registers.remove(0x65);
        assertThat(send("g")).isEqualTo("E02");
        assertThat(send("T65")).isEqualTo("E01");
    }

    @Test
    void aFailingResumeIsAnErrorNotAnException() {
        assertThat(send("c")).isEqualTo("E02");
    }

    // ---- threads -------------------------------------------------------------------------------

    @Test
    void threadQueries() {
        assertThat(send("qC")).isEqualTo("QC64");
        assertThat(send("qfThreadInfo")).isEqualTo("m64,65");
        assertThat(send("qsThreadInfo")).isEqualTo("l");
        assertThat(send("T65")).isEqualTo("OK");
        assertThat(send("T99")).isEqualTo("E01");
        assertThat(send("T0")).isEqualTo("E01");
        assertThat(send("Tzz")).isEqualTo("E01");
        assertThat(send("Hg99")).isEqualTo("E01");
        assertThat(send("Hx64")).isEqualTo("E01");
        assertThat(send("H")).isEqualTo("E01");
        assertThat(send("Hc-1")).isEqualTo("OK");
        assertThat(send("Hgp1.65")).isEqualTo("OK");
        assertThat(send("qC")).isEqualTo("QC65");
    }

    @Test
    void qAttachedFollowsTheTarget() {
        assertThat(send("qAttached")).isEqualTo("0");
        target.attached = true;
        assertThat(send("qAttached:1")).isEqualTo("1");
    }

    // ---- ending --------------------------------------------------------------------------------

    @Test
    void detachResumesWithoutTheDebugger() {
        send("Z0,10000074,4");
        assertThat(send("D")).isEqualTo("OK");
        assertThat(target.detached).isTrue();
        assertThat(target.points).isEmpty();
        assertThat(session.finished()).isTrue();
    }

    @Test
    void detachWithAPid() {
        assertThat(send("D;1")).isEqualTo("OK");
        assertThat(session.finished()).isTrue();
        assertThat(send("Dx")).isEqualTo("E01");
    }

    @Test
    void killHasNoReply() {
        assertThat(session.handle("k")).isEmpty();
        assertThat(target.killed).isTrue();
        assertThat(session.finished()).isTrue();
    }

    // ---- expedited registers -------------------------------------------------------------------

    @Test
    void stopRepliesCarryR1PcAndLrOfTheStoppedThreadBigEndian() {
        FakeTarget.Registers r = target.registers.get(0x65);
        r.writeWord(1, 0x7fff_fe10);
        r.writeWord(TargetDescription.PC, 0x1000_0074);
        r.writeWord(TargetDescription.LR, 0x1000_05a0);
        target.registers.get(0x64).writeWord(1, 0x1111_1111);
        target.stops.add(Signalled.of(0x65, SIGTRAP));
        assertThat(send("vCont;s:65")).isEqualTo("T05thread:65;01:7ffffe10;40:10000074;43:100005a0;");
    }

    @Test
    void stopRepliesOfAThreadWhoseRegistersCannotBeReadHaveNone() {
        target.registers.remove(0x65);
        target.stops.add(Signalled.because(0x65, SIGTRAP, new Watch(WatchKind.WRITE, 0x10020)));
        assertThat(send("c")).isEqualTo("T05thread:65;watch:10020;");
    }

    // ---- thread list as XML and thread names ---------------------------------------------------

    @Test
    void threadsDocumentListsEveryThreadWithItsName() {
        target.threadNames.put(0x65, "worker");
        assertThat(send("qXfer:threads:read::0,1000")).isEqualTo("l" + """
                        <?xml version="1.0"?>
                        <threads>
                        <thread id="64" name="prog"/>
                        <thread id="65" name="worker"/>
                        </threads>
                        """);
    }

    @Test
    void threadNamesAreXmlEscaped() {
        target.threadNames.put(0x64, "a<b>&\"c'\u0001\t\u00e9");
        String reply = send("qXfer:threads:read::0,1000");
        assertThat(reply).contains("name=\"a&lt;b&gt;&amp;&quot;c&apos;?\t" + "\u00c3\u00a9" + "\"/>");
        assertThat(GdbSession.xmlEscape("plain")).isEqualTo("plain");
        assertThat(GdbSession.xmlEscape("\ufffe\r\n")).isEqualTo("?\r\n");
    }

    @Test
    void threadsDocumentIsTransferredInChunksThatReassemble() {
        for (int tid = 0x66; tid < 0x200; tid++) {
            target.threads.add(tid);
        }
        StringBuilder doc = new StringBuilder();
        int requests = 0;
        for (int offset = 0; ; requests++) {
            String reply = send("qXfer:threads:read::" + Integer.toHexString(offset) + ",400");
            byte[] data = Packets.unescape(reply.substring(1).getBytes(StandardCharsets.ISO_8859_1));
            assertThat(data.length).isLessThanOrEqualTo(0x400);
            doc.append(new String(data, StandardCharsets.UTF_8));
            offset += data.length;
            if (reply.charAt(0) == 'l') {
                break;
            }
            assertThat(reply.charAt(0)).isEqualTo('m');
        }
        assertThat(requests).isGreaterThan(1);
        assertThat(doc.toString())
                .startsWith("<?xml version=\"1.0\"?>\n<threads>\n")
                .endsWith("</threads>\n");
        assertThat(doc.toString()).contains("<thread id=\"1ff\" name=\"prog\"/>\n");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "qXfer:threads:read:",
                "qXfer:threads:read::",
                "qXfer:threads:read::0",
                "qXfer:threads:read::x,10",
                "qXfer:threads:read:annex:0,10"
            })
    void malformedThreadTransfersAreErrors(String payload) {
        assertThat(send(payload)).isEqualTo("E01");
    }

    @Test
    void threadExtraInfoIsTheNameInHex() {
        target.threadNames.put(0x65, "worker");
        assertThat(send("qThreadExtraInfo,65")).isEqualTo(Packets.toHex("worker".getBytes(StandardCharsets.UTF_8)));
        target.threadNames.put(0x64, "");
        assertThat(send("qThreadExtraInfo,64")).isEqualTo(Packets.toHex("thread 100".getBytes(StandardCharsets.UTF_8)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"qThreadExtraInfo", "qThreadExtraInfo,", "qThreadExtraInfo,99", "qThreadExtraInfo,0"})
    void threadExtraInfoOfNoLiveThreadIsAnError(String payload) {
        assertThat(send(payload)).isEqualTo("E01");
    }

    @Test
    void threadExtraInfoWithAMalformedIdIsAnError() {
        assertThat(send("qThreadExtraInfo,zz")).isEqualTo("E01");
        assertThat(send("qThreadExtraInfo,-1")).isEqualTo("E01");
    }

    // ---- qOffsets ------------------------------------------------------------------------------

    @Test
    void offsetsAreTheLoadDisplacementForAllThreeSections() {
        target.loadOffset = Optional.of(0x7f55_0000L);
        assertThat(send("qOffsets")).isEqualTo("Text=7f550000;Data=7f550000;Bss=7f550000");
        target.loadOffset = Optional.of(0L);
        assertThat(send("qOffsets")).isEqualTo("Text=0;Data=0;Bss=0");
    }

    @Test
    void offsetsAre32BitAddresses() {
        target.loadOffset = Optional.of(-0x1000L);
        assertThat(send("qOffsets")).isEqualTo("Text=fffff000;Data=fffff000;Bss=fffff000");
    }

    @Test
    void offsetsAreUnsupportedWhenTheTargetDoesNotKnowThem() {
        target.loadOffset = Optional.empty();
        assertThat(send("qOffsets")).isEmpty();
        assertThat(send("qOffsets:1")).isEqualTo("E01");
    }

    // ---- monitor -------------------------------------------------------------------------------

    private final List<String> console = new ArrayList<>();
    private final GdbSession withConsole =
            new GdbSession(target, description, Signalled.of(0x64, SIGTRAP), console::add);

    private String monitorPacket(String command) {
        return "qRcmd," + Packets.toHex(command.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void monitorOutputGoesToTheConsoleBeforeOk() {
        target.monitorReplies.put("info exits", "2 exits\n");
        assertThat(withConsole.handle(monitorPacket("info exits"))).hasValue("OK");
        assertThat(target.monitorCommands).containsExactly("info exits");
        assertThat(console).containsExactly("O" + Packets.toHex("2 exits\n".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void unknownMonitorCommandsGetTheTargetsLineAndStillOk() {
        assertThat(withConsole.handle(monitorPacket("frobnicate"))).hasValue("OK");
        assertThat(console).hasSize(1);
        assertThat(new String(Packets.fromHex(console.get(0).substring(1)), StandardCharsets.UTF_8))
                .startsWith("Unknown monitor command 'frobnicate'");
    }

    @Test
    void emptyMonitorOutputIsJustOk() {
        target.monitorReplies.put("quiet", "");
        assertThat(withConsole.handle(monitorPacket("quiet"))).hasValue("OK");
        assertThat(console).isEmpty();
    }

    @Test
    void anEmptyMonitorCommandReachesTheTarget() {
        target.monitorReplies.put("", "help text\n");
        assertThat(withConsole.handle("qRcmd,")).hasValue("OK");
        assertThat(target.monitorCommands).containsExactly("");
        assertThat(console).hasSize(1);
    }

    @Test
    void longMonitorOutputIsSplitIntoPacketsThatFit() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; text.length() < 3 * GdbSession.PACKET_SIZE; i++) {
            text.append("line ").append(i).append(" \u00e9\n");
        }
        target.monitorReplies.put("big", text.toString());
        assertThat(withConsole.handle(monitorPacket("big"))).hasValue("OK");
        assertThat(console).hasSizeGreaterThan(1);
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        for (String packet : console) {
            assertThat(packet).startsWith("O").hasSizeLessThanOrEqualTo(GdbSession.PACKET_SIZE);
            joined.writeBytes(Packets.fromHex(packet.substring(1)));
        }
        assertThat(joined.toString(StandardCharsets.UTF_8)).isEqualTo(text.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"qRcmd,6", "qRcmd,zz", "qRcmd,68656c6c6", "qRcmd,68:65"})
    void malformedMonitorPacketsAreErrorsAndRunNothing(String payload) {
        assertThat(withConsole.handle(payload)).hasValue("E01");
        assertThat(target.monitorCommands).isEmpty();
        assertThat(console).isEmpty();
    }

    @Test
    void monitorWithoutTheCommaIsAnEmptyCommand() {
        assertThat(withConsole.handle("qRcmd")).hasValue("OK");
        assertThat(target.monitorCommands).containsExactly("");
    }

    @Test
    void aFailingMonitorCommandIsAnErrorWithoutOutput() {
        target.monitorFails = true;
        assertThat(withConsole.handle(monitorPacket("help"))).hasValue("E02");
        assertThat(console).isEmpty();
    }

    @Test
    void theThreeArgumentSessionDropsConsoleOutput() {
        target.monitorReplies.put("help", "commands\n");
        assertThat(send(monitorPacket("help"))).isEqualTo("OK");
        assertThat(target.monitorCommands).containsExactly("help");
    }

    // ---- settings gdb sends --------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"QDisableRandomization:0", "QDisableRandomization:1"})
    void disableRandomizationIsAcknowledged(String payload) {
        assertThat(send(payload)).isEqualTo("OK");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "QDisableRandomization",
                "QDisableRandomization:",
                "QDisableRandomization:2",
                "QDisableRandomization:01"
            })
    void malformedDisableRandomizationIsAnError(String payload) {
        assertThat(send(payload)).isEqualTo("E01");
    }

    @ParameterizedTest
    @ValueSource(strings = {"QProgramSignals:", "QProgramSignals:e;f;10", "QProgramSignals:97;7"})
    void programSignalsAreAcceptedAndIgnored(String payload) {
        assertThat(send(payload)).isEqualTo("OK");
    }

    @ParameterizedTest
    @ValueSource(strings = {"QProgramSignals:x", "QProgramSignals:e;zz", "QProgramSignals:11111111111111111"})
    void malformedProgramSignalsAreErrors(String payload) {
        assertThat(send(payload)).isEqualTo("E01");
    }

    // ---- robustness ----------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 42, 1234567})
    void randomPayloadsNeverThrow(long seed) {
        Random random = new Random(seed);
        String alphabet = "qQvXZzmMgGpPcCsSHT?Dk:;,=-0123456789abcdefx}#$*\0\377";
        String[] prefixes = {
            "qXfer:features:read:",
            "qXfer:auxv:read:",
            "qXfer:threads:read:",
            "vCont;",
            "Z0,",
            "m",
            "M",
            "X",
            "P",
            "H",
            "",
            "qRcmd,",
            "qThreadExtraInfo,",
            "QPassSignals:",
            "QProgramSignals:",
            "QDisableRandomization:",
            "qOffsets",
            "vFile:open:",
            "vFile:pread:",
            "vFile:close:",
            "vFile:fstat:",
            "vFile:readlink:",
            "vFile:setfs:",
            "vFile:"
        };
        for (int i = 0; i < 2000; i++) {
            StringBuilder sb = new StringBuilder(prefixes[random.nextInt(prefixes.length)]);
            int length = random.nextInt(24);
            for (int j = 0; j < length; j++) {
                sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String payload = sb.toString();
            if (payload.startsWith("k") || payload.startsWith("D")) {
                continue;
            }
            target.stops.add(Signalled.of(0x64, SIGTRAP));
            assertThatCode(() -> session.handle(payload))
                    .as("seed %d payload %s", seed, payload)
                    .doesNotThrowAnyException();
        }
    }
}
