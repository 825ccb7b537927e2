package org.ppcvm.gdb.protocol;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The byte-level rules of the GDB remote serial protocol as pure functions: framing, checksums,
 * the {@code }} escape of binary data, run-length encoding, hex codecs and the small reply forms
 * ({@code E NN}, {@code O hex}).
 *
 * <p>The layers apply in this order when sending: payload text or binary data, then {@link
 * #escape} (binary data only), then optionally {@link #encodeRunLength} (replies only; gdb never
 * sends run-length encoded packets), then {@link #frame}. A receiver undoes them in reverse:
 * {@link PacketReader} strips the frame and checks the checksum, then the caller applies {@link
 * #decodeRunLength} and, for the binary packets ({@code X}, {@code vFile:pwrite}), {@link
 * #unescape}. Run-length decoding must come first because a count repeats the raw byte before it,
 * which may be the second byte of an escape.
 *
 * <p>Malformed input is reported with {@link IllegalArgumentException}, so a packet handler can
 * answer an error reply instead of closing the connection.
 */
public final class Packets {
    /** The byte that starts a packet. */
    public static final byte START = '$';

    /** The byte that ends a packet's payload; two hex checksum digits follow. */
    public static final byte END = '#';

    /** The byte that starts an escape: the next byte is the escaped byte XOR 0x20. */
    public static final byte ESCAPE = '}';

    /** The byte that marks a run-length count: the next byte minus 29 is the number of repeats. */
    public static final byte RUN = '*';

    /** A positive acknowledgement, outside packets. */
    public static final byte ACK = '+';

    /** A negative acknowledgement (please retransmit), outside packets. */
    public static final byte NACK = '-';

    /** Ctrl-C: gdb asks a running target to stop, sent outside any packet. */
    public static final byte INTERRUPT = 0x03;

    /** What an escaped byte is XORed with. */
    private static final int ESCAPE_XOR = 0x20;

    /** The run-length count byte is the number of extra repeats plus this offset. */
    private static final int RUN_OFFSET = 29;

    /** The encoder emits runs of at least this many extra repeats (the count byte is then a space or later). */
    private static final int MIN_RUN_REPEATS = 3;

    /** The largest count byte is '~' (126): above it the byte is not printable. */
    private static final int MAX_RUN_REPEATS = 126 - RUN_OFFSET;

    private static final byte[] HEX_DIGITS = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private Packets() {}

    // ---- framing -------------------------------------------------------------------------------

    /** The protocol checksum: the sum of the bytes modulo 256. */
    public static int checksum(byte[] bytes, int offset, int length) {
        int sum = 0;
        for (int i = offset; i < offset + length; i++) {
            sum += bytes[i] & 0xff;
        }
        return sum & 0xff;
    }

    /** The protocol checksum of a whole array. */
    public static int checksum(byte[] bytes) {
        return checksum(bytes, 0, bytes.length);
    }

    /**
     * {@code $payload#cs} with the checksum as two lowercase hex digits. The payload is sent as
     * is: binary data must already be {@linkplain #escape escaped}, since a raw {@code #} would end
     * the packet early.
     */
    public static byte[] frame(byte[] payload) {
        byte[] out = new byte[payload.length + 4];
        out[0] = START;
        System.arraycopy(payload, 0, out, 1, payload.length);
        int cs = checksum(payload);
        out[payload.length + 1] = END;
        out[payload.length + 2] = HEX_DIGITS[cs >>> 4];
        out[payload.length + 3] = HEX_DIGITS[cs & 0xf];
        return out;
    }

    /** {@link #frame(byte[])} of a text payload in ASCII. */
    public static byte[] frame(String payload) {
        return frame(payload.getBytes(StandardCharsets.ISO_8859_1));
    }

    /**
     * The payload of one complete frame {@code $payload#cs}, after verifying the checksum.
     *
     * @throws IllegalArgumentException if the bytes are not one frame or the checksum is wrong
     */
    public static byte[] unframe(byte[] frame) {
        int n = frame.length;
        if (n < 4 || frame[0] != START || frame[n - 3] != END) {
            throw new IllegalArgumentException("not a $payload#cs frame");
        }
        int expected = parseChecksum(frame[n - 2], frame[n - 1]);
        if (expected < 0) {
            throw new IllegalArgumentException("checksum digits are not hex");
        }
        if (expected != checksum(frame, 1, n - 4)) {
            throw new IllegalArgumentException("bad checksum");
        }
        for (int i = 1; i < n - 3; i++) {
            if (frame[i] == START || frame[i] == END) {
                throw new IllegalArgumentException("unescaped '$' or '#' inside the payload");
            }
        }
        byte[] payload = new byte[n - 4];
        System.arraycopy(frame, 1, payload, 0, payload.length);
        return payload;
    }

    /** The checksum written as two hex digits (either case), or -1 if they are not hex. */
    static int parseChecksum(byte high, byte low) {
        int h = hexValue(high);
        int l = hexValue(low);
        return h < 0 || l < 0 ? -1 : h << 4 | l;
    }

    // ---- escaping of binary data -----------------------------------------------------------------

    /** Whether a byte of binary data must be escaped: the frame delimiters, the escape and the run marker. */
    public static boolean needsEscape(int b) {
        return b == START || b == END || b == ESCAPE || b == RUN;
    }

    /** Binary data with each of {@code # $ } *} written as {@code }} followed by the byte XOR 0x20. */
    public static byte[] escape(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length + data.length / 16 + 1);
        for (byte b : data) {
            if (needsEscape(b)) {
                out.write(ESCAPE);
                out.write(b ^ ESCAPE_XOR);
            } else {
                out.write(b);
            }
        }
        return out.toByteArray();
    }

    /**
     * The binary data of an escaped payload. Any byte after {@code }} is unescaped, not only the
     * four that {@link #escape} produces, as gdb's own reader does.
     *
     * @throws IllegalArgumentException if the payload ends inside an escape
     */
    public static byte[] unescape(byte[] escaped, int offset, int length) {
        byte[] out = new byte[length];
        int n = 0;
        for (int i = offset; i < offset + length; i++) {
            byte b = escaped[i];
            if (b == ESCAPE) {
                if (++i == offset + length) {
                    throw new IllegalArgumentException("escape '}' at the end of the data");
                }
                out[n++] = (byte) (escaped[i] ^ ESCAPE_XOR);
            } else {
                out[n++] = b;
            }
        }
        return Arrays.copyOf(out, n);
    }

    /** {@link #unescape(byte[], int, int)} of a whole array. */
    public static byte[] unescape(byte[] escaped) {
        return unescape(escaped, 0, escaped.length);
    }

    // ---- run-length encoding -------------------------------------------------------------------

    /**
     * A payload with run-length counts expanded: {@code X*n} stands for X followed by n - 29 more
     * copies of X, where X is the raw byte before the {@code *}.
     *
     * @throws IllegalArgumentException if a {@code *} has no byte before it or no count after it,
     *     or the count byte is below 29 or above 126
     */
    public static byte[] decodeRunLength(byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(payload.length);
        int last = -1;
        for (int i = 0; i < payload.length; i++) {
            int b = payload[i] & 0xff;
            if (b != RUN) {
                out.write(b);
                last = b;
                continue;
            }
            if (last < 0) {
                throw new IllegalArgumentException("run-length '*' with nothing to repeat at " + i);
            }
            if (++i == payload.length) {
                throw new IllegalArgumentException("run-length '*' without a count at the end");
            }
            int count = payload[i] & 0xff;
            if (count < RUN_OFFSET || count > RUN_OFFSET + MAX_RUN_REPEATS) {
                throw new IllegalArgumentException("run-length count byte 0x" + Integer.toHexString(count));
            }
            for (int r = 0; r < count - RUN_OFFSET; r++) {
                out.write(last);
            }
            // The byte before a second '*' is still X, so X*nX*n and X*n*n both mean the same.
        }
        return out.toByteArray();
    }

    /**
     * A reply payload with runs of four or more equal bytes shortened to {@code X*n}. The count byte
     * is printable and never {@code #} or {@code $} (they would break the frame) nor {@code +} or
     * {@code -} (gdb's manual and gdbserver avoid them too, so an acknowledgement-looking byte never
     * follows a {@code *}); a run that would need one is shortened by a repeat or two.
     *
     * @throws IllegalArgumentException if the payload contains a raw {@code *} (binary data must be
     *     {@linkplain #escape escaped} first), since the decoder would read it as a count
     */
    public static byte[] encodeRunLength(byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(payload.length);
        int i = 0;
        while (i < payload.length) {
            byte b = payload[i];
            if (b == RUN) {
                throw new IllegalArgumentException("raw '*' in a payload to run-length encode at " + i);
            }
            // Looks no further than one encoded run can reach, so long runs cost linear time.
            int run = 1;
            while (run <= MAX_RUN_REPEATS && i + run < payload.length && payload[i + run] == b) {
                run++;
            }
            int repeats = usableRepeats(run - 1);
            out.write(b);
            if (repeats >= MIN_RUN_REPEATS) {
                out.write(RUN);
                out.write(RUN_OFFSET + repeats);
                i += 1 + repeats;
            } else {
                i += 1;
            }
        }
        return out.toByteArray();
    }

    /** The largest repeat count not above {@code repeats} whose count byte is allowed. */
    private static int usableRepeats(int repeats) {
        int r = repeats;
        while (r >= MIN_RUN_REPEATS && isForbiddenCount(RUN_OFFSET + r)) {
            r--;
        }
        return r;
    }

    private static boolean isForbiddenCount(int countByte) {
        return countByte == START || countByte == END || countByte == ACK || countByte == NACK;
    }

    // ---- hex -----------------------------------------------------------------------------------

    /** The value of one hex digit (either case), or -1. */
    public static int hexValue(int c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    /** Bytes as lowercase hex, two digits each, in order. */
    public static String toHex(byte[] bytes, int offset, int length) {
        byte[] out = new byte[length * 2];
        for (int i = 0; i < length; i++) {
            int b = bytes[offset + i] & 0xff;
            out[2 * i] = HEX_DIGITS[b >>> 4];
            out[2 * i + 1] = HEX_DIGITS[b & 0xf];
        }
        return new String(out, StandardCharsets.US_ASCII);
    }

    /** {@link #toHex(byte[], int, int)} of a whole array. */
    public static String toHex(byte[] bytes) {
        return toHex(bytes, 0, bytes.length);
    }

    /**
     * The bytes written as pairs of hex digits.
     *
     * @throws IllegalArgumentException on an odd length or a non-hex character
     */
    public static byte[] fromHex(CharSequence hex) {
        if (hex.length() % 2 != 0) {
            throw new IllegalArgumentException("odd number of hex digits: " + hex.length());
        }
        byte[] out = new byte[hex.length() / 2];
        for (int i = 0; i < out.length; i++) {
            int h = hexValue(hex.charAt(2 * i));
            int l = hexValue(hex.charAt(2 * i + 1));
            if (h < 0 || l < 0) {
                throw new IllegalArgumentException("not hex at " + 2 * i + ": " + hex);
            }
            out[i] = (byte) (h << 4 | l);
        }
        return out;
    }

    /** A 32-bit register value as gdb reads it from a big-endian target: 8 digits, most significant first. */
    public static String hex32(int value) {
        return toHex(new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value});
    }

    /** A 64-bit register value (an FPR's bits) big-endian: 16 digits, most significant first. */
    public static String hex64(long value) {
        return hex32((int) (value >>> 32)) + hex32((int) value);
    }

    /**
     * A 32-bit big-endian register value from exactly 8 hex digits.
     *
     * @throws IllegalArgumentException on another length or a non-hex character
     */
    public static int parseHex32(CharSequence hex) {
        if (hex.length() != 8) {
            throw new IllegalArgumentException("a 32-bit value needs 8 hex digits: " + hex);
        }
        return (int) parseHexNumber(hex);
    }

    /**
     * A 64-bit big-endian register value from exactly 16 hex digits.
     *
     * @throws IllegalArgumentException on another length or a non-hex character
     */
    public static long parseHex64(CharSequence hex) {
        if (hex.length() != 16) {
            throw new IllegalArgumentException("a 64-bit value needs 16 hex digits: " + hex);
        }
        return parseHexNumber(hex);
    }

    /**
     * A number written in hex without leading zeros required, as in {@code m addr,len}: 1 to 16
     * digits, unsigned.
     *
     * @throws IllegalArgumentException if empty, too long or not hex
     */
    public static long parseHexNumber(CharSequence hex) {
        if (hex.isEmpty() || hex.length() > 16) {
            throw new IllegalArgumentException("not a hex number of 1 to 16 digits: '" + hex + "'");
        }
        long value = 0;
        for (int i = 0; i < hex.length(); i++) {
            int d = hexValue(hex.charAt(i));
            if (d < 0) {
                throw new IllegalArgumentException("not hex: '" + hex + "'");
            }
            value = value << 4 | d;
        }
        return value;
    }

    // ---- reply forms ---------------------------------------------------------------------------

    /** The error reply {@code Enn}: two hex digits of an errno-like code 0 to 255. */
    public static String error(int code) {
        if (code < 0 || code > 0xff) {
            throw new IllegalArgumentException("error code out of 0..255: " + code);
        }
        return "E" + toHex(new byte[] {(byte) code});
    }

    /** The reply {@code OK}. */
    public static String ok() {
        return "OK";
    }

    /**
     * A console output packet {@code O<hex>}: gdb prints the text, used for a {@code qRcmd}
     * ({@code monitor}) command's output before its final {@code OK}. The text is sent as UTF-8.
     */
    public static String output(String text) {
        return "O" + toHex(text.getBytes(StandardCharsets.UTF_8));
    }
}
