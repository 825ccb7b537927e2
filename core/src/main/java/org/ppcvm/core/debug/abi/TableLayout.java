package org.ppcvm.core.debug.abi;

/** The two byte layouts of the set-debug argument, and what each allows. */
public enum TableLayout {
    /** The 2010 proposal's {@code bp[128]} of 24-byte slots, plus ppcvm's {@code USE_LENGTH}. */
    SEED("seed", SeedDebugTable.SIZE, SeedDebugTable.SLOT_COUNT, DebugTable.LINUX_CONTROL_BITS | DebugTable.USE_LENGTH),
    /** Linux's final {@code struct kvm_guest_debug}: {@code bp[16]} of 16-byte slots. */
    LINUX("Linux", LinuxDebugTable.SIZE, LinuxDebugTable.SLOT_COUNT, DebugTable.LINUX_CONTROL_BITS);

    private final String title;
    private final int size;
    private final int slotCount;
    private final int controlBits;

    TableLayout(String title, int size, int slotCount, int controlBits) {
        this.title = title;
        this.size = size;
        this.slotCount = slotCount;
        this.controlBits = controlBits;
    }

    /** The argument's size in bytes. */
    public int size() {
        return size;
    }

    /** The number of slots in {@code bp[]}. */
    public int slotCount() {
        return slotCount;
    }

    /** The control bits this layout defines; any other is rejected. */
    public int controlBits() {
        return controlBits;
    }

    /** The layout's name in messages. */
    public String title() {
        return title;
    }

    public DebugTable decode(byte[] bytes) {
        return switch (this) {
            case SEED -> SeedDebugTable.decode(bytes);
            case LINUX -> LinuxDebugTable.decode(bytes);
        };
    }

    public byte[] encode(DebugTable table) {
        return switch (this) {
            case SEED -> SeedDebugTable.encode(table);
            case LINUX -> LinuxDebugTable.encode(table);
        };
    }
}
