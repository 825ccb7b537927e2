package org.ppcvm.gdb.session;

import java.util.Optional;

/** The {@code Z}/{@code z} point types, by their number in the packet. */
public enum PointType {
    SOFTWARE_BREAKPOINT,
    HARDWARE_BREAKPOINT,
    WRITE_WATCHPOINT,
    READ_WATCHPOINT,
    ACCESS_WATCHPOINT;

    /** The number gdb writes after {@code Z}. */
    public int number() {
        return ordinal();
    }

    /** The type numbered {@code n} in a {@code Z} packet, if there is one. */
    public static Optional<PointType> ofNumber(long n) {
        PointType[] all = values();
        return n >= 0 && n < all.length ? Optional.of(all[(int) n]) : Optional.empty();
    }
}
