package org.ppcvm.linux.abi;

import static java.lang.foreign.MemoryLayout.structLayout;
import static org.ppcvm.linux.abi.BigEndian.U16;
import static org.ppcvm.linux.abi.BigEndian.member;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import org.ppcvm.linux.host.Winsize;

/** {@code struct winsize} ({@code TIOCGWINSZ}, {@code TIOCSWINSZ}): four 16-bit members. */
public final class GuestWinsize {
    private GuestWinsize() {}

    public static final StructLayout LAYOUT = structLayout(
            U16.withName("ws_row"), U16.withName("ws_col"), U16.withName("ws_xpixel"), U16.withName("ws_ypixel"));

    public static byte[] encode(Winsize w) {
        MemorySegment s = BigEndian.allocate(LAYOUT);
        member(LAYOUT, "ws_row").set(s, w.rows());
        member(LAYOUT, "ws_col").set(s, w.cols());
        member(LAYOUT, "ws_xpixel").set(s, w.xpixel());
        member(LAYOUT, "ws_ypixel").set(s, w.ypixel());
        return BigEndian.bytes(s);
    }

    public static Winsize decode(byte[] bytes, int offset) {
        MemorySegment s = BigEndian.view(bytes, offset, LAYOUT);
        return new Winsize(
                (int) member(LAYOUT, "ws_row").getUnsigned(s),
                (int) member(LAYOUT, "ws_col").getUnsigned(s),
                (int) member(LAYOUT, "ws_xpixel").getUnsigned(s),
                (int) member(LAYOUT, "ws_ypixel").getUnsigned(s));
    }
}
