package org.ppcvm.gdb.ppc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ppcvm.gdb.protocol.Packets;

class RegisterMapTest {
    /** A register file that remembers what was written, and refuses numbers of the wrong kind. */
    static final class FakeRegisterFile implements RegisterFile {
        final Map<Integer, Integer> words = new HashMap<>();
        final Map<Integer, Long> fprs = new HashMap<>();

        @Override
        public int readWord(int regnum) {
            assertThat(regnum >= 32 && regnum <= 63)
                    .as("FPR number %d read as a word", regnum)
                    .isFalse();
            return words.getOrDefault(regnum, 0);
        }

        @Override
        public void writeWord(int regnum, int value) {
            assertThat(regnum >= 32 && regnum <= 63)
                    .as("FPR number %d read as a word", regnum)
                    .isFalse();
            words.put(regnum, value);
        }

        @Override
        public long readFpr(int regnum) {
            assertThat(regnum).isBetween(32, 63);
            return fprs.getOrDefault(regnum, 0L);
        }

        @Override
        public void writeFpr(int regnum, long bits) {
            assertThat(regnum).isBetween(32, 63);
            fprs.put(regnum, bits);
        }
    }

    private final TargetDescription td = TargetDescription.userMode();
    private final RegisterMap map = new RegisterMap(td);

    private FakeRegisterFile filled(long seed) {
        Random random = new Random(seed);
        FakeRegisterFile f = new FakeRegisterFile();
        for (Register r : td.registers()) {
            if (r.isFpr()) {
                f.fprs.put(r.regnum(), random.nextLong());
            } else {
                f.words.put(r.regnum(), random.nextInt());
            }
        }
        return f;
    }

    @Test
    void gPacketLayout() {
        FakeRegisterFile f = new FakeRegisterFile();
        f.words.put(TargetDescription.R0 + 1, 0x7fff_f0a0);
        f.fprs.put(TargetDescription.F0 + 1, Double.doubleToRawLongBits(1.5));
        f.words.put(TargetDescription.PC, 0x1000_0454);
        f.words.put(TargetDescription.FPSCR, 0x8200_0000);
        f.words.put(TargetDescription.TRAP, 0xc00);
        String g = map.readAll(f);
        // 32 GPRs + 7 specials + orig_r3, trap + SPRs at 8 digits, 32 FPRs at 16.
        int words = td.registers().size() - 32;
        assertThat(g).hasSize(words * 8 + 32 * 16).hasSize(map.gPacketLength());
        assertThat(g.substring(8, 16)).isEqualTo("7ffff0a0");
        int f1 = 32 * 8 + 16;
        assertThat(g.substring(f1, f1 + 16)).isEqualTo("3ff8000000000000");
        int pc = 32 * 8 + 32 * 16;
        assertThat(g.substring(pc, pc + 8)).isEqualTo("10000454");
        int fpscr = pc + 6 * 8;
        assertThat(g.substring(fpscr, fpscr + 8)).isEqualTo("82000000");
        assertThat(g.substring(fpscr + 16, fpscr + 24)).isEqualTo("00000c00");
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 0x5eed})
    void gThenGRoundTrips(long seed) {
        FakeRegisterFile source = filled(seed);
        String g = map.readAll(source);
        FakeRegisterFile target = new FakeRegisterFile();
        map.writeAll(target, g);
        assertThat(target.words).as("seed %d", seed).isEqualTo(source.words);
        assertThat(target.fprs).as("seed %d", seed).isEqualTo(source.fprs);
        assertThat(map.readAll(target)).isEqualTo(g);
    }

    @Test
    void pAndPEachRegister() {
        FakeRegisterFile source = filled(42);
        FakeRegisterFile target = new FakeRegisterFile();
        for (Register r : td.registers()) {
            String value = map.readPacket(source, Integer.toHexString(r.regnum()));
            assertThat(value).as(r.name()).hasSize(r.hexDigits());
            map.writePacket(target, Integer.toHexString(r.regnum()) + "=" + value);
        }
        assertThat(target.words).isEqualTo(source.words);
        assertThat(target.fprs).isEqualTo(source.fprs);
        source.words.put(TargetDescription.FPSCR, 0x1234_5678);
        assertThat(map.readPacket(source, "46")).isEqualTo("12345678");
        source.fprs.put(TargetDescription.F0 + 31, 0x0123_4567_89ab_cdefL);
        assertThat(map.readPacket(source, "3f")).isEqualTo("0123456789abcdef");
        map.writePacket(target, "40=DEADBEEF");
        assertThat(target.words.get(TargetDescription.PC)).isEqualTo(0xdead_beef);
    }

    @Test
    void errors() {
        FakeRegisterFile f = filled(7);
        int firstUnknown = td.registers().getLast().regnum() + 1;
        assertThatThrownBy(() -> map.readPacket(f, Integer.toHexString(firstUnknown)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no register number " + firstUnknown);
        assertThatThrownBy(() -> map.readPacket(f, "")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> map.readPacket(f, "zz")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> map.readPacket(f, "123456789")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> map.writePacket(f, "40"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'='");
        assertThatThrownBy(() -> map.writePacket(f, "40=1234"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pc needs 8 hex digits");
        assertThatThrownBy(() -> map.writePacket(f, "20=12345678"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("f0 needs 16 hex digits");
        assertThatThrownBy(() -> map.writePacket(f, "46=0000000000000000"))
                .as("fpscr is 32 bits on the wire")
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> map.writePacket(f, "40=1234567g")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void badGPacketWritesNothing() {
        FakeRegisterFile f = filled(9);
        Map<Integer, Integer> words = new HashMap<>(f.words);
        Map<Integer, Long> fprs = new HashMap<>(f.fprs);
        String g = map.readAll(filled(10));
        assertThatThrownBy(() -> map.writeAll(f, g.substring(2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("G packet needs " + map.gPacketLength());
        assertThatThrownBy(() -> map.writeAll(f, g + "00")).isInstanceOf(IllegalArgumentException.class);
        String badTail = g.substring(0, g.length() - 1) + "x";
        assertThatThrownBy(() -> map.writeAll(f, badTail)).isInstanceOf(IllegalArgumentException.class);
        assertThat(f.words).isEqualTo(words);
        assertThat(f.fprs).isEqualTo(fprs);
        assertThat(Packets.fromHex(g)).hasSize(map.gPacketLength() / 2);
    }
}
