package org.ppcvm.core.cpu;

/** The Book E interrupts that user code can raise, with their IVOR numbers. */
public enum InterruptKind {
    DATA_STORAGE(2),
    INSTRUCTION_STORAGE(3),
    ALIGNMENT(5),
    PROGRAM(6),
    FP_UNAVAILABLE(7),
    SYSTEM_CALL(8);

    private final int ivor;

    InterruptKind(int ivor) {
        this.ivor = ivor;
    }

    public int ivor() {
        return ivor;
    }
}
