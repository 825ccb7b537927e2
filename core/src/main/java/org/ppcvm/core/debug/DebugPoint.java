package org.ppcvm.core.debug;

/**
 * A breakpoint or watchpoint as the debugger set it. Points are values: adding the same point
 * twice counts it twice (reference counting), removing it once leaves one.
 */
public sealed interface DebugPoint {
    /** The programmed address. */
    int address();

    /** A breakpoint on the instruction at {@code address} (4-byte aligned). */
    record Breakpoint(int address, boolean hardware) implements DebugPoint {
        public Breakpoint {
            if ((address & 3) != 0) {
                throw new IllegalArgumentException("breakpoint address 0x%08x is not word aligned".formatted(address));
            }
        }
    }

    /** A watchpoint on [address, address+length). */
    record Watchpoint(int address, int length, WatchKind kind) implements DebugPoint {
        public Watchpoint {
            if (length <= 0 || Integer.toUnsignedLong(address) + length > 0x1_0000_0000L) {
                throw new IllegalArgumentException(
                        "watchpoint 0x%08x+%d is empty or leaves the address space".formatted(address, length));
            }
        }

        boolean overlaps(int start, int len) {
            long a = Integer.toUnsignedLong(address);
            long s = Integer.toUnsignedLong(start);
            return s < a + length && a < s + len;
        }
    }
}
