package org.ppcvm.bench;

import java.util.OptionalLong;

/**
 * The words the debuggee's {@code fill} mode writes into its buffer (see {@code
 * gdb-guests/debuggee.c}), so that a memory dump gdb wrote can be checked byte by byte: word
 * {@code i} is {@code x ^ (x >>> 15)} with {@code x = i * 0x9E3779B1}, stored big-endian.
 */
public final class DebuggeePattern {
    private DebuggeePattern() {}

    /** Word {@code i} of the pattern. */
    public static int word(int i) {
        int x = i * 0x9E37_79B1;
        return x ^ (x >>> 15);
    }

    /** Byte {@code offset} of the pattern. */
    public static byte at(long offset) {
        int w = word((int) (offset >>> 2));
        return (byte) (w >>> (8 * (3 - (int) (offset & 3))));
    }

    /**
     * The offset of the first byte of {@code dump} that differs from the pattern, or of its end if
     * it is shorter than {@code expectedLength}; empty if it is exactly the pattern's first {@code
     * expectedLength} bytes.
     */
    public static OptionalLong firstDifference(byte[] dump, long expectedLength) {
        long common = Math.min(dump.length, expectedLength);
        for (int i = 0; i < common; i++) {
            if (dump[i] != at(i)) {
                return OptionalLong.of(i);
            }
        }
        return dump.length == expectedLength ? OptionalLong.empty() : OptionalLong.of(common);
    }
}
