package org.ppcvm.linux.abi;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The socket options ppcvm passes between guest and host ({@code setsockopt}/{@code getsockopt}),
 * with their numbers on each side and the shape of their values.
 *
 * <p>32-bit PowerPC numbers six {@code SOL_SOCKET} options differently from x86-64 ({@code
 * SO_RCVLOWAT} 16 versus 18, {@code SO_SNDLOWAT}, {@code SO_RCVTIMEO}, {@code SO_SNDTIMEO}, {@code
 * SO_PASSCRED} 20 versus 16, {@code SO_PEERCRED}); the others, and every {@code IPPROTO_IP}, {@code
 * IPPROTO_IPV6} and {@code IPPROTO_TCP} option, have the same number. Values are converted by their
 * {@link Kind}: an {@code int} turns its bytes around, {@code struct timeval} also changes size.
 * Options outside this table are refused (ENOPROTOOPT) rather than passed with values in the
 * wrong byte order. {@code GuestConstantsTest} checks every number against both compilers' headers.
 */
public final class GuestSocketOptions {
    private GuestSocketOptions() {}

    public static final int SOL_SOCKET = 1;
    public static final int IPPROTO_IP = 0;
    public static final int IPPROTO_TCP = 6;
    public static final int IPPROTO_IPV6 = 41;

    /** The shape of an option's value. */
    public enum Kind {
        /** An {@code int} (a byte for some {@code IPPROTO_IP} options given a shorter length). */
        INT(4, 4),
        /** {@code struct linger}: two {@code int}s. */
        LINGER(8, 8),
        /** {@code struct timeval} with {@code long}s: 8 bytes on the guest, 16 on the host. */
        TIMEVAL(8, 16),
        /** {@code struct __kernel_sock_timeval}: two 64-bit members on both. */
        TIMEVAL64(16, 16),
        /** {@code struct ucred}: pid, uid, gid. */
        UCRED(12, 12),
        /** Bytes that mean the same on both (a name). */
        BYTES(0, 0);

        /** The value's size on the guest and on the host (0: as long as the caller's). */
        public final int guestSize;

        public final int hostSize;

        Kind(int guestSize, int hostSize) {
            this.guestSize = guestSize;
            this.hostSize = hostSize;
        }
    }

    /**
     * One option.
     *
     * @param name the C name
     * @param level its level
     * @param guest its number on 32-bit PowerPC
     * @param host its number on the host
     * @param kind the shape of its value
     */
    public record Option(String name, int level, int guest, int host, Kind kind) {}

    private static Option so(String name, int guest, int host, Kind kind) {
        return new Option(name, SOL_SOCKET, guest, host, kind);
    }

    private static Option so(String name, int number) {
        return so(name, number, number, Kind.INT);
    }

    private static Option option(String name, int level, int number) {
        return new Option(name, level, number, number, Kind.INT);
    }

    public static final List<Option> ALL = List.of(
            so("SO_DEBUG", 1),
            so("SO_REUSEADDR", 2),
            so("SO_TYPE", 3),
            so("SO_ERROR", 4),
            so("SO_DONTROUTE", 5),
            so("SO_BROADCAST", 6),
            so("SO_SNDBUF", 7),
            so("SO_RCVBUF", 8),
            so("SO_KEEPALIVE", 9),
            so("SO_OOBINLINE", 10),
            so("SO_NO_CHECK", 11),
            so("SO_PRIORITY", 12),
            so("SO_LINGER", 13, 13, Kind.LINGER),
            so("SO_BSDCOMPAT", 14),
            so("SO_REUSEPORT", 15),
            so("SO_RCVLOWAT", 16, 18, Kind.INT),
            so("SO_SNDLOWAT", 17, 19, Kind.INT),
            so("SO_RCVTIMEO_OLD", 18, 20, Kind.TIMEVAL),
            so("SO_SNDTIMEO_OLD", 19, 21, Kind.TIMEVAL),
            so("SO_PASSCRED", 20, 16, Kind.INT),
            so("SO_PEERCRED", 21, 17, Kind.UCRED),
            so("SO_BINDTODEVICE", 25, 25, Kind.BYTES),
            so("SO_ACCEPTCONN", 30),
            so("SO_SNDBUFFORCE", 32),
            so("SO_RCVBUFFORCE", 33),
            so("SO_MARK", 36),
            so("SO_PROTOCOL", 38),
            so("SO_DOMAIN", 39),
            so("SO_RXQ_OVFL", 40),
            so("SO_PEEK_OFF", 42),
            so("SO_BUSY_POLL", 46),
            so("SO_INCOMING_CPU", 49),
            so("SO_ZEROCOPY", 60),
            so("SO_RCVTIMEO_NEW", 66, 66, Kind.TIMEVAL64),
            so("SO_SNDTIMEO_NEW", 67, 67, Kind.TIMEVAL64),
            option("TCP_NODELAY", IPPROTO_TCP, 1),
            option("TCP_MAXSEG", IPPROTO_TCP, 2),
            option("TCP_CORK", IPPROTO_TCP, 3),
            option("TCP_KEEPIDLE", IPPROTO_TCP, 4),
            option("TCP_KEEPINTVL", IPPROTO_TCP, 5),
            option("TCP_KEEPCNT", IPPROTO_TCP, 6),
            option("TCP_SYNCNT", IPPROTO_TCP, 7),
            option("TCP_LINGER2", IPPROTO_TCP, 8),
            option("TCP_DEFER_ACCEPT", IPPROTO_TCP, 9),
            option("TCP_WINDOW_CLAMP", IPPROTO_TCP, 10),
            option("TCP_QUICKACK", IPPROTO_TCP, 12),
            new Option("TCP_CONGESTION", IPPROTO_TCP, 13, 13, Kind.BYTES),
            option("TCP_USER_TIMEOUT", IPPROTO_TCP, 18),
            option("TCP_FASTOPEN", IPPROTO_TCP, 23),
            option("IP_TOS", IPPROTO_IP, 1),
            option("IP_TTL", IPPROTO_IP, 2),
            option("IP_MTU_DISCOVER", IPPROTO_IP, 10),
            option("IP_FREEBIND", IPPROTO_IP, 15),
            option("IP_MULTICAST_TTL", IPPROTO_IP, 33),
            option("IP_MULTICAST_LOOP", IPPROTO_IP, 34),
            option("IPV6_UNICAST_HOPS", IPPROTO_IPV6, 16),
            option("IPV6_MULTICAST_HOPS", IPPROTO_IPV6, 18),
            option("IPV6_MULTICAST_LOOP", IPPROTO_IPV6, 19),
            option("IPV6_V6ONLY", IPPROTO_IPV6, 26),
            option("IPV6_TCLASS", IPPROTO_IPV6, 67));

    private static final Map<Long, Option> BY_GUEST_NUMBER =
            ALL.stream().collect(Collectors.toUnmodifiableMap(o -> key(o.level(), o.guest()), Function.identity()));

    private static long key(int level, int name) {
        return (long) level << 32 | (name & 0xFFFF_FFFFL);
    }

    /** The option the guest names {@code (level, name)}, or null if ppcvm does not convert it. */
    public static Option find(int level, int name) {
        return BY_GUEST_NUMBER.get(key(level, name));
    }

    private static final ValueLayout.OfInt HOST_INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.nativeOrder());
    private static final ValueLayout.OfLong HOST_LONG =
            ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.nativeOrder());

    /**
     * The host's value for the guest's {@code value} (what {@code setsockopt} was given, as long as
     * its {@code optlen}). A value too short for its kind passes unchanged, for the host to refuse
     * (or, for {@code IPPROTO_IP}, to read as a byte).
     */
    public static byte[] toHost(Kind kind, byte[] value) {
        if (value.length < kind.guestSize) {
            return value.clone();
        }
        MemorySegment in = MemorySegment.ofArray(value);
        return switch (kind) {
            case INT, LINGER, UCRED -> {
                byte[] out = value.clone();
                MemorySegment s = MemorySegment.ofArray(out);
                for (int at = 0; at < kind.guestSize; at += 4) {
                    s.set(HOST_INT, at, in.get(BigEndian.U32, at));
                }
                yield out;
            }
            case TIMEVAL -> {
                byte[] out = new byte[Kind.TIMEVAL.hostSize];
                MemorySegment s = MemorySegment.ofArray(out);
                s.set(HOST_LONG, 0, in.get(BigEndian.U32, 0));
                s.set(HOST_LONG, 8, in.get(BigEndian.U32, 4));
                yield out;
            }
            case TIMEVAL64 -> {
                byte[] out = value.clone();
                MemorySegment s = MemorySegment.ofArray(out);
                s.set(HOST_LONG, 0, in.get(BigEndian.U64, 0));
                s.set(HOST_LONG, 8, in.get(BigEndian.U64, 8));
                yield out;
            }
            case BYTES -> value.clone();
        };
    }

    /**
     * The guest's value for the host's whole {@code value} of an option of {@code kind} ({@link
     * Kind#hostSize} bytes, or any length for {@link Kind#BYTES}): {@link Kind#guestSize} bytes.
     * Seconds of a {@link Kind#TIMEVAL} keep their low 32 bits.
     */
    public static byte[] toGuest(Kind kind, byte[] value) {
        if (kind == Kind.BYTES) {
            return value.clone();
        }
        if (value.length < kind.hostSize) {
            throw new IllegalArgumentException(kind + " value of " + value.length + " bytes");
        }
        MemorySegment in = MemorySegment.ofArray(value);
        byte[] out = new byte[kind.guestSize];
        MemorySegment s = MemorySegment.ofArray(out);
        switch (kind) {
            case INT, LINGER, UCRED -> {
                for (int at = 0; at < kind.guestSize; at += 4) {
                    s.set(BigEndian.U32, at, in.get(HOST_INT, at));
                }
            }
            case TIMEVAL -> {
                s.set(BigEndian.U32, 0, (int) in.get(HOST_LONG, 0));
                s.set(BigEndian.U32, 4, (int) in.get(HOST_LONG, 8));
            }
            case TIMEVAL64 -> {
                s.set(BigEndian.U64, 0, in.get(HOST_LONG, 0));
                s.set(BigEndian.U64, 8, in.get(HOST_LONG, 8));
            }
            case BYTES -> throw new AssertionError();
        }
        return out;
    }

    /** The guest's bytes of the {@code int} {@code value}. */
    public static byte[] intToGuest(int value) {
        byte[] out = new byte[4];
        MemorySegment.ofArray(out).set(BigEndian.U32, 0, value);
        return out;
    }

    /** The {@code int} in the host's bytes {@code value}. */
    public static int hostInt(byte[] value) {
        return MemorySegment.ofArray(Arrays.copyOf(value, 4)).get(HOST_INT, 0);
    }
}
