package org.ppcvm.testkit;

/** A compiler failed; the message holds its command line and diagnostics. */
public final class GuestBuildException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public GuestBuildException(String message) {
        super(message);
    }

    public GuestBuildException(String message, Throwable cause) {
        super(message, cause);
    }
}
