package org.ppcvm.linux;

import org.ppcvm.linux.UserMemory.BadAddress;
import org.ppcvm.linux.abi.GuestStatfs;
import org.ppcvm.linux.abi.GuestTime;
import org.ppcvm.linux.host.Errno;
import org.ppcvm.linux.host.HostConstants;
import org.ppcvm.linux.host.HostOs;
import org.ppcvm.linux.host.HostStatfs;
import org.ppcvm.linux.host.Out;
import org.ppcvm.linux.host.Timespec;

/**
 * eventfd, memfd_create and the file calls beyond opening, reading and naming: permissions and
 * owners (fchmod, fchmodat, chmod, fchown, fchownat, chown, lchown), times (utimensat in both
 * time widths, utimes), sizes (truncate, truncate64, fallocate), syncing (fdatasync), file-system
 * statistics (statfs, fstatfs, statfs64, fstatfs64), flock and sendfile.
 *
 * <p>An eventfd is a host eventfd; its 8-byte counter is in the machine's byte order, which {@link
 * FdTable} notes so that read and write turn it around ({@link org.ppcvm.linux.abi.GuestEventfd}).
 * A blocking flock does not block the host: it tries without waiting, and if the lock is held
 * waits a little (as a sleep, which a signal interrupts) and tries again.
 */
final class FileCalls {
    private static final int AT_FDCWD = HostConstants.AT_FDCWD;
    private static final int AT_SYMLINK_NOFOLLOW = HostConstants.AT_SYMLINK_NOFOLLOW;
    private static final int AT_EMPTY_PATH = HostConstants.AT_EMPTY_PATH;

    private static final int EFD_SEMAPHORE = HostConstants.EFD_SEMAPHORE;
    private static final int EFD_FLAGS = EFD_SEMAPHORE | HostConstants.EFD_NONBLOCK | HostConstants.EFD_CLOEXEC;

    private static final long UTIME_NOW = (1L << 30) - 1;
    private static final long UTIME_OMIT = (1L << 30) - 2;

    private static final int LOCK_NB = 4;

    /** How often a blocking flock looks again whether the lock has come free. */
    private static final long FLOCK_RETRY_NANOS = 10_000_000;

    /** How long sendfile waits when its destination was writable but took nothing. */
    private static final long PAUSE_NANOS = 1_000_000;

    private static final short POLLIN = 0x1;
    private static final short POLLOUT = 0x4;

    private final Syscalls sys;
    private final UserMemory user;
    private final HostOs host;
    private final FdTable fds;

    FileCalls(Syscalls sys) {
        this.sys = sys;
        this.user = sys.user();
        this.host = sys.host();
        this.fds = sys.fds();
    }

    // ---- eventfd and memfd ---------------------------------------------------------------------

    long eventfd2(int initval, int flags) {
        if ((flags & ~EFD_FLAGS) != 0) {
            return -Errno.EINVAL;
        }
        long h = host.eventfd(initval, flags);
        return h < 0 ? h : fds.install((int) h, 0);
    }

    long memfdCreate(int name, int flags) throws BadAddress {
        long h = host.memfdCreate(user.string(name), flags);
        return h < 0 ? h : fds.install((int) h, 0);
    }

    // ---- Permissions and owners ----------------------------------------------------------------

    long fchmod(int fd, int mode) {
        return host.fchmod(fds.host(fd), mode);
    }

    long fchmodat(int dirfd, int path, int mode) throws BadAddress {
        return host.fchmodat(sys.hostDirFd(dirfd), sys.path(path), mode);
    }

    long fchown(int fd, int uid, int gid) {
        return host.fchown(fds.host(fd), uid, gid);
    }

    long fchownat(int dirfd, int path, int uid, int gid, int flags) throws BadAddress {
        if ((flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH)) != 0) {
            return -Errno.EINVAL;
        }
        return host.fchownat(sys.hostDirFd(dirfd), sys.path(path), uid, gid, flags);
    }

    // ---- Times ---------------------------------------------------------------------------------

    /**
     * utimensat and utimensat_time64. Without a path the times are the descriptor's (futimens);
     * with both times UTIME_OMIT nothing is done, not even the lookup, as in Linux.
     */
    long utimensat(int dirfd, int path, int times, int flags, boolean time64) throws BadAddress {
        Timespec[] ts = null;
        if (times != 0) {
            int size = time64 ? 16 : 8;
            byte[] b = user.copyIn(times, 2 * size);
            ts = time64
                    ? new Timespec[] {GuestTime.decodeTimespec64(b, 0), GuestTime.decodeTimespec64(b, 16)}
                    : new Timespec[] {GuestTime.decodeTimespec32(b, 0), GuestTime.decodeTimespec32(b, 8)};
            if (ts[0].nanos() == UTIME_OMIT && ts[1].nanos() == UTIME_OMIT) {
                return 0;
            }
        }
        if (path == 0 && dirfd != AT_FDCWD) {
            return flags != 0 ? -Errno.EINVAL : host.futimens(fds.host(dirfd), ts);
        }
        if ((flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH)) != 0) {
            return -Errno.EINVAL;
        }
        return host.utimensat(sys.hostDirFd(dirfd), sys.path(path), ts, flags);
    }

    /** utimes(path, times): two struct timeval (32-bit), microseconds checked, or now. */
    long utimes(int path, int times) throws BadAddress {
        Timespec[] ts = null;
        if (times != 0) {
            byte[] b = user.copyIn(times, 16);
            ts = new Timespec[] {GuestTime.decodeTimeval32(b, 0), GuestTime.decodeTimeval32(b, 8)};
            if (!ts[0].isValid() || !ts[1].isValid()) {
                return -Errno.EINVAL;
            }
        }
        return host.utimensat(AT_FDCWD, sys.path(path), ts, 0);
    }

    // ---- Sizes and syncing ---------------------------------------------------------------------

    long truncate(int path, long length) throws BadAddress {
        return host.truncate(AT_FDCWD, sys.path(path), length);
    }

    long fallocate(int fd, int mode, long offset, long length) {
        return host.fallocate(fds.host(fd), mode, offset, length);
    }

    long fdatasync(int fd) {
        return host.fdatasync(fds.host(fd));
    }

    // ---- File-system statistics ----------------------------------------------------------------

    long statfs(int path, int buf) throws BadAddress {
        Out<HostStatfs> out = new Out<>();
        long r = host.statfs(AT_FDCWD, sys.path(path), out);
        return r < 0 ? r : storeStatfs32(out.get(), buf);
    }

    long fstatfs(int fd, int buf) throws BadAddress {
        Out<HostStatfs> out = new Out<>();
        long r = host.fstatfs(fds.host(fd), out);
        return r < 0 ? r : storeStatfs32(out.get(), buf);
    }

    private long storeStatfs32(HostStatfs st, int buf) throws BadAddress {
        if (!GuestStatfs.fits32(st)) {
            return -Errno.EOVERFLOW;
        }
        user.copyOut(buf, GuestStatfs.encode32(st));
        return 0;
    }

    /** statfs64(path, size, buf): {@code size} must be sizeof(struct statfs64). */
    long statfs64(int path, int size, int buf) throws BadAddress {
        if (size != GuestStatfs.STATFS64_SIZE) {
            return -Errno.EINVAL;
        }
        Out<HostStatfs> out = new Out<>();
        long r = host.statfs(AT_FDCWD, sys.path(path), out);
        if (r >= 0) {
            user.copyOut(buf, GuestStatfs.encode64(out.get()));
        }
        return r;
    }

    long fstatfs64(int fd, int size, int buf) throws BadAddress {
        if (size != GuestStatfs.STATFS64_SIZE) {
            return -Errno.EINVAL;
        }
        Out<HostStatfs> out = new Out<>();
        long r = host.fstatfs(fds.host(fd), out);
        if (r >= 0) {
            user.copyOut(buf, GuestStatfs.encode64(out.get()));
        }
        return r;
    }

    // ---- Locks ---------------------------------------------------------------------------------

    /**
     * flock. Without LOCK_NB a lock held elsewhere is waited for by trying again every few
     * milliseconds; a signal interrupts the wait as it interrupts Linux's (ERESTARTSYS).
     */
    long flock(int fd, int operation) {
        int h = fds.host(fd);
        sys.takeWaitTimedOut();
        while (true) {
            long r = host.flock(h, operation | LOCK_NB);
            if (r != -Errno.EWOULDBLOCK || (operation & LOCK_NB) != 0) {
                return r;
            }
            long w =
                    Waits.pause(sys, FLOCK_RETRY_NANOS, Syscalls.Interrupted.RESTART_UNLESS_HANDLER_WITHOUT_SA_RESTART);
            if (w != 0) {
                return w;
            }
        }
    }

    // ---- sendfile ------------------------------------------------------------------------------

    /**
     * sendfile and sendfile64 ({@code offset64}: the offset is a 64-bit loff_t, else a 32-bit
     * off_t). A destination that may block (a pipe, a socket) is waited for first, then written
     * without the host blocking; with the thread alone the call goes on until the count is
     * copied, else it returns what was copied.
     */
    long sendfile(int outFd, int inFd, int offsetAddr, int count, boolean offset64) throws BadAddress {
        long[] offset = null;
        if (offsetAddr != 0) {
            byte[] b = user.copyIn(offsetAddr, offset64 ? 8 : 4);
            offset = new long[] {
                offset64
                        ? java.nio.ByteBuffer.wrap(b).getLong()
                        : java.nio.ByteBuffer.wrap(b).getInt()
            };
        }
        int out = fds.host(outFd);
        int in = fds.host(inFd);
        if (out < 0 || in < 0) {
            return -Errno.EBADF;
        }
        long total = Math.min(Integer.toUnsignedLong(count), HostOs.MAX_TRANSFER);
        long copied = 0;
        sys.takeWaitTimedOut();
        for (int spins = 0; ; spins++) {
            if (fds.mayBlock(inFd) && copied == 0) {
                long w = sys.awaitReady(inFd, in, POLLIN);
                if (w != 0) {
                    return w;
                }
            }
            long w = sys.awaitReady(outFd, out, POLLOUT);
            if (w != 0) {
                return copied > 0 ? finishSendfile(copied, offset, offsetAddr, offset64) : w;
            }
            long r = sendfileNonBlocking(outFd, out, in, offset, total - copied);
            if (r == -Errno.EAGAIN && !sys.isNonBlocking(out)) {
                // Writable, yet no room for what comes: wait a moment rather than spin.
                long p = spins > 0
                        ? Waits.pause(sys, PAUSE_NANOS, Syscalls.Interrupted.RESTART_UNLESS_HANDLER_WITHOUT_SA_RESTART)
                        : 0;
                if (p != 0) {
                    return copied > 0 ? finishSendfile(copied, offset, offsetAddr, offset64) : p;
                }
                continue;
            }
            spins = -1;
            if (r < 0) {
                if (copied > 0) {
                    return finishSendfile(copied, offset, offsetAddr, offset64);
                }
                if (r == -Errno.EPIPE) {
                    sys.thread().signals.generate(SigInfo.user(Signal.SIGPIPE.number(), Syscalls.PID, (int)
                            host.getuid()));
                }
                return r;
            }
            copied += r;
            if (r == 0 || copied >= total || sys.isNonBlocking(out) || sys.multiThreaded()) {
                return finishSendfile(copied, offset, offsetAddr, offset64);
            }
        }
    }

    /** One host sendfile with the destination non-blocking for its duration, if it may block. */
    private long sendfileNonBlocking(int outFd, int out, int in, long[] offset, long count) {
        if (!fds.mayBlock(outFd)) {
            return host.sendfile(out, in, offset, count);
        }
        long flags = host.fcntl(out, HostConstants.F_GETFL, 0);
        if (flags < 0) {
            return flags;
        }
        if ((flags & HostConstants.O_NONBLOCK) != 0) {
            return host.sendfile(out, in, offset, count);
        }
        host.fcntl(out, HostConstants.F_SETFL, flags | HostConstants.O_NONBLOCK);
        long r = host.sendfile(out, in, offset, count);
        host.fcntl(out, HostConstants.F_SETFL, flags);
        return r;
    }

    private long finishSendfile(long copied, long[] offset, int offsetAddr, boolean offset64) throws BadAddress {
        if (offset != null) {
            if (offset64) {
                user.writeLong(offsetAddr, offset[0]);
            } else {
                user.writeWord(offsetAddr, (int) offset[0]);
            }
        }
        return copied;
    }
}
