package org.ppcvm.linux.abi;

import static java.lang.foreign.MemoryLayout.paddingLayout;
import static java.lang.foreign.MemoryLayout.structLayout;
import static org.ppcvm.linux.abi.BigEndian.U32;
import static org.ppcvm.linux.abi.BigEndian.U64;
import static org.ppcvm.linux.abi.BigEndian.member;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import org.ppcvm.linux.host.HostStat;
import org.ppcvm.linux.host.StructMember;

/**
 * The 32-bit PowerPC kernel's {@code struct stat64} ({@code asm/stat.h}), 104 bytes, which the
 * {@code stat64}, {@code lstat64}, {@code fstat64} and {@code fstatat64} system calls fill. Its
 * times have 32-bit seconds.
 *
 * <p>The device numbers pass unchanged: both kernels report them in the same 32-bit "new"
 * encoding ({@code minor & 0xff | major << 8 | (minor & ~0xff) << 12}) in a 64-bit field.
 */
public final class GuestStat64 {
    private GuestStat64() {}

    public static final StructLayout LAYOUT = structLayout(
            U64.withName("st_dev"),
            U64.withName("st_ino"),
            U32.withName("st_mode"),
            U32.withName("st_nlink"),
            U32.withName("st_uid"),
            U32.withName("st_gid"),
            U64.withName("st_rdev"),
            paddingLayout(8),
            U64.withName("st_size"),
            U32.withName("st_blksize"),
            paddingLayout(4),
            U64.withName("st_blocks"),
            U32.withName("st_atime"),
            U32.withName("st_atime_nsec"),
            U32.withName("st_mtime"),
            U32.withName("st_mtime_nsec"),
            U32.withName("st_ctime"),
            U32.withName("st_ctime_nsec"),
            paddingLayout(8));

    private static final StructMember ST_DEV = member(LAYOUT, "st_dev");
    private static final StructMember ST_INO = member(LAYOUT, "st_ino");
    private static final StructMember ST_MODE = member(LAYOUT, "st_mode");
    private static final StructMember ST_NLINK = member(LAYOUT, "st_nlink");
    private static final StructMember ST_UID = member(LAYOUT, "st_uid");
    private static final StructMember ST_GID = member(LAYOUT, "st_gid");
    private static final StructMember ST_RDEV = member(LAYOUT, "st_rdev");
    private static final StructMember ST_SIZE = member(LAYOUT, "st_size");
    private static final StructMember ST_BLKSIZE = member(LAYOUT, "st_blksize");
    private static final StructMember ST_BLOCKS = member(LAYOUT, "st_blocks");
    private static final StructMember ST_ATIME = member(LAYOUT, "st_atime");
    private static final StructMember ST_ATIME_NSEC = member(LAYOUT, "st_atime_nsec");
    private static final StructMember ST_MTIME = member(LAYOUT, "st_mtime");
    private static final StructMember ST_MTIME_NSEC = member(LAYOUT, "st_mtime_nsec");
    private static final StructMember ST_CTIME = member(LAYOUT, "st_ctime");
    private static final StructMember ST_CTIME_NSEC = member(LAYOUT, "st_ctime_nsec");

    /**
     * The guest's bytes for {@code st}. The seconds of the times and {@code st_nlink} keep their
     * low 32 bits, the width of their fields.
     */
    public static byte[] encode(HostStat st) {
        MemorySegment s = BigEndian.allocate(LAYOUT);
        ST_DEV.set(s, st.dev());
        ST_INO.set(s, st.ino());
        ST_MODE.set(s, st.mode());
        ST_NLINK.set(s, st.nlink());
        ST_UID.set(s, st.uid());
        ST_GID.set(s, st.gid());
        ST_RDEV.set(s, st.rdev());
        ST_SIZE.set(s, st.size());
        ST_BLKSIZE.set(s, st.blksize());
        ST_BLOCKS.set(s, st.blocks());
        ST_ATIME.set(s, st.atime().seconds());
        ST_ATIME_NSEC.set(s, st.atime().nanos());
        ST_MTIME.set(s, st.mtime().seconds());
        ST_MTIME_NSEC.set(s, st.mtime().nanos());
        ST_CTIME.set(s, st.ctime().seconds());
        ST_CTIME_NSEC.set(s, st.ctime().nanos());
        return BigEndian.bytes(s);
    }
}
