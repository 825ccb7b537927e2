package org.ppcvm.testkit.gdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ppcvm.testkit.gdb.Debuggee.at;
import static org.ppcvm.testkit.gdb.Debuggee.listing;
import static org.ppcvm.testkit.gdb.Expect.template;
import static org.ppcvm.testkit.gdb.GdbSession.BOTH;
import static org.ppcvm.testkit.gdb.GdbSession.PPCVM_ONLY;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Watchpoints from gdb: {@code watch}, {@code rwatch} and {@code awatch} on ints, a double, a
 * struct field and array ranges, each reporting the old and new value (or the value read) and the
 * line the guest stopped after; 32 watchpoints at once; and a {@code memset} whose store starts
 * below the watched byte.
 *
 * <p>ppcvm's watchpoints are hardware ones (Z2-Z4) that stop before the access, as gdb's PowerPC
 * port expects: gdb steps over the access and reports where the guest then stands. qemu-user has
 * no Z2-Z4, so against it gdb uses software write watchpoints (single-stepping and comparing
 * values), which must report the same values and lines; it cannot do read or access watchpoints
 * in software, so those run on ppcvm alone.
 */
@Tag("gdb")
class GdbWatchpointTest {
    @Test
    void watchReportsOldAndNewValuesOfAnIntADoubleAFieldAndAnArrayRange() {
        List<GdbRun> runs = GdbSession.of(Debuggee.program(), "watch")
                .commands(
                        "break watch_mode",
                        "continue",
                        "watch g_watched",
                        "watch g_watched_double",
                        "watch g_point.y",
                        "watch g_array[2]@4")
                .commands(repeat("continue", 7))
                .commands("delete", "continue")
                .runOn(BOTH);

        for (GdbRun run : runs) {
            GdbTranscript gdb = run.gdb();
            String kind = run.stub() == GdbStub.PPCVM ? "Hardware watchpoint" : "Watchpoint";
            assertThat(gdb.output("watch g_watched")).as(run.describe()).isEqualTo(kind + " 2: g_watched\n");
            assertThat(gdb.output("watch g_watched_double")).isEqualTo(kind + " 3: g_watched_double\n");
            assertThat(gdb.output("watch g_point.y")).isEqualTo(kind + " 4: g_point.y\n");
            assertThat(gdb.output("watch g_array[2]@4")).isEqualTo(kind + " 5: g_array[2]@4\n");
            List<String> continues = gdb.outputs("continue");
            assertThat(continues.get(0))
                    .isEqualTo("Continuing.\n\nBreakpoint 1, watch_mode () at " + at("w1") + "\n" + listing("w1"));
            // Each store is the last instruction of its line: the guest stops at the next line's start.
            String wp = "Continuing.\n\n" + kind;
            assertThat(continues.subList(1, 8))
                    .containsExactly(
                            wp + " 2: g_watched\n\nOld value = 0\nNew value = 1\n" + stop("w2"),
                            wp + " 2: g_watched\n\nOld value = 1\nNew value = 2\n" + stop("r1"),
                            wp + " 2: g_watched\n\nOld value = 2\nNew value = 42\n" + stop("wd"),
                            wp + " 3: g_watched_double\n\nOld value = 0\nNew value = 2.5\n" + stop("wy"),
                            wp + " 4: g_point.y\n\nOld value = 2\nNew value = -7\n" + stop("wx"),
                            wp + " 5: g_array[2]@4\n\nOld value = {12, 13, 14, 15}\nNew value = {200, 13, 14, 15}\n"
                                    + stop("wa6"),
                            wp + " 5: g_array[2]@4\n\nOld value = {200, 13, 14, 15}\nNew value = {200, 13, 14, 500}\n"
                                    + stop("r2"));
            assertThat(continues.get(8)).matches(template("Continuing.\n[Inferior 1 ({process}) exited normally]\n"));
            assertThat(run.guestStdout()).isEqualTo("watch: 42 2.5 5 -7 500\n");
            assertThat(run.exitStatus()).isZero();
        }
    }

    /**
     * Read and access watchpoints (Z3, Z4): a read reports the value read and stops after the load,
     * inside its line; an access watchpoint reports a write as old and new value.
     */
    @Test
    void rwatchAndAwatchReportReadsAndWrites() {
        List<GdbRun> runs = GdbSession.of(Debuggee.program(), "watch")
                .commands(
                        "break watch_mode",
                        "continue",
                        "rwatch g_watched",
                        "awatch g_point.y",
                        "awatch g_watched_double",
                        "rwatch g_array[4]@2")
                .commands(repeat("continue", 7))
                .commands("delete", "continue")
                .runOn(PPCVM_ONLY);

        for (GdbRun run : runs) {
            GdbTranscript gdb = run.gdb();
            assertThat(gdb.output("rwatch g_watched"))
                    .as(run.describe())
                    .isEqualTo("Hardware read watchpoint 2: g_watched\n");
            assertThat(gdb.output("awatch g_point.y"))
                    .isEqualTo("Hardware access (read/write) watchpoint 3: g_point.y\n");
            assertThat(gdb.output("awatch g_watched_double"))
                    .isEqualTo("Hardware access (read/write) watchpoint 4: g_watched_double\n");
            assertThat(gdb.output("rwatch g_array[4]@2")).isEqualTo("Hardware read watchpoint 5: g_array[4]@2\n");
            List<String> continues = gdb.outputs("continue");
            String read = "Continuing.\n\nHardware read watchpoint ";
            String access = "Continuing.\n\nHardware access (read/write) watchpoint ";
            List<String> stops = continues.subList(1, 8);
            assertThat(stops.get(0)).matches(template(read + "2: g_watched\n\nValue = 2\n" + stopInside("r1")));
            assertThat(stops.get(1))
                    .isEqualTo(access + "4: g_watched_double\n\nOld value = 0\nNew value = 2.5\n" + stop("wy"));
            assertThat(stops.get(2)).isEqualTo(access + "3: g_point.y\n\nOld value = 2\nNew value = -7\n" + stop("wx"));
            assertThat(stops.get(3)).matches(template(read + "2: g_watched\n\nValue = 42\n" + stopInside("r2")));
            assertThat(stops.get(4)).matches(template(access + "3: g_point.y\n\nValue = -7\n" + stopInside("ry")));
            assertThat(stops.get(5))
                    .matches(template(access + "4: g_watched_double\n\nValue = 2.5\n" + stopInside("rd")));
            assertThat(stops.get(6))
                    .matches(template(read + "5: g_array[4]@2\n\nValue = {14, 500}\n" + stopInside("ra5")));
            assertThat(continues.get(8)).matches(template("Continuing.\n[Inferior 1 ({process}) exited normally]\n"));
            assertThat(run.guestStdout()).isEqualTo("watch: 42 2.5 5 -7 500\n");
        }
    }

    /**
     * 32 byte-sized watchpoints at once, each hit once by many mode's loop; then one on
     * g_bytes[13] while memset fills g_bytes[8..23] backwards with word stores: the store that
     * changes byte 13 starts at byte 12, below the watched byte, and the stop must still be
     * reported (gdb ignores a watchpoint address outside the watched range).
     */
    @Test
    void thirtyTwoWatchpointsAtOnceAndAMemsetStoreStartingBelowTheWatchedByte() {
        List<String> watches = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            watches.add("watch g_bytes[" + i + "]");
        }
        List<GdbRun> runs = GdbSession.of(Debuggee.program(), "many")
                .commands("break many_mode", "continue")
                .commands(watches)
                .commands(repeat("continue", 32))
                .commands(
                        "delete",
                        "watch g_bytes[13]",
                        "continue",
                        "bt",
                        "p g_bytes[8]@8",
                        "p g_bytes[16]@8",
                        "delete",
                        "continue")
                .runOn(BOTH);

        for (GdbRun run : runs) {
            GdbTranscript gdb = run.gdb();
            String kind = run.stub() == GdbStub.PPCVM ? "Hardware watchpoint" : "Watchpoint";
            for (int i = 0; i < 32; i++) {
                // g_bytes[13] is watched again for the memset.
                assertThat(gdb.outputs(watches.get(i)).getFirst())
                        .as(run.describe())
                        .isEqualTo(kind + " " + (i + 2) + ": g_bytes[" + i + "]\n");
            }
            List<String> continues = gdb.outputs("continue");
            assertThat(continues.get(0))
                    .isEqualTo("Continuing.\n\nBreakpoint 1, many_mode () at " + at("many_for") + "\n"
                            + listing("many_for"));
            for (int i = 0; i < 32; i++) {
                // The store ends the loop body; the increment, on the for line, comes next.
                assertThat(continues.get(1 + i))
                        .as("write %d", i)
                        .isEqualTo("Continuing.\n\n" + kind + " " + (i + 2) + ": g_bytes[" + i + "]\n\n"
                                + "Old value = 0 '\\000'\n"
                                + "New value = " + (i + 1) + " " + charLiteral(i + 1) + "\n"
                                + stop("many_for"));
            }
            assertThat(gdb.outputs("watch g_bytes[13]").get(1)).isEqualTo(kind + " 34: g_bytes[13]\n");
            assertThat(continues.get(33))
                    .matches(template("Continuing.\n\n" + kind + " 34: g_bytes[13]\n\n"
                            + "Old value = 14 '\\016'\nNew value = 171 '\\253'\n{hex} in memset ()\n"));
            assertThat(gdb.output("bt"))
                    .matches(template("#0  {hex} in memset ()\n"
                            + "#1  {hex} in many_mode () at " + at("many_memset") + "\n"
                            + "#2  {hex} in main (argc=2, argv={hex}) at " + at("main_many") + "\n"));
            // memset goes from the end down: 12-23 are written, 8-11 not yet.
            assertThat(gdb.output("p g_bytes[8]@8")).isEqualTo("$1 = \"\\t\\n\\v\\f\\253\\253\\253\\253\"\n");
            assertThat(gdb.output("p g_bytes[16]@8")).isEqualTo("$2 = \"" + "\\253".repeat(8) + "\"\n");
            assertThat(continues.get(34)).matches(template("Continuing.\n[Inferior 1 ({process}) exited normally]\n"));
            assertThat(run.guestStdout()).isEqualTo("many: 8 171 25\n");
        }
    }

    /** Where gdb reports the guest after a watchpoint: at the start of the line marked {@code name}. */
    private static String stop(String name) {
        String function = name.startsWith("many") ? "many_mode" : "watch_mode";
        return function + " () at " + at(name) + "\n" + listing(name);
    }

    /** A template for a stop inside the line marked {@code name}, after a load. */
    private static String stopInside(String name) {
        return "{hex} in watch_mode () at " + at(name) + "\n" + listing(name);
    }

    /** How gdb shows an unsigned char's value as a character. */
    static String charLiteral(int c) {
        return switch (c) {
            case 7 -> "'\\a'";
            case 8 -> "'\\b'";
            case 9 -> "'\\t'";
            case 10 -> "'\\n'";
            case 11 -> "'\\v'";
            case 12 -> "'\\f'";
            case 13 -> "'\\r'";
            case 27 -> "'\\033'";
            default -> c >= 32 && c < 127 ? "'" + (char) c + "'" : String.format("'\\%03o'", c);
        };
    }

    private static List<String> repeat(String command, int times) {
        List<String> list = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            list.add(command);
        }
        return list;
    }
}
