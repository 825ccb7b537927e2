package org.ppcvm.elf;

/** A symbol table entry (Elf32_Sym) with its name resolved. */
public record Symbol(String name, int value, int size, int type, int bind, int shndx) {
    public static final int STT_NOTYPE = 0;
    public static final int STT_OBJECT = 1;
    public static final int STT_FUNC = 2;
    public static final int STT_SECTION = 3;
    public static final int STT_FILE = 4;
    public static final int STT_TLS = 6;

    /** True for symbols that name code or data at an address (not files, sections or undefined). */
    public boolean isAddressable() {
        return shndx != 0 && (type == STT_FUNC || type == STT_OBJECT || type == STT_NOTYPE) && !name.isEmpty();
    }
}
