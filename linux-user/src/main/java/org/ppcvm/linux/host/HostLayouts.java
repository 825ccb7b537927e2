package org.ppcvm.linux.host;

import static java.lang.foreign.MemoryLayout.paddingLayout;
import static java.lang.foreign.MemoryLayout.sequenceLayout;
import static java.lang.foreign.MemoryLayout.structLayout;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_LONG_UNALIGNED;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.StructLayout;
import java.util.Map;

/**
 * The x86-64 Linux layouts of the structs that {@link HostOs} exchanges with the host C library.
 *
 * <p>Member names are the C names; padding is explicit and unnamed. {@code HostLayoutsTest}
 * compiles a C program with the host {@code gcc} and checks every named member's offset and size
 * and every struct's size against these declarations.
 */
public final class HostLayouts {
    private HostLayouts() {}

    /** {@code struct timespec}: 64-bit seconds and nanoseconds. */
    public static final StructLayout TIMESPEC =
            structLayout(JAVA_LONG.withName("tv_sec"), JAVA_LONG.withName("tv_nsec"));

    /** {@code struct stat} (x86-64 has its own order: {@code st_nlink} before {@code st_mode}). */
    public static final StructLayout STAT = structLayout(
            JAVA_LONG.withName("st_dev"),
            JAVA_LONG.withName("st_ino"),
            JAVA_LONG.withName("st_nlink"),
            JAVA_INT.withName("st_mode"),
            JAVA_INT.withName("st_uid"),
            JAVA_INT.withName("st_gid"),
            paddingLayout(4),
            JAVA_LONG.withName("st_rdev"),
            JAVA_LONG.withName("st_size"),
            JAVA_LONG.withName("st_blksize"),
            JAVA_LONG.withName("st_blocks"),
            TIMESPEC.withName("st_atim"),
            TIMESPEC.withName("st_mtim"),
            TIMESPEC.withName("st_ctim"),
            paddingLayout(24));

    /** {@code struct statx_timestamp}. */
    public static final StructLayout STATX_TIMESTAMP =
            structLayout(JAVA_LONG.withName("tv_sec"), JAVA_INT.withName("tv_nsec"), paddingLayout(4));

    /** {@code struct statx} up to the direct-I/O alignments; the rest is reserved space. */
    public static final StructLayout STATX = structLayout(
            JAVA_INT.withName("stx_mask"),
            JAVA_INT.withName("stx_blksize"),
            JAVA_LONG.withName("stx_attributes"),
            JAVA_INT.withName("stx_nlink"),
            JAVA_INT.withName("stx_uid"),
            JAVA_INT.withName("stx_gid"),
            JAVA_SHORT.withName("stx_mode"),
            paddingLayout(2),
            JAVA_LONG.withName("stx_ino"),
            JAVA_LONG.withName("stx_size"),
            JAVA_LONG.withName("stx_blocks"),
            JAVA_LONG.withName("stx_attributes_mask"),
            STATX_TIMESTAMP.withName("stx_atime"),
            STATX_TIMESTAMP.withName("stx_btime"),
            STATX_TIMESTAMP.withName("stx_ctime"),
            STATX_TIMESTAMP.withName("stx_mtime"),
            JAVA_INT.withName("stx_rdev_major"),
            JAVA_INT.withName("stx_rdev_minor"),
            JAVA_INT.withName("stx_dev_major"),
            JAVA_INT.withName("stx_dev_minor"),
            JAVA_LONG.withName("stx_mnt_id"),
            JAVA_INT.withName("stx_dio_mem_align"),
            JAVA_INT.withName("stx_dio_offset_align"),
            paddingLayout(96));

    /** {@code struct utsname}: six NUL-terminated 65-byte fields. */
    public static final StructLayout UTSNAME = structLayout(
            sequenceLayout(65, JAVA_BYTE).withName("sysname"),
            sequenceLayout(65, JAVA_BYTE).withName("nodename"),
            sequenceLayout(65, JAVA_BYTE).withName("release"),
            sequenceLayout(65, JAVA_BYTE).withName("version"),
            sequenceLayout(65, JAVA_BYTE).withName("machine"),
            sequenceLayout(65, JAVA_BYTE).withName("domainname"));

    /** {@code struct sysinfo} with 64-bit longs; {@code _f} is empty here. */
    public static final StructLayout SYSINFO = structLayout(
            JAVA_LONG.withName("uptime"),
            sequenceLayout(3, JAVA_LONG).withName("loads"),
            JAVA_LONG.withName("totalram"),
            JAVA_LONG.withName("freeram"),
            JAVA_LONG.withName("sharedram"),
            JAVA_LONG.withName("bufferram"),
            JAVA_LONG.withName("totalswap"),
            JAVA_LONG.withName("freeswap"),
            JAVA_SHORT.withName("procs"),
            JAVA_SHORT.withName("pad"),
            paddingLayout(4),
            JAVA_LONG.withName("totalhigh"),
            JAVA_LONG.withName("freehigh"),
            JAVA_INT.withName("mem_unit"),
            paddingLayout(4));

    /** {@code struct rlimit}. */
    public static final StructLayout RLIMIT =
            structLayout(JAVA_LONG.withName("rlim_cur"), JAVA_LONG.withName("rlim_max"));

    /** The kernel's {@code struct termios2} (what {@code TCGETS2}/{@code TCSETS2} carry). */
    public static final StructLayout TERMIOS2 = structLayout(
            JAVA_INT.withName("c_iflag"),
            JAVA_INT.withName("c_oflag"),
            JAVA_INT.withName("c_cflag"),
            JAVA_INT.withName("c_lflag"),
            JAVA_BYTE.withName("c_line"),
            sequenceLayout(19, JAVA_BYTE).withName("c_cc"),
            JAVA_INT.withName("c_ispeed"),
            JAVA_INT.withName("c_ospeed"));

    /** {@code struct winsize}. */
    public static final StructLayout WINSIZE = structLayout(
            JAVA_SHORT.withName("ws_row"),
            JAVA_SHORT.withName("ws_col"),
            JAVA_SHORT.withName("ws_xpixel"),
            JAVA_SHORT.withName("ws_ypixel"));

    /** {@code struct pollfd}. */
    public static final StructLayout POLLFD =
            structLayout(JAVA_INT.withName("fd"), JAVA_SHORT.withName("events"), JAVA_SHORT.withName("revents"));

    /** {@code struct iovec}. */
    public static final StructLayout IOVEC = structLayout(ADDRESS.withName("iov_base"), JAVA_LONG.withName("iov_len"));

    /** The fixed head of {@code struct linux_dirent64} (glibc's {@code struct dirent64}). */
    public static final StructLayout DIRENT64 = structLayout(
            JAVA_LONG.withName("d_ino"),
            JAVA_LONG.withName("d_off"),
            JAVA_SHORT.withName("d_reclen"),
            JAVA_BYTE.withName("d_type"),
            sequenceLayout(256, JAVA_BYTE).withName("d_name"),
            paddingLayout(5));

    /** {@code struct msghdr}: name, iovecs, control data and flags of one sendmsg/recvmsg. */
    public static final StructLayout MSGHDR = structLayout(
            ADDRESS.withName("msg_name"),
            JAVA_INT.withName("msg_namelen"),
            paddingLayout(4),
            ADDRESS.withName("msg_iov"),
            JAVA_LONG.withName("msg_iovlen"),
            ADDRESS.withName("msg_control"),
            JAVA_LONG.withName("msg_controllen"),
            JAVA_INT.withName("msg_flags"),
            paddingLayout(4));

    /** {@code struct cmsghdr}, the head of each control message; the data follows 8-byte aligned. */
    public static final StructLayout CMSGHDR = structLayout(
            JAVA_LONG.withName("cmsg_len"), JAVA_INT.withName("cmsg_level"), JAVA_INT.withName("cmsg_type"));

    /** {@code struct epoll_event}, packed on x86-64: the 64-bit {@code data} sits at offset 4. */
    public static final StructLayout EPOLL_EVENT =
            structLayout(JAVA_INT.withName("events"), JAVA_LONG_UNALIGNED.withName("data"));

    /** {@code struct statfs}: every count 64-bit, {@code f_fsid} two ints. */
    public static final StructLayout STATFS = structLayout(
            JAVA_LONG.withName("f_type"),
            JAVA_LONG.withName("f_bsize"),
            JAVA_LONG.withName("f_blocks"),
            JAVA_LONG.withName("f_bfree"),
            JAVA_LONG.withName("f_bavail"),
            JAVA_LONG.withName("f_files"),
            JAVA_LONG.withName("f_ffree"),
            sequenceLayout(2, JAVA_INT).withName("f_fsid"),
            JAVA_LONG.withName("f_namelen"),
            JAVA_LONG.withName("f_frsize"),
            JAVA_LONG.withName("f_flags"),
            sequenceLayout(4, JAVA_LONG).withName("f_spare"));

    /** Every layout by its C type name, for the layout test. */
    public static final Map<String, StructLayout> ALL = Map.ofEntries(
            Map.entry("struct timespec", TIMESPEC),
            Map.entry("struct stat", STAT),
            Map.entry("struct statx_timestamp", STATX_TIMESTAMP),
            Map.entry("struct statx", STATX),
            Map.entry("struct utsname", UTSNAME),
            Map.entry("struct sysinfo", SYSINFO),
            Map.entry("struct rlimit", RLIMIT),
            Map.entry("struct termios2", TERMIOS2),
            Map.entry("struct winsize", WINSIZE),
            Map.entry("struct pollfd", POLLFD),
            Map.entry("struct iovec", IOVEC),
            Map.entry("struct dirent64", DIRENT64),
            Map.entry("struct msghdr", MSGHDR),
            Map.entry("struct cmsghdr", CMSGHDR),
            Map.entry("struct epoll_event", EPOLL_EVENT),
            Map.entry("struct statfs", STATFS));
}
