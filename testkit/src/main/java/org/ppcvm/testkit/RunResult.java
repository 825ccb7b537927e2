package org.ppcvm.testkit;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * What a guest run produced.
 *
 * @param stdout everything written to fd 1
 * @param stderr everything written to fd 2, ending with the shell's message (e.g. {@code
 *     "Segmentation fault (core dumped)\n"}) when the guest was killed by a signal
 * @param exitStatus the status a shell would see: the exit code, or 128 + N after signal N
 * @param timedOut whether the run was killed for exceeding its timeout (then {@code exitStatus} is
 *     meaningless)
 */
@SuppressWarnings("ArrayRecordComponent") // never modified; equals/hashCode compare contents
public record RunResult(byte[] stdout, byte[] stderr, int exitStatus, boolean timedOut) {

    public RunResult {
        stdout = stdout.clone();
        stderr = stderr.clone();
    }

    /** A copy of stdout. */
    @Override
    public byte[] stdout() {
        return stdout.clone();
    }

    /** A copy of stderr. */
    @Override
    public byte[] stderr() {
        return stderr.clone();
    }

    /** stdout decoded as UTF-8 (malformed bytes replaced). */
    public String stdoutText() {
        return new String(stdout, StandardCharsets.UTF_8);
    }

    /** stderr decoded as UTF-8 (malformed bytes replaced). */
    public String stderrText() {
        return new String(stderr, StandardCharsets.UTF_8);
    }

    /** The signal that killed the guest, or 0 if it exited (by the shell's 128 + N convention). */
    public int terminatingSignal() {
        return !timedOut && exitStatus > 128 && exitStatus <= 128 + 64 ? exitStatus - 128 : 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RunResult other
                && Arrays.equals(stdout, other.stdout)
                && Arrays.equals(stderr, other.stderr)
                && exitStatus == other.exitStatus
                && timedOut == other.timedOut;
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(stdout), Arrays.hashCode(stderr), exitStatus, timedOut);
    }

    @Override
    public String toString() {
        return "RunResult[exitStatus=" + exitStatus + (timedOut ? " (timed out)" : "") + ", stdout=" + stdout.length
                + " bytes, stderr=" + stderr.length + " bytes]";
    }
}
