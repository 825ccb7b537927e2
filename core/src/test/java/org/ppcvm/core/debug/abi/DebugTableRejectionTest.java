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

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ppcvm.core.debug.DebugPoint.Breakpoint;
import org.ppcvm.core.debug.DebugPoint.Watchpoint;
import org.ppcvm.core.debug.WatchKind;

/** Every reason a table is rejected, each with its message, in both layouts where it applies. */
class DebugTableRejectionTest {
    private static final int HW = ENABLE | USE_HW_BP;
    private static final int LENGTHS = ENABLE | USE_HW_BP | USE_LENGTH;

    private static void seedRejected(byte[] bytes, String message) {
        assertThatThrownBy(() -> SeedDebugTable.decode(bytes))
                .isInstanceOf(DebugTableException.class)
                .hasMessage(message);
    }

    private static void linuxRejected(byte[] bytes, String message) {
        assertThatThrownBy(() -> LinuxDebugTable.decode(bytes))
                .isInstanceOf(DebugTableException.class)
                .hasMessage(message);
    }

    // ---- The whole argument ------------------------------------------------------------------------

    @Test
    void wrongSize() {
        seedRejected(new byte[3079], "a seed debug table is 3080 bytes, got 3079");
        seedRejected(new byte[264], "a seed debug table is 3080 bytes, got 264");
        linuxRejected(new byte[3080], "a Linux debug table is 264 bytes, got 3080");
        linuxRejected(new byte[0], "a Linux debug table is 264 bytes, got 0");
    }

    @Test
    void unknownControlBits() {
        seedRejected(
                TableBuilder.seed(ENABLE | 0x4).bytes(),
                "control 0x00000005 has bits unknown to the seed layout: 0x00000004");
        seedRejected(
                TableBuilder.seed(0x8000_0000 | HW).bytes(),
                "control 0x80020001 has bits unknown to the seed layout: 0x80000000");
        // USE_LENGTH is ppcvm's, in the seed layout only.
        linuxRejected(
                TableBuilder.linux(LENGTHS).bytes(),
                "control 0x00060001 has bits unknown to the Linux layout: 0x00040000");
        linuxRejected(
                TableBuilder.linux(0x0008_0000).bytes(),
                "control 0x00080000 has bits unknown to the Linux layout: 0x00080000");
    }

    @Test
    void nonZeroPad() {
        seedRejected(TableBuilder.seed(HW).pad(1).bytes(), "pad must be zero, got 0x00000001");
        linuxRejected(TableBuilder.linux(0).pad(0x8000_0000).bytes(), "pad must be zero, got 0x80000000");
    }

    // ---- Reserved fields of a slot -----------------------------------------------------------------

    @Test
    void seedPad1WithoutUseLength() {
        seedRejected(
                TableBuilder.seed(HW)
                        .seedSlot(3, 0x2000_0000, WATCH_WRITE_BIT, 4, 0)
                        .bytes(),
                "slot 3: pad1 must be zero without USE_LENGTH, got 0x00000004");
    }

    @Test
    void seedPad2EvenWithUseLengthAndInAHole() {
        seedRejected(
                TableBuilder.seed(LENGTHS)
                        .seedSlot(3, 0x2000_0000, WATCH_WRITE_BIT, 4, 1)
                        .bytes(),
                "slot 3: pad2 must be zero, got 0x0000000000000001");
        seedRejected(
                TableBuilder.seed(HW)
                        .seedSlot(127, 0, SlotType.NONE, 0, 0x8000_0000_0000_0000L)
                        .bytes(),
                "slot 127: pad2 must be zero, got 0x8000000000000000");
    }

    @Test
    void linuxReservedField() {
        linuxRejected(
                TableBuilder.linux(HW)
                        .linuxSlot(15, 0x1000_0000, BREAKPOINT_BIT, 0x8000_0000)
                        .bytes(),
                "slot 15: reserved must be zero, got 0x80000000");
        linuxRejected(
                TableBuilder.linux(HW).linuxSlot(2, 0, SlotType.NONE, 1).bytes(),
                "slot 2: reserved must be zero, got 0x00000001");
    }

    @Test
    void holesMustBeAllZero() {
        linuxRejected(
                TableBuilder.linux(HW).slot(4, 0x1000_0000, SlotType.NONE).bytes(),
                "slot 4: a NONE slot (a hole) must be all zero, got addr 0x10000000 length 0");
        seedRejected(
                TableBuilder.seed(LENGTHS).seedSlot(9, 0, SlotType.NONE, 4, 0).bytes(),
                "slot 9: a NONE slot (a hole) must be all zero, got addr 0x0 length 4");
    }

    // ---- Types ---------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(ints = {0x1, 0x10, 0x8000_0000, 0x3})
    void unknownTypeBits(int type) {
        int unknown = type & ~0xe;
        String message = "slot 2: type 0x%08x has unknown bits 0x%08x".formatted(type, unknown);
        seedRejected(TableBuilder.seed(HW).slot(2, 0x1000_0000, type).bytes(), message);
        linuxRejected(TableBuilder.linux(HW).slot(2, 0x1000_0000, type).bytes(), message);
    }

    @ParameterizedTest
    @ValueSource(
            ints = {
                BREAKPOINT_BIT | WATCH_WRITE_BIT,
                BREAKPOINT_BIT | WATCH_READ_BIT,
                BREAKPOINT_BIT | WATCH_READ_BIT | WATCH_WRITE_BIT
            })
    void breakpointMixedWithAWatchBit(int type) {
        String message = "slot 0: type 0x%08x mixes BREAKPOINT with a watch bit".formatted(type);
        seedRejected(TableBuilder.seed(HW).slot(0, 0x1000_0000, type).bytes(), message);
        linuxRejected(TableBuilder.linux(HW).slot(0, 0x1000_0000, type).bytes(), message);
    }

    // ---- Addresses and lengths ------------------------------------------------------------------------

    @Test
    void addressAbove32Bits() {
        String message = "slot 1: address 0x0000000100000000 is above 0xffffffff (a 32-bit guest)";
        seedRejected(
                TableBuilder.seed(HW).slot(1, 0x1_0000_0000L, WATCH_READ_BIT).bytes(), message);
        linuxRejected(
                TableBuilder.linux(HW).slot(1, 0x1_0000_0000L, WATCH_READ_BIT).bytes(), message);
        linuxRejected(
                TableBuilder.linux(HW)
                        .slot(1, 0xffff_ffff_1000_0000L, BREAKPOINT_BIT)
                        .bytes(),
                "slot 1: address 0xffffffff10000000 is above 0xffffffff (a 32-bit guest)");
    }

    @Test
    void unalignedBreakpoint() {
        String message = "slot 6: breakpoint address 0x10000002 is not 4-byte aligned";
        seedRejected(TableBuilder.seed(HW).slot(6, 0x1000_0002, BREAKPOINT_BIT).bytes(), message);
        linuxRejected(
                TableBuilder.linux(HW).slot(6, 0x1000_0002, BREAKPOINT_BIT).bytes(), message);
    }

    @Test
    void zeroLength() {
        seedRejected(
                TableBuilder.seed(LENGTHS)
                        .seedSlot(6, 0x2000_0000, WATCH_READ_BIT, 0, 0)
                        .bytes(),
                "slot 6: watchpoint length is zero");
    }

    @Test
    void lengthCrossing4GiB() {
        seedRejected(
                TableBuilder.seed(LENGTHS)
                        .seedSlot(6, 0xffff_fff0L, WATCH_WRITE_BIT, 17, 0)
                        .bytes(),
                "slot 6: watchpoint 0xfffffff0+0x11 crosses 4 GiB");
        seedRejected(
                TableBuilder.seed(LENGTHS)
                        .seedSlot(6, 2, WATCH_WRITE_BIT, 0xffff_ffff, 0)
                        .bytes(),
                "slot 6: watchpoint 0x00000002+0xffffffff crosses 4 GiB");
        // Ending exactly at 4 GiB does not cross it.
        assertThat(SeedDebugTable.decode(TableBuilder.seed(LENGTHS)
                                .seedSlot(6, 0xffff_fff0L, WATCH_WRITE_BIT, 16, 0)
                                .bytes())
                        .points())
                .containsExactly(new Watchpoint(0xffff_fff0, 16, WatchKind.WRITE));
    }

    @Test
    void lengthBeyondWhatTheCoreWatches() {
        seedRejected(
                TableBuilder.seed(LENGTHS)
                        .seedSlot(6, 0, WATCH_WRITE_BIT, 0x8000_0000, 0)
                        .bytes(),
                "slot 6: watchpoint length 0x80000000 is longer than ppcvm watches (0x7fffffff)");
    }

    @Test
    void breakpointWithALength() {
        seedRejected(
                TableBuilder.seed(LENGTHS)
                        .seedSlot(6, 0x1000_0000, BREAKPOINT_BIT, 4, 0)
                        .bytes(),
                "slot 6: a breakpoint is one instruction and takes no length, got 4");
    }

    // ---- Which slots are read --------------------------------------------------------------------------

    @Test
    void everySlotIsScannedUpToTheLast() {
        TableBuilder seed = TableBuilder.seed(HW).slot(0, 0x1000_0000, BREAKPOINT_BIT);
        TableBuilder linux = TableBuilder.linux(HW).slot(0, 0x1000_0000, BREAKPOINT_BIT);
        assertThat(SeedDebugTable.decode(seed.bytes()).slots()).hasSize(1);
        assertThat(LinuxDebugTable.decode(linux.bytes()).slots()).hasSize(1);
        seedRejected(seed.slot(127, 0, 0x40).bytes(), "slot 127: type 0x00000040 has unknown bits 0x00000040");
        linuxRejected(linux.slot(15, 0, 0x40).bytes(), "slot 15: type 0x00000040 has unknown bits 0x00000040");
    }

    @Test
    void theTableIsNotReadWithoutUseHwBp() {
        int control = ENABLE | SINGLESTEP | USE_SW_BP;
        DebugTable seed = SeedDebugTable.decode(
                TableBuilder.seed(control).seedSlot(0, -1L, -1, -1, -1L).bytes());
        DebugTable linux = LinuxDebugTable.decode(
                TableBuilder.linux(control).linuxSlot(15, -1L, -1, -1).bytes());
        assertThat(seed).isEqualTo(DebugTable.of(TableLayout.SEED, control));
        assertThat(linux).isEqualTo(DebugTable.of(TableLayout.LINUX, control));
        assertThat(linux.singleStep()).isTrue();
        assertThat(linux.useSoftwareBreakpoints()).isTrue();
        assertThat(linux.useHardwarePoints()).isFalse();
    }

    // ---- Values built in Java obey the same rules ------------------------------------------------------

    @Test
    void tablesBuiltInJavaAreValidatedToo() {
        TableSlot bp = TableSlot.breakpoint(3, 0x1000_0000);
        assertThatThrownBy(() -> DebugTable.of(TableLayout.LINUX, ENABLE, bp))
                .isInstanceOf(DebugTableException.class)
                .hasMessage("slots need USE_HW_BP: without it the table is not read");
        assertThatThrownBy(() -> DebugTable.of(TableLayout.LINUX, HW, TableSlot.breakpoint(16, 0)))
                .isInstanceOf(DebugTableException.class)
                .hasMessage("slot 16: the Linux layout has 16 slots");
        assertThatThrownBy(() -> DebugTable.of(TableLayout.SEED, HW, bp, TableSlot.breakpoint(3, 0)))
                .isInstanceOf(DebugTableException.class)
                .hasMessage("slot 3: given twice");
        assertThatThrownBy(() ->
                        DebugTable.of(TableLayout.SEED, HW, new TableSlot(1, SlotType.WATCH_READ, 0x2000_0000, 8)))
                .isInstanceOf(DebugTableException.class)
                .hasMessage("slot 1: a watchpoint length needs USE_LENGTH");
        assertThatThrownBy(() -> DebugTable.of(TableLayout.LINUX, USE_LENGTH))
                .isInstanceOf(DebugTableException.class)
                .hasMessage("control 0x00040000 has bits unknown to the Linux layout: 0x00040000");
        assertThatThrownBy(() -> SeedDebugTable.encode(DebugTable.of(TableLayout.LINUX, HW, bp)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a Linux table cannot be encoded in the seed layout");
    }

    @Test
    void slotsAreKeptInIndexOrderAndMapToHardwarePoints() {
        DebugTable t = DebugTable.of(
                TableLayout.SEED,
                LENGTHS,
                new TableSlot(9, SlotType.WATCH_ACCESS, 0x2000_0002, 3),
                TableSlot.breakpoint(2, 0x1000_0000));
        assertThat(t.slots()).extracting(TableSlot::index).containsExactly(2, 9);
        assertThat(t.points())
                .containsExactly(new Breakpoint(0x1000_0000, true), new Watchpoint(0x2000_0002, 3, WatchKind.ACCESS));
    }
}
