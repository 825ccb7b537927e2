package org.ppcvm.core.debug.abi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ppcvm.core.debug.abi.DebugTable.ENABLE;
import static org.ppcvm.core.debug.abi.DebugTable.SINGLESTEP;
import static org.ppcvm.core.debug.abi.DebugTable.USE_HW_BP;
import static org.ppcvm.core.debug.abi.DebugTable.USE_LENGTH;
import static org.ppcvm.core.debug.abi.DebugTable.USE_SW_BP;
import static org.ppcvm.core.debug.abi.SlotType.BREAKPOINT_BIT;
import static org.ppcvm.core.debug.abi.SlotType.WATCH_READ_BIT;
import static org.ppcvm.core.debug.abi.SlotType.WATCH_WRITE_BIT;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ppcvm.core.debug.DebugCause;
import org.ppcvm.core.debug.DebugEvent;
import org.ppcvm.core.debug.DebugPoint;
import org.ppcvm.core.debug.DebugPoint.Breakpoint;
import org.ppcvm.core.debug.DebugPoint.Watchpoint;
import org.ppcvm.core.debug.GuestDebug;
import org.ppcvm.core.debug.WatchKind;
import org.ppcvm.core.debug.WatchpointHit;
import org.ppcvm.core.exec.DecodedCode;
import org.ppcvm.core.mem.AccessKind;
import org.ppcvm.core.mem.Memory;

/** Applying tables to a vCPU's {@link GuestDebug}: replacement, all-or-nothing, slot reporting. */
class GuestDebugTableTest {
    private static final int HW = ENABLE | USE_HW_BP;
    private static final int CODE = 0x1000_0000;
    private static final int DATA = 0x2000_0000;

    private final Memory memory = new Memory();
    private final GuestDebug debug = new GuestDebug(memory, new DecodedCode(memory));
    private final GuestDebugTable table = new GuestDebugTable(debug);

    private static final Breakpoint BP = new Breakpoint(CODE, true);
    private static final Watchpoint WORD = new Watchpoint(DATA, 4, WatchKind.WRITE);

    private DebugTable applyLinux(TableBuilder b) {
        return table.apply(TableLayout.LINUX, b.bytes());
    }

    private static DebugEvent watchHit(GuestDebug debug, int addr, int len, AccessKind kind) {
        try {
            debug.beforeAccess(addr, len, kind);
        } catch (WatchpointHit hit) {
            return hit.event();
        }
        throw new AssertionError("no watchpoint hit at 0x%08x".formatted(addr));
    }

    @Test
    void aTableReplacesTheWholeSetOfTablePoints() {
        applyLinux(TableBuilder.linux(HW | SINGLESTEP)
                .slot(0, CODE, BREAKPOINT_BIT)
                .slot(3, DATA + 2, WATCH_WRITE_BIT));
        assertThat(debug.points()).containsExactlyInAnyOrder(BP, WORD);
        assertThat(debug.singleStep()).isTrue();
        assertThat(table.pointsBySlot()).isEqualTo(Map.of(0, BP, 3, WORD));

        applyLinux(TableBuilder.linux(HW).slot(5, CODE + 8, BREAKPOINT_BIT));
        assertThat(debug.points()).containsExactly(new Breakpoint(CODE + 8, true));
        assertThat(debug.singleStep()).isFalse();

        applyLinux(TableBuilder.linux(HW));
        assertThat(debug.points()).isEmpty();
        assertThat(table.pointsBySlot()).isEmpty();
    }

    @Test
    void theDebuggersOwnPointsSurviveTables() {
        Breakpoint software = new Breakpoint(CODE + 4, false);
        debug.add(software);
        debug.add(BP);
        applyLinux(TableBuilder.linux(HW).slot(0, CODE, BREAKPOINT_BIT));
        applyLinux(TableBuilder.linux(HW));
        assertThat(debug.points()).containsExactlyInAnyOrder(software, BP);
        debug.remove(BP);
        assertThat(debug.points()).containsExactly(software);
    }

    @Test
    void aBadTableChangesNothing() {
        DebugTable good = applyLinux(TableBuilder.linux(HW | SINGLESTEP)
                .slot(0, CODE, BREAKPOINT_BIT)
                .slot(1, DATA, WATCH_WRITE_BIT));
        List<DebugPoint> before = debug.points();
        // Valid slots first, the bad one last: nothing of the valid part may be applied.
        byte[] bad = TableBuilder.linux(HW)
                .slot(0, CODE + 0x100, BREAKPOINT_BIT)
                .slot(1, DATA + 0x100, WATCH_READ_BIT)
                .slot(15, CODE + 2, BREAKPOINT_BIT)
                .bytes();
        assertThatThrownBy(() -> table.apply(TableLayout.LINUX, bad))
                .isInstanceOf(DebugTableException.class)
                .hasMessage("slot 15: breakpoint address 0x10000002 is not 4-byte aligned");
        assertThat(debug.points()).isEqualTo(before);
        assertThat(debug.singleStep()).isTrue();
        assertThat(table.applied()).contains(good);
        assertThat(table.pointsBySlot()).isEqualTo(Map.of(0, BP, 1, WORD));
    }

    @Test
    void withoutEnableDebuggingIsOff() {
        applyLinux(TableBuilder.linux(HW | SINGLESTEP).slot(0, CODE, BREAKPOINT_BIT));
        applyLinux(TableBuilder.linux(USE_HW_BP | SINGLESTEP).slot(0, CODE, BREAKPOINT_BIT));
        assertThat(debug.points()).isEmpty();
        assertThat(debug.singleStep()).isFalse();
        assertThat(table.pointsBySlot()).isEmpty();
    }

    @Test
    void withoutUseHwBpTheSetIsEmptyButSteppingFollowsTheFlag() {
        applyLinux(TableBuilder.linux(HW).slot(0, CODE, BREAKPOINT_BIT));
        DebugTable t =
                applyLinux(TableBuilder.linux(ENABLE | SINGLESTEP | USE_SW_BP).slot(0, CODE, BREAKPOINT_BIT));
        assertThat(debug.points()).isEmpty();
        assertThat(debug.singleStep()).isTrue();
        assertThat(t.useSoftwareBreakpoints()).isTrue();
    }

    @Test
    void aPointInTwoSlotsIsReportedWithBothAndHeldTwice() {
        applyLinux(TableBuilder.linux(HW)
                .slot(4, CODE, BREAKPOINT_BIT)
                .slot(9, CODE, BREAKPOINT_BIT)
                .slot(5, DATA, WATCH_WRITE_BIT)
                .slot(6, DATA + 3, WATCH_WRITE_BIT));
        assertThat(debug.points()).containsExactlyInAnyOrder(BP, WORD);
        DebugEvent hw = debug.breakpointEvent(CODE, GuestDebug.STOP_HARDWARE);
        assertThat(table.slotsOf(hw)).containsExactly(4, 9);
        DebugEvent write = watchHit(debug, DATA + 1, 2, AccessKind.WRITE);
        assertThat(table.slotsOf(write)).containsExactly(5, 6);
        assertThat(table.exitAddress(write)).isEqualTo(DATA);
        assertThat(GuestDebugTable.status(write)).isEqualTo(WATCH_WRITE_BIT);
        // Held twice by the table, yet one new table removes it entirely.
        applyLinux(TableBuilder.linux(HW));
        assertThat(debug.points()).isEmpty();
    }

    @Test
    void watchpointExitsReportTheSlotsAndTheProgrammedAddress() {
        applyLinux(TableBuilder.linux(HW)
                .slot(2, DATA + 0x13, WATCH_READ_BIT)
                .slot(7, DATA + 0x10, WATCH_READ_BIT | WATCH_WRITE_BIT));
        DebugEvent read = watchHit(debug, DATA + 0x12, 1, AccessKind.READ);
        assertThat(read.address()).isEqualTo(DATA + 0x10);
        assertThat(table.slotsOf(read)).containsExactly(2, 7);
        // KVM reports the DAC value the client wrote, not the word ppcvm watches.
        assertThat(table.exitAddress(read)).isEqualTo(DATA + 0x13);
        assertThat(GuestDebugTable.status(read)).isEqualTo(WATCH_READ_BIT);

        DebugEvent write = watchHit(debug, DATA + 0x10, 4, AccessKind.WRITE);
        assertThat(table.slotsOf(write)).containsExactly(7);
        assertThat(table.exitAddress(write)).isEqualTo(DATA + 0x10);
    }

    @Test
    void seedLengthsBecomeWatchpointsOfThatLength() {
        table.apply(DebugTable.of(
                TableLayout.SEED, HW | USE_LENGTH, new TableSlot(100, SlotType.WATCH_WRITE, DATA + 1, 7)));
        assertThat(debug.points()).containsExactly(new Watchpoint(DATA + 1, 7, WatchKind.WRITE));
        DebugEvent e = watchHit(debug, DATA + 4, 8, AccessKind.WRITE);
        assertThat(table.slotsOf(e)).containsExactly(100);
        assertThat(table.exitAddress(e)).isEqualTo(DATA + 1);
    }

    @Test
    void eventsWithoutTablePointsHaveNoSlotsAndStatusZero() {
        applyLinux(TableBuilder.linux(HW).slot(0, CODE, BREAKPOINT_BIT));
        Breakpoint software = new Breakpoint(CODE, false);
        debug.add(software);
        DebugEvent sw = debug.breakpointEvent(CODE, GuestDebug.STOP_SOFTWARE);
        DebugEvent step = debug.stepEvent(CODE + 4);
        DebugEvent hw = debug.breakpointEvent(CODE, GuestDebug.STOP_HARDWARE);
        assertThat(table.slotsOf(sw)).isEmpty();
        assertThat(table.slotsOf(step)).isEmpty();
        assertThat(GuestDebugTable.status(sw)).isZero();
        assertThat(GuestDebugTable.status(step)).isZero();
        assertThat(GuestDebugTable.status(hw)).isEqualTo(BREAKPOINT_BIT);
        assertThat(table.slotsOf(hw)).containsExactly(0);
        assertThat(table.exitAddress(hw)).isEqualTo(CODE);
        assertThat(table.exitAddress(step)).isEqualTo(CODE + 4);
    }

    @Test
    void statusOfEveryCause() {
        assertThat(List.of(DebugCause.values()).stream().map(SlotType::status).toList())
                .containsExactly(0, BREAKPOINT_BIT, WATCH_READ_BIT, WATCH_WRITE_BIT, 0);
        assertThat(List.of(DebugCause.values()))
                .containsExactly(
                        DebugCause.SW_BREAKPOINT,
                        DebugCause.HW_BREAKPOINT,
                        DebugCause.WATCH_READ,
                        DebugCause.WATCH_WRITE,
                        DebugCause.STEP);
    }
}
