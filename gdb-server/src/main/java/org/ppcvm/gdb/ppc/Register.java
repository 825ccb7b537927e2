package org.ppcvm.gdb.ppc;

import java.util.Objects;

/**
 * One register as the target description declares it to gdb.
 *
 * @param name gdb's name, as in the standard PowerPC feature files
 * @param regnum gdb's register number, also the position in the {@code g} packet and the {@code p}
 *     packet's argument
 * @param bitsize 32 for the integer registers and SPRs and fpscr, 64 for the FPRs
 * @param type the description's type ({@code uint32}, {@code int}, {@code code_ptr}, {@code
 *     ieee_double} ...)
 * @param group the {@code group} attribute, or null to let gdb pick from the type
 */
public record Register(String name, int regnum, int bitsize, String type, String group) {
    public Register {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        if (bitsize != 32 && bitsize != 64) {
            throw new IllegalArgumentException("bitsize must be 32 or 64: " + bitsize);
        }
        if (regnum < 0) {
            throw new IllegalArgumentException("negative regnum: " + regnum);
        }
    }

    /** The number of hex digits the register takes in {@code g}, {@code G}, {@code p} and {@code P}. */
    public int hexDigits() {
        return bitsize / 4;
    }

    /** Whether the register is a 64-bit floating-point register read with {@link RegisterFile#readFpr}. */
    public boolean isFpr() {
        return bitsize == 64;
    }
}
