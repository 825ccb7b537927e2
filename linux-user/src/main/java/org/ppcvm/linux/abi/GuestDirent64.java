package org.ppcvm.linux.abi;

import static java.lang.foreign.MemoryLayout.paddingLayout;
import static java.lang.foreign.MemoryLayout.structLayout;
import static java.lang.foreign.ValueLayout.JAVA_LONG_UNALIGNED;
import static java.lang.foreign.ValueLayout.JAVA_SHORT_UNALIGNED;
import static org.ppcvm.linux.abi.BigEndian.U16;
import static org.ppcvm.linux.abi.BigEndian.U64;
import static org.ppcvm.linux.abi.BigEndian.U8;
import static org.ppcvm.linux.abi.BigEndian.chars;
import static org.ppcvm.linux.abi.BigEndian.member;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import org.ppcvm.linux.host.HostLayouts;
import org.ppcvm.linux.host.StructMember;

/**
 * {@code struct linux_dirent64} records ({@code getdents64}): {@code d_ino} u64, {@code d_off} s64,
 * {@code d_reclen} u16, {@code d_type} u8, then the NUL-terminated name, each record padded to a
 * multiple of 8 bytes. The layout is the same on the host, so records keep their sizes and only
 * the byte order of the three numbers changes.
 */
public final class GuestDirent64 {
    private GuestDirent64() {}

    /** The record with the longest name, as glibc's {@code struct dirent64} declares it. */
    public static final StructLayout LAYOUT = structLayout(
            U64.withName("d_ino"),
            U64.withName("d_off"),
            U16.withName("d_reclen"),
            U8.withName("d_type"),
            chars(256).withName("d_name"),
            paddingLayout(5));

    private static final StructMember D_INO = member(LAYOUT, "d_ino");
    private static final StructMember D_OFF = member(LAYOUT, "d_off");
    private static final StructMember D_RECLEN = member(LAYOUT, "d_reclen");
    private static final StructMember D_NAME = member(LAYOUT, "d_name");

    private static final StructMember HOST_INO = hostMember("d_ino", JAVA_LONG_UNALIGNED);
    private static final StructMember HOST_OFF = hostMember("d_off", JAVA_LONG_UNALIGNED);
    private static final StructMember HOST_RECLEN = hostMember("d_reclen", JAVA_SHORT_UNALIGNED);

    /** A host member read without alignment: the records sit in a {@code byte[]}. */
    private static StructMember hostMember(String name, ValueLayout unaligned) {
        StructMember m = StructMember.of(HostLayouts.DIRENT64, name);
        return new StructMember(m.name(), m.offset(), unaligned.withOrder(ByteOrder.nativeOrder()));
    }

    /**
     * Rewrites the host records in {@code records[0..length)} (what {@code HostOs.getdents64}
     * returned) into the guest's byte order, in place. The bytes after each name's NUL are set to
     * zero: Linux leaves them as they were in the caller's buffer, but here they would be leftovers
     * of the host buffer, which would make runs differ.
     *
     * @throws IllegalArgumentException if the records do not tile {@code length} exactly
     */
    public static void toGuestInPlace(byte[] records, int length) {
        MemorySegment all = MemorySegment.ofArray(records).asSlice(0, length);
        long at = 0;
        while (at < length) {
            if (length - at < D_NAME.offset() + 1) {
                throw new IllegalArgumentException("truncated dirent64 header at " + at);
            }
            MemorySegment host = all.asSlice(at);
            long ino = HOST_INO.getUnsigned(host);
            long off = HOST_OFF.getSigned(host);
            int reclen = (int) HOST_RECLEN.getUnsigned(host);
            if (reclen < D_NAME.offset() + 1 || reclen % 8 != 0 || reclen > length - at) {
                throw new IllegalArgumentException("bad d_reclen " + reclen + " at " + at);
            }
            D_INO.set(host, ino);
            D_OFF.set(host, off);
            D_RECLEN.set(host, reclen);
            zeroPadding(records, (int) at, reclen);
            at += reclen;
        }
    }

    private static void zeroPadding(byte[] records, int record, int reclen) {
        int at = record + (int) D_NAME.offset();
        int end = record + reclen;
        while (at < end && records[at] != 0) {
            at++;
        }
        if (at == end) {
            throw new IllegalArgumentException("d_name without NUL in the record at " + record);
        }
        java.util.Arrays.fill(records, at + 1, end, (byte) 0);
    }
}
