package org.ppcvm.core.vcpu;

/** How far {@link Vcpu#run(RunMode, boolean)} goes (design.md §2.4). */
public sealed interface RunMode {
    /** Until something needs the owner. */
    RunMode CONTINUE = new Continue();

    /** Exactly one instruction. */
    RunMode STEP = new Step();

    /** Keep stepping while the PC is in [start, end): gdb's range stepping. */
    static RunMode range(int start, int end) {
        return new Range(start, end);
    }

    record Continue() implements RunMode {}

    record Step() implements RunMode {}

    record Range(int start, int end) implements RunMode {
        public boolean contains(int pc) {
            return Integer.compareUnsigned(pc, start) >= 0 && Integer.compareUnsigned(pc, end) < 0;
        }
    }
}
