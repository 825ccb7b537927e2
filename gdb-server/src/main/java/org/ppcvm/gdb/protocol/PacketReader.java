package org.ppcvm.gdb.protocol;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An incremental parser of the bytes gdb sends: fed chunks split anywhere (as a socket delivers
 * them), it yields {@link Event}s in order.
 *
 * <p>Outside a packet, {@code +}, {@code -} and 0x03 are events of their own; any other byte
 * except {@code $} is skipped and reported as {@link Garbage} (consecutive skipped bytes of one
 * {@link #feed} call are one event). Inside a packet every byte up to {@code #} is payload,
 * including 0x03 and {@code +}, because binary {@code X} data escapes only {@code # $ } *}. The two
 * bytes after {@code #} are the checksum; the {@link Packet} event says whether it matched. The
 * reader never strips escapes or run-length counts: see {@link Packets} for the order.
 *
 * <p>A {@code $} inside a packet, before its second checksum digit, abandons the partial packet
 * ({@link Truncated}) and starts a new one, so a sender that restarts a packet is followed. A payload longer than the maximum yields
 * {@link Oversized} once; the rest of that packet, up to and including its checksum, is dropped
 * silently and reading resumes at the next {@code $} (a {@code $} before the {@code #} counts).
 *
 * <p>Acknowledgement is the caller's business, since only the caller knows whether {@code
 * QStartNoAckMode} has been agreed. In ack mode the caller answers a {@link Packet} with {@code +}
 * when its checksum is good and {@code -} when not (gdb then retransmits), and may answer {@link
 * Oversized} with {@code -} or an error reply. In no-ack mode nothing is sent; the checksum is still
 * reported and a caller may choose to act on a packet whose checksum is bad (over TCP it indicates
 * a bug, not line noise). {@link Ack} and {@link Nack} events answer the caller's own replies: on a
 * {@code -} in ack mode the caller resends its last packet.
 *
 * <p>Not thread-safe: one reader per connection, fed by its reading thread.
 */
public final class PacketReader {
    /** What the reader found in the byte stream. */
    public sealed interface Event permits Packet, Ack, Nack, Interrupt, Garbage, Oversized, Truncated {}

    /**
     * A complete packet: the raw payload between {@code $} and {@code #}, and whether the two
     * checksum digits (either case) matched the sum of that payload. The array is copied in and
     * out and compared by content, so the record stays a value.
     */
    @SuppressWarnings("ArrayRecordComponent")
    public record Packet(byte[] payload, boolean checksumOk) implements Event {
        public Packet {
            payload = payload.clone();
        }

        /** A copy of the payload. */
        @Override
        public byte[] payload() {
            return payload.clone();
        }

        /** The payload as ISO-8859-1 text: one char per byte, so binary data survives. */
        public String text() {
            return new String(payload, StandardCharsets.ISO_8859_1);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Packet p && checksumOk == p.checksumOk && Arrays.equals(payload, p.payload);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(payload) * 31 + Boolean.hashCode(checksumOk);
        }

        @Override
        public String toString() {
            return "Packet[" + text() + (checksumOk ? "" : ", bad checksum") + "]";
        }
    }

    /** {@code +} outside a packet: the peer received our last packet. */
    public record Ack() implements Event {}

    /** {@code -} outside a packet: the peer asks us to resend our last packet. */
    public record Nack() implements Event {}

    /** 0x03 outside a packet: gdb asks the running target to stop (Ctrl-C). */
    public record Interrupt() implements Event {}

    /** Bytes outside packets that mean nothing, skipped. */
    public record Garbage(int length) implements Event {}

    /** A packet whose payload passed {@code maxPayload} bytes; the rest of it is dropped. */
    public record Oversized(int maxPayload) implements Event {}

    /** A packet cut short by a new {@code $} before its {@code #}; {@code length} payload bytes were dropped. */
    public record Truncated(int length) implements Event {}

    private enum State {
        /** Between packets. */
        IDLE,
        /** After {@code $}, collecting payload. */
        PAYLOAD,
        /** After {@code #}, waiting for the first checksum digit. */
        CHECKSUM_HIGH,
        /** Waiting for the second checksum digit. */
        CHECKSUM_LOW,
        /** Inside an oversized packet, waiting for its {@code #}. */
        SKIP_PAYLOAD,
        /** After an oversized packet's {@code #}, skipping its two checksum digits. */
        SKIP_CHECKSUM_HIGH,
        SKIP_CHECKSUM_LOW
    }

    private final int maxPayload;
    private final ByteArrayOutputStream payload = new ByteArrayOutputStream();
    private State state = State.IDLE;
    private byte checksumHigh;

    /**
     * A reader for packets of at most {@code maxPayload} payload bytes (the {@code PacketSize}
     * advertised in {@code qSupported}, less the four framing bytes, is a good choice).
     */
    public PacketReader(int maxPayload) {
        if (maxPayload < 1) {
            throw new IllegalArgumentException("maxPayload must be positive: " + maxPayload);
        }
        this.maxPayload = maxPayload;
    }

    /** The largest payload accepted. */
    public int maxPayload() {
        return maxPayload;
    }

    /** Whether the reader is in the middle of a packet (bytes fed since its {@code $} are buffered). */
    public boolean inPacket() {
        return state != State.IDLE;
    }

    /** Parses the next chunk and returns the events it completes, in order. */
    public List<Event> feed(byte[] chunk, int offset, int length) {
        List<Event> events = new ArrayList<>();
        int garbage = 0;
        for (int i = offset; i < offset + length; i++) {
            byte b = chunk[i];
            if (state == State.IDLE && !isEventByte(b)) {
                garbage++;
                continue;
            }
            if (garbage > 0) {
                events.add(new Garbage(garbage));
                garbage = 0;
            }
            step(b, events);
        }
        if (garbage > 0) {
            events.add(new Garbage(garbage));
        }
        return events;
    }

    /** {@link #feed(byte[], int, int)} of a whole array. */
    public List<Event> feed(byte[] chunk) {
        return feed(chunk, 0, chunk.length);
    }

    private static boolean isEventByte(byte b) {
        return b == Packets.START || b == Packets.ACK || b == Packets.NACK || b == Packets.INTERRUPT;
    }

    private void step(byte b, List<Event> events) {
        switch (state) {
            case IDLE -> {
                switch (b) {
                    case Packets.START -> startPacket();
                    case Packets.ACK -> events.add(new Ack());
                    case Packets.NACK -> events.add(new Nack());
                    case Packets.INTERRUPT -> events.add(new Interrupt());
                    default -> throw new IllegalStateException("garbage byte reached step: " + b);
                }
            }
            case PAYLOAD -> {
                if (b == Packets.END) {
                    state = State.CHECKSUM_HIGH;
                } else if (b == Packets.START) {
                    events.add(new Truncated(payload.size()));
                    startPacket();
                } else if (payload.size() == maxPayload) {
                    events.add(new Oversized(maxPayload));
                    payload.reset();
                    state = State.SKIP_PAYLOAD;
                } else {
                    payload.write(b);
                }
            }
            case CHECKSUM_HIGH, CHECKSUM_LOW -> {
                if (b == Packets.START) {
                    events.add(new Truncated(payload.size()));
                    startPacket();
                } else if (state == State.CHECKSUM_HIGH) {
                    checksumHigh = b;
                    state = State.CHECKSUM_LOW;
                } else {
                    finishPacket(b, events);
                }
            }
            case SKIP_PAYLOAD, SKIP_CHECKSUM_HIGH, SKIP_CHECKSUM_LOW -> skip(b);
        }
    }

    private void finishPacket(byte checksumLow, List<Event> events) {
        byte[] bytes = payload.toByteArray();
        int expected = Packets.parseChecksum(checksumHigh, checksumLow);
        events.add(new Packet(bytes, expected == Packets.checksum(bytes)));
        payload.reset();
        state = State.IDLE;
    }

    private void skip(byte b) {
        if (b == Packets.START) {
            startPacket();
            return;
        }
        state = switch (state) {
            case SKIP_PAYLOAD -> b == Packets.END ? State.SKIP_CHECKSUM_HIGH : State.SKIP_PAYLOAD;
            case SKIP_CHECKSUM_HIGH -> State.SKIP_CHECKSUM_LOW;
            default -> State.IDLE;
        };
    }

    private void startPacket() {
        payload.reset();
        state = State.PAYLOAD;
    }
}
