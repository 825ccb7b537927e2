package org.ppcvm.core.cpu;

import static org.ppcvm.isa.Fields.*;

/** Condition Register logical and move instructions (Power ISA Book I 2.5, 3.3.15). */
public final class ConditionRegister {
    private ConditionRegister() {}

    private static boolean a(Cpu c, int w) {
        return c.crBit(ra(w));
    }

    private static boolean b(Cpu c, int w) {
        return c.crBit(rb(w));
    }

    /** Condition Register AND. */
    public static void crand(Cpu c, int w) {
        c.setCrBit(rt(w), a(c, w) && b(c, w));
    }

    /** Condition Register OR. */
    public static void cror(Cpu c, int w) {
        c.setCrBit(rt(w), a(c, w) || b(c, w));
    }

    /** Condition Register XOR. */
    public static void crxor(Cpu c, int w) {
        c.setCrBit(rt(w), a(c, w) ^ b(c, w));
    }

    /** Condition Register NAND. */
    public static void crnand(Cpu c, int w) {
        c.setCrBit(rt(w), !(a(c, w) && b(c, w)));
    }

    /** Condition Register NOR. */
    public static void crnor(Cpu c, int w) {
        c.setCrBit(rt(w), !(a(c, w) || b(c, w)));
    }

    /** Condition Register Equivalent. */
    public static void creqv(Cpu c, int w) {
        c.setCrBit(rt(w), a(c, w) == b(c, w));
    }

    /** Condition Register AND with Complement. */
    public static void crandc(Cpu c, int w) {
        c.setCrBit(rt(w), a(c, w) && !b(c, w));
    }

    /** Condition Register OR with Complement. */
    public static void crorc(Cpu c, int w) {
        c.setCrBit(rt(w), a(c, w) || !b(c, w));
    }

    /** Move Condition Register Field. */
    public static void mcrf(Cpu c, int w) {
        c.setCrField(bf(w), c.crField(bfa(w)));
    }

    /** Move to Condition Register from XER: SO, OV, CA into a CR field, then cleared in XER. */
    public static void mcrxr(Cpu c, int w) {
        c.setCrField(bf(w), c.xer >>> 28);
        c.xer &= ~(Cpu.XER_SO | Cpu.XER_OV | Cpu.XER_CA);
    }

    /** The 32-bit mask of the CR fields selected by an 8-bit FXM (bit 0x80 = CR0). */
    private static int fieldMask(int fxm) {
        int mask = 0;
        for (int field = 0; field < 8; field++) {
            if ((fxm & (0x80 >>> field)) != 0) {
                mask |= 0xF000_0000 >>> (4 * field);
            }
        }
        return mask;
    }

    private static boolean oneField(int w) {
        return (w & 0x0010_0000) != 0;
    }

    /**
     * Move from Condition Register, and Move from One Condition Register Field (bit 11 set): the
     * latter leaves the other fields zero, as e500mc and qemu do (the ISA leaves them undefined).
     */
    public static void mfcr(Cpu c, int w) {
        c.gpr[rt(w)] = oneField(w) ? c.cr & fieldMask(fxm(w)) : c.cr;
    }

    /** Move to Condition Register Fields, and Move to One Condition Register Field (bit 11 set). */
    public static void mtcrf(Cpu c, int w) {
        int mask = fieldMask(fxm(w));
        c.cr = (c.cr & ~mask) | (c.gpr[rs(w)] & mask);
    }
}
