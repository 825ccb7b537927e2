package org.ppcvm.elf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link ElfFile} against corrupt input and against binutils.
 *
 * <p>Every corruption is applied to two files: a minimal executable built byte by byte here (so the
 * tests run without the cross tools, and every offset in a message is known), and a static program
 * built by {@code powerpc-linux-gnu-gcc} at test time. Each must be rejected with exactly one line
 * that names the problem. The real program's symbols and program headers must be what {@code
 * powerpc-linux-gnu-readelf} reports.
 */
class ElfFileTest {
    private static final String GCC = "powerpc-linux-gnu-gcc";
    private static final String READELF = "powerpc-linux-gnu-readelf";

    @TempDir
    static Path scratch;

    private static byte[] gccStatic;

    // ---- The minimal executable ------------------------------------------------------------------

    /**
     * A valid ELF32 big-endian PowerPC executable of 396 bytes: one PT_LOAD segment holding the ELF
     * header, the program header and three instructions ({@code li r0,1; li r3,42; sc}: exit(42)),
     * and the sections .text, .symtab, .strtab and .shstrtab (symbols {@code answer}, local, and
     * {@code _start}, global).
     */
    static final class MinimalElf {
        static final int BASE = 0x1000_0000;
        static final int PHOFF = 0x34;
        static final int TEXT_OFFSET = 0x54;
        static final int ENTRY = BASE + TEXT_OFFSET;
        static final int STRTAB_OFFSET = 0x60;
        static final byte[] STRTAB = "\0answer\0_start\0".getBytes(StandardCharsets.US_ASCII);
        static final int SYMTAB_OFFSET = 0x70;
        static final int SHSTRTAB_OFFSET = 0xA0;
        static final byte[] SHSTRTAB = "\0.text\0.symtab\0.strtab\0.shstrtab\0".getBytes(StandardCharsets.US_ASCII);
        static final int SHOFF = 0xC4;
        static final int SHNUM = 5;
        static final int SIZE = SHOFF + SHNUM * 40;
        // No bss: zeroing the tail of a read-only segment's last file page fails on Linux before
        // 6.7 (padzero gives EFAULT) and kills qemu-ppc 7.2, so the fixture avoids the question.
        static final int MEMSZ = STRTAB_OFFSET;

        static byte[] build() {
            ByteBuffer b = ByteBuffer.allocate(SIZE).order(ByteOrder.BIG_ENDIAN);
            // e_ident: magic, ELFCLASS32, ELFDATA2MSB, EV_CURRENT, ELFOSABI_SYSV
            b.put(new byte[] {0x7F, 'E', 'L', 'F', 1, 2, 1, 0});
            b.putShort(16, (short) ElfFile.ET_EXEC);
            b.putShort(18, (short) ElfFile.EM_PPC);
            b.putInt(20, 1);
            b.putInt(24, ENTRY);
            b.putInt(28, PHOFF);
            b.putInt(32, SHOFF);
            b.putShort(40, (short) 52);
            b.putShort(42, (short) 32);
            b.putShort(44, (short) 1);
            b.putShort(46, (short) 40);
            b.putShort(48, (short) SHNUM);
            b.putShort(50, (short) 4);
            // The one PT_LOAD: the file from its start to the end of .text.
            phdr(
                    b,
                    PHOFF,
                    ProgramHeader.PT_LOAD,
                    0,
                    BASE,
                    STRTAB_OFFSET,
                    MEMSZ,
                    ProgramHeader.PF_R | ProgramHeader.PF_X);
            b.putInt(TEXT_OFFSET, 0x3800_0001); // li r0,1 (exit)
            b.putInt(TEXT_OFFSET + 4, 0x3860_002A); // li r3,42
            b.putInt(TEXT_OFFSET + 8, 0x4400_0002); // sc
            b.put(STRTAB_OFFSET, STRTAB);
            // Symbol 0 is the null symbol; locals come before globals (sh_info = first global).
            sym(b, SYMTAB_OFFSET + 16, 1, ENTRY + 4, 4, Symbol.STT_NOTYPE, 0, 1);
            sym(b, SYMTAB_OFFSET + 32, 8, ENTRY, 12, Symbol.STT_FUNC, 1, 1);
            b.put(SHSTRTAB_OFFSET, SHSTRTAB);
            shdr(b, 1, 1, 1, 6, ENTRY, TEXT_OFFSET, 12, 0, 0, 4, 0);
            shdr(b, 2, 7, Section.SHT_SYMTAB, 0, 0, SYMTAB_OFFSET, 48, 3, 2, 4, 16);
            shdr(b, 3, 15, Section.SHT_STRTAB, 0, 0, STRTAB_OFFSET, STRTAB.length, 0, 0, 1, 0);
            shdr(b, 4, 23, Section.SHT_STRTAB, 0, 0, SHSTRTAB_OFFSET, SHSTRTAB.length, 0, 0, 1, 0);
            return b.array();
        }

        private static void phdr(
                ByteBuffer b, int at, int type, int offset, int vaddr, int filesz, int memsz, int flags) {
            b.putInt(at, type).putInt(at + 4, offset).putInt(at + 8, vaddr).putInt(at + 12, vaddr);
            b.putInt(at + 16, filesz)
                    .putInt(at + 20, memsz)
                    .putInt(at + 24, flags)
                    .putInt(at + 28, 0x10000);
        }

        private static void sym(ByteBuffer b, int at, int name, int value, int size, int type, int bind, int shndx) {
            b.putInt(at, name).putInt(at + 4, value).putInt(at + 8, size);
            b.put(at + 12, (byte) (bind << 4 | type)).put(at + 13, (byte) 0).putShort(at + 14, (short) shndx);
        }

        @SuppressWarnings("TooManyParameters") // one parameter per Elf32_Shdr field, in the header's order
        private static void shdr(
                ByteBuffer b,
                int index,
                int name,
                int type,
                int flags,
                int addr,
                int offset,
                int size,
                int link,
                int info,
                int align,
                int entsize) {
            int at = SHOFF + index * 40;
            b.putInt(at, name).putInt(at + 4, type).putInt(at + 8, flags).putInt(at + 12, addr);
            b.putInt(at + 16, offset)
                    .putInt(at + 20, size)
                    .putInt(at + 24, link)
                    .putInt(at + 28, info);
            b.putInt(at + 32, align).putInt(at + 36, entsize);
        }
    }

    // ---- A view of the header fields, read by the ELF specification's fixed offsets --------------

    /** A copy of a file's bytes with its header fields read and written by their ELF32 offsets. */
    static final class Image {
        final byte[] bytes;
        private final ByteBuffer b;

        Image(byte[] original) {
            bytes = original.clone();
            b = ByteBuffer.wrap(bytes).order(ByteOrder.BIG_ENDIAN);
        }

        int length() {
            return bytes.length;
        }

        int phoff() {
            return b.getInt(28);
        }

        int shoff() {
            return b.getInt(32);
        }

        int phnum() {
            return b.getShort(44) & 0xFFFF;
        }

        int shnum() {
            return b.getShort(48) & 0xFFFF;
        }

        /** The file offset of a field of program header {@code index} (field offsets per Elf32_Phdr). */
        int ph(int index, int field) {
            return phoff() + index * 32 + field;
        }

        /** The file offset of a field of section header {@code index} (field offsets per Elf32_Shdr). */
        int sh(int index, int field) {
            return shoff() + index * 40 + field;
        }

        int firstLoad() {
            for (int i = 0; i < phnum(); i++) {
                if (getInt(ph(i, 0)) == ProgramHeader.PT_LOAD) {
                    return i;
                }
            }
            throw new IllegalStateException("no PT_LOAD");
        }

        int firstSectionOfType(int type) {
            for (int i = 0; i < shnum(); i++) {
                if (getInt(sh(i, 4)) == type) {
                    return i;
                }
            }
            throw new IllegalStateException("no section of type " + type);
        }

        int getInt(int at) {
            return b.getInt(at);
        }

        Image putInt(int at, int value) {
            b.putInt(at, value);
            return this;
        }

        Image putShort(int at, int value) {
            b.putShort(at, (short) value);
            return this;
        }

        Image put(int at, int value) {
            b.put(at, (byte) value);
            return this;
        }

        Image truncate(int length) {
            return new Image(Arrays.copyOf(bytes, length));
        }
    }

    /** The file a corruption starts from. */
    enum Source {
        MINIMAL,
        GCC_STATIC;

        Image image() {
            return new Image(this == MINIMAL ? MinimalElf.build() : gccStatic());
        }
    }

    /** A corrupted file and the one line it must be rejected with. */
    @SuppressWarnings("ArrayRecordComponent") // built once per case and only read
    record Rejected(byte[] bytes, String message) {}

    /** One way to break a file. */
    enum Corruption {
        EMPTY_FILE {
            @Override
            Rejected apply(Image image) {
                return new Rejected(new byte[0], "empty file");
            }
        },
        BAD_MAGIC {
            @Override
            Rejected apply(Image image) {
                return new Rejected(image.put(1, 'X').bytes, "not an ELF file (bad magic number)");
            }
        },
        TEXT_FILE {
            @Override
            Rejected apply(Image image) {
                return new Rejected(
                        "#!/bin/sh\necho hello\n".getBytes(StandardCharsets.US_ASCII),
                        "not an ELF file (bad magic number)");
            }
        },
        CLASS_64 {
            @Override
            Rejected apply(Image image) {
                return new Rejected(image.put(4, 2).bytes, "64-bit ELF: ppcvm runs 32-bit PowerPC programs");
            }
        },
        CLASS_NONE {
            @Override
            Rejected apply(Image image) {
                return new Rejected(image.put(4, 0).bytes, "bad ELF class 0");
            }
        },
        LITTLE_ENDIAN {
            @Override
            Rejected apply(Image image) {
                return new Rejected(image.put(5, 1).bytes, "little-endian ELF: ppcvm runs big-endian PowerPC programs");
            }
        },
        MACHINE_X86_64 {
            @Override
            Rejected apply(Image image) {
                // EM_X86_64 = 62
                return new Rejected(image.putShort(18, 62).bytes, "ELF machine 62 is not 32-bit PowerPC (20)");
            }
        },
        RELOCATABLE_OBJECT {
            @Override
            Rejected apply(Image image) {
                // ET_REL = 1
                return new Rejected(image.putShort(16, 1).bytes, "ELF type 1 is not an executable");
            }
        },
        CORE_FILE {
            @Override
            Rejected apply(Image image) {
                // ET_CORE = 4
                return new Rejected(image.putShort(16, 4).bytes, "ELF type 4 is not an executable");
            }
        },
        TRUNCATED_HEADER {
            @Override
            Rejected apply(Image image) {
                return new Rejected(image.truncate(40).bytes, "truncated ELF header (40 bytes)");
            }
        },
        NO_PROGRAM_HEADERS {
            @Override
            Rejected apply(Image image) {
                return new Rejected(image.putShort(44, 0).bytes, "no program headers: nothing to load");
            }
        },
        ELF64_PROGRAM_HEADER_SIZE {
            @Override
            Rejected apply(Image image) {
                return new Rejected(image.putShort(42, 56).bytes, "bad program header size 56");
            }
        },
        PROGRAM_HEADERS_PAST_EOF {
            @Override
            Rejected apply(Image image) {
                int phoff = image.length() - 16;
                return new Rejected(
                        image.putInt(28, phoff).bytes,
                        "program header table lies outside the file (offset 0x" + Integer.toHexString(phoff) + ", size "
                                + image.phnum() * 32 + ", file size " + image.length() + ")");
            }
        },
        PROGRAM_HEADER_OFFSET_WRAPS {
            @Override
            Rejected apply(Image image) {
                // An offset near 2^32 must not wrap around to the start of the file.
                return new Rejected(
                        image.putInt(28, 0xFFFF_FFF0).bytes,
                        "program header table lies outside the file (offset 0xfffffff0, size " + image.phnum() * 32
                                + ", file size " + image.length() + ")");
            }
        },
        SEGMENT_DATA_PAST_EOF {
            @Override
            Rejected apply(Image image) {
                int load = image.firstLoad();
                int offset = image.length() - 4;
                int filesz = image.getInt(image.ph(load, 16));
                return new Rejected(
                        image.putInt(image.ph(load, 4), offset).bytes,
                        "segment " + load + " lies outside the file (offset 0x" + Integer.toHexString(offset)
                                + ", size " + filesz + ", file size " + image.length() + ")");
            }
        },
        FILESZ_ABOVE_MEMSZ {
            @Override
            Rejected apply(Image image) {
                int load = image.firstLoad();
                int filesz = image.getInt(image.ph(load, 16));
                return new Rejected(
                        image.putInt(image.ph(load, 20), filesz - 1).bytes,
                        "segment " + load + " has a file size larger than its memory size");
            }
        },
        SEGMENT_BEYOND_4_GIB {
            @Override
            Rejected apply(Image image) {
                int load = image.firstLoad();
                int memsz = image.getInt(image.ph(load, 20));
                // Starts below 4 GiB and ends above it.
                int vaddr = (int) (0x1_0000_0000L - Math.max(4, (memsz / 2) & ~3));
                return new Rejected(
                        image.putInt(image.ph(load, 8), vaddr).bytes,
                        String.format(
                                "segment %d (0x%08x + 0x%x) lies outside the 32-bit address space",
                                load, vaddr, memsz));
            }
        },
        NO_LOADABLE_SEGMENT {
            @Override
            Rejected apply(Image image) {
                for (int i = 0; i < image.phnum(); i++) {
                    if (image.getInt(image.ph(i, 0)) == ProgramHeader.PT_LOAD) {
                        image.putInt(image.ph(i, 0), 0); // PT_NULL
                    }
                }
                return new Rejected(image.bytes, "no loadable segment");
            }
        },
        SECTION_HEADERS_PAST_EOF {
            @Override
            Rejected apply(Image image) {
                int shoff = image.length();
                return new Rejected(
                        image.putInt(32, shoff).bytes,
                        "section header table lies outside the file (offset 0x" + Integer.toHexString(shoff) + ", size "
                                + image.shnum() * 40 + ", file size " + image.length() + ")");
            }
        },
        SYMBOL_NAME_OUTSIDE_STRING_TABLE {
            @Override
            Rejected apply(Image image) {
                int symtab = image.firstSectionOfType(Section.SHT_SYMTAB);
                int strtab = image.getInt(image.sh(symtab, 24));
                int index = image.getInt(image.sh(strtab, 20)) + 100;
                int firstSymbol = image.getInt(image.sh(symtab, 16)) + 16;
                return new Rejected(
                        image.putInt(firstSymbol, index).bytes, "string index " + index + " outside its string table");
            }
        },
        SYMBOL_NAME_INDEX_ABOVE_2_GIB {
            @Override
            Rejected apply(Image image) {
                int symtab = image.firstSectionOfType(Section.SHT_SYMTAB);
                int firstSymbol = image.getInt(image.sh(symtab, 16)) + 16;
                // st_name is unsigned: the message must not show it as negative.
                return new Rejected(
                        image.putInt(firstSymbol, 0xFFFF_FFFF).bytes,
                        "string index 4294967295 outside its string table");
            }
        },
        SYMBOL_TABLE_LINKS_NOWHERE {
            @Override
            Rejected apply(Image image) {
                int symtab = image.firstSectionOfType(Section.SHT_SYMTAB);
                return new Rejected(
                        image.putInt(image.sh(symtab, 24), image.shnum() + 5).bytes,
                        "symbol table links to a missing string table");
            }
        };

        abstract Rejected apply(Image image);
    }

    static Stream<Arguments> corruptions() {
        return Stream.of(Source.values())
                .flatMap(s -> Stream.of(Corruption.values()).map(c -> Arguments.of(s, c)));
    }

    @ParameterizedTest(name = "{1} in {0}")
    @MethodSource("corruptions")
    void rejectsACorruptFileWithOneLine(Source source, Corruption corruption) {
        Rejected r = corruption.apply(source.image());

        assertThatThrownBy(() -> ElfFile.parse(r.bytes()))
                .isExactlyInstanceOf(ElfException.class)
                .hasMessage(r.message())
                .hasNoCause();
        assertThat(r.message()).doesNotContain("\n");
    }

    // ---- Defects found by these tests, now fixed -------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("sources")
    void rejectsAStringTableThatIsNotInTheFile(Source source) {
        Image image = source.image();
        int symtab = image.firstSectionOfType(Section.SHT_SYMTAB);
        int strtab = image.getInt(image.sh(symtab, 24));
        image.putInt(image.sh(strtab, 4), Section.SHT_NOBITS).putInt(image.sh(strtab, 16), 0x7FFF_FFF0);

        assertThatThrownBy(() -> ElfFile.parse(image.bytes))
                .isExactlyInstanceOf(ElfException.class)
                .hasMessageNotContaining("\n");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sources")
    void acceptsAFileWithoutSectionNames(Source source) throws ElfException {
        Image image = source.image().putShort(50, 0);

        ElfFile elf = ElfFile.parse(image.bytes);

        assertThat(elf.sections()).extracting(Section::name).containsOnly("");
        assertThat(elf.symbols()).isNotEmpty();
    }

    static Stream<Source> sources() {
        return Stream.of(Source.values());
    }

    // ---- Valid files ------------------------------------------------------------------------------

    @Test
    void parsesTheMinimalExecutable() throws ElfException {
        ElfFile elf = ElfFile.parse(MinimalElf.build());

        assertThat(elf.type()).isEqualTo(ElfFile.ET_EXEC);
        assertThat(elf.isPositionIndependent()).isFalse();
        assertThat(elf.entry()).isEqualTo(MinimalElf.ENTRY);
        assertThat(elf.programHeaderOffset()).isEqualTo(MinimalElf.PHOFF);
        assertThat(elf.interpreter()).isEmpty();
        assertThat(elf.programHeaders())
                .containsExactly(new ProgramHeader(
                        ProgramHeader.PT_LOAD,
                        0,
                        MinimalElf.BASE,
                        MinimalElf.STRTAB_OFFSET,
                        MinimalElf.MEMSZ,
                        ProgramHeader.PF_R | ProgramHeader.PF_X,
                        0x10000));
        assertThat(elf.sections())
                .extracting(Section::name)
                .containsExactly("", ".text", ".symtab", ".strtab", ".shstrtab");
        assertThat(elf.symbols())
                .containsExactly(
                        new Symbol("answer", MinimalElf.ENTRY + 4, 4, Symbol.STT_NOTYPE, 0, 1),
                        new Symbol("_start", MinimalElf.ENTRY, 12, Symbol.STT_FUNC, 1, 1));
        assertThat(elf.segmentBytes(elf.programHeaders().getFirst())).hasSize(MinimalElf.STRTAB_OFFSET);
    }

    @Test
    void theMinimalExecutableIsValidForReadelf() throws IOException {
        Path readelf = assumeTool(READELF);
        Path file = Files.write(scratch.resolve("minimal"), MinimalElf.build());

        Output out = run(List.of(readelf.toString(), "-a", "-W", file.toString()));

        assertThat(out.stderr()).as("readelf's warnings").isEmpty();
        assertThat(out.stdout())
                .contains("Machine:                           PowerPC")
                .contains("Entry point address:               0x10000054");
        assertThat(parseSymbols(out.stdout())).extracting(ReadelfSymbol::name).containsExactly("", "answer", "_start");
    }

    @Test
    void programHeadersOfARealProgramMatchReadelf() throws ElfException, IOException {
        Path binary = compiledStatic();
        ElfFile elf = ElfFile.parse(Files.readAllBytes(binary));

        String readelf = run(List.of(assumeTool(READELF).toString(), "-l", "-W", binary.toString()))
                .stdout();

        assertThat(elf.programHeaders()).isEqualTo(parseProgramHeaders(readelf));
        Matcher entry = Pattern.compile("Entry point (0x[0-9a-f]+)").matcher(readelf);
        assertThat(entry.find()).isTrue();
        assertThat(elf.entry())
                .isEqualTo(Integer.parseUnsignedInt(entry.group(1).substring(2), 16));
        assertThat(elf.type()).isEqualTo(ElfFile.ET_EXEC);
    }

    @Test
    void symbolsOfARealProgramMatchReadelf() throws ElfException, IOException {
        Path binary = compiledStatic();
        ElfFile elf = ElfFile.parse(Files.readAllBytes(binary));

        List<ReadelfSymbol> table =
                parseSymbols(run(List.of(assumeTool(READELF).toString(), "-s", "-W", binary.toString()))
                        .stdout());

        assertThat(table).as("readelf's .symtab").hasSizeGreaterThan(100);
        // ElfFile leaves out the null entry 0; readelf shows a section symbol by its section's name,
        // while the entry's own name (st_name 0) is empty.
        List<ReadelfSymbol> expected = table.subList(1, table.size()).stream()
                .map(s -> s.type() == Symbol.STT_SECTION
                        ? new ReadelfSymbol("", s.value(), s.size(), s.type(), s.bind(), s.shndx())
                        : s)
                .toList();
        List<ReadelfSymbol> actual = elf.symbols().stream()
                .map(s -> new ReadelfSymbol(s.name(), s.value(), s.size(), s.type(), s.bind(), s.shndx()))
                .toList();
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void interpreterOfADynamicallyLinkedProgramMatchesReadelf() throws ElfException, IOException {
        Path source = Files.writeString(scratch.resolve("dyn.c"), "int main(void) { return 0; }\n");
        Path binary = scratch.resolve("dyn");
        run(List.of(assumeTool(GCC).toString(), "-O2", source.toString(), "-o", binary.toString()))
                .requireSuccess();

        ElfFile elf = ElfFile.parse(Files.readAllBytes(binary));

        String readelf = run(List.of(assumeTool(READELF).toString(), "-l", "-W", binary.toString()))
                .stdout();
        Matcher m =
                Pattern.compile("\\[Requesting program interpreter: ([^]]+)]").matcher(readelf);
        assertThat(m.find()).as("readelf names an interpreter").isTrue();
        assertThat(elf.interpreter()).contains(m.group(1));
        assertThat(elf.isPositionIndependent())
                .as("Debian's gcc builds PIE by default")
                .isTrue();
    }

    @Test
    void rejectsARealRelocatableObject() throws IOException {
        Path source = Files.writeString(scratch.resolve("obj.c"), "int f(int x) { return x + 1; }\n");
        Path object = scratch.resolve("obj.o");
        run(List.of(assumeTool(GCC).toString(), "-c", source.toString(), "-o", object.toString()))
                .requireSuccess();

        byte[] bytes = Files.readAllBytes(object);

        assertThatThrownBy(() -> ElfFile.parse(bytes))
                .isExactlyInstanceOf(ElfException.class)
                .hasMessage("ELF type 1 is not an executable");
    }

    @Test
    void rejectsTheHostsOwnJavaLauncher() throws IOException {
        // The JVM's launcher is an ELF64 on every 64-bit Linux host this runs on.
        byte[] bytes = Files.readAllBytes(Path.of(System.getProperty("java.home"), "bin", "java"));
        Assumptions.assumeTrue(bytes.length > 4 && bytes[0] == 0x7F && bytes[4] == 2, "the host is not ELF64");

        assertThatThrownBy(() -> ElfFile.parse(bytes))
                .isExactlyInstanceOf(ElfException.class)
                .hasMessage("64-bit ELF: ppcvm runs 32-bit PowerPC programs");
    }

    // ---- readelf's output -------------------------------------------------------------------------

    private static final Pattern PHDR_LINE = Pattern.compile("^\\s+([A-Z_]+|LOOS\\+0x[0-9a-f]+)\\s+0x([0-9a-f]+)"
            + "\\s+0x([0-9a-f]+)\\s+0x[0-9a-f]+\\s+0x([0-9a-f]+)\\s+0x([0-9a-f]+)\\s+([RWE ]{3})\\s+0x([0-9a-f]+)$");

    private static final Map<String, Integer> SEGMENT_TYPES = Map.ofEntries(
            Map.entry("NULL", 0),
            Map.entry("LOAD", 1),
            Map.entry("DYNAMIC", 2),
            Map.entry("INTERP", 3),
            Map.entry("NOTE", 4),
            Map.entry("SHLIB", 5),
            Map.entry("PHDR", 6),
            Map.entry("TLS", 7),
            Map.entry("GNU_EH_FRAME", 0x6474_e550),
            Map.entry("GNU_STACK", 0x6474_e551),
            Map.entry("GNU_RELRO", 0x6474_e552),
            Map.entry("GNU_PROPERTY", 0x6474_e553));

    static List<ProgramHeader> parseProgramHeaders(String readelf) {
        List<ProgramHeader> list = new ArrayList<>();
        for (String line : readelf.lines().toList()) {
            Matcher m = PHDR_LINE.matcher(line);
            if (!m.matches()) {
                continue;
            }
            Integer type = SEGMENT_TYPES.get(m.group(1));
            assertThat(type).as("segment type %s", m.group(1)).isNotNull();
            String flg = m.group(6);
            int flags = (flg.charAt(0) == 'R' ? ProgramHeader.PF_R : 0)
                    | (flg.charAt(1) == 'W' ? ProgramHeader.PF_W : 0)
                    | (flg.charAt(2) == 'E' ? ProgramHeader.PF_X : 0);
            list.add(new ProgramHeader(
                    type, hex(m.group(2)), hex(m.group(3)), hex(m.group(4)), hex(m.group(5)), flags, hex(m.group(7))));
        }
        assertThat(list).as("program headers in readelf's output").isNotEmpty();
        return list;
    }

    /** One line of {@code readelf -s -W}: the fields ElfFile keeps. */
    record ReadelfSymbol(String name, int value, int size, int type, int bind, int shndx) {}

    private static final Pattern SYM_LINE = Pattern.compile(
            "^\\s*\\d+: ([0-9a-f]{8})\\s+(0x[0-9a-f]+|\\d+)" + " (\\w+)\\s+(\\w+)\\s+\\w+\\s+(\\w+) ?(.*)$");

    private static final Map<String, Integer> SYMBOL_TYPES =
            Map.of("NOTYPE", 0, "OBJECT", 1, "FUNC", 2, "SECTION", 3, "FILE", 4, "COMMON", 5, "TLS", 6, "IFUNC", 10);

    private static final Map<String, Integer> SYMBOL_BINDS = Map.of("LOCAL", 0, "GLOBAL", 1, "WEAK", 2, "UNIQUE", 10);

    /** The entries of the {@code .symtab} table in readelf's output (entry 0 included). */
    static List<ReadelfSymbol> parseSymbols(String readelf) {
        List<ReadelfSymbol> list = new ArrayList<>();
        boolean inSymtab = false;
        for (String line : readelf.lines().toList()) {
            if (line.startsWith("Symbol table ")) {
                inSymtab = line.startsWith("Symbol table '.symtab'");
                continue;
            }
            Matcher m = SYM_LINE.matcher(line);
            if (!inSymtab || !m.matches()) {
                continue;
            }
            String size = m.group(2);
            String ndx = m.group(5);
            int shndx = switch (ndx) {
                case "UND" -> 0;
                case "ABS" -> 0xFFF1;
                case "COM" -> 0xFFF2;
                default -> Integer.parseInt(ndx);
            };
            Integer type = SYMBOL_TYPES.get(m.group(3));
            Integer bind = SYMBOL_BINDS.get(m.group(4));
            assertThat(type).as("symbol type %s", m.group(3)).isNotNull();
            assertThat(bind).as("symbol binding %s", m.group(4)).isNotNull();
            list.add(new ReadelfSymbol(
                    m.group(6),
                    hex(m.group(1)),
                    size.startsWith("0x") ? hex(size.substring(2)) : Integer.parseInt(size),
                    type,
                    bind,
                    shndx));
        }
        return list;
    }

    private static int hex(String digits) {
        return Integer.parseUnsignedInt(digits, 16);
    }

    // ---- The cross tools --------------------------------------------------------------------------

    private static synchronized byte[] gccStatic() {
        if (gccStatic == null) {
            try {
                gccStatic = Files.readAllBytes(compiledStatic());
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }
        return gccStatic.clone();
    }

    /** A small static C program with data, bss and a thread-local, built once for the class. */
    private static synchronized Path compiledStatic() throws IOException {
        Path binary = scratch.resolve("hello");
        if (!Files.exists(binary)) {
            Path source = Files.writeString(scratch.resolve("hello.c"), """
                    #include <stdio.h>
                    static __thread int calls;
                    int counter = 3;
                    static char buffer[4096];
                    int main(int argc, char **argv) {
                        calls++;
                        snprintf(buffer, sizeof buffer, "%s %d %d", argv[0], argc, counter + calls);
                        puts(buffer);
                        return 0;
                    }
                    """);
            run(List.of(assumeTool(GCC).toString(), "-O2", "-static", source.toString(), "-o", binary.toString()))
                    .requireSuccess();
        }
        return binary;
    }

    /**
     * The tool's path; a missing tool skips the test on a developer's machine and fails it under CI
     * ({@code CI=true}), where the cross tools are part of the build's contract.
     */
    static Path assumeTool(String tool) {
        Optional<Path> found = Stream.of(
                        System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator))
                .filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, tool))
                .filter(Files::isExecutable)
                .findFirst();
        if (found.isPresent()) {
            return found.get();
        }
        String message = "'" + tool + "' is not on PATH; install binutils-powerpc-linux-gnu and"
                + " gcc-powerpc-linux-gnu to run this test";
        if ("true".equals(System.getenv("CI"))) {
            throw new AssertionError(message + " [CI=true: a missing tool is a failure]");
        }
        return Assumptions.abort(message);
    }

    record Output(String stdout, String stderr, int status, List<String> command) {
        Output requireSuccess() {
            assertThat(status).as("%s failed: %s", command, stderr).isZero();
            return this;
        }
    }

    static Output run(List<String> command) throws IOException {
        Path out = Files.createTempFile(scratch, "out", ".txt");
        Path err = Files.createTempFile(scratch, "err", ".txt");
        Process p = new ProcessBuilder(command)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        try {
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("timed out: " + command);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted: " + command, e);
        }
        return new Output(Files.readString(out), Files.readString(err), p.exitValue(), command);
    }
}
