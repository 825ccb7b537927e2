package org.ppcvm.linux;

import java.nio.ByteBuffer;
import org.ppcvm.linux.UserMemory.BadAddress;
import org.ppcvm.linux.abi.GuestEpollEvent;
import org.ppcvm.linux.abi.GuestTime;
import org.ppcvm.linux.host.EpollEvent;
import org.ppcvm.linux.host.Errno;
import org.ppcvm.linux.host.HostConstants;
import org.ppcvm.linux.host.HostOs;
import org.ppcvm.linux.host.Timespec;

/**
 * epoll on host epoll instances: epoll_create, epoll_create1, epoll_ctl, epoll_wait, epoll_pwait
 * and epoll_pwait2.
 *
 * <p>A guest epoll descriptor is a host one, and the descriptors in its set are the host
 * descriptors behind the guest's, so the host does the bookkeeping, with Linux's rules for
 * duplicates, closing and nesting. The guest's 64-bit {@code data} rides in the host event's
 * {@code data}; only the layout of the event array differs ({@link GuestEpollEvent}).
 *
 * <p>Waiting follows the rest of the system calls: the host's epoll_wait is only ever asked what
 * is ready now; to wait, the call waits for the epoll descriptor to become readable (which it is
 * while events are ready), alone in the host with the wake-up descriptor, or, with other threads
 * alive, as a descriptor wait after which it runs again. A signal handler ends the wait with
 * EINTR even under SA_RESTART (Linux never restarts epoll_wait); any other wake-up restarts it
 * unseen. epoll_pwait's mask is the thread's blocked set for the whole wait and back as it was when
 * the call returns; a handler that ends the wait runs with it, and its return restores the old one.
 */
final class EpollCalls {
    private static final int EPOLL_CLOEXEC = HostConstants.O_CLOEXEC;
    private static final short POLLIN = 0x1;

    /** EP_MAX_EVENTS: INT_MAX divided by the size of the guest's struct epoll_event. */
    private static final int MAX_EVENTS = Integer.MAX_VALUE / GuestEpollEvent.SIZE;

    /** The most events one host call returns; a guest asking for more gets them in several calls. */
    private static final int HOST_BATCH = 1024;

    private final Syscalls sys;
    private final UserMemory user;
    private final HostOs host;
    private final FdTable fds;
    private final EpollEvent[] batch = new EpollEvent[HOST_BATCH];

    EpollCalls(Syscalls sys) {
        this.sys = sys;
        this.user = sys.user();
        this.host = sys.host();
        this.fds = sys.fds();
    }

    long create(int size) {
        return size <= 0 ? -Errno.EINVAL : create1(0);
    }

    long create1(int flags) {
        if ((flags & ~EPOLL_CLOEXEC) != 0) {
            return -Errno.EINVAL;
        }
        long h = host.epollCreate1(flags);
        return h < 0 ? h : fds.install((int) h, 0);
    }

    long ctl(int epfd, int op, int fd, int event) throws BadAddress {
        final int epollCtlDel = 2;
        EpollEvent e = new EpollEvent(0, 0);
        if (op != epollCtlDel) {
            e = GuestEpollEvent.decode(user.copyIn(event, GuestEpollEvent.SIZE), 0);
        }
        // An unknown guest descriptor becomes -1, which the host refuses with EBADF in its order.
        return host.epollCtl(fds.host(epfd), op, fds.host(fd), e.events(), e.data());
    }

    /** epoll_wait's timeout in milliseconds as nanoseconds; negative: none. */
    static long millis(int timeout) {
        return timeout < 0 ? -1 : timeout * 1_000_000L;
    }

    /** epoll_pwait2's timeout (a struct __kernel_timespec, or none); EINVAL as Linux judges it. */
    long pwait2(int epfd, int events, int maxEvents, int timeout, int sigmask, int sigsetsize) throws BadAddress {
        long nanos = -1;
        if (timeout != 0) {
            Timespec t = GuestTime.decodeTimespec64(user.copyIn(timeout, 16), 0);
            if (!t.isValid() || t.seconds() < 0) {
                return -Errno.EINVAL;
            }
            nanos = t.toNanos();
        }
        return wait(epfd, events, maxEvents, nanos, sigmask, sigsetsize);
    }

    /** epoll_wait, and with {@code sigmask} not 0, epoll_pwait (the mask must be 8 bytes). */
    long wait(int epfd, int events, int maxEvents, long timeoutNanos, int sigmask, int sigsetsize) throws BadAddress {
        long mask = 0;
        if (sigmask != 0) {
            if (sigsetsize != 8) {
                return -Errno.EINVAL;
            }
            mask = SignalState.maskFromGuest(
                    ByteBuffer.wrap(user.copyIn(sigmask, 8)).getLong());
        }
        if (maxEvents <= 0 || maxEvents > MAX_EVENTS) {
            return -Errno.EINVAL;
        }
        if (Integer.toUnsignedLong(events) + (long) maxEvents * GuestEpollEvent.SIZE
                > Integer.toUnsignedLong(AddressSpace.STACK_TOP)) {
            return -Errno.EFAULT;
        }
        int h = fds.host(epfd);
        if (h < 0) {
            return -Errno.EBADF;
        }
        SignalState signals = sys.thread().signals;
        long before = 0;
        if (sigmask != 0) {
            // A run after a wait that ended without a signal finds the mask it replaced still saved.
            signals.restoreSavedMask();
            before = signals.blocked();
            signals.setBlocked(mask);
        }
        long r = waitForEvents(h, events, maxEvents, timeoutNanos);
        if (sigmask != 0) {
            if (r == Syscalls.RETRY || r == Syscalls.RESTART || r == Syscalls.RESTART_NOHAND) {
                // Waiting, or interrupted: the mask stays until a handler's frame or the run again takes it back.
                signals.saveMaskForHandler(before);
            } else {
                signals.setBlocked(before);
            }
        }
        return r;
    }

    /**
     * Stores the events as Linux does, member by member; a fault after the first event ends the
     * array there (Linux keeps the rest ready; here they are consumed).
     */
    private long store(int events, int n) throws BadAddress {
        for (int i = 0; i < n; i++) {
            int at = events + i * GuestEpollEvent.SIZE;
            try {
                user.writeWord(at + GuestEpollEvent.EVENTS_OFFSET, batch[i].events());
                user.writeLong(at + GuestEpollEvent.DATA_OFFSET, batch[i].data());
            } catch (BadAddress e) {
                if (i == 0) {
                    throw e;
                }
                return i;
            }
        }
        return n;
    }

    private long waitForEvents(int h, int events, int maxEvents, long timeoutNanos) throws BadAddress {
        boolean timedOut = sys.takeWaitTimedOut();
        long deadline = timeoutNanos < 0 ? Long.MAX_VALUE : System.nanoTime() + timeoutNanos;
        while (true) {
            long n = host.epollWaitNow(h, batch, Math.min(maxEvents, HOST_BATCH));
            if (n != 0) {
                return n < 0 ? n : store(events, (int) n);
            }
            long left = timeoutNanos < 0 ? -1 : Math.max(0, deadline - System.nanoTime());
            if (left == 0 || timedOut) {
                return 0;
            }
            if (sys.thread().signals.hasDeliverable()) {
                return Syscalls.RESTART_NOHAND; // a signal epoll_pwait's mask lets through is pending
            }
            if (sys.multiThreaded()) {
                return sys.waitForDescriptors(new int[] {h}, new short[] {POLLIN}, left);
            }
            long w = host.waitFor(h, POLLIN, left);
            if (w == -Errno.EINTR) {
                return sys.interruptedWait();
            }
            if (w < 0) {
                return w;
            }
        }
    }
}
