package org.ppcvm.core.debug;

/**
 * Thrown by the memory observer before a watched access happens, and caught by the execution
 * engine, which turns it into a debug exit with the instruction not executed. Guest control
 * flow, not a host error: no stack trace.
 */
public final class WatchpointHit extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient DebugEvent event;

    WatchpointHit(DebugEvent event) {
        super(null, null, false, false);
        this.event = event;
    }

    /** The event, with the PC still to be filled in by the engine. */
    public DebugEvent event() {
        return event;
    }
}
