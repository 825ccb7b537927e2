package org.ppcvm.linux.abi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Socket addresses, control messages, msghdr and option values between the guest's bytes and the host's. */
class GuestSocketCodecsTest {
    private static final long SEED = 0x50c4e7L;
    private static final ByteOrder HOST = ByteOrder.nativeOrder();

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    // ---- sockaddr ------------------------------------------------------------------------------

    @Test
    void anIpv4AddressTurnsOnlyItsFamilyAround() {
        // AF_INET, port 8080, 127.0.0.1, sin_zero
        byte[] guest = hex("0002 1f90 7f000001 0000000000000000");
        byte[] host = GuestSockaddr.toHost(guest);
        assertThat(ByteBuffer.wrap(host).order(HOST).getShort(0)).isEqualTo((short) 2);
        assertThat(Arrays.copyOfRange(host, 2, 16)).isEqualTo(Arrays.copyOfRange(guest, 2, 16));
        assertThat(GuestSockaddr.toGuest(host)).isEqualTo(guest);
        assertThat(GuestSockaddr.family(guest)).isEqualTo(GuestSockaddr.AF_INET);
    }

    @Test
    void anIpv6AddressAlsoTurnsItsScopeIdButNotItsFlowInfo() {
        // AF_INET6, port 443, flowinfo 0x12345678 (network order), ::1, scope id 3
        byte[] guest = hex("000a 01bb 12345678 00000000000000000000000000000001 00000003");
        byte[] host = GuestSockaddr.toHost(guest);
        ByteBuffer h = ByteBuffer.wrap(host).order(HOST);
        assertThat(h.getShort(0)).isEqualTo((short) 10);
        assertThat(h.getInt(24)).isEqualTo(3);
        assertThat(Arrays.copyOfRange(host, 2, 24)).isEqualTo(Arrays.copyOfRange(guest, 2, 24));
        assertThat(GuestSockaddr.toGuest(host)).isEqualTo(guest);
        // The 24-byte RFC 2133 form has no scope id to turn.
        byte[] shortForm = Arrays.copyOf(guest, 24);
        assertThat(Arrays.copyOfRange(GuestSockaddr.toHost(shortForm), 2, 24))
                .isEqualTo(Arrays.copyOfRange(shortForm, 2, 24));
    }

    @Test
    void aUnixPathPassesAsItIs() {
        byte[] guest = new byte[2 + 9];
        guest[1] = 1;
        System.arraycopy("sock.s\0\0\0".getBytes(StandardCharsets.ISO_8859_1), 0, guest, 2, 9);
        byte[] host = GuestSockaddr.toHost(guest);
        assertThat(ByteBuffer.wrap(host).order(HOST).getShort(0)).isEqualTo((short) 1);
        assertThat(Arrays.copyOfRange(host, 2, 11)).isEqualTo(Arrays.copyOfRange(guest, 2, 11));
        assertThat(GuestSockaddr.SUN_PATH).isEqualTo(2);
    }

    @Test
    void conversionsRoundTripAtEveryLength() {
        Random rnd = new Random(SEED);
        int[] families = {0, 1, 2, 10, 16, 0xabcd};
        for (int i = 0; i < 2000; i++) {
            byte[] guest = new byte[rnd.nextInt(129)];
            rnd.nextBytes(guest);
            if (guest.length >= 2) {
                int family = families[rnd.nextInt(families.length)];
                guest[0] = (byte) (family >> 8);
                guest[1] = (byte) family;
            }
            String why = "seed " + Long.toHexString(SEED) + " case " + i;
            byte[] host = GuestSockaddr.toHost(guest);
            assertThat(host).as(why).hasSameSizeAs(guest);
            assertThat(GuestSockaddr.toGuest(host)).as(why).isEqualTo(guest);
        }
        assertThat(GuestSockaddr.toHost(new byte[0])).isEmpty();
        assertThat(GuestSockaddr.family(new byte[1])).isEqualTo(-1);
    }

    // ---- msghdr --------------------------------------------------------------------------------

    @Test
    void msghdrAndIovecsDecode() {
        byte[] m = hex("10000000 fffffff0 10000100 00000002 10000200 00000014 00000040");
        GuestMsghdr.Msghdr h = GuestMsghdr.decode(m, 0);
        assertThat(h).isEqualTo(new GuestMsghdr.Msghdr(0x10000000, -16, 0x10000100, 2, 0x10000200, 20, 0x40));
        assertThat(GuestMsghdr.NAMELEN_OFFSET).isEqualTo(4);
        assertThat(GuestMsghdr.CONTROLLEN_OFFSET).isEqualTo(20);
        assertThat(GuestMsghdr.FLAGS_OFFSET).isEqualTo(24);
        assertThat(GuestMsghdr.decodeIovecs(hex("20000000 00000003 20000010 80000000"), 2))
                .containsExactly(new GuestMsghdr.Iovec(0x20000000, 3), new GuestMsghdr.Iovec(0x20000010, 0x80000000));
    }

    // ---- control messages ----------------------------------------------------------------------

    @Test
    void guestControlMessagesDecodeAsSendmsgWalksThem() throws GuestCmsg.Malformed {
        byte[] control = hex(
                // SCM_RIGHTS with fds 3 and 7 (20 bytes)
                "00000014 00000001 00000001 00000003 00000007"
                        // SCM_CREDENTIALS (24 bytes)
                        + "00000018 00000001 00000002 00001092 000003e8 000003e9"
                        // IPPROTO_IP level, IP_TTL (16 bytes)
                        + "00000010 00000000 00000002 00000040"
                        // leftover shorter than a header: ignored
                        + "0000");
        List<GuestCmsg.Message> m = GuestCmsg.decodeGuest(control);
        assertThat(m).hasSize(3);
        assertThat(((GuestCmsg.Message.Rights) m.get(0)).fds()).containsExactly(3, 7);
        assertThat(m.get(1)).isEqualTo(new GuestCmsg.Message.Credentials(4242, 1000, 1001));
        assertThat(m.get(2)).isEqualTo(new GuestCmsg.Message.Unsupported(0, 2));
        // A rights message without descriptors is dropped, as Linux ignores it.
        assertThat(GuestCmsg.decodeGuest(hex("0000000c 00000001 00000001"))).isEmpty();
        assertThat(GuestCmsg.decodeGuest(new byte[11])).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "0000000b 00000001 00000001", // cmsg_len below the header
                "00000018 00000001 00000001 00000003", // cmsg_len past the buffer
                "00000014 00000001 00000002 00000001 00000002", // credentials of 8 bytes
                "00000010 00000001 00000063 00000000", // an unknown SOL_SOCKET type
            })
    void malformedGuestControlDataIsRefused(String bytes) {
        assertThatThrownBy(() -> GuestCmsg.decodeGuest(hex(bytes))).isInstanceOf(GuestCmsg.Malformed.class);
    }

    @Test
    void tooManyDescriptorsAreRefused() {
        ByteBuffer b = ByteBuffer.allocate(12 + 4 * 254);
        b.putInt(12 + 4 * 254).putInt(1).putInt(1);
        assertThatThrownBy(() -> GuestCmsg.decodeGuest(b.array())).isInstanceOf(GuestCmsg.Malformed.class);
    }

    @Test
    void hostControlMessagesHaveSixteenByteHeadersAndEightByteAlignment() {
        List<GuestCmsg.Message> messages =
                List.of(new GuestCmsg.Message.Rights(new int[] {5}), new GuestCmsg.Message.Credentials(99, 1, 2));
        byte[] host = GuestCmsg.encodeHost(messages);
        assertThat(host).hasSize(24 + 32);
        ByteBuffer b = ByteBuffer.wrap(host).order(HOST);
        assertThat(b.getLong(0)).isEqualTo(20);
        assertThat(b.getInt(8)).isEqualTo(1);
        assertThat(b.getInt(12)).isEqualTo(1);
        assertThat(b.getInt(16)).isEqualTo(5);
        assertThat(b.getLong(24)).isEqualTo(28);
        assertThat(b.getInt(36)).isEqualTo(2);
        assertThat(b.getInt(40)).isEqualTo(99);
        List<GuestCmsg.Message> back = GuestCmsg.decodeHost(host);
        assertThat(((GuestCmsg.Message.Rights) back.get(0)).fds()).containsExactly(5);
        assertThat(back.get(1)).isEqualTo(new GuestCmsg.Message.Credentials(99, 1, 2));
        assertThatThrownBy(() -> GuestCmsg.encodeHost(List.of(new GuestCmsg.Message.Unsupported(0, 1))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theWriterPassesDescriptorsOnlyAsFarAsWholeOnesFit() {
        assertThat(new GuestCmsg.Writer(12, true).descriptorRoom()).isZero();
        assertThat(new GuestCmsg.Writer(15, true).descriptorRoom()).isZero();
        assertThat(new GuestCmsg.Writer(16, true).descriptorRoom()).isEqualTo(1);
        assertThat(new GuestCmsg.Writer(24, true).descriptorRoom()).isEqualTo(3);
        assertThat(new GuestCmsg.Writer(100, false).descriptorRoom()).isZero();

        GuestCmsg.Writer w = new GuestCmsg.Writer(20, true);
        w.putRights(new int[] {3, 4});
        assertThat(w.bytes()).isEqualTo(hex("00000014 00000001 00000001 00000003 00000004"));
        assertThat(w.truncated()).isFalse();
        assertThatThrownBy(() -> new GuestCmsg.Writer(16, true).putRights(new int[] {1, 2}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theWriterCutsOtherMessagesAsPutCmsgDoes() {
        GuestCmsg.Writer fits = new GuestCmsg.Writer(64, true);
        fits.putCredentials(4242, 1000, 1000);
        assertThat(fits.bytes()).isEqualTo(hex("00000018 00000001 00000002 00001092 000003e8 000003e8"));
        assertThat(fits.truncated()).isFalse();

        GuestCmsg.Writer cut = new GuestCmsg.Writer(16, true);
        cut.putCredentials(1, 2, 3);
        assertThat(cut.bytes()).isEqualTo(hex("00000010 00000001 00000002 00000001"));
        assertThat(cut.truncated()).isTrue();

        GuestCmsg.Writer none = new GuestCmsg.Writer(8, true);
        none.putCredentials(1, 2, 3);
        assertThat(none.bytes()).isEmpty();
        assertThat(none.truncated()).isTrue();

        GuestCmsg.Writer absent = new GuestCmsg.Writer(64, false);
        absent.put(1, 2, new byte[12]);
        assertThat(absent.bytes()).isEmpty();
        assertThat(absent.truncated()).isTrue();

        // Two messages: the second starts at the 4-byte aligned end of the first.
        GuestCmsg.Writer two = new GuestCmsg.Writer(64, true);
        two.put(0, 1, new byte[] {7});
        two.putRights(new int[] {9});
        assertThat(two.bytes())
                .isEqualTo(hex("0000000d 00000000 00000001 07000000 00000010 00000001 00000001 00000009"));
    }

    // ---- socket options ------------------------------------------------------------------------

    @Test
    void optionsThatPowerPcNumbersDifferentlyAreTranslated() {
        assertThat(GuestSocketOptions.find(GuestSocketOptions.SOL_SOCKET, 16).name())
                .isEqualTo("SO_RCVLOWAT");
        assertThat(GuestSocketOptions.find(GuestSocketOptions.SOL_SOCKET, 16).host())
                .isEqualTo(18);
        assertThat(GuestSocketOptions.find(GuestSocketOptions.SOL_SOCKET, 20).host())
                .isEqualTo(16);
        assertThat(GuestSocketOptions.find(GuestSocketOptions.SOL_SOCKET, 21).kind())
                .isEqualTo(GuestSocketOptions.Kind.UCRED);
        assertThat(GuestSocketOptions.find(GuestSocketOptions.IPPROTO_TCP, 1).name())
                .isEqualTo("TCP_NODELAY");
        assertThat(GuestSocketOptions.find(GuestSocketOptions.SOL_SOCKET, 12345))
                .isNull();
        assertThat(GuestSocketOptions.find(12345, 1)).isNull();
    }

    @Test
    void optionValuesConvertByTheirKind() {
        byte[] one = GuestSocketOptions.toHost(GuestSocketOptions.Kind.INT, hex("00000001"));
        assertThat(GuestSocketOptions.hostInt(one)).isEqualTo(1);
        assertThat(GuestSocketOptions.toGuest(GuestSocketOptions.Kind.INT, one)).isEqualTo(hex("00000001"));
        // Longer than an int: the rest passes; shorter: all of it passes, for the host to judge.
        assertThat(GuestSocketOptions.toHost(GuestSocketOptions.Kind.INT, hex("00000102 aabb")))
                .hasSize(6)
                .endsWith(hex("aabb"));
        assertThat(GuestSocketOptions.toHost(GuestSocketOptions.Kind.INT, hex("05")))
                .isEqualTo(hex("05"));

        byte[] linger = GuestSocketOptions.toHost(GuestSocketOptions.Kind.LINGER, hex("00000001 00000007"));
        assertThat(ByteBuffer.wrap(linger).order(HOST).getInt(4)).isEqualTo(7);
        assertThat(GuestSocketOptions.toGuest(GuestSocketOptions.Kind.LINGER, linger))
                .isEqualTo(hex("00000001 00000007"));

        byte[] tv = GuestSocketOptions.toHost(GuestSocketOptions.Kind.TIMEVAL, hex("00000002 000186a0"));
        assertThat(tv).hasSize(16);
        ByteBuffer t = ByteBuffer.wrap(tv).order(HOST);
        assertThat(t.getLong(0)).isEqualTo(2);
        assertThat(t.getLong(8)).isEqualTo(100_000);
        assertThat(GuestSocketOptions.toGuest(GuestSocketOptions.Kind.TIMEVAL, tv))
                .isEqualTo(hex("00000002 000186a0"));

        byte[] tv64 = hex("0000000000000003 0000000000000004");
        byte[] hostTv64 = GuestSocketOptions.toHost(GuestSocketOptions.Kind.TIMEVAL64, tv64);
        assertThat(ByteBuffer.wrap(hostTv64).order(HOST).getLong(8)).isEqualTo(4);
        assertThat(GuestSocketOptions.toGuest(GuestSocketOptions.Kind.TIMEVAL64, hostTv64))
                .isEqualTo(tv64);

        byte[] cred = ByteBuffer.allocate(12)
                .order(HOST)
                .putInt(4242)
                .putInt(1000)
                .putInt(100)
                .array();
        assertThat(GuestSocketOptions.toGuest(GuestSocketOptions.Kind.UCRED, cred))
                .isEqualTo(hex("00001092 000003e8 00000064"));
        assertThat(GuestSocketOptions.toGuest(GuestSocketOptions.Kind.BYTES, hex("6c6f00")))
                .isEqualTo(hex("6c6f00"));
        assertThat(GuestSocketOptions.intToGuest(-2)).isEqualTo(hex("fffffffe"));
        assertThatThrownBy(() -> GuestSocketOptions.toGuest(GuestSocketOptions.Kind.TIMEVAL, new byte[8]))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
