package org.ppcvm.linux;

import java.nio.ByteBuffer;
import org.ppcvm.core.cpu.Cpu;

/**
 * The 32-bit PowerPC {@code mcontext_t} (992 bytes) that ucontexts and signal frames carry: 48
 * general registers ({@code pt_regs} order: r0-r31, nip, msr, orig_r3, ctr, link, xer, ccr, mq,
 * trap, dar, dsisr, result) at 0, then 33 FP doubles at 192 whose last holds the FPSCR in its low
 * word, padding, and the AltiVec area at 464 (unused: no AltiVec is announced).
 */
final class MachineContext {
    static final int SIZE = 992;
    static final int FREGS_OFFSET = 192;
    static final int FPSCR_OFFSET = FREGS_OFFSET + 32 * 8 + 4;

    static final int PT_NIP = 32;
    static final int PT_MSR = 33;
    static final int PT_ORIG_R3 = 34;
    static final int PT_CTR = 35;
    static final int PT_LNK = 36;
    static final int PT_XER = 37;
    static final int PT_CCR = 38;
    static final int PT_TRAP = 40;
    static final int PT_DAR = 41;
    static final int PT_DSISR = 42;

    /** The trap number Linux records for a system call. */
    static final int TRAP_SYSCALL = 0xc00;

    private MachineContext() {}

    /** The registers of {@code cpu} as Linux saves them on a system call. */
    static byte[] save(Cpu cpu, int origR3, int trap) {
        return save(cpu, origR3, trap, 0, 0);
    }

    /**
     * The registers of {@code cpu} as Linux saves them on entry by interrupt {@code trap}, with
     * the faulting data address and the syndrome (Book E's DEAR and ESR) of a storage interrupt.
     */
    static byte[] save(Cpu cpu, int origR3, int trap, int dar, int dsisr) {
        ByteBuffer b = UserMemory.bigEndian(SIZE);
        for (int r = 0; r < 32; r++) {
            b.putInt(4 * r, cpu.gpr[r]);
        }
        b.putInt(4 * PT_NIP, cpu.pc);
        b.putInt(4 * PT_MSR, cpu.msr);
        b.putInt(4 * PT_ORIG_R3, origR3);
        b.putInt(4 * PT_CTR, cpu.ctr);
        b.putInt(4 * PT_LNK, cpu.lr);
        b.putInt(4 * PT_XER, cpu.xer);
        b.putInt(4 * PT_CCR, cpu.cr);
        b.putInt(4 * PT_TRAP, trap);
        b.putInt(4 * PT_DAR, dar);
        b.putInt(4 * PT_DSISR, dsisr);
        for (int f = 0; f < 32; f++) {
            b.putLong(FREGS_OFFSET + 8 * f, cpu.fpr[f]);
        }
        b.putInt(FPSCR_OFFSET, cpu.fpscr);
        return b.array();
    }

    /**
     * Loads the registers from a saved context. The MSR is not taken from the guest (Linux keeps
     * the user MSR but for endianness, which ppcvm does not switch).
     */
    static void restore(Cpu cpu, byte[] context) {
        ByteBuffer b = ByteBuffer.wrap(context);
        for (int r = 0; r < 32; r++) {
            cpu.gpr[r] = b.getInt(4 * r);
        }
        cpu.pc = b.getInt(4 * PT_NIP) & ~3;
        cpu.ctr = b.getInt(4 * PT_CTR);
        cpu.lr = b.getInt(4 * PT_LNK);
        cpu.xer = b.getInt(4 * PT_XER) & (Cpu.XER_SO | Cpu.XER_OV | Cpu.XER_CA | Cpu.XER_BYTE_COUNT);
        cpu.cr = b.getInt(4 * PT_CCR);
        for (int f = 0; f < 32; f++) {
            cpu.fpr[f] = b.getLong(FREGS_OFFSET + 8 * f);
        }
        cpu.fpscr = b.getInt(FPSCR_OFFSET);
        cpu.reserved = false; // as every return from the kernel to user mode does
    }
}
