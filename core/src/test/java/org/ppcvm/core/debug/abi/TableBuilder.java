package org.ppcvm.core.debug.abi;

import java.nio.ByteBuffer;

/** Raw table bytes for tests, written field by field at the layouts' documented offsets. */
final class TableBuilder {
    private final TableLayout layout;
    private final ByteBuffer b;

    private TableBuilder(TableLayout layout, int control) {
        this.layout = layout;
        this.b = ByteBuffer.allocate(layout.size());
        b.putInt(0, control);
    }

    static TableBuilder seed(int control) {
        return new TableBuilder(TableLayout.SEED, control);
    }

    static TableBuilder linux(int control) {
        return new TableBuilder(TableLayout.LINUX, control);
    }

    TableBuilder pad(int pad) {
        b.putInt(4, pad);
        return this;
    }

    /** A slot with its padding or reserved fields zero. */
    TableBuilder slot(int index, long addr, int type) {
        return layout == TableLayout.SEED ? seedSlot(index, addr, type, 0, 0) : linuxSlot(index, addr, type, 0);
    }

    TableBuilder seedSlot(int index, long addr, int type, int pad1, long pad2) {
        int at = SeedDebugTable.SLOTS_OFFSET + index * SeedDebugTable.SLOT_SIZE;
        b.putLong(at + SeedDebugTable.ADDR_OFFSET, addr);
        b.putInt(at + SeedDebugTable.TYPE_OFFSET, type);
        b.putInt(at + SeedDebugTable.PAD1_OFFSET, pad1);
        b.putLong(at + SeedDebugTable.PAD2_OFFSET, pad2);
        return this;
    }

    TableBuilder linuxSlot(int index, long addr, int type, int reserved) {
        int at = LinuxDebugTable.SLOTS_OFFSET + index * LinuxDebugTable.SLOT_SIZE;
        b.putLong(at + LinuxDebugTable.ADDR_OFFSET, addr);
        b.putInt(at + LinuxDebugTable.TYPE_OFFSET, type);
        b.putInt(at + LinuxDebugTable.RESERVED_OFFSET, reserved);
        return this;
    }

    byte[] bytes() {
        return b.array().clone();
    }
}
