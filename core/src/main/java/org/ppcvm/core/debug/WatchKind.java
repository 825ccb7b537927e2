package org.ppcvm.core.debug;

/** What a watchpoint watches. */
public enum WatchKind {
    READ,
    WRITE,
    /** Reads and writes. */
    ACCESS;

    boolean matches(boolean write) {
        return this == ACCESS || (this == WRITE) == write;
    }
}
