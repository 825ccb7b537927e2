package org.ppcvm.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End-to-end tests of {@code ppcvm run}'s debugging options (--break, --hbreak, --watch, --rwatch,
 * --step, --debug-exits=json, --sw-breakpoints=patch) on {@code debug/watched.c}.
 *
 * <p>Every address, function and instruction the assertions expect comes from {@code objdump -d}
 * and {@code nm} of the built binary; the values {@code counter} takes are the program's own
 * sequence, documented in its source.
 */
class DebugCliTest {
    private static final Path SOURCE = Path.of("src", "test", "resources", "debug", "watched.c");
    private static final GuestToolchain TOOLCHAIN = new GuestToolchain(Path.of("target", "guests", "debug"));
    private static final String OBJDUMP = "powerpc-linux-gnu-objdump";
    private static final String NM = "powerpc-linux-gnu-nm";
    private static final String STRIP = "powerpc-linux-gnu-strip";

    private static final Pattern INSTRUCTION = Pattern.compile("^\\s*([0-9a-f]+):\\s+(\\S+)\\s*(.*)$");
    private static final Pattern FUNCTION_HEADER = Pattern.compile("^([0-9a-f]+) <([^>]+)>:$");
    private static final Pattern BRANCH_TARGET = Pattern.compile("\\b([0-9a-f]+) <[^>]+>");
    private static final Pattern FIELD = Pattern.compile("(\\w+)=(\\S+)(?: <([^>]+)>)?");

    /** One instruction as objdump shows it, with the function it lies in. */
    record Instruction(long address, String mnemonic, String operands, String function) {
        boolean isStore() {
            return mnemonic.startsWith("st");
        }

        boolean isLoad() {
            return mnemonic.matches("l[bhwmf].*");
        }

        boolean isBranch() {
            return mnemonic.startsWith("b");
        }

        Optional<Long> branchTarget() {
            Matcher m = BRANCH_TARGET.matcher(operands);
            return m.find() ? Optional.of(Long.parseUnsignedLong(m.group(1), 16)) : Optional.empty();
        }
    }

    /** One {@code debug-exit} line: its fields and the symbolic annotations after pc and addr. */
    record Exit(Map<String, String> fields, Map<String, String> symbols) {
        String kind() {
            return fields.get("kind");
        }

        long pc() {
            return Long.decode(fields.get("pc"));
        }

        String get(String name) {
            return fields.get(name);
        }
    }

    /** A write {@code counter} sees, in program order: the function doing it and the value after. */
    record Write(String function, long newValue) {}

    private static Path binary;
    private static Map<Long, Instruction> code;
    private static Map<String, Long> symbols;

    @TempDir
    Path work;

    @BeforeAll
    static void buildAndDisassemble() {
        binary = TOOLCHAIN.build(SOURCE, OptLevel.O2);
        code = disassemble(binary);
        symbols = nm(binary);
    }

    // ---- Watchpoints --------------------------------------------------------------------------------

    @Test
    void watchPrintsOneLinePerWriteAtAStoreInTheWritingFunction() {
        List<Exit> exits = exits(ppcvmOk(List.of("--watch", "counter")));
        long counter = symbols.get("counter");
        long area = symbols.get("area");

        // memset may write counter in one or several stores; its lines are checked apart.
        List<Exit> memsetLines = exits.stream()
                .filter(e -> instructionAt(e.pc()).function().equals("memset"))
                .toList();
        assertThat(memsetLines).isNotEmpty();
        List<Write> expected = new ArrayList<>(List.of(
                new Write("bump", 15),
                new Write("bump", 20),
                new Write("bump", 25),
                new Write("set_to", 100),
                new Write("main", 0),
                new Write("main", 1),
                new Write("main", 2),
                new Write("main", 3)));
        int memsetAt = expected.size();
        expected.add(new Write("store_multiple", 0x1e));
        expected.add(new Write("store_double", 0x42));
        assertThat(exits).hasSize(expected.size() + memsetLines.size());

        long previous = 10;
        int e = 0;
        for (int i = 0; i < exits.size(); i++) {
            Exit exit = exits.get(i);
            Instruction at = instructionAt(exit.pc());
            assertThat(exit.kind()).as("line %d", i).isEqualTo("watch-write");
            assertThat(exit.get("slot")).isEqualTo("0");
            assertThat(at.isStore()).as("line %d at %s is a store", i, at).isTrue();
            assertThat(exit.symbols().get("pc")).startsWith(at.function());
            assertThat(Long.decode(exit.get("old"))).as("line %d old", i).isEqualTo(previous);
            long now = Long.decode(exit.get("new"));
            long addr = Long.decode(exit.get("addr"));
            long len = Long.parseLong(exit.get("len"));
            assertThat(addr).as("access covers counter").isLessThanOrEqualTo(counter);
            assertThat(addr + len).as("access covers counter").isGreaterThan(counter);
            previous = now;
            if (i >= memsetAt && i < memsetAt + memsetLines.size()) {
                assertThat(at.function()).isEqualTo("memset");
                if (i == memsetAt + memsetLines.size() - 1) {
                    assertThat(now).isEqualTo(0x11111111L);
                }
                continue;
            }
            Write w = expected.get(e++);
            assertThat(at.function()).as("line %d", i).isEqualTo(w.function());
            assertThat(now).as("line %d new", i).isEqualTo(w.newValue());
            switch (w.function()) {
                case "store_multiple" -> {
                    assertThat(at.mnemonic()).isEqualTo("stmw");
                    int rs = Integer.parseInt(at.operands().replaceAll("^r(\\d+),.*", "$1"));
                    assertThat(addr).isEqualTo(area);
                    assertThat(len).isEqualTo(4L * (32 - rs));
                    assertThat(exit.symbols().get("addr")).isEqualTo("area");
                }
                case "store_double" -> {
                    assertThat(at.mnemonic()).isEqualTo("stfd");
                    assertThat(addr).isEqualTo(area);
                    assertThat(len).isEqualTo(8);
                }
                default -> {
                    assertThat(addr).isEqualTo(counter);
                    assertThat(len).isEqualTo(4);
                    assertThat(exit.symbols().get("addr")).isEqualTo("counter");
                }
            }
        }
    }

    @Test
    void rwatchPrintsOneLinePerReadAtALoad() {
        List<Exit> exits = exits(ppcvmOk(List.of("--rwatch", "counter")));
        // bump x3 (before each write), peek x2, main's final test; values as the program left them.
        List<Write> reads = List.of(
                new Write("bump", 10),
                new Write("bump", 15),
                new Write("bump", 20),
                new Write("peek", 100),
                new Write("peek", 0x42),
                new Write("main", 0x42));
        assertThat(exits).hasSize(reads.size());
        for (int i = 0; i < exits.size(); i++) {
            Exit exit = exits.get(i);
            Instruction at = instructionAt(exit.pc());
            assertThat(exit.kind()).isEqualTo("watch-read");
            assertThat(at.isLoad()).as("line %d at %s is a load", i, at).isTrue();
            assertThat(at.function()).isEqualTo(reads.get(i).function());
            assertThat(Long.decode(exit.get("addr"))).isEqualTo(symbols.get("counter"));
            assertThat(exit.get("len")).isEqualTo("4");
            assertThat(Long.decode(exit.get("value"))).isEqualTo(reads.get(i).newValue());
        }
    }

    @Test
    void watchOnABufferThatReadFillsStopsAtTheScBeforeTheDataIsVisible() {
        List<Exit> exits = exits(ppcvmOk(List.of("--watch", "filebuf")));

        assertThat(exits).hasSize(1);
        Exit exit = exits.getFirst();
        Instruction at = instructionAt(exit.pc());
        assertThat(exit.kind()).isEqualTo("watch-write");
        assertThat(at.mnemonic()).as("%s", at).isEqualTo("sc");
        assertThat(Long.decode(exit.get("addr"))).isEqualTo(symbols.get("filebuf"));
        assertThat(exit.get("len")).isEqualTo("16");
        // The initial contents and what the guest wrote to its file, both from watched.c.
        assertThat(exit.get("old")).isEqualTo(hex("OLDOLDOLDOLDOLD\0"));
        assertThat(exit.get("new")).isEqualTo(hex("new file bytes!\0"));
    }

    // ---- Breakpoints --------------------------------------------------------------------------------

    @Test
    void breakAndHbreakPrintOneLinePerCallAtTheFunctionsAddress() {
        List<Exit> sw = exits(ppcvmOk(List.of("--break", "bump")));
        List<Exit> hw = exits(ppcvmOk(List.of("--hbreak", "peek")));

        assertThat(sw).hasSize(3);
        for (Exit e : sw) {
            assertThat(e.kind()).isEqualTo("sw-break");
            assertThat(e.get("slot")).isEqualTo("-");
            assertThat(e.pc()).isEqualTo(symbols.get("bump"));
            assertThat(e.symbols().get("pc")).isEqualTo("bump");
        }
        assertThat(hw).hasSize(2);
        for (Exit e : hw) {
            assertThat(e.kind()).isEqualTo("hw-break");
            assertThat(e.get("slot")).isEqualTo("0");
            assertThat(e.pc()).isEqualTo(symbols.get("peek"));
        }
    }

    @Test
    void softwareAndHardwareBreakpointsAtOneAddressStopOncePerCall() {
        List<Exit> exits = exits(ppcvmOk(List.of("--break", "bump", "--break", "bump", "--hbreak", "bump")));

        assertThat(exits).hasSize(3);
        assertThat(exits).allSatisfy(e -> assertThat(e.pc()).isEqualTo(symbols.get("bump")));
    }

    @Test
    void patchedSoftwareBreakpointsPrintTheSameAsOutOfBand() {
        List<String> options =
                List.of("--break", "bump", "--break", "peek", "--break", "store_double", "--watch", "counter");
        RunResult outOfBand = ppcvmOk(options);
        List<String> patched = new ArrayList<>(options);
        patched.add("--sw-breakpoints=patch");
        RunResult patch = ppcvmOk(patched);

        assertThat(exits(outOfBand)).hasSize(3 + 2 + 1 + 10 + memsetWrites());
        assertThat(patch.stderrText()).isEqualTo(outOfBand.stderrText());
        assertThat(patch.stdoutText()).isEqualTo(outOfBand.stdoutText());
    }

    // ---- Stepping -----------------------------------------------------------------------------------

    @Test
    void stepPrintsEachNextInstructionOfTheExecution() {
        List<Exit> exits = exits(ppcvmOk(List.of("--step", "1000")));

        assertThat(exits).hasSize(1000);
        assertThat(exits).allSatisfy(e -> assertThat(e.kind()).isEqualTo("step"));
        long start = symbols.get("_start");
        // _start's first instructions, in order, up to its first branch.
        List<Instruction> straight = new ArrayList<>();
        for (long a = start; !instructionAt(a).isBranch(); a += 4) {
            straight.add(instructionAt(a + 4));
        }
        assertThat(straight).isNotEmpty();
        for (int i = 0; i < straight.size(); i++) {
            assertThat(exits.get(i).pc())
                    .as("step %d", i)
                    .isEqualTo(straight.get(i).address());
            assertThat(exits.get(i).symbols().get("pc")).isEqualTo("_start+0x" + Long.toHexString(4L * (i + 1)));
        }
        assertExecutionOrder(exits, start);
    }

    @Test
    void steppingAcrossWatchedStoresMissesNoInstruction() {
        List<Exit> exits = exits(ppcvmOk(List.of("--step", "100000000", "--watch", "counter")));

        List<Exit> steps = exits.stream().filter(e -> e.kind().equals("step")).toList();
        assertThat(exits).filteredOn(e -> e.kind().equals("watch-write")).hasSize(10 + memsetWrites());
        assertExecutionOrder(steps, symbols.get("_start"));
    }

    @Test
    void breakpointOnAWatchedStoreReportsTheBreakpointThenTheWrite() {
        // The store in bump that the watchpoint stops at, as an offset from bump.
        long store = exits(ppcvmOk(List.of("--watch", "counter"))).getFirst().pc();
        assertThat(instructionAt(store).function()).isEqualTo("bump");
        String loc = "bump+0x" + Long.toHexString(store - symbols.get("bump"));

        List<Exit> exits = exits(ppcvmOk(List.of("--break", loc, "--watch", "counter")));

        List<Exit> atStore = exits.stream().filter(e -> e.pc() == store).toList();
        assertThat(atStore)
                .extracting(Exit::kind)
                .containsExactly("sw-break", "watch-write", "sw-break", "watch-write", "sw-break", "watch-write");
    }

    /** Each step's pc is where the instruction before it (from objdump) leads. */
    private static void assertExecutionOrder(List<Exit> steps, long start) {
        long previous = start;
        for (int i = 0; i < steps.size(); i++) {
            long pc = steps.get(i).pc();
            Instruction executed = instructionAt(previous);
            assertThat(code).as("step %d: 0x%x is an instruction", i, pc).containsKey(pc);
            if (!executed.isBranch()) {
                assertThat(pc).as("step %d after %s", i, executed).isEqualTo(previous + 4);
            } else if (executed.branchTarget().isPresent()) {
                long target = executed.branchTarget().get();
                if (executed.mnemonic().equals("b") || executed.mnemonic().equals("bl")) {
                    assertThat(pc).as("step %d after %s", i, executed).isEqualTo(target);
                } else {
                    assertThat(pc).as("step %d after %s", i, executed).isIn(target, previous + 4);
                }
            }
            previous = pc;
        }
    }

    // ---- JSON ---------------------------------------------------------------------------------------

    @Test
    void jsonExitsParseWithAllTheFields() {
        List<String> options =
                List.of("--watch", "counter", "--rwatch", "counter", "--break", "bump", "--hbreak", "peek");
        List<Exit> text = exits(ppcvmOk(options));
        List<String> json = new ArrayList<>(options);
        json.add("--debug-exits=json");
        List<String> lines = ppcvmOk(json).stderrText().lines().toList();

        assertThat(lines).hasSameSizeAs(text);
        for (int i = 0; i < lines.size(); i++) {
            Map<String, Object> o = MiniJson.parseObject(lines.get(i));
            Exit t = text.get(i);
            assertThat(o)
                    .as(lines.get(i))
                    .containsKeys(
                            "kind",
                            "cause",
                            "exception",
                            "slot",
                            "pc",
                            "address",
                            "accessAddress",
                            "accessLength",
                            "points");
            assertThat(o.get("kind")).isEqualTo(t.kind());
            assertThat(((Number) o.get("pc")).longValue()).isEqualTo(t.pc());
            assertThat(o.get("pcSymbol")).isEqualTo(t.symbols().get("pc"));
            assertThat(o.get("slot") == null ? "-" : o.get("slot").toString()).isEqualTo(t.get("slot"));
            assertThat((List<?>) o.get("points")).isNotEmpty();
            switch (t.kind()) {
                case "watch-write" -> {
                    assertThat(((Number) o.get("accessAddress")).longValue()).isEqualTo(Long.decode(t.get("addr")));
                    assertThat(((Number) o.get("accessLength")).longValue()).isEqualTo(Long.parseLong(t.get("len")));
                    assertThat(o.get("old")).isEqualTo(t.get("old"));
                    assertThat(o.get("new")).isEqualTo(t.get("new"));
                    assertThat(((Number) o.get("address")).longValue()).isEqualTo(symbols.get("counter"));
                }
                case "watch-read" -> {
                    assertThat(((Number) o.get("accessAddress")).longValue()).isEqualTo(Long.decode(t.get("addr")));
                    assertThat(o.get("value")).isEqualTo(t.get("value"));
                }
                default -> assertThat(((Number) o.get("address")).longValue()).isEqualTo(t.pc());
            }
        }
    }

    // ---- The guest is not disturbed -------------------------------------------------------------------

    @Test
    void guestOutputAndStatusAreUnchangedByDebugging() {
        RunResult plain = ppcvm(List.of());
        assertThat(plain.exitStatus()).as(plain.stderrText()).isZero();
        assertThat(plain.stderrText()).isEmpty();
        for (List<String> options : List.of(
                List.of("--watch", "counter", "--rwatch", "counter"),
                List.of("--awatch", "counter", "--watch", "filebuf"),
                List.of("--break", "bump", "--hbreak", "peek", "--sw-breakpoints=patch"),
                List.of("--step", "5000", "--debug-exits=json"))) {
            RunResult debugged = ppcvm(options);
            assertThat(debugged.exitStatus())
                    .as("%s: %s", options, debugged.stderrText())
                    .isEqualTo(plain.exitStatus());
            assertThat(debugged.stdoutText()).as("%s", options).isEqualTo(plain.stdoutText());
        }
    }

    // ---- Bad locations --------------------------------------------------------------------------------

    @Test
    void badLocationsGiveOneClearLineAndStatus2() throws IOException, InterruptedException {
        Path stripped = work.resolve("watched-stripped");
        Files.copy(binary, stripped);
        runTool(List.of(Tools.assumeAvailable(STRIP).toString(), stripped.toString()));

        assertBadLocation(binary, List.of("--break", "no_such_function"), "no_such_function");
        assertBadLocation(binary, List.of("--watch", "no_such_variable"), "no_such_variable");
        assertBadLocation(binary, List.of("--hbreak", "0xzz10"), "0xzz10");
        assertBadLocation(binary, List.of("--break", "12abc"), "12abc");
        assertBadLocation(binary, List.of("--watch", "counter+q"), "counter+q");
        assertBadLocation(stripped, List.of("--break", "main"), "main");
        assertBadLocation(stripped, List.of("--watch", "counter"), "counter");
    }

    private void assertBadLocation(Path program, List<String> options, String loc) {
        RunResult r = PpcvmRunner.fromThisJvm().withRunOptions(options).run(spec(program));
        List<String> lines = r.stderrText().lines().toList();
        assertThat(r.exitStatus()).as("%s: %s", options, r.stderrText()).isEqualTo(2);
        assertThat(lines).as("%s", options).hasSize(1);
        assertThat(lines.getFirst()).startsWith("ppcvm: ").contains(loc);
        assertThat(r.stdoutText()).as("the guest did not run").isEmpty();
    }

    // ---- Helpers ------------------------------------------------------------------------------------

    private int memsetWrites() {
        return (int) exits(ppcvmOk(List.of("--watch", "counter"))).stream()
                .filter(e -> instructionAt(e.pc()).function().equals("memset"))
                .count();
    }

    private static String hex(String bytes) {
        return "0x" + HexFormat.of().formatHex(bytes.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static Instruction instructionAt(long address) {
        Instruction i = code.get(address);
        assertThat(i).as("objdump shows an instruction at 0x%x", address).isNotNull();
        return i;
    }

    private RunSpec spec(Path program) {
        return RunSpec.of(program).withEnv(GuestCorpus.BASE_ENV).withWorkingDir(work);
    }

    private RunResult ppcvm(List<String> options) {
        return PpcvmRunner.fromThisJvm().withRunOptions(options).run(spec(binary));
    }

    private RunResult ppcvmOk(List<String> options) {
        RunResult r = ppcvm(options);
        assertThat(r.timedOut()).isFalse();
        assertThat(r.exitStatus()).as("%s: %s", options, r.stderrText()).isZero();
        return r;
    }

    /** The debug exits on stderr; every stderr line must be one (the guest writes nothing there). */
    private static List<Exit> exits(RunResult r) {
        List<Exit> exits = new ArrayList<>();
        for (String line : r.stderrText().lines().toList()) {
            assertThat(line).startsWith("debug-exit ");
            Map<String, String> fields = new LinkedHashMap<>();
            Map<String, String> syms = new LinkedHashMap<>();
            Matcher m = FIELD.matcher(line.substring("debug-exit ".length()));
            while (m.find()) {
                fields.put(m.group(1), m.group(2));
                if (m.group(3) != null) {
                    syms.put(m.group(1), m.group(3));
                }
            }
            exits.add(new Exit(fields, syms));
        }
        return exits;
    }

    private static Map<Long, Instruction> disassemble(Path program) {
        String text = runTool(
                List.of(Tools.assumeAvailable(OBJDUMP).toString(), "-d", "--no-show-raw-insn", program.toString()));
        Map<Long, Instruction> result = new TreeMap<>();
        String function = "";
        for (String line : text.lines().toList()) {
            Matcher header = FUNCTION_HEADER.matcher(line);
            if (header.matches()) {
                function = header.group(2);
                continue;
            }
            Matcher m = INSTRUCTION.matcher(line);
            if (m.matches()) {
                long address = Long.parseUnsignedLong(m.group(1), 16);
                result.put(
                        address, new Instruction(address, m.group(2), m.group(3).strip(), function));
            }
        }
        return result;
    }

    private static Map<String, Long> nm(Path program) {
        Map<String, Long> result = new TreeMap<>();
        for (String line : runTool(List.of(Tools.assumeAvailable(NM).toString(), program.toString()))
                .lines()
                .toList()) {
            String[] parts = line.trim().split("\\s+");
            if (parts.length == 3) {
                result.putIfAbsent(parts[2], Long.parseUnsignedLong(parts[0], 16));
            }
        }
        return result;
    }

    private static String runTool(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new AssertionError(String.join(" ", command) + " failed:\n" + out);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Just enough of a JSON reader for the debug-exit lines: objects, arrays, strings, numbers, literals. */
    static final class MiniJson {
        private final String text;
        private int at;

        private MiniJson(String text) {
            this.text = text;
        }

        @SuppressWarnings("unchecked")
        static Map<String, Object> parseObject(String text) {
            MiniJson p = new MiniJson(text);
            Object value = p.value();
            p.skipSpace();
            if (p.at != text.length() || !(value instanceof Map)) {
                throw new AssertionError("not one JSON object: " + text);
            }
            return (Map<String, Object>) value;
        }

        private Object value() {
            skipSpace();
            char c = peek();
            if (c == '{') {
                at++;
                Map<String, Object> object = new LinkedHashMap<>();
                skipSpace();
                if (peek() == '}') {
                    at++;
                    return object;
                }
                do {
                    skipSpace();
                    String key = string();
                    skipSpace();
                    expect(':');
                    if (object.put(key, value()) != null) {
                        throw error("duplicate key " + key);
                    }
                    skipSpace();
                } while (accept(','));
                expect('}');
                return object;
            }
            if (c == '[') {
                at++;
                List<Object> array = new ArrayList<>();
                skipSpace();
                if (peek() == ']') {
                    at++;
                    return array;
                }
                do {
                    array.add(value());
                    skipSpace();
                } while (accept(','));
                expect(']');
                return array;
            }
            if (c == '"') {
                return string();
            }
            for (String literal : List.of("true", "false", "null")) {
                if (text.startsWith(literal, at)) {
                    at += literal.length();
                    return literal.equals("null") ? null : Boolean.valueOf(literal);
                }
            }
            Matcher m = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][-+]?[0-9]+)?")
                    .matcher(text);
            if (!m.find(at) || m.start() != at) {
                throw error("unexpected character");
            }
            at = m.end();
            return m.group(2) == null && m.group(3) == null
                    ? (Object) Long.valueOf(m.group())
                    : (Object) Double.valueOf(m.group());
        }

        private String string() {
            expect('"');
            StringBuilder b = new StringBuilder();
            while (peek() != '"') {
                char c = text.charAt(at++);
                if (c == '\\') {
                    char e = text.charAt(at++);
                    switch (e) {
                        case 'n' -> b.append('\n');
                        case 't' -> b.append('\t');
                        case 'u' -> {
                            b.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
                            at += 4;
                        }
                        default -> b.append(e);
                    }
                } else if (c < 0x20) {
                    throw error("control character in string");
                } else {
                    b.append(c);
                }
            }
            at++;
            return b.toString();
        }

        private char peek() {
            if (at >= text.length()) {
                throw error("unexpected end");
            }
            return text.charAt(at);
        }

        private boolean accept(char c) {
            if (at < text.length() && text.charAt(at) == c) {
                at++;
                return true;
            }
            return false;
        }

        private void expect(char c) {
            if (!accept(c)) {
                throw error("expected '" + c + "'");
            }
        }

        private void skipSpace() {
            while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
                at++;
            }
        }

        private AssertionError error(String what) {
            return new AssertionError(what + " at " + at + " in JSON: " + text);
        }
    }
}
