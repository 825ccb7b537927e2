package org.ppcvm.gdb.protocol;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PacketsTest {
    private static byte[] ascii(String s) {
        return s.getBytes(ISO_8859_1);
    }

    private static String text(byte[] b) {
        return new String(b, ISO_8859_1);
    }

    /** A checksum computed independently of the code under test: a plain sum of chars. */
    private static String referenceFrame(String payload) {
        int sum = payload.chars().sum() % 256;
        return "$" + payload + "#" + String.format("%02x", sum);
    }

    @Test
    void framesWithTwoLowercaseHexDigits() {
        // The manual's own example reply: 'O' + 'K' = 0x9a.
        assertThat(text(Packets.frame("OK"))).isEqualTo("$OK#9a");
        assertThat(text(Packets.frame(""))).isEqualTo("$#00");
        for (String p : new String[] {"qSupported:multiprocess+", "g", "m10000,4", "T05thread:p1.1;", "\u00ff\u00ff"}) {
            assertThat(text(Packets.frame(p))).isEqualTo(referenceFrame(p));
        }
    }

    @Test
    void checksumWrapsModulo256() {
        byte[] b = new byte[300];
        java.util.Arrays.fill(b, (byte) 0xff);
        assertThat(Packets.checksum(b)).isEqualTo(300 * 255 % 256);
        assertThat(Packets.checksum(ascii("abc"), 1, 2)).isEqualTo('b' + 'c');
    }

    @Test
    void frameRoundTripsRandomEscapedPayloads() {
        long seed = new Random().nextLong();
        Random random = new Random(seed);
        for (int n = 0; n < 500; n++) {
            byte[] data = new byte[random.nextInt(200)];
            random.nextBytes(data);
            byte[] escaped = Packets.escape(data);
            byte[] framed = Packets.frame(escaped);
            assertThat(Packets.unescape(Packets.unframe(framed)))
                    .as("seed %d", seed)
                    .isEqualTo(data);
        }
    }

    @Test
    void unframeRejectsBadChecksumAndMalformedFrames() {
        assertThat(Packets.unframe(ascii("$OK#9a"))).isEqualTo(ascii("OK"));
        assertThat(Packets.unframe(ascii("$OK#9A"))).isEqualTo(ascii("OK"));
        assertThatThrownBy(() -> Packets.unframe(ascii("$OK#9b"))).hasMessageContaining("checksum");
        assertThatThrownBy(() -> Packets.unframe(ascii("$OK#zz"))).hasMessageContaining("hex");
        assertThatThrownBy(() -> Packets.unframe(ascii("OK#9a"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Packets.unframe(ascii("$OK#9"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Packets.unframe(ascii("$OK9a"))).isInstanceOf(IllegalArgumentException.class);
        byte[] inner = Packets.frame(ascii("a#b"));
        assertThatThrownBy(() -> Packets.unframe(inner)).hasMessageContaining("unescaped");
    }

    @Test
    void escapesExactlyTheFourSpecialBytes() {
        for (int b = 0; b < 256; b++) {
            byte[] escaped = Packets.escape(new byte[] {(byte) b});
            boolean special = b == '#' || b == '$' || b == '}' || b == '*';
            if (special) {
                assertThat(escaped).as("byte %02x", b).containsExactly('}', b ^ 0x20);
            } else {
                assertThat(escaped).as("byte %02x", b).containsExactly(b);
            }
            assertThat(Packets.needsEscape(b)).isEqualTo(special);
            assertThat(Packets.unescape(escaped)).containsExactly(b);
        }
        assertThat(text(Packets.escape(ascii("#$}*")))).isEqualTo("}\u0003}\u0004}]}\n");
    }

    @Test
    void unescapesAnyByteAfterTheEscape() {
        assertThat(Packets.unescape(ascii("a}Ab"))).isEqualTo(ascii("aab"));
        assertThat(Packets.unescape(ascii("xa}Ab"), 1, 3)).isEqualTo(ascii("aa"));
        assertThatThrownBy(() -> Packets.unescape(ascii("ab}"))).hasMessageContaining("end");
    }

    @Test
    void decodesRunLengthWithTheManualsExample() {
        // The manual: "0* " means the same as "0000".
        assertThat(text(Packets.decodeRunLength(ascii("0* ")))).isEqualTo("0000");
        assertThat(text(Packets.decodeRunLength(ascii("ab*\"c")))).isEqualTo("abbbbbbc");
        assertThat(text(Packets.decodeRunLength(ascii("no runs")))).isEqualTo("no runs");
    }

    @ParameterizedTest
    @ValueSource(ints = {29, 30, 31, 32, 35, 36, 43, 45, 100, 126})
    void decodesEveryCountByteAsCountMinus29Repeats(int count) {
        byte[] decoded = Packets.decodeRunLength(new byte[] {'x', '*', (byte) count, 'y'});
        assertThat(text(decoded)).isEqualTo("x".repeat(1 + count - 29) + "y");
    }

    @Test
    void decodingRepeatsTheRawByteBeforeTheMark() {
        // A count after an escape repeats the escape's second byte; unescaping comes afterwards.
        byte[] rle = Packets.decodeRunLength(ascii("}]* "));
        assertThat(text(rle)).isEqualTo("}]]]]");
        assertThat(text(Packets.unescape(rle))).isEqualTo("}]]]");
        // Two counts in a row both repeat the same byte.
        assertThat(text(Packets.decodeRunLength(ascii("a* * ")))).isEqualTo("a" + "a".repeat(6));
    }

    @Test
    void decodeRejectsMalformedRuns() {
        assertThatThrownBy(() -> Packets.decodeRunLength(ascii("* "))).hasMessageContaining("nothing to repeat");
        assertThatThrownBy(() -> Packets.decodeRunLength(ascii("a*"))).hasMessageContaining("without a count");
        assertThatThrownBy(() -> Packets.decodeRunLength(new byte[] {'a', '*', 28}))
                .hasMessageContaining("count byte");
        assertThatThrownBy(() -> Packets.decodeRunLength(new byte[] {'a', '*', 127}))
                .hasMessageContaining("count byte");
    }

    @Test
    void encodesRunsOfEveryLengthWithoutForbiddenCountBytes() {
        for (int length = 1; length <= 400; length++) {
            byte[] payload = ascii("<" + "0".repeat(length) + ">");
            byte[] encoded = Packets.encodeRunLength(payload);
            for (int i = 0; i < encoded.length; i++) {
                if (encoded[i] == '*') {
                    int count = encoded[i + 1];
                    assertThat(count).as("run of %d", length).isBetween(32, 126);
                    assertThat((char) count).as("run of %d", length).isNotIn('#', '$', '+', '-');
                }
            }
            assertThat(Packets.decodeRunLength(encoded)).as("run of %d", length).isEqualTo(payload);
            if (length >= 4) {
                assertThat(encoded.length).as("run of %d", length).isLessThan(payload.length);
            } else {
                assertThat(encoded).isEqualTo(payload);
            }
        }
        assertThat(text(Packets.encodeRunLength(ascii("0000")))).isEqualTo("0* ");
        // Seven zeros would need '#' (6 repeats): one repeat less, then a literal.
        assertThat(text(Packets.encodeRunLength(ascii("0000000")))).isEqualTo("0*\"0");
    }

    @Test
    void aLongRunIsCutIntoTheLongestRunsTheEncodingAllows() {
        // A page of zeros read by gdb: 8 KiB of bytes, 16 KiB of '0's in the reply.
        byte[] zeros = ascii("0".repeat(16 * 1024));

        byte[] encoded = Packets.encodeRunLength(zeros);

        assertThat(Packets.decodeRunLength(encoded)).isEqualTo(zeros);
        // 167 runs of 98 characters ('0', '*', '~' = 97 repeats), then one of the last 18 ('0', '*',
        // '.' = 17 repeats): three bytes each.
        assertThat(encoded.length).isEqualTo(3 * 168);
    }

    @Test
    void runLengthRoundTripsRandomEscapedData() {
        long seed = new Random().nextLong();
        Random random = new Random(seed);
        for (int n = 0; n < 500; n++) {
            byte[] data = new byte[random.nextInt(300)];
            for (int i = 0; i < data.length; ) {
                byte b = (byte) random.nextInt(256);
                int run = Math.min(data.length - i, 1 + random.nextInt(random.nextBoolean() ? 4 : 150));
                java.util.Arrays.fill(data, i, i + run, b);
                i += run;
            }
            byte[] wire = Packets.encodeRunLength(Packets.escape(data));
            assertThat(Packets.unescape(Packets.decodeRunLength(wire)))
                    .as("seed %d", seed)
                    .isEqualTo(data);
            assertThat(Packets.unescape(Packets.decodeRunLength(Packets.unframe(Packets.frame(wire)))))
                    .as("seed %d", seed)
                    .isEqualTo(data);
        }
    }

    @Test
    void encodeRefusesRawRunMark() {
        assertThatThrownBy(() -> Packets.encodeRunLength(ascii("a*b"))).hasMessageContaining("'*'");
    }

    @Test
    void hexCodecs() {
        assertThat(Packets.toHex(new byte[] {0, 1, (byte) 0xab, (byte) 0xff})).isEqualTo("0001abff");
        assertThat(Packets.toHex(new byte[] {9, 8, 7}, 1, 2)).isEqualTo("0807");
        assertThat(Packets.fromHex("0001abFF")).containsExactly(0, 1, 0xab, 0xff);
        assertThat(Packets.fromHex("")).isEmpty();
        assertThatThrownBy(() -> Packets.fromHex("abc")).hasMessageContaining("odd");
        assertThatThrownBy(() -> Packets.fromHex("0g")).hasMessageContaining("not hex");
        for (int c = 0; c < 256; c++) {
            int expected = Character.digit(c, 16);
            assertThat(Packets.hexValue(c)).as("char %d", c).isEqualTo(c < 128 ? expected : -1);
        }
        byte[] all = new byte[256];
        for (int i = 0; i < 256; i++) {
            all[i] = (byte) i;
        }
        assertThat(Packets.fromHex(Packets.toHex(all))).isEqualTo(all);
    }

    @Test
    void registerValuesAreBigEndian() {
        assertThat(Packets.hex32(0x10000054)).isEqualTo("10000054");
        assertThat(Packets.hex32(-1)).isEqualTo("ffffffff");
        assertThat(Packets.hex32(0x7f)).isEqualTo("0000007f");
        assertThat(Packets.hex64(Double.doubleToRawLongBits(1.0))).isEqualTo("3ff0000000000000");
        assertThat(Packets.parseHex32("deadBEEF")).isEqualTo(0xdeadbeef);
        assertThat(Packets.parseHex64("3ff0000000000000")).isEqualTo(Double.doubleToRawLongBits(1.0));
        assertThatThrownBy(() -> Packets.parseHex32("1234")).hasMessageContaining("8 hex digits");
        assertThatThrownBy(() -> Packets.parseHex64("1234")).hasMessageContaining("16 hex digits");
        long seed = new Random().nextLong();
        Random random = new Random(seed);
        for (int n = 0; n < 1000; n++) {
            int v = random.nextInt();
            long w = random.nextLong();
            assertThat(Packets.parseHex32(Packets.hex32(v))).as("seed %d", seed).isEqualTo(v);
            assertThat(Packets.parseHex64(Packets.hex64(w))).as("seed %d", seed).isEqualTo(w);
            assertThat(Packets.hex32(v)).isEqualTo(String.format("%08x", v));
        }
    }

    @Test
    void parsesHexNumbers() {
        assertThat(Packets.parseHexNumber("0")).isZero();
        assertThat(Packets.parseHexNumber("10000")).isEqualTo(0x10000);
        assertThat(Packets.parseHexNumber("ffffffffffffffff")).isEqualTo(-1L);
        assertThatThrownBy(() -> Packets.parseHexNumber("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Packets.parseHexNumber("1".repeat(17))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Packets.parseHexNumber("-1")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void errorAndOutputReplies() {
        assertThat(Packets.error(1)).isEqualTo("E01");
        assertThat(Packets.error(0x16)).isEqualTo("E16");
        assertThat(Packets.error(255)).isEqualTo("Eff");
        assertThatThrownBy(() -> Packets.error(256)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Packets.error(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(Packets.ok()).isEqualTo("OK");
        assertThat(Packets.output("hi\n")).isEqualTo("O68690a");
        assertThat(Packets.output("é")).isEqualTo("Oc3a9");
    }
}
