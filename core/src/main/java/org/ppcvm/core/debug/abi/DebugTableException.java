package org.ppcvm.core.debug.abi;

/**
 * A debug table that ppcvm rejects, with the one field at fault in the message. It is an {@link
 * IllegalArgumentException} because that is what it means at the edge: the ioctl's EINVAL.
 */
public final class DebugTableException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public DebugTableException(String message) {
        super(message);
    }
}
