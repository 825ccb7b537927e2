package org.ppcvm.linux.abi;

import static java.lang.foreign.MemoryLayout.paddingLayout;
import static java.lang.foreign.MemoryLayout.structLayout;
import static org.ppcvm.linux.abi.BigEndian.U16;
import static org.ppcvm.linux.abi.BigEndian.U32;
import static org.ppcvm.linux.abi.BigEndian.U64;
import static org.ppcvm.linux.abi.BigEndian.member;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import org.ppcvm.linux.host.HostStatx;
import org.ppcvm.linux.host.StructMember;
import org.ppcvm.linux.host.Timespec;

/**
 * {@code struct statx} ({@code linux/stat.h}), 256 bytes: the same layout on every architecture,
 * here big-endian. Members after {@code stx_dio_offset_align} are reserved in the guest's headers
 * and stay zero.
 */
public final class GuestStatx {
    private GuestStatx() {}

    /** {@code struct statx_timestamp}. */
    public static final StructLayout TIMESTAMP =
            structLayout(U64.withName("tv_sec"), U32.withName("tv_nsec"), paddingLayout(4));

    public static final StructLayout LAYOUT = structLayout(
            U32.withName("stx_mask"),
            U32.withName("stx_blksize"),
            U64.withName("stx_attributes"),
            U32.withName("stx_nlink"),
            U32.withName("stx_uid"),
            U32.withName("stx_gid"),
            U16.withName("stx_mode"),
            paddingLayout(2),
            U64.withName("stx_ino"),
            U64.withName("stx_size"),
            U64.withName("stx_blocks"),
            U64.withName("stx_attributes_mask"),
            TIMESTAMP.withName("stx_atime"),
            TIMESTAMP.withName("stx_btime"),
            TIMESTAMP.withName("stx_ctime"),
            TIMESTAMP.withName("stx_mtime"),
            U32.withName("stx_rdev_major"),
            U32.withName("stx_rdev_minor"),
            U32.withName("stx_dev_major"),
            U32.withName("stx_dev_minor"),
            U64.withName("stx_mnt_id"),
            U32.withName("stx_dio_mem_align"),
            U32.withName("stx_dio_offset_align"),
            paddingLayout(96));

    private static final StructMember TV_SEC = member(TIMESTAMP, "tv_sec");
    private static final StructMember TV_NSEC = member(TIMESTAMP, "tv_nsec");

    /** The guest's bytes for {@code stx}; {@code stx_mask} is limited to {@link HostStatx#KNOWN_MASK}. */
    public static byte[] encode(HostStatx stx) {
        MemorySegment s = BigEndian.allocate(LAYOUT);
        member(LAYOUT, "stx_mask").set(s, stx.mask() & HostStatx.KNOWN_MASK);
        member(LAYOUT, "stx_blksize").set(s, stx.blksize());
        member(LAYOUT, "stx_attributes").set(s, stx.attributes());
        member(LAYOUT, "stx_nlink").set(s, stx.nlink());
        member(LAYOUT, "stx_uid").set(s, stx.uid());
        member(LAYOUT, "stx_gid").set(s, stx.gid());
        member(LAYOUT, "stx_mode").set(s, stx.mode());
        member(LAYOUT, "stx_ino").set(s, stx.ino());
        member(LAYOUT, "stx_size").set(s, stx.size());
        member(LAYOUT, "stx_blocks").set(s, stx.blocks());
        member(LAYOUT, "stx_attributes_mask").set(s, stx.attributesMask());
        timestamp(s, "stx_atime", stx.atime());
        timestamp(s, "stx_btime", stx.btime());
        timestamp(s, "stx_ctime", stx.ctime());
        timestamp(s, "stx_mtime", stx.mtime());
        member(LAYOUT, "stx_rdev_major").set(s, stx.rdevMajor());
        member(LAYOUT, "stx_rdev_minor").set(s, stx.rdevMinor());
        member(LAYOUT, "stx_dev_major").set(s, stx.devMajor());
        member(LAYOUT, "stx_dev_minor").set(s, stx.devMinor());
        member(LAYOUT, "stx_mnt_id").set(s, stx.mntId());
        member(LAYOUT, "stx_dio_mem_align").set(s, stx.dioMemAlign());
        member(LAYOUT, "stx_dio_offset_align").set(s, stx.dioOffsetAlign());
        return BigEndian.bytes(s);
    }

    private static void timestamp(MemorySegment s, String name, Timespec t) {
        StructMember m = member(LAYOUT, name);
        MemorySegment ts = s.asSlice(m.offset(), m.size());
        TV_SEC.set(ts, t.seconds());
        TV_NSEC.set(ts, t.nanos());
    }
}
