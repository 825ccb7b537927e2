package org.ppcvm.core.cpu;

/**
 * An interrupt raised by the instruction being executed (illegal or privileged instruction, trap,
 * enabled FP exception, alignment). Thrown by instruction semantics before they change any state
 * and caught by the vCPU's run loop, which returns it as an exit value with the PC on the
 * instruction. It carries no stack trace: it is guest control flow, not a host error.
 */
public final class GuestInterrupt extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final InterruptKind kind;
    private final int esr;
    private final int dear;

    public GuestInterrupt(InterruptKind kind, int esr, int dear) {
        super(null, null, false, false);
        this.kind = kind;
        this.esr = esr;
        this.dear = dear;
    }

    public static GuestInterrupt illegal() {
        return new GuestInterrupt(InterruptKind.PROGRAM, Esr.PIL, 0);
    }

    public static GuestInterrupt privileged() {
        return new GuestInterrupt(InterruptKind.PROGRAM, Esr.PPR, 0);
    }

    public static GuestInterrupt trap() {
        return new GuestInterrupt(InterruptKind.PROGRAM, Esr.PTR, 0);
    }

    public static GuestInterrupt fpEnabled() {
        return new GuestInterrupt(InterruptKind.PROGRAM, Esr.FP, 0);
    }

    public static GuestInterrupt alignment(int address, boolean store) {
        return new GuestInterrupt(InterruptKind.ALIGNMENT, store ? Esr.ST : 0, address);
    }

    public InterruptKind kind() {
        return kind;
    }

    public int esr() {
        return esr;
    }

    public int dear() {
        return dear;
    }

    @Override
    public String getMessage() {
        return String.format("%s esr=0x%08x dear=0x%08x", kind, esr, dear);
    }
}
