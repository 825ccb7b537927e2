package org.ppcvm.core.mem;

/**
 * A guest access to memory that is unmapped or lacks the permission. Thrown by {@link Memory} and
 * caught by the vCPU's run loop, which turns it into an exit value; it never reaches the owner of
 * the vCPU. It carries no stack trace: it is guest control flow, not a host error.
 */
public final class MemoryFault extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int address;
    private final AccessKind kind;
    private final boolean mapped;

    public MemoryFault(int address, AccessKind kind, boolean mapped) {
        super(null, null, false, false);
        this.address = address;
        this.kind = kind;
        this.mapped = mapped;
    }

    /** The first guest address of the access that is not accessible. */
    public int address() {
        return address;
    }

    public AccessKind kind() {
        return kind;
    }

    /** True when the page is mapped but lacks the permission (SEGV_ACCERR rather than MAPERR). */
    public boolean mapped() {
        return mapped;
    }

    @Override
    public String getMessage() {
        return String.format("%s fault at 0x%08x (%s)", kind, address, mapped ? "protection" : "unmapped");
    }
}
