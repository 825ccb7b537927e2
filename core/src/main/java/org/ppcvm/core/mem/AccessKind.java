package org.ppcvm.core.mem;

/** Why the guest touches memory. */
public enum AccessKind {
    READ,
    WRITE,
    FETCH
}
