package org.ppcvm.linux.host;

/**
 * Flag and command values of the host (x86-64) kernel interface that {@link HostOs} takes.
 *
 * <p>{@code HostConstantsTest} checks every value here against the host compiler's kernel
 * headers, and marks which ones 32-bit PowerPC shares. Those that differ on PowerPC are the
 * {@code open} flags {@link #O_DIRECTORY}, {@link #O_NOFOLLOW}, {@link #O_LARGEFILE} and {@link
 * #O_DIRECT} (see {@code org.ppcvm.linux.abi.OpenFlags}) and every {@code ioctl} number; all other
 * values can pass between guest and host unchanged.
 */
public final class HostConstants {
    private HostConstants() {}

    // ---- open(2) flags ----------------------------------------------------------------------
    public static final int O_RDONLY = 0;
    public static final int O_WRONLY = 1;
    public static final int O_RDWR = 2;
    public static final int O_ACCMODE = 3;
    public static final int O_CREAT = 0100;
    public static final int O_EXCL = 0200;
    public static final int O_NOCTTY = 0400;
    public static final int O_TRUNC = 01000;
    public static final int O_APPEND = 02000;
    public static final int O_NONBLOCK = 04000;
    public static final int O_DSYNC = 010000;
    public static final int FASYNC = 020000;
    public static final int O_DIRECT = 040000;
    public static final int O_LARGEFILE = 0100000;
    public static final int O_DIRECTORY = 0200000;
    public static final int O_NOFOLLOW = 0400000;
    public static final int O_NOATIME = 01000000;
    public static final int O_CLOEXEC = 02000000;
    public static final int O_SYNC = 04010000;
    public static final int O_PATH = 010000000;
    public static final int O_TMPFILE = 020200000;

    // ---- *at(2) flags -----------------------------------------------------------------------
    public static final int AT_FDCWD = -100;
    public static final int AT_SYMLINK_NOFOLLOW = 0x100;
    public static final int AT_REMOVEDIR = 0x200;
    public static final int AT_EACCESS = 0x200;
    public static final int AT_SYMLINK_FOLLOW = 0x400;
    public static final int AT_NO_AUTOMOUNT = 0x800;
    public static final int AT_EMPTY_PATH = 0x1000;
    public static final int AT_STATX_SYNC_TYPE = 0x6000;

    // ---- fcntl(2) ---------------------------------------------------------------------------
    public static final int F_DUPFD = 0;
    public static final int F_GETFD = 1;
    public static final int F_SETFD = 2;
    public static final int F_GETFL = 3;
    public static final int F_SETFL = 4;
    public static final int F_DUPFD_CLOEXEC = 1030;
    public static final int FD_CLOEXEC = 1;

    // ---- lseek(2) ---------------------------------------------------------------------------
    public static final int SEEK_SET = 0;
    public static final int SEEK_CUR = 1;
    public static final int SEEK_END = 2;
    public static final int SEEK_DATA = 3;
    public static final int SEEK_HOLE = 4;

    // ---- poll(2) ----------------------------------------------------------------------------
    public static final int POLLIN = 0x001;
    public static final int POLLPRI = 0x002;
    public static final int POLLOUT = 0x004;
    public static final int POLLERR = 0x008;
    public static final int POLLHUP = 0x010;
    public static final int POLLNVAL = 0x020;
    public static final int POLLRDNORM = 0x040;
    public static final int POLLRDBAND = 0x080;
    public static final int POLLWRNORM = 0x100;
    public static final int POLLWRBAND = 0x200;
    public static final int POLLRDHUP = 0x2000;

    // ---- eventfd(2), getrandom(2) -----------------------------------------------------------
    public static final int EFD_SEMAPHORE = 1;
    public static final int EFD_NONBLOCK = O_NONBLOCK;
    public static final int EFD_CLOEXEC = O_CLOEXEC;
    public static final int GRND_NONBLOCK = 1;
    public static final int GRND_RANDOM = 2;

    // ---- clocks -----------------------------------------------------------------------------
    public static final int CLOCK_REALTIME = 0;
    public static final int CLOCK_MONOTONIC = 1;
    public static final int CLOCK_PROCESS_CPUTIME_ID = 2;
    public static final int CLOCK_THREAD_CPUTIME_ID = 3;
    public static final int CLOCK_MONOTONIC_RAW = 4;
    public static final int CLOCK_REALTIME_COARSE = 5;
    public static final int CLOCK_MONOTONIC_COARSE = 6;
    public static final int CLOCK_BOOTTIME = 7;

    // ---- resources --------------------------------------------------------------------------
    public static final int RLIMIT_CPU = 0;
    public static final int RLIMIT_FSIZE = 1;
    public static final int RLIMIT_DATA = 2;
    public static final int RLIMIT_STACK = 3;
    public static final int RLIMIT_CORE = 4;
    public static final int RLIMIT_RSS = 5;
    public static final int RLIMIT_NPROC = 6;
    public static final int RLIMIT_NOFILE = 7;
    public static final int RLIMIT_MEMLOCK = 8;
    public static final int RLIMIT_AS = 9;
    public static final int RLIMIT_LOCKS = 10;
    public static final int RLIMIT_SIGPENDING = 11;
    public static final int RLIMIT_MSGQUEUE = 12;
    public static final int RLIMIT_NICE = 13;
    public static final int RLIMIT_RTPRIO = 14;
    public static final int RLIMIT_RTTIME = 15;

    // ---- statx(2) mask ----------------------------------------------------------------------
    public static final int STATX_BASIC_STATS = 0x7ff;
    public static final int STATX_BTIME = 0x800;
    public static final int STATX_MNT_ID = 0x1000;
    public static final int STATX_DIOALIGN = 0x2000;

    // ---- tcsetattr actions ------------------------------------------------------------------
    public static final int TCSANOW = 0;
    public static final int TCSADRAIN = 1;
    public static final int TCSAFLUSH = 2;

    // ---- ioctl(2) requests (x86-64 numbers; PowerPC's differ) --------------------------------
    public static final int TCGETS = 0x5401;
    public static final int TCSETS = 0x5402;
    public static final int TCSETSW = 0x5403;
    public static final int TCSETSF = 0x5404;
    public static final int TIOCGPGRP = 0x540f;
    public static final int TIOCSPGRP = 0x5410;
    public static final int TIOCGWINSZ = 0x5413;
    public static final int TIOCSWINSZ = 0x5414;
    public static final int FIONREAD = 0x541b;
    public static final int FIONBIO = 0x5421;
    public static final int TIOCGSID = 0x5429;
    public static final int TCGETS2 = 0x802c542a;
    public static final int TCSETS2 = 0x402c542b;
    public static final int TCSETSW2 = 0x402c542c;
    public static final int TCSETSF2 = 0x402c542d;
}
