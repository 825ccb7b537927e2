package org.ppcvm.linux.abi;

import static java.lang.foreign.MemoryLayout.structLayout;
import static org.ppcvm.linux.abi.BigEndian.U32;
import static org.ppcvm.linux.abi.BigEndian.U64;
import static org.ppcvm.linux.abi.BigEndian.member;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import org.ppcvm.linux.host.Rlimit;
import org.ppcvm.linux.host.StructMember;

/**
 * {@code struct rlimit} with 32-bit {@code unsigned long} members ({@code getrlimit}, {@code
 * ugetrlimit}, {@code setrlimit}) and {@code struct rlimit64} ({@code prlimit64}).
 */
public final class GuestRlimit {
    private GuestRlimit() {}

    /** {@code RLIM_INFINITY} of the 32-bit {@code struct rlimit}: {@code ~0UL}. */
    public static final long INFINITY32 = 0xFFFF_FFFFL;

    public static final StructLayout RLIMIT = structLayout(U32.withName("rlim_cur"), U32.withName("rlim_max"));

    public static final StructLayout RLIMIT64 = structLayout(U64.withName("rlim_cur"), U64.withName("rlim_max"));

    private static final StructMember CUR32 = member(RLIMIT, "rlim_cur");
    private static final StructMember MAX32 = member(RLIMIT, "rlim_max");
    private static final StructMember CUR64 = member(RLIMIT64, "rlim_cur");
    private static final StructMember MAX64 = member(RLIMIT64, "rlim_max");

    /** The 32-bit struct; a limit at or above {@link #INFINITY32} becomes {@link #INFINITY32}. */
    public static byte[] encode32(Rlimit r) {
        MemorySegment s = BigEndian.allocate(RLIMIT);
        CUR32.set(s, clamp(r.cur()));
        MAX32.set(s, clamp(r.max()));
        return BigEndian.bytes(s);
    }

    /** The 32-bit struct at {@code bytes[offset]}; {@link #INFINITY32} means {@link Rlimit#INFINITY}. */
    public static Rlimit decode32(byte[] bytes, int offset) {
        MemorySegment s = BigEndian.view(bytes, offset, RLIMIT);
        return new Rlimit(widen(CUR32.getUnsigned(s)), widen(MAX32.getUnsigned(s)));
    }

    public static byte[] encode64(Rlimit r) {
        MemorySegment s = BigEndian.allocate(RLIMIT64);
        CUR64.set(s, r.cur());
        MAX64.set(s, r.max());
        return BigEndian.bytes(s);
    }

    public static Rlimit decode64(byte[] bytes, int offset) {
        MemorySegment s = BigEndian.view(bytes, offset, RLIMIT64);
        return new Rlimit(CUR64.getUnsigned(s), MAX64.getUnsigned(s));
    }

    private static long clamp(long limit) {
        return Long.compareUnsigned(limit, INFINITY32) >= 0 ? INFINITY32 : limit;
    }

    private static long widen(long limit) {
        return limit == INFINITY32 ? Rlimit.INFINITY : limit;
    }
}
