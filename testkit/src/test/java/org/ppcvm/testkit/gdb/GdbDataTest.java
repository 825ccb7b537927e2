package org.ppcvm.testkit.gdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ppcvm.testkit.gdb.Debuggee.at;
import static org.ppcvm.testkit.gdb.Debuggee.listing;
import static org.ppcvm.testkit.gdb.Expect.template;
import static org.ppcvm.testkit.gdb.GdbSession.BOTH;
import static org.ppcvm.testkit.gdb.GdbSession.PPCVM_ONLY;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Data from gdb: globals, locals, arguments and doubles with {@code print}, the registers with
 * {@code info registers} (msr, fpscr, the SPRs), and a 4 MiB {@code dump binary memory}.
 */
@Tag("gdb")
class GdbDataTest {
    /**
     * FPSCR after calls mode's {@code g_one / 3.0}, its first floating-point operation: FX and XX
     * for the inexact result, FI (this operation was inexact), FPRF "+normal"; FR clear as 1/3 is
     * rounded down.
     */
    private static final String FPSCR_AFTER_THE_DIVISION = "0x82024000";

    /**
     * FPSCR in middle after {@code from_leaf * scale}: the int-to-double conversion and the product
     * are exact, so FI is clear again; FX and XX stay set (sticky).
     */
    private static final String FPSCR_AFTER_THE_PRODUCT = "0x82004000";

    @Test
    void printShowsGlobalsLocalsArgumentsAndDoubles() {
        List<GdbRun> runs = GdbSession.of(Debuggee.program(), "calls")
                .commands(
                        "break debuggee.c:" + Debuggee.line("middle_return"),
                        "continue",
                        "info args",
                        "info locals",
                        "p scaled * 3",
                        "p g_int",
                        "p/x g_int",
                        "p g_double",
                        "p g_third",
                        "p g_point",
                        "p g_point.weight * 4",
                        "p g_point.tag",
                        "p g_array",
                        "p g_array[3]@3",
                        "ptype struct point",
                        "p $f1",
                        "p $f0",
                        "p/x $fpscr",
                        "info registers fpscr",
                        "p ($msr & 0x4000) != 0",
                        "kill")
                .runOn(BOTH);

        for (GdbRun run : runs) {
            GdbTranscript gdb = run.gdb();
            assertThat(gdb.output("continue"))
                    .as(run.describe())
                    .isEqualTo("Continuing.\n\nBreakpoint 1, middle (n=1, scale=0.5) at " + at("middle_return") + "\n"
                            + listing("middle_return"));
            assertThat(gdb.output("info args")).isEqualTo("n = 1\nscale = 0.5\n");
            assertThat(gdb.output("info locals")).isEqualTo("from_leaf = 4\nscaled = 2\n");
            assertThat(gdb.output("p scaled * 3")).isEqualTo("$1 = 6\n");
            assertThat(gdb.output("p g_int")).isEqualTo("$2 = 42\n");
            assertThat(gdb.output("p/x g_int")).isEqualTo("$3 = 0x2a\n");
            assertThat(gdb.output("p g_double")).isEqualTo("$4 = 3.25\n");
            assertThat(gdb.output("p g_third")).isEqualTo("$5 = 0.33333333333333331\n");
            assertThat(gdb.output("p g_point")).isEqualTo("$6 = {x = 1, y = 2, weight = 0.5, tag = \"origin\\000\"}\n");
            assertThat(gdb.output("p g_point.weight * 4")).isEqualTo("$7 = 2\n");
            assertThat(gdb.output("p g_point.tag")).isEqualTo("$8 = \"origin\\000\"\n");
            assertThat(gdb.output("p g_array")).isEqualTo("$9 = {10, 11, 12, 13, 14, 15, 16, 17}\n");
            assertThat(gdb.output("p g_array[3]@3")).isEqualTo("$10 = {13, 14, 15}\n");
            assertThat(gdb.output("ptype struct point"))
                    .isEqualTo(
                            "type = struct point {\n    int x;\n    int y;\n    double weight;\n    char tag[8];\n}\n");
            // middle's argument came in f1; f0 holds the product just stored in scaled.
            assertThat(gdb.output("p $f1")).isEqualTo("$11 = 0.5\n");
            assertThat(gdb.output("p $f0")).isEqualTo("$12 = 2\n");
            assertThat(gdb.output("p/x $fpscr")).isEqualTo("$13 = " + FPSCR_AFTER_THE_PRODUCT + "\n");
            assertThat(gdb.output("info registers fpscr"))
                    .isEqualTo("fpscr          " + FPSCR_AFTER_THE_PRODUCT + "          -2113912832\n");
            // MSR[PR]: the guest runs in problem state.
            assertThat(gdb.output("p ($msr & 0x4000) != 0")).isEqualTo("$14 = 1\n");
            GdbBreakpointTest.assertKilled(run);
        }
    }

    /** The core and FPU registers, named and numbered as gdb's PowerPC port expects. */
    @Test
    void infoRegistersListsTheCoreRegistersInGdbsOrder() {
        List<GdbRun> runs = GdbSession.of(Debuggee.program(), "calls")
                .commands("break leaf", "continue", "info registers", "info registers float", "kill")
                .notComparing("info registers")
                .runOn(BOTH);

        List<String> core = new ArrayList<>();
        for (int n = 0; n < 32; n++) {
            core.add("r" + n);
        }
        core.addAll(List.of("pc", "msr", "cr", "lr", "ctr", "xer", "fpscr"));
        for (GdbRun run : runs) {
            List<Register> registers = registers(run.gdb().output("info registers"));
            assertThat(registers.stream().map(Register::name).toList().subList(0, core.size()))
                    .as(run.describe())
                    .isEqualTo(core);
            assertThat(registers.get(3).value()).as("r3 is leaf's argument").isEqualTo(1);
            Register pc = registers.get(32);
            assertThat(pc.rest()).matches("0x[0-9a-f]+ <leaf\\+\\d+>");
            assertThat(registers.get(33).value() & 0x4000).as("MSR[PR]").isEqualTo(0x4000);
            // outer passed 0.5 to middle in f1; leaf has done no floating point.
            assertThat(run.gdb().output("info registers float"))
                    .contains("\nf1             0.5                 (raw 0x3fe0000000000000)\n")
                    .endsWith("\nfpscr          " + FPSCR_AFTER_THE_DIVISION + "          -2113781760\n");
        }
    }

    /**
     * {@code info proc} and {@code info proc mappings} read the guest's own {@code /proc/4242}
     * files through {@code vFile} (qemu-user answers no {@code vFile}): its command line, directory
     * and program, and its memory as Linux lists it, with the program's text mapped from its file
     * (where the PC is) and the stack.
     */
    @Test
    void infoProcAndInfoProcMappingsDescribeTheGuest() {
        List<GdbRun> runs = GdbSession.of(Debuggee.program(), "calls")
                .commands("break leaf", "continue", "info proc", "info proc mappings", "p/x $pc", "kill")
                .runOn(PPCVM_ONLY);

        for (GdbRun run : runs) {
            GdbTranscript gdb = run.gdb();
            String program = Debuggee.program().toAbsolutePath().normalize().toString();
            assertThat(gdb.output("info proc"))
                    .as(run.describe())
                    .matches(template("process 4242\ncmdline = '{line}\ncwd = '{line}\nexe = '" + program + "'\n"));
            String mappings = gdb.output("info proc mappings");
            long pc = Long.decode(gdb.output("p/x $pc").replaceAll("^\\$1 = |\\n$", ""));
            assertThat(mappings).startsWith("process 4242\nMapped address spaces:\n");
            List<String[]> lines = mappings.lines()
                    .map(String::trim)
                    .filter(l -> l.startsWith("0x"))
                    .map(l -> l.split("\\s+"))
                    .toList();
            assertThat(lines)
                    .anySatisfy(l -> assertThat(l).containsExactly(l[0], l[1], l[2], "0x0", "r-xp", program))
                    .anySatisfy(l -> assertThat(l[l.length - 1]).isEqualTo("[stack]"))
                    .anySatisfy(l -> {
                        assertThat(Long.decode(l[0])).isLessThanOrEqualTo(pc);
                        assertThat(Long.decode(l[1])).isGreaterThan(pc);
                        assertThat(l).contains("r-xp", program);
                    });
        }
    }

    /**
     * The e500mc SPRs a program can read, in the {@code spr} group (qemu-user has none): PVR is
     * the e500mc rev 2.0 value Linux gives {@code mfpvr}, and the time base counts.
     */
    @Test
    void infoRegistersSprShowsTheUserReadableSprs() {
        List<GdbRun> runs = GdbSession.of(Debuggee.program(), "calls")
                .commands(
                        "break leaf",
                        "continue",
                        "info registers spr",
                        "p/x $pvr",
                        "p $tbl != 0 || $tbu != 0",
                        "info registers msr",
                        "kill")
                .runOn(PPCVM_ONLY);

        for (GdbRun run : runs) {
            GdbTranscript gdb = run.gdb();
            List<Register> sprs = registers(gdb.output("info registers spr"));
            assertThat(sprs.stream().map(Register::name))
                    .as(run.describe())
                    .containsExactly("vrsave", "sprg3", "tbl", "tbu", "pvr");
            assertThat(sprs.get(4).value()).isEqualTo(0x80230020L);
            assertThat(gdb.output("p/x $pvr")).isEqualTo("$1 = 0x80230020\n");
            assertThat(gdb.output("p $tbl != 0 || $tbu != 0")).isEqualTo("$2 = 1\n");
            assertThat(gdb.output("info registers msr")).matches(template("msr            {hex}{line}\n"));
            GdbBreakpointTest.assertKilled(run);
        }
    }

    /**
     * gdb reads 4 MiB in many {@code m} packets; the file it writes is the pattern big mode wrote,
     * byte for byte.
     */
    @Test
    void dumpBinaryMemoryOfFourMebibytesIsThePatternTheGuestWrote() throws IOException {
        List<GdbRun> runs = GdbSession.of(Debuggee.program(), "big")
                .commands(
                        "break big_filled",
                        "continue",
                        "p sizeof(big_buffer)",
                        "dump binary memory {work}/big.bin big_buffer big_buffer + sizeof(big_buffer)",
                        "continue")
                .runOn(BOTH);

        for (GdbRun run : runs) {
            GdbTranscript gdb = run.gdb();
            assertThat(gdb.outputs("continue").getFirst())
                    .as(run.describe())
                    .startsWith("Continuing.\n\nBreakpoint 1, big_filled () at debuggee.c:");
            assertThat(gdb.output("p sizeof(big_buffer)")).isEqualTo("$1 = 4194304\n");
            Path dump = run.work().resolve("big.bin");
            byte[] dumped = Files.readAllBytes(dump);
            assertThat(dumped).hasSize(4 << 20);
            for (int i = 0; i < dumped.length; i++) {
                if (dumped[i] != pattern(i)) {
                    throw new AssertionError(String.format(
                            "byte 0x%x of the dump is 0x%02x, the guest wrote 0x%02x (%s)",
                            i, dumped[i] & 0xff, pattern(i) & 0xff, run.stub()));
                }
            }
            assertThat(gdb.outputs("continue").get(1))
                    .matches(template("Continuing.\n[Inferior 1 ({process}) exited normally]\n"));
            assertThat(run.guestStdout()).isEqualTo("big: filled 4194304 bytes\n");
            Files.delete(dump);
        }
    }

    /** debuggee.c's pattern(i): the byte big mode writes at big_buffer[i]. */
    static byte pattern(int i) {
        return (byte) (i * 7 + (i >>> 8) + (i >>> 16) * 13);
    }

    /** One line of {@code info registers}: the name, the raw value, and what gdb shows after it. */
    record Register(String name, long value, String rest) {}

    private static final Pattern REGISTER_LINE = Pattern.compile("^(\\w+)\\s+0x([0-9a-f]+)\\s+(.*)$");

    static List<Register> registers(String output) {
        List<Register> registers = new ArrayList<>();
        for (String line : output.lines().toList()) {
            Matcher m = REGISTER_LINE.matcher(line);
            assertThat(m.matches())
                    .as("a register line: '%s' in\n%s", line, output)
                    .isTrue();
            registers.add(new Register(m.group(1), Long.parseLong(m.group(2), 16), m.group(3)));
        }
        return registers;
    }
}
