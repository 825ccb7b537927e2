package org.ppcvm.linux.abi;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * The 8-byte counter that reads and writes of an eventfd carry: a {@code uint64_t} in the
 * machine's byte order, big-endian for the guest and the host's own for the host's eventfd.
 */
public final class GuestEventfd {
    private GuestEventfd() {}

    /** The size of the counter, the least a read or write of an eventfd moves. */
    public static final int COUNTER_SIZE = 8;

    private static final ValueLayout.OfLong HOST = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.nativeOrder());

    /** Turns the guest's counter in {@code bytes[0..8)} into the host's, in place. */
    public static void toHost(byte[] bytes) {
        MemorySegment s = MemorySegment.ofArray(bytes);
        s.set(HOST, 0, s.get(BigEndian.U64, 0));
    }

    /** Turns the host's counter in {@code bytes[0..8)} into the guest's, in place. */
    public static void toGuest(byte[] bytes) {
        MemorySegment s = MemorySegment.ofArray(bytes);
        s.set(BigEndian.U64, 0, s.get(HOST, 0));
    }
}
