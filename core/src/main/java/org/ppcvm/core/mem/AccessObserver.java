package org.ppcvm.core.mem;

/**
 * Sees every access to a page flagged with {@link Memory#setWatched} before it happens, and may
 * stop it by throwing. This is where watchpoints plug into memory.
 */
@FunctionalInterface
public interface AccessObserver {
    AccessObserver NONE = (addr, len, kind) -> {};

    void beforeAccess(int addr, int len, AccessKind kind);
}
