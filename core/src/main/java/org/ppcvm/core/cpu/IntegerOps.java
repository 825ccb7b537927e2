package org.ppcvm.core.cpu;

import static org.ppcvm.isa.Fields.*;

/**
 * Fixed-point arithmetic, logical, rotate/shift and compare instructions (Power ISA Book I, 3.3.9
 * to 3.3.14). One method per instruction, named by its mnemonic; the word's OE and Rc bits select
 * the "o" and "." forms.
 */
public final class IntegerOps {
    private IntegerOps() {}

    // ---- Shared effects ------------------------------------------------------------------------

    /** Records the signed comparison of {@code result} with zero, and XER[SO], in CR0. */
    static void recordCr0(Cpu c, int result) {
        int bits = result < 0 ? 8 : result > 0 ? 4 : 2;
        if ((c.xer & Cpu.XER_SO) != 0) {
            bits |= 1;
        }
        c.cr = (c.cr & 0x0FFF_FFFF) | bits << 28;
    }

    private static void recordIfRc(Cpu c, int w, int result) {
        if (rcBit(w)) {
            recordCr0(c, result);
        }
    }

    private static void setOverflow(Cpu c, boolean overflow) {
        c.xer = overflow ? c.xer | Cpu.XER_OV | Cpu.XER_SO : c.xer & ~Cpu.XER_OV;
    }

    /** The value of RA, or 0 when the RA field is 0 (the "(RA|0)" of the ISA). */
    static int raOrZero(Cpu c, int w) {
        int ra = ra(w);
        return ra == 0 ? 0 : c.gpr[ra];
    }

    /**
     * a + b + carryIn with its carry out and signed overflow: the one adder behind add, addc,
     * adde, addme, addze and all subf forms (which add the complement).
     */
    private static int addWithCarry(Cpu c, int a, int b, int carryIn, boolean setsCarry, boolean oe) {
        long sum = (a & 0xFFFF_FFFFL) + (b & 0xFFFF_FFFFL) + carryIn;
        int result = (int) sum;
        if (setsCarry) {
            c.setCa((sum >>> 32) != 0);
        }
        if (oe) {
            setOverflow(c, ((a ^ result) & (b ^ result)) < 0);
        }
        return result;
    }

    /** An XO-form add: OE and Rc come from the word. */
    private static void addXo(Cpu c, int w, int a, int b, int carryIn, boolean setsCarry) {
        int result = addWithCarry(c, a, b, carryIn, setsCarry, oe(w));
        c.gpr[rt(w)] = result;
        recordIfRc(c, w, result);
    }

    private static int ca(Cpu c) {
        return (c.xer >>> 29) & 1;
    }

    // ---- Add and subtract ----------------------------------------------------------------------

    /** Add Immediate. */
    public static void addi(Cpu c, int w) {
        c.gpr[rt(w)] = raOrZero(c, w) + si(w);
    }

    /** Add Immediate Shifted. */
    public static void addis(Cpu c, int w) {
        c.gpr[rt(w)] = raOrZero(c, w) + (si(w) << 16);
    }

    /** Add Immediate Carrying. */
    public static void addic(Cpu c, int w) {
        c.gpr[rt(w)] = addWithCarry(c, c.gpr[ra(w)], si(w), 0, true, false);
    }

    /** Add Immediate Carrying and Record. */
    public static void addicRc(Cpu c, int w) {
        int result = addWithCarry(c, c.gpr[ra(w)], si(w), 0, true, false);
        c.gpr[rt(w)] = result;
        recordCr0(c, result);
    }

    /** Subtract From Immediate Carrying. */
    public static void subfic(Cpu c, int w) {
        c.gpr[rt(w)] = addWithCarry(c, ~c.gpr[ra(w)], si(w), 1, true, false);
    }

    /** Add. */
    public static void add(Cpu c, int w) {
        addXo(c, w, c.gpr[ra(w)], c.gpr[rb(w)], 0, false);
    }

    /** Add Carrying. */
    public static void addc(Cpu c, int w) {
        addXo(c, w, c.gpr[ra(w)], c.gpr[rb(w)], 0, true);
    }

    /** Add Extended. */
    public static void adde(Cpu c, int w) {
        addXo(c, w, c.gpr[ra(w)], c.gpr[rb(w)], ca(c), true);
    }

    /** Add to Minus One Extended. */
    public static void addme(Cpu c, int w) {
        addXo(c, w, c.gpr[ra(w)], -1, ca(c), true);
    }

    /** Add to Zero Extended. */
    public static void addze(Cpu c, int w) {
        addXo(c, w, c.gpr[ra(w)], 0, ca(c), true);
    }

    /** Subtract From. */
    public static void subf(Cpu c, int w) {
        addXo(c, w, ~c.gpr[ra(w)], c.gpr[rb(w)], 1, false);
    }

    /** Subtract From Carrying. */
    public static void subfc(Cpu c, int w) {
        addXo(c, w, ~c.gpr[ra(w)], c.gpr[rb(w)], 1, true);
    }

    /** Subtract From Extended. */
    public static void subfe(Cpu c, int w) {
        addXo(c, w, ~c.gpr[ra(w)], c.gpr[rb(w)], ca(c), true);
    }

    /** Subtract From Minus One Extended. */
    public static void subfme(Cpu c, int w) {
        addXo(c, w, ~c.gpr[ra(w)], -1, ca(c), true);
    }

    /** Subtract From Zero Extended. */
    public static void subfze(Cpu c, int w) {
        addXo(c, w, ~c.gpr[ra(w)], 0, ca(c), true);
    }

    /** Negate. */
    public static void neg(Cpu c, int w) {
        addXo(c, w, ~c.gpr[ra(w)], 0, 1, false);
    }

    // ---- Multiply and divide -------------------------------------------------------------------

    /** Multiply Low Immediate. */
    public static void mulli(Cpu c, int w) {
        c.gpr[rt(w)] = c.gpr[ra(w)] * si(w);
    }

    /** Multiply Low Word. */
    public static void mullw(Cpu c, int w) {
        long product = (long) c.gpr[ra(w)] * c.gpr[rb(w)];
        int result = (int) product;
        if (oe(w)) {
            setOverflow(c, product != result);
        }
        c.gpr[rt(w)] = result;
        recordIfRc(c, w, result);
    }

    /** Multiply High Word. */
    public static void mulhw(Cpu c, int w) {
        int result = (int) (((long) c.gpr[ra(w)] * c.gpr[rb(w)]) >> 32);
        c.gpr[rt(w)] = result;
        recordIfRc(c, w, result);
    }

    /** Multiply High Word Unsigned. */
    public static void mulhwu(Cpu c, int w) {
        long product = (c.gpr[ra(w)] & 0xFFFF_FFFFL) * (c.gpr[rb(w)] & 0xFFFF_FFFFL);
        int result = (int) (product >>> 32);
        c.gpr[rt(w)] = result;
        recordIfRc(c, w, result);
    }

    /**
     * Divide Word. The quotient of x/0 and of 0x80000000/-1 is undefined; ppcvm writes 0 for x/0
     * and 0x80000000 for the overflow case, the values Java's own arithmetic gives where it has
     * any, and the differential tests compare only OV, SO and CR0[SO] there.
     */
    public static void divw(Cpu c, int w) {
        int dividend = c.gpr[ra(w)];
        int divisor = c.gpr[rb(w)];
        boolean undefined = divisor == 0 || (dividend == Integer.MIN_VALUE && divisor == -1);
        int result = divisor == 0 ? 0 : dividend / divisor;
        if (oe(w)) {
            setOverflow(c, undefined);
        }
        c.gpr[rt(w)] = result;
        recordIfRc(c, w, result);
    }

    /** Divide Word Unsigned; x/0 writes 0 (undefined by the ISA). */
    public static void divwu(Cpu c, int w) {
        int divisor = c.gpr[rb(w)];
        int result = divisor == 0 ? 0 : Integer.divideUnsigned(c.gpr[ra(w)], divisor);
        if (oe(w)) {
            setOverflow(c, divisor == 0);
        }
        c.gpr[rt(w)] = result;
        recordIfRc(c, w, result);
    }

    // ---- Compare -------------------------------------------------------------------------------

    private static void compare(Cpu c, int w, int signedOrder) {
        int bits = signedOrder < 0 ? 8 : signedOrder > 0 ? 4 : 2;
        if ((c.xer & Cpu.XER_SO) != 0) {
            bits |= 1;
        }
        c.setCrField(bf(w), bits);
    }

    /** Compare Immediate. */
    public static void cmpi(Cpu c, int w) {
        compare(c, w, Integer.compare(c.gpr[ra(w)], si(w)));
    }

    /** Compare. */
    public static void cmp(Cpu c, int w) {
        compare(c, w, Integer.compare(c.gpr[ra(w)], c.gpr[rb(w)]));
    }

    /** Compare Logical Immediate. */
    public static void cmpli(Cpu c, int w) {
        compare(c, w, Integer.compareUnsigned(c.gpr[ra(w)], ui(w)));
    }

    /** Compare Logical. */
    public static void cmpl(Cpu c, int w) {
        compare(c, w, Integer.compareUnsigned(c.gpr[ra(w)], c.gpr[rb(w)]));
    }

    // ---- Logical -------------------------------------------------------------------------------

    private static void logical(Cpu c, int w, int result) {
        c.gpr[ra(w)] = result;
        recordIfRc(c, w, result);
    }

    /** AND Immediate (always records CR0). */
    public static void andiRc(Cpu c, int w) {
        int result = c.gpr[rs(w)] & ui(w);
        c.gpr[ra(w)] = result;
        recordCr0(c, result);
    }

    /** AND Immediate Shifted (always records CR0). */
    public static void andisRc(Cpu c, int w) {
        int result = c.gpr[rs(w)] & (ui(w) << 16);
        c.gpr[ra(w)] = result;
        recordCr0(c, result);
    }

    /** OR Immediate. */
    public static void ori(Cpu c, int w) {
        c.gpr[ra(w)] = c.gpr[rs(w)] | ui(w);
    }

    /** OR Immediate Shifted. */
    public static void oris(Cpu c, int w) {
        c.gpr[ra(w)] = c.gpr[rs(w)] | (ui(w) << 16);
    }

    /** XOR Immediate. */
    public static void xori(Cpu c, int w) {
        c.gpr[ra(w)] = c.gpr[rs(w)] ^ ui(w);
    }

    /** XOR Immediate Shifted. */
    public static void xoris(Cpu c, int w) {
        c.gpr[ra(w)] = c.gpr[rs(w)] ^ (ui(w) << 16);
    }

    /** AND. */
    public static void and(Cpu c, int w) {
        logical(c, w, c.gpr[rs(w)] & c.gpr[rb(w)]);
    }

    /** AND with Complement. */
    public static void andc(Cpu c, int w) {
        logical(c, w, c.gpr[rs(w)] & ~c.gpr[rb(w)]);
    }

    /** OR. */
    public static void or(Cpu c, int w) {
        logical(c, w, c.gpr[rs(w)] | c.gpr[rb(w)]);
    }

    /** OR with Complement. */
    public static void orc(Cpu c, int w) {
        logical(c, w, c.gpr[rs(w)] | ~c.gpr[rb(w)]);
    }

    /** XOR. */
    public static void xor(Cpu c, int w) {
        logical(c, w, c.gpr[rs(w)] ^ c.gpr[rb(w)]);
    }

    /** NAND. */
    public static void nand(Cpu c, int w) {
        logical(c, w, ~(c.gpr[rs(w)] & c.gpr[rb(w)]));
    }

    /** NOR. */
    public static void nor(Cpu c, int w) {
        logical(c, w, ~(c.gpr[rs(w)] | c.gpr[rb(w)]));
    }

    /** Equivalent. */
    public static void eqv(Cpu c, int w) {
        logical(c, w, ~(c.gpr[rs(w)] ^ c.gpr[rb(w)]));
    }

    /** Extend Sign Byte. */
    public static void extsb(Cpu c, int w) {
        logical(c, w, (byte) c.gpr[rs(w)]);
    }

    /** Extend Sign Halfword. */
    public static void extsh(Cpu c, int w) {
        logical(c, w, (short) c.gpr[rs(w)]);
    }

    /** Count Leading Zeros Word. */
    public static void cntlzw(Cpu c, int w) {
        logical(c, w, Integer.numberOfLeadingZeros(c.gpr[rs(w)]));
    }

    /** Population Count Bytes: each byte of RA is the number of ones in that byte of RS. */
    public static void popcntb(Cpu c, int w) {
        int s = c.gpr[rs(w)];
        int result = 0;
        for (int shift = 0; shift < 32; shift += 8) {
            result |= Integer.bitCount((s >>> shift) & 0xFF) << shift;
        }
        c.gpr[ra(w)] = result;
    }

    // ---- Rotate and shift ----------------------------------------------------------------------

    /** Rotate Left Word Immediate then AND with Mask. */
    public static void rlwinm(Cpu c, int w) {
        logical(c, w, Integer.rotateLeft(c.gpr[rs(w)], sh(w)) & maskMbMe(mb(w), me(w)));
    }

    /** Rotate Left Word then AND with Mask. */
    public static void rlwnm(Cpu c, int w) {
        logical(c, w, Integer.rotateLeft(c.gpr[rs(w)], c.gpr[rb(w)] & 31) & maskMbMe(mb(w), me(w)));
    }

    /** Rotate Left Word Immediate then Mask Insert. */
    public static void rlwimi(Cpu c, int w) {
        int mask = maskMbMe(mb(w), me(w));
        int rotated = Integer.rotateLeft(c.gpr[rs(w)], sh(w));
        logical(c, w, (rotated & mask) | (c.gpr[ra(w)] & ~mask));
    }

    /** Shift Left Word: counts 32 to 63 give zero. */
    public static void slw(Cpu c, int w) {
        int n = c.gpr[rb(w)] & 0x3F;
        logical(c, w, n > 31 ? 0 : c.gpr[rs(w)] << n);
    }

    /** Shift Right Word: counts 32 to 63 give zero. */
    public static void srw(Cpu c, int w) {
        int n = c.gpr[rb(w)] & 0x3F;
        logical(c, w, n > 31 ? 0 : c.gpr[rs(w)] >>> n);
    }

    private static void shiftRightAlgebraic(Cpu c, int w, int n) {
        int s = c.gpr[rs(w)];
        int result;
        boolean carry;
        if (n > 31) {
            result = s >> 31;
            carry = s < 0;
        } else {
            result = s >> n;
            carry = s < 0 && (s & ((1 << n) - 1)) != 0;
        }
        c.setCa(carry);
        logical(c, w, result);
    }

    /** Shift Right Algebraic Word: CA is set when a negative value loses one bits. */
    public static void sraw(Cpu c, int w) {
        shiftRightAlgebraic(c, w, c.gpr[rb(w)] & 0x3F);
    }

    /** Shift Right Algebraic Word Immediate. */
    public static void srawi(Cpu c, int w) {
        shiftRightAlgebraic(c, w, sh(w));
    }

    // ---- Select --------------------------------------------------------------------------------

    /** Integer Select: RT = CR[BC] ? (RA|0) : RB. */
    public static void isel(Cpu c, int w) {
        c.gpr[rt(w)] = c.crBit(iselBc(w)) ? raOrZero(c, w) : c.gpr[rb(w)];
    }

    // ---- Trap ----------------------------------------------------------------------------------

    private static void trapIf(int to, int a, int b) {
        boolean trap = ((to & 16) != 0 && a < b)
                || ((to & 8) != 0 && a > b)
                || ((to & 4) != 0 && a == b)
                || ((to & 2) != 0 && Integer.compareUnsigned(a, b) < 0)
                || ((to & 1) != 0 && Integer.compareUnsigned(a, b) > 0);
        if (trap) {
            throw GuestInterrupt.trap();
        }
    }

    /** Trap Word. */
    public static void tw(Cpu c, int w) {
        trapIf(to(w), c.gpr[ra(w)], c.gpr[rb(w)]);
    }

    /** Trap Word Immediate. */
    public static void twi(Cpu c, int w) {
        trapIf(to(w), c.gpr[ra(w)], si(w));
    }
}
