package org.ppcvm.testkit;

/** Runs a ppc32 Linux guest program: qemu-ppc ({@link QemuUser}) or ppcvm ({@link PpcvmRunner}). */
public interface GuestRunner {
    /** Runs the spec to completion (or its timeout) and returns what the guest produced. */
    RunResult run(RunSpec spec);

    /** A short name for messages, e.g. {@code qemu-ppc -cpu e500mc}. */
    String describe();
}
