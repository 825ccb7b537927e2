package org.ppcvm.gdb.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.ppcvm.gdb.ppc.TargetDescription;
import org.ppcvm.gdb.protocol.Packets;
import org.ppcvm.gdb.vm.TinyGuest;
import org.ppcvm.gdb.vm.VmTarget;

/**
 * The server over a real loopback socket, driven byte by byte the way a broken or hostile client
 * would: it must answer every packet cleanly, survive disconnects, and keep the guest's state.
 */
class GdbServerTest {
    private static final int LI_R3_5 = 0x3860_0005;
    private static final int SC = 0x4400_0002;
    private static final int BRANCH_TO_SELF = 0x4800_0000;

    private ServerSocket listener;
    private CompletableFuture<Integer> server;
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();

    /** A raw protocol client. */
    private final class Client implements AutoCloseable {
        final Socket socket;
        final InputStream in;
        final OutputStream out;

        Client() throws IOException {
            socket = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort());
            socket.setSoTimeout(60_000);
            in = socket.getInputStream();
            out = socket.getOutputStream();
        }

        void sendRaw(String bytes) throws IOException {
            out.write(bytes.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        }

        void send(String payload) throws IOException {
            out.write(Packets.frame(payload));
            out.flush();
        }

        int readByte() throws IOException {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed");
            }
            return b;
        }

        /** The next packet's payload (run-length decoded), skipping acks before it. */
        String packet() throws IOException {
            int b;
            while ((b = readByte()) != '$') {
                assertThat(b).as("only acks before a packet").isIn((int) '+', (int) '-');
            }
            ByteArrayOutputStream payload = new ByteArrayOutputStream();
            while ((b = readByte()) != '#') {
                payload.write(b);
            }
            readByte();
            readByte();
            return new String(Packets.decodeRunLength(payload.toByteArray()), StandardCharsets.ISO_8859_1);
        }

        /** In ack mode: the ack of a packet, then its reply. */
        String ask(String payload) throws IOException {
            send(payload);
            assertThat((char) readByte()).isEqualTo('+');
            String reply = packet();
            sendRaw("+");
            return reply;
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    private void start(TinyGuest guest) throws IOException {
        listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        TargetDescription description = TargetDescription.userMode();
        VmTarget target = new VmTarget(guest, description, p -> Optional.<Path>empty());
        GdbServer gdbServer =
                new GdbServer(listener, target, description, new PrintStream(log, true, StandardCharsets.UTF_8), null);
        server = CompletableFuture.supplyAsync(gdbServer::run);
    }

    @AfterEach
    void closeListener() throws IOException {
        if (listener != null) {
            listener.close();
        }
    }

    @Test
    void aBadChecksumIsRefusedAndTheResentPacketAnswered() throws Exception {
        start(new TinyGuest(LI_R3_5, SC));
        try (Client c = new Client()) {
            c.sendRaw("$?#00");
            assertThat((char) c.readByte()).isEqualTo('-');
            assertThat(c.ask("?")).startsWith("T05thread:");
        }
    }

    @Test
    void garbageAndATruncatedPacketAreSkipped() throws Exception {
        start(new TinyGuest(LI_R3_5, SC));
        try (Client c = new Client()) {
            c.sendRaw("hello\r\n$qSuppor");
            assertThat(c.ask("g"))
                    .hasSize(new org.ppcvm.gdb.ppc.RegisterMap(TargetDescription.userMode()).gPacketLength());
        }
    }

    @Test
    void anOversizedPacketGetsAnErrorAndTheConnectionGoesOn() throws Exception {
        start(new TinyGuest(LI_R3_5, SC));
        try (Client c = new Client()) {
            c.send("M10000000,1:" + "00".repeat(org.ppcvm.gdb.session.GdbSession.PACKET_SIZE));
            assertThat(c.packet()).isEqualTo("E01");
            assertThat(c.ask("m10000000,4")).isEqualTo("38600005");
        }
    }

    @Test
    void unknownAndMalformedPacketsGetCleanAnswers() throws Exception {
        start(new TinyGuest(LI_R3_5, SC));
        try (Client c = new Client()) {
            assertThat(c.ask("qFrobnicate")).isEmpty();
            assertThat(c.ask("mzz,4")).isEqualTo("E01");
            assertThat(c.ask("Z0,10000002,4")).startsWith("E");
            assertThat(c.ask("vCont;x")).isEqualTo("E01");
            assertThat(c.ask("m0,4")).isEqualTo("E0e");
        }
    }

    @Test
    void noAckModeStopsAcknowledgements() throws Exception {
        start(new TinyGuest(LI_R3_5, SC));
        try (Client c = new Client()) {
            assertThat(c.ask("QStartNoAckMode")).isEqualTo("OK");
            c.send("m10000000,4");
            assertThat((char) c.readByte()).as("a reply, no ack").isEqualTo('$');
        }
    }

    @Test
    void ctrlCStopsARunningGuestWithSigintAndTheGuestCanBeResumed() throws Exception {
        TinyGuest guest = new TinyGuest(BRANCH_TO_SELF);
        start(guest);
        try (Client c = new Client()) {
            c.ask("QStartNoAckMode");
            c.send("vCont;c");
            c.sendRaw("\u0003");
            assertThat(c.packet()).startsWith("T02thread:");
            c.send("vCont;s");
            assertThat(c.packet()).startsWith("T05thread:");
            assertThat(guest.cpu.pc).isEqualTo(TinyGuest.CODE);
        }
    }

    @Test
    void aClientThatVanishesWhileTheGuestRunsLeavesItStoppedForTheNextOne() throws Exception {
        TinyGuest guest = new TinyGuest(BRANCH_TO_SELF);
        start(guest);
        try (Client c = new Client()) {
            c.ask("QStartNoAckMode");
            c.send("vCont;c");
        }
        try (Client next = new Client()) {
            assertThat(next.ask("?")).startsWith("T02thread:");
            assertThat(next.ask("qAttached")).isEqualTo("1");
            long count = guest.cpu.instructionCount;
            assertThat(next.ask("m10000000,4")).isEqualTo("48000000");
            assertThat(guest.cpu.instructionCount).isEqualTo(count);
        }
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("gdb disconnected");
    }

    @Test
    void afterDetachTheGuestRunsAndANewConnectionStopsIt() throws Exception {
        TinyGuest guest = new TinyGuest(BRANCH_TO_SELF);
        start(guest);
        try (Client c = new Client()) {
            assertThat(c.ask("qAttached")).isEqualTo("0");
            c.ask("Z0,10000000,4");
            assertThat(c.ask("D")).isEqualTo("OK");
        }
        try (Client next = new Client()) {
            assertThat(next.ask("?")).startsWith("T05thread:");
            assertThat(next.ask("qAttached")).isEqualTo("1");
            assertThat(guest.debug.points()).isEmpty();
            next.send("k");
            assertThat((char) next.readByte()).isEqualTo('+');
        }
        assertThat(server.get(60, TimeUnit.SECONDS)).isEqualTo(GdbServer.KILLED_STATUS);
    }

    @Test
    void theGuestsExitIsReportedAndBecomesTheServersStatus() throws Exception {
        start(new TinyGuest(LI_R3_5, SC));
        try (Client c = new Client()) {
            c.ask("QStartNoAckMode");
            c.send("vCont;c");
            assertThat(c.packet()).isEqualTo("W05");
        }
        assertThat(server.get(60, TimeUnit.SECONDS)).isEqualTo(5);
    }

    @Test
    void aGuestThatEndsWhileDetachedEndsTheServer() throws Exception {
        start(new TinyGuest(LI_R3_5, SC));
        try (Client c = new Client()) {
            assertThat(c.ask("D")).isEqualTo("OK");
        }
        assertThat(server.get(60, TimeUnit.SECONDS)).isEqualTo(5);
    }
}
