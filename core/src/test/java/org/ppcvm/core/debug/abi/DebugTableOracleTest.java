package org.ppcvm.core.debug.abi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.ppcvm.core.debug.DebugPoint;
import org.ppcvm.core.debug.DebugPoint.Breakpoint;
import org.ppcvm.core.debug.DebugPoint.Watchpoint;
import org.ppcvm.core.debug.WatchKind;
import org.ppcvm.core.testing.CrossTools;

/**
 * The codecs against a C compiler: {@code linux_debug.c} fills Linux's {@code struct
 * kvm_guest_debug} from the cross libc's {@code <linux/kvm.h>}, {@code seed_debug.c} the seed's
 * layout from {@code seed_debug.h}, each through the struct's fields; under qemu-ppc they print
 * sizes, offsets, constants, the slots as C reads them back and the bytes. The Java codecs must
 * agree on all of it, decode the bytes into the expected points and encode them back identically.
 */
class DebugTableOracleTest {
    private static final Path WORK = Path.of("target", "debug-abi-oracle");

    private record CSlot(int index, long address, int type, int length) {}

    private record CTable(int control, List<CSlot> slots, byte[] bytes) {}

    /** A C program's output: layout and constant lines by their first two words, and tables. */
    private record COutput(Map<String, Long> numbers, Map<String, CTable> tables) {}

    @Test
    void linuxLayoutAndConstantsAreThoseOfAsmKvmH() throws Exception {
        COutput c = runC("linux_debug");
        Map<String, Long> java = new LinkedHashMap<>();
        java.put("sizeof table", (long) LinuxDebugTable.SIZE);
        java.put("count slots", (long) LinuxDebugTable.SLOT_COUNT);
        java.put("offsetof control", (long) LinuxDebugTable.CONTROL_OFFSET);
        java.put("offsetof pad", (long) LinuxDebugTable.PAD_OFFSET);
        java.put("offsetof bp", (long) LinuxDebugTable.SLOTS_OFFSET);
        java.put("sizeof slot", (long) LinuxDebugTable.SLOT_SIZE);
        java.put("offsetof slot.addr", (long) LinuxDebugTable.ADDR_OFFSET);
        java.put("offsetof slot.type", (long) LinuxDebugTable.TYPE_OFFSET);
        java.put("offsetof slot.reserved", (long) LinuxDebugTable.RESERVED_OFFSET);
        putConstants(java);
        assertThat(c.numbers()).containsExactlyInAnyOrderEntriesOf(java);
        assertThat(TableLayout.LINUX.size()).isEqualTo(LinuxDebugTable.SIZE);
        assertThat(TableLayout.LINUX.slotCount()).isEqualTo(LinuxDebugTable.SLOT_COUNT);
    }

    @Test
    void seedLayoutAndConstantsAreThoseOfSeedDebugH() throws Exception {
        COutput c = runC("seed_debug");
        Map<String, Long> java = new LinkedHashMap<>();
        java.put("sizeof table", (long) SeedDebugTable.SIZE);
        java.put("count slots", (long) SeedDebugTable.SLOT_COUNT);
        java.put("offsetof control", (long) SeedDebugTable.CONTROL_OFFSET);
        java.put("offsetof pad", (long) SeedDebugTable.PAD_OFFSET);
        java.put("offsetof bp", (long) SeedDebugTable.SLOTS_OFFSET);
        java.put("sizeof slot", (long) SeedDebugTable.SLOT_SIZE);
        java.put("offsetof slot.addr", (long) SeedDebugTable.ADDR_OFFSET);
        java.put("offsetof slot.type", (long) SeedDebugTable.TYPE_OFFSET);
        java.put("offsetof slot.pad1", (long) SeedDebugTable.PAD1_OFFSET);
        java.put("offsetof slot.pad2", (long) SeedDebugTable.PAD2_OFFSET);
        putConstants(java);
        java.put("const USE_LENGTH", (long) DebugTable.USE_LENGTH);
        assertThat(c.numbers()).containsExactlyInAnyOrderEntriesOf(java);
        assertThat(TableLayout.SEED.size()).isEqualTo(SeedDebugTable.SIZE);
        assertThat(TableLayout.SEED.slotCount()).isEqualTo(SeedDebugTable.SLOT_COUNT);
    }

    private static void putConstants(Map<String, Long> java) {
        java.put("const ENABLE", (long) DebugTable.ENABLE);
        java.put("const SINGLESTEP", (long) DebugTable.SINGLESTEP);
        java.put("const USE_SW_BP", (long) DebugTable.USE_SW_BP);
        java.put("const USE_HW_BP", (long) DebugTable.USE_HW_BP);
        java.put("const NONE", (long) SlotType.NONE);
        java.put("const BREAKPOINT", (long) SlotType.BREAKPOINT.bits());
        java.put("const WATCH_WRITE", (long) SlotType.WATCH_WRITE.bits());
        java.put("const WATCH_READ", (long) SlotType.WATCH_READ.bits());
    }

    @Test
    void linuxTablesDecodeIntoTheirPointsAndEncodeBackToTheSameBytes() throws Exception {
        Map<String, List<DebugPoint>> expected = new LinkedHashMap<>();
        expected.put(
                "mixed",
                List.of(
                        new Breakpoint(0x1000_0100, true),
                        new Watchpoint(0x1002_0000, 4, WatchKind.WRITE),
                        new Watchpoint(0xffff_fffc, 4, WatchKind.READ),
                        new Watchpoint(0x7fff_fff0, 4, WatchKind.ACCESS),
                        new Breakpoint(0xffff_fffc, true)));
        List<DebugPoint> full = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            int word = 0x0040_0000 + 0x100 * i;
            full.add(
                    switch (i % 4) {
                        case 0 -> new Breakpoint(word, true);
                        case 1 -> new Watchpoint(word, 4, WatchKind.WRITE);
                        case 2 -> new Watchpoint(word, 4, WatchKind.READ);
                        default -> new Watchpoint(word, 4, WatchKind.ACCESS);
                    });
        }
        expected.put("full", full);
        Breakpoint twice = new Breakpoint(0x1000_0000, true);
        Watchpoint word = new Watchpoint(0x2000_0000, 4, WatchKind.WRITE);
        expected.put("duplicate", List.of(twice, word, word, twice));
        expected.put("swonly", List.of());
        expected.put("off", List.of());
        checkTables(runC("linux_debug"), TableLayout.LINUX, LinuxDebugTable::decode, LinuxDebugTable::encode, expected);
    }

    @Test
    void seedTablesDecodeIntoTheirPointsAndEncodeBackToTheSameBytes() throws Exception {
        Map<String, List<DebugPoint>> expected = new LinkedHashMap<>();
        expected.put(
                "word",
                List.of(
                        new Breakpoint(0x1000_0000, true),
                        new Watchpoint(0x2000_0000, 4, WatchKind.WRITE),
                        new Watchpoint(0, 4, WatchKind.READ),
                        new Watchpoint(0xffff_fffc, 4, WatchKind.ACCESS)));
        expected.put(
                "length",
                List.of(
                        new Watchpoint(0x2000_0001, 7, WatchKind.WRITE),
                        new Breakpoint(0x1000_0004, true),
                        new Watchpoint(0x3000_0000, 1, WatchKind.READ),
                        new Watchpoint(0xffff_fff0, 16, WatchKind.ACCESS),
                        new Watchpoint(0, 0x7fff_ffff, WatchKind.READ)));
        expected.put("step", List.of());
        checkTables(runC("seed_debug"), TableLayout.SEED, SeedDebugTable::decode, SeedDebugTable::encode, expected);
    }

    private static void checkTables(
            COutput c,
            TableLayout layout,
            Function<byte[], DebugTable> decode,
            Function<DebugTable, byte[]> encode,
            Map<String, List<DebugPoint>> expected) {
        assertThat(c.tables().keySet()).containsExactlyElementsOf(expected.keySet());
        for (Map.Entry<String, CTable> e : c.tables().entrySet()) {
            String name = e.getKey();
            CTable ct = e.getValue();
            DebugTable table = decode.apply(ct.bytes());
            assertThat(table.layout()).as(name).isEqualTo(layout);
            assertThat(table.control()).as(name + " control").isEqualTo(ct.control());
            assertThat(table.slots().stream()
                            .map(s -> new CSlot(
                                    s.index(),
                                    Integer.toUnsignedLong(s.address()),
                                    s.type().bits(),
                                    s.length()))
                            .toList())
                    .as(name + " slots")
                    .isEqualTo(ct.slots());
            assertThat(table.points()).as(name + " points").isEqualTo(expected.get(name));
            assertThat(encode.apply(table)).as(name + " re-encoded").isEqualTo(ct.bytes());
        }
    }

    // ---- Running the C programs ------------------------------------------------------------------

    private static COutput runC(String program) throws IOException, InterruptedException {
        CrossTools.require("powerpc-linux-gnu-gcc", "qemu-ppc");
        Files.createDirectories(WORK);
        Path source = resource("/debug/" + program + ".c");
        Path exe = WORK.resolve(program);
        CrossTools.run(
                List.of(
                        "powerpc-linux-gnu-gcc",
                        "-static",
                        "-O2",
                        "-Wall",
                        "-Werror",
                        "-I",
                        source.getParent().toString(),
                        "-o",
                        exe.toString(),
                        source.toString()),
                WORK.resolve(program + ".cc"),
                120);
        Path out = WORK.resolve(program + ".out");
        CrossTools.run(List.of("qemu-ppc", exe.toString()), out, 60);
        return parse(Files.readAllLines(out, StandardCharsets.US_ASCII));
    }

    private static Path resource(String name) throws IOException {
        try {
            return Path.of(Objects.requireNonNull(DebugTableOracleTest.class.getResource(name), name)
                    .toURI());
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
    }

    /** Parses the lines documented in the C programs; an unknown line fails the test. */
    private static COutput parse(List<String> lines) {
        Map<String, Long> numbers = new LinkedHashMap<>();
        Map<String, Integer> controls = new LinkedHashMap<>();
        Map<String, List<CSlot>> slots = new LinkedHashMap<>();
        Map<String, CTable> tables = new LinkedHashMap<>();
        for (String line : lines) {
            String[] w = line.split(" ");
            switch (w[0]) {
                case "sizeof", "offsetof", "count", "const" -> numbers.put(w[0] + " " + w[1], Long.decode(w[2]));
                case "table" -> {
                    controls.put(w[1], Integer.parseUnsignedInt(w[3].substring(2), 16));
                    slots.put(w[1], new ArrayList<>());
                }
                case "slot" ->
                    slots.get(w[1])
                            .add(new CSlot(
                                    Integer.parseInt(w[2]),
                                    Long.decode(w[4]),
                                    Integer.decode(w[6]),
                                    Integer.parseUnsignedInt(w[8].substring(2), 16)));
                case "bytes" ->
                    tables.put(
                            w[1],
                            new CTable(
                                    controls.get(w[1]),
                                    slots.get(w[1]),
                                    HexFormat.of().parseHex(w[2])));
                default -> throw new AssertionError("unexpected output line: " + line);
            }
        }
        return new COutput(numbers, tables);
    }
}
