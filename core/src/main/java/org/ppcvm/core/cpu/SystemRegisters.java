package org.ppcvm.core.cpu;

import static org.ppcvm.isa.Fields.*;

/**
 * Moves to and from special-purpose registers and the time base, as user (problem state) code
 * sees them on an e500mc under Linux (Power ISA Book I 3.3.15, Book III-E 2.3 and 9.2).
 */
public final class SystemRegisters {
    public static final int XER = 1;
    public static final int LR = 8;
    public static final int CTR = 9;
    public static final int VRSAVE = 256;
    public static final int SPRG3 = 259;
    public static final int SPRG4 = 260;
    public static final int SPRG7 = 263;
    public static final int TBL = 268;
    public static final int TBU = 269;
    public static final int PVR = 287;

    /** The e500mc rev 2.0 processor version, which Linux hands to user code that reads PVR. */
    public static final int E500MC_PVR = 0x8023_0020;

    private SystemRegisters() {}

    /** SPR numbers with this bit set are privileged (the high bit of the swapped spr field). */
    private static boolean privileged(int spr) {
        return (spr & 0x10) != 0;
    }

    /** The time base: derived from the instruction count so that runs are deterministic. */
    public static long timeBase(Cpu c) {
        return c.instructionCount;
    }

    /**
     * Move from Special Purpose Register. PVR is privileged on Book E but Linux emulates {@code
     * mfpvr} for user code, which static glibc executes at start-up, so it reads here.
     */
    public static void mfspr(Cpu c, int w) {
        int spr = spr(w);
        c.gpr[rt(w)] = switch (spr) {
            case XER -> c.xer;
            case LR -> c.lr;
            case CTR -> c.ctr;
            case VRSAVE -> c.vrsave;
            case SPRG3 -> c.sprg[3];
            case SPRG4, SPRG4 + 1, SPRG4 + 2, SPRG7 -> c.sprg[spr - SPRG4 + 4];
            case TBL -> (int) timeBase(c);
            case TBU -> (int) (timeBase(c) >>> 32);
            case PVR -> c.pvr;
            default -> throw privileged(spr) ? GuestInterrupt.privileged() : GuestInterrupt.illegal();
        };
    }

    /** Move to Special Purpose Register. */
    public static void mtspr(Cpu c, int w) {
        int value = c.gpr[rs(w)];
        int spr = spr(w);
        switch (spr) {
            case XER -> c.xer = value & (Cpu.XER_SO | Cpu.XER_OV | Cpu.XER_CA | Cpu.XER_BYTE_COUNT);
            case LR -> c.lr = value;
            case CTR -> c.ctr = value;
            case VRSAVE -> c.vrsave = value;
            default -> throw privileged(spr) ? GuestInterrupt.privileged() : GuestInterrupt.illegal();
        }
    }

    /** Move from Time Base (TBR 268 = lower, 269 = upper). */
    public static void mftb(Cpu c, int w) {
        c.gpr[rt(w)] = switch (tbr(w)) {
            case TBL -> (int) timeBase(c);
            case TBU -> (int) (timeBase(c) >>> 32);
            default -> throw GuestInterrupt.illegal();
        };
    }
}
