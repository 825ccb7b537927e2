package org.ppcvm.core.debug;

/** Why a vCPU left its run loop for the debugger (design.md §2.4). */
public enum DebugCause {
    SW_BREAKPOINT,
    HW_BREAKPOINT,
    WATCH_READ,
    WATCH_WRITE,
    STEP;

    /** The Book E interrupt (IVOR) the event corresponds to: Program for the breakpoint word. */
    public int exception() {
        return this == SW_BREAKPOINT ? 6 : 15;
    }
}
