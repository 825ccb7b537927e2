package org.ppcvm.testkit.random;

import java.util.List;

/**
 * The user-visible register state a block dumps (or, for a block's start, the state it loads).
 *
 * @param gpr r0..r31
 * @param cr the condition register
 * @param xer the fixed-point exception register
 * @param lr the link register
 * @param ctr the count register
 * @param fpscr the floating-point status and control register
 * @param fpr f0..f31 as raw IEEE double bits
 */
public record MachineState(List<Integer> gpr, int cr, int xer, int lr, int ctr, int fpscr, List<Long> fpr) {

    public MachineState {
        gpr = List.copyOf(gpr);
        fpr = List.copyOf(fpr);
        if (gpr.size() != 32 || fpr.size() != 32) {
            throw new IllegalArgumentException("32 GPRs and 32 FPRs expected");
        }
    }
}
