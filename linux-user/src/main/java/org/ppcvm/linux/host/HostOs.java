package org.ppcvm.linux.host;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.ppcvm.linux.host.HostConstants.AT_EACCESS;
import static org.ppcvm.linux.host.HostConstants.AT_EMPTY_PATH;
import static org.ppcvm.linux.host.HostConstants.AT_FDCWD;
import static org.ppcvm.linux.host.HostConstants.EFD_CLOEXEC;
import static org.ppcvm.linux.host.HostConstants.EFD_NONBLOCK;
import static org.ppcvm.linux.host.HostConstants.O_CLOEXEC;
import static org.ppcvm.linux.host.HostConstants.O_DIRECTORY;
import static org.ppcvm.linux.host.HostConstants.O_PATH;
import static org.ppcvm.linux.host.HostConstants.POLLIN;
import static org.ppcvm.linux.host.HostConstants.POLLNVAL;
import static org.ppcvm.linux.host.HostConstants.POLLOUT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The host operating system as ppcvm's Linux personality sees it: thin bindings to the host C
 * library through {@code java.lang.foreign}, on real host file descriptors.
 *
 * <h2>Conventions</h2>
 *
 * <ul>
 *   <li>Every call returns a {@code long}: the result, or {@code -errno} with Linux's numbers
 *       ({@link Errno}), which are also the guest's. Flags and commands are the host's ({@link
 *       HostConstants}); the guest-facing conversions are in {@code org.ppcvm.linux.abi}.
 *   <li>Data moves through one reusable native buffer and plain {@code byte[]} on the Java side;
 *       structs come back as records through an {@link Out}. Nothing here knows guest memory.
 *   <li>Paths are {@code byte[]} without the terminating NUL (the guest's bytes, not necessarily
 *       UTF-8); {@link #path(String)} makes one from a string.
 *   <li>One transfer moves at most {@link #MAX_TRANSFER} bytes; longer reads and writes are
 *       short, which the callers' loops handle as for any short count.
 *   <li>A host {@code EINTR} (a JVM-internal signal) is retried, never returned: {@code -EINTR}
 *       from a waiting call means {@link #wakeUp()} was called.
 * </ul>
 *
 * <h2>Working directory</h2>
 *
 * The guest's working directory is a directory descriptor held here, not the JVM's: {@link
 * #chdir} and {@link #fchdir} replace it, {@link #getcwd} reads its path, and {@link
 * HostConstants#AT_FDCWD} given to any {@code *at} call means it. So a guest's {@code chdir}
 * cannot move the JVM's relative paths, and two VMs in one JVM keep separate directories. The
 * {@code umask} and resource limits, by contrast, belong to the whole host process.
 *
 * <h2>Blocking and wake-up</h2>
 *
 * A blocking guest call first waits in {@link #waitReadable}, {@link #waitWritable} or {@link
 * #poll}, which {@code ppoll} on the descriptors plus an {@code eventfd}. Another thread calls
 * {@link #wakeUp()} (Ctrl-C, a debugger, {@code exit_group} of another guest thread, a timer) to
 * make the wait return {@code -EINTR} at once; a wake-up that arrives while nothing waits makes
 * the next wait return {@code -EINTR} immediately, so none is lost. The VM then restarts the
 * call or returns {@code EINTR} to the guest (design.md §3). {@link #nanosleep} waits the same
 * way.
 *
 * <h2>Threads</h2>
 *
 * One thread at a time may use an instance (the VM runs guest threads on one host thread);
 * {@link #wakeUp()} alone may be called from any thread at any time, also concurrently with
 * {@link #close()}.
 */
public final class HostOs implements AutoCloseable {
    /** Largest number of bytes one read, write, readv or writev moves. */
    public static final int MAX_TRANSFER = 16 << 20;

    private static final StructMember IOV_BASE = StructMember.of(HostLayouts.IOVEC, "iov_base");
    private static final StructMember IOV_LEN = StructMember.of(HostLayouts.IOVEC, "iov_len");
    private static final StructMember POLL_FD = StructMember.of(HostLayouts.POLLFD, "fd");
    private static final StructMember POLL_EVENTS = StructMember.of(HostLayouts.POLLFD, "events");
    private static final StructMember POLL_REVENTS = StructMember.of(HostLayouts.POLLFD, "revents");
    private static final StructMember RLIM_CUR = StructMember.of(HostLayouts.RLIMIT, "rlim_cur");
    private static final StructMember RLIM_MAX = StructMember.of(HostLayouts.RLIMIT, "rlim_max");

    /** Slack for aligning the structs that share the scratch buffer with a path. */
    private static final int ALIGN_SLACK = 64;

    private static final int INITIAL_SCRATCH = 64 << 10;

    /** {@code PATH_MAX}: the largest path {@code readlink} returns. */
    private static final int PATH_MAX = 4096;

    private final Arena arena = Arena.ofShared();
    private final MemorySegment capture = arena.allocate(Libc.CAPTURE_LAYOUT);
    private Arena scratchArena = Arena.ofShared();
    private MemorySegment scratch = scratchArena.allocate(INITIAL_SCRATCH, 16);

    private final Object wakeLock = new Object();
    private final int wakeFd;
    private boolean closed;
    private int cwdFd;

    /**
     * Opens the wake-up descriptor and takes the host process's current directory as the guest's.
     *
     * @throws IllegalStateException if the host refuses either descriptor
     */
    public HostOs() {
        long fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
        if (fd < 0) {
            arena.close();
            scratchArena.close();
            throw new IllegalStateException("eventfd failed: errno " + -fd);
        }
        wakeFd = (int) fd;
        cwdFd = AT_FDCWD;
        long dir = openat(AT_FDCWD, path("."), O_PATH | O_DIRECTORY | O_CLOEXEC, 0);
        if (dir < 0) {
            close(wakeFd);
            arena.close();
            scratchArena.close();
            throw new IllegalStateException("cannot open the current directory: errno " + -dir);
        }
        cwdFd = (int) dir;
    }

    /** The bytes of {@code path} in UTF-8, the form the path arguments here take. */
    public static byte[] path(String path) {
        return path.getBytes(StandardCharsets.UTF_8);
    }

    // ---- Plumbing ----------------------------------------------------------------------------

    private static RuntimeException linkFailure(Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException("native call failed", t);
    }

    private int errno() {
        return Libc.errno(capture);
    }

    /** {@code r}, or {@code -errno} when the C function signalled failure with a negative value. */
    private long result(long r) {
        return r < 0 ? -errno() : r;
    }

    /** Whether the call failed only because a host signal interrupted it (then it is retried). */
    private boolean interrupted(long r) {
        return r < 0 && errno() == Errno.EINTR;
    }

    /** The scratch buffer, grown to at least {@code bytes}. */
    private MemorySegment scratch(long bytes) {
        if (scratch.byteSize() < bytes) {
            long size = Math.max(bytes, Math.min(2 * scratch.byteSize(), MAX_TRANSFER + (long) ALIGN_SLACK));
            scratchArena.close();
            scratchArena = Arena.ofShared();
            scratch = scratchArena.allocate(size, 16);
        }
        return scratch;
    }

    /** An allocator over the scratch buffer for one call that needs {@code bytes} in all. */
    private SegmentAllocator frame(long bytes) {
        return SegmentAllocator.slicingAllocator(scratch(bytes + ALIGN_SLACK));
    }

    private static MemorySegment cString(SegmentAllocator a, byte[] s) {
        MemorySegment c = a.allocate(s.length + 1L);
        MemorySegment.copy(s, 0, c, JAVA_BYTE, 0, s.length);
        c.set(JAVA_BYTE, s.length, (byte) 0);
        return c;
    }

    /** The host directory descriptor that {@code dirfd} stands for. */
    private int dir(int dirfd) {
        return dirfd == AT_FDCWD ? cwdFd : dirfd;
    }

    // ---- Opening and closing -----------------------------------------------------------------

    /** {@code open(path, flags, mode)} relative to the guest's working directory. */
    public long open(byte[] path, int flags, int mode) {
        return openat(AT_FDCWD, path, flags, mode);
    }

    /** {@code openat(dirfd, path, flags, mode)}; returns the new descriptor. */
    public long openat(int dirfd, byte[] path, int flags, int mode) {
        SegmentAllocator a = frame(path.length + 1L);
        MemorySegment p = cString(a, path);
        int d = dir(dirfd);
        int r;
        do {
            try {
                r = (int) Libc.OPENAT.get().invokeExact(capture, d, p, flags, mode);
            } catch (Throwable t) {
                throw linkFailure(t);
            }
        } while (interrupted(r));
        return result(r);
    }

    /**
     * {@code close(fd)}. Not retried on {@code EINTR}: Linux has released the descriptor even
     * then, and retrying could close one that another open has reused.
     */
    public long close(int fd) {
        int r;
        try {
            r = (int) Libc.CLOSE.get().invokeExact(capture, fd);
        } catch (Throwable t) {
            throw linkFailure(t);
        }
        return r < 0 && errno() == Errno.EINTR ? 0 : result(r);
    }

    /** {@code dup(fd)}. */
    public long dup(int fd) {
        int r;
        try {
            r = (int) Libc.DUP.get().invokeExact(capture, fd);
        } catch (Throwable t) {
            throw linkFailure(t);
        }
        return result(r);
    }

    /**
     * {@code dup3(oldfd, newfd, flags)}. {@code newfd} must be a descriptor this instance handed
     * out (the guest's descriptor table maps guest numbers to host ones): any other number may be
     * one of the JVM's own.
     */
    public long dup3(int oldfd, int newfd, int flags) {
        int r;
        do {
            try {
                r = (int) Libc.DUP3.get().invokeExact(capture, oldfd, newfd, flags);
            } catch (Throwable t) {
                throw linkFailure(t);
            }
        } while (interrupted(r));
        return result(r);
    }

    /**
     * {@code fcntl(fd, cmd, arg)} for the commands with an integer argument or none: {@code
     * F_DUPFD}, {@code F_DUPFD_CLOEXEC}, {@code F_GETFD}, {@code F_SETFD}, {@code F_GETFL},
     * {@code F_SETFL}.
     */
    public long fcntl(int fd, int cmd, long arg) {
        int r;
        do {
            try {
                r = (int) Libc.FCNTL.get().invokeExact(capture, fd, cmd, arg);
            } catch (Throwable t) {
                throw linkFailure(t);
            }
        } while (interrupted(r));
        return result(r);
    }

    /** {@code pipe2(fds, flags)}: on success {@code fds[0]} is the read end, {@code fds[1]} the write end. */
    public long pipe2(int[] fds, int flags) {
        Objects.checkFromIndexSize(0, 2, fds.length);
        MemorySegment pair = frame(8).allocate(JAVA_INT, 2);
        int r;
        try {
            r = (int) Libc.PIPE2.get().invokeExact(capture, pair, flags);
        } catch (Throwable t) {
            throw linkFailure(t);
        }
        if (r == 0) {
            fds[0] = pair.getAtIndex(JAVA_INT, 0);
            fds[1] = pair.getAtIndex(JAVA_INT, 1);
        }
        return result(r);
    }

    /**
     * {@code socketpair(domain, type, protocol, fds)}; AF_UNIX, SOCK_STREAM/DGRAM and the
     * SOCK_NONBLOCK/SOCK_CLOEXEC flags have the same values on 32-bit PowerPC as here.
     */
    public long socketpair(int domain, int type, int protocol, int[] fds) {
        Objects.checkFromIndexSize(0, 2, fds.length);
        MemorySegment pair = frame(8).allocate(JAVA_INT, 2);
        int r;
        try {
            r = (int) Libc.SOCKETPAIR.get().invokeExact(capture, domain, type, protocol, pair);
        } catch (Throwable t) {
            throw linkFailure(t);
        }
        if (r == 0) {
            fds[0] = pair.getAtIndex(JAVA_INT, 0);
            fds[1] = pair.getAtIndex(JAVA_INT, 1);
        }
        return result(r);
    }

    /** {@code shutdown(fd, how)}. */
    public long shutdown(int fd, int how) {
        int r;
        try {
            r = (int) Libc.SHUTDOWN.get().invokeExact(capture, fd, how);
        } catch (Throwable t) {
            throw linkFailure(t);
        }
        return result(r);
    }

    /** {@code eventfd(initval, flags)}. */
    public long eventfd(int initval, int flags) {
        int r;
        try {
            r = (int) Libc.EVENTFD.get().invokeExact(capture, initval, flags);
        } catch (Throwable t) {
            throw linkFailure(t);
        }
        return result(r);
    }

    // ---- Reading and writing -----------------------------------------------------------------

    /** {@code read(fd, dst[off..off+len))}; returns the count read, 0 at end of file. */
    public long read(int fd, byte[] dst, int off, int len) {
        Objects.checkFromIndexSize(off, len, dst.length);
        int n = Math.min(len, MAX_TRANSFER);
        MemorySegment buf = scratch(n);
        long r;
        do {
            try {
                r = (long) Libc.READ.get().invokeExact(capture, fd, buf, (long) n);
            } catch (Throwable t) {
                throw linkFailure(t);
            }
        } while (interrupted(r));
        if (r > 0) {
            MemorySegment.copy(buf, JAVA_BYTE, 0, dst, off, (int) r);
        }
        return result(r);
    }

    /** {@code write(fd, src[off..off+len))}; returns the count written. */
    public long write(int fd, byte[] src, int off, int len) {
        Objects.checkFromIndexSize(off, len, src.length);
        int n = Math.min(len, MAX_TRANSFER);
        MemorySegment buf = scratch(n);
        MemorySegment.copy(src, off, buf, JAVA_BYTE, 0, n);
        long r;
        do {
            try {
                r = (long) Libc.WRITE.get().invokeExact(capture, fd, buf, (long) n);
            } catch (Throwable t) {
                throw linkFailure(t);
            }
        } while (interrupted(r));
        return result(r);
    }

    /** {@code pread64(fd, dst[off..off+len), pos)}. */
    public long pread64(int fd, byte[] dst, int off, int len, long pos) {
        Objects.checkFromIndexSize(off, len, dst.length);
        int n = Math.min(len, MAX_TRANSFER);
        MemorySegment buf = scratch(n);
        long r;
        do {
            try {
                r = (long) Libc.PREAD64.get().invokeExact(capture, fd, buf, (long) n, pos);
            } catch (Throwable t) {
                throw linkFailure(t);
            }
        } while (interrupted(r));
        if (r > 0) {
            MemorySegment.copy(buf, JAVA_BYTE, 0, dst, off, (int) r);
        }
        return result(r);
    }

    /** {@code pwrite64(fd, src[off..off+len), pos)}. */
    public long pwrite64(int fd, byte[] src, int off, int len, long pos) {
        Objects.checkFromIndexSize(off, len, src.length);
        int n = Math.min(len, MAX_TRANSFER);
        MemorySegment buf = scratch(n);
        MemorySegment.copy(src, off, buf, JAVA_BYTE, 0, n);
        long r;
        do {
            try {
                r = (long) Libc.PWRITE64.get().invokeExact(capture, fd, buf, (long) n, pos);
            } catch (Throwable t) {
                throw linkFailure(t);
            }
        } while (interrupted(r));
        return result(r);
    }

    /**
     * {@code readv(fd, iov)}: one host {@code readv} into the slices in order (so a pipe or socket
     * sees one read); returns the total count.
     */
    public long readv(int fd, List<IoSlice> iov) {
        int[] lengths = transferLengths(iov);
        long total = sum(lengths);
        SegmentAllocator a = frame(total + (long) iov.size() * HostLayouts.IOVEC.byteSize());
        MemorySegment vec = a.allocate(HostLayouts.IOVEC, iov.size());
        MemorySegment data = a.allocate(total);
        fillIovecs(vec, data, lengths);
        long r;
        do {
            try {
                r = (long) Libc.READV.get().invokeExact(capture, fd, vec, iov.size());
            } catch (Throwable t) {
                throw linkFailure(t);
            }
        } while (interrupted(r));
        if (r > 0) {
            long at = 0;
            for (int i = 0; i < iov.size() && at < r; i++) {
                IoSlice s = iov.get(i);
                int n = (int) Math.min(lengths[i], r - at);
                MemorySegment.copy(data, JAVA_BYTE, at, s.array(), s.offset(), n);
                at += n;
            }
        }
        return result(r);
    }

    /** {@code writev(fd, iov)}: one host {@code writev} of the slices in order; returns the count. */
    public long writev(int fd, List<IoSlice> iov) {
        int[] lengths = transferLengths(iov);
        long total = sum(lengths);
        SegmentAllocator a = frame(total + (long) iov.size() * HostLayouts.IOVEC.byteSize());
        MemorySegment vec = a.allocate(HostLayouts.IOVEC, iov.size());
        MemorySegment data = a.allocate(total);
        long at = 0;
        for (int i = 0; i < iov.size(); i++) {
            IoSlice s = iov.get(i);
            MemorySegment.copy(s.array(), s.offset(), data, JAVA_BYTE, at, lengths[i]);
            at += lengths[i];
        }
        fillIovecs(vec, data, lengths);
        long r;
        do {
            try {
                r = (long) Libc.WRITEV.get().invokeExact(capture, fd, vec, iov.size());
            } catch (Throwable t) {
                throw linkFailure(t);
            }
        } while (interrupted(r));
        return result(r);
    }

    /** The slice lengths, cut so that their sum stays within {@link #MAX_TRANSFER}. */
    private static int[] transferLengths(List<IoSlice> iov) {
        int[] lengths = new int[iov.size()];
        long left = MAX_TRANSFER;
        for (int i = 0; i < lengths.length; i++) {
            lengths[i] = (int) Math.min(iov.get(i).length(), left);
            left -= lengths[i];
        }
        return lengths;
    }

    private static long sum(int[] values) {
        long total = 0;
        for (int v : values) {
            total += v;
        }
        return total;
    }

    private static void fillIovecs(MemorySegment vec, MemorySegment data, int[] lengths) {
        long at = 0;
        long stride = HostLayouts.IOVEC.byteSize();
        for (int i = 0; i < lengths.length; i++) {
            MemorySegment v = vec.asSlice(i * stride, stride);
            v.set(ValueLayout.ADDRESS, IOV_BASE.offset(), data.asSlice(at, lengths[i]));
            IOV_LEN.set(v, lengths[i]);
            at += lengths[i];
        }
    }

    /** {@code lseek(fd, offset, whence)}; returns the new position. */
    public long lseek(int fd, long offset, int whence) {
        long r;
        try {
            r = (long) Libc.LSEEK.get().invokeExact(capture, fd, offset, whence);
        } catch (Throwable t) {
            throw linkFailure(t);
        }
        return result(r);
    }

    /** {@code ftruncate(fd, length)}. */
    public long ftruncate(int fd, long length) {
        int r;
        do {
            try {
                r = (int) Libc.FTRUNCATE.get().invokeExact(capture, fd, length);
            } catch (Throwable t) {
                throw linkFailure(t);
            }
        } while (interrupted(r));
        return result(r);
    }

    /** {@code fsync(fd)}. */
    public long fsync(int fd) {
        int r;
        try {
            r = (int) Libc.FSYNC.get().invokeExact(capture, fd);
        } catch (Throwable t) {
            throw linkFailure(t);
        }
        return result(r);
    }

    /** {@code fdatasync(fd)}. */
    public long fdatasync(int fd) {
        int r;
        try {
            r = (int) Libc.FDATASYNC.get().invokeExact(capture, fd);
        } catch (Throwable t) {
            throw linkFailure(t);
        }
        return result(r);
    }

    /**
     * {@code getdents64(fd, dst, len)}: fills {@code dst[0..result)} with the host's {@code
     * linux_dirent64} records (little-endian; {@code org.ppcvm.linux.abi.Dirent64} converts them).
     */
    public long getdents64(int fd, byte[] dst, int len) {
        Objects.checkFromIndexSize(0, len, dst.length);
        int n = Math.min(len, MAX_TRANSFER);
        MemorySegment buf = scratch(n);
        long r;
        do {
            try {
                r = (long) Libc.GETDENTS64.get().invokeExact(capture, fd, buf, (long) n);
            } catch (Throwable t) {
                throw linkFailure(t);
            }
        } while (interrupted(r));
        if (r > 0) {
            MemorySegment.copy(buf, JAVA_BYTE, 0, dst, 0, (int) r);
        }
        return result(r);
    }

    // ---- File metadata -----------------------------------------------------------------------

    /** {@code fstat(fd)} into {@code out}. */
    public long fstat(int fd, Out<HostStat> out) {
        out.clear();
        MemorySegment st = frame(HostLayouts.STAT.byteSize()).allocate(HostLayouts.STAT);
        int r;
        try {
            r = (int) Libc.FSTAT.get().invokeExact(capture, fd, st);
        } catch (Throwable t) {
            throw linkFailure(t);
        }
        if (r == 0) {
            out.set(HostDecode.stat(st));
        }
        return result(r);
    }

    /**
     * {@code fstatat(dirfd, path, flags)} into {@code out}; flags {@code AT_SYMLINK_NOFOLLOW},
     * {@code AT_EMPTY_PATH}, {@code AT_NO_AUTOMOUNT}.
     */
    public long fstatat(int dirfd, byte[] path, int flags, Out<HostStat> out) {
        out.clear();
        SegmentAllocator a = frame(HostLayouts.STAT.byteSize() + path.length + 1);
        MemorySegment st = a.allocate(HostLayouts.STAT);
        MemorySegment p = cString(a, path);
        int d = dir(dirfd);
        int r;
        try {
            r = (int) Libc.FSTATAT.get().invokeExact(capture, d, p, st, flags);
        } catch (Throwable t) {
            throw linkFailure(t);
        }
        if (r == 0) {
            out.set(HostDecode.stat(st));
        }
        return result(r);
    }

    /**
     * {@code statx(dirfd, path, flags, mask)} into {@code out}. Bits of {@code mask} outside
     * {@link HostStatx#KNOWN_MASK} are not asked for, and the returned {@link HostStatx#mask()} is
     * limited to that set too, so it never claims a member the record does not carry.
     */
    public long statx(int dirfd, byte[] path, int flags, int mask, Out<HostStatx> out) {
        out.clear();
        SegmentAllocator a = frame(HostLayouts.STATX.byteSize() + path.length + 1);
        MemorySegment stx = a.allocate(HostLayouts.STATX);
        MemorySegment p = cString(a, path);
        int d = dir(dirfd);
        int r;
        try {
            r = (int) Libc.STATX.get().invokeExact(capture, d, p, flags, mask & HostStatx.KNOWN_MASK, stx);
        } catch (Throwable t) {
            throw linkFailure(t);
        }
        if (r == 0) {
            out.set(HostDecode.statx(stx));
        }
        return result(r);
    }

    /** {@code faccessat(dirfd, path, mode, flags)}; {@code flags} may hold {@code AT_EACCESS}. */
    public long faccessat(int dirfd, byte[] path, int mode, int flags) {
        SegmentAllocator a = frame(path.length + 1L);
        MemorySegment p = cString(a, path);
        int d = dir(dirfd);
        int r;
        try {
            r = (int) Libc.FACCESSAT.get().invokeExact(capture, d, p, mode, flags);
        } catch (Throwable t) {
            throw linkFailure(t);
        }
        return result(r);
    }

    /**
     * {@code readlinkat(dirfd, path, dst)}: the link's target, not NUL-terminated and truncated
     * to {@code dst.length}; returns the count stored.
     */
    public long readlinkat(int dirfd, byte[] path, byte[] dst) {
        SegmentAllocator a = frame(path.length + 1L + dst.length);
        MemorySegment p = cString(a, path);
        MemorySegment buf = a.allocate(Math.max(1, dst.length));
        int d = dir(dirfd);
        long r;
        try {
            r = (long) Libc.READLINKAT.get().invokeExact(capture, d, p, buf, (long) dst.length);
        } catch (Throwable t) {
            throw linkFailure(t);
        }
        if (r > 0) {
            MemorySegment.copy(buf, JAVA_BYTE, 0, dst, 0, (int) r);
        }
        return result(r);
    }

    /** {@code unlinkat(dirfd, path, flags)}; {@code AT_REMOVEDIR} removes a directory. */
    public long unlinkat(int dirfd, byte[] path, int flags) {
        MemorySegment p = cString(frame(path.length + 1L), path);
        int d = dir(dirfd);
        int r;
        try {
            r = (int) Libc.UNLINKAT.get().invokeExact(capture, d, p, flags);
        } catch (Throwable t) {
            throw linkFailure(t);
        }
        return result(r);
    }

    /** {@code mkdirat(dirfd, path, mode)}. */
    public long mkdirat(int dirfd, byte[] path, int mode) {
        MemorySegment p = cString(frame(path.length + 1L), path);
        int d = dir(dirfd);
        int r;
        try {
            r = (int) Libc.MKDIRAT.get().invokeExact(capture, d, p, mode);
        } catch (Throwable t) {
            throw linkFailure(t);
        }
        return result(r);
    }

    /** {@code renameat(olddirfd, oldpath, newdirfd, newpath)}. */
    public long renameat(int olddirfd, byte[] oldpath, int newdirfd, byte[] newpath) {
        SegmentAllocator a = frame(oldpath.length + newpath.length + 2L);
        MemorySegment from = cString(a, oldpath);
        MemorySegment to = cString(a, newpath);
        int od = dir(olddirfd);
        int nd = dir(newdirfd);
        int r;
        try {
            r = (int) Libc.RENAMEAT.get().invokeExact(capture, od, from, nd, to);
        } catch (Throwable t) {
            throw linkFailure(t);
        }
        return result(r);
    }

    /** {@code linkat(olddirfd, oldpath, newdirfd, newpath, flags)}. */
    public long linkat(int olddirfd, byte[] oldpath, int newdirfd, byte[] newpath, int flags) {
        SegmentAllocator a = frame(oldpath.length + newpath.length + 2L);
        MemorySegment from = cString(a, oldpath);
        MemorySegment to = cString(a, newpath);
        int od = dir(olddirfd);
        int nd = dir(newdirfd);
        int r;
        try {
            r = (int) Libc.LINKAT.get().invokeExact(capture, od, from, nd, to, flags);
        } catch (Throwable t) {
            throw linkFailure(t);
        }
        return result(r);
    }

    /** {@code symlinkat(target, newdirfd, linkpath)}. */
    public long symlinkat(byte[] target, int newdirfd, byte[] linkpath) {
        SegmentAllocator a = frame(target.length + linkpath.length + 2L);
        MemorySegment t = cString(a, target);
        MemorySegment l = cString(a, linkpath);
        int nd = dir(newdirfd);
        int r;
        try {
            r = (int) Libc.SYMLINKAT.get().invokeExact(capture, t, nd, l);
        } catch (Throwable e) {
            throw linkFailure(e);
        }
        return result(r);
    }

    /** {@code umask(mask)}: sets the host process's mask; returns the previous one. */
    public long umask(int mask) {
        try {
            return (int) Libc.UMASK.get().invokeExact(mask);
        } catch (Throwable t) {
            throw linkFailure(t);
        }
    }

    // ---- Working directory -------------------------------------------------------------------

    /** {@code chdir(path)}: makes {@code path} the guest's working directory. */
    public long chdir(byte[] path) {
        long fd = openat(AT_FDCWD, path, O_PATH | O_DIRECTORY | O_CLOEXEC, 0);
        return fd < 0 ? fd : enterDirectory((int) fd);
    }

    /** {@code fchdir(fd)}: makes the directory open as {@code fd} the guest's working directory. */
    public long fchdir(int fd) {
        long dirFd = openat(fd, path("."), O_PATH | O_DIRECTORY | O_CLOEXEC, 0);
        return dirFd < 0 ? dirFd : enterDirectory((int) dirFd);
    }

    /** Replaces the working directory by {@code dirFd}, which it owns, if it may be searched. */
    private long enterDirectory(int dirFd) {
        // An O_PATH open checks no permission on the directory itself; chdir needs search (x).
        long access = faccessat(dirFd, new byte[0], 1, AT_EACCESS | AT_EMPTY_PATH);
        if (access < 0) {
            close(dirFd);
            return access;
        }
        close(cwdFd);
        cwdFd = dirFd;
        return 0;
    }

    /**
     * {@code getcwd(dst)} as the system call does it: stores the absolute path with its NUL and
     * returns its length including the NUL; {@code -ERANGE} if {@code dst} is too small,
     * {@code -ENOENT} if the directory has been removed.
     */
    public long getcwd(byte[] dst) {
        Out<HostStat> st = new Out<>();
        long r = fstat(cwdFd, st);
        if (r < 0) {
            return r;
        }
        if (st.get().nlink() == 0) {
            return -Errno.ENOENT;
        }
        byte[] target = new byte[PATH_MAX];
        long n = readlinkat(AT_FDCWD, path("/proc/self/fd/" + cwdFd), target);
        if (n < 0) {
            return n;
        }
        if (n + 1 > dst.length) {
            return -Errno.ERANGE;
        }
        System.arraycopy(target, 0, dst, 0, (int) n);
        dst[(int) n] = 0;
        return n + 1;
    }

    // ---- Terminals and ioctl -----------------------------------------------------------------

    /** {@code isatty(fd)}: 1 for a terminal, else {@code -ENOTTY} (or {@code -EBADF}). */
    public long isatty(int fd) {
        int r;
        try {
            r = (int) Libc.ISATTY.get().invokeExact(capture, fd);
        } catch (Throwable t) {
            throw linkFailure(t);
        }
        return r == 1 ? 1 : -errno();
    }

    private long ioctl(int fd, int request, MemorySegment arg) {
        int r;
        do {
            try {
                r = (int) Libc.IOCTL.get().invokeExact(capture, fd, Integer.toUnsignedLong(request), arg);
            } catch (Throwable t) {
                throw linkFailure(t);
            }
        } while (interrupted(r));
        return result(r);
    }

    /** The terminal settings of {@code fd} ({@code TCGETS2}, which also gives the speeds). */
    public long tcgets(int fd, Out<HostTermios> out) {
        out.clear();
        MemorySegment t = frame(HostLayouts.TERMIOS2.byteSize()).allocate(HostLayouts.TERMIOS2);
        long r = ioctl(fd, HostConstants.TCGETS2, t);
        if (r == 0) {
            out.set(HostDecode.termios(t));
        }
        return r;
    }

    /**
     * Sets the terminal settings of {@code fd}: {@code action} {@code TCSANOW}, {@code TCSADRAIN}
     * or {@code TCSAFLUSH} select {@code TCSETS2}, {@code TCSETSW2}, {@code TCSETSF2}.
     */
    public long tcsets(int fd, int action, HostTermios termios) {
        int request = switch (action) {
            case HostConstants.TCSANOW -> HostConstants.TCSETS2;
            case HostConstants.TCSADRAIN -> HostConstants.TCSETSW2;
            case HostConstants.TCSAFLUSH -> HostConstants.TCSETSF2;
            default -> 0;
        };
        if (request == 0) {
            return -Errno.EINVAL;
        }
        MemorySegment t = frame(HostLayouts.TERMIOS2.byteSize()).allocate(HostLayouts.TERMIOS2);
        HostDecode.encodeTermios(termios, t);
        return ioctl(fd, request, t);
    }

    /** {@code TIOCGWINSZ}. */
    public long getWinsize(int fd, Out<Winsize> out) {
        out.clear();
        MemorySegment w = frame(HostLayouts.WINSIZE.byteSize()).allocate(HostLayouts.WINSIZE);
        long r = ioctl(fd, HostConstants.TIOCGWINSZ, w);
        if (r == 0) {
            out.set(HostDecode.winsize(w));
        }
        return r;
    }

    /** {@code TIOCSWINSZ}. */
    public long setWinsize(int fd, Winsize size) {
        MemorySegment w = frame(HostLayouts.WINSIZE.byteSize()).allocate(HostLayouts.WINSIZE);
        HostDecode.encodeWinsize(size, w);
        return ioctl(fd, HostConstants.TIOCSWINSZ, w);
    }

    /**
     * An {@code ioctl} that stores one {@code int} through its argument ({@code FIONREAD}, {@code
     * TIOCGPGRP}, {@code TIOCGSID}); returns that value, which these requests never make negative.
     */
    public long ioctlGetInt(int fd, int request) {
        MemorySegment v = frame(4).allocate(JAVA_INT);
        long r = ioctl(fd, request, v);
        return r < 0 ? r : v.get(JAVA_INT, 0);
    }

    /** An {@code ioctl} that reads one {@code int} through its argument ({@code TIOCSPGRP}, {@code FIONBIO}). */
    public long ioctlSetInt(int fd, int request, int value) {
        MemorySegment v = frame(4).allocate(JAVA_INT);
        v.set(JAVA_INT, 0, value);
        return ioctl(fd, request, v);
    }

    /** {@code FIONREAD}: the number of bytes ready to read. */
    public long fionread(int fd) {
        return ioctlGetInt(fd, HostConstants.FIONREAD);
    }

    // ---- Waiting -----------------------------------------------------------------------------

    /**
     * Waits until {@code fd} is readable (or at end of file, hung up or in error).
     *
     * @return the events that occurred (positive) when ready, {@code -EINTR} after {@link #wakeUp()},
     *     {@code -EBADF} if {@code fd} is not open
     */
    public long waitReadable(int fd) {
        return waitFor(fd, POLLIN, -1);
    }

    /** As {@link #waitReadable(int)}, for writing ({@code POLLOUT}). */
    public long waitWritable(int fd) {
        return waitFor(fd, POLLOUT, -1);
    }

    /**
     * Waits until {@code fd} has one of {@code events} (or {@code POLLHUP}/{@code POLLERR}), at
     * most {@code timeoutNanos} (negative: no limit).
     *
     * @return the events that occurred (positive) when ready, 0 on timeout, {@code -EINTR} after
     *     {@link #wakeUp()}, {@code -EBADF} if {@code fd} is not open
     */
    public long waitFor(int fd, int events, long timeoutNanos) {
        int[] fds = {fd};
        short[] ev = {(short) events};
        short[] rev = new short[1];
        long r = poll(fds, ev, rev, timeoutNanos);
        if (r <= 0) {
            return r;
        }
        return (rev[0] & POLLNVAL) != 0 ? -Errno.EBADF : Short.toUnsignedLong(rev[0]);
    }

    /**
     * {@code poll} on {@code fds} with {@code events}, plus the wake-up descriptor, for at most
     * {@code timeoutNanos} (negative: no limit). Fills {@code revents} (a closed descriptor gets
     * {@code POLLNVAL}, as in poll(2)).
     *
     * @return the number of descriptors with events, 0 on timeout, {@code -EINTR} after {@link
     *     #wakeUp()} (then {@code revents} is all zero)
     */
    public long poll(int[] fds, short[] events, short[] revents, long timeoutNanos) {
        int n = fds.length;
        if (events.length != n || revents.length != n) {
            throw new IllegalArgumentException("fds, events and revents differ in length");
        }
        long stride = HostLayouts.POLLFD.byteSize();
        SegmentAllocator a = frame((n + 1) * stride + HostLayouts.TIMESPEC.byteSize());
        MemorySegment pfds = a.allocate(HostLayouts.POLLFD, n + 1L);
        MemorySegment timeout = a.allocate(HostLayouts.TIMESPEC);
        for (int i = 0; i <= n; i++) {
            MemorySegment p = pfds.asSlice(i * stride, stride);
            POLL_FD.set(p, i < n ? fds[i] : wakeFd);
            POLL_EVENTS.set(p, i < n ? events[i] : POLLIN);
        }
        long deadline = timeoutNanos < 0 ? 0 : System.nanoTime() + timeoutNanos;
        int r;
        while (true) {
            for (int i = 0; i <= n; i++) {
                POLL_REVENTS.set(pfds.asSlice(i * stride, stride), 0);
            }
            MemorySegment tmo = MemorySegment.NULL;
            if (timeoutNanos >= 0) {
                long left = Math.max(0, deadline - System.nanoTime());
                HostDecode.encodeTimespec(Timespec.ofNanos(left), timeout);
                tmo = timeout;
            }
            try {
                r = (int) Libc.PPOLL.get().invokeExact(capture, pfds, (long) n + 1, tmo, MemorySegment.NULL);
            } catch (Throwable t) {
                throw linkFailure(t);
            }
            if (!interrupted(r)) {
                break;
            }
        }
        if (r < 0) {
            return -errno();
        }
        if (POLL_REVENTS.getUnsigned(pfds.asSlice(n * stride, stride)) != 0) {
            clearWakeUp();
            Arrays.fill(revents, (short) 0);
            return -Errno.EINTR;
        }
        for (int i = 0; i < n; i++) {
            revents[i] = (short) POLL_REVENTS.getUnsigned(pfds.asSlice(i * stride, stride));
        }
        return r;
    }

    /**
     * Sleeps for {@code request}, or until {@link #wakeUp()}.
     *
     * @param remaining if not null, receives the time left when woken early
     * @return 0 after the full time, {@code -EINTR} when woken, {@code -EINVAL} for a negative or
     *     unnormalized request
     */
    public long nanosleep(Timespec request, Out<Timespec> remaining) {
        if (remaining != null) {
            remaining.clear();
        }
        if (!request.isValid() || request.seconds() < 0) {
            return -Errno.EINVAL;
        }
        long nanos = request.toNanos();
        long start = System.nanoTime();
        long r = poll(new int[0], new short[0], new short[0], nanos);
        if (r == -Errno.EINTR && remaining != null) {
            remaining.set(Timespec.ofNanos(Math.max(0, nanos - (System.nanoTime() - start))));
        }
        return r < 0 ? r : 0;
    }

    /**
     * Makes the current or next wait ({@link #poll}, {@link #waitFor}, {@link #nanosleep}) return
     * {@code -EINTR}. Safe from any thread; does nothing after {@link #close()}.
     */
    public void wakeUp() {
        synchronized (wakeLock) {
            if (closed) {
                return;
            }
            try (Arena call = Arena.ofConfined()) {
                MemorySegment one = call.allocate(JAVA_LONG);
                one.set(JAVA_LONG, 0, 1L);
                MemorySegment state = call.allocate(Libc.CAPTURE_LAYOUT);
                // The counter cannot overflow from wake-ups, so the write only fails if the VM is
                // gone; nothing useful can be done then.
                long _ = (long) Libc.WRITE.get().invokeExact(state, wakeFd, one, 8L);
            } catch (Throwable t) {
                throw linkFailure(t);
            }
        }
    }

    /** Discards a pending wake-up; returns whether there was one. */
    public boolean clearWakeUp() {
        MemorySegment counter = frame(8).allocate(JAVA_LONG);
        long r;
        try {
            r = (long) Libc.READ.get().invokeExact(capture, wakeFd, counter, 8L);
        } catch (Throwable t) {
            throw linkFailure(t);
        }
        return r == 8;
    }

    // ---- Time and randomness -----------------------------------------------------------------

    /** {@code clock_gettime(clock)} into {@code out}. */
    public long clockGettime(int clock, Out<Timespec> out) {
        return clockCall(true, clock, out);
    }

    /** {@code clock_getres(clock)} into {@code out}. */
    public long clockGetres(int clock, Out<Timespec> out) {
        return clockCall(false, clock, out);
    }

    private long clockCall(boolean time, int clock, Out<Timespec> out) {
        out.clear();
        MemorySegment ts = frame(HostLayouts.TIMESPEC.byteSize()).allocate(HostLayouts.TIMESPEC);
        int r;
        try {
            r = time
                    ? (int) Libc.CLOCK_GETTIME.get().invokeExact(capture, clock, ts)
                    : (int) Libc.CLOCK_GETRES.get().invokeExact(capture, clock, ts);
        } catch (Throwable t) {
            throw linkFailure(t);
        }
        if (r == 0) {
            out.set(HostDecode.timespec(ts));
        }
        return result(r);
    }

    /** {@code getrandom(dst[off..off+len), flags)}; returns the count filled. */
    public long getrandom(byte[] dst, int off, int len, int flags) {
        Objects.checkFromIndexSize(off, len, dst.length);
        int n = Math.min(len, MAX_TRANSFER);
        MemorySegment buf = scratch(n);
        long r;
        do {
            try {
                r = (long) Libc.GETRANDOM.get().invokeExact(capture, buf, (long) n, flags);
            } catch (Throwable t) {
                throw linkFailure(t);
            }
        } while (interrupted(r));
        if (r > 0) {
            MemorySegment.copy(buf, JAVA_BYTE, 0, dst, off, (int) r);
        }
        return result(r);
    }

    // ---- Identity, system information, limits ------------------------------------------------

    public long getpid() {
        try {
            return (int) Libc.GETPID.get().invokeExact();
        } catch (Throwable t) {
            throw linkFailure(t);
        }
    }

    public long getppid() {
        try {
            return (int) Libc.GETPPID.get().invokeExact();
        } catch (Throwable t) {
            throw linkFailure(t);
        }
    }

    /** {@code getuid()}, zero-extended ({@code uid_t} is unsigned). */
    public long getuid() {
        try {
            return Integer.toUnsignedLong((int) Libc.GETUID.get().invokeExact());
        } catch (Throwable t) {
            throw linkFailure(t);
        }
    }

    /** {@code geteuid()}, zero-extended. */
    public long geteuid() {
        try {
            return Integer.toUnsignedLong((int) Libc.GETEUID.get().invokeExact());
        } catch (Throwable t) {
            throw linkFailure(t);
        }
    }

    /** {@code getgid()}, zero-extended. */
    public long getgid() {
        try {
            return Integer.toUnsignedLong((int) Libc.GETGID.get().invokeExact());
        } catch (Throwable t) {
            throw linkFailure(t);
        }
    }

    /** {@code getegid()}, zero-extended. */
    public long getegid() {
        try {
            return Integer.toUnsignedLong((int) Libc.GETEGID.get().invokeExact());
        } catch (Throwable t) {
            throw linkFailure(t);
        }
    }

    /** {@code uname()} into {@code out}, as the host reports it ({@code machine} "x86_64"). */
    public long uname(Out<Utsname> out) {
        out.clear();
        MemorySegment u = frame(HostLayouts.UTSNAME.byteSize()).allocate(HostLayouts.UTSNAME);
        int r;
        try {
            r = (int) Libc.UNAME.get().invokeExact(capture, u);
        } catch (Throwable t) {
            throw linkFailure(t);
        }
        if (r == 0) {
            out.set(HostDecode.utsname(u));
        }
        return result(r);
    }

    /** {@code sysinfo()} into {@code out}. */
    public long sysinfo(Out<SysInfo> out) {
        out.clear();
        MemorySegment s = frame(HostLayouts.SYSINFO.byteSize()).allocate(HostLayouts.SYSINFO);
        int r;
        try {
            r = (int) Libc.SYSINFO.get().invokeExact(capture, s);
        } catch (Throwable t) {
            throw linkFailure(t);
        }
        if (r == 0) {
            out.set(HostDecode.sysinfo(s));
        }
        return result(r);
    }

    /** {@code getrlimit(resource)} into {@code out}. */
    public long getrlimit(int resource, Out<Rlimit> out) {
        return prlimit(0, resource, null, out);
    }

    /**
     * {@code prlimit(pid, resource, newLimit, old)}: reads the limit into {@code old} (if not
     * null), then sets {@code newLimit} (if not null). Setting changes the whole host process's
     * limit, the JVM's included.
     */
    public long prlimit(int pid, int resource, Rlimit newLimit, Out<Rlimit> old) {
        if (old != null) {
            old.clear();
        }
        StructLayout l = HostLayouts.RLIMIT;
        SegmentAllocator a = frame(2 * l.byteSize());
        MemorySegment in = MemorySegment.NULL;
        if (newLimit != null) {
            in = a.allocate(l);
            RLIM_CUR.set(in, newLimit.cur());
            RLIM_MAX.set(in, newLimit.max());
        }
        MemorySegment got = old != null ? a.allocate(l) : MemorySegment.NULL;
        int r;
        try {
            r = (int) Libc.PRLIMIT.get().invokeExact(capture, pid, resource, in, got);
        } catch (Throwable t) {
            throw linkFailure(t);
        }
        if (r == 0 && old != null) {
            old.set(new Rlimit(RLIM_CUR.getUnsigned(got), RLIM_MAX.getUnsigned(got)));
        }
        return result(r);
    }

    // ---- Sockets -----------------------------------------------------------------------------

    /** The size of {@code struct sockaddr_storage}: no socket address is longer. */
    public static final int SOCKADDR_MAX = 128;

    private static final StructMember MSG_NAME = StructMember.of(HostLayouts.MSGHDR, "msg_name");
    private static final StructMember MSG_NAMELEN = StructMember.of(HostLayouts.MSGHDR, "msg_namelen");
    private static final StructMember MSG_IOV = StructMember.of(HostLayouts.MSGHDR, "msg_iov");
    private static final StructMember MSG_IOVLEN = StructMember.of(HostLayouts.MSGHDR, "msg_iovlen");
    private static final StructMember MSG_CONTROL = StructMember.of(HostLayouts.MSGHDR, "msg_control");
    private static final StructMember MSG_CONTROLLEN = StructMember.of(HostLayouts.MSGHDR, "msg_controllen");
    private static final StructMember MSG_FLAGS = StructMember.of(HostLayouts.MSGHDR, "msg_flags");
    private static final StructMember EPOLL_EVENTS = StructMember.of(HostLayouts.EPOLL_EVENT, "events");
    private static final StructMember EPOLL_DATA = StructMember.of(HostLayouts.EPOLL_EVENT, "data");

    /** A copy of {@code bytes} in native memory from {@code a} (at least one byte, so never NULL). */
    private static MemorySegment copyOf(SegmentAllocator a, byte[] bytes) {
        MemorySegment s = a.allocate(Math.max(1, bytes.length));
        MemorySegment.copy(bytes, 0, s, JAVA_BYTE, 0, bytes.length);
        return s;
    }

    /** {@code socket(domain, type, protocol)}; returns the new descriptor. */
    public long socket(int domain, int type, int protocol) {
        int r;
        try {
            r = (int) Libc.SOCKET.get().invokeExact(capture, domain, type, protocol);
        } catch (Throwable t) {
            throw linkFailure(t);
        }
        return result(r);
    }

    /** {@code bind(fd, addr, addr.length)}; {@code addr} holds the host's {@code struct sockaddr} bytes. */
    public long bind(int fd, byte[] addr) {
        MemorySegment a = copyOf(frame(addr.length), addr);
        int r;
        try {
            r = (int) Libc.BIND.get().invokeExact(capture, fd, a, addr.length);
        } catch (Throwable t) {
            throw linkFailure(t);
        }
        return result(r);
    }

    /**
     * {@code connect(fd, addr, addr.length)}. Not retried on {@code EINTR}: the connection goes on
     * without the call, and a second one would say {@code EALREADY}. Callers connect non-blocking.
     */
    public long connect(int fd, byte[] addr) {
        MemorySegment a = copyOf(frame(addr.length), addr);
        int r;
        try {
            r = (int) Libc.CONNECT.get().invokeExact(capture, fd, a, addr.length);
        } catch (Throwable t) {
            throw linkFailure(t);
        }
        return result(r);
    }

    /** {@code listen(fd, backlog)}. */
    public long listen(int fd, int backlog) {
        int r;
        try {
            r = (int) Libc.LISTEN.get().invokeExact(capture, fd, backlog);
        } catch (Throwable t) {
            throw linkFailure(t);
        }
        return result(r);
    }

    /**
     * {@code accept4(fd, &addr, &len, flags)}; returns the new descriptor.
     *
     * @param peer if not null, receives the peer's address (the host's bytes, its full length)
     */
    public long accept4(int fd, Out<byte[]> peer, int flags) {
        if (peer != null) {
            peer.clear();
        }
        SegmentAllocator a = frame(SOCKADDR_MAX + 8L);
        MemorySegment addr = a.allocate(SOCKADDR_MAX, 8);
        MemorySegment len = a.allocate(JAVA_INT);
        int r;
        do {
            len.set(JAVA_INT, 0, SOCKADDR_MAX);
            try {
                r = (int) Libc.ACCEPT4.get().invokeExact(capture, fd, addr, len, flags);
            } catch (Throwable t) {
                throw linkFailure(t);
            }
        } while (interrupted(r));
        if (r >= 0 && peer != null) {
            peer.set(addressBytes(addr, len));
        }
        return result(r);
    }

    /** The address a call stored, cut to the buffer if the kernel reported more. */
    private static byte[] addressBytes(MemorySegment addr, MemorySegment len) {
        int n = Math.min(Math.max(0, len.get(JAVA_INT, 0)), (int) addr.byteSize());
        return addr.asSlice(0, n).toArray(JAVA_BYTE);
    }

    /** {@code getsockname(fd)}: the socket's own address into {@code out} (the host's bytes). */
    public long getsockname(int fd, Out<byte[]> out) {
        return socketName(Libc.GETSOCKNAME, fd, out);
    }

    /** {@code getpeername(fd)}: the connected peer's address into {@code out} (the host's bytes). */
    public long getpeername(int fd, Out<byte[]> out) {
        return socketName(Libc.GETPEERNAME, fd, out);
    }

    private long socketName(Libc.Downcall call, int fd, Out<byte[]> out) {
        out.clear();
        SegmentAllocator a = frame(SOCKADDR_MAX + 8L);
        MemorySegment addr = a.allocate(SOCKADDR_MAX, 8);
        MemorySegment len = a.allocate(JAVA_INT);
        len.set(JAVA_INT, 0, SOCKADDR_MAX);
        int r;
        try {
            r = (int) call.get().invokeExact(capture, fd, addr, len);
        } catch (Throwable t) {
            throw linkFailure(t);
        }
        if (r == 0) {
            out.set(addressBytes(addr, len));
        }
        return result(r);
    }

    /**
     * {@code sendto(fd, src[off..off+len), flags, to)}; returns the count sent.
     *
     * @param to the destination (the host's bytes), or null for none
     */
    public long sendto(int fd, byte[] src, int off, int len, int flags, byte[] to) {
        Objects.checkFromIndexSize(off, len, src.length);
        int n = Math.min(len, MAX_TRANSFER);
        SegmentAllocator a = frame(n + SOCKADDR_MAX + 16L);
        MemorySegment buf = a.allocate(Math.max(1, n));
        MemorySegment.copy(src, off, buf, JAVA_BYTE, 0, n);
        MemorySegment dest = to == null ? MemorySegment.NULL : copyOf(a, to);
        int destLen = to == null ? 0 : to.length;
        long r;
        do {
            try {
                r = (long) Libc.SENDTO.get().invokeExact(capture, fd, buf, (long) n, flags, dest, destLen);
            } catch (Throwable t) {
                throw linkFailure(t);
            }
        } while (interrupted(r));
        return result(r);
    }

    /**
     * {@code recvfrom(fd, dst[off..off+len), flags, &from)}; returns the count received, which
     * with {@code MSG_TRUNC} may exceed {@code len} (only {@code len} bytes are stored).
     *
     * @param from if not null, receives the sender's address (the host's bytes; empty if none)
     */
    public long recvfrom(int fd, byte[] dst, int off, int len, int flags, Out<byte[]> from) {
        Objects.checkFromIndexSize(off, len, dst.length);
        if (from != null) {
            from.clear();
        }
        int n = Math.min(len, MAX_TRANSFER);
        SegmentAllocator a = frame(n + SOCKADDR_MAX + 16L);
        MemorySegment buf = a.allocate(Math.max(1, n));
        MemorySegment addr = a.allocate(SOCKADDR_MAX, 8);
        MemorySegment addrLen = a.allocate(JAVA_INT);
        // Locals, not conditional expressions: invokeExact takes the static types of its arguments.
        MemorySegment fromAddr = from == null ? MemorySegment.NULL : addr;
        MemorySegment fromLen = from == null ? MemorySegment.NULL : addrLen;
        long r;
        do {
            addrLen.set(JAVA_INT, 0, SOCKADDR_MAX);
            try {
                r = (long) Libc.RECVFROM.get().invokeExact(capture, fd, buf, (long) n, flags, fromAddr, fromLen);
            } catch (Throwable t) {
                throw linkFailure(t);
            }
        } while (interrupted(r));
        if (r > 0) {
            MemorySegment.copy(buf, JAVA_BYTE, 0, dst, off, (int) Math.min(r, n));
        }
        if (r >= 0 && from != null) {
            from.set(addressBytes(addr, addrLen));
        }
        return result(r);
    }

    /**
     * {@code sendmsg(fd, msg, flags)} with the data of {@code iov} in order; returns the count sent.
     *
     * @param name the destination (the host's bytes), or null
     * @param control the host's control messages, or null
     */
    public long sendmsg(int fd, byte[] name, List<IoSlice> iov, byte[] control, int flags) {
        int[] lengths = transferLengths(iov);
        long total = sum(lengths);
        int nameLen = name == null ? 0 : name.length;
        int controlLen = control == null ? 0 : control.length;
        SegmentAllocator a = frame(total
                + (long) iov.size() * HostLayouts.IOVEC.byteSize()
                + HostLayouts.MSGHDR.byteSize()
                + nameLen
                + controlLen
                + 32);
        MemorySegment msg = a.allocate(HostLayouts.MSGHDR);
        MemorySegment vec = a.allocate(HostLayouts.IOVEC, Math.max(1, iov.size()));
        MemorySegment data = a.allocate(Math.max(1, total));
        long at = 0;
        for (int i = 0; i < iov.size(); i++) {
            IoSlice s = iov.get(i);
            MemorySegment.copy(s.array(), s.offset(), data, JAVA_BYTE, at, lengths[i]);
            at += lengths[i];
        }
        fillIovecs(vec, data, lengths);
        msg.fill((byte) 0);
        if (name != null) {
            msg.set(ValueLayout.ADDRESS, MSG_NAME.offset(), copyOf(a, name));
            MSG_NAMELEN.set(msg, nameLen);
        }
        msg.set(ValueLayout.ADDRESS, MSG_IOV.offset(), vec);
        MSG_IOVLEN.set(msg, iov.size());
        if (control != null) {
            MemorySegment c = a.allocate(Math.max(8, controlLen), 8);
            MemorySegment.copy(control, 0, c, JAVA_BYTE, 0, controlLen);
            msg.set(ValueLayout.ADDRESS, MSG_CONTROL.offset(), c);
            MSG_CONTROLLEN.set(msg, controlLen);
        }
        long r;
        do {
            try {
                r = (long) Libc.SENDMSG.get().invokeExact(capture, fd, msg, flags);
            } catch (Throwable t) {
                throw linkFailure(t);
            }
        } while (interrupted(r));
        return result(r);
    }

    /**
     * {@code recvmsg(fd, msg, flags)} into the slices of {@code iov} in order; returns the count
     * received (with {@code MSG_TRUNC}, a datagram's full length).
     *
     * @param wantName whether to ask for the sender's address
     * @param controlRoom bytes of room for control messages; 0 passes no control buffer
     * @param out receives the address, the control messages and the flags
     */
    public long recvmsg(
            int fd, List<IoSlice> iov, boolean wantName, int controlRoom, int flags, Out<ReceivedMessage> out) {
        out.clear();
        int[] lengths = transferLengths(iov);
        long total = sum(lengths);
        SegmentAllocator a = frame(total
                + (long) iov.size() * HostLayouts.IOVEC.byteSize()
                + HostLayouts.MSGHDR.byteSize()
                + SOCKADDR_MAX
                + controlRoom
                + 32);
        MemorySegment msg = a.allocate(HostLayouts.MSGHDR);
        MemorySegment vec = a.allocate(HostLayouts.IOVEC, Math.max(1, iov.size()));
        MemorySegment data = a.allocate(Math.max(1, total));
        MemorySegment name = a.allocate(SOCKADDR_MAX, 8);
        MemorySegment control = a.allocate(Math.max(8, controlRoom), 8);
        fillIovecs(vec, data, lengths);
        long r;
        do {
            msg.fill((byte) 0);
            if (wantName) {
                msg.set(ValueLayout.ADDRESS, MSG_NAME.offset(), name);
                MSG_NAMELEN.set(msg, SOCKADDR_MAX);
            }
            msg.set(ValueLayout.ADDRESS, MSG_IOV.offset(), vec);
            MSG_IOVLEN.set(msg, iov.size());
            if (controlRoom > 0) {
                msg.set(ValueLayout.ADDRESS, MSG_CONTROL.offset(), control);
                MSG_CONTROLLEN.set(msg, controlRoom);
            }
            try {
                r = (long) Libc.RECVMSG.get().invokeExact(capture, fd, msg, flags);
            } catch (Throwable t) {
                throw linkFailure(t);
            }
        } while (interrupted(r));
        if (r < 0) {
            return result(r);
        }
        long at = 0;
        for (int i = 0; i < iov.size() && at < r; i++) {
            IoSlice s = iov.get(i);
            int n = (int) Math.min(lengths[i], r - at);
            MemorySegment.copy(data, JAVA_BYTE, at, s.array(), s.offset(), n);
            at += n;
        }
        int nameLen = wantName ? (int) Math.min(MSG_NAMELEN.getUnsigned(msg), SOCKADDR_MAX) : 0;
        int controlLen = controlRoom > 0 ? (int) Math.min(MSG_CONTROLLEN.getUnsigned(msg), controlRoom) : 0;
        out.set(new ReceivedMessage(
                name.asSlice(0, nameLen).toArray(JAVA_BYTE),
                control.asSlice(0, controlLen).toArray(JAVA_BYTE),
                (int) MSG_FLAGS.getUnsigned(msg)));
        return r;
    }

    /** {@code setsockopt(fd, level, name, value, value.length)}; the value in the host's byte order. */
    public long setsockopt(int fd, int level, int name, byte[] value) {
        MemorySegment v = copyOf(frame(value.length), value);
        int r;
        try {
            r = (int) Libc.SETSOCKOPT.get().invokeExact(capture, fd, level, name, v, value.length);
        } catch (Throwable t) {
            throw linkFailure(t);
        }
        return result(r);
    }

    /**
     * {@code getsockopt(fd, level, name, dst, &len)}: stores what the host wrote into {@code dst}
     * (at most {@code dst.length} bytes) and returns the length it reported. {@code len} may be
     * less than {@code dst.length}, even negative: the host judges it as it judges a caller's.
     */
    public long getsockopt(int fd, int level, int name, byte[] dst, int len) {
        if (len > dst.length) {
            throw new IndexOutOfBoundsException("len " + len + " exceeds " + dst.length);
        }
        int room = Math.max(16, dst.length);
        SegmentAllocator a = frame(room + 16L);
        MemorySegment v = a.allocate(room, 8);
        MemorySegment l = a.allocate(JAVA_INT);
        v.fill((byte) 0);
        l.set(JAVA_INT, 0, len);
        int r;
        try {
            r = (int) Libc.GETSOCKOPT.get().invokeExact(capture, fd, level, name, v, l);
        } catch (Throwable t) {
            throw linkFailure(t);
        }
        if (r < 0) {
            return result(r);
        }
        int got = l.get(JAVA_INT, 0);
        MemorySegment.copy(v, JAVA_BYTE, 0, dst, 0, Math.min(Math.max(got, 0), dst.length));
        return got;
    }

    /**
     * An {@code int} socket option that is never negative ({@code SO_ERROR}, {@code SO_TYPE},
     * {@code SO_ACCEPTCONN} ...): its value, or {@code -errno}.
     */
    public long socketIntOption(int fd, int level, int name) {
        byte[] v = new byte[4];
        long r = getsockopt(fd, level, name, v, 4);
        if (r < 0) {
            return r;
        }
        return MemorySegment.ofArray(v).get(JAVA_INT_UNALIGNED, 0);
    }

    // ---- epoll and memfd ---------------------------------------------------------------------

    /** {@code epoll_create1(flags)}; returns the new descriptor. */
    public long epollCreate1(int flags) {
        int r;
        try {
            r = (int) Libc.EPOLL_CREATE1.get().invokeExact(capture, flags);
        } catch (Throwable t) {
            throw linkFailure(t);
        }
        return result(r);
    }

    /** {@code epoll_ctl(epfd, op, fd, {events, data})}; {@code EPOLL_CTL_DEL} passes no event. */
    public long epollCtl(int epfd, int op, int fd, int events, long data) {
        final int epollCtlDel = 2;
        MemorySegment ev = frame(HostLayouts.EPOLL_EVENT.byteSize()).allocate(HostLayouts.EPOLL_EVENT);
        EPOLL_EVENTS.set(ev, events);
        EPOLL_DATA.set(ev, data);
        MemorySegment event = op == epollCtlDel ? MemorySegment.NULL : ev;
        int r;
        try {
            r = (int) Libc.EPOLL_CTL.get().invokeExact(capture, epfd, op, fd, event);
        } catch (Throwable t) {
            throw linkFailure(t);
        }
        return result(r);
    }

    /**
     * {@code epoll_wait(epfd, events, max, 0)}: the events ready now, never waiting (callers wait
     * for the epoll descriptor to become readable with {@link #poll}, which a wake-up interrupts).
     * Returns the number stored in {@code out}.
     */
    public long epollWaitNow(int epfd, EpollEvent[] out, int max) {
        int n = Math.min(max, out.length);
        long stride = HostLayouts.EPOLL_EVENT.byteSize();
        MemorySegment evs = frame(stride * Math.max(1, n)).allocate(HostLayouts.EPOLL_EVENT, Math.max(1, n));
        int r;
        do {
            try {
                r = (int) Libc.EPOLL_WAIT.get().invokeExact(capture, epfd, evs, n, 0);
            } catch (Throwable t) {
                throw linkFailure(t);
            }
        } while (interrupted(r));
        for (int i = 0; i < r; i++) {
            MemorySegment e = evs.asSlice(i * stride, stride);
            out[i] = new EpollEvent((int) EPOLL_EVENTS.getUnsigned(e), EPOLL_DATA.getSigned(e));
        }
        return result(r);
    }

    /** {@code memfd_create(name, flags)}; returns the new descriptor. */
    public long memfdCreate(byte[] name, int flags) {
        MemorySegment n = cString(frame(name.length + 1L), name);
        int r;
        try {
            r = (int) Libc.MEMFD_CREATE.get().invokeExact(capture, n, flags);
        } catch (Throwable t) {
            throw linkFailure(t);
        }
        return result(r);
    }

    // ---- Permissions, owners, times, sizes, locks --------------------------------------------

    /** {@code fchmod(fd, mode)}. */
    public long fchmod(int fd, int mode) {
        int r;
        try {
            r = (int) Libc.FCHMOD.get().invokeExact(capture, fd, mode);
        } catch (Throwable t) {
            throw linkFailure(t);
        }
        return result(r);
    }

    /** {@code fchmodat(dirfd, path, mode, 0)}: the system call, which follows symbolic links. */
    public long fchmodat(int dirfd, byte[] path, int mode) {
        MemorySegment p = cString(frame(path.length + 1L), path);
        int d = dir(dirfd);
        int r;
        try {
            r = (int) Libc.FCHMODAT.get().invokeExact(capture, d, p, mode, 0);
        } catch (Throwable t) {
            throw linkFailure(t);
        }
        return result(r);
    }

    /** {@code fchown(fd, uid, gid)}; -1 leaves an id as it is. */
    public long fchown(int fd, int uid, int gid) {
        int r;
        try {
            r = (int) Libc.FCHOWN.get().invokeExact(capture, fd, uid, gid);
        } catch (Throwable t) {
            throw linkFailure(t);
        }
        return result(r);
    }

    /** {@code fchownat(dirfd, path, uid, gid, flags)}; flags {@code AT_SYMLINK_NOFOLLOW}, {@code AT_EMPTY_PATH}. */
    public long fchownat(int dirfd, byte[] path, int uid, int gid, int flags) {
        MemorySegment p = cString(frame(path.length + 1L), path);
        int d = dir(dirfd);
        int r;
        try {
            r = (int) Libc.FCHOWNAT.get().invokeExact(capture, d, p, uid, gid, flags);
        } catch (Throwable t) {
            throw linkFailure(t);
        }
        return result(r);
    }

    /**
     * {@code truncate(path, length)} with {@code path} relative to {@code dirfd}: the file is
     * looked up as truncate does (following symbolic links), then truncated through its {@code
     * /proc/self/fd} link, which checks write permission on the file itself as truncate does.
     */
    public long truncate(int dirfd, byte[] path, long length) {
        long fd = openat(dirfd, path, O_PATH | O_CLOEXEC, 0);
        if (fd < 0) {
            return fd;
        }
        MemorySegment p = cString(frame(32), path("/proc/self/fd/" + fd));
        int r;
        do {
            try {
                r = (int) Libc.TRUNCATE.get().invokeExact(capture, p, length);
            } catch (Throwable t) {
                throw linkFailure(t);
            }
        } while (interrupted(r));
        long result = result(r);
        close((int) fd);
        return result;
    }

    /** Two timespecs in native memory, or NULL for "now" (utimensat and futimens). */
    private static MemorySegment times(SegmentAllocator a, Timespec[] times) {
        if (times == null) {
            return MemorySegment.NULL;
        }
        MemorySegment ts = a.allocate(HostLayouts.TIMESPEC, 2);
        long stride = HostLayouts.TIMESPEC.byteSize();
        for (int i = 0; i < 2; i++) {
            HostDecode.encodeTimespec(times[i], ts.asSlice(i * stride, stride));
        }
        return ts;
    }

    /**
     * {@code utimensat(dirfd, path, times, flags)}: {@code times} holds the access then the
     * modification time ({@code UTIME_NOW} and {@code UTIME_OMIT} in {@code nanos} as in C), or is
     * null for both "now".
     */
    public long utimensat(int dirfd, byte[] path, Timespec[] times, int flags) {
        SegmentAllocator a = frame(path.length + 1L + 2 * HostLayouts.TIMESPEC.byteSize() + 16);
        MemorySegment p = cString(a, path);
        MemorySegment ts = times(a, times);
        int d = dir(dirfd);
        int r;
        try {
            r = (int) Libc.UTIMENSAT.get().invokeExact(capture, d, p, ts, flags);
        } catch (Throwable t) {
            throw linkFailure(t);
        }
        return result(r);
    }

    /** {@code futimens(fd, times)}, with {@code times} as for {@link #utimensat}. */
    public long futimens(int fd, Timespec[] times) {
        MemorySegment ts = times(frame(2 * HostLayouts.TIMESPEC.byteSize() + 16), times);
        int r;
        try {
            r = (int) Libc.FUTIMENS.get().invokeExact(capture, fd, ts);
        } catch (Throwable t) {
            throw linkFailure(t);
        }
        return result(r);
    }

    /** {@code fstatfs(fd)} into {@code out}. */
    public long fstatfs(int fd, Out<HostStatfs> out) {
        out.clear();
        MemorySegment st = frame(HostLayouts.STATFS.byteSize()).allocate(HostLayouts.STATFS);
        int r;
        try {
            r = (int) Libc.FSTATFS.get().invokeExact(capture, fd, st);
        } catch (Throwable t) {
            throw linkFailure(t);
        }
        if (r == 0) {
            out.set(HostDecode.statfs(st));
        }
        return result(r);
    }

    /** {@code statfs(path)} into {@code out}, {@code path} relative to {@code dirfd} (following symbolic links). */
    public long statfs(int dirfd, byte[] path, Out<HostStatfs> out) {
        out.clear();
        long fd = openat(dirfd, path, O_PATH | O_CLOEXEC, 0);
        if (fd < 0) {
            return fd;
        }
        long r = fstatfs((int) fd, out);
        close((int) fd);
        return r;
    }

    /** {@code fallocate(fd, mode, offset, length)}. */
    public long fallocate(int fd, int mode, long offset, long length) {
        int r;
        do {
            try {
                r = (int) Libc.FALLOCATE.get().invokeExact(capture, fd, mode, offset, length);
            } catch (Throwable t) {
                throw linkFailure(t);
            }
        } while (interrupted(r));
        return result(r);
    }

    /**
     * {@code flock(fd, operation)}. Callers pass {@code LOCK_NB} and wait themselves: a blocked
     * host call could not be woken.
     */
    public long flock(int fd, int operation) {
        int r;
        do {
            try {
                r = (int) Libc.FLOCK.get().invokeExact(capture, fd, operation);
            } catch (Throwable t) {
                throw linkFailure(t);
            }
        } while (interrupted(r));
        return result(r);
    }

    /**
     * {@code sendfile(outFd, inFd, offset, count)}; returns the count copied.
     *
     * @param offset null to read from {@code inFd}'s position, else a one-element array with the
     *     offset to read at, advanced by the count copied (the position does not move)
     */
    public long sendfile(int outFd, int inFd, long[] offset, long count) {
        MemorySegment off = MemorySegment.NULL;
        if (offset != null) {
            off = frame(8).allocate(JAVA_LONG);
            off.set(JAVA_LONG, 0, offset[0]);
        }
        long r;
        do {
            try {
                r = (long) Libc.SENDFILE.get().invokeExact(capture, outFd, inFd, off, count);
            } catch (Throwable t) {
                throw linkFailure(t);
            }
        } while (interrupted(r));
        if (offset != null) {
            offset[0] = off.get(JAVA_LONG, 0);
        }
        return result(r);
    }

    /**
     * {@code path} made usable by calls that take no directory descriptor (AF_UNIX socket
     * addresses): a relative path is reached through the guest's working directory's {@code
     * /proc/self/fd} link when that directory is not the host process's own; else it is returned
     * unchanged.
     */
    public byte[] pathFromWorkingDirectory(byte[] path) {
        if (path.length > 0 && path[0] == '/') {
            return path;
        }
        Out<HostStat> guest = new Out<>();
        Out<HostStat> process = new Out<>();
        if (fstat(cwdFd, guest) == 0
                && fstatat(AT_FDCWD, path("/proc/self/cwd"), 0, process) == 0
                && guest.get().dev() == process.get().dev()
                && guest.get().ino() == process.get().ino()) {
            return path;
        }
        byte[] prefix = path("/proc/self/fd/" + cwdFd + "/");
        byte[] out = Arrays.copyOf(prefix, prefix.length + path.length);
        System.arraycopy(path, 0, out, prefix.length, path.length);
        return out;
    }

    // ---- Lifetime ----------------------------------------------------------------------------

    /** Closes the wake-up and working-directory descriptors and frees the native buffers. */
    @Override
    public void close() {
        synchronized (wakeLock) {
            if (closed) {
                return;
            }
            closed = true;
            close(wakeFd);
        }
        close(cwdFd);
        scratchArena.close();
        arena.close();
    }
}
