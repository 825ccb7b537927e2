package org.ppcvm.linux.abi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.ppcvm.linux.host.EpollEvent;
import org.ppcvm.linux.host.HostStatfs;
import org.ppcvm.linux.host.Rlimit;
import org.ppcvm.linux.host.SysInfo;
import org.ppcvm.linux.host.Timespec;
import org.ppcvm.linux.host.Utsname;

/** Properties of the codecs that no system call of the oracle exercises. */
class GuestCodecsTest {
    private static final long SEED = 0x5eed_ab1L;

    @Test
    void sysinfoScalesMemUnitUntilEverySizeFits() {
        Random rnd = new Random(SEED);
        for (int i = 0; i < 1000; i++) {
            int unit = 1 << rnd.nextInt(13); // 1 .. 4096, as kernels report it
            long limit = 1L << (20 + rnd.nextInt(30)); // up to 2^49 units
            long total = Math.floorMod(rnd.nextLong(), limit) + 1;
            long free = Math.floorMod(rnd.nextLong(), total + 1);
            SysInfo in = new SysInfo(rnd.nextInt(1 << 30), 1, 2, 3, total, free, 0, 0, total / 3, 0, 99, 0, 0, unit);
            ByteBuffer out = ByteBuffer.wrap(GuestSysinfo.encode(in));
            long guestUnit = Integer.toUnsignedLong(out.getInt(52));
            long guestTotal = Integer.toUnsignedLong(out.getInt(16));
            long guestFree = Integer.toUnsignedLong(out.getInt(20));
            String why = "seed " + Long.toHexString(SEED) + " case " + i + ": " + in;
            assertThat(guestUnit % unit).as(why).isZero();
            assertThat(Long.bitCount(guestUnit / unit)).as(why).isEqualTo(1);
            long scale = guestUnit / unit;
            assertThat(guestTotal).as(why).isEqualTo(total / scale);
            assertThat(guestFree).as(why).isEqualTo(free / scale);
            if (scale > 1) {
                // The smallest scale that fits: half of it would overflow some size.
                assertThat(total / (scale / 2)).as(why).isGreaterThan(0xFFFF_FFFFL);
            }
            assertThat(out.getShort(40)).isEqualTo((short) 99);
            assertThat(out.getInt(4)).isEqualTo(1);
        }
    }

    @Test
    void sysinfoUptimeSaturates() {
        SysInfo in = new SysInfo(1L << 40, 0, 0, 0, 1, 1, 0, 0, 0, 0, 1, 0, 0, 1);
        assertThat(ByteBuffer.wrap(GuestSysinfo.encode(in)).getInt(0)).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void rlimitsClampToTheThirtyTwoBitInfinity() {
        assertThat(GuestRlimit.decode32(GuestRlimit.encode32(new Rlimit(Rlimit.INFINITY, Rlimit.INFINITY)), 0))
                .isEqualTo(new Rlimit(Rlimit.INFINITY, Rlimit.INFINITY));
        Rlimit big = new Rlimit(1L << 33, 0xFFFF_FFFFL);
        ByteBuffer b = ByteBuffer.wrap(GuestRlimit.encode32(big));
        assertThat(b.getInt(0)).isEqualTo(-1);
        assertThat(b.getInt(4)).isEqualTo(-1);
        assertThat(GuestRlimit.decode32(GuestRlimit.encode32(new Rlimit(8 << 20, 0xFFFF_FFFEL)), 0))
                .isEqualTo(new Rlimit(8 << 20, 0xFFFF_FFFEL));
        Rlimit wide = new Rlimit(1L << 40, Rlimit.INFINITY);
        assertThat(GuestRlimit.decode64(GuestRlimit.encode64(wide), 0)).isEqualTo(wide);
    }

    @Test
    void timesRoundTripAndTheTime64NanosecondsComeFromTheLowWord() {
        Random rnd = new Random(SEED);
        for (int i = 0; i < 200; i++) {
            Timespec t = new Timespec(rnd.nextInt(), rnd.nextInt(1_000_000_000));
            assertThat(GuestTime.decodeTimespec32(GuestTime.encodeTimespec32(t), 0))
                    .isEqualTo(t);
            Timespec wide = new Timespec(rnd.nextLong(), t.nanos());
            assertThat(GuestTime.decodeTimespec64(GuestTime.encodeTimespec64(wide), 0))
                    .isEqualTo(wide);
            Timespec micro = new Timespec(t.seconds(), t.nanos() / 1000 * 1000);
            assertThat(GuestTime.decodeTimeval32(GuestTime.encodeTimeval32(t), 0))
                    .isEqualTo(micro);
            assertThat(GuestTime.decodeTimeval64(GuestTime.encodeTimeval64(t), 0))
                    .isEqualTo(micro);
        }
        // glibc's 64-bit timespec on big-endian 32-bit has padding in the upper half of tv_nsec.
        byte[] padded = GuestTime.encodeTimespec64(new Timespec(5, 123));
        padded[8] = (byte) 0xde;
        padded[11] = (byte) 0xad;
        assertThat(GuestTime.decodeTimespec64(padded, 0)).isEqualTo(new Timespec(5, 123));
        // 32-bit seconds are sign-extended (times before 1970).
        assertThat(GuestTime.decodeTimespec32(GuestTime.encodeTimespec32(new Timespec(-1, 0)), 0)
                        .seconds())
                .isEqualTo(-1);
        byte[] badUsec = GuestTime.encodeTimeval32(new Timespec(1, 0));
        ByteBuffer.wrap(badUsec).putInt(4, 1_000_000);
        assertThat(GuestTime.decodeTimeval32(badUsec, 0).isValid()).isFalse();
    }

    @Test
    void utsnameFieldsAreCutToLeaveRoomForTheNul() {
        String long70 = "x".repeat(70);
        byte[] b = GuestUtsname.encode(new Utsname(long70, "n", "r", "v", "x86_64", "d"));
        assertThat(b).hasSize(390);
        assertThat(new String(b, 0, 64, java.nio.charset.StandardCharsets.ISO_8859_1))
                .isEqualTo("x".repeat(64));
        assertThat(b[64]).isZero();
        assertThat(new String(b, 4 * 65, 4, java.nio.charset.StandardCharsets.ISO_8859_1))
                .isEqualTo("ppc\0");
    }

    @Test
    void malformedDirentBuffersAreRejected() {
        byte[] record = new byte[24];
        ByteBuffer b = ByteBuffer.wrap(record).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.putShort(16, (short) 24);
        record[19] = 'a';
        GuestDirent64.toGuestInPlace(record.clone(), 24);
        b.putShort(16, (short) 20);
        assertThatThrownBy(() -> GuestDirent64.toGuestInPlace(record.clone(), 24))
                .isInstanceOf(IllegalArgumentException.class);
        b.putShort(16, (short) 32);
        assertThatThrownBy(() -> GuestDirent64.toGuestInPlace(record.clone(), 24))
                .isInstanceOf(IllegalArgumentException.class);
        b.putShort(16, (short) 24);
        for (int i = 19; i < 24; i++) {
            record[i] = 'z';
        }
        assertThatThrownBy(() -> GuestDirent64.toGuestInPlace(record.clone(), 24))
                .hasMessageContaining("NUL");
    }

    @Test
    void epollEventsHaveTheirDataAtOffsetEight() {
        assertThat(GuestEpollEvent.EVENTS_OFFSET).isZero();
        assertThat(GuestEpollEvent.DATA_OFFSET).isEqualTo(8);
        assertThat(GuestEpollEvent.SIZE).isEqualTo(16);
        byte[] guest = new byte[32];
        ByteBuffer b = ByteBuffer.wrap(guest);
        b.putInt(0, 0x8000_0001).putInt(4, 0x5a5a_5a5a).putLong(8, 0x0102_0304_0506_0708L);
        b.putInt(16, 4).putLong(24, -1);
        assertThat(GuestEpollEvent.decode(guest, 0)).isEqualTo(new EpollEvent(0x8000_0001, 0x0102_0304_0506_0708L));
        assertThat(GuestEpollEvent.decode(guest, 16)).isEqualTo(new EpollEvent(4, -1));
    }

    private static HostStatfs statfs(long blocks, long files) {
        return new HostStatfs(
                0xEF53, 4096, blocks, blocks / 2, blocks / 3, files, files, 0x1234, -7, 255, 4096, 0x1020);
    }

    @Test
    void statfs64HasThirtyTwoBitSizesAndSixtyFourBitCounts() {
        byte[] b = GuestStatfs.encode64(statfs(1L << 40, 5_000_000_000L));
        assertThat(b).hasSize(88);
        ByteBuffer s = ByteBuffer.wrap(b);
        assertThat(s.getInt(0)).isEqualTo(0xEF53);
        assertThat(s.getInt(4)).isEqualTo(4096);
        assertThat(s.getLong(8)).isEqualTo(1L << 40);
        assertThat(s.getLong(16)).isEqualTo((1L << 40) / 2);
        assertThat(s.getLong(24)).isEqualTo((1L << 40) / 3);
        assertThat(s.getLong(32)).isEqualTo(5_000_000_000L);
        assertThat(s.getLong(40)).isEqualTo(5_000_000_000L);
        assertThat(s.getInt(48)).isEqualTo(0x1234);
        assertThat(s.getInt(52)).isEqualTo(-7);
        assertThat(s.getInt(56)).isEqualTo(255);
        assertThat(s.getInt(60)).isEqualTo(4096);
        assertThat(s.getInt(64)).isEqualTo(0x1020);
        assertThat(Arrays.copyOfRange(b, 68, 88)).as("f_spare and padding").isEqualTo(new byte[20]);
        assertThat(GuestStatfs.STATFS64_SIZE).isEqualTo(88);
    }

    @Test
    void statfsRefusesCountsThatDoNotFitThirtyTwoBitsExceptUnknownInodeCounts() {
        assertThat(GuestStatfs.fits32(statfs(0xFFFF_FFFFL, 100))).isTrue();
        assertThat(GuestStatfs.fits32(statfs(1L << 32, 100))).isFalse();
        assertThat(GuestStatfs.fits32(statfs(100, -1))).isTrue();
        assertThat(GuestStatfs.fits32(statfs(100, 1L << 32))).isFalse();
        byte[] b = GuestStatfs.encode32(statfs(1000, -1));
        assertThat(b).hasSize(64);
        ByteBuffer s = ByteBuffer.wrap(b);
        assertThat(s.getInt(8)).isEqualTo(1000);
        assertThat(s.getInt(20)).isEqualTo(-1);
        assertThat(s.getInt(28)).isEqualTo(0x1234);
        assertThat(s.getInt(36)).isEqualTo(255);
    }

    @Test
    void eventfdCountersTurnAround() {
        byte[] counter = {0, 0, 0, 0, 0, 0, 1, 2, 99};
        GuestEventfd.toHost(counter);
        assertThat(ByteBuffer.wrap(counter).order(ByteOrder.nativeOrder()).getLong(0))
                .isEqualTo(0x102);
        assertThat(counter[8]).as("bytes past the counter").isEqualTo((byte) 99);
        GuestEventfd.toGuest(counter);
        assertThat(Arrays.copyOf(counter, 8)).isEqualTo(new byte[] {0, 0, 0, 0, 0, 0, 1, 2});
    }
}
