package org.ppcvm.gdb.ppc;

import org.ppcvm.gdb.protocol.Packets;

/**
 * The register packets over a {@link RegisterFile}: {@code g} and {@code G} carry every register
 * of the {@link TargetDescription} in regnum order, {@code p n} and {@code P n=v} one register.
 * Values are big-endian hex as the target stores them: 8 digits for 32-bit registers (fpscr
 * included), 16 for the FPRs.
 *
 * <p>Malformed packets and unknown register numbers throw {@link IllegalArgumentException} with a
 * message naming the problem, so the packet handler can answer {@code E NN}. A {@code G} packet
 * is checked whole before any register is written, so a bad one changes nothing.
 */
public final class RegisterMap {
    private final TargetDescription description;
    private final int gLength;

    public RegisterMap(TargetDescription description) {
        this.description = description;
        int digits = 0;
        for (Register r : description.registers()) {
            digits += r.hexDigits();
        }
        this.gLength = digits;
    }

    public TargetDescription description() {
        return description;
    }

    /** The number of hex digits in a {@code g} reply and a {@code G} packet's data. */
    public int gPacketLength() {
        return gLength;
    }

    /** The {@code g} reply: all registers in regnum order. */
    public String readAll(RegisterFile file) {
        StringBuilder sb = new StringBuilder(gLength);
        for (Register r : description.registers()) {
            sb.append(valueOf(file, r));
        }
        return sb.toString();
    }

    /**
     * Writes every register from a {@code G} packet's data (the text after {@code G}).
     *
     * @throws IllegalArgumentException if the length is not {@link #gPacketLength()} or a digit is
     *     not hex; no register is written then
     */
    public void writeAll(RegisterFile file, CharSequence hex) {
        if (hex.length() != gLength) {
            throw new IllegalArgumentException("G packet needs " + gLength + " hex digits for "
                    + description.registers().size() + " registers, got " + hex.length());
        }
        Packets.fromHex(hex);
        int at = 0;
        for (Register r : description.registers()) {
            CharSequence digits = hex.subSequence(at, at + r.hexDigits());
            at += r.hexDigits();
            store(file, r, digits);
        }
    }

    /** The value of one register as a {@code p} reply. */
    public String read(RegisterFile file, int regnum) {
        return valueOf(file, registerNumbered(regnum));
    }

    /**
     * Writes one register from its hex value.
     *
     * @throws IllegalArgumentException on an unknown number or a value of the wrong length
     */
    public void write(RegisterFile file, int regnum, CharSequence hex) {
        Register r = registerNumbered(regnum);
        if (hex.length() != r.hexDigits()) {
            throw new IllegalArgumentException(
                    r.name() + " needs " + r.hexDigits() + " hex digits, got " + hex.length() + ": " + hex);
        }
        store(file, r, hex);
    }

    /** The reply to {@code p n}, given the arguments after {@code p} (the number in hex). */
    public String readPacket(RegisterFile file, CharSequence arguments) {
        return read(file, parseRegnum(arguments));
    }

    /** Carries out {@code P n=v}, given the arguments after {@code P}. */
    public void writePacket(RegisterFile file, CharSequence arguments) {
        String args = arguments.toString();
        int eq = args.indexOf('=');
        if (eq < 0) {
            throw new IllegalArgumentException("P packet without '=': P" + args);
        }
        write(file, parseRegnum(args.substring(0, eq)), args.substring(eq + 1));
    }

    private Register registerNumbered(int regnum) {
        return description
                .register(regnum)
                .orElseThrow(() -> new IllegalArgumentException("no register number " + regnum + " (0x"
                        + Integer.toHexString(regnum) + ") in the target description"));
    }

    private static int parseRegnum(CharSequence hex) {
        if (hex.length() > 8) {
            throw new IllegalArgumentException("register number too long: " + hex);
        }
        long n = Packets.parseHexNumber(hex);
        if (n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("register number out of range: " + hex);
        }
        return (int) n;
    }

    private static String valueOf(RegisterFile file, Register r) {
        return r.isFpr() ? Packets.hex64(file.readFpr(r.regnum())) : Packets.hex32(file.readWord(r.regnum()));
    }

    private static void store(RegisterFile file, Register r, CharSequence digits) {
        if (r.isFpr()) {
            file.writeFpr(r.regnum(), Packets.parseHex64(digits));
        } else {
            file.writeWord(r.regnum(), Packets.parseHex32(digits));
        }
    }
}
