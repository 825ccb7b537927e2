package org.ppcvm.core.debug.abi;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The seed's set-debug argument (design.md §2.2), big-endian:
 *
 * <pre>
 * struct { u32 control; u32 pad; struct { u64 addr; u32 type; u32 pad1; u64 pad2; } bp[128]; }
 * </pre>
 *
 * <p>The proposal padded each slot "to be really future-proof"; that only works if the padding is
 * zero today, so non-zero {@code pad1}/{@code pad2} are rejected, except that ppcvm's {@link
 * DebugTable#USE_LENGTH} makes {@code pad1} a watchpoint's length. The C twin of this layout is
 * {@code core/src/test/resources/debug/seed_debug.h}.
 */
public final class SeedDebugTable {
    public static final int SIZE = 3080;
    public static final int SLOT_COUNT = 128;
    public static final int CONTROL_OFFSET = TableBytes.CONTROL_OFFSET;
    public static final int PAD_OFFSET = TableBytes.PAD_OFFSET;
    public static final int SLOTS_OFFSET = TableBytes.SLOTS_OFFSET;
    public static final int SLOT_SIZE = 24;

    /** Offsets inside one slot. */
    public static final int ADDR_OFFSET = 0;

    public static final int TYPE_OFFSET = 8;
    public static final int PAD1_OFFSET = 12;
    public static final int PAD2_OFFSET = 16;

    private SeedDebugTable() {}

    /**
     * The table in {@code bytes}.
     *
     * @throws DebugTableException naming the first field ppcvm rejects
     */
    public static DebugTable decode(byte[] bytes) {
        ByteBuffer b = TableBytes.open(TableLayout.SEED, bytes);
        int control = b.getInt(CONTROL_OFFSET);
        List<TableSlot> slots = new ArrayList<>();
        if ((control & DebugTable.USE_HW_BP) != 0) {
            boolean useLength = (control & DebugTable.USE_LENGTH) != 0;
            for (int i = 0; i < SLOT_COUNT; i++) {
                int at = SLOTS_OFFSET + i * SLOT_SIZE;
                Optional<SlotType> type = SlotType.decode(i, b.getInt(at + TYPE_OFFSET));
                long pad2 = b.getLong(at + PAD2_OFFSET);
                if (pad2 != 0) {
                    throw new DebugTableException("slot %d: pad2 must be zero, got 0x%016x".formatted(i, pad2));
                }
                int pad1 = b.getInt(at + PAD1_OFFSET);
                if (!useLength && pad1 != 0) {
                    throw new DebugTableException(
                            "slot %d: pad1 must be zero without USE_LENGTH, got 0x%08x".formatted(i, pad1));
                }
                TableBytes.slot(control, i, b.getLong(at + ADDR_OFFSET), type, pad1)
                        .ifPresent(slots::add);
            }
        }
        return new DebugTable(TableLayout.SEED, control, slots);
    }

    /** The bytes of {@code table}, a seed-layout table; {@link #decode} gives it back. */
    public static byte[] encode(DebugTable table) {
        ByteBuffer b = TableBytes.create(TableLayout.SEED, table);
        for (TableSlot s : table.slots()) {
            int at = SLOTS_OFFSET + s.index() * SLOT_SIZE;
            b.putLong(at + ADDR_OFFSET, Integer.toUnsignedLong(s.address()));
            b.putInt(at + TYPE_OFFSET, s.type().bits());
            b.putInt(at + PAD1_OFFSET, s.length());
        }
        return b.array();
    }
}
