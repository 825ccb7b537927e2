package org.ppcvm.linux.abi;

import static java.lang.foreign.MemoryLayout.structLayout;
import static org.ppcvm.linux.abi.BigEndian.U32;
import static org.ppcvm.linux.abi.BigEndian.U64;
import static org.ppcvm.linux.abi.BigEndian.member;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import org.ppcvm.linux.host.StructMember;
import org.ppcvm.linux.host.Timespec;

/**
 * The guest's time structs in both generations: the original 32-bit-time ones ({@code
 * clock_gettime}, {@code nanosleep}, {@code gettimeofday}: {@code struct timespec} and {@code
 * struct timeval} of two {@code long}s) and the 64-bit-time ones the {@code *_time64} system calls
 * use ({@code clock_gettime64}: {@code struct __kernel_timespec}, two 64-bit members).
 *
 * <p>Encoding a time whose seconds do not fit in 32 bits keeps their low 32 bits, as the 32-bit
 * kernel's {@code long} does. Decoding a 64-bit timespec takes {@code tv_nsec} from its low 32
 * bits: a 32-bit kernel stores it in a {@code long}, so the upper half, which glibc leaves as
 * padding, is ignored.
 */
public final class GuestTime {
    private GuestTime() {}

    /** {@code struct timespec} with 32-bit time ({@code struct __kernel_old_timespec}), 8 bytes. */
    public static final StructLayout TIMESPEC32 = structLayout(U32.withName("tv_sec"), U32.withName("tv_nsec"));

    /** {@code struct __kernel_timespec}, 16 bytes. */
    public static final StructLayout TIMESPEC64 = structLayout(U64.withName("tv_sec"), U64.withName("tv_nsec"));

    /** {@code struct timeval} with 32-bit time ({@code struct __kernel_old_timeval}), 8 bytes. */
    public static final StructLayout TIMEVAL32 = structLayout(U32.withName("tv_sec"), U32.withName("tv_usec"));

    /** {@code struct __kernel_sock_timeval} (64-bit time), 16 bytes. */
    public static final StructLayout TIMEVAL64 = structLayout(U64.withName("tv_sec"), U64.withName("tv_usec"));

    private static final StructMember TS32_SEC = member(TIMESPEC32, "tv_sec");
    private static final StructMember TS32_NSEC = member(TIMESPEC32, "tv_nsec");
    private static final StructMember TS64_SEC = member(TIMESPEC64, "tv_sec");
    private static final StructMember TS64_NSEC = member(TIMESPEC64, "tv_nsec");
    private static final StructMember TV32_SEC = member(TIMEVAL32, "tv_sec");
    private static final StructMember TV32_USEC = member(TIMEVAL32, "tv_usec");
    private static final StructMember TV64_SEC = member(TIMEVAL64, "tv_sec");
    private static final StructMember TV64_USEC = member(TIMEVAL64, "tv_usec");

    public static byte[] encodeTimespec32(Timespec t) {
        MemorySegment s = BigEndian.allocate(TIMESPEC32);
        TS32_SEC.set(s, t.seconds());
        TS32_NSEC.set(s, t.nanos());
        return BigEndian.bytes(s);
    }

    /** The 32-bit timespec at {@code bytes[offset]}; {@code tv_sec} is sign-extended. */
    public static Timespec decodeTimespec32(byte[] bytes, int offset) {
        MemorySegment s = BigEndian.view(bytes, offset, TIMESPEC32);
        return new Timespec(TS32_SEC.getSigned(s), TS32_NSEC.getSigned(s));
    }

    public static byte[] encodeTimespec64(Timespec t) {
        MemorySegment s = BigEndian.allocate(TIMESPEC64);
        TS64_SEC.set(s, t.seconds());
        TS64_NSEC.set(s, t.nanos());
        return BigEndian.bytes(s);
    }

    /** The 64-bit timespec at {@code bytes[offset]}; {@code tv_nsec} from its low 32 bits. */
    public static Timespec decodeTimespec64(byte[] bytes, int offset) {
        MemorySegment s = BigEndian.view(bytes, offset, TIMESPEC64);
        return new Timespec(TS64_SEC.getSigned(s), (int) TS64_NSEC.getSigned(s));
    }

    /** A 32-bit timeval for {@code t}, microseconds rounded down. */
    public static byte[] encodeTimeval32(Timespec t) {
        MemorySegment s = BigEndian.allocate(TIMEVAL32);
        TV32_SEC.set(s, t.seconds());
        TV32_USEC.set(s, t.nanos() / 1000);
        return BigEndian.bytes(s);
    }

    /** The 32-bit timeval at {@code bytes[offset]} as a timespec (microseconds times 1000; out-of-range microseconds give an {@linkplain Timespec#isValid() invalid} value). */
    public static Timespec decodeTimeval32(byte[] bytes, int offset) {
        MemorySegment s = BigEndian.view(bytes, offset, TIMEVAL32);
        return new Timespec(TV32_SEC.getSigned(s), usecToNanos(TV32_USEC.getSigned(s)));
    }

    /** A 64-bit timeval for {@code t}, microseconds rounded down. */
    public static byte[] encodeTimeval64(Timespec t) {
        MemorySegment s = BigEndian.allocate(TIMEVAL64);
        TV64_SEC.set(s, t.seconds());
        TV64_USEC.set(s, t.nanos() / 1000);
        return BigEndian.bytes(s);
    }

    /** The 64-bit timeval at {@code bytes[offset]} as a timespec (microseconds times 1000; out-of-range microseconds give an {@linkplain Timespec#isValid() invalid} value). */
    public static Timespec decodeTimeval64(byte[] bytes, int offset) {
        MemorySegment s = BigEndian.view(bytes, offset, TIMEVAL64);
        return new Timespec(TV64_SEC.getSigned(s), usecToNanos(TV64_USEC.getSigned(s)));
    }

    private static long usecToNanos(long usec) {
        return usec >= 0 && usec < 1_000_000 ? usec * 1000 : -1;
    }
}
