package org.ppcvm.core.debug;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.ppcvm.core.cpu.Cpu;
import org.ppcvm.core.cpu.Esr;
import org.ppcvm.core.cpu.InterruptKind;
import org.ppcvm.core.debug.DebugPoint.Breakpoint;
import org.ppcvm.core.debug.DebugPoint.Watchpoint;
import org.ppcvm.core.exec.DecodedCode;
import org.ppcvm.core.exec.Interpreter;
import org.ppcvm.core.mem.Memory;
import org.ppcvm.core.mem.Perm;
import org.ppcvm.core.vcpu.RunMode;
import org.ppcvm.core.vcpu.Vcpu;
import org.ppcvm.core.vcpu.VcpuExit;

/**
 * The rules of design.md §2.3-2.4 on hand-placed instruction words: what stops, where, with which
 * event, and that nothing changed before the stop.
 */
class GuestDebugTest {
    private static final int CODE = 0x1000_0000;
    private static final int DATA = 0x2000_0000;
    private static final int SC = 0x4400_0002;

    private final Memory memory = new Memory();
    private final Cpu cpu = new Cpu(memory);
    private final DecodedCode code = new DecodedCode(memory);
    private final GuestDebug debug = new GuestDebug(memory, code);
    private final Vcpu vcpu = new Vcpu(cpu, new Interpreter(code, debug), debug);

    GuestDebugTest() {
        memory.map(CODE, Memory.PAGE_SIZE, Perm.RX);
        memory.map(DATA, 2 * Memory.PAGE_SIZE, Perm.RW);
        cpu.pc = CODE;
    }

    private void load(int... words) {
        for (int i = 0; i < words.length; i++) {
            byte[] w = {(byte) (words[i] >>> 24), (byte) (words[i] >>> 16), (byte) (words[i] >>> 8), (byte) words[i]};
            memory.writeRaw(CODE + 4 * i, w);
        }
    }

    private static DebugEvent event(VcpuExit exit) {
        assertThat(exit).isInstanceOf(VcpuExit.Debug.class);
        return ((VcpuExit.Debug) exit).event();
    }

    @Test
    void softwareBreakpointStopsBeforeTheInstructionAndSkippingStepsOff() {
        load(0x3860_0001 /* li r3,1 */, 0x3860_0002 /* li r3,2 */, SC);
        Breakpoint bp = new Breakpoint(CODE + 4, false);
        debug.add(bp);
        DebugEvent e = event(vcpu.run(RunMode.CONTINUE, Skip.NONE));
        assertThat(e).isEqualTo(new DebugEvent(DebugCause.SW_BREAKPOINT, 6, CODE + 4, CODE + 4, 0, 0, List.of(bp)));
        assertThat(cpu.gpr[3]).isEqualTo(1);
        assertThat(cpu.pc).isEqualTo(CODE + 4);
        assertThat(vcpu.run(RunMode.CONTINUE, Skip.BREAKPOINTS)).isInstanceOf(VcpuExit.SystemCall.class);
        assertThat(cpu.gpr[3]).isEqualTo(2);
    }

    @Test
    void steppingOffABreakpointLeavesTheWatchpointOfTheSameInstructionArmed() {
        cpu.gpr[4] = DATA;
        load(0x90a4_0000 /* stw r5,0(r4) */, SC);
        debug.add(new Breakpoint(CODE, false));
        debug.add(new Breakpoint(CODE, true));
        debug.add(new Watchpoint(DATA, 4, WatchKind.WRITE));
        DebugEvent bp = event(vcpu.run(RunMode.CONTINUE, Skip.NONE));
        assertThat(bp.cause()).isEqualTo(DebugCause.HW_BREAKPOINT);
        DebugEvent watch = event(vcpu.run(RunMode.CONTINUE, Skip.after(bp)));
        assertThat(watch.cause()).isEqualTo(DebugCause.WATCH_WRITE);
        assertThat(watch.pc()).isEqualTo(CODE);
        assertThat(vcpu.run(RunMode.CONTINUE, Skip.after(watch))).isInstanceOf(VcpuExit.SystemCall.class);
    }

    @Test
    void hardwareBreakpointWinsOverSoftwareAtTheSameAddress() {
        load(0x6000_0000, SC);
        debug.add(new Breakpoint(CODE, false));
        debug.add(new Breakpoint(CODE, true));
        DebugEvent e = event(vcpu.run(RunMode.CONTINUE, Skip.NONE));
        assertThat(e.cause()).isEqualTo(DebugCause.HW_BREAKPOINT);
        assertThat(e.exception()).isEqualTo(15);
        assertThat(e.points()).containsExactly(new Breakpoint(CODE, true));
    }

    @Test
    void pointsAreReferenceCountedAndRemovalIsIdempotent() {
        load(0x6000_0000, SC);
        Breakpoint bp = new Breakpoint(CODE, false);
        assertThat(debug.add(bp)).isTrue();
        assertThat(debug.add(bp)).isFalse();
        assertThat(debug.remove(bp)).isFalse();
        assertThat(vcpu.run(RunMode.CONTINUE, Skip.NONE)).isInstanceOf(VcpuExit.Debug.class);
        assertThat(debug.remove(bp)).isTrue();
        assertThat(debug.remove(bp)).isFalse();
        assertThat(vcpu.run(RunMode.CONTINUE, Skip.NONE)).isInstanceOf(VcpuExit.SystemCall.class);
        assertThat(debug.points()).isEmpty();
    }

    @Test
    void watchedStoreStopsBeforeAnyByteChanges() {
        cpu.gpr[4] = DATA + 6;
        cpu.gpr[5] = 0x1122_3344;
        load(0x94a4_0004 /* stwu r5,4(r4) */, SC);
        Watchpoint wp = new Watchpoint(DATA + 12, 1, WatchKind.WRITE);
        debug.add(wp);
        DebugEvent e = event(vcpu.run(RunMode.CONTINUE, Skip.NONE));
        assertThat(e).isEqualTo(new DebugEvent(DebugCause.WATCH_WRITE, 15, CODE, DATA + 12, DATA + 10, 4, List.of(wp)));
        assertThat(memory.load32(DATA + 10)).isZero();
        assertThat(cpu.gpr[4]).isEqualTo(DATA + 6);
        assertThat(vcpu.run(RunMode.CONTINUE, Skip.BREAKPOINTS_AND_WATCHPOINTS))
                .isInstanceOf(VcpuExit.SystemCall.class);
        assertThat(memory.load32(DATA + 10)).isEqualTo(0x1122_3344);
    }

    @Test
    void readWatchpointSeesLoadsNotStoresAndAccessSeesBoth() {
        cpu.gpr[4] = DATA;
        load(0x90a4_0000 /* stw r5,0(r4) */, 0x8064_0000 /* lwz r3,0(r4) */, SC);
        debug.add(new Watchpoint(DATA, 4, WatchKind.READ));
        DebugEvent e = event(vcpu.run(RunMode.CONTINUE, Skip.NONE));
        assertThat(e.cause()).isEqualTo(DebugCause.WATCH_READ);
        assertThat(e.pc()).isEqualTo(CODE + 4);
        debug.clear();
        cpu.pc = CODE;
        debug.add(new Watchpoint(DATA + 2, 1, WatchKind.ACCESS));
        assertThat(event(vcpu.run(RunMode.CONTINUE, Skip.NONE)).cause()).isEqualTo(DebugCause.WATCH_WRITE);
        assertThat(event(vcpu.run(RunMode.CONTINUE, Skip.BREAKPOINTS_AND_WATCHPOINTS))
                        .cause())
                .isEqualTo(DebugCause.WATCH_READ);
    }

    @Test
    void multipleWordStoreIsCheckedWholeFirst() {
        cpu.gpr[4] = DATA;
        load(0xbfa4_0000 /* stmw r29,0(r4) */, SC);
        Watchpoint wp = new Watchpoint(DATA + 8, 4, WatchKind.WRITE);
        debug.add(wp);
        DebugEvent e = event(vcpu.run(RunMode.CONTINUE, Skip.NONE));
        assertThat(e.accessAddress()).isEqualTo(DATA);
        assertThat(e.accessLength()).isEqualTo(12);
        assertThat(memory.load32(DATA)).isZero();
    }

    @Test
    void dcbzIsAWriteOfTheWholeLine() {
        cpu.gpr[4] = DATA + 3;
        load(0x7c00_27ec /* dcbz 0,r4 */, SC);
        debug.add(new Watchpoint(DATA + 60, 2, WatchKind.WRITE));
        DebugEvent e = event(vcpu.run(RunMode.CONTINUE, Skip.NONE));
        assertThat(e.accessAddress()).isEqualTo(DATA);
        assertThat(e.accessLength()).isEqualTo(64);
    }

    @Test
    void failingStoreConditionalIsNotAWrite() {
        cpu.gpr[4] = DATA;
        load(0x7ca0_212d /* stwcx. r5,0,r4 */, SC);
        debug.add(new Watchpoint(DATA, 4, WatchKind.WRITE));
        assertThat(vcpu.run(RunMode.CONTINUE, Skip.NONE)).isInstanceOf(VcpuExit.SystemCall.class);
    }

    @Test
    void accessCrossingIntoAWatchedPageIsCaught() {
        cpu.gpr[4] = DATA + Memory.PAGE_SIZE - 2;
        load(0x8064_0000 /* lwz r3,0(r4) */, SC);
        debug.add(new Watchpoint(DATA + Memory.PAGE_SIZE, 1, WatchKind.READ));
        DebugEvent e = event(vcpu.run(RunMode.CONTINUE, Skip.NONE));
        assertThat(e.accessAddress()).isEqualTo(DATA + Memory.PAGE_SIZE - 2);
        assertThat(cpu.gpr[3]).isZero();
    }

    @Test
    void aFaultOfTheSameAccessWinsOverTheWatchpoint() {
        memory.protect(DATA + Memory.PAGE_SIZE, Memory.PAGE_SIZE, Perm.READ);
        cpu.gpr[4] = DATA + Memory.PAGE_SIZE - 2;
        load(0x90a4_0000 /* stw r5,0(r4) */, SC);
        debug.add(new Watchpoint(DATA + Memory.PAGE_SIZE - 2, 1, WatchKind.WRITE));
        assertThat(vcpu.run(RunMode.CONTINUE, Skip.NONE))
                .isEqualTo(new VcpuExit.Exception(InterruptKind.DATA_STORAGE, Esr.ST, DATA + Memory.PAGE_SIZE));
    }

    @Test
    void everyOverlappedPointIsReportedAndTheLowestAddressGivesTheAddress() {
        cpu.gpr[4] = DATA;
        load(0x90a4_0000 /* stw r5,0(r4) */, SC);
        Watchpoint high = new Watchpoint(DATA + 3, 1, WatchKind.WRITE);
        Watchpoint low = new Watchpoint(DATA + 1, 1, WatchKind.ACCESS);
        debug.add(high);
        debug.add(low);
        DebugEvent e = event(vcpu.run(RunMode.CONTINUE, Skip.NONE));
        assertThat(e.address()).isEqualTo(DATA + 1);
        assertThat(e.points()).containsExactly(low, high);
    }

    @Test
    void stepReportsTheNextPcAndRangeStepsUntilThePcLeavesTheRange() {
        load(0x3860_0001, 0x3860_0002, 0x3860_0003, 0x4800_0008 /* b +8 */, 0x6000_0000, SC);
        assertThat(event(vcpu.run(RunMode.STEP, Skip.NONE))).isEqualTo(DebugEvent.step(CODE + 4));
        DebugEvent e = event(vcpu.run(RunMode.range(CODE, CODE + 16), Skip.NONE));
        assertThat(e.cause()).isEqualTo(DebugCause.STEP);
        assertThat(e.pc()).isEqualTo(CODE + 20);
        assertThat(cpu.gpr[3]).isEqualTo(3);
    }

    @Test
    void singleStepFlagMakesContinueStep() {
        load(0x3860_0001, 0x3860_0002, SC);
        debug.setSingleStep(true);
        assertThat(event(vcpu.run(RunMode.CONTINUE, Skip.NONE)).pc()).isEqualTo(CODE + 4);
    }

    @Test
    void theReservationSurvivesADebugExit() {
        cpu.gpr[4] = DATA;
        cpu.gpr[5] = 9;
        load(0x7c60_2028 /* lwarx r3,0,r4 */, 0x7ca0_212d /* stwcx. r5,0,r4 */, SC);
        debug.add(new Breakpoint(CODE + 4, false));
        event(vcpu.run(RunMode.CONTINUE, Skip.NONE));
        assertThat(vcpu.run(RunMode.CONTINUE, Skip.BREAKPOINTS)).isInstanceOf(VcpuExit.SystemCall.class);
        assertThat(memory.load32(DATA)).isEqualTo(9);
    }

    @Test
    void patchedBreakpointsWriteTheWordShowTheOriginalAndRefuseRemovalWhenOverwritten() {
        load(0x3860_0001, 0x3860_0002, SC);
        debug.setSoftwareBreakpoints(GuestDebug.SoftwareBreakpoints.PATCH);
        Breakpoint bp = new Breakpoint(CODE + 4, false);
        debug.add(bp);
        assertThat(memory.load32(CODE + 4)).isEqualTo(GuestDebug.SOFTWARE_BREAKPOINT_INSTRUCTION);
        byte[] seen = new byte[4];
        debug.readForDebugger(CODE + 4, seen, 0, 4);
        assertThat(seen).containsExactly(0x38, 0x60, 0x00, 0x02);
        DebugEvent e = event(vcpu.run(RunMode.CONTINUE, Skip.NONE));
        assertThat(e.cause()).isEqualTo(DebugCause.SW_BREAKPOINT);
        assertThat(e.exception()).isEqualTo(6);
        assertThat(vcpu.run(RunMode.CONTINUE, Skip.BREAKPOINTS)).isInstanceOf(VcpuExit.SystemCall.class);
        assertThat(cpu.gpr[3]).isEqualTo(2);
        memory.writeRaw(CODE + 4, new byte[] {0x60, 0, 0, 0});
        assertThatThrownBy(() -> debug.remove(bp)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void withoutUseSwBpAPatchedWordIsAnIllegalInstruction() {
        load(0x3860_0001, 0x3860_0002, SC);
        debug.setSoftwareBreakpoints(GuestDebug.SoftwareBreakpoints.PATCH);
        debug.add(new Breakpoint(CODE + 4, false));
        debug.setUseSoftwareBreakpoints(false);
        assertThat(vcpu.run(RunMode.CONTINUE, Skip.NONE))
                .isEqualTo(new VcpuExit.Exception(InterruptKind.PROGRAM, Esr.PIL, 0));
        assertThat(cpu.pc).isEqualTo(CODE + 4);
    }

    @Test
    void theBreakpointWordWithoutAnOwnerIsAnIllegalInstruction() {
        load(GuestDebug.SOFTWARE_BREAKPOINT_INSTRUCTION, SC);
        assertThat(vcpu.run(RunMode.CONTINUE, Skip.NONE))
                .isEqualTo(new VcpuExit.Exception(InterruptKind.PROGRAM, Esr.PIL, 0));
    }

    @Test
    void scWithLevelOneTakesTheSystemCallPath() {
        load(0x4400_0022 /* sc 1 */);
        assertThat(vcpu.run(RunMode.CONTINUE, Skip.NONE)).isEqualTo(new VcpuExit.SystemCall(1));
    }

    @Test
    void breakpointsOnPagesNeverExecutedCostNoDecoding() {
        load(0x3860_0001, SC);
        for (int i = 0; i < 128; i++) {
            debug.add(new Breakpoint(0x3000_0000 + 4 * i, true));
            debug.add(new Watchpoint(0x3800_0000 + 8 * i, 4, WatchKind.ACCESS));
        }
        assertThat(debug.stops(CODE >>> Memory.PAGE_SHIFT)).isNull();
        assertThat(vcpu.run(RunMode.CONTINUE, Skip.NONE)).isInstanceOf(VcpuExit.SystemCall.class);
    }
}
