package org.ppcvm.isa;

import java.util.Optional;

/**
 * Names code addresses for the {@link Disassembler}: the text objdump puts between angle brackets
 * after a branch target, such as {@code abort+0x8} or {@code main}.
 */
@FunctionalInterface
public interface SymbolLookup {
    /** Knows no symbols: targets print as bare hexadecimal addresses. */
    SymbolLookup NONE = address -> Optional.empty();

    /** The symbolic form of {@code address} ({@code "name"} or {@code "name+0xoff"}), if any. */
    Optional<String> describe(int address);
}
