package org.ppcvm.linux;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.ppcvm.linux.host.Errno;
import org.ppcvm.linux.host.HostConstants;
import org.ppcvm.linux.host.HostOs;
import org.ppcvm.linux.host.HostStat;
import org.ppcvm.linux.host.Out;

/**
 * The guest's file descriptors, each backed by a host descriptor that belongs to the guest alone:
 * the guest's 0, 1 and 2 are duplicates of the host's, so a guest that closes fd 1 cannot close
 * anything the JVM uses.
 */
final class FdTable {
    static final int MAX_FDS = 1024;

    private final HostOs host;
    private final int[] hostFd = new int[MAX_FDS];

    /**
     * Whether reads and writes may block (pipes, terminals, sockets): those first wait in {@link
     * HostOs#waitFor}, which a wake-up can interrupt. Regular files and directories never block.
     */
    private final boolean[] mayBlock = new boolean[MAX_FDS];

    /** Whether the descriptor is an eventfd, whose 8-byte counter reads and writes turn around. */
    private final boolean[] eventFd = new boolean[MAX_FDS];

    FdTable(HostOs host) {
        this(host, java.util.List.of());
    }

    /**
     * The guest's 0, 1 and 2 as the host's, and {@code inherited} host descriptors at the same
     * guest numbers (what a parent ppcvm passed on); each is duplicated, so the guest owns its own.
     */
    FdTable(HostOs host, java.util.List<Integer> inherited) {
        this.host = host;
        Arrays.fill(hostFd, -1);
        for (int fd = 0; fd <= 2; fd++) {
            long dup = host.dup(fd);
            if (dup >= 0) {
                set(fd, (int) dup);
            }
        }
        for (int fd : inherited) {
            if (fd > 2 && fd < MAX_FDS) {
                long dup = host.dup(fd);
                if (dup >= 0) {
                    set(fd, (int) dup);
                    host.close(fd);
                }
            }
        }
    }

    private static final int F_DUPFD = 0;
    private static final int F_GETFD = 1;
    private static final int F_DUPFD_CLOEXEC = 1030;
    private static final int FD_CLOEXEC = 1;

    /** A copy for a vfork child: every descriptor duplicated, close-on-exec flags kept. */
    FdTable copy() {
        FdTable copy = new FdTable(host, new int[0]);
        for (int fd = 0; fd < MAX_FDS; fd++) {
            int h = hostFd[fd];
            if (h >= 0) {
                long dup = host.fcntl(h, closeOnExec(fd) ? F_DUPFD_CLOEXEC : F_DUPFD, 0);
                if (dup >= 0) {
                    copy.set(fd, (int) dup);
                }
            }
        }
        return copy;
    }

    private FdTable(HostOs host, int[] none) {
        this.host = host;
        Arrays.fill(hostFd, -1);
    }

    /** Whether guest {@code fd} is closed when the process executes a program. */
    boolean closeOnExec(int fd) {
        int h = host(fd);
        return h >= 0 && (host.fcntl(h, F_GETFD, 0) & FD_CLOEXEC) != 0;
    }

    /** The guest descriptors open now, lowest first. */
    int[] open() {
        int n = 0;
        int[] list = new int[MAX_FDS];
        for (int fd = 0; fd < MAX_FDS; fd++) {
            if (hostFd[fd] >= 0) {
                list[n++] = fd;
            }
        }
        return Arrays.copyOf(list, n);
    }

    private void set(int fd, int host) {
        hostFd[fd] = host;
        mayBlock[fd] = host >= 0 && blocks(host);
        eventFd[fd] = mayBlock[fd] && hostIsEventFd(host);
    }

    /** An eventfd is an anonymous inode (no file type) whose /proc/self/fd link says so. */
    private boolean hostIsEventFd(int fd) {
        Out<HostStat> st = new Out<>();
        if (host.fstat(fd, st) < 0 || (st.get().mode() & HostStat.S_IFMT) != 0) {
            return false;
        }
        byte[] link = new byte[64];
        long n = host.readlinkat(HostConstants.AT_FDCWD, HostOs.path("/proc/self/fd/" + fd), link);
        return n > 0 && new String(link, 0, (int) n, StandardCharsets.ISO_8859_1).equals("anon_inode:[eventfd]");
    }

    /** Whether guest {@code fd} is an eventfd. */
    boolean isEventFd(int fd) {
        return host(fd) >= 0 && eventFd[fd];
    }

    private boolean blocks(int fd) {
        Out<HostStat> st = new Out<>();
        if (host.fstat(fd, st) < 0) {
            return true;
        }
        int type = st.get().mode() & HostStat.S_IFMT;
        return type != HostStat.S_IFREG && type != HostStat.S_IFDIR;
    }

    /** Whether I/O on guest {@code fd} may block and must wait interruptibly first. */
    boolean mayBlock(int fd) {
        return fd >= 0 && fd < MAX_FDS && mayBlock[fd];
    }

    /** The host descriptor behind guest {@code fd}, or -1. */
    int host(int fd) {
        return fd >= 0 && fd < MAX_FDS ? hostFd[fd] : -1;
    }

    /** Installs a host descriptor at the lowest free guest number at or above {@code min}. */
    int install(int host, int min) {
        for (int fd = Math.max(min, 0); fd < MAX_FDS; fd++) {
            if (hostFd[fd] < 0) {
                set(fd, host);
                return fd;
            }
        }
        this.host.close(host);
        return -Errno.EMFILE;
    }

    /** Installs a host descriptor at exactly guest {@code fd}, closing what was there. */
    void installAt(int fd, int host) {
        if (hostFd[fd] >= 0) {
            this.host.close(hostFd[fd]);
        }
        set(fd, host);
    }

    long close(int fd) {
        int h = host(fd);
        if (h < 0) {
            return -Errno.EBADF;
        }
        hostFd[fd] = -1;
        return host.close(h);
    }

    void closeAll() {
        for (int fd = 0; fd < MAX_FDS; fd++) {
            if (hostFd[fd] >= 0) {
                host.close(hostFd[fd]);
                hostFd[fd] = -1;
            }
        }
    }
}
