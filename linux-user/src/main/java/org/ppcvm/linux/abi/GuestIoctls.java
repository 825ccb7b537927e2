package org.ppcvm.linux.abi;

import java.util.List;

/**
 * The guest's numbers for the terminal and file {@code ioctl} requests that {@code
 * org.ppcvm.linux.host.HostOs} serves. PowerPC encodes most of them with {@code _IOR}/{@code _IOW}
 * (direction, size, type and number), unlike x86-64's plain {@code 0x54xx}; {@code
 * GuestAbiLayoutTest} checks each against the cross compiler's headers.
 */
public final class GuestIoctls {
    private GuestIoctls() {}

    /** {@code _IOR('t', 19, struct termios)}. */
    public static final int TCGETS = 0x402c7413;

    /** {@code _IOW('t', 20, struct termios)}. */
    public static final int TCSETS = 0x802c7414;

    /** {@code _IOW('t', 21, struct termios)}. */
    public static final int TCSETSW = 0x802c7415;

    /** {@code _IOW('t', 22, struct termios)}. */
    public static final int TCSETSF = 0x802c7416;

    /** {@code _IOW('t', 103, struct winsize)}. */
    public static final int TIOCSWINSZ = 0x80087467;

    /** {@code _IOR('t', 104, struct winsize)}. */
    public static final int TIOCGWINSZ = 0x40087468;

    /** {@code _IOW('t', 118, int)}. */
    public static final int TIOCSPGRP = 0x80047476;

    /** {@code _IOR('t', 119, int)}. */
    public static final int TIOCGPGRP = 0x40047477;

    /** {@code _IOW('f', 126, int)}. */
    public static final int FIONBIO = 0x8004667e;

    /** {@code _IOR('f', 127, int)}. */
    public static final int FIONREAD = 0x4004667f;

    /** The same number as on x86-64. */
    public static final int TIOCGSID = 0x5429;

    /**
     * A request by its C name.
     *
     * @param name the C name
     * @param value the PowerPC number
     */
    public record Request(String name, int value) {}

    /** Every constant above, for the header check. */
    public static final List<Request> ALL = List.of(
            new Request("TCGETS", TCGETS),
            new Request("TCSETS", TCSETS),
            new Request("TCSETSW", TCSETSW),
            new Request("TCSETSF", TCSETSF),
            new Request("TIOCSWINSZ", TIOCSWINSZ),
            new Request("TIOCGWINSZ", TIOCGWINSZ),
            new Request("TIOCSPGRP", TIOCSPGRP),
            new Request("TIOCGPGRP", TIOCGPGRP),
            new Request("FIONBIO", FIONBIO),
            new Request("FIONREAD", FIONREAD),
            new Request("TIOCGSID", TIOCGSID));
}
