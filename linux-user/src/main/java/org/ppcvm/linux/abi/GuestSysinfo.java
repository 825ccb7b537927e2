package org.ppcvm.linux.abi;

import static java.lang.foreign.MemoryLayout.sequenceLayout;
import static java.lang.foreign.MemoryLayout.structLayout;
import static org.ppcvm.linux.abi.BigEndian.U16;
import static org.ppcvm.linux.abi.BigEndian.U32;
import static org.ppcvm.linux.abi.BigEndian.chars;
import static org.ppcvm.linux.abi.BigEndian.member;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import org.ppcvm.linux.host.SysInfo;

/** The 32-bit PowerPC {@code struct sysinfo} ({@code linux/sysinfo.h}): 32-bit longs, 64 bytes. */
public final class GuestSysinfo {
    private GuestSysinfo() {}

    public static final StructLayout LAYOUT = structLayout(
            U32.withName("uptime"),
            sequenceLayout(3, U32).withName("loads"),
            U32.withName("totalram"),
            U32.withName("freeram"),
            U32.withName("sharedram"),
            U32.withName("bufferram"),
            U32.withName("totalswap"),
            U32.withName("freeswap"),
            U16.withName("procs"),
            U16.withName("pad"),
            U32.withName("totalhigh"),
            U32.withName("freehigh"),
            U32.withName("mem_unit"),
            chars(8).withName("_f"));

    /**
     * The guest's bytes for the host's {@code info}. A 64-bit host's memory sizes may not fit in
     * 32 bits; then {@code mem_unit} doubles (and every size halves) until they all do, as Linux
     * does for 32-bit callers. The uptime saturates at {@link Integer#MAX_VALUE}.
     */
    public static byte[] encode(SysInfo info) {
        long[] sizes = {
            info.totalram(),
            info.freeram(),
            info.sharedram(),
            info.bufferram(),
            info.totalswap(),
            info.freeswap(),
            info.totalhigh(),
            info.freehigh()
        };
        long unit = Integer.toUnsignedLong(info.memUnit());
        int shift = 0;
        while (!fits(sizes, shift)) {
            shift++;
        }
        if ((unit << shift) > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("memory sizes too large for a 32-bit sysinfo: " + info);
        }
        MemorySegment s = BigEndian.allocate(LAYOUT);
        member(LAYOUT, "uptime").set(s, Math.min(info.uptime(), Integer.MAX_VALUE));
        MemorySegment loads = s.asSlice(member(LAYOUT, "loads").offset());
        loads.setAtIndex(U32, 0, (int) info.load1());
        loads.setAtIndex(U32, 1, (int) info.load5());
        loads.setAtIndex(U32, 2, (int) info.load15());
        String[] names = {
            "totalram", "freeram", "sharedram", "bufferram", "totalswap", "freeswap", "totalhigh", "freehigh"
        };
        for (int i = 0; i < names.length; i++) {
            member(LAYOUT, names[i]).set(s, sizes[i] >>> shift);
        }
        member(LAYOUT, "procs").set(s, info.procs());
        member(LAYOUT, "mem_unit").set(s, unit << shift);
        return BigEndian.bytes(s);
    }

    private static boolean fits(long[] sizes, int shift) {
        for (long size : sizes) {
            if (Long.compareUnsigned(size >>> shift, 0xFFFF_FFFFL) > 0) {
                return false;
            }
        }
        return true;
    }
}
