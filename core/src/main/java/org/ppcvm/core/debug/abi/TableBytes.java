package org.ppcvm.core.debug.abi;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;

/** What the two layouts share: the 8-byte header and the rules for one slot's common fields. */
final class TableBytes {
    /** Both layouts start with {@code u32 control; u32 pad;}. */
    static final int CONTROL_OFFSET = 0;

    static final int PAD_OFFSET = 4;
    static final int SLOTS_OFFSET = 8;

    private TableBytes() {}

    /** Checks the size and the header; returns the bytes as a big-endian buffer. */
    static ByteBuffer open(TableLayout layout, byte[] bytes) {
        if (bytes.length != layout.size()) {
            throw new DebugTableException(
                    "a %s debug table is %d bytes, got %d".formatted(layout.title(), layout.size(), bytes.length));
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.BIG_ENDIAN);
        DebugTable.checkControl(layout, b.getInt(CONTROL_OFFSET));
        int pad = b.getInt(PAD_OFFSET);
        if (pad != 0) {
            throw new DebugTableException("pad must be zero, got 0x%08x".formatted(pad));
        }
        return b;
    }

    /**
     * The slot at {@code index} from its fields, once the layout's reserved fields were checked;
     * empty for a hole. A hole must be all zero, so that a table encodes back to its bytes.
     */
    static Optional<TableSlot> slot(int control, int index, long address, Optional<SlotType> type, int length) {
        if (type.isEmpty()) {
            if (address != 0 || length != 0) {
                throw new DebugTableException("slot %d: a NONE slot (a hole) must be all zero, got addr 0x%x length %d"
                        .formatted(index, address, Integer.toUnsignedLong(length)));
            }
            return Optional.empty();
        }
        if ((address >>> 32) != 0) {
            throw new DebugTableException(
                    "slot %d: address 0x%016x is above 0xffffffff (a 32-bit guest)".formatted(index, address));
        }
        TableSlot slot = new TableSlot(index, type.get(), (int) address, length);
        DebugTable.checkLength(control, slot);
        return Optional.of(slot);
    }

    /** A zeroed buffer of the layout's size with the table's header written. */
    static ByteBuffer create(TableLayout layout, DebugTable table) {
        if (table.layout() != layout) {
            throw new IllegalArgumentException("a %s table cannot be encoded in the %s layout"
                    .formatted(table.layout().title(), layout.title()));
        }
        ByteBuffer b = ByteBuffer.allocate(layout.size()).order(ByteOrder.BIG_ENDIAN);
        b.putInt(CONTROL_OFFSET, table.control());
        return b;
    }
}
