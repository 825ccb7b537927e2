package org.ppcvm.gdb.session;

/** What one thread does on a resume ({@code vCont} action or legacy {@code c/s/C/S}). Signals are Linux numbers, 0 for none. */
public sealed interface ResumeAction permits ResumeAction.Continue, ResumeAction.Step, ResumeAction.RangeStep {

    /** Run until something stops the thread, delivering {@code signal} first if non-zero. */
    record Continue(int signal) implements ResumeAction {}

    /** Execute one instruction, delivering {@code signal} first if non-zero. */
    record Step(int signal) implements ResumeAction {}

    /** Keep stepping while the pc is in [start, end); stop when it leaves or on any other stop. */
    record RangeStep(long start, long end) implements ResumeAction {}
}
