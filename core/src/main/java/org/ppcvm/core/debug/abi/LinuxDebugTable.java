package org.ppcvm.core.debug.abi;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Linux's set-debug argument for powerpc, {@code struct kvm_guest_debug} ({@code linux/kvm.h})
 * with {@code struct kvm_guest_debug_arch} ({@code asm/kvm.h}), big-endian:
 *
 * <pre>
 * struct { u32 control; u32 pad; struct { u64 addr; u32 type; u32 reserved; } bp[16]; }
 * </pre>
 *
 * <p>Watchpoints cover the naturally aligned word containing {@code addr}: the layout has no
 * length, and Book E KVM programs the DAC in exact-match mode.
 */
public final class LinuxDebugTable {
    public static final int SIZE = 264;
    public static final int SLOT_COUNT = 16;
    public static final int CONTROL_OFFSET = TableBytes.CONTROL_OFFSET;
    public static final int PAD_OFFSET = TableBytes.PAD_OFFSET;
    public static final int SLOTS_OFFSET = TableBytes.SLOTS_OFFSET;
    public static final int SLOT_SIZE = 16;

    /** Offsets inside one slot. */
    public static final int ADDR_OFFSET = 0;

    public static final int TYPE_OFFSET = 8;
    public static final int RESERVED_OFFSET = 12;

    private LinuxDebugTable() {}

    /**
     * The table in {@code bytes}.
     *
     * @throws DebugTableException naming the first field ppcvm rejects
     */
    public static DebugTable decode(byte[] bytes) {
        ByteBuffer b = TableBytes.open(TableLayout.LINUX, bytes);
        int control = b.getInt(CONTROL_OFFSET);
        List<TableSlot> slots = new ArrayList<>();
        if ((control & DebugTable.USE_HW_BP) != 0) {
            for (int i = 0; i < SLOT_COUNT; i++) {
                int at = SLOTS_OFFSET + i * SLOT_SIZE;
                Optional<SlotType> type = SlotType.decode(i, b.getInt(at + TYPE_OFFSET));
                int reserved = b.getInt(at + RESERVED_OFFSET);
                if (reserved != 0) {
                    throw new DebugTableException("slot %d: reserved must be zero, got 0x%08x".formatted(i, reserved));
                }
                TableBytes.slot(control, i, b.getLong(at + ADDR_OFFSET), type, 0)
                        .ifPresent(slots::add);
            }
        }
        return new DebugTable(TableLayout.LINUX, control, slots);
    }

    /** The bytes of {@code table}, a Linux-layout table; {@link #decode} gives it back. */
    public static byte[] encode(DebugTable table) {
        ByteBuffer b = TableBytes.create(TableLayout.LINUX, table);
        for (TableSlot s : table.slots()) {
            int at = SLOTS_OFFSET + s.index() * SLOT_SIZE;
            b.putLong(at + ADDR_OFFSET, Integer.toUnsignedLong(s.address()));
            b.putInt(at + TYPE_OFFSET, s.type().bits());
        }
        return b.array();
    }
}
