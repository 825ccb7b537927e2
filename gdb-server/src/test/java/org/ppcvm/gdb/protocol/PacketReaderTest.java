package org.ppcvm.gdb.protocol;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.ppcvm.gdb.protocol.PacketReader.Ack;
import org.ppcvm.gdb.protocol.PacketReader.Event;
import org.ppcvm.gdb.protocol.PacketReader.Garbage;
import org.ppcvm.gdb.protocol.PacketReader.Interrupt;
import org.ppcvm.gdb.protocol.PacketReader.Nack;
import org.ppcvm.gdb.protocol.PacketReader.Oversized;
import org.ppcvm.gdb.protocol.PacketReader.Packet;
import org.ppcvm.gdb.protocol.PacketReader.Truncated;

class PacketReaderTest {
    /** The payload limit for the mixed session: above its X packet, below its oversized one. */
    private static final int MIXED_MAX = 120;

    private static byte[] ascii(String s) {
        return s.getBytes(ISO_8859_1);
    }

    private static Packet good(String payload) {
        return new Packet(ascii(payload), true);
    }

    private static Packet bad(String payload) {
        return new Packet(ascii(payload), false);
    }

    private static List<Event> readAll(int max, String stream) {
        return new PacketReader(max).feed(ascii(stream));
    }

    /** Feeds the stream in the given chunks and merges garbage runs split across chunks. */
    private static List<Event> readChunked(int max, byte[] stream, int[] cuts) {
        PacketReader reader = new PacketReader(max);
        List<Event> events = new ArrayList<>();
        int from = 0;
        for (int cut : cuts) {
            events.addAll(reader.feed(stream, from, cut - from));
            from = cut;
        }
        events.addAll(reader.feed(stream, from, stream.length - from));
        return mergeGarbage(events);
    }

    private static List<Event> mergeGarbage(List<Event> events) {
        List<Event> merged = new ArrayList<>();
        for (Event e : events) {
            if (e instanceof Garbage(int n) && !merged.isEmpty() && merged.getLast() instanceof Garbage(int m)) {
                merged.set(merged.size() - 1, new Garbage(m + n));
            } else {
                merged.add(e);
            }
        }
        return merged;
    }

    @Test
    void readsOnePacket() {
        assertThat(readAll(4096, "$OK#9a")).containsExactly(good("OK"));
        assertThat(readAll(4096, "$#00")).containsExactly(good(""));
        assertThat(readAll(4096, "$OK#9A")).containsExactly(good("OK"));
    }

    @Test
    void reportsBadChecksumsWithThePayload() {
        assertThat(readAll(4096, "$OK#9b")).containsExactly(bad("OK"));
        assertThat(readAll(4096, "$OK#zz")).containsExactly(bad("OK"));
        assertThat(readAll(4096, "$OK#9a$OK#00+")).containsExactly(good("OK"), bad("OK"), new Ack());
    }

    @Test
    void acksNacksAndInterruptsOutsidePackets() {
        assertThat(readAll(4096, "+-\u0003+")).containsExactly(new Ack(), new Nack(), new Interrupt(), new Ack());
        assertThat(readAll(4096, "+$g#67\u0003-")).containsExactly(new Ack(), good("g"), new Interrupt(), new Nack());
    }

    @Test
    void controlBytesInsidePacketsArePayload() {
        String payload = "X10,4:+-\u0003\u0000";
        byte[] frame = Packets.frame(ascii(payload));
        assertThat(new PacketReader(4096).feed(frame)).containsExactly(good(payload));
    }

    @Test
    void skipsGarbageBetweenPackets() {
        assertThat(readAll(4096, "hello$OK#9a\r\nxy+"))
                .containsExactly(new Garbage(5), good("OK"), new Garbage(4), new Ack());
        assertThat(readAll(4096, "#9a")).containsExactly(new Garbage(3));
    }

    @Test
    void truncatedPacketIsAbandonedAtTheNextStart() {
        assertThat(readAll(4096, "$m100,$OK#9a")).containsExactly(new Truncated(5), good("OK"));
        assertThat(readAll(4096, "$OK#$OK#9a")).containsExactly(new Truncated(2), good("OK"));
        assertThat(readAll(4096, "$OK#9$OK#9a")).containsExactly(new Truncated(2), good("OK"));
    }

    @Test
    void incompletePacketWaitsForMoreBytes() {
        PacketReader reader = new PacketReader(4096);
        assertThat(reader.feed(ascii("$O"))).isEmpty();
        assertThat(reader.inPacket()).isTrue();
        assertThat(reader.feed(ascii("K#9"))).isEmpty();
        assertThat(reader.feed(ascii("a"))).containsExactly(good("OK"));
        assertThat(reader.inPacket()).isFalse();
    }

    @Test
    void oversizedPacketIsReportedOnceAndSkipped() {
        assertThat(readAll(4, "$abcd#8a")).containsExactly(new Packet(ascii("abcd"), true));
        String big = "$abcde" + "f".repeat(100) + "#00";
        assertThat(readAll(4, big + "+$OK#9a")).containsExactly(new Oversized(4), new Ack(), good("OK"));
        // The skipped tail hides control bytes and its checksum digits, even '+' and '-'.
        assertThat(readAll(4, "$abcde\u0003-+#+-$OK#9a")).containsExactly(new Oversized(4), good("OK"));
        // A new packet start inside the oversized one resynchronises at once.
        assertThat(readAll(4, "$abcdefgh$OK#9a")).containsExactly(new Oversized(4), good("OK"));
    }

    @Test
    void rejectsNonPositiveMaximum() {
        assertThatThrownBy(() -> new PacketReader(0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new PacketReader(7).maxPayload()).isEqualTo(7);
    }

    @Test
    void packetPayloadIsDefensivelyCopied() {
        byte[] bytes = ascii("ab");
        Packet p = new Packet(bytes, true);
        bytes[0] = 'z';
        p.payload()[1] = 'z';
        assertThat(p.text()).isEqualTo("ab");
        assertThat(p.toString()).contains("ab");
        assertThat(bad("x").toString()).contains("bad checksum");
        assertThat(p.hashCode()).isEqualTo(good("ab").hashCode());
    }

    /** A session with every kind of event, binary data included. */
    private static byte[] mixedStream(List<Event> expected) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] binary = new byte[48];
        for (int i = 0; i < binary.length; i++) {
            binary[i] = (byte) (i * 37 + 3);
        }
        byte[] xPacket = concat(ascii("X1000,30:"), Packets.escape(binary));
        out.writeBytes(ascii("+"));
        expected.add(new Ack());
        out.writeBytes(Packets.frame("qSupported:multiprocess+;swbreak+"));
        expected.add(good("qSupported:multiprocess+;swbreak+"));
        out.writeBytes(ascii("junk"));
        expected.add(new Garbage(4));
        out.writeBytes(Packets.frame(xPacket));
        assertThat(xPacket.length).isLessThanOrEqualTo(MIXED_MAX);
        expected.add(new Packet(xPacket, true));
        out.writeBytes(ascii("\u0003-"));
        expected.add(new Interrupt());
        expected.add(new Nack());
        out.writeBytes(ascii("$vCont;c#00"));
        expected.add(bad("vCont;c"));
        out.writeBytes(ascii("$m10"));
        expected.add(new Truncated(3));
        out.writeBytes(ascii("$" + "y".repeat(MIXED_MAX + 20) + "#00"));
        expected.add(new Oversized(MIXED_MAX));
        out.writeBytes(Packets.frame("vCont;s:p1.1"));
        expected.add(good("vCont;s:p1.1"));
        return out.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void splitAtEveryPositionGivesTheSameEvents() {
        List<Event> expected = new ArrayList<>();
        byte[] stream = mixedStream(expected);
        assertThat(readChunked(MIXED_MAX, stream, new int[0])).containsExactlyElementsOf(expected);
        for (int cut = 0; cut <= stream.length; cut++) {
            assertThat(readChunked(MIXED_MAX, stream, new int[] {cut}))
                    .as("split at %d", cut)
                    .containsExactlyElementsOf(expected);
        }
    }

    @Test
    void byteAtATimeAndRandomChunksGiveTheSameEvents() {
        List<Event> expected = new ArrayList<>();
        byte[] stream = mixedStream(expected);
        int[] everyByte = new int[stream.length];
        for (int i = 0; i < stream.length; i++) {
            everyByte[i] = i;
        }
        assertThat(readChunked(MIXED_MAX, stream, everyByte)).containsExactlyElementsOf(expected);
        long seed = new Random().nextLong();
        Random random = new Random(seed);
        for (int n = 0; n < 300; n++) {
            int[] cuts = random.ints(random.nextInt(12), 0, stream.length + 1)
                    .sorted()
                    .toArray();
            assertThat(readChunked(MIXED_MAX, stream, cuts))
                    .as("seed %d, cuts %s", seed, java.util.Arrays.toString(cuts))
                    .containsExactlyElementsOf(expected);
        }
    }

    @Test
    void everyPairOfSplitsOfASmallStream() {
        byte[] stream = ascii("+$OK#9a\u0003z$g#67-");
        List<Event> expected = List.of(new Ack(), good("OK"), new Interrupt(), new Garbage(1), good("g"), new Nack());
        for (int a = 0; a <= stream.length; a++) {
            for (int b = a; b <= stream.length; b++) {
                assertThat(readChunked(4096, stream, new int[] {a, b}))
                        .as("splits %d %d", a, b)
                        .containsExactlyElementsOf(expected);
            }
        }
    }
}
