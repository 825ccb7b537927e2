package org.ppcvm.core.debug.abi;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.ppcvm.core.debug.DebugCause;
import org.ppcvm.core.debug.DebugEvent;
import org.ppcvm.core.debug.DebugPoint;
import org.ppcvm.core.debug.GuestDebug;

/**
 * The set-debug call on one vCPU's {@link GuestDebug}: each table replaces the hardware points of
 * the previous one, and the slot each point came from is kept so that exits can be reported in the
 * table's terms.
 *
 * <p>The table's points are references held next to the debugger's own (the core counts them):
 * a point the debugger also set survives the table that drops it, and a point in both the old and
 * the new table is never removed in between, so its code is not re-translated.
 *
 * <p>Assumes it is the only one to remove the points it added (no {@link GuestDebug#clear()}
 * behind its back). For the vCPU's thread, like {@link GuestDebug}.
 */
public final class GuestDebugTable {
    private final GuestDebug debug;
    private SortedMap<Integer, DebugPoint> pointsBySlot = Collections.emptySortedMap();
    private Optional<DebugTable> applied = Optional.empty();

    public GuestDebugTable(GuestDebug debug) {
        this.debug = Objects.requireNonNull(debug, "debug");
    }

    /**
     * Makes {@code table} the set of hardware points and the single-step setting. Without {@link
     * DebugTable#ENABLE} debugging is off (no table points, no stepping), as in Linux; without
     * {@link DebugTable#USE_HW_BP} the table is empty.
     *
     * <p>{@link DebugTable#USE_SW_BP} is not the core's business: whoever runs the vCPU asks
     * {@link DebugTable#useSoftwareBreakpoints()} whether the breakpoint word exits or raises the
     * guest's illegal-instruction interrupt.
     */
    public void apply(DebugTable table) {
        Objects.requireNonNull(table, "table");
        // Every point is built before the core is touched: if one cannot be, nothing changes.
        SortedMap<Integer, DebugPoint> next = new TreeMap<>();
        if (table.enabled()) {
            for (TableSlot s : table.slots()) {
                next.put(s.index(), s.point());
            }
        }
        List<DebugPoint> added = new ArrayList<>();
        try {
            for (DebugPoint p : next.values()) {
                debug.add(p);
                added.add(p);
            }
        } catch (RuntimeException e) {
            added.forEach(debug::remove);
            throw e;
        }
        pointsBySlot.values().forEach(debug::remove);
        debug.setSingleStep(table.enabled() && table.singleStep());
        debug.setUseSoftwareBreakpoints(table.enabled() && table.useSoftwareBreakpoints());
        pointsBySlot = Collections.unmodifiableSortedMap(next);
        applied = Optional.of(table);
    }

    /** Decodes {@code bytes} in {@code layout} and applies the result; a bad table changes nothing. */
    public DebugTable apply(TableLayout layout, byte[] bytes) {
        DebugTable table = layout.decode(bytes);
        apply(table);
        return table;
    }

    /** The last table applied, if any. */
    public Optional<DebugTable> applied() {
        return applied;
    }

    /** The active table points by slot index. */
    public SortedMap<Integer, DebugPoint> pointsBySlot() {
        return pointsBySlot;
    }

    /**
     * The slots, ascending, whose point the event concerns: for a hardware breakpoint the slots on
     * that instruction, for a watchpoint every overlapped slot. Empty for software breakpoints,
     * steps and points the debugger set by itself.
     */
    public List<Integer> slotsOf(DebugEvent event) {
        List<Integer> slots = new ArrayList<>();
        for (Map.Entry<Integer, DebugPoint> e : pointsBySlot.entrySet()) {
            if (event.points().contains(e.getValue())) {
                slots.add(e.getKey());
            }
        }
        return slots;
    }

    /**
     * The exit record's {@code address}: for a watchpoint the {@code addr} the client programmed
     * in the lowest-numbered slot of the lowest overlapped point (as KVM reports the DAC value,
     * which need not be the word-aligned start ppcvm watches), otherwise the event's address.
     */
    public int exitAddress(DebugEvent event) {
        if (event.cause() == DebugCause.WATCH_READ || event.cause() == DebugCause.WATCH_WRITE) {
            for (int slot : slotsOf(event)) {
                if (pointsBySlot.get(slot).address() == event.address()) {
                    return applied.orElseThrow().slots().stream()
                            .filter(s -> s.index() == slot)
                            .findFirst()
                            .orElseThrow()
                            .address();
                }
            }
        }
        return event.address();
    }

    /** The exit record's {@code status}: see {@link SlotType#status(DebugCause)}. */
    public static int status(DebugEvent event) {
        return SlotType.status(event.cause());
    }
}
