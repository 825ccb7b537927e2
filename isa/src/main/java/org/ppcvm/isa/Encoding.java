package org.ppcvm.isa;

/**
 * The fixed bits of an instruction: a word {@code w} has this encoding when {@code (w & mask) ==
 * match}. Factories are named after the Power ISA instruction forms.
 */
public record Encoding(int match, int mask) {

    public boolean matches(int word) {
        return (word & mask) == match;
    }

    /** D/I/B/M/SC forms and anything else identified by the primary opcode alone. */
    public static Encoding primary(int opcd) {
        return new Encoding(opcd << 26, 0xFC00_0000);
    }

    /** X/XL/XFX/XFL forms: primary opcode and a 10-bit extended opcode in bits 21-30; Rc/LK free. */
    public static Encoding x(int opcd, int xo) {
        return new Encoding(opcd << 26 | xo << 1, 0xFC00_07FE);
    }

    /** X form with bit 31 fixed to zero (forms with no Rc). */
    public static Encoding x0(int opcd, int xo) {
        return new Encoding(opcd << 26 | xo << 1, 0xFC00_07FF);
    }

    /** XO form: primary opcode and a 9-bit extended opcode in bits 22-30; OE and Rc free. */
    public static Encoding xo(int opcd, int xo) {
        return new Encoding(opcd << 26 | xo << 1, 0xFC00_03FE);
    }

    /** A form: primary opcode and a 5-bit extended opcode in bits 26-30; Rc free. */
    public static Encoding a(int opcd, int xo) {
        return new Encoding(opcd << 26 | xo << 1, 0xFC00_003E);
    }

    /** This encoding with further fixed bits, e.g. a reserved field that must be zero. */
    public Encoding with(int extraMatch, int extraMask) {
        return new Encoding(match | extraMatch, mask | extraMask);
    }
}
