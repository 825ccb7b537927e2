package org.ppcvm.elf;

/** One entry of the section header table (Elf32_Shdr), with its name resolved. */
public record Section(String name, int type, int flags, int addr, int offset, int size, int link, int entsize) {
    public static final int SHT_SYMTAB = 2;
    public static final int SHT_STRTAB = 3;
    public static final int SHT_NOBITS = 8;
    public static final int SHT_DYNSYM = 11;
    public static final int SHF_EXECINSTR = 4;
}
