package org.ppcvm.linux.host;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout.PathElement;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * Downcall handles to the host C library, one per function, created once per JVM.
 *
 * <p>Handles of functions that can fail take a leading capture-state segment ({@link
 * #CAPTURE_LAYOUT}) into which the linker saves {@code errno} right after the call, before the
 * JVM can disturb it. The C types map as x86-64 LP64 does: {@code int}, {@code mode_t}, {@code
 * uid_t} and {@code clockid_t} are {@code JAVA_INT}; {@code size_t}, {@code ssize_t}, {@code off_t}
 * and {@code nfds_t} are {@code JAVA_LONG}. Variadic functions ({@code openat}, {@code fcntl},
 * {@code ioctl}) name their first variadic argument, which the x86-64 convention needs (it counts
 * vector registers in {@code %al}).
 */
final class Libc {
    private static final Linker LINKER = Linker.nativeLinker();

    static final StructLayout CAPTURE_LAYOUT = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CAPTURE_LAYOUT.varHandle(PathElement.groupElement("errno"));

    private Libc() {}

    /** The {@code errno} saved by the last call that used {@code capture}. */
    static int errno(MemorySegment capture) {
        return (int) ERRNO.get(capture, 0L);
    }

    /**
     * A downcall handle made on first use. Making one generates code (a few milliseconds each),
     * and a guest uses a handful of the fifty, so making them all when the class loads would
     * cost every run a third of a second of start-up.
     */
    static final class Downcall {
        private final String name;
        private final FunctionDescriptor descriptor;
        private final Linker.Option[] options;
        private volatile MethodHandle handle;

        Downcall(String name, FunctionDescriptor descriptor, Linker.Option... options) {
            this.name = name;
            this.descriptor = descriptor;
            this.options = options;
        }

        @SuppressWarnings("restricted") // the reason this class exists
        MethodHandle get() {
            MethodHandle h = handle;
            if (h == null) {
                h = LINKER.downcallHandle(symbol(name), descriptor, options);
                handle = h;
            }
            return h;
        }
    }

    private static Downcall failing(String name, FunctionDescriptor descriptor, Linker.Option... options) {
        Linker.Option[] all = new Linker.Option[options.length + 1];
        all[0] = Linker.Option.captureCallState("errno");
        System.arraycopy(options, 0, all, 1, options.length);
        return new Downcall(name, descriptor, all);
    }

    private static Downcall infallible(String name, FunctionDescriptor descriptor) {
        return new Downcall(name, descriptor);
    }

    private static MemorySegment symbol(String name) {
        return LINKER.defaultLookup()
                .find(name)
                .orElseThrow(() -> new UnsatisfiedLinkError("host C library has no " + name));
    }

    private static FunctionDescriptor intOf(java.lang.foreign.MemoryLayout... args) {
        return FunctionDescriptor.of(JAVA_INT, args);
    }

    private static FunctionDescriptor longOf(java.lang.foreign.MemoryLayout... args) {
        return FunctionDescriptor.of(JAVA_LONG, args);
    }

    // ---- Files and descriptors ---------------------------------------------------------------

    /** {@code int openat(int dirfd, const char *path, int flags, ... mode_t mode)} */
    static final Downcall OPENAT =
            failing("openat", intOf(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT), Linker.Option.firstVariadicArg(3));

    static final Downcall READ = failing("read", longOf(JAVA_INT, ADDRESS, JAVA_LONG));
    static final Downcall WRITE = failing("write", longOf(JAVA_INT, ADDRESS, JAVA_LONG));
    static final Downcall PREAD64 = failing("pread64", longOf(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_LONG));
    static final Downcall PWRITE64 = failing("pwrite64", longOf(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_LONG));
    static final Downcall READV = failing("readv", longOf(JAVA_INT, ADDRESS, JAVA_INT));
    static final Downcall WRITEV = failing("writev", longOf(JAVA_INT, ADDRESS, JAVA_INT));
    static final Downcall CLOSE = failing("close", intOf(JAVA_INT));
    static final Downcall LSEEK = failing("lseek", longOf(JAVA_INT, JAVA_LONG, JAVA_INT));
    static final Downcall FSTAT = failing("fstat", intOf(JAVA_INT, ADDRESS));
    static final Downcall FSTATAT = failing("fstatat", intOf(JAVA_INT, ADDRESS, ADDRESS, JAVA_INT));

    /** {@code int statx(int dirfd, const char *path, int flags, unsigned mask, struct statx *buf)} */
    static final Downcall STATX = failing("statx", intOf(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, ADDRESS));

    static final Downcall FACCESSAT = failing("faccessat", intOf(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));
    static final Downcall READLINKAT = failing("readlinkat", longOf(JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG));
    static final Downcall UNLINKAT = failing("unlinkat", intOf(JAVA_INT, ADDRESS, JAVA_INT));
    static final Downcall MKDIRAT = failing("mkdirat", intOf(JAVA_INT, ADDRESS, JAVA_INT));
    static final Downcall RENAMEAT = failing("renameat", intOf(JAVA_INT, ADDRESS, JAVA_INT, ADDRESS));
    static final Downcall LINKAT = failing("linkat", intOf(JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT));
    static final Downcall SYMLINKAT = failing("symlinkat", intOf(ADDRESS, JAVA_INT, ADDRESS));

    /** {@code int fcntl(int fd, int cmd, ... long arg)}: glibc reads the argument as a word. */
    static final Downcall FCNTL =
            failing("fcntl", intOf(JAVA_INT, JAVA_INT, JAVA_LONG), Linker.Option.firstVariadicArg(2));

    static final Downcall DUP = failing("dup", intOf(JAVA_INT));
    static final Downcall DUP3 = failing("dup3", intOf(JAVA_INT, JAVA_INT, JAVA_INT));
    static final Downcall PIPE2 = failing("pipe2", intOf(ADDRESS, JAVA_INT));
    static final Downcall SOCKETPAIR = failing("socketpair", intOf(JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS));
    static final Downcall SHUTDOWN = failing("shutdown", intOf(JAVA_INT, JAVA_INT));
    static final Downcall PPOLL = failing("ppoll", intOf(ADDRESS, JAVA_LONG, ADDRESS, ADDRESS));

    /** {@code int ioctl(int fd, unsigned long request, ... void *arg)} */
    static final Downcall IOCTL =
            failing("ioctl", intOf(JAVA_INT, JAVA_LONG, ADDRESS), Linker.Option.firstVariadicArg(2));

    static final Downcall GETDENTS64 = failing("getdents64", longOf(JAVA_INT, ADDRESS, JAVA_LONG));
    static final Downcall FTRUNCATE = failing("ftruncate", intOf(JAVA_INT, JAVA_LONG));
    static final Downcall FSYNC = failing("fsync", intOf(JAVA_INT));
    static final Downcall FDATASYNC = failing("fdatasync", intOf(JAVA_INT));
    static final Downcall EVENTFD = failing("eventfd", intOf(JAVA_INT, JAVA_INT));
    static final Downcall ISATTY = failing("isatty", intOf(JAVA_INT));

    // ---- Time, randomness, identity, limits -------------------------------------------------

    static final Downcall CLOCK_GETTIME = failing("clock_gettime", intOf(JAVA_INT, ADDRESS));
    static final Downcall CLOCK_GETRES = failing("clock_getres", intOf(JAVA_INT, ADDRESS));
    static final Downcall GETRANDOM = failing("getrandom", longOf(ADDRESS, JAVA_LONG, JAVA_INT));
    static final Downcall UNAME = failing("uname", intOf(ADDRESS));
    static final Downcall SYSINFO = failing("sysinfo", intOf(ADDRESS));
    static final Downcall PRLIMIT = failing("prlimit", intOf(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));

    /** {@code mode_t umask(mode_t)} cannot fail. */
    static final Downcall UMASK = infallible("umask", intOf(JAVA_INT));

    static final Downcall GETPID = infallible("getpid", intOf());
    static final Downcall GETPPID = infallible("getppid", intOf());
    static final Downcall GETUID = infallible("getuid", intOf());
    static final Downcall GETEUID = infallible("geteuid", intOf());
    static final Downcall GETGID = infallible("getgid", intOf());
    static final Downcall GETEGID = infallible("getegid", intOf());

    // ---- Sockets, epoll, memfd ---------------------------------------------------------------

    static final Downcall SOCKET = failing("socket", intOf(JAVA_INT, JAVA_INT, JAVA_INT));
    static final Downcall BIND = failing("bind", intOf(JAVA_INT, ADDRESS, JAVA_INT));
    static final Downcall CONNECT = failing("connect", intOf(JAVA_INT, ADDRESS, JAVA_INT));
    static final Downcall LISTEN = failing("listen", intOf(JAVA_INT, JAVA_INT));
    static final Downcall ACCEPT4 = failing("accept4", intOf(JAVA_INT, ADDRESS, ADDRESS, JAVA_INT));
    static final Downcall GETSOCKNAME = failing("getsockname", intOf(JAVA_INT, ADDRESS, ADDRESS));
    static final Downcall GETPEERNAME = failing("getpeername", intOf(JAVA_INT, ADDRESS, ADDRESS));

    /** {@code ssize_t sendto(int fd, const void *buf, size_t len, int flags, const struct sockaddr *to, socklen_t tolen)} */
    static final Downcall SENDTO = failing("sendto", longOf(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT));

    /** {@code ssize_t recvfrom(int fd, void *buf, size_t len, int flags, struct sockaddr *from, socklen_t *fromlen)} */
    static final Downcall RECVFROM =
            failing("recvfrom", longOf(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS, ADDRESS));

    static final Downcall SENDMSG = failing("sendmsg", longOf(JAVA_INT, ADDRESS, JAVA_INT));
    static final Downcall RECVMSG = failing("recvmsg", longOf(JAVA_INT, ADDRESS, JAVA_INT));
    static final Downcall SETSOCKOPT = failing("setsockopt", intOf(JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    static final Downcall GETSOCKOPT = failing("getsockopt", intOf(JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
    static final Downcall EPOLL_CREATE1 = failing("epoll_create1", intOf(JAVA_INT));
    static final Downcall EPOLL_CTL = failing("epoll_ctl", intOf(JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS));
    static final Downcall EPOLL_WAIT = failing("epoll_wait", intOf(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));
    static final Downcall MEMFD_CREATE = failing("memfd_create", intOf(ADDRESS, JAVA_INT));

    // ---- More file metadata ------------------------------------------------------------------

    static final Downcall FCHMOD = failing("fchmod", intOf(JAVA_INT, JAVA_INT));
    static final Downcall FCHMODAT = failing("fchmodat", intOf(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));
    static final Downcall FCHOWN = failing("fchown", intOf(JAVA_INT, JAVA_INT, JAVA_INT));
    static final Downcall FCHOWNAT = failing("fchownat", intOf(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT));
    static final Downcall TRUNCATE = failing("truncate", intOf(ADDRESS, JAVA_LONG));
    static final Downcall UTIMENSAT = failing("utimensat", intOf(JAVA_INT, ADDRESS, ADDRESS, JAVA_INT));
    static final Downcall FUTIMENS = failing("futimens", intOf(JAVA_INT, ADDRESS));
    static final Downcall FSTATFS = failing("fstatfs", intOf(JAVA_INT, ADDRESS));
    static final Downcall FALLOCATE = failing("fallocate", intOf(JAVA_INT, JAVA_INT, JAVA_LONG, JAVA_LONG));
    static final Downcall FLOCK = failing("flock", intOf(JAVA_INT, JAVA_INT));

    /** {@code ssize_t sendfile(int out_fd, int in_fd, off_t *offset, size_t count)} */
    static final Downcall SENDFILE = failing("sendfile", longOf(JAVA_INT, JAVA_INT, ADDRESS, JAVA_LONG));
}
