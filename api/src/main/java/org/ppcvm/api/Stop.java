package org.ppcvm.api;

import org.ppcvm.core.debug.DebugEvent;

/** Why {@link Machine#run()} or {@link Machine#step()} returned. */
public sealed interface Stop {
    /** A breakpoint, a watchpoint (before the access) or a completed step. */
    record Debug(DebugEvent event) implements Stop {}

    /** The program ended with this status (128+N when a signal N killed it). */
    record Exited(int status) implements Stop {}

    /** {@link Machine#interrupt()} was called from another thread. */
    record Interrupted() implements Stop {}
}
