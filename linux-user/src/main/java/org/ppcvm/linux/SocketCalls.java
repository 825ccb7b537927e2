package org.ppcvm.linux;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ppcvm.linux.UserMemory.BadAddress;
import org.ppcvm.linux.abi.GuestCmsg;
import org.ppcvm.linux.abi.GuestMsghdr;
import org.ppcvm.linux.abi.GuestSockaddr;
import org.ppcvm.linux.abi.GuestSocketOptions;
import org.ppcvm.linux.host.Errno;
import org.ppcvm.linux.host.HostConstants;
import org.ppcvm.linux.host.HostOs;
import org.ppcvm.linux.host.IoSlice;
import org.ppcvm.linux.host.Out;
import org.ppcvm.linux.host.ReceivedMessage;
import org.ppcvm.linux.host.Timespec;

/**
 * The socket system calls for AF_INET, AF_INET6 and AF_UNIX sockets, on host sockets behind the
 * guest's descriptors: socket, bind, connect, listen, accept/accept4, getsockname, getpeername,
 * send/sendto/recv/recvfrom, sendmsg/recvmsg, sendmmsg/recvmmsg, setsockopt/getsockopt and socketcall,
 * which old C libraries use for all of them.
 *
 * <h2>Blocking</h2>
 *
 * The host never blocks in a socket call, so that the guest's other threads keep running and a
 * wake-up (a signal, a debugger) is seen. Transfers go to the host with {@code MSG_DONTWAIT}; when
 * the guest's socket blocks and the host has nothing to give, the call waits for the descriptor
 * as {@link Syscalls#awaitReady} does (or with the socket's {@code SO_RCVTIMEO}/{@code
 * SO_SNDTIMEO}, after which it fails with EAGAIN, as Linux does) and runs again. A blocking
 * connect starts the connection non-blocking and waits for it to complete; accept waits for the
 * listening socket to become readable. A blocking stream send, or a receive with {@code
 * MSG_WAITALL}, moves everything before it returns while the thread is alone; with other threads
 * alive it returns the count moved so far once it would wait, as Linux does when a signal
 * interrupts it.
 *
 * <h2>Addresses and values</h2>
 *
 * Addresses are converted by {@link GuestSockaddr}, control messages by {@link GuestCmsg}
 * (descriptors passed with {@code SCM_RIGHTS} are mapped between the guest's table and the
 * host's; the credentials' pid between the guest's and the host process's), option values by
 * {@link GuestSocketOptions}. A relative AF_UNIX path names a file in the guest's working
 * directory: when that is not the host process's own, the host sees the path through the
 * directory's {@code /proc/self/fd} link, and the names the host reports back are turned into the
 * guest's again.
 */
final class SocketCalls {
    private static final int AF_UNIX = GuestSockaddr.AF_UNIX;
    private static final int AF_INET = GuestSockaddr.AF_INET;
    private static final int AF_INET6 = GuestSockaddr.AF_INET6;

    private static final int SOCK_STREAM = 1;
    private static final int SOCK_TYPE_MASK = 0xf;
    private static final int SOCK_FLAGS = HostConstants.O_NONBLOCK | HostConstants.O_CLOEXEC;

    private static final int MSG_PEEK = 0x2;
    private static final int MSG_CTRUNC = 0x8;
    private static final int MSG_TRUNC = 0x20;
    private static final int MSG_DONTWAIT = 0x40;
    private static final int MSG_WAITALL = 0x100;
    private static final int MSG_NOSIGNAL = 0x4000;

    private static final int SOL_SOCKET = GuestSocketOptions.SOL_SOCKET;
    private static final int IPPROTO_IP = GuestSocketOptions.IPPROTO_IP;
    private static final int SO_TYPE = 3;
    private static final int SO_ACCEPTCONN = 30;
    private static final int HOST_SO_RCVTIMEO =
            GuestSocketOptions.find(SOL_SOCKET, 18).host();
    private static final int HOST_SO_SNDTIMEO =
            GuestSocketOptions.find(SOL_SOCKET, 19).host();

    private static final short POLLIN = 0x1;
    private static final short POLLOUT = 0x4;

    /** UIO_MAXIOV: the most iovecs (and mmsghdrs) one call takes. */
    private static final int MAX_IOV = 1024;

    /** The most control data one sendmsg takes (Linux's optmem_max is of this order). */
    private static final int MAX_CONTROL = 1 << 16;

    /** How long a call that found its descriptor ready but could not proceed waits before trying again. */
    private static final long PAUSE_NANOS = 1_000_000;

    /** The argument counts of socketcall's calls, by call number (1 = socket ... 20 = sendmmsg). */
    private static final int[] SOCKETCALL_ARGS = {0, 3, 3, 3, 2, 3, 3, 3, 4, 4, 4, 6, 6, 2, 5, 5, 3, 3, 4, 5, 4};

    /** A call's failure, for the helpers that produce values: the negated errno the call returns. */
    private static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;
        final long result;

        Failure(long result) {
            super(null, null, false, false);
            this.result = result;
        }
    }

    private final Syscalls sys;
    private final UserMemory user;
    private final HostOs host;
    private final FdTable fds;

    /** Host sockets whose blocking connect is under way (started here, not yet reported). */
    private final Set<Integer> connecting = new HashSet<>();

    /** AF_UNIX paths the host was given through /proc/self/fd, and the guest's paths for them. */
    private final Map<String, byte[]> unixPaths = new HashMap<>();

    private final Set<String> reported = new HashSet<>();

    SocketCalls(Syscalls sys) {
        this.sys = sys;
        this.user = sys.user();
        this.host = sys.host();
        this.fds = sys.fds();
    }

    private void reportOnce(String what) {
        if (reported.add(what)) {
            sys.options().diagnostics().println("ppcvm: " + what);
        }
    }

    // ---- Creating, naming and connecting -------------------------------------------------------

    long socket(int domain, int type, int protocol) {
        if (domain != AF_UNIX && domain != AF_INET && domain != AF_INET6) {
            // Linux checks the type before it finds the family missing.
            final int sockMax = 11;
            boolean badType = (type & ~SOCK_TYPE_MASK & ~SOCK_FLAGS) != 0 || (type & SOCK_TYPE_MASK) >= sockMax;
            return badType && domain >= 0 && domain < 46 ? -Errno.EINVAL : -Errno.EAFNOSUPPORT;
        }
        long h = host.socket(domain, type, protocol);
        return h < 0 ? h : installSocket((int) h);
    }

    private long installSocket(int h) {
        connecting.remove(h);
        return fds.install(h, 0);
    }

    long bind(int fd, int addr, int len) throws BadAddress {
        int h = fds.host(fd);
        if (h < 0) {
            return -Errno.EBADF;
        }
        try {
            return host.bind(h, hostAddress(addr, len));
        } catch (Failure f) {
            return f.result;
        }
    }

    long listen(int fd, int backlog) {
        int h = fds.host(fd);
        return h < 0 ? -Errno.EBADF : host.listen(h, backlog);
    }

    long shutdown(int fd, int how) {
        int h = fds.host(fd);
        return h < 0 ? -Errno.EBADF : host.shutdown(h, how);
    }

    /**
     * connect. A blocking one starts the connection with the host socket non-blocking for a moment,
     * then waits for it to complete; run again after a wait, it asks once more, and the host
     * answers EALREADY while the connection is under way, EISCONN once it stands (then 0 for the
     * call that started it), or the connection's error.
     */
    long connect(int fd, int addr, int len) throws BadAddress {
        int h = fds.host(fd);
        if (h < 0) {
            return -Errno.EBADF;
        }
        byte[] to;
        try {
            to = hostAddress(addr, len);
        } catch (Failure f) {
            return f.result;
        }
        boolean timedOut = sys.takeWaitTimedOut();
        if (sys.isNonBlocking(h)) {
            return host.connect(h, to);
        }
        while (true) {
            long flags = host.fcntl(h, HostConstants.F_GETFL, 0);
            if (flags < 0) {
                return flags;
            }
            host.fcntl(h, HostConstants.F_SETFL, flags | HostConstants.O_NONBLOCK);
            long r = host.connect(h, to);
            host.fcntl(h, HostConstants.F_SETFL, flags);
            if (r == -Errno.EISCONN && connecting.remove(h)) {
                return 0;
            }
            long w;
            if (r == -Errno.EINPROGRESS || r == -Errno.EALREADY) {
                connecting.add(h);
                w = await(fd, h, POLLOUT, timeout(h, false), timedOut);
                if (w == -Errno.EAGAIN) {
                    connecting.remove(h);
                    return -Errno.EINPROGRESS; // SO_SNDTIMEO passed: the connection goes on
                }
            } else if (r == -Errno.EAGAIN) {
                // An AF_UNIX listener's backlog is full; no event says when it has room.
                w = pause();
            } else {
                connecting.remove(h);
                return r;
            }
            if (w != 0) {
                return w;
            }
        }
    }

    long accept(int fd, int addr, int lenAddr, int flags) throws BadAddress {
        if ((flags & ~SOCK_FLAGS) != 0) {
            return -Errno.EINVAL;
        }
        int h = fds.host(fd);
        if (h < 0) {
            return -Errno.EBADF;
        }
        if (addr != 0) {
            user.readWord(lenAddr);
        }
        boolean timedOut = sys.takeWaitTimedOut();
        boolean nonBlocking = sys.isNonBlocking(h);
        for (int spins = 0; ; spins++) {
            if (nonBlocking || host.waitFor(h, POLLIN, 0) != 0) {
                Out<byte[]> peer = new Out<>();
                long r = host.accept4(h, peer, flags);
                if (r >= 0) {
                    return acceptedSocket((int) r, peer.get(), addr, lenAddr);
                }
                if (r != -Errno.EAGAIN || nonBlocking) {
                    return r;
                }
            } else {
                // Nothing to accept yet: only a listening socket may wait for it.
                long listening = host.socketIntOption(h, SOL_SOCKET, SO_ACCEPTCONN);
                if (listening < 0) {
                    return listening;
                }
                if (listening == 0) {
                    return host.accept4(h, null, flags);
                }
            }
            long w = spins > 0 ? pause() : await(fd, h, POLLIN, timeout(h, true), timedOut);
            if (w != 0) {
                return w;
            }
        }
    }

    private long acceptedSocket(int h, byte[] peer, int addr, int lenAddr) throws BadAddress {
        long fd = installSocket(h);
        if (fd < 0 || addr == 0) {
            return fd;
        }
        try {
            long r = copyAddressOut(peer, addr, lenAddr);
            if (r < 0) {
                fds.close((int) fd);
                return r;
            }
        } catch (BadAddress e) {
            fds.close((int) fd);
            throw e;
        }
        return fd;
    }

    long getsockname(int fd, int addr, int lenAddr) throws BadAddress {
        return socketName(fd, addr, lenAddr, false);
    }

    long getpeername(int fd, int addr, int lenAddr) throws BadAddress {
        return socketName(fd, addr, lenAddr, true);
    }

    private long socketName(int fd, int addr, int lenAddr, boolean peer) throws BadAddress {
        int h = fds.host(fd);
        if (h < 0) {
            return -Errno.EBADF;
        }
        Out<byte[]> name = new Out<>();
        long r = peer ? host.getpeername(h, name) : host.getsockname(h, name);
        return r < 0 ? r : copyAddressOut(name.get(), addr, lenAddr);
    }

    // ---- Addresses -----------------------------------------------------------------------------

    /** The guest's address at {@code addr} ({@code len} bytes) as the host's, as move_addr_to_kernel checks it. */
    private byte[] hostAddress(int addr, int len) throws BadAddress, Failure {
        if (len < 0 || len > HostOs.SOCKADDR_MAX) {
            throw new Failure(-Errno.EINVAL);
        }
        byte[] guest = user.copyIn(addr, len);
        byte[] hostBytes = GuestSockaddr.toHost(guest);
        return GuestSockaddr.family(guest) == AF_UNIX ? unixPathToHost(hostBytes) : hostBytes;
    }

    /** An AF_UNIX address whose relative path must be reached through the guest's working directory. */
    private byte[] unixPathToHost(byte[] addr) throws Failure {
        int start = GuestSockaddr.SUN_PATH;
        if (addr.length <= start || addr[start] == 0 || addr[start] == '/') {
            return addr;
        }
        int end = start;
        while (end < addr.length && addr[end] != 0) {
            end++;
        }
        byte[] path = Arrays.copyOfRange(addr, start, end);
        byte[] seen = host.pathFromWorkingDirectory(path);
        if (seen == path) {
            return addr;
        }
        if (start + seen.length + 1 > GuestSockaddr.SOCKADDR_UN.byteSize()) {
            throw new Failure(-Errno.ENAMETOOLONG);
        }
        unixPaths.put(new String(seen, StandardCharsets.ISO_8859_1), path);
        byte[] out = Arrays.copyOf(addr, start + seen.length + 1);
        System.arraycopy(seen, 0, out, start, seen.length);
        out[out.length - 1] = 0;
        return out;
    }

    /** A host AF_UNIX name that stands for a guest path turned back into it; other addresses unchanged. */
    private byte[] unixPathToGuest(byte[] hostAddr) {
        int start = GuestSockaddr.SUN_PATH;
        if (GuestSockaddr.family(GuestSockaddr.toGuest(hostAddr)) != AF_UNIX || hostAddr.length <= start) {
            return hostAddr;
        }
        int end = start;
        while (end < hostAddr.length && hostAddr[end] != 0) {
            end++;
        }
        byte[] path = unixPaths.get(new String(hostAddr, start, end - start, StandardCharsets.ISO_8859_1));
        if (path == null) {
            return hostAddr;
        }
        byte[] out = Arrays.copyOf(hostAddr, start + path.length + 1);
        System.arraycopy(path, 0, out, start, path.length);
        out[out.length - 1] = 0;
        return out;
    }

    /**
     * Stores a host address for the guest as move_addr_to_user does: reads the room at {@code
     * lenAddr}, copies what fits, and stores the full length there.
     */
    private long copyAddressOut(byte[] hostAddr, int addr, int lenAddr) throws BadAddress {
        int room = user.readWord(lenAddr);
        byte[] guest = GuestSockaddr.toGuest(unixPathToGuest(hostAddr));
        int len = Math.min(room, guest.length);
        if (len < 0) {
            return -Errno.EINVAL;
        }
        if (len > 0) {
            user.copyOut(addr, guest, 0, len);
        }
        user.writeWord(lenAddr, guest.length);
        return 0;
    }

    // ---- Waiting -------------------------------------------------------------------------------

    /** SO_RCVTIMEO or SO_SNDTIMEO of a host socket in nanoseconds; 0 for none. */
    private long timeout(int h, boolean receive) {
        byte[] tv = new byte[16];
        long r = host.getsockopt(h, SOL_SOCKET, receive ? HOST_SO_RCVTIMEO : HOST_SO_SNDTIMEO, tv, tv.length);
        if (r < tv.length) {
            return 0;
        }
        ByteBuffer b = ByteBuffer.wrap(tv).order(java.nio.ByteOrder.nativeOrder());
        return new Timespec(b.getLong(0), b.getLong(8) * 1000).toNanos();
    }

    /**
     * A blocking socket call found nothing to do: waits for {@code events} on the descriptor. 0 means
     * "try again"; else the call returns the value: RETRY or RESTART as for {@link
     * Syscalls#awaitReady}, or EAGAIN once the socket's timeout has passed (a timed wait ends with
     * EINTR when a handler runs, as Linux's does).
     */
    private long await(int fd, int h, short events, long timeoutNanos, boolean timedOut) {
        if (timeoutNanos <= 0) {
            return sys.awaitReady(fd, h, events);
        }
        if (timedOut) {
            return -Errno.EAGAIN;
        }
        if (sys.multiThreaded()) {
            if (host.waitFor(h, events, 0) != 0) {
                return 0;
            }
            return sys.waitForDescriptors(new int[] {h}, new short[] {events}, timeoutNanos);
        }
        long r = host.waitFor(h, events, timeoutNanos);
        if (r == -Errno.EINTR) {
            return sys.interruptedWait();
        }
        return r == 0 ? -Errno.EAGAIN : 0;
    }

    /**
     * The descriptor was ready but the call still could not proceed (a datagram larger than the
     * room that made the socket writable): waits a moment before trying again.
     */
    private long pause() {
        return Waits.pause(sys, PAUSE_NANOS, Syscalls.Interrupted.RESTART_UNLESS_HANDLER_WITHOUT_SA_RESTART);
    }

    // ---- Sending -------------------------------------------------------------------------------

    /** One attempt at sending {@code data[offset..)}: {@code first} is false when resuming after a partial send. */
    @FunctionalInterface
    private interface Attempt {
        long send(int offset, int hostFlags, boolean first);
    }

    /**
     * Sends {@code length} bytes as {@link SocketCalls} describes: without the host blocking, waiting
     * in between when the guest's socket blocks; EPIPE raises SIGPIPE unless {@code MSG_NOSIGNAL}.
     */
    private long transmit(int fd, int h, int length, int flags, Attempt attempt) {
        boolean blocking = (flags & MSG_DONTWAIT) == 0 && !sys.isNonBlocking(h);
        boolean timedOut = sys.takeWaitTimedOut();
        int hostFlags = flags | MSG_DONTWAIT | MSG_NOSIGNAL;
        long sent = 0;
        for (int spins = 0; ; spins++) {
            long r = attempt.send((int) sent, hostFlags, sent == 0);
            if (r >= 0) {
                sent += r;
                if (sent >= length || !blocking || sys.multiThreaded()) {
                    return sent;
                }
                spins = -1;
                continue;
            }
            if (r != -Errno.EAGAIN || !blocking) {
                if (sent > 0) {
                    return sent;
                }
                if (r == -Errno.EPIPE && (flags & MSG_NOSIGNAL) == 0) {
                    sys.thread().signals.generate(SigInfo.user(Signal.SIGPIPE.number(), Syscalls.PID, (int)
                            host.getuid()));
                }
                return r;
            }
            long w = spins > 0 ? pause() : await(fd, h, POLLOUT, timeout(h, false), timedOut);
            if (w != 0) {
                return sent > 0 ? sent : w;
            }
        }
    }

    long sendto(int fd, int buf, int len, int flags, int addr, int addrLen) throws BadAddress {
        int h = fds.host(fd);
        if (h < 0) {
            return -Errno.EBADF;
        }
        byte[] to = null;
        if (addr != 0) {
            try {
                to = hostAddress(addr, addrLen);
            } catch (Failure f) {
                return f.result;
            }
        }
        byte[] data = user.copyIn(buf, transferCount(len));
        byte[] dest = to;
        return transmit(
                fd,
                h,
                data.length,
                flags,
                (off, hostFlags, first) -> host.sendto(h, data, off, data.length - off, hostFlags, dest));
    }

    long sendmsg(int fd, int msgAddr, int flags) throws BadAddress {
        int h = fds.host(fd);
        if (h < 0) {
            return -Errno.EBADF;
        }
        GuestMsghdr.Msghdr m = GuestMsghdr.decode(user.copyIn(msgAddr, GuestMsghdr.SIZE), 0);
        try {
            byte[] to = m.name() != 0 && m.namelen() != 0 ? hostAddress(m.name(), clampNameLength(m.namelen())) : null;
            byte[] data = gather(m);
            byte[] control = hostControl(m);
            return transmit(
                    fd,
                    h,
                    data.length,
                    flags,
                    (off, hostFlags, first) -> host.sendmsg(
                            h,
                            to,
                            List.of(new IoSlice(data, off, data.length - off)),
                            first ? control : null,
                            hostFlags));
        } catch (Failure f) {
            return f.result;
        }
    }

    /** A msghdr's name length as Linux takes it: negative refused, more than any address cut. */
    private static int clampNameLength(int namelen) throws Failure {
        if (namelen < 0) {
            throw new Failure(-Errno.EINVAL);
        }
        return Math.min(namelen, HostOs.SOCKADDR_MAX);
    }

    private GuestMsghdr.Iovec[] iovecs(GuestMsghdr.Msghdr m) throws BadAddress, Failure {
        if (Integer.compareUnsigned(m.iovlen(), MAX_IOV) > 0) {
            throw new Failure(-Errno.EMSGSIZE);
        }
        GuestMsghdr.Iovec[] v =
                GuestMsghdr.decodeIovecs(user.copyIn(m.iov(), GuestMsghdr.IOVEC_SIZE * m.iovlen()), m.iovlen());
        for (GuestMsghdr.Iovec i : v) {
            if (i.length() < 0) {
                throw new Failure(-Errno.EINVAL);
            }
        }
        return v;
    }

    /** The data of a msghdr's iovecs in one array, at most one transfer's worth. */
    private byte[] gather(GuestMsghdr.Msghdr m) throws BadAddress, Failure {
        List<byte[]> parts = new ArrayList<>();
        long room = HostOs.MAX_TRANSFER;
        int total = 0;
        for (GuestMsghdr.Iovec v : iovecs(m)) {
            int n = (int) Math.min(v.length(), room);
            parts.add(user.copyIn(v.base(), n));
            room -= n;
            total += n;
        }
        byte[] out = new byte[total];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    /** The host's control messages for a msghdr's, descriptors and pid mapped to the host's; null if none. */
    private byte[] hostControl(GuestMsghdr.Msghdr m) throws BadAddress, Failure {
        if (m.control() == 0 || m.controllen() == 0) {
            return null;
        }
        if (Integer.compareUnsigned(m.controllen(), MAX_CONTROL) > 0) {
            throw new Failure(-Errno.ENOBUFS);
        }
        List<GuestCmsg.Message> guest;
        try {
            guest = GuestCmsg.decodeGuest(user.copyIn(m.control(), m.controllen()));
        } catch (GuestCmsg.Malformed e) {
            throw new Failure(-Errno.EINVAL);
        }
        List<GuestCmsg.Message> hostMessages = new ArrayList<>();
        for (GuestCmsg.Message message : guest) {
            switch (message) {
                case GuestCmsg.Message.Rights r -> {
                    int[] hostFds = new int[r.fds().length];
                    for (int i = 0; i < hostFds.length; i++) {
                        hostFds[i] = fds.host(r.fds()[i]);
                        if (hostFds[i] < 0) {
                            throw new Failure(-Errno.EBADF);
                        }
                    }
                    hostMessages.add(new GuestCmsg.Message.Rights(hostFds));
                }
                case GuestCmsg.Message.Credentials c ->
                    hostMessages.add(new GuestCmsg.Message.Credentials(
                            c.pid() == Syscalls.PID ? (int) host.getpid() : c.pid(), c.uid(), c.gid()));
                case GuestCmsg.Message.Unsupported u -> {
                    reportOnce("control message level " + u.level() + " type " + u.type()
                            + " is not supported: sendmsg returns EINVAL");
                    throw new Failure(-Errno.EINVAL);
                }
            }
        }
        return hostMessages.isEmpty() ? null : GuestCmsg.encodeHost(hostMessages);
    }

    /**
     * sendmmsg: each message as sendmsg sends it, its count stored in {@code msg_len}. The first
     * may wait; the others do not ({@code MSG_DONTWAIT}), so a call run again after a wait never
     * sends one twice. Returns how many were sent, or the first one's error.
     */
    long sendmmsg(int fd, int vec, int vlen, int flags) throws BadAddress {
        return eachMessage(vec, vlen, flags, (entry, f) -> sendmsg(fd, entry, f));
    }

    /** sendmsg or recvmsg of one {@code struct mmsghdr}'s message. */
    @FunctionalInterface
    private interface MessageCall {
        long call(int msghdr, int flags) throws BadAddress;
    }

    /**
     * The messages of an {@code mmsghdr} vector through {@code call}, the first with {@code flags},
     * the others with {@code MSG_DONTWAIT} too; each one's count stored in its {@code msg_len}.
     * Returns how many went through, or the first one's error.
     */
    private long eachMessage(int vec, int vlen, int flags, MessageCall call) throws BadAddress {
        final int mmsghdrSize = GuestMsghdr.SIZE + 4;
        int count = Integer.compareUnsigned(vlen, MAX_IOV) > 0 ? MAX_IOV : vlen;
        int done = 0;
        for (int i = 0; i < count; i++) {
            int entry = vec + i * mmsghdrSize;
            long r = call.call(entry, i == 0 ? flags : flags | MSG_DONTWAIT);
            if (r < 0) {
                return done > 0 ? done : r;
            }
            user.writeWord(entry + GuestMsghdr.SIZE, (int) r);
            done++;
        }
        return done;
    }

    // ---- Receiving -----------------------------------------------------------------------------

    /** One attempt at receiving into {@code offset..}: what it got, or -errno. */
    @FunctionalInterface
    private interface Reception {
        long receive(int offset, int hostFlags, boolean first);

        /** Whether what came so far must not be added to (it came with control messages). */
        default boolean complete() {
            return false;
        }
    }

    /**
     * Receives up to {@code length} bytes as {@link SocketCalls} describes; with {@code
     * MSG_WAITALL} on a stream socket, until {@code length} have come, the stream ends or the
     * call would wait with other threads alive.
     */
    private long receive(int fd, int h, int length, int flags, Reception reception) {
        boolean blocking = (flags & MSG_DONTWAIT) == 0 && !sys.isNonBlocking(h);
        boolean timedOut = sys.takeWaitTimedOut();
        boolean peek = (flags & MSG_PEEK) != 0;
        boolean waitAll = blocking && (flags & MSG_WAITALL) != 0 && isStream(h);
        int hostFlags = (flags | MSG_DONTWAIT) & ~MSG_WAITALL;
        long got = 0;
        for (int spins = 0; ; spins++) {
            long r = reception.receive(peek ? 0 : (int) got, hostFlags, got == 0);
            if (r >= 0) {
                long total = peek ? r : got + r;
                if (!waitAll
                        || r == 0
                        || total >= length
                        || reception.complete()
                        || (sys.multiThreaded() && total > 0)) {
                    return r == 0 && !peek ? got : total;
                }
                got = total;
                spins = 0;
            } else if (r != -Errno.EAGAIN || !blocking) {
                return got > 0 && !peek ? got : r;
            }
            long w = spins > 0 ? pause() : await(fd, h, POLLIN, timeout(h, true), timedOut);
            if (w != 0) {
                return got > 0 && !peek ? got : w;
            }
        }
    }

    private boolean isStream(int h) {
        return host.socketIntOption(h, SOL_SOCKET, SO_TYPE) == SOCK_STREAM;
    }

    long recvfrom(int fd, int buf, int len, int flags, int addr, int lenAddr) throws BadAddress {
        int h = fds.host(fd);
        if (h < 0) {
            return -Errno.EBADF;
        }
        int count = transferCount(len);
        user.checkWritable(buf, count);
        if (addr != 0) {
            user.readWord(lenAddr);
        }
        byte[] data = new byte[count];
        Out<byte[]> from = new Out<>();
        long r = receive(
                fd,
                h,
                count,
                flags,
                (off, hostFlags, first) ->
                        host.recvfrom(h, data, off, count - off, hostFlags, addr != 0 && first ? from : null));
        if (r < 0 || r > Integer.MAX_VALUE) {
            return r;
        }
        // MSG_TRUNC on a stream socket discards the bytes instead of storing them.
        if ((flags & MSG_TRUNC) == 0 || !isStream(h)) {
            user.copyOut(buf, data, 0, (int) Math.min(r, count));
        }
        if (addr != 0 && from.isPresent()) {
            long c = copyAddressOut(from.get(), addr, lenAddr);
            if (c < 0) {
                return c;
            }
        }
        return r;
    }

    /**
     * recvmmsg: each message as recvmsg receives it, its count stored in {@code msg_len}. The first
     * may wait; the others take only what is already there ({@code MSG_DONTWAIT}), so a call run
     * again after a wait never loses one. Linux, without {@code MSG_WAITFORONE}, would go on
     * waiting for the rest until {@code vlen} came or the timeout ran out; programs loop on the
     * count either way, and the timeout (which Linux checks only between messages) is not needed.
     */
    long recvmmsg(int fd, int vec, int vlen, int flags) throws BadAddress {
        final int msgWaitForOne = 0x10000;
        return eachMessage(vec, vlen, flags & ~msgWaitForOne, (entry, f) -> recvmsg(fd, entry, f));
    }

    long recvmsg(int fd, int msgAddr, int flags) throws BadAddress {
        int h = fds.host(fd);
        if (h < 0) {
            return -Errno.EBADF;
        }
        GuestMsghdr.Msghdr m = GuestMsghdr.decode(user.copyIn(msgAddr, GuestMsghdr.SIZE), 0);
        GuestMsghdr.Iovec[] iov;
        try {
            clampNameLength(m.namelen());
            iov = iovecs(m);
        } catch (Failure f) {
            return f.result;
        }
        long room = HostOs.MAX_TRANSFER;
        for (GuestMsghdr.Iovec v : iov) {
            int n = (int) Math.min(v.length(), room);
            user.checkWritable(v.base(), n);
            room -= n;
        }
        int count = (int) (HostOs.MAX_TRANSFER - room);
        boolean wantControl = m.control() != 0 && m.controllen() != 0;
        int guestRoom = wantControl ? (int) Math.min(Integer.toUnsignedLong(m.controllen()), MAX_CONTROL) : 0;
        int hostRoom = wantControl ? Math.min(2 * guestRoom + 64, MAX_CONTROL) : 0;
        byte[] data = new byte[count];
        Out<ReceivedMessage> first = new Out<>();
        Out<ReceivedMessage> later = new Out<>();
        long r = receive(fd, h, count, flags, new Reception() {
            @Override
            public long receive(int off, int hostFlags, boolean isFirst) {
                return host.recvmsg(
                        h,
                        List.of(new IoSlice(data, off, count - off)),
                        isFirst && m.name() != 0,
                        isFirst ? hostRoom : 0,
                        hostFlags,
                        isFirst ? first : later);
            }

            @Override
            public boolean complete() {
                // Linux stops a MSG_WAITALL receive at data that carried descriptors or credentials.
                return first.isPresent() && first.get().control().length > 0;
            }
        });
        if (r < 0 || r > Integer.MAX_VALUE) {
            return r;
        }
        ReceivedMessage got = first.get();
        scatter(iov, data, (int) Math.min(r, count), flags, h);
        GuestCmsg.Writer control = new GuestCmsg.Writer(guestRoom, m.control() != 0);
        int resultFlags = got.flags() & ~MSG_CTRUNC;
        if ((got.flags() & MSG_CTRUNC) != 0) {
            control.markTruncated();
        }
        passControl(GuestCmsg.decodeHost(got.control()), control);
        byte[] bytes = control.bytes();
        if (bytes.length > 0) {
            user.copyOut(m.control(), bytes);
        }
        if (m.name() != 0) {
            long c = copyAddressOut(got.name(), m.name(), msgAddr + GuestMsghdr.NAMELEN_OFFSET);
            if (c < 0) {
                return c;
            }
        }
        user.writeWord(msgAddr + GuestMsghdr.CONTROLLEN_OFFSET, bytes.length);
        user.writeWord(msgAddr + GuestMsghdr.FLAGS_OFFSET, resultFlags | (control.truncated() ? MSG_CTRUNC : 0));
        return r;
    }

    private void scatter(GuestMsghdr.Iovec[] iov, byte[] data, int length, int flags, int h) throws BadAddress {
        if ((flags & MSG_TRUNC) != 0 && isStream(h)) {
            return;
        }
        int at = 0;
        for (GuestMsghdr.Iovec v : iov) {
            if (at >= length) {
                break;
            }
            int n = Math.min(v.length(), length - at);
            user.copyOut(v.base(), data, at, n);
            at += n;
        }
    }

    /**
     * The host's control messages into the guest's buffer: descriptors get guest numbers (as many
     * as fit; the host descriptors of the others are closed), credentials the guest's pid.
     */
    private void passControl(List<GuestCmsg.Message> messages, GuestCmsg.Writer out) {
        for (GuestCmsg.Message message : messages) {
            switch (message) {
                case GuestCmsg.Message.Rights r -> {
                    int fit = Math.min(r.fds().length, out.descriptorRoom());
                    int[] guestFds = new int[fit];
                    int installed = 0;
                    for (int i = 0; i < r.fds().length; i++) {
                        if (i < fit && installed == i) {
                            // On EMFILE the table closes the host descriptor, and the rest follow.
                            int g = fds.install(r.fds()[i], 0);
                            if (g >= 0) {
                                guestFds[installed++] = g;
                            }
                        } else {
                            host.close(r.fds()[i]);
                        }
                    }
                    out.putRights(Arrays.copyOf(guestFds, installed));
                    if (installed < r.fds().length) {
                        out.markTruncated();
                    }
                }
                case GuestCmsg.Message.Credentials c ->
                    out.putCredentials(c.pid() == host.getpid() ? Syscalls.PID : c.pid(), c.uid(), c.gid());
                case GuestCmsg.Message.Unsupported u -> {
                    reportOnce("received control message level " + u.level() + " type " + u.type()
                            + " is not supported: left out, MSG_CTRUNC set");
                    out.markTruncated();
                }
            }
        }
    }

    // ---- Options -------------------------------------------------------------------------------

    long setsockopt(int fd, int level, int name, int value, int length) throws BadAddress {
        int h = fds.host(fd);
        if (h < 0) {
            return -Errno.EBADF;
        }
        if (length < 0) {
            return -Errno.EINVAL;
        }
        GuestSocketOptions.Option option = GuestSocketOptions.find(level, name);
        if (option == null) {
            return unknownOption(h, level, name, true);
        }
        byte[] bytes = user.copyIn(value, Math.min(length, 4096));
        return host.setsockopt(h, level, option.host(), GuestSocketOptions.toHost(option.kind(), bytes));
    }

    long getsockopt(int fd, int level, int name, int value, int lengthAddr) throws BadAddress {
        int h = fds.host(fd);
        if (h < 0) {
            return -Errno.EBADF;
        }
        int length = user.readWord(lengthAddr);
        GuestSocketOptions.Option option = GuestSocketOptions.find(level, name);
        if (option == null) {
            return unknownOption(h, level, name, false);
        }
        byte[] out;
        switch (option.kind()) {
            case INT -> {
                byte[] v = new byte[4];
                long r = host.getsockopt(h, level, option.host(), v, Math.min(length, 4));
                if (r < 0) {
                    return r;
                }
                int n = (int) Math.min(r, 4);
                if (n < 4) {
                    // Less than an int: the first bytes of the int as it lies in the guest's memory,
                    // or a byte for IPPROTO_IP options that fit one.
                    long whole = host.getsockopt(h, level, option.host(), v, 4);
                    int val = GuestSocketOptions.hostInt(v);
                    boolean asByte = level == IPPROTO_IP && whole >= 0 && n == 1 && val >= 0 && val <= 255;
                    out = asByte ? new byte[] {(byte) val} : Arrays.copyOf(GuestSocketOptions.intToGuest(val), n);
                } else {
                    out = GuestSocketOptions.intToGuest(GuestSocketOptions.hostInt(v));
                }
            }
            case BYTES -> {
                byte[] v = new byte[Math.max(0, Math.min(length, 4096))];
                long r = host.getsockopt(h, level, option.host(), v, Math.min(length, v.length));
                if (r < 0) {
                    return r;
                }
                out = Arrays.copyOf(v, (int) Math.min(r, v.length));
            }
            default -> {
                if (length < 0) {
                    return -Errno.EINVAL;
                }
                GuestSocketOptions.Kind kind = option.kind();
                byte[] v = new byte[kind.hostSize];
                long r = host.getsockopt(h, level, option.host(), v, v.length);
                if (r < 0) {
                    return r;
                }
                byte[] guest = GuestSocketOptions.toGuest(kind, v);
                if (kind == GuestSocketOptions.Kind.UCRED
                        && ByteBuffer.wrap(guest).getInt(0) == (int) host.getpid()) {
                    ByteBuffer.wrap(guest).putInt(0, Syscalls.PID);
                }
                out = Arrays.copyOf(guest, Math.min(length, guest.length));
            }
        }
        if (out.length > 0) {
            user.copyOut(value, out);
        }
        user.writeWord(lengthAddr, out.length);
        return 0;
    }

    /**
     * An option outside {@link GuestSocketOptions}: the host says whether it exists (its error if
     * not, as Linux would give it); one that exists is reported once and refused.
     */
    private long unknownOption(int h, int level, int name, boolean set) {
        byte[] probe = new byte[256];
        long r = host.getsockopt(h, level, name, probe, probe.length);
        if (r < 0) {
            return set && r != -Errno.EBADF && r != -Errno.ENOTSOCK ? -Errno.ENOPROTOOPT : r;
        }
        reportOnce("socket option level " + level + " name " + name + " is not supported: "
                + (set ? "setsockopt" : "getsockopt") + " returns ENOPROTOOPT");
        return -Errno.ENOPROTOOPT;
    }

    // ---- socketcall ----------------------------------------------------------------------------

    /** socketcall(call, args): the socket calls through one entry, their arguments in an array. */
    long socketcall(int call, int args) throws BadAddress {
        if (call < 1 || call >= SOCKETCALL_ARGS.length) {
            return -Errno.EINVAL;
        }
        ByteBuffer b = ByteBuffer.wrap(user.copyIn(args, 4 * SOCKETCALL_ARGS[call]));
        int[] a = new int[6];
        for (int i = 0; i < SOCKETCALL_ARGS[call]; i++) {
            a[i] = b.getInt(4 * i);
        }
        return switch (call) {
            case 1 -> socket(a[0], a[1], a[2]);
            case 2 -> bind(a[0], a[1], a[2]);
            case 3 -> connect(a[0], a[1], a[2]);
            case 4 -> listen(a[0], a[1]);
            case 5 -> accept(a[0], a[1], a[2], 0);
            case 6 -> getsockname(a[0], a[1], a[2]);
            case 7 -> getpeername(a[0], a[1], a[2]);
            case 8 -> sys.socketpair(a[0], a[1], a[2], a[3], 0, 0);
            case 9 -> sendto(a[0], a[1], a[2], a[3], 0, 0);
            case 10 -> recvfrom(a[0], a[1], a[2], a[3], 0, 0);
            case 11 -> sendto(a[0], a[1], a[2], a[3], a[4], a[5]);
            case 12 -> recvfrom(a[0], a[1], a[2], a[3], a[4], a[5]);
            case 13 -> shutdown(a[0], a[1]);
            case 14 -> setsockopt(a[0], a[1], a[2], a[3], a[4]);
            case 15 -> getsockopt(a[0], a[1], a[2], a[3], a[4]);
            case 16 -> sendmsg(a[0], a[1], a[2]);
            case 17 -> recvmsg(a[0], a[1], a[2]);
            case 18 -> accept(a[0], a[1], a[2], a[3]);
            case 19 -> recvmmsg(a[0], a[1], a[2], a[3]);
            case 20 -> sendmmsg(a[0], a[1], a[2], a[3]);
            default -> -Errno.EINVAL;
        };
    }

    /** A size_t count as one transfer takes it (see {@link HostOs#MAX_TRANSFER}). */
    private static int transferCount(int count) {
        return (int) Math.min(Integer.toUnsignedLong(count), HostOs.MAX_TRANSFER);
    }
}
