package org.ppcvm.linux;

import org.ppcvm.elf.ElfFile;

/** Where an ELF file landed in guest memory. */
public record LoadedImage(ElfFile elf, int bias, int entry, int phdrAddress, int phnum, int end) {}
