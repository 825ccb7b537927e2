package org.ppcvm.gdb.ppc;

import java.util.List;

/**
 * One {@code <feature>} document of the target description.
 *
 * @param name the feature name gdb recognises, e.g. {@code org.gnu.gdb.power.core}
 * @param annex the file name {@code target.xml} includes and gdb fetches with {@code
 *     qXfer:features:read}
 * @param registers the registers in regnum order
 */
public record Feature(String name, String annex, List<Register> registers) {
    public Feature {
        registers = List.copyOf(registers);
    }
}
