package org.ppcvm.linux.abi;

import static java.lang.foreign.MemoryLayout.structLayout;
import static org.ppcvm.linux.abi.BigEndian.U32;
import static org.ppcvm.linux.abi.BigEndian.U8;
import static org.ppcvm.linux.abi.BigEndian.chars;
import static org.ppcvm.linux.abi.BigEndian.member;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.util.ArrayList;
import java.util.List;
import org.ppcvm.linux.host.HostTermios;
import org.ppcvm.linux.host.StructMember;

/**
 * PowerPC's {@code struct termios} ({@code asm/termbits.h}), which {@code TCGETS} and the {@code
 * TCSETS*} requests carry, and its translation from and to the host's settings.
 *
 * <p>PowerPC kept the old BSD-derived terminal interface: its struct puts {@code c_cc} before
 * {@code c_line} and carries the speeds (44 bytes, like the host's {@code termios2}), its flag
 * bits differ from the generic ones in {@code c_iflag}, {@code c_oflag}, {@code c_cflag} and
 * {@code c_lflag}, and its {@code c_cc} indices differ ({@code VMIN} is 5 here, 6 on the host).
 * The translation goes name by name through {@link #FLAGS} and {@link #CONTROL_CHARS}; the tests
 * check every value in those tables against both compilers' headers. Host bits with no PowerPC
 * meaning, and PowerPC values with no host equivalent ({@code NL2}, {@code NL3}), are dropped.
 */
public final class GuestTermios {
    private GuestTermios() {}

    /** {@code NCCS} on PowerPC. */
    public static final int NCCS = 19;

    public static final StructLayout LAYOUT = structLayout(
            U32.withName("c_iflag"),
            U32.withName("c_oflag"),
            U32.withName("c_cflag"),
            U32.withName("c_lflag"),
            chars(NCCS).withName("c_cc"),
            U8.withName("c_line"),
            U32.withName("c_ispeed"),
            U32.withName("c_ospeed"));

    /** The flag word a {@link Flag} belongs to. */
    public enum Word {
        IFLAG,
        OFLAG,
        CFLAG,
        LFLAG
    }

    /**
     * One named value of a termios flag word: a single bit ({@code field} equals {@code name},
     * mask equals value) or one value of a multi-bit field such as {@code CRDLY} or {@code CBAUD}.
     *
     * @param word the flag word
     * @param name the C expression for the value ({@code "ECHO"}, {@code "CR2"}, {@code "B9600 <<
     *     IBSHIFT"})
     * @param field the C name of the field's mask
     * @param hostMask the field's mask on the host
     * @param hostValue the value on the host
     * @param guestMask the field's mask on PowerPC
     * @param guestValue the value on PowerPC
     */
    public record Flag(
            Word word, String name, String field, int hostMask, int hostValue, int guestMask, int guestValue) {}

    /**
     * A control character's index in {@code c_cc}.
     *
     * @param name the C name ({@code "VMIN"})
     * @param hostIndex its index on the host
     * @param guestIndex its index on PowerPC
     */
    public record ControlChar(String name, int hostIndex, int guestIndex) {}

    private static Flag bit(Word word, String name, int host, int guest) {
        return new Flag(word, name, name, host, host, guest, guest);
    }

    private static Flag value(Word word, String name, String field, int hostMask, int host, int guestMask, int guest) {
        return new Flag(word, name, field, hostMask, host, guestMask, guest);
    }

    /** The baud-rate names in the order of their PowerPC codes 0 to 30 ({@code 0x1f} is BOTHER). */
    private static final List<String> BAUD_NAMES = List.of(
            "B0",
            "B50",
            "B75",
            "B110",
            "B134",
            "B150",
            "B200",
            "B300",
            "B600",
            "B1200",
            "B1800",
            "B2400",
            "B4800",
            "B9600",
            "B19200",
            "B38400",
            "B57600",
            "B115200",
            "B230400",
            "B460800",
            "B500000",
            "B576000",
            "B921600",
            "B1000000",
            "B1152000",
            "B1500000",
            "B2000000",
            "B2500000",
            "B3000000",
            "B3500000",
            "B4000000");

    private static final int HOST_CBAUD = 0x100f;
    private static final int GUEST_CBAUD = 0xff;
    private static final int HOST_BOTHER = 0x1000;
    private static final int GUEST_BOTHER = 0x1f;
    private static final int IBSHIFT = 16;

    /** Every translated termios value. */
    public static final List<Flag> FLAGS = buildFlags();

    private static List<Flag> buildFlags() {
        List<Flag> f = new ArrayList<>();
        Word i = Word.IFLAG;
        f.add(bit(i, "IGNBRK", 0x1, 0x1));
        f.add(bit(i, "BRKINT", 0x2, 0x2));
        f.add(bit(i, "IGNPAR", 0x4, 0x4));
        f.add(bit(i, "PARMRK", 0x8, 0x8));
        f.add(bit(i, "INPCK", 0x10, 0x10));
        f.add(bit(i, "ISTRIP", 0x20, 0x20));
        f.add(bit(i, "INLCR", 0x40, 0x40));
        f.add(bit(i, "IGNCR", 0x80, 0x80));
        f.add(bit(i, "ICRNL", 0x100, 0x100));
        f.add(bit(i, "IXANY", 0x800, 0x800));
        f.add(bit(i, "IUCLC", 0x200, 0x1000));
        f.add(bit(i, "IXON", 0x400, 0x200));
        f.add(bit(i, "IXOFF", 0x1000, 0x400));
        f.add(bit(i, "IMAXBEL", 0x2000, 0x2000));
        f.add(bit(i, "IUTF8", 0x4000, 0x4000));

        Word o = Word.OFLAG;
        f.add(bit(o, "OPOST", 0x1, 0x1));
        f.add(bit(o, "OLCUC", 0x2, 0x4));
        f.add(bit(o, "ONLCR", 0x4, 0x2));
        f.add(bit(o, "OCRNL", 0x8, 0x8));
        f.add(bit(o, "ONOCR", 0x10, 0x10));
        f.add(bit(o, "ONLRET", 0x20, 0x20));
        f.add(bit(o, "OFILL", 0x40, 0x40));
        f.add(bit(o, "OFDEL", 0x80, 0x80));
        f.add(value(o, "NL1", "NLDLY", 0x100, 0x100, 0x300, 0x100));
        f.add(value(o, "CR1", "CRDLY", 0x600, 0x200, 0x3000, 0x1000));
        f.add(value(o, "CR2", "CRDLY", 0x600, 0x400, 0x3000, 0x2000));
        f.add(value(o, "CR3", "CRDLY", 0x600, 0x600, 0x3000, 0x3000));
        f.add(value(o, "TAB1", "TABDLY", 0x1800, 0x800, 0xc00, 0x400));
        f.add(value(o, "TAB2", "TABDLY", 0x1800, 0x1000, 0xc00, 0x800));
        f.add(value(o, "TAB3", "TABDLY", 0x1800, 0x1800, 0xc00, 0xc00));
        f.add(value(o, "BS1", "BSDLY", 0x2000, 0x2000, 0x8000, 0x8000));
        f.add(value(o, "VT1", "VTDLY", 0x4000, 0x4000, 0x10000, 0x10000));
        f.add(value(o, "FF1", "FFDLY", 0x8000, 0x8000, 0x4000, 0x4000));

        Word c = Word.CFLAG;
        for (int code = 1; code < BAUD_NAMES.size(); code++) {
            int host = code < 16 ? code : HOST_BOTHER | (code - 15);
            String name = BAUD_NAMES.get(code);
            f.add(value(c, name, "CBAUD", HOST_CBAUD, host, GUEST_CBAUD, code));
            f.add(value(
                    c,
                    "(" + name + " << IBSHIFT)",
                    "CIBAUD",
                    HOST_CBAUD << IBSHIFT,
                    host << IBSHIFT,
                    GUEST_CBAUD << IBSHIFT,
                    code << IBSHIFT));
        }
        f.add(value(c, "BOTHER", "CBAUD", HOST_CBAUD, HOST_BOTHER, GUEST_CBAUD, GUEST_BOTHER));
        f.add(value(
                c,
                "(BOTHER << IBSHIFT)",
                "CIBAUD",
                HOST_CBAUD << IBSHIFT,
                HOST_BOTHER << IBSHIFT,
                GUEST_CBAUD << IBSHIFT,
                GUEST_BOTHER << IBSHIFT));
        f.add(value(c, "CS6", "CSIZE", 0x30, 0x10, 0x300, 0x100));
        f.add(value(c, "CS7", "CSIZE", 0x30, 0x20, 0x300, 0x200));
        f.add(value(c, "CS8", "CSIZE", 0x30, 0x30, 0x300, 0x300));
        f.add(bit(c, "CSTOPB", 0x40, 0x400));
        f.add(bit(c, "CREAD", 0x80, 0x800));
        f.add(bit(c, "PARENB", 0x100, 0x1000));
        f.add(bit(c, "PARODD", 0x200, 0x2000));
        f.add(bit(c, "HUPCL", 0x400, 0x4000));
        f.add(bit(c, "CLOCAL", 0x800, 0x8000));
        f.add(bit(c, "ADDRB", 0x20000000, 0x20000000));
        f.add(bit(c, "CMSPAR", 0x40000000, 0x40000000));
        f.add(bit(c, "CRTSCTS", 0x80000000, 0x80000000));

        Word l = Word.LFLAG;
        f.add(bit(l, "ISIG", 0x1, 0x80));
        f.add(bit(l, "ICANON", 0x2, 0x100));
        f.add(bit(l, "XCASE", 0x4, 0x4000));
        f.add(bit(l, "ECHO", 0x8, 0x8));
        f.add(bit(l, "ECHOE", 0x10, 0x2));
        f.add(bit(l, "ECHOK", 0x20, 0x4));
        f.add(bit(l, "ECHONL", 0x40, 0x10));
        f.add(bit(l, "NOFLSH", 0x80, 0x80000000));
        f.add(bit(l, "TOSTOP", 0x100, 0x400000));
        f.add(bit(l, "ECHOCTL", 0x200, 0x40));
        f.add(bit(l, "ECHOPRT", 0x400, 0x20));
        f.add(bit(l, "ECHOKE", 0x800, 0x1));
        f.add(bit(l, "FLUSHO", 0x1000, 0x800000));
        f.add(bit(l, "PENDIN", 0x4000, 0x20000000));
        f.add(bit(l, "IEXTEN", 0x8000, 0x400));
        f.add(bit(l, "EXTPROC", 0x10000, 0x10000000));
        return List.copyOf(f);
    }

    /** Every control character, by name. */
    public static final List<ControlChar> CONTROL_CHARS = List.of(
            new ControlChar("VINTR", 0, 0),
            new ControlChar("VQUIT", 1, 1),
            new ControlChar("VERASE", 2, 2),
            new ControlChar("VKILL", 3, 3),
            new ControlChar("VEOF", 4, 4),
            new ControlChar("VTIME", 5, 7),
            new ControlChar("VMIN", 6, 5),
            new ControlChar("VSWTC", 7, 9),
            new ControlChar("VSTART", 8, 13),
            new ControlChar("VSTOP", 9, 14),
            new ControlChar("VSUSP", 10, 12),
            new ControlChar("VEOL", 11, 6),
            new ControlChar("VREPRINT", 12, 11),
            new ControlChar("VDISCARD", 13, 16),
            new ControlChar("VWERASE", 14, 10),
            new ControlChar("VLNEXT", 15, 15),
            new ControlChar("VEOL2", 16, 8));

    private static final StructMember C_IFLAG = member(LAYOUT, "c_iflag");
    private static final StructMember C_OFLAG = member(LAYOUT, "c_oflag");
    private static final StructMember C_CFLAG = member(LAYOUT, "c_cflag");
    private static final StructMember C_LFLAG = member(LAYOUT, "c_lflag");
    private static final StructMember C_CC = member(LAYOUT, "c_cc");
    private static final StructMember C_LINE = member(LAYOUT, "c_line");
    private static final StructMember C_ISPEED = member(LAYOUT, "c_ispeed");
    private static final StructMember C_OSPEED = member(LAYOUT, "c_ospeed");

    /** Translates one flag word from host values to PowerPC's. */
    public static int toGuest(Word word, int hostFlags) {
        int out = 0;
        for (Flag f : FLAGS) {
            if (f.word() == word && (hostFlags & f.hostMask()) == f.hostValue()) {
                out |= f.guestValue();
            }
        }
        return out;
    }

    /** Translates one flag word from PowerPC values to the host's. */
    public static int toHost(Word word, int guestFlags) {
        int out = 0;
        for (Flag f : FLAGS) {
            if (f.word() == word && (guestFlags & f.guestMask()) == f.guestValue()) {
                out |= f.hostValue();
            }
        }
        return out;
    }

    /** The guest's {@code struct termios} bytes for the host's settings ({@code TCGETS}). */
    public static byte[] encode(HostTermios t) {
        MemorySegment s = BigEndian.allocate(LAYOUT);
        C_IFLAG.set(s, toGuest(Word.IFLAG, t.iflag()));
        C_OFLAG.set(s, toGuest(Word.OFLAG, t.oflag()));
        C_CFLAG.set(s, toGuest(Word.CFLAG, t.cflag()));
        C_LFLAG.set(s, toGuest(Word.LFLAG, t.lflag()));
        byte[] cc = new byte[NCCS];
        for (ControlChar c : CONTROL_CHARS) {
            cc[c.guestIndex()] = t.cc(c.hostIndex());
        }
        C_CC.setBytes(s, cc);
        C_LINE.set(s, t.line());
        C_ISPEED.set(s, t.ispeed());
        C_OSPEED.set(s, t.ospeed());
        return BigEndian.bytes(s);
    }

    /** The host's settings for the guest's {@code struct termios} at {@code bytes[offset]} ({@code TCSETS*}). */
    public static HostTermios decode(byte[] bytes, int offset) {
        MemorySegment s = BigEndian.view(bytes, offset, LAYOUT);
        byte[] guestCc = C_CC.getBytes(s);
        byte[] cc = new byte[HostTermios.NCCS];
        for (ControlChar c : CONTROL_CHARS) {
            cc[c.hostIndex()] = guestCc[c.guestIndex()];
        }
        return new HostTermios(
                toHost(Word.IFLAG, (int) C_IFLAG.getUnsigned(s)),
                toHost(Word.OFLAG, (int) C_OFLAG.getUnsigned(s)),
                toHost(Word.CFLAG, (int) C_CFLAG.getUnsigned(s)),
                toHost(Word.LFLAG, (int) C_LFLAG.getUnsigned(s)),
                (byte) C_LINE.getUnsigned(s),
                cc,
                (int) C_ISPEED.getUnsigned(s),
                (int) C_OSPEED.getUnsigned(s));
    }
}
