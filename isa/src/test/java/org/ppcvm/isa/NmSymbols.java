package org.ppcvm.isa;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Symbols from {@code powerpc-linux-gnu-nm -n} output, looked up as objdump names branch targets:
 * the nearest symbol at or below the address, as {@code name} or {@code name+0xoff}.
 */
final class NmSymbols implements SymbolLookup {
    private final NavigableMap<Integer, String> byAddress;

    private NmSymbols(NavigableMap<Integer, String> byAddress) {
        this.byAddress = byAddress;
    }

    /** Parses {@code nm -n} output, keeping defined symbols other than absolute ones. */
    static NmSymbols parse(String nmOutput) {
        TreeMap<Integer, List<String[]>> all = new TreeMap<>(Integer::compareUnsigned);
        for (String line : nmOutput.split("\n", -1)) {
            String[] parts = line.trim().split(" ", -1);
            if (parts.length != 3 || "AaUuw".indexOf(parts[1].charAt(0)) >= 0) {
                continue;
            }
            int address = Integer.parseUnsignedInt(parts[0], 16);
            all.computeIfAbsent(address, a -> new ArrayList<>()).add(parts);
        }
        TreeMap<Integer, String> chosen = new TreeMap<>(Integer::compareUnsigned);
        for (Map.Entry<Integer, List<String[]>> e : all.entrySet()) {
            chosen.put(e.getKey(), choose(e.getValue()));
        }
        return new NmSymbols(chosen);
    }

    /** objdump prefers a global symbol to a weak one, and a weak one to a local one. */
    private static String choose(List<String[]> candidates) {
        String[] best = candidates.get(0);
        for (String[] c : candidates) {
            if (rank(c[1].charAt(0)) > rank(best[1].charAt(0))) {
                best = c;
            }
        }
        return best[2];
    }

    private static int rank(char type) {
        if (type == 'W' || type == 'V') {
            return 1;
        }
        return Character.isUpperCase(type) ? 2 : 0;
    }

    @Override
    public Optional<String> describe(int address) {
        Map.Entry<Integer, String> e = byAddress.floorEntry(address);
        if (e == null) {
            return Optional.empty();
        }
        int offset = address - e.getKey();
        return Optional.of(offset == 0 ? e.getValue() : e.getValue() + "+0x" + Integer.toHexString(offset));
    }
}
