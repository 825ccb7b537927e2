package org.ppcvm.core.cpu;

import org.ppcvm.core.mem.Memory;

/**
 * The architected state of one PowerPC processor thread, and the memory it sees. Fields are public
 * because the interpreter, the semantics classes and generated code all read and write them on
 * the hot path; everything outside core goes through accessors on the vCPU.
 *
 * <p>Register conventions: GPRs are 32-bit ints; FPRs are raw IEEE-754 double bits; CR is one int
 * with CR0 in the most significant nibble (ISA bit 0 is the MSB); XER keeps SO, OV and CA in its
 * architected bits and the string byte count in its low 7 bits.
 */
public final class Cpu {
    public static final int XER_SO = 0x8000_0000;
    public static final int XER_OV = 0x4000_0000;
    public static final int XER_CA = 0x2000_0000;
    public static final int XER_BYTE_COUNT = 0x7F;

    /** MSR bits (Book E). */
    public static final int MSR_PR = 0x0000_4000;

    public static final int MSR_FP = 0x0000_2000;
    public static final int MSR_FE0 = 0x0000_0800;
    public static final int MSR_FE1 = 0x0000_0100;
    public static final int MSR_EE = 0x0000_8000;
    public static final int MSR_ME = 0x0000_1000;
    public static final int MSR_DE = 0x0000_0200;

    public final int[] gpr = new int[32];
    public final long[] fpr = new long[32];
    public int cr;
    public int xer;
    public int lr;
    public int ctr;
    public int fpscr;
    public int msr;
    /** Address of the instruction being executed (or next to execute between instructions). */
    public int pc;
    /** Where execution continues when the current instruction completes; branches set it. */
    public int nextPc;

    /** lwarx/stwcx. reservation. */
    public boolean reserved;

    public int reservationAddress;

    /** Instructions completed since the vCPU started: the deterministic clock. */
    public long instructionCount;

    /** User-visible SPRs without a dedicated field: VRSAVE, USPRG0 and SPRG4-7 (read-only). */
    public int vrsave;

    public int usprg0;
    public final int[] sprg = new int[8];
    public int pvr;

    public final Memory memory;

    public Cpu(Memory memory) {
        this.memory = memory;
    }

    /** Value of the 4-bit CR field {@code n} (0-7). */
    public int crField(int n) {
        return (cr >>> (28 - 4 * n)) & 0xF;
    }

    public void setCrField(int n, int value) {
        int shift = 28 - 4 * n;
        cr = (cr & ~(0xF << shift)) | ((value & 0xF) << shift);
    }

    /** CR bit {@code i} in ISA numbering (0 = LT of CR0). */
    public boolean crBit(int i) {
        return (cr << i) < 0;
    }

    public void setCrBit(int i, boolean value) {
        int bit = 0x8000_0000 >>> i;
        cr = value ? cr | bit : cr & ~bit;
    }

    public boolean ca() {
        return (xer & XER_CA) != 0;
    }

    public void setCa(boolean carry) {
        xer = carry ? xer | XER_CA : xer & ~XER_CA;
    }

    /** Copies the whole register state (not memory) from another processor, e.g. for clone(). */
    public void copyRegistersFrom(Cpu other) {
        System.arraycopy(other.gpr, 0, gpr, 0, 32);
        System.arraycopy(other.fpr, 0, fpr, 0, 32);
        cr = other.cr;
        xer = other.xer;
        lr = other.lr;
        ctr = other.ctr;
        fpscr = other.fpscr;
        msr = other.msr;
        pc = other.pc;
        nextPc = other.nextPc;
        vrsave = other.vrsave;
        usprg0 = other.usprg0;
        System.arraycopy(other.sprg, 0, sprg, 0, sprg.length);
        pvr = other.pvr;
    }
}
