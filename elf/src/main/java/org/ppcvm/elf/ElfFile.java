package org.ppcvm.elf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A parsed, validated ELF32 big-endian PowerPC file. Parsing checks every offset and size it
 * follows, so a truncated or corrupt file gives an {@link ElfException} with one clear line,
 * never an index error.
 */
public final class ElfFile {
    public static final int ET_EXEC = 2;
    public static final int ET_DYN = 3;
    public static final int EM_PPC = 20;

    private static final int EHDR_SIZE = 52;
    private static final int PHDR_SIZE = 32;
    private static final int SHDR_SIZE = 40;
    private static final int SYM_SIZE = 16;

    private final byte[] bytes;
    private final int type;
    private final int entry;
    private final int phoff;
    private final List<ProgramHeader> programHeaders;
    private final List<Section> sections;
    private final List<Symbol> symbols;

    private ElfFile(byte[] bytes) throws ElfException {
        this.bytes = bytes;
        if (bytes.length == 0) {
            throw new ElfException("empty file");
        }
        if (bytes.length < 4 || bytes[0] != 0x7F || bytes[1] != 'E' || bytes[2] != 'L' || bytes[3] != 'F') {
            throw new ElfException("not an ELF file (bad magic number)");
        }
        if (bytes.length < EHDR_SIZE) {
            throw new ElfException("truncated ELF header (" + bytes.length + " bytes)");
        }
        if (bytes[4] != 1) {
            throw new ElfException(
                    bytes[4] == 2 ? "64-bit ELF: ppcvm runs 32-bit PowerPC programs" : "bad ELF class " + bytes[4]);
        }
        if (bytes[5] != 2) {
            throw new ElfException(
                    bytes[5] == 1
                            ? "little-endian ELF: ppcvm runs big-endian PowerPC programs"
                            : "bad ELF data encoding " + bytes[5]);
        }
        if (bytes[6] != 1) {
            throw new ElfException("unsupported ELF version " + bytes[6]);
        }
        ByteBuffer b = buffer();
        type = b.getShort(16) & 0xFFFF;
        int machine = b.getShort(18) & 0xFFFF;
        if (machine != EM_PPC) {
            throw new ElfException("ELF machine " + machine + " is not 32-bit PowerPC (" + EM_PPC + ")");
        }
        if (type != ET_EXEC && type != ET_DYN) {
            throw new ElfException("ELF type " + type + " is not an executable");
        }
        entry = b.getInt(24);
        phoff = b.getInt(28);
        int shoff = b.getInt(32);
        int phentsize = b.getShort(42) & 0xFFFF;
        int phnum = b.getShort(44) & 0xFFFF;
        int shentsize = b.getShort(46) & 0xFFFF;
        int shnum = b.getShort(48) & 0xFFFF;
        int shstrndx = b.getShort(50) & 0xFFFF;
        if (phnum == 0) {
            throw new ElfException("no program headers: nothing to load");
        }
        if (phentsize != PHDR_SIZE) {
            throw new ElfException("bad program header size " + phentsize);
        }
        requireRange(phoff, (long) phnum * PHDR_SIZE, "program header table");
        programHeaders = readProgramHeaders(b, phnum);
        sections = shnum == 0 || shoff == 0 ? List.of() : readSections(b, shoff, shentsize, shnum, shstrndx);
        symbols = readSymbols(b);
    }

    /** Parses and validates {@code bytes}. */
    public static ElfFile parse(byte[] bytes) throws ElfException {
        return new ElfFile(bytes);
    }

    private ByteBuffer buffer() {
        return ByteBuffer.wrap(bytes).order(ByteOrder.BIG_ENDIAN);
    }

    private void requireRange(int offset, long length, String what) throws ElfException {
        long start = Integer.toUnsignedLong(offset);
        if (start + length > bytes.length) {
            throw new ElfException(what + " lies outside the file (offset 0x" + Long.toHexString(start) + ", size "
                    + length + ", file size " + bytes.length + ")");
        }
    }

    private List<ProgramHeader> readProgramHeaders(ByteBuffer b, int phnum) throws ElfException {
        List<ProgramHeader> list = new ArrayList<>();
        for (int i = 0; i < phnum; i++) {
            int at = phoff + i * PHDR_SIZE;
            ProgramHeader ph = new ProgramHeader(
                    b.getInt(at),
                    b.getInt(at + 4),
                    b.getInt(at + 8),
                    b.getInt(at + 16),
                    b.getInt(at + 20),
                    b.getInt(at + 24),
                    b.getInt(at + 28));
            if (ph.type() == ProgramHeader.PT_LOAD || ph.type() == ProgramHeader.PT_INTERP) {
                requireRange(ph.offset(), Integer.toUnsignedLong(ph.filesz()), "segment " + i);
            }
            if (ph.type() == ProgramHeader.PT_LOAD) {
                if (Integer.compareUnsigned(ph.filesz(), ph.memsz()) > 0) {
                    throw new ElfException("segment " + i + " has a file size larger than its memory size");
                }
                if (ph.memEnd() > 0x1_0000_0000L) {
                    throw new ElfException(String.format(
                            "segment %d (0x%08x + 0x%x) lies outside the 32-bit address space",
                            i, ph.vaddr(), ph.memsz()));
                }
            }
            list.add(ph);
        }
        if (list.stream().noneMatch(ph -> ph.type() == ProgramHeader.PT_LOAD)) {
            throw new ElfException("no loadable segment");
        }
        return List.copyOf(list);
    }

    private List<Section> readSections(ByteBuffer b, int shoff, int shentsize, int shnum, int shstrndx)
            throws ElfException {
        if (shentsize != SHDR_SIZE) {
            throw new ElfException("bad section header size " + shentsize);
        }
        requireRange(shoff, (long) shnum * SHDR_SIZE, "section header table");
        int[][] raw = new int[shnum][];
        for (int i = 0; i < shnum; i++) {
            int at = shoff + i * SHDR_SIZE;
            raw[i] = new int[10];
            for (int f = 0; f < 10; f++) {
                raw[i][f] = b.getInt(at + 4 * f);
            }
        }
        // SHN_UNDEF (0) means the file has no section names (ELF gABI).
        int[] names =
                shstrndx != 0 && shstrndx < shnum && raw[shstrndx][1] == Section.SHT_STRTAB ? raw[shstrndx] : null;
        List<Section> list = new ArrayList<>();
        for (int[] s : raw) {
            String name = names == null ? "" : string(names[4], names[5], s[0]);
            if (s[1] != Section.SHT_NOBITS && s[1] != 0) {
                requireRange(s[4], Integer.toUnsignedLong(s[5]), "section " + name);
            }
            list.add(new Section(name, s[1], s[2], s[3], s[4], s[5], s[6], s[9]));
        }
        return List.copyOf(list);
    }

    private List<Symbol> readSymbols(ByteBuffer b) throws ElfException {
        List<Symbol> list = new ArrayList<>();
        for (Section symtab : sections) {
            if (symtab.type() != Section.SHT_SYMTAB) {
                continue;
            }
            if (symtab.link() < 0 || symtab.link() >= sections.size()) {
                throw new ElfException("symbol table links to a missing string table");
            }
            Section strtab = sections.get(symtab.link());
            if (strtab.type() != Section.SHT_STRTAB) {
                throw new ElfException(
                        "symbol table links to section " + symtab.link() + ", which is not a string table");
            }
            int count = Integer.divideUnsigned(symtab.size(), SYM_SIZE);
            for (int i = 1; i < count; i++) {
                int at = symtab.offset() + i * SYM_SIZE;
                int info = bytes[at + 12] & 0xFF;
                list.add(new Symbol(
                        string(strtab.offset(), strtab.size(), b.getInt(at)),
                        b.getInt(at + 4),
                        b.getInt(at + 8),
                        info & 0xF,
                        info >>> 4,
                        b.getShort(at + 14) & 0xFFFF));
            }
        }
        return List.copyOf(list);
    }

    /** The NUL-terminated string at {@code index} of a string table at [offset, offset+size). */
    private String string(int tableOffset, int tableSize, int index) throws ElfException {
        if (Integer.compareUnsigned(index, tableSize) >= 0) {
            throw new ElfException("string index " + Integer.toUnsignedString(index) + " outside its string table");
        }
        int start = tableOffset + index;
        int end = start;
        int limit = tableOffset + tableSize;
        while (end < limit && bytes[end] != 0) {
            end++;
        }
        return new String(bytes, start, end - start, StandardCharsets.UTF_8);
    }

    public byte[] bytes() {
        return bytes;
    }

    public int type() {
        return type;
    }

    public boolean isPositionIndependent() {
        return type == ET_DYN;
    }

    public int entry() {
        return entry;
    }

    public int programHeaderOffset() {
        return phoff;
    }

    public List<ProgramHeader> programHeaders() {
        return programHeaders;
    }

    public List<Section> sections() {
        return sections;
    }

    public List<Symbol> symbols() {
        return symbols;
    }

    /** The program interpreter (PT_INTERP) path, for dynamically linked programs. */
    public Optional<String> interpreter() {
        for (ProgramHeader ph : programHeaders) {
            if (ph.type() == ProgramHeader.PT_INTERP) {
                int len = ph.filesz();
                while (len > 0 && bytes[ph.offset() + len - 1] == 0) {
                    len--;
                }
                return Optional.of(new String(bytes, ph.offset(), len, StandardCharsets.UTF_8));
            }
        }
        return Optional.empty();
    }

    /** The bytes of segment {@code ph} present in the file. */
    public byte[] segmentBytes(ProgramHeader ph) {
        byte[] out = new byte[ph.filesz()];
        System.arraycopy(bytes, ph.offset(), out, 0, ph.filesz());
        return out;
    }
}
