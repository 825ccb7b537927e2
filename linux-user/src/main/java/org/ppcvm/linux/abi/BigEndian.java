package org.ppcvm.linux.abi;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED;
import static java.lang.foreign.ValueLayout.JAVA_LONG_UNALIGNED;
import static java.lang.foreign.ValueLayout.JAVA_SHORT_UNALIGNED;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import org.ppcvm.linux.host.StructMember;

/**
 * The scalar types of the 32-bit PowerPC ABI as big-endian layouts over Java byte arrays.
 *
 * <p>They are unaligned because a heap segment over a {@code byte[]} guarantees no alignment;
 * the guest structs therefore spell out their padding, and the layout tests check every offset
 * against the cross compiler.
 */
final class BigEndian {
    private BigEndian() {}

    static final ValueLayout.OfByte U8 = JAVA_BYTE;
    static final ValueLayout.OfShort U16 = JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    static final ValueLayout.OfInt U32 = JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    static final ValueLayout.OfLong U64 = JAVA_LONG_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

    /** {@code char name[length]}. */
    static MemoryLayout chars(long length) {
        return MemoryLayout.sequenceLayout(length, JAVA_BYTE);
    }

    static StructMember member(StructLayout struct, String... path) {
        return StructMember.of(struct, path);
    }

    /** A zeroed buffer of the struct's size and a segment over it. */
    static MemorySegment allocate(StructLayout struct) {
        return MemorySegment.ofArray(new byte[Math.toIntExact(struct.byteSize())]);
    }

    /** The array behind a segment made by {@link #allocate}. */
    static byte[] bytes(MemorySegment s) {
        return (byte[]) s.heapBase().orElseThrow();
    }

    /** A segment over {@code bytes[offset..offset+size)} of {@code struct}, checking the bounds. */
    static MemorySegment view(byte[] bytes, int offset, StructLayout struct) {
        return MemorySegment.ofArray(bytes).asSlice(offset, struct.byteSize());
    }
}
