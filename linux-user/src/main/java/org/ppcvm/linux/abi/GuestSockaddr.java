package org.ppcvm.linux.abi;

import static java.lang.foreign.MemoryLayout.structLayout;
import static org.ppcvm.linux.abi.BigEndian.U16;
import static org.ppcvm.linux.abi.BigEndian.U32;
import static org.ppcvm.linux.abi.BigEndian.chars;
import static org.ppcvm.linux.abi.BigEndian.member;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.ppcvm.linux.host.StructMember;

/**
 * Socket addresses ({@code struct sockaddr_in}, {@code sockaddr_in6}, {@code sockaddr_un}) between
 * the guest's bytes and the host's.
 *
 * <p>The family is a 16-bit number in the machine's byte order, so it is the one member every
 * address must turn around. The port, the IPv4 and IPv6 addresses and {@code sin6_flowinfo} are in
 * network order on both sides and pass as they are, as does a path. {@code sin6_scope_id} (an
 * interface index) is in the machine's order again. Families other than these three keep their
 * bytes apart from the family; ppcvm creates no sockets of other families. Lengths never change:
 * these structs have the same size on both machines.
 */
public final class GuestSockaddr {
    private GuestSockaddr() {}

    public static final int AF_UNIX = 1;
    public static final int AF_INET = 2;
    public static final int AF_INET6 = 10;

    public static final StructLayout SOCKADDR_IN = structLayout(
            U16.withName("sin_family"),
            U16.withName("sin_port"),
            U32.withName("sin_addr"),
            chars(8).withName("sin_zero"));

    public static final StructLayout SOCKADDR_IN6 = structLayout(
            U16.withName("sin6_family"),
            U16.withName("sin6_port"),
            U32.withName("sin6_flowinfo"),
            chars(16).withName("sin6_addr"),
            U32.withName("sin6_scope_id"));

    public static final StructLayout SOCKADDR_UN =
            structLayout(U16.withName("sun_family"), chars(108).withName("sun_path"));

    /** Where a path starts in {@code struct sockaddr_un}. */
    public static final int SUN_PATH = (int) member(SOCKADDR_UN, "sun_path").offset();

    private static final StructMember SCOPE_ID = member(SOCKADDR_IN6, "sin6_scope_id");

    private static final ValueLayout.OfShort HOST_U16 =
            ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.nativeOrder());
    private static final ValueLayout.OfInt HOST_U32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.nativeOrder());

    /** The family of a guest address, or -1 if it is too short to have one. */
    public static int family(byte[] guest) {
        return guest.length < 2 ? -1 : MemorySegment.ofArray(guest).get(BigEndian.U16, 0) & 0xFFFF;
    }

    /** The host's bytes for the guest address {@code guest} (same length). */
    public static byte[] toHost(byte[] guest) {
        return convert(guest, BigEndian.U16, HOST_U16, BigEndian.U32, HOST_U32);
    }

    /** The guest's bytes for the host address {@code host} (same length). */
    public static byte[] toGuest(byte[] host) {
        return convert(host, HOST_U16, BigEndian.U16, HOST_U32, BigEndian.U32);
    }

    private static byte[] convert(
            byte[] from,
            ValueLayout.OfShort fromU16,
            ValueLayout.OfShort toU16,
            ValueLayout.OfInt fromU32,
            ValueLayout.OfInt toU32) {
        byte[] to = Arrays.copyOf(from, from.length);
        if (from.length < 2) {
            return to;
        }
        MemorySegment in = MemorySegment.ofArray(from);
        MemorySegment out = MemorySegment.ofArray(to);
        short family = in.get(fromU16, 0);
        out.set(toU16, 0, family);
        long scope = SCOPE_ID.offset();
        if (family == AF_INET6 && from.length >= scope + 4) {
            out.set(toU32, scope, in.get(fromU32, scope));
        }
        return to;
    }
}
