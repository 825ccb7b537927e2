package org.ppcvm.gdb.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.ppcvm.gdb.ppc.TargetDescription;
import org.ppcvm.gdb.protocol.PacketReader;
import org.ppcvm.gdb.protocol.Packets;
import org.ppcvm.gdb.session.GdbSession;
import org.ppcvm.gdb.session.GdbTarget;
import org.ppcvm.gdb.session.StopReason;

/**
 * One gdb connection: the transport between a socket and a {@link GdbSession}.
 *
 * <p>A reading thread turns the bytes gdb sends into {@link PacketReader} events. It acts on
 * Ctrl-C (0x03) at once, through {@link GdbTarget#interrupt()}, since the guest may be running on
 * the serving thread; everything else it queues. The serving thread (the caller of {@link
 * #serve()}, which owns the guest) takes the events in order, acknowledges packets until no-ack
 * mode is agreed, hands each packet to the session and sends its reply. A lost connection
 * interrupts a running guest too, so that the serving thread notices it.
 */
final class GdbConnection {
    /** How a connection ended. */
    enum Outcome {
        /** gdb detached: the guest runs on without it. */
        DETACHED,
        /** gdb killed the guest. */
        KILLED,
        /** The connection closed (gdb quit, crashed or lost the network); the guest stays as it is. */
        CLOSED
    }

    private final Socket socket;
    private final GdbSession session;
    private final GdbTarget target;
    private final PrintStream trace;
    /** What the reading thread passes on, in order; empty marks the end of the byte stream. */
    private final BlockingQueue<Optional<PacketReader.Event>> events = new LinkedBlockingQueue<>();

    private final OutputStream out;
    private byte[] lastSent;

    /**
     * @param trace where to log every packet in and out, or null for no log
     */
    GdbConnection(
            Socket socket, GdbTarget target, TargetDescription description, StopReason initialStop, PrintStream trace)
            throws IOException {
        this.socket = socket;
        this.target = target;
        this.trace = trace;
        socket.setTcpNoDelay(true);
        this.out = socket.getOutputStream();
        this.session = new GdbSession(target, description, initialStop, this::sendConsole);
    }

    /** The session's state: why the target last stopped, as a new connection would be told. */
    StopReason lastStop() {
        return session.lastStop();
    }

    private void sendConsole(String payload) {
        try {
            sendPacket(payload.getBytes(StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Serves the connection until it ends; the guest is stopped again when this returns, and the
     * reading thread is gone (an interrupt it sent may still be pending in the target).
     */
    Outcome serve() {
        Thread reader = Thread.ofPlatform().daemon().name("gdb-reader").start(this::readLoop);
        try {
            while (true) {
                Optional<PacketReader.Event> event = events.take();
                if (event.isEmpty()) {
                    return Outcome.CLOSED;
                }
                Optional<Outcome> end = handle(event.get());
                if (end.isPresent()) {
                    return end.get();
                }
            }
        } catch (IOException e) {
            return Outcome.CLOSED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.CLOSED;
        } finally {
            session.close();
            closeQuietly();
            // The reader ends on the closed socket; once it has, no late interrupt of its own can
            // reach the target, so the caller may clear what is left.
            try {
                reader.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private Optional<Outcome> handle(PacketReader.Event event) throws IOException {
        switch (event) {
            case PacketReader.Packet p -> {
                return handlePacket(p);
            }
            case PacketReader.Nack n -> {
                if (!session.noAckMode() && lastSent != null) {
                    send(lastSent);
                }
            }
            case PacketReader.Oversized o -> {
                // gdb was told PacketSize: a longer packet is a broken client. Answer it so it
                // does not wait forever, and go on.
                if (!session.noAckMode()) {
                    sendRaw(new byte[] {Packets.ACK});
                }
                sendPacket(Packets.error(0x01).getBytes(StandardCharsets.ISO_8859_1));
            }
            case PacketReader.Ack a -> {}
            case PacketReader.Interrupt i -> {}
            case PacketReader.Garbage g -> {}
            case PacketReader.Truncated t -> {}
        }
        return Optional.empty();
    }

    private Optional<Outcome> handlePacket(PacketReader.Packet packet) throws IOException {
        byte[] payload = packet.payload();
        log("<- ", payload);
        if (!session.noAckMode()) {
            sendRaw(new byte[] {packet.checksumOk() ? Packets.ACK : Packets.NACK});
            if (!packet.checksumOk()) {
                return Optional.empty();
            }
        }
        // In no-ack mode a bad checksum over TCP means a broken client, not line noise: the
        // packet is served anyway, since gdb would not resend it.
        Optional<byte[]> reply = session.handle(payload);
        if (reply.isPresent()) {
            byte[] r = reply.get();
            sendPacket(isHexReply(payload) ? Packets.encodeRunLength(r) : r);
        }
        if (session.finished()) {
            return Optional.of(session.killed() ? Outcome.KILLED : Outcome.DETACHED);
        }
        return Optional.empty();
    }

    /** Replies made of hex digits only, which run-length encoding may shorten safely. */
    private static boolean isHexReply(byte[] request) {
        return request.length > 0 && (request[0] == 'g' || request[0] == 'm' || request[0] == 'p');
    }

    /** Sends one packet payload (the session's console output, or a reply). */
    void sendPacket(byte[] payload) throws IOException {
        log("-> ", payload);
        byte[] frame = Packets.frame(payload);
        lastSent = frame;
        send(frame);
    }

    private void send(byte[] frame) throws IOException {
        out.write(frame);
        out.flush();
    }

    private void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    private void readLoop() {
        PacketReader reader = new PacketReader(GdbSession.PACKET_SIZE);
        byte[] buffer = new byte[65536];
        try (InputStream in = socket.getInputStream()) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                for (PacketReader.Event e : reader.feed(buffer, 0, n)) {
                    switch (e) {
                        case PacketReader.Interrupt i -> target.interrupt();
                        case PacketReader.Packet p -> {
                            // A command after a Ctrl-C means gdb had its stop already.
                            target.clearInterrupt();
                            events.add(Optional.of(e));
                        }
                        default -> events.add(Optional.of(e));
                    }
                }
            }
        } catch (IOException e) {
            // The connection is gone: treated as its end.
        } finally {
            events.add(Optional.empty());
            target.interrupt();
        }
    }

    private void log(String direction, byte[] payload) {
        if (trace != null) {
            trace.println("gdb " + direction + new String(payload, StandardCharsets.ISO_8859_1));
        }
    }

    private void closeQuietly() {
        try {
            socket.close();
        } catch (IOException e) {
            // Already closed by the peer.
        }
    }
}
