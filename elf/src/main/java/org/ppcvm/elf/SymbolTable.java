package org.ppcvm.elf;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Address-to-name and name-to-symbol lookups over an ELF symbol table, relocated by a load bias. */
public final class SymbolTable {
    private final Symbol[] byAddress;
    private final int[] addresses;
    private final Map<String, Symbol> byName = new HashMap<>();
    private final int bias;

    public SymbolTable(List<Symbol> symbols, int bias) {
        this.bias = bias;
        List<Symbol> addressable = new ArrayList<>();
        for (Symbol s : symbols) {
            if (s.isAddressable() && !s.name().startsWith("$")) {
                addressable.add(s);
                byName.merge(s.name(), s, (old, neu) -> old.bind() == 1 ? old : neu);
            }
        }
        // Among symbols at one address prefer functions and objects over untyped markers (such as
        // the linker's __stop_ symbols), then global ones, as objdump does.
        addressable.sort(Comparator.comparingLong((Symbol s) -> Integer.toUnsignedLong(s.value()))
                .thenComparing(s -> s.type() == Symbol.STT_FUNC || s.type() == Symbol.STT_OBJECT ? 0 : 1)
                .thenComparing(s -> s.bind() == 1 ? 0 : 1));
        byAddress = addressable.toArray(Symbol[]::new);
        addresses = new int[byAddress.length];
        for (int i = 0; i < byAddress.length; i++) {
            addresses[i] = byAddress[i].value();
        }
    }

    public boolean isEmpty() {
        return byAddress.length == 0;
    }

    /** The symbol named {@code name}, relocated. */
    public Optional<Symbol> find(String name) {
        Symbol s = byName.get(name);
        return s == null
                ? Optional.empty()
                : Optional.of(new Symbol(s.name(), s.value() + bias, s.size(), s.type(), s.bind(), s.shndx()));
    }

    /** "name" or "name+0xoff" for the closest symbol at or below {@code address}, if any. */
    public Optional<String> describe(int address) {
        int unbiased = address - bias;
        int lo = 0;
        int hi = byAddress.length - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (Integer.compareUnsigned(addresses[mid], unbiased) <= 0) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        if (found < 0) {
            return Optional.empty();
        }
        int start = addresses[found];
        while (found > 0 && addresses[found - 1] == start) {
            found--;
        }
        Symbol s = byAddress[found];
        int offset = unbiased - s.value();
        if (s.size() != 0 && Integer.compareUnsigned(offset, s.size()) >= 0 && offset > 0x10000) {
            return Optional.empty();
        }
        return Optional.of(offset == 0 ? s.name() : s.name() + "+0x" + Integer.toHexString(offset));
    }
}
