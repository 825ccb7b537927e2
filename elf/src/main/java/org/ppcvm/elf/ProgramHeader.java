package org.ppcvm.elf;

/** One entry of the program header table (Elf32_Phdr). */
public record ProgramHeader(int type, int offset, int vaddr, int filesz, int memsz, int flags, int align) {
    public static final int PT_LOAD = 1;
    public static final int PT_DYNAMIC = 2;
    public static final int PT_INTERP = 3;
    public static final int PT_PHDR = 6;
    public static final int PT_TLS = 7;
    public static final int PT_GNU_STACK = 0x6474_e551;

    public static final int PF_X = 1;
    public static final int PF_W = 2;
    public static final int PF_R = 4;

    /** The segment's end address in memory (exclusive), as an unsigned value. */
    public long memEnd() {
        return Integer.toUnsignedLong(vaddr) + Integer.toUnsignedLong(memsz);
    }
}
