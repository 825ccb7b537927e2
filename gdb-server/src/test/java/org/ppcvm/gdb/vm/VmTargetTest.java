package org.ppcvm.gdb.vm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.ppcvm.core.cpu.Cpu;
import org.ppcvm.gdb.ppc.RegisterFile;
import org.ppcvm.gdb.ppc.TargetDescription;
import org.ppcvm.gdb.protocol.ThreadId;
import org.ppcvm.gdb.session.PointType;
import org.ppcvm.gdb.session.ResumeAction;
import org.ppcvm.gdb.session.StopReason;
import org.ppcvm.gdb.session.ThreadAction;

/** The adapter between the gdb session and a guest, on hand-placed instructions. */
class VmTargetTest {
    private static final int LI_R3_5 = 0x3860_0005;
    private static final int STW_R5_0_R4 = 0x90a4_0000;
    private static final int LWZ_R6_0_R4 = 0x80c4_0000;
    private static final int SC = 0x4400_0002;
    private static final int BRANCH_TO_SELF = 0x4800_0000;
    private static final int ILLEGAL = 0;
    private static final int SIGINT = 2;
    private static final int SIGILL = 4;
    private static final int SIGTRAP = 5;

    private static VmTarget target(TinyGuest guest) {
        return new VmTarget(guest, TargetDescription.userMode(), p -> Optional.of(Path.of("/host" + p)));
    }

    private static StopReason resume(VmTarget target, ResumeAction action) {
        return target.resume(List.of(new ThreadAction(ThreadId.ALL_THREADS, action)));
    }

    private static StopReason cont(VmTarget target) {
        return resume(target, new ResumeAction.Continue(0));
    }

    @Test
    void aWriteStartingBelowTheWatchedRangeReportsTheRangesStartAndChangesNothing() {
        TinyGuest guest = new TinyGuest(STW_R5_0_R4, SC);
        guest.cpu.gpr[4] = TinyGuest.DATA + 2;
        guest.cpu.gpr[5] = 0x1122_3344;
        VmTarget target = target(guest);
        assertThat(target.insertPoint(PointType.WRITE_WATCHPOINT, TinyGuest.DATA + 4, 4))
                .isTrue();

        StopReason stop = cont(target);

        assertThat(stop)
                .isEqualTo(StopReason.Signalled.because(
                        TinyGuest.TID, SIGTRAP, new StopReason.Watch(StopReason.WatchKind.WRITE, TinyGuest.DATA + 4)));
        assertThat(guest.cpu.pc).isEqualTo(TinyGuest.CODE);
        assertThat(target.readMemory(TinyGuest.DATA, 8)).containsOnly(0);
    }

    @Test
    void theStopNamesTheKindOfTheWatchpointNotOfTheAccess() {
        TinyGuest guest = new TinyGuest(LWZ_R6_0_R4, STW_R5_0_R4, SC);
        guest.cpu.gpr[4] = TinyGuest.DATA + 8;
        VmTarget target = target(guest);
        target.insertPoint(PointType.ACCESS_WATCHPOINT, TinyGuest.DATA + 8, 8);

        assertThat(cont(target))
                .isEqualTo(StopReason.Signalled.because(
                        TinyGuest.TID, SIGTRAP, new StopReason.Watch(StopReason.WatchKind.ACCESS, TinyGuest.DATA + 8)));
        // gdb steps over the access itself, with the point removed.
        target.removePoint(PointType.ACCESS_WATCHPOINT, TinyGuest.DATA + 8, 8);
        assertThat(resume(target, new ResumeAction.Step(0))).isEqualTo(StopReason.Signalled.of(TinyGuest.TID, SIGTRAP));
        target.insertPoint(PointType.READ_WATCHPOINT, TinyGuest.DATA + 8, 8);
        target.insertPoint(PointType.WRITE_WATCHPOINT, TinyGuest.DATA + 10, 4);
        // The store to DATA+8..11 is no read: the write watchpoint, which it overlaps from below,
        // is the one reported, at its own start.
        assertThat(cont(target))
                .isEqualTo(StopReason.Signalled.because(
                        TinyGuest.TID, SIGTRAP, new StopReason.Watch(StopReason.WatchKind.WRITE, TinyGuest.DATA + 10)));
    }

    @Test
    void breakpointsStopAgainWhenResumedWithoutRemovalAsOnHardware() {
        TinyGuest guest = new TinyGuest(LI_R3_5, SC);
        VmTarget target = target(guest);
        target.insertPoint(PointType.SOFTWARE_BREAKPOINT, TinyGuest.CODE + 4, 4);
        StopReason software = StopReason.Signalled.because(TinyGuest.TID, SIGTRAP, new StopReason.SoftwareBreak());
        assertThat(cont(target)).isEqualTo(software);
        assertThat(cont(target)).isEqualTo(software);
        target.removePoint(PointType.SOFTWARE_BREAKPOINT, TinyGuest.CODE + 4, 4);
        target.insertPoint(PointType.HARDWARE_BREAKPOINT, TinyGuest.CODE + 4, 4);
        assertThat(cont(target))
                .isEqualTo(StopReason.Signalled.because(TinyGuest.TID, SIGTRAP, new StopReason.HardwareBreak()));
        assertThat(guest.calls).allMatch(c -> c.startsWith("resume") && c.contains("NONE"));
    }

    @Test
    void insertingTwiceIsOneInsertionAsTheProtocolRequires() {
        TinyGuest guest = new TinyGuest(LI_R3_5, SC);
        VmTarget target = target(guest);
        target.insertPoint(PointType.SOFTWARE_BREAKPOINT, TinyGuest.CODE + 4, 4);
        target.insertPoint(PointType.SOFTWARE_BREAKPOINT, TinyGuest.CODE + 4, 4);
        target.removePoint(PointType.SOFTWARE_BREAKPOINT, TinyGuest.CODE + 4, 4);
        assertThat(guest.debug.points()).isEmpty();
        assertThat(target.removePoint(PointType.SOFTWARE_BREAKPOINT, TinyGuest.CODE + 4, 4))
                .isTrue();
        assertThat(cont(target)).isEqualTo(new StopReason.Exited(5));
    }

    @Test
    void pointsTheGuestCannotHaveAreRefused() {
        VmTarget target = target(new TinyGuest(SC));
        assertThat(target.insertPoint(PointType.SOFTWARE_BREAKPOINT, TinyGuest.CODE + 2, 4))
                .isFalse();
        assertThat(target.insertPoint(PointType.WRITE_WATCHPOINT, TinyGuest.DATA, 0))
                .isFalse();
        assertThat(target.insertPoint(PointType.READ_WATCHPOINT, 0xFFFF_FFFCL, 8))
                .isFalse();
        assertThat(target.insertPoint(PointType.HARDWARE_BREAKPOINT, 0x1_0000_0000L, 4))
                .isFalse();
    }

    @Test
    void stepAndRangeStep() {
        TinyGuest guest = new TinyGuest(LI_R3_5, LI_R3_5, LI_R3_5, LI_R3_5, SC);
        VmTarget target = target(guest);
        assertThat(resume(target, new ResumeAction.Step(0))).isEqualTo(StopReason.Signalled.of(TinyGuest.TID, SIGTRAP));
        assertThat(guest.cpu.pc).isEqualTo(TinyGuest.CODE + 4);
        assertThat(resume(target, new ResumeAction.RangeStep(TinyGuest.CODE, TinyGuest.CODE + 12)))
                .isEqualTo(StopReason.Signalled.of(TinyGuest.TID, SIGTRAP));
        assertThat(guest.cpu.pc).isEqualTo(TinyGuest.CODE + 12);
    }

    @Test
    void aSignalStopsFirstAndIsDeliveredOnlyWhenGdbResumesWithIt() {
        TinyGuest guest = new TinyGuest(ILLEGAL);
        VmTarget target = target(guest);
        assertThat(cont(target)).isEqualTo(StopReason.Signalled.of(TinyGuest.TID, SIGILL));
        assertThat(target.registers(TinyGuest.TID).readWord(TargetDescription.TRAP))
                .isEqualTo(0x700);
        assertThat(cont(target)).isEqualTo(StopReason.Signalled.of(TinyGuest.TID, SIGILL));
        assertThat(resume(target, new ResumeAction.Continue(SIGILL))).isEqualTo(new StopReason.Killed(SIGILL));
    }

    @Test
    void anInterruptBeforeTheResumeStopsItAtOnceAndANewCommandDropsIt() {
        TinyGuest guest = new TinyGuest(LI_R3_5, SC);
        VmTarget target = target(guest);
        target.interrupt();
        assertThat(cont(target)).isEqualTo(StopReason.Signalled.of(TinyGuest.TID, SIGINT));
        assertThat(guest.cpu.instructionCount).isZero();
        target.interrupt();
        target.clearInterrupt();
        assertThat(cont(target)).isEqualTo(new StopReason.Exited(5));
    }

    @Test
    void anInterruptFromAnotherThreadStopsAGuestThatNeverStopsByItself() throws Exception {
        TinyGuest guest = new TinyGuest(BRANCH_TO_SELF);
        VmTarget target = target(guest);
        CompletableFuture<StopReason> run = CompletableFuture.supplyAsync(() -> cont(target));
        target.interrupt();
        assertThat(run.get(60, TimeUnit.SECONDS)).isEqualTo(StopReason.Signalled.of(TinyGuest.TID, SIGINT));
        // Consumed: the next resume runs (one step of the loop).
        assertThat(resume(target, new ResumeAction.Step(0))).isEqualTo(StopReason.Signalled.of(TinyGuest.TID, SIGTRAP));
    }

    @Test
    void registersFollowWhatPtraceMayChange() {
        TinyGuest guest = new TinyGuest(LI_R3_5, SC);
        guest.cpu.msr = Cpu.MSR_PR | Cpu.MSR_FP;
        VmTarget target = target(guest);
        RegisterFile regs = target.registers(TinyGuest.TID);
        regs.writeWord(TargetDescription.MSR, 0);
        regs.writeWord(TargetDescription.PC, TinyGuest.CODE + 7);
        regs.writeWord(TargetDescription.XER, 0xFFFF_FFFF);
        regs.writeWord(TargetDescription.TRAP, -1);
        regs.writeWord(TargetDescription.R0 + 31, 42);
        regs.writeFpr(TargetDescription.F0 + 1, Double.doubleToRawLongBits(2.5));

        assertThat(regs.readWord(TargetDescription.MSR)).isEqualTo(Cpu.MSR_PR | Cpu.MSR_FP);
        assertThat(guest.cpu.pc).isEqualTo(TinyGuest.CODE + 4);
        assertThat(guest.cpu.xer).isEqualTo(0xE000_007F);
        assertThat(guest.trap).isEqualTo(-1);
        assertThat(guest.cpu.gpr[31]).isEqualTo(42);
        assertThat(guest.cpu.fpr[1]).isEqualTo(Double.doubleToRawLongBits(2.5));
        int tbl = TargetDescription.FIRST_SPR + 2;
        assertThat(TargetDescription.userMode().register(tbl).orElseThrow().name())
                .isEqualTo("tbl");
        guest.cpu.instructionCount = 0x1_0000_0123L;
        assertThat(regs.readWord(tbl)).isEqualTo(0x123);
        assertThat(regs.readWord(tbl + 1)).isEqualTo(1);
    }

    @Test
    void memoryReadsStopAtTheFirstUnmappedByteAndWritesAreAllOrNothing() {
        TinyGuest guest = new TinyGuest(SC);
        VmTarget target = target(guest);
        int end = TinyGuest.DATA + 2 * 4096;
        assertThat(target.readMemory(end - 4, 16)).hasSize(4);
        assertThat(target.readMemory(end, 16)).isEmpty();
        assertThat(target.writeMemory(end - 2, new byte[] {1, 2, 3, 4})).isFalse();
        assertThat(target.readMemory(end - 2, 2)).containsExactly(0, 0);
        assertThat(target.writeMemory(TinyGuest.DATA, new byte[] {9})).isTrue();
        assertThat(target.readMemory(TinyGuest.DATA, 1)).containsExactly(9);
    }

    @Test
    void monitorListsPointsAndCountsExits() {
        TinyGuest guest = new TinyGuest(LI_R3_5, SC);
        VmTarget target = target(guest);
        target.insertPoint(PointType.HARDWARE_BREAKPOINT, TinyGuest.CODE + 4, 4);
        target.insertPoint(PointType.READ_WATCHPOINT, TinyGuest.DATA, 16);
        cont(target);
        assertThat(target.monitor("info debug")).isEqualTo("""
                        2 point(s), no limit (software breakpoints: out-of-band)
                        slot  type         address    length
                        0     hw-break     0x10000004 4
                        1     watch-read   0x20000000 16
                        """);
        assertThat(target.monitor("  info   exits "))
                .contains("hw-break     1\n")
                .contains("total        1\n");
        assertThat(target.monitor("info mem")).contains("0x10000000 0x10001000 r-x\n");
        assertThat(target.monitor("help")).contains("info debug");
        assertThat(target.monitor("frobnicate")).startsWith("Unknown monitor command 'frobnicate'");
    }

    @Test
    void detachRemovesEveryPointAndTheGuestRunsToItsEnd() {
        TinyGuest guest = new TinyGuest(LI_R3_5, SC);
        VmTarget target = target(guest);
        target.insertPoint(PointType.SOFTWARE_BREAKPOINT, TinyGuest.CODE + 4, 4);
        target.detach();
        assertThat(guest.debug.points()).isEmpty();
        assertThat(target.runDetached()).isTrue();
        assertThat(target.lastDetachedStop()).isEqualTo(new StopReason.Exited(5));
    }

    @Test
    void processFacts() {
        VmTarget target = target(new TinyGuest(SC));
        assertThat(target.threads()).containsExactly(TinyGuest.TID);
        assertThat(target.threadName(TinyGuest.TID)).isEqualTo("tiny");
        assertThat(target.loadOffset()).contains(0x1000L);
        assertThat(target.hostFile("/lib/x")).contains(Path.of("/host/lib/x"));
        assertThat(target.execFile()).contains("/tiny");
        assertThat(target.auxv()).hasSize(8);
        assertThat(target.attached()).isFalse();
        target.setAttached(true);
        assertThat(target.attached()).isTrue();
    }
}
