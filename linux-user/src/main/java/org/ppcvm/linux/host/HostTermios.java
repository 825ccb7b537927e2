package org.ppcvm.linux.host;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The host kernel's terminal settings ({@code struct termios2}) in the host's own flag values and
 * control-character indices ({@code asm-generic/termbits.h}); {@code org.ppcvm.linux.abi.Termios}
 * translates them to and from PowerPC's. Immutable.
 */
public final class HostTermios {
    /** {@code NCCS}: the length of {@code c_cc}. */
    public static final int NCCS = 19;

    private final int iflag;
    private final int oflag;
    private final int cflag;
    private final int lflag;
    private final byte line;
    private final byte[] cc;
    private final int ispeed;
    private final int ospeed;

    /**
     * @param iflag {@code c_iflag}
     * @param oflag {@code c_oflag}
     * @param cflag {@code c_cflag}
     * @param lflag {@code c_lflag}
     * @param line {@code c_line}, the line discipline
     * @param cc {@code c_cc}, {@link #NCCS} control characters by host index (copied)
     * @param ispeed {@code c_ispeed} in bits per second
     * @param ospeed {@code c_ospeed} in bits per second
     */
    public HostTermios(int iflag, int oflag, int cflag, int lflag, byte line, byte[] cc, int ispeed, int ospeed) {
        if (cc.length != NCCS) {
            throw new IllegalArgumentException("c_cc must have " + NCCS + " entries, not " + cc.length);
        }
        this.iflag = iflag;
        this.oflag = oflag;
        this.cflag = cflag;
        this.lflag = lflag;
        this.line = line;
        this.cc = cc.clone();
        this.ispeed = ispeed;
        this.ospeed = ospeed;
    }

    public int iflag() {
        return iflag;
    }

    public int oflag() {
        return oflag;
    }

    public int cflag() {
        return cflag;
    }

    public int lflag() {
        return lflag;
    }

    public byte line() {
        return line;
    }

    /** A copy of {@code c_cc}. */
    public byte[] cc() {
        return cc.clone();
    }

    /** {@code c_cc[index]} with a host index ({@code VINTR} = 0, {@code VMIN} = 6, ...). */
    public byte cc(int index) {
        return cc[index];
    }

    public int ispeed() {
        return ispeed;
    }

    public int ospeed() {
        return ospeed;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HostTermios t
                && iflag == t.iflag
                && oflag == t.oflag
                && cflag == t.cflag
                && lflag == t.lflag
                && line == t.line
                && Arrays.equals(cc, t.cc)
                && ispeed == t.ispeed
                && ospeed == t.ospeed;
    }

    @Override
    public int hashCode() {
        return Objects.hash(iflag, oflag, cflag, lflag, line, Arrays.hashCode(cc), ispeed, ospeed);
    }

    @Override
    public String toString() {
        return String.format(
                "HostTermios[iflag=%#x, oflag=%#x, cflag=%#x, lflag=%#x, line=%d, cc=%s, ispeed=%d, ospeed=%d]",
                iflag, oflag, cflag, lflag, line, HexFormat.of().formatHex(cc), ispeed, ospeed);
    }
}
