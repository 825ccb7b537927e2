package org.ppcvm.core.debug.abi;

import java.util.Objects;
import org.ppcvm.core.debug.DebugPoint;
import org.ppcvm.core.debug.DebugPoint.Breakpoint;
import org.ppcvm.core.debug.DebugPoint.Watchpoint;

/**
 * One occupied slot of a debug table, as the client wrote it (so it encodes back to the same
 * bytes), and the core point it stands for.
 *
 * @param index the slot's position in {@code bp[]}
 * @param type what the slot is
 * @param address the {@code addr} field (a 32-bit guest: the upper half was zero)
 * @param length for a watchpoint in a seed table with {@code USE_LENGTH}, the byte count in {@code
 *     pad1}; otherwise 0, and the watchpoint covers the naturally aligned word containing {@code
 *     address}, like a Book E DAC in exact-match mode (and as gdb assumes)
 */
public record TableSlot(int index, SlotType type, int address, int length) {
    /** ppcvm's watchpoints count their bytes in an {@code int}. */
    private static final long MAX_LENGTH = Integer.MAX_VALUE;

    private static final long ADDRESS_SPACE = 1L << 32;

    public TableSlot {
        if (index < 0) {
            throw new IllegalArgumentException("slot index " + index + " is negative");
        }
        Objects.requireNonNull(type, "type");
        if (type == SlotType.BREAKPOINT) {
            if (length != 0) {
                throw new DebugTableException("slot %d: a breakpoint is one instruction and takes no length, got %d"
                        .formatted(index, Integer.toUnsignedLong(length)));
            }
            if ((address & 3) != 0) {
                throw new DebugTableException(
                        "slot %d: breakpoint address 0x%08x is not 4-byte aligned".formatted(index, address));
            }
        } else {
            long end = Integer.toUnsignedLong(address) + Integer.toUnsignedLong(length);
            if (end > ADDRESS_SPACE) {
                throw new DebugTableException("slot %d: watchpoint 0x%08x+0x%x crosses 4 GiB"
                        .formatted(index, address, Integer.toUnsignedLong(length)));
            }
            if (Integer.toUnsignedLong(length) > MAX_LENGTH) {
                throw new DebugTableException("slot %d: watchpoint length 0x%x is longer than ppcvm watches (0x%x)"
                        .formatted(index, Integer.toUnsignedLong(length), MAX_LENGTH));
            }
        }
    }

    /** A hardware breakpoint slot. */
    public static TableSlot breakpoint(int index, int address) {
        return new TableSlot(index, SlotType.BREAKPOINT, address, 0);
    }

    /** The core point: always a hardware point, since the table holds only those. */
    public DebugPoint point() {
        return switch (type) {
            case BREAKPOINT -> new Breakpoint(address, true);
            case WATCH_WRITE, WATCH_READ, WATCH_ACCESS ->
                length == 0
                        ? new Watchpoint(address & ~3, 4, type.watchKind().orElseThrow())
                        : new Watchpoint(address, length, type.watchKind().orElseThrow());
        };
    }
}
