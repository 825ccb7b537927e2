package org.ppcvm.linux.host;

import java.util.Objects;

/**
 * A range of a Java byte array, one element of a scatter/gather list ({@code struct iovec}).
 *
 * @param array the array
 * @param offset first byte of the range
 * @param length number of bytes
 */
// A slice is a view: it names the caller's array so that reads land in it, not in a copy.
@SuppressWarnings("ArrayRecordComponent")
public record IoSlice(byte[] array, int offset, int length) {
    public IoSlice {
        Objects.checkFromIndexSize(offset, length, array.length);
    }

    /** The whole of {@code array}. */
    public static IoSlice of(byte[] array) {
        return new IoSlice(array, 0, array.length);
    }
}
