package org.ppcvm.elf;

/** A file that is not a loadable 32-bit big-endian PowerPC ELF, with one line saying why. */
public final class ElfException extends Exception {
    private static final long serialVersionUID = 1L;

    public ElfException(String message) {
        super(message);
    }
}
