package org.ppcvm.core.os;

/**
 * Per-thread values the kernel keeps beside the processor's registers, which a debugger reads and
 * writes as registers (gdb's {@code org.gnu.gdb.power.linux} feature).
 */
public enum KernelRegister {
    /** r3 as it was when the thread last entered the kernel: a restarted system call needs it. */
    ORIG_R3,
    /**
     * The interrupt the thread last entered the kernel by, as Linux's {@code pt_regs.trap} (0xc00
     * after {@code sc}, 0x700 after a program check). A debugger that moves the PC writes -1 to
     * keep the kernel from restarting an interrupted system call.
     */
    TRAP
}
