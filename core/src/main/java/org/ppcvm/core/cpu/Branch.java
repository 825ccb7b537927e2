package org.ppcvm.core.cpu;

import static org.ppcvm.isa.Fields.*;

/** Branch instructions (Power ISA Book I 2.4): they set {@link Cpu#nextPc}. */
public final class Branch {
    private Branch() {}

    /**
     * The BO test: decrement CTR unless BO[2], then branch when the CTR test (BO[2], or CTR
     * compared with zero as BO[3] says) and the CR test (BO[0], or CR[BI] equal to BO[1]) hold.
     */
    private static boolean taken(Cpu c, int w, boolean mayDecrementCtr) {
        int bo = bo(w);
        boolean ctrOk = true;
        if (mayDecrementCtr && (bo & 0x04) == 0) {
            c.ctr--;
            ctrOk = (c.ctr != 0) != ((bo & 0x02) != 0);
        }
        boolean condOk = (bo & 0x10) != 0 || c.crBit(bi(w)) == ((bo & 0x08) != 0);
        return ctrOk && condOk;
    }

    /** Branch. */
    public static void b(Cpu c, int w) {
        int target = aa(w) ? li(w) : c.pc + li(w);
        if (lk(w)) {
            c.lr = c.pc + 4;
        }
        c.nextPc = target;
    }

    /** Branch Conditional. */
    public static void bc(Cpu c, int w) {
        boolean taken = taken(c, w, true);
        if (lk(w)) {
            c.lr = c.pc + 4;
        }
        if (taken) {
            c.nextPc = aa(w) ? bd(w) : c.pc + bd(w);
        }
    }

    /** Branch Conditional to Link Register. */
    public static void bclr(Cpu c, int w) {
        boolean taken = taken(c, w, true);
        int target = c.lr & ~3;
        if (lk(w)) {
            c.lr = c.pc + 4;
        }
        if (taken) {
            c.nextPc = target;
        }
    }

    /**
     * Branch Conditional to Count Register. A form that would decrement CTR (BO[2] = 0) is
     * invalid; ppcvm ignores the decrement, as the test it would make is meaningless.
     */
    public static void bcctr(Cpu c, int w) {
        boolean taken = taken(c, w, false);
        int target = c.ctr & ~3;
        if (lk(w)) {
            c.lr = c.pc + 4;
        }
        if (taken) {
            c.nextPc = target;
        }
    }
}
