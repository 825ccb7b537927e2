package org.ppcvm.core.debug;

/**
 * Which points stay quiet for the one instruction a debugger resumes with (design.md §2.4, like
 * x86's resume flag). Stepping off a breakpoint lifts the breakpoints at the PC but leaves the
 * watchpoints armed, so a watched access that same instruction makes still stops it; stepping
 * off a watched access lifts both, since the breakpoint there was already reported.
 */
public enum Skip {
    NONE,
    BREAKPOINTS,
    BREAKPOINTS_AND_WATCHPOINTS;

    /** What to skip when resuming from {@code event} (null: nothing was reported). */
    public static Skip after(DebugEvent event) {
        if (event == null) {
            return NONE;
        }
        return switch (event.cause()) {
            case STEP -> NONE;
            case SW_BREAKPOINT, HW_BREAKPOINT -> BREAKPOINTS;
            case WATCH_READ, WATCH_WRITE -> BREAKPOINTS_AND_WATCHPOINTS;
        };
    }
}
