package org.ppcvm.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.ppcvm.elf.ElfException;
import org.ppcvm.elf.ElfFile;

/**
 * {@code ppcvm run} on bad input: whatever is wrong, the user gets exactly one line on stderr,
 * starting with {@code "ppcvm: "} and saying what is wrong, and a non-zero status; never a Java
 * stack trace or picocli's whole usage text.
 *
 * <p>These cases never start a guest, so the CLI runs in this JVM through {@link Main#execute}
 * with {@code System.err} captured. The exact wording of the ELF checks is {@code ElfFileTest}'s
 * business; here the line must be {@code "ppcvm: PATH: "} followed by the parser's message.
 */
class RunCommandTest {
    private static final String GCC = "powerpc-linux-gnu-gcc";

    @TempDir
    Path dir;

    /** What one in-process run of the CLI printed and returned. */
    record Outcome(int status, String stdout, String stderr) {
        List<String> stderrLines() {
            return stderr.lines().toList();
        }
    }

    static synchronized Outcome execute(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            System.setOut(o);
            System.setErr(e);
            int status = Main.execute(args);
            o.flush();
            e.flush();
            return new Outcome(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    /** The contract for every bad input: one "ppcvm: " line, equal to {@code expectedLine}, status != 0. */
    static void assertOneLineError(Outcome r, String expectedLine) {
        assertThat(r.stderr()).as("no stack trace").doesNotContain("Exception").doesNotContain("at org.");
        assertThat(r.stderrLines()).as("stderr").containsExactly(expectedLine);
        assertThat(expectedLine).startsWith("ppcvm: ");
        assertThat(r.status()).as("exit status").isNotZero();
        assertThat(r.stdout()).as("stdout").isEmpty();
    }

    // ---- Files that are not programs ---------------------------------------------------------------

    @Test
    void negativeStepCount() {
        Path example = Path.of("..", "examples", "hello");
        assertOneLineError(
                execute("run", "--step", "-3", example.toString()),
                "ppcvm: --step needs a count of zero or more, not -3");
    }

    @Test
    void gdbPortOutOfRange() {
        Path example = Path.of("..", "examples", "hello");
        assertOneLineError(
                execute("run", "-g", "70000", example.toString()),
                "ppcvm: -g needs a TCP port from 0 to 65535, not 70000");
    }

    @Test
    void gdbWithCommandLineBreakpoints() {
        Path example = Path.of("..", "examples", "hello");
        assertOneLineError(
                execute("run", "-g", "0", "--break", "main", example.toString()),
                "ppcvm: -g cannot be combined with --break, --watch and the other debug options");
    }

    @Test
    void sysrootThatIsNotADirectory() {
        Path example = Path.of("..", "examples", "hello");
        String missing = dir.resolve("no-sysroot").toString();
        assertOneLineError(
                execute("run", "-g", "0", "-L", missing, example.toString()),
                "ppcvm: -L " + missing + ": not a directory");
    }

    @Test
    void gdbListenAddressThatCannotBeBound() {
        Path example = Path.of("..", "examples", "hello");
        Outcome r = execute("run", "-g", "0", "--gdb-listen", "203.0.113.7", example.toString());
        assertThat(r.stderrLines()).hasSize(1);
        assertThat(r.stderrLines().getFirst()).startsWith("ppcvm: cannot listen for gdb on 203.0.113.7:0: ");
        assertThat(r.status()).isEqualTo(1);
    }

    @Test
    void jsonStringsAreEscaped() {
        assertThat(DebugFace.jsonEscape("a\"b\\c\u0001")).isEqualTo("a\\\"b\\\\c\\u0001");
    }

    @Test
    void missingFile() {
        String path = dir.resolve("no-such-program").toString();

        assertOneLineError(execute("run", path), "ppcvm: " + path + ": no such file");
    }

    @Test
    void directory() {
        assertOneLineError(execute("run", dir.toString()), "ppcvm: " + dir + ": cannot read: Is a directory");
    }

    @Test
    void textFile() throws IOException {
        Path script = Files.writeString(dir.resolve("script.sh"), "#!/bin/sh\necho not a PowerPC program\n");

        assertOneLineError(
                execute("run", script.toString()), "ppcvm: " + script + ": not an ELF file (bad magic number)");
    }

    @Test
    void emptyFile() throws IOException {
        Path empty = Files.write(dir.resolve("empty"), new byte[0]);

        assertOneLineError(execute("run", empty.toString()), "ppcvm: " + empty + ": empty file");
    }

    @Test
    void theHostsOwnExecutable() throws IOException {
        // An x86-64 (or other 64-bit) host program: the commonest wrong file to hand to ppcvm.
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");

        assertOneLineError(execute("run", java.toString()), "ppcvm: " + java + ": " + parserMessage(java));
    }

    @Test
    void unreadableFile() throws IOException, InterruptedException {
        Path secret = Files.write(dir.resolve("secret"), MinimalElf.build());
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("---------"));
        String expected = "ppcvm: " + secret + ": cannot read: Permission denied";
        if (!isRoot()) {
            assertOneLineError(execute("run", secret.toString()), expected);
            return;
        }
        // root reads any file: run the CLI as nobody in a child JVM instead.
        Outcome r = runAsNobody(List.of("run", secret.toString()));
        assertOneLineError(r, expected);
    }

    // ---- Corrupt and unsupported ELF files ---------------------------------------------------------

    /** One way to break the minimal executable (the same kinds as ElfFileTest's). */
    record Corruption(String name, Consumer<ByteBuffer> edit) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> corruptions() {
        return Stream.of(
                        new Corruption("bad magic", b -> b.put(1, (byte) 'X')),
                        new Corruption("64-bit class", b -> b.put(4, (byte) 2)),
                        new Corruption("little-endian", b -> b.put(5, (byte) 1)),
                        new Corruption("machine x86-64", b -> b.putShort(18, (short) 62)),
                        new Corruption("relocatable object", b -> b.putShort(16, (short) 1)),
                        new Corruption("no program headers", b -> b.putShort(44, (short) 0)),
                        new Corruption("program headers past EOF", b -> b.putInt(28, b.capacity() - 8)),
                        new Corruption("segment data past EOF", b -> b.putInt(MinimalElf.PHOFF + 4, b.capacity())),
                        new Corruption("filesz > memsz", b -> b.putInt(MinimalElf.PHOFF + 20, 4)),
                        new Corruption("segment beyond 4 GiB", b -> b.putInt(MinimalElf.PHOFF + 8, 0xFFFF_FFE0)),
                        new Corruption("no PT_LOAD", b -> b.putInt(MinimalElf.PHOFF, 0)),
                        new Corruption("section headers past EOF", b -> b.putInt(32, b.capacity())),
                        new Corruption("bad symbol name index", b -> b.putInt(MinimalElf.SYMTAB_OFFSET + 16, 0x1000)))
                .map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corruptions")
    void corruptElf(Corruption corruption) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(MinimalElf.build());
        corruption.edit().accept(b);
        Path file = Files.write(dir.resolve("corrupt"), b.array());

        assertOneLineError(execute("run", file.toString()), "ppcvm: " + file + ": " + parserMessage(file));
    }

    @Test
    void truncatedHeader() throws IOException {
        Path file = Files.write(dir.resolve("truncated"), java.util.Arrays.copyOf(MinimalElf.build(), 40));

        assertOneLineError(execute("run", file.toString()), "ppcvm: " + file + ": truncated ELF header (40 bytes)");
    }

    @Test
    void segmentOnPageZero() throws IOException {
        // The parser accepts it; the loader cannot map page 0 (Linux's mmap_min_addr refuses it too).
        ByteBuffer b = ByteBuffer.wrap(MinimalElf.build());
        b.putInt(MinimalElf.PHOFF + 8, 0);
        Path file = Files.write(dir.resolve("page0"), b.array());

        assertOneLineError(
                execute("run", file.toString()),
                "ppcvm: " + file + ": segment at 0x00000000 (+0x" + Integer.toHexString(MinimalElf.MEMSZ)
                        + ") lies outside the usable address space");
    }

    @Test
    void dynamicallyLinkedProgramWithoutItsInterpreter() throws IOException, InterruptedException {
        Path source = Files.writeString(dir.resolve("dyn.c"), "int main(void) { return 0; }\n");
        Path binary = dir.resolve("dyn");
        compile(List.of(assumeTool(GCC).toString(), "-O2", source.toString(), "-o", binary.toString()));
        Path root = Files.createDirectories(dir.resolve("root"));

        assertOneLineError(
                execute("run", "-L", root.toString(), binary.toString()),
                "ppcvm: " + binary + ": program interpreter /lib/ld.so.1 not found under " + root.toAbsolutePath());
    }

    @Test
    void dynamicallyLinkedProgramWhoseInterpreterIsNoElf() throws IOException, InterruptedException {
        Path source = Files.writeString(dir.resolve("dyn.c"), "int main(void) { return 0; }\n");
        Path binary = dir.resolve("dyn");
        compile(List.of(assumeTool(GCC).toString(), "-O2", source.toString(), "-o", binary.toString()));
        Path root = Files.createDirectories(dir.resolve("root"));
        Path interpreter =
                Files.writeString(Files.createDirectories(root.resolve("lib")).resolve("ld.so.1"), "#!/bin/sh\n");
        String parserMessage;
        try {
            ElfFile.parse(Files.readAllBytes(interpreter));
            throw new AssertionError("a shell script parsed as ELF");
        } catch (ElfException e) {
            parserMessage = e.getMessage();
        }

        assertOneLineError(
                execute("run", "-L", root.toString(), binary.toString()),
                "ppcvm: " + binary + ": program interpreter /lib/ld.so.1 (" + root.toAbsolutePath() + "/lib/ld.so.1): "
                        + parserMessage);
    }

    @Test
    void theMinimalExecutableItselfRuns() throws IOException {
        // The control for the corruptions above: unbroken, the file is a program that exits with 42.
        Path file = Files.write(dir.resolve("minimal"), MinimalElf.build());

        Outcome r = execute("run", file.toString());

        assertThat(r.stderr()).isEmpty();
        assertThat(r.status()).isEqualTo(42);
    }

    @Test
    void qemuRunsTheMinimalExecutableToo() throws IOException, InterruptedException {
        // The fixture is a valid program by an independent loader's judgement, not only ppcvm's.
        Path file = Files.write(dir.resolve("minimal"), MinimalElf.build());
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));

        Process p = new ProcessBuilder(assumeTool("qemu-ppc").toString(), file.toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(output).isEmpty();
        assertThat(p.exitValue()).isEqualTo(42);
    }

    // ---- Bad command lines -------------------------------------------------------------------------

    @Test
    void unknownOption() {
        assertOneLineError(
                execute("run", "--no-such-option", "prog"),
                "ppcvm: unknown option: '--no-such-option' (see 'ppcvm run --help')");
    }

    @Test
    void missingProgram() {
        assertOneLineError(execute("run"), "ppcvm: missing required parameter: 'PROGRAM' (see 'ppcvm run --help')");
    }

    @Test
    void missingOptionValue() {
        assertOneLineError(
                execute("run", "-E"),
                "ppcvm: missing required parameter for option '-E' (VAR=VALUE) (see 'ppcvm run --help')");
    }

    @Test
    void unknownSubcommand() {
        assertOneLineError(
                execute("frobnicate"), "ppcvm: unmatched argument at index 0: 'frobnicate' (see 'ppcvm --help')");
    }

    @ParameterizedTest(name = "-E {0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"NOEQUALS", "=value"})
    void environmentAssignmentWithoutName(String assignment) throws IOException {
        Path file = Files.write(dir.resolve("minimal"), MinimalElf.build());

        assertOneLineError(
                execute("run", "-E", assignment, file.toString()),
                "ppcvm: -E expects VAR=VALUE, got '" + assignment + "'");
    }

    // ---- Helpers -----------------------------------------------------------------------------------

    private static String parserMessage(Path file) throws IOException {
        try {
            ElfFile.parse(Files.readAllBytes(file));
        } catch (ElfException e) {
            return e.getMessage();
        }
        return fail("the parser accepts %s", file);
    }

    /**
     * A valid ELF32 big-endian PowerPC executable of 396 bytes (as in ElfFileTest): one PT_LOAD with
     * {@code li r0,1; li r3,42; sc}, and .text, .symtab, .strtab and .shstrtab sections.
     */
    static final class MinimalElf {
        static final int BASE = 0x1000_0000;
        static final int PHOFF = 0x34;
        static final int TEXT_OFFSET = 0x54;
        static final int STRTAB_OFFSET = 0x60;
        static final int SYMTAB_OFFSET = 0x70;
        static final int SHSTRTAB_OFFSET = 0xA0;
        static final int SHOFF = 0xC4;
        // No bss: a read-only segment's bss is a corner where kernels differ (see ElfFileTest).
        static final int MEMSZ = STRTAB_OFFSET;

        static byte[] build() {
            ByteBuffer b = ByteBuffer.allocate(SHOFF + 5 * 40);
            b.put(new byte[] {0x7F, 'E', 'L', 'F', 1, 2, 1, 0});
            b.putShort(16, (short) ElfFile.ET_EXEC)
                    .putShort(18, (short) ElfFile.EM_PPC)
                    .putInt(20, 1);
            b.putInt(24, BASE + TEXT_OFFSET).putInt(28, PHOFF).putInt(32, SHOFF);
            b.putShort(40, (short) 52).putShort(42, (short) 32).putShort(44, (short) 1);
            b.putShort(46, (short) 40).putShort(48, (short) 5).putShort(50, (short) 4);
            // PT_LOAD, offset 0, vaddr = paddr = BASE, filesz, memsz, R|X, align
            b.putInt(PHOFF, 1).putInt(PHOFF + 8, BASE).putInt(PHOFF + 12, BASE);
            b.putInt(PHOFF + 16, STRTAB_OFFSET).putInt(PHOFF + 20, MEMSZ).putInt(PHOFF + 24, 5);
            b.putInt(PHOFF + 28, 0x10000);
            b.putInt(TEXT_OFFSET, 0x3800_0001)
                    .putInt(TEXT_OFFSET + 4, 0x3860_002A)
                    .putInt(TEXT_OFFSET + 8, 0x4400_0002);
            b.put(STRTAB_OFFSET, "\0answer\0_start\0".getBytes(StandardCharsets.US_ASCII));
            // answer: LOCAL NOTYPE; _start: GLOBAL FUNC
            b.putInt(SYMTAB_OFFSET + 16, 1).putInt(SYMTAB_OFFSET + 20, BASE + TEXT_OFFSET + 4);
            b.putInt(SYMTAB_OFFSET + 24, 4).putShort(SYMTAB_OFFSET + 30, (short) 1);
            b.putInt(SYMTAB_OFFSET + 32, 8).putInt(SYMTAB_OFFSET + 36, BASE + TEXT_OFFSET);
            b.putInt(SYMTAB_OFFSET + 40, 12)
                    .put(SYMTAB_OFFSET + 44, (byte) 0x12)
                    .putShort(SYMTAB_OFFSET + 46, (short) 1);
            b.put(SHSTRTAB_OFFSET, "\0.text\0.symtab\0.strtab\0.shstrtab\0".getBytes(StandardCharsets.US_ASCII));
            // name, type, flags, addr, offset, size, link, info, align, entsize
            section(b, 1, 1, 1, 6, BASE + TEXT_OFFSET, TEXT_OFFSET, 12, 0, 0, 4, 0);
            section(b, 2, 7, 2, 0, 0, SYMTAB_OFFSET, 48, 3, 2, 4, 16);
            section(b, 3, 15, 3, 0, 0, STRTAB_OFFSET, 15, 0, 0, 1, 0);
            section(b, 4, 23, 3, 0, 0, SHSTRTAB_OFFSET, 33, 0, 0, 1, 0);
            return b.array();
        }

        private static void section(ByteBuffer b, int index, int... fields) {
            for (int f = 0; f < fields.length; f++) {
                b.putInt(SHOFF + index * 40 + 4 * f, fields[f]);
            }
        }
    }

    private static boolean isRoot() {
        try {
            return "root".equals(Files.getOwner(Path.of("/proc/self")).getName());
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /**
     * Runs the CLI as user nobody in a child JVM, through {@code setpriv}. The class path is copied
     * into a world-readable directory first, since Maven's repository usually is not.
     */
    private Outcome runAsNobody(List<String> args) throws IOException, InterruptedException {
        Path setpriv = assumeTool("setpriv");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path cpDir = Files.createDirectory(dir.resolve("classpath"));
        List<String> entries = new ArrayList<>();
        int n = 0;
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator, -1)) {
            if (entry.isEmpty()) {
                continue;
            }
            Path source = Path.of(entry);
            Path copy = cpDir.resolve(n + "-" + source.getFileName());
            n++;
            if (Files.isDirectory(source)) {
                try (Stream<Path> tree = Files.walk(source)) {
                    for (Path p : (Iterable<Path>) tree::iterator) {
                        Path target = copy.resolve(source.relativize(p).toString());
                        if (Files.isDirectory(p)) {
                            Files.createDirectories(target);
                        } else {
                            Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                        }
                    }
                }
            } else if (Files.isRegularFile(source)) {
                Files.copy(source, copy);
            }
            entries.add(copy.toString());
        }
        try (Stream<Path> tree = Files.walk(cpDir)) {
            for (Path p : (Iterable<Path>) tree::iterator) {
                Files.setPosixFilePermissions(
                        p, PosixFilePermissions.fromString(Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
        List<String> command = new ArrayList<>(List.of(
                setpriv.toString(),
                "--reuid=65534",
                "--regid=65534",
                "--clear-groups",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED",
                "-cp",
                String.join(File.pathSeparator, entries),
                Main.class.getName()));
        command.addAll(args);
        Path out = dir.resolve("child.out");
        Path err = dir.resolve("child.err");
        Process p = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the child JVM finished").isTrue();
        return new Outcome(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    private static void compile(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String diagnostics = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("%s: %s", command, diagnostics).isZero();
    }

    /** The tool's path; absent, the test is skipped, or under CI ({@code CI=true}) failed. */
    private static Path assumeTool(String tool) {
        Optional<Path> found = Stream.of(
                        System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator))
                .filter(d -> !d.isEmpty())
                .map(d -> Path.of(d, tool))
                .filter(Files::isExecutable)
                .findFirst();
        if (found.isPresent()) {
            return found.get();
        }
        String message = "'" + tool + "' is not on PATH; install it to run this test";
        if ("true".equals(System.getenv("CI"))) {
            throw new AssertionError(message + " [CI=true: a missing tool is a failure]");
        }
        return Assumptions.abort(message);
    }
}
