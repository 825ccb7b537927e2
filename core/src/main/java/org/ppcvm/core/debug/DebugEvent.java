package org.ppcvm.core.debug;

import java.util.List;

/**
 * What a debug exit reports (design.md §2.4).
 *
 * @param cause what happened
 * @param exception the Book E interrupt it corresponds to (15 Debug, 6 Program)
 * @param pc the instruction, not executed, for breakpoints and watchpoints; the next one after a
 *     step
 * @param address for watchpoints the programmed address of the lowest overlapped point, else pc
 * @param accessAddress the guest access that hit a watchpoint (0 otherwise)
 * @param accessLength its length in bytes (0 otherwise)
 * @param points every point the event concerns
 */
public record DebugEvent(
        DebugCause cause,
        int exception,
        int pc,
        int address,
        int accessAddress,
        int accessLength,
        List<DebugPoint> points) {
    public DebugEvent {
        points = List.copyOf(points);
    }

    static DebugEvent step(int pc) {
        return new DebugEvent(DebugCause.STEP, DebugCause.STEP.exception(), pc, pc, 0, 0, List.of());
    }
}
