package org.ppcvm.isa;

/**
 * The fixed bits of an instruction: a word {@code w} has this encoding when {@code (w & mask) ==
 * match}. Factories are named after the Power ISA instruction forms; {@link #reserved} and {@link
 * #withField} add fixed fields using the ISA's MSB-0 bit numbers, so a row reads like the manual's
 * instruction layout.
 */
public record Encoding(int match, int mask) {

    public boolean matches(int word) {
        return (word & mask) == match;
    }

    /** D/I/B/M/SC forms and anything else identified by the primary opcode alone. */
    public static Encoding primary(int opcd) {
        return new Encoding(opcd << 26, 0xFC00_0000);
    }

    /** X/XL/XFX/XFL/XX1 forms: primary opcode and a 10-bit extended opcode in bits 21-30; bit 31 free. */
    public static Encoding x(int opcd, int xo) {
        return new Encoding(opcd << 26 | xo << 1, 0xFC00_07FE);
    }

    /** X form with bit 31 reserved (forms with no Rc or LK). */
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

    /** VA form (vector): primary opcode and a 6-bit extended opcode in bits 26-31. */
    public static Encoding va(int opcd, int xo) {
        return new Encoding(opcd << 26 | xo, 0xFC00_003F);
    }

    /** VX form (vector): primary opcode and an 11-bit extended opcode in bits 21-31. */
    public static Encoding vx(int opcd, int xo) {
        return new Encoding(opcd << 26 | xo, 0xFC00_07FF);
    }

    /** XX3 form (VSX): primary opcode and an 8-bit extended opcode in bits 21-28; AX, BX, TX free. */
    public static Encoding xx3(int opcd, int xo) {
        return new Encoding(opcd << 26 | xo << 3, 0xFC00_07F8);
    }

    /** This encoding with further fixed bits, e.g. a reserved field that must be zero. */
    public Encoding with(int extraMatch, int extraMask) {
        return new Encoding(match | extraMatch, mask | extraMask);
    }

    /** This encoding with bits {@code first..last} (MSB-0, inclusive) fixed to {@code value}. */
    public Encoding withField(int first, int last, int value) {
        int width = last - first + 1;
        int shift = 31 - last;
        int fieldMask = (int) ((1L << width) - 1) << shift;
        return with((value << shift) & fieldMask, fieldMask);
    }

    /** This encoding with bits {@code first..last} (MSB-0, inclusive) reserved: they must be zero. */
    public Encoding reserved(int first, int last) {
        return withField(first, last, 0);
    }
}
