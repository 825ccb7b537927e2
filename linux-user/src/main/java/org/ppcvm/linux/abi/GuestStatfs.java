package org.ppcvm.linux.abi;

import static java.lang.foreign.MemoryLayout.paddingLayout;
import static java.lang.foreign.MemoryLayout.sequenceLayout;
import static java.lang.foreign.MemoryLayout.structLayout;
import static org.ppcvm.linux.abi.BigEndian.U32;
import static org.ppcvm.linux.abi.BigEndian.U64;
import static org.ppcvm.linux.abi.BigEndian.member;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import org.ppcvm.linux.host.HostStatfs;
import org.ppcvm.linux.host.StructMember;

/**
 * The 32-bit PowerPC kernel's {@code struct statfs} (64 bytes, every member 32-bit; {@code statfs}
 * and {@code fstatfs}) and {@code struct statfs64} (88 bytes: 32-bit type, sizes and flags, 64-bit
 * counts, aligned to 8 with padding at the end; {@code statfs64} and {@code fstatfs64}, which take
 * its size as an argument and refuse any other).
 */
public final class GuestStatfs {
    private GuestStatfs() {}

    public static final StructLayout STATFS = structLayout(
            U32.withName("f_type"),
            U32.withName("f_bsize"),
            U32.withName("f_blocks"),
            U32.withName("f_bfree"),
            U32.withName("f_bavail"),
            U32.withName("f_files"),
            U32.withName("f_ffree"),
            sequenceLayout(2, U32).withName("f_fsid"),
            U32.withName("f_namelen"),
            U32.withName("f_frsize"),
            U32.withName("f_flags"),
            sequenceLayout(4, U32).withName("f_spare"));

    public static final StructLayout STATFS64 = structLayout(
            U32.withName("f_type"),
            U32.withName("f_bsize"),
            U64.withName("f_blocks"),
            U64.withName("f_bfree"),
            U64.withName("f_bavail"),
            U64.withName("f_files"),
            U64.withName("f_ffree"),
            sequenceLayout(2, U32).withName("f_fsid"),
            U32.withName("f_namelen"),
            U32.withName("f_frsize"),
            U32.withName("f_flags"),
            sequenceLayout(4, U32).withName("f_spare"),
            paddingLayout(4));

    /** {@code sizeof(struct statfs64)}, the only size {@code statfs64} accepts. */
    public static final int STATFS64_SIZE = (int) STATFS64.byteSize();

    /**
     * Whether {@code st} fits the 32-bit struct: as Linux checks, the block counts and sizes must
     * fit in 32 bits, and the inode counts too unless they are -1 ("unknown").
     */
    public static boolean fits32(HostStatfs st) {
        long high = 0xFFFF_FFFF_0000_0000L;
        if (((st.blocks() | st.bfree() | st.bavail() | st.bsize() | st.frsize()) & high) != 0) {
            return false;
        }
        return (st.files() == -1 || (st.files() & high) == 0) && (st.ffree() == -1 || (st.ffree() & high) == 0);
    }

    /** The 32-bit struct; check {@link #fits32} first (wider values keep their low 32 bits). */
    public static byte[] encode32(HostStatfs st) {
        return encode(st, STATFS);
    }

    public static byte[] encode64(HostStatfs st) {
        return encode(st, STATFS64);
    }

    private static byte[] encode(HostStatfs st, StructLayout layout) {
        MemorySegment s = BigEndian.allocate(layout);
        member(layout, "f_type").set(s, st.type());
        member(layout, "f_bsize").set(s, st.bsize());
        member(layout, "f_blocks").set(s, st.blocks());
        member(layout, "f_bfree").set(s, st.bfree());
        member(layout, "f_bavail").set(s, st.bavail());
        member(layout, "f_files").set(s, st.files());
        member(layout, "f_ffree").set(s, st.ffree());
        StructMember fsid = member(layout, "f_fsid");
        s.set(U32, fsid.offset(), st.fsid0());
        s.set(U32, fsid.offset() + 4, st.fsid1());
        member(layout, "f_namelen").set(s, st.namelen());
        member(layout, "f_frsize").set(s, st.frsize());
        member(layout, "f_flags").set(s, st.flags());
        return BigEndian.bytes(s);
    }
}
