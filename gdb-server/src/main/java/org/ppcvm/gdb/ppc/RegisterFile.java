package org.ppcvm.gdb.ppc;

/**
 * The registers of one guest thread, addressed by gdb register number. The gdb server adapts
 * whatever the VM keeps (a vCPU's state, a saved context) to this interface; {@link RegisterMap}
 * turns it into the protocol's hex.
 *
 * <p>Numbers are those of {@link TargetDescription}: an implementation is only asked about
 * registers the description declares, words for 32-bit registers and FPRs for the 64-bit ones.
 */
public interface RegisterFile {
    /** A 32-bit register: a GPR, pc, msr, cr, lr, ctr, xer, fpscr, orig_r3, trap or an SPR. */
    int readWord(int regnum);

    /** Writes a 32-bit register; the implementation may mask bits the guest cannot set (MSR). */
    void writeWord(int regnum, int value);

    /** The raw IEEE double bits of a floating-point register f0..f31 (regnums 32..63). */
    long readFpr(int regnum);

    /** Writes the raw bits of a floating-point register. */
    void writeFpr(int regnum, long bits);
}
