package org.ppcvm.linux.host;

import java.lang.foreign.GroupLayout;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemoryLayout.PathElement;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;

/**
 * One member of a C struct, located once by name in a {@link GroupLayout}, with typed access at
 * its offset.
 *
 * <p>Struct layouts (host ones in {@link HostLayouts}, guest ones in {@code org.ppcvm.linux.abi})
 * are declared member by member with explicit padding, like the C declarations they mirror; the
 * tests compare every named member's offset and size with what the C compiler reports. Reading
 * and writing through a {@code StructMember} keeps the code on exactly the offsets that were
 * checked. The byte order is the layout's own: native for host structs, big-endian for the guest.
 *
 * @param name the member path joined with dots, for messages ({@code "st_atim.tv_sec"})
 * @param offset byte offset of the member from the start of the struct
 * @param layout the member's layout
 */
public record StructMember(String name, long offset, MemoryLayout layout) {

    /** The member of {@code struct} reached by the group element names in {@code path}. */
    public static StructMember of(GroupLayout struct, String... path) {
        PathElement[] elements =
                Arrays.stream(path).map(PathElement::groupElement).toArray(PathElement[]::new);
        return new StructMember(String.join(".", path), struct.byteOffset(elements), struct.select(elements));
    }

    /** Size of the member in bytes. */
    public long size() {
        return layout.byteSize();
    }

    /** Reads an integer member of 1, 2, 4 or 8 bytes, zero-extended to 64 bits. */
    public long getUnsigned(MemorySegment s) {
        return switch (layout) {
            case ValueLayout.OfByte b -> Byte.toUnsignedLong(s.get(b, offset));
            case ValueLayout.OfShort h -> Short.toUnsignedLong(s.get(h, offset));
            case ValueLayout.OfInt w -> Integer.toUnsignedLong(s.get(w, offset));
            case ValueLayout.OfLong d -> s.get(d, offset);
            default -> throw new IllegalStateException(name + " is not an integer member: " + layout);
        };
    }

    /** Reads an integer member of 1, 2, 4 or 8 bytes, sign-extended to 64 bits. */
    public long getSigned(MemorySegment s) {
        return switch (layout) {
            case ValueLayout.OfByte b -> s.get(b, offset);
            case ValueLayout.OfShort h -> s.get(h, offset);
            case ValueLayout.OfInt w -> s.get(w, offset);
            case ValueLayout.OfLong d -> s.get(d, offset);
            default -> throw new IllegalStateException(name + " is not an integer member: " + layout);
        };
    }

    /** Writes the low bytes of {@code value} into an integer member of 1, 2, 4 or 8 bytes. */
    public void set(MemorySegment s, long value) {
        switch (layout) {
            case ValueLayout.OfByte b -> s.set(b, offset, (byte) value);
            case ValueLayout.OfShort h -> s.set(h, offset, (short) value);
            case ValueLayout.OfInt w -> s.set(w, offset, (int) value);
            case ValueLayout.OfLong d -> s.set(d, offset, value);
            default -> throw new IllegalStateException(name + " is not an integer member: " + layout);
        }
    }

    /** Copies the member's bytes (an array such as {@code char[65]}) out of {@code s}. */
    public byte[] getBytes(MemorySegment s) {
        return s.asSlice(offset, size()).toArray(ValueLayout.JAVA_BYTE);
    }

    /**
     * Copies {@code bytes} into the member, zero-filling the rest; bytes beyond the member's size
     * are dropped.
     */
    public void setBytes(MemorySegment s, byte[] bytes) {
        MemorySegment field = s.asSlice(offset, size());
        field.fill((byte) 0);
        MemorySegment.copy(bytes, 0, field, ValueLayout.JAVA_BYTE, 0, (int) Math.min(bytes.length, size()));
    }
}
