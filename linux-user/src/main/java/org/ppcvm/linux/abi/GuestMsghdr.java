package org.ppcvm.linux.abi;

import static java.lang.foreign.MemoryLayout.structLayout;
import static org.ppcvm.linux.abi.BigEndian.U32;
import static org.ppcvm.linux.abi.BigEndian.member;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import org.ppcvm.linux.host.StructMember;

/**
 * The 32-bit PowerPC {@code struct msghdr} (28 bytes, seven 32-bit members) that {@code sendmsg}
 * and {@code recvmsg} take, and {@code struct iovec} (8 bytes) its {@code msg_iov} points to.
 */
public final class GuestMsghdr {
    private GuestMsghdr() {}

    public static final StructLayout LAYOUT = structLayout(
            U32.withName("msg_name"),
            U32.withName("msg_namelen"),
            U32.withName("msg_iov"),
            U32.withName("msg_iovlen"),
            U32.withName("msg_control"),
            U32.withName("msg_controllen"),
            U32.withName("msg_flags"));

    public static final StructLayout IOVEC = structLayout(U32.withName("iov_base"), U32.withName("iov_len"));

    public static final int SIZE = (int) LAYOUT.byteSize();
    public static final int IOVEC_SIZE = (int) IOVEC.byteSize();

    private static final StructMember NAME = member(LAYOUT, "msg_name");
    private static final StructMember NAMELEN = member(LAYOUT, "msg_namelen");
    private static final StructMember IOV = member(LAYOUT, "msg_iov");
    private static final StructMember IOVLEN = member(LAYOUT, "msg_iovlen");
    private static final StructMember CONTROL = member(LAYOUT, "msg_control");
    private static final StructMember CONTROLLEN = member(LAYOUT, "msg_controllen");
    private static final StructMember FLAGS = member(LAYOUT, "msg_flags");

    /** Where recvmsg stores the address's length, relative to the struct. */
    public static final int NAMELEN_OFFSET = (int) NAMELEN.offset();

    /** Where recvmsg stores the length of the control data it wrote. */
    public static final int CONTROLLEN_OFFSET = (int) CONTROLLEN.offset();

    /** Where recvmsg stores the flags. */
    public static final int FLAGS_OFFSET = (int) FLAGS.offset();

    /**
     * One {@code struct msghdr}; the addresses are guest addresses, {@code namelen} is signed as
     * the kernel reads it.
     */
    public record Msghdr(int name, int namelen, int iov, int iovlen, int control, int controllen, int flags) {}

    /** One {@code struct iovec}; {@code length} is a {@code size_t}. */
    public record Iovec(int base, int length) {}

    public static Msghdr decode(byte[] bytes, int offset) {
        MemorySegment s = BigEndian.view(bytes, offset, LAYOUT);
        return new Msghdr(
                (int) NAME.getUnsigned(s),
                (int) NAMELEN.getSigned(s),
                (int) IOV.getUnsigned(s),
                (int) IOVLEN.getUnsigned(s),
                (int) CONTROL.getUnsigned(s),
                (int) CONTROLLEN.getUnsigned(s),
                (int) FLAGS.getUnsigned(s));
    }

    /** The {@code count} iovecs in {@code bytes}. */
    public static Iovec[] decodeIovecs(byte[] bytes, int count) {
        Iovec[] out = new Iovec[count];
        MemorySegment all = MemorySegment.ofArray(bytes);
        for (int i = 0; i < count; i++) {
            out[i] = new Iovec(all.get(U32, (long) i * IOVEC_SIZE), all.get(U32, (long) i * IOVEC_SIZE + 4));
        }
        return out;
    }
}
