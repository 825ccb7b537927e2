package org.ppcvm.linux.abi;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ppcvm.linux.abi.GuestTermios.ControlChar;
import org.ppcvm.linux.abi.GuestTermios.Flag;
import org.ppcvm.linux.abi.GuestTermios.Word;
import org.ppcvm.linux.host.HostTermios;

class GuestTermiosTest {
    private static final String HEADERS = "#include <asm/termbits.h>\n";

    private static List<String> expressions() {
        Set<String> names = new LinkedHashSet<>();
        for (Flag f : GuestTermios.FLAGS) {
            names.add(f.name());
            names.add(f.field());
        }
        for (ControlChar c : GuestTermios.CONTROL_CHARS) {
            names.add(c.name());
        }
        names.add("NCCS");
        return new ArrayList<>(names);
    }

    @Test
    void everyFlagAndIndexMatchesBothHeaderSets(@TempDir Path dir) throws Exception {
        Path g = Files.createDirectories(dir.resolve("guest"));
        Path h = Files.createDirectories(dir.resolve("host"));
        CProbe.Report guest = CProbe.probe(CProbe.Target.GUEST, g, HEADERS, Map.of(), expressions());
        CProbe.Report host = CProbe.probe(CProbe.Target.HOST, h, HEADERS, Map.of(), expressions());
        for (Flag f : GuestTermios.FLAGS) {
            assertThat((int) guest.get(CProbe.constKey(f.name())))
                    .as("guest " + f.name())
                    .isEqualTo(f.guestValue());
            assertThat((int) guest.get(CProbe.constKey(f.field())))
                    .as("guest " + f.field())
                    .isEqualTo(f.guestMask());
            assertThat((int) host.get(CProbe.constKey(f.name())))
                    .as("host " + f.name())
                    .isEqualTo(f.hostValue());
            assertThat((int) host.get(CProbe.constKey(f.field())))
                    .as("host " + f.field())
                    .isEqualTo(f.hostMask());
        }
        for (ControlChar c : GuestTermios.CONTROL_CHARS) {
            assertThat(guest.get(CProbe.constKey(c.name())))
                    .as("guest " + c.name())
                    .isEqualTo(c.guestIndex());
            assertThat(host.get(CProbe.constKey(c.name())))
                    .as("host " + c.name())
                    .isEqualTo(c.hostIndex());
        }
        assertThat(guest.get(CProbe.constKey("NCCS"))).isEqualTo(GuestTermios.NCCS);
        assertThat(host.get(CProbe.constKey("NCCS"))).isEqualTo(HostTermios.NCCS);
    }

    @Test
    void tablesAreConsistent() {
        for (Word w : Word.values()) {
            // No two single-bit flags of a word may share a bit on either side.
            int hostBits = 0;
            int guestBits = 0;
            for (Flag f : GuestTermios.FLAGS) {
                if (f.word() == w && f.name().equals(f.field())) {
                    assertThat(hostBits & f.hostValue())
                            .as("host bit reused by " + f.name())
                            .isZero();
                    assertThat(guestBits & f.guestValue())
                            .as("guest bit reused by " + f.name())
                            .isZero();
                    hostBits |= f.hostValue();
                    guestBits |= f.guestValue();
                }
            }
        }
        Set<Integer> hostIdx = new java.util.HashSet<>();
        Set<Integer> guestIdx = new java.util.HashSet<>();
        for (ControlChar c : GuestTermios.CONTROL_CHARS) {
            assertThat(hostIdx.add(c.hostIndex())).as(c.name()).isTrue();
            assertThat(guestIdx.add(c.guestIndex())).as(c.name()).isTrue();
        }
    }

    /** A host setting built from one table value per field and random single bits. */
    private static int randomWord(Random rnd, Word w) {
        int flags = 0;
        Map<String, List<Flag>> byField = new java.util.LinkedHashMap<>();
        for (Flag f : GuestTermios.FLAGS) {
            if (f.word() == w) {
                byField.computeIfAbsent(f.field(), k -> new ArrayList<>()).add(f);
            }
        }
        for (List<Flag> values : byField.values()) {
            Flag pick = values.get(rnd.nextInt(values.size()));
            boolean singleBit = pick.name().equals(pick.field());
            if (!singleBit || rnd.nextBoolean()) {
                flags |= pick.hostValue();
            }
        }
        return flags;
    }

    @Test
    void hostSettingsSurviveTheRoundTrip() {
        long seed = 0x7e4d05L;
        Random rnd = new Random(seed);
        for (int i = 0; i < 500; i++) {
            byte[] cc = new byte[HostTermios.NCCS];
            for (ControlChar c : GuestTermios.CONTROL_CHARS) {
                cc[c.hostIndex()] = (byte) rnd.nextInt(256);
            }
            HostTermios t = new HostTermios(
                    randomWord(rnd, Word.IFLAG),
                    randomWord(rnd, Word.OFLAG),
                    randomWord(rnd, Word.CFLAG),
                    randomWord(rnd, Word.LFLAG),
                    (byte) rnd.nextInt(30),
                    cc,
                    rnd.nextInt(5_000_000),
                    rnd.nextInt(5_000_000));
            byte[] guest = GuestTermios.encode(t);
            assertThat(guest).hasSize(44);
            assertThat(GuestTermios.decode(guest, 0))
                    .as("seed %x, case %d", seed, i)
                    .isEqualTo(t);
        }
    }
}
