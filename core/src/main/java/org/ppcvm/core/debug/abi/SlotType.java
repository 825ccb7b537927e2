package org.ppcvm.core.debug.abi;

import java.util.Optional;
import org.ppcvm.core.debug.DebugCause;
import org.ppcvm.core.debug.WatchKind;

/**
 * The {@code type} of an occupied slot, with Linux's {@code KVMPPC_DEBUG_*} values (the seed's
 * {@code KVMPPC_DEBUG_*} are the same numbers). The same bits are a debug exit's {@code status}.
 */
public enum SlotType {
    /** An instruction address compare (IAC): a hardware breakpoint. */
    BREAKPOINT(SlotType.BREAKPOINT_BIT),
    WATCH_WRITE(SlotType.WATCH_WRITE_BIT),
    WATCH_READ(SlotType.WATCH_READ_BIT),
    /** Reads and writes: both watch bits. */
    WATCH_ACCESS(SlotType.WATCH_WRITE_BIT | SlotType.WATCH_READ_BIT);

    /** {@code KVMPPC_DEBUG_NONE}: an empty slot, a hole. */
    public static final int NONE = 0;

    public static final int BREAKPOINT_BIT = 1 << 1;
    public static final int WATCH_WRITE_BIT = 1 << 2;
    public static final int WATCH_READ_BIT = 1 << 3;

    private static final int KNOWN = BREAKPOINT_BIT | WATCH_WRITE_BIT | WATCH_READ_BIT;

    private final int bits;

    SlotType(int bits) {
        this.bits = bits;
    }

    /** The value in the table's {@code type} field. */
    public int bits() {
        return bits;
    }

    /** What a watchpoint slot watches; breakpoints have no watch kind. */
    public Optional<WatchKind> watchKind() {
        return switch (this) {
            case BREAKPOINT -> Optional.empty();
            case WATCH_WRITE -> Optional.of(WatchKind.WRITE);
            case WATCH_READ -> Optional.of(WatchKind.READ);
            case WATCH_ACCESS -> Optional.of(WatchKind.ACCESS);
        };
    }

    public static SlotType of(WatchKind kind) {
        return switch (kind) {
            case READ -> WATCH_READ;
            case WRITE -> WATCH_WRITE;
            case ACCESS -> WATCH_ACCESS;
        };
    }

    /**
     * The type of slot {@code index} from its {@code type} field; empty for {@link #NONE}.
     *
     * @throws DebugTableException for bits outside the three flags or a breakpoint with a watch
     *     bit (Linux silently treats that as a breakpoint; ppcvm refuses to guess)
     */
    static Optional<SlotType> decode(int index, int bits) {
        if ((bits & ~KNOWN) != 0) {
            throw new DebugTableException(
                    "slot %d: type 0x%08x has unknown bits 0x%08x".formatted(index, bits, bits & ~KNOWN));
        }
        if ((bits & BREAKPOINT_BIT) != 0 && bits != BREAKPOINT_BIT) {
            throw new DebugTableException(
                    "slot %d: type 0x%08x mixes BREAKPOINT with a watch bit".formatted(index, bits));
        }
        for (SlotType t : values()) {
            if (t.bits == bits) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /**
     * The Linux {@code status} of a debug exit with this cause: 0 for a software breakpoint and a
     * step (no debug register matched), otherwise the type bit of the register that did.
     */
    public static int status(DebugCause cause) {
        return switch (cause) {
            case SW_BREAKPOINT, STEP -> NONE;
            case HW_BREAKPOINT -> BREAKPOINT_BIT;
            case WATCH_READ -> WATCH_READ_BIT;
            case WATCH_WRITE -> WATCH_WRITE_BIT;
        };
    }
}
