package org.ppcvm.testkit.gdb;

import java.nio.file.Path;

/**
 * One finished session: a stub ran a guest under one gdb until gdb quit and the stub exited.
 *
 * @param stub which stub it was
 * @param gdb what gdb printed
 * @param guestStdout the stub's stdout, which is the guest's
 * @param stubStderr the stub's stderr: the guest's, and the stub's own lines (ppcvm's listening
 *     line, qemu's reports)
 * @param exitStatus the stub's exit status (128 + N if a signal N ended it)
 * @param work the run's directory (gdb's working directory; where commands write files)
 */
record GdbRun(GdbStub stub, GdbTranscript gdb, String guestStdout, String stubStderr, int exitStatus, Path work) {
    /** Everything the run printed, for failure messages. */
    String describe() {
        return "--- " + stub.label() + ": gdb ---\n" + gdb.raw() + "\n--- guest stdout ---\n" + guestStdout
                + "\n--- stub stderr ---\n" + stubStderr + "\n--- exit status " + exitStatus + " ---";
    }

    @Override
    public String toString() {
        return describe();
    }
}
