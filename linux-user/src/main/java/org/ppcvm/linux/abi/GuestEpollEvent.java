package org.ppcvm.linux.abi;

import static java.lang.foreign.MemoryLayout.paddingLayout;
import static java.lang.foreign.MemoryLayout.structLayout;
import static org.ppcvm.linux.abi.BigEndian.U32;
import static org.ppcvm.linux.abi.BigEndian.U64;
import static org.ppcvm.linux.abi.BigEndian.member;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import org.ppcvm.linux.host.EpollEvent;
import org.ppcvm.linux.host.StructMember;

/**
 * The 32-bit PowerPC {@code struct epoll_event}: {@code events} then the 64-bit {@code data} at
 * offset 8, 16 bytes in all. Only x86-64 packs the struct (12 bytes, {@code data} at 4), so the
 * guest's array of events never has the host's layout; the host's 64-bit {@code data} carries the
 * guest's value unchanged.
 */
public final class GuestEpollEvent {
    private GuestEpollEvent() {}

    public static final StructLayout LAYOUT =
            structLayout(U32.withName("events"), paddingLayout(4), U64.withName("data"));

    /** The size of one event in the guest's array. */
    public static final int SIZE = (int) LAYOUT.byteSize();

    private static final StructMember EVENTS = member(LAYOUT, "events");
    private static final StructMember DATA = member(LAYOUT, "data");

    /** The event at {@code bytes[offset]}. */
    public static EpollEvent decode(byte[] bytes, int offset) {
        MemorySegment s = BigEndian.view(bytes, offset, LAYOUT);
        return new EpollEvent((int) EVENTS.getUnsigned(s), DATA.getSigned(s));
    }

    /**
     * Where {@code events} and {@code data} sit in each event. epoll_wait stores the two members
     * alone, as Linux's {@code __put_user}s do, leaving the padding between them as it was.
     */
    public static final int EVENTS_OFFSET = (int) EVENTS.offset();

    public static final int DATA_OFFSET = (int) DATA.offset();
}
