package org.ppcvm.core.debug.abi;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.ppcvm.core.debug.DebugPoint;

/**
 * A validated set-debug argument: the control word and the occupied slots, in index order.
 * Whatever the layout, an instance is one that its codec encodes and decodes back unchanged.
 *
 * @param layout the byte layout it came from or is meant for
 * @param control the control flags (the constants below)
 * @param slots the occupied slots, ascending by index; empty unless {@link #USE_HW_BP} is set,
 *     because only then is the table read
 */
public record DebugTable(TableLayout layout, int control, List<TableSlot> slots) {
    /** {@code KVM_GUESTDBG_ENABLE}: without it debugging is off and every other bit is moot. */
    public static final int ENABLE = 0x0000_0001;

    /** {@code KVM_GUESTDBG_SINGLESTEP}: a debug exit after every instruction. */
    public static final int SINGLESTEP = 0x0000_0002;

    /** {@code KVM_GUESTDBG_USE_SW_BP}: the breakpoint word exits to the debugger (design.md §2.3). */
    public static final int USE_SW_BP = 0x0001_0000;

    /** {@code KVM_GUESTDBG_USE_HW_BP}: the table holds the hardware points. */
    public static final int USE_HW_BP = 0x0002_0000;

    /** ppcvm's extension, seed layout only: {@code pad1} is a watchpoint's length in bytes. */
    public static final int USE_LENGTH = 0x0004_0000;

    static final int LINUX_CONTROL_BITS = ENABLE | SINGLESTEP | USE_SW_BP | USE_HW_BP;

    public DebugTable {
        Objects.requireNonNull(layout, "layout");
        checkControl(layout, control);
        List<TableSlot> sorted = new ArrayList<>(slots);
        sorted.sort(Comparator.comparingInt(TableSlot::index));
        if (!sorted.isEmpty() && (control & USE_HW_BP) == 0) {
            throw new DebugTableException("slots need USE_HW_BP: without it the table is not read");
        }
        for (int i = 0; i < sorted.size(); i++) {
            TableSlot s = sorted.get(i);
            if (s.index() >= layout.slotCount()) {
                throw new DebugTableException(
                        "slot %d: the %s layout has %d slots".formatted(s.index(), layout.title(), layout.slotCount()));
            }
            if (i > 0 && sorted.get(i - 1).index() == s.index()) {
                throw new DebugTableException("slot %d: given twice".formatted(s.index()));
            }
            checkLength(control, s);
        }
        slots = List.copyOf(sorted);
    }

    public static DebugTable of(TableLayout layout, int control, TableSlot... slots) {
        return new DebugTable(layout, control, List.of(slots));
    }

    public boolean enabled() {
        return (control & ENABLE) != 0;
    }

    public boolean singleStep() {
        return (control & SINGLESTEP) != 0;
    }

    public boolean useSoftwareBreakpoints() {
        return (control & USE_SW_BP) != 0;
    }

    public boolean useHardwarePoints() {
        return (control & USE_HW_BP) != 0;
    }

    public boolean useLength() {
        return (control & USE_LENGTH) != 0;
    }

    /** The core points of the slots, in slot order (a point in two slots is listed twice). */
    public List<DebugPoint> points() {
        return slots.stream().map(TableSlot::point).toList();
    }

    static void checkControl(TableLayout layout, int control) {
        int unknown = control & ~layout.controlBits();
        if (unknown != 0) {
            throw new DebugTableException("control 0x%08x has bits unknown to the %s layout: 0x%08x"
                    .formatted(control, layout.title(), unknown));
        }
    }

    /** A watchpoint's length is explicit exactly when {@link #USE_LENGTH} says so. */
    static void checkLength(int control, TableSlot slot) {
        if (slot.type() == SlotType.BREAKPOINT) {
            return;
        }
        boolean useLength = (control & USE_LENGTH) != 0;
        if (useLength && slot.length() == 0) {
            throw new DebugTableException("slot %d: watchpoint length is zero".formatted(slot.index()));
        }
        if (!useLength && slot.length() != 0) {
            throw new DebugTableException("slot %d: a watchpoint length needs USE_LENGTH".formatted(slot.index()));
        }
    }
}
