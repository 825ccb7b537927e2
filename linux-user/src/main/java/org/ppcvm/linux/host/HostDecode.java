package org.ppcvm.linux.host;

import static org.ppcvm.linux.host.HostLayouts.STAT;
import static org.ppcvm.linux.host.HostLayouts.STATX;
import static org.ppcvm.linux.host.HostLayouts.SYSINFO;
import static org.ppcvm.linux.host.HostLayouts.TERMIOS2;
import static org.ppcvm.linux.host.HostLayouts.TIMESPEC;
import static org.ppcvm.linux.host.HostLayouts.UTSNAME;
import static org.ppcvm.linux.host.HostLayouts.WINSIZE;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;

/** Reads the host structs of {@link HostLayouts} into records, and writes the few that go in. */
final class HostDecode {
    private HostDecode() {}

    private static StructMember m(StructLayout s, String... path) {
        return StructMember.of(s, path);
    }

    private static final StructMember TS_SEC = m(TIMESPEC, "tv_sec");
    private static final StructMember TS_NSEC = m(TIMESPEC, "tv_nsec");

    static Timespec timespec(MemorySegment s) {
        return new Timespec(TS_SEC.getSigned(s), TS_NSEC.getSigned(s));
    }

    static void encodeTimespec(Timespec t, MemorySegment s) {
        TS_SEC.set(s, t.seconds());
        TS_NSEC.set(s, t.nanos());
    }

    // ---- struct stat -------------------------------------------------------------------------

    private static final StructMember ST_DEV = m(STAT, "st_dev");
    private static final StructMember ST_INO = m(STAT, "st_ino");
    private static final StructMember ST_NLINK = m(STAT, "st_nlink");
    private static final StructMember ST_MODE = m(STAT, "st_mode");
    private static final StructMember ST_UID = m(STAT, "st_uid");
    private static final StructMember ST_GID = m(STAT, "st_gid");
    private static final StructMember ST_RDEV = m(STAT, "st_rdev");
    private static final StructMember ST_SIZE = m(STAT, "st_size");
    private static final StructMember ST_BLKSIZE = m(STAT, "st_blksize");
    private static final StructMember ST_BLOCKS = m(STAT, "st_blocks");
    private static final StructMember ST_ATIM = m(STAT, "st_atim");
    private static final StructMember ST_MTIM = m(STAT, "st_mtim");
    private static final StructMember ST_CTIM = m(STAT, "st_ctim");

    private static Timespec timespecAt(MemorySegment s, StructMember member) {
        return timespec(s.asSlice(member.offset(), member.size()));
    }

    static HostStat stat(MemorySegment s) {
        return new HostStat(
                ST_DEV.getUnsigned(s),
                ST_INO.getUnsigned(s),
                ST_NLINK.getUnsigned(s),
                (int) ST_MODE.getUnsigned(s),
                (int) ST_UID.getUnsigned(s),
                (int) ST_GID.getUnsigned(s),
                ST_RDEV.getUnsigned(s),
                ST_SIZE.getSigned(s),
                ST_BLKSIZE.getSigned(s),
                ST_BLOCKS.getSigned(s),
                timespecAt(s, ST_ATIM),
                timespecAt(s, ST_MTIM),
                timespecAt(s, ST_CTIM));
    }

    // ---- struct statfs ------------------------------------------------------------------------

    private static final StructMember F_TYPE = m(HostLayouts.STATFS, "f_type");
    private static final StructMember F_BSIZE = m(HostLayouts.STATFS, "f_bsize");
    private static final StructMember F_BLOCKS = m(HostLayouts.STATFS, "f_blocks");
    private static final StructMember F_BFREE = m(HostLayouts.STATFS, "f_bfree");
    private static final StructMember F_BAVAIL = m(HostLayouts.STATFS, "f_bavail");
    private static final StructMember F_FILES = m(HostLayouts.STATFS, "f_files");
    private static final StructMember F_FFREE = m(HostLayouts.STATFS, "f_ffree");
    private static final StructMember F_FSID = m(HostLayouts.STATFS, "f_fsid");
    private static final StructMember F_NAMELEN = m(HostLayouts.STATFS, "f_namelen");
    private static final StructMember F_FRSIZE = m(HostLayouts.STATFS, "f_frsize");
    private static final StructMember F_FLAGS = m(HostLayouts.STATFS, "f_flags");

    static HostStatfs statfs(MemorySegment s) {
        return new HostStatfs(
                F_TYPE.getSigned(s),
                F_BSIZE.getSigned(s),
                F_BLOCKS.getUnsigned(s),
                F_BFREE.getUnsigned(s),
                F_BAVAIL.getUnsigned(s),
                F_FILES.getUnsigned(s),
                F_FFREE.getUnsigned(s),
                s.get(ValueLayout.JAVA_INT, F_FSID.offset()),
                s.get(ValueLayout.JAVA_INT, F_FSID.offset() + 4),
                F_NAMELEN.getSigned(s),
                F_FRSIZE.getSigned(s),
                F_FLAGS.getSigned(s));
    }

    // ---- struct statx ------------------------------------------------------------------------

    private static final StructMember STX_MASK = m(STATX, "stx_mask");
    private static final StructMember STX_BLKSIZE = m(STATX, "stx_blksize");
    private static final StructMember STX_ATTRIBUTES = m(STATX, "stx_attributes");
    private static final StructMember STX_NLINK = m(STATX, "stx_nlink");
    private static final StructMember STX_UID = m(STATX, "stx_uid");
    private static final StructMember STX_GID = m(STATX, "stx_gid");
    private static final StructMember STX_MODE = m(STATX, "stx_mode");
    private static final StructMember STX_INO = m(STATX, "stx_ino");
    private static final StructMember STX_SIZE = m(STATX, "stx_size");
    private static final StructMember STX_BLOCKS = m(STATX, "stx_blocks");
    private static final StructMember STX_ATTRIBUTES_MASK = m(STATX, "stx_attributes_mask");
    private static final StructMember STX_ATIME = m(STATX, "stx_atime");
    private static final StructMember STX_BTIME = m(STATX, "stx_btime");
    private static final StructMember STX_CTIME = m(STATX, "stx_ctime");
    private static final StructMember STX_MTIME = m(STATX, "stx_mtime");
    private static final StructMember STX_RDEV_MAJOR = m(STATX, "stx_rdev_major");
    private static final StructMember STX_RDEV_MINOR = m(STATX, "stx_rdev_minor");
    private static final StructMember STX_DEV_MAJOR = m(STATX, "stx_dev_major");
    private static final StructMember STX_DEV_MINOR = m(STATX, "stx_dev_minor");
    private static final StructMember STX_MNT_ID = m(STATX, "stx_mnt_id");
    private static final StructMember STX_DIO_MEM_ALIGN = m(STATX, "stx_dio_mem_align");
    private static final StructMember STX_DIO_OFFSET_ALIGN = m(STATX, "stx_dio_offset_align");

    private static final StructMember STX_TV_SEC = m(HostLayouts.STATX_TIMESTAMP, "tv_sec");
    private static final StructMember STX_TV_NSEC = m(HostLayouts.STATX_TIMESTAMP, "tv_nsec");

    private static Timespec statxTimestamp(MemorySegment s, StructMember member) {
        MemorySegment t = s.asSlice(member.offset(), member.size());
        return new Timespec(STX_TV_SEC.getSigned(t), STX_TV_NSEC.getUnsigned(t));
    }

    static HostStatx statx(MemorySegment s) {
        return new HostStatx(
                (int) STX_MASK.getUnsigned(s) & HostStatx.KNOWN_MASK,
                (int) STX_BLKSIZE.getUnsigned(s),
                STX_ATTRIBUTES.getUnsigned(s),
                (int) STX_NLINK.getUnsigned(s),
                (int) STX_UID.getUnsigned(s),
                (int) STX_GID.getUnsigned(s),
                (int) STX_MODE.getUnsigned(s),
                STX_INO.getUnsigned(s),
                STX_SIZE.getUnsigned(s),
                STX_BLOCKS.getUnsigned(s),
                STX_ATTRIBUTES_MASK.getUnsigned(s),
                statxTimestamp(s, STX_ATIME),
                statxTimestamp(s, STX_BTIME),
                statxTimestamp(s, STX_CTIME),
                statxTimestamp(s, STX_MTIME),
                (int) STX_RDEV_MAJOR.getUnsigned(s),
                (int) STX_RDEV_MINOR.getUnsigned(s),
                (int) STX_DEV_MAJOR.getUnsigned(s),
                (int) STX_DEV_MINOR.getUnsigned(s),
                STX_MNT_ID.getUnsigned(s),
                (int) STX_DIO_MEM_ALIGN.getUnsigned(s),
                (int) STX_DIO_OFFSET_ALIGN.getUnsigned(s));
    }

    // ---- struct utsname ----------------------------------------------------------------------

    private static String cField(MemorySegment s, String member) {
        byte[] bytes = m(UTSNAME, member).getBytes(s);
        int len = 0;
        while (len < bytes.length && bytes[len] != 0) {
            len++;
        }
        return new String(bytes, 0, len, StandardCharsets.ISO_8859_1);
    }

    static Utsname utsname(MemorySegment s) {
        return new Utsname(
                cField(s, "sysname"),
                cField(s, "nodename"),
                cField(s, "release"),
                cField(s, "version"),
                cField(s, "machine"),
                cField(s, "domainname"));
    }

    // ---- struct sysinfo ----------------------------------------------------------------------

    private static final StructMember SI_LOADS = m(SYSINFO, "loads");

    static SysInfo sysinfo(MemorySegment s) {
        MemorySegment loads = s.asSlice(SI_LOADS.offset(), SI_LOADS.size());
        return new SysInfo(
                m(SYSINFO, "uptime").getSigned(s),
                loads.getAtIndex(ValueLayout.JAVA_LONG, 0),
                loads.getAtIndex(ValueLayout.JAVA_LONG, 1),
                loads.getAtIndex(ValueLayout.JAVA_LONG, 2),
                m(SYSINFO, "totalram").getUnsigned(s),
                m(SYSINFO, "freeram").getUnsigned(s),
                m(SYSINFO, "sharedram").getUnsigned(s),
                m(SYSINFO, "bufferram").getUnsigned(s),
                m(SYSINFO, "totalswap").getUnsigned(s),
                m(SYSINFO, "freeswap").getUnsigned(s),
                (int) m(SYSINFO, "procs").getUnsigned(s),
                m(SYSINFO, "totalhigh").getUnsigned(s),
                m(SYSINFO, "freehigh").getUnsigned(s),
                (int) m(SYSINFO, "mem_unit").getUnsigned(s));
    }

    // ---- struct termios2, struct winsize -----------------------------------------------------

    private static final StructMember C_IFLAG = m(TERMIOS2, "c_iflag");
    private static final StructMember C_OFLAG = m(TERMIOS2, "c_oflag");
    private static final StructMember C_CFLAG = m(TERMIOS2, "c_cflag");
    private static final StructMember C_LFLAG = m(TERMIOS2, "c_lflag");
    private static final StructMember C_LINE = m(TERMIOS2, "c_line");
    private static final StructMember C_CC = m(TERMIOS2, "c_cc");
    private static final StructMember C_ISPEED = m(TERMIOS2, "c_ispeed");
    private static final StructMember C_OSPEED = m(TERMIOS2, "c_ospeed");

    static HostTermios termios(MemorySegment s) {
        return new HostTermios(
                (int) C_IFLAG.getUnsigned(s),
                (int) C_OFLAG.getUnsigned(s),
                (int) C_CFLAG.getUnsigned(s),
                (int) C_LFLAG.getUnsigned(s),
                (byte) C_LINE.getUnsigned(s),
                C_CC.getBytes(s),
                (int) C_ISPEED.getUnsigned(s),
                (int) C_OSPEED.getUnsigned(s));
    }

    static void encodeTermios(HostTermios t, MemorySegment s) {
        C_IFLAG.set(s, t.iflag());
        C_OFLAG.set(s, t.oflag());
        C_CFLAG.set(s, t.cflag());
        C_LFLAG.set(s, t.lflag());
        C_LINE.set(s, t.line());
        C_CC.setBytes(s, t.cc());
        C_ISPEED.set(s, t.ispeed());
        C_OSPEED.set(s, t.ospeed());
    }

    private static final StructMember WS_ROW = m(WINSIZE, "ws_row");
    private static final StructMember WS_COL = m(WINSIZE, "ws_col");
    private static final StructMember WS_XPIXEL = m(WINSIZE, "ws_xpixel");
    private static final StructMember WS_YPIXEL = m(WINSIZE, "ws_ypixel");

    static Winsize winsize(MemorySegment s) {
        return new Winsize(
                (int) WS_ROW.getUnsigned(s), (int) WS_COL.getUnsigned(s), (int) WS_XPIXEL.getUnsigned(s), (int)
                        WS_YPIXEL.getUnsigned(s));
    }

    static void encodeWinsize(Winsize w, MemorySegment s) {
        WS_ROW.set(s, w.rows());
        WS_COL.set(s, w.cols());
        WS_XPIXEL.set(s, w.xpixel());
        WS_YPIXEL.set(s, w.ypixel());
    }
}
