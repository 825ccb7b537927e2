package org.ppcvm.linux;

/** The program cannot be started; the message is one line for the user. */
public final class StartException extends Exception {
    private static final long serialVersionUID = 1L;

    public StartException(String message) {
        super(message);
    }
}
