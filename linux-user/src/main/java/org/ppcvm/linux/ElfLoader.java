package org.ppcvm.linux;

import java.util.Map;
import java.util.TreeMap;
import org.ppcvm.core.mem.Memory;
import org.ppcvm.core.mem.Perm;
import org.ppcvm.elf.ElfException;
import org.ppcvm.elf.ElfFile;
import org.ppcvm.elf.ProgramHeader;

/**
 * Maps an executable's PT_LOAD segments into guest memory as Linux's binfmt_elf does: page
 * granular, with the segment's permissions, the file part copied and the rest zero. A
 * position-independent executable (ET_DYN, also static-PIE) is placed at {@link #PIE_BASE}, where
 * Linux puts 32-bit PowerPC PIEs when randomization is off.
 */
public final class ElfLoader {
    public static final int PIE_BASE = 0x0040_0000;

    private ElfLoader() {}

    /** Loads a program: an ET_EXEC where it was linked, an ET_DYN at {@link #PIE_BASE}. */
    public static LoadedImage load(ElfFile elf, Memory memory) throws ElfException {
        return load(elf, memory, elf.isPositionIndependent() ? PIE_BASE - lowestVaddr(elf) : 0);
    }

    /**
     * The bytes of address space a position-independent image spans, page aligned: what the
     * loader must find free for it.
     */
    public static int span(ElfFile elf) {
        long low = Long.MAX_VALUE;
        long high = 0;
        for (ProgramHeader ph : elf.programHeaders()) {
            if (ph.type() == ProgramHeader.PT_LOAD && ph.memsz() != 0) {
                low = Math.min(low, Integer.toUnsignedLong(ph.vaddr()) & ~(long) Memory.PAGE_MASK);
                high = Math.max(high, Integer.toUnsignedLong(ph.vaddr()) + Integer.toUnsignedLong(ph.memsz()));
            }
        }
        return low > high ? 0 : (int) (((high + Memory.PAGE_MASK) & ~(long) Memory.PAGE_MASK) - low);
    }

    /** Loads a position-independent image (the program interpreter) with its lowest page at {@code base}. */
    public static LoadedImage loadAt(ElfFile elf, Memory memory, int base) throws ElfException {
        return load(elf, memory, base - lowestVaddr(elf));
    }

    private static LoadedImage load(ElfFile elf, Memory memory, int bias) throws ElfException {
        int end = 0;
        Map<Integer, Integer> pagePerms = new TreeMap<>();
        for (ProgramHeader ph : elf.programHeaders()) {
            if (ph.type() != ProgramHeader.PT_LOAD || ph.memsz() == 0) {
                continue;
            }
            long start = Integer.toUnsignedLong(ph.vaddr() + bias);
            long segEnd = start + Integer.toUnsignedLong(ph.memsz());
            if (segEnd > 0x1_0000_0000L || start < Memory.PAGE_SIZE) {
                throw new ElfException(String.format(
                        "segment at 0x%08x (+0x%x) lies outside the usable address space", start, ph.memsz()));
            }
            long pageStart = start & ~(long) Memory.PAGE_MASK;
            long pageEnd = (segEnd + Memory.PAGE_MASK) & ~(long) Memory.PAGE_MASK;
            // Segments may share a page: map each page once, writable while copying, and give it
            // the union of the permissions of the segments on it afterwards.
            for (long page = pageStart; page < pageEnd; page += Memory.PAGE_SIZE) {
                if (!memory.isMapped((int) page)) {
                    memory.map((int) page, Memory.PAGE_SIZE, Perm.RW);
                }
                pagePerms.merge((int) page, perm(ph), (a, b) -> a | b);
            }
            memory.writeRaw((int) start, elf.segmentBytes(ph));
            end = (int) Math.max(Integer.toUnsignedLong(end), segEnd);
        }
        pagePerms.forEach((page, perm) -> memory.protect(page, Memory.PAGE_SIZE, perm));
        return new LoadedImage(
                elf,
                bias,
                elf.entry() + bias,
                phdrAddress(elf, bias),
                elf.programHeaders().size(),
                end);
    }

    private static int perm(ProgramHeader ph) {
        int perm = 0;
        if ((ph.flags() & ProgramHeader.PF_R) != 0) {
            perm |= Perm.READ;
        }
        if ((ph.flags() & ProgramHeader.PF_W) != 0) {
            perm |= Perm.WRITE;
        }
        if ((ph.flags() & ProgramHeader.PF_X) != 0) {
            perm |= Perm.EXEC | Perm.READ;
        }
        return perm;
    }

    private static int lowestVaddr(ElfFile elf) {
        long lowest = Long.MAX_VALUE;
        for (ProgramHeader ph : elf.programHeaders()) {
            if (ph.type() == ProgramHeader.PT_LOAD) {
                lowest = Math.min(lowest, Integer.toUnsignedLong(ph.vaddr()) & ~(long) Memory.PAGE_MASK);
            }
        }
        return (int) lowest;
    }

    /** The program headers' address in memory: PT_PHDR, or the loaded bytes holding e_phoff. */
    private static int phdrAddress(ElfFile elf, int bias) {
        for (ProgramHeader ph : elf.programHeaders()) {
            if (ph.type() == ProgramHeader.PT_PHDR) {
                return ph.vaddr() + bias;
            }
        }
        int phoff = elf.programHeaderOffset();
        for (ProgramHeader ph : elf.programHeaders()) {
            if (ph.type() == ProgramHeader.PT_LOAD
                    && Integer.compareUnsigned(phoff, ph.offset()) >= 0
                    && Integer.compareUnsigned(phoff - ph.offset(), ph.filesz()) < 0) {
                return ph.vaddr() + bias + (phoff - ph.offset());
            }
        }
        return 0;
    }
}
