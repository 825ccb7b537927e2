package org.ppcvm.bench;

import java.util.List;

/**
 * What the debug-overhead section measured for one program.
 *
 * @param name the program
 * @param plainTimes wall times of ppcvm with no debug point set
 * @param debuggedTimes wall times of ppcvm with the {@link DebugLoad}'s points set
 * @param plainRunTimes the run times the plain runs reported with {@code --stats} (no JVM start-up)
 * @param debuggedRunTimes the same for the debugged runs
 * @param problems why the runs cannot be trusted (a failed run, an output other than the native
 *     run's, a point that fired, the region in use); empty when all agreed
 */
public record DebugOverheadResult(
        String name,
        Samples plainTimes,
        Samples debuggedTimes,
        Samples plainRunTimes,
        Samples debuggedRunTimes,
        List<String> problems) {

    public DebugOverheadResult {
        problems = List.copyOf(problems);
    }

    /** Whether the native, plain and debugged runs all succeeded and printed the same output. */
    public boolean outputsAgree() {
        return problems.isEmpty();
    }

    /** The debugged speed as a fraction of the plain speed, from wall times (1.0: no overhead). */
    public double speed() {
        return plainTimes.median() / debuggedTimes.median();
    }

    /** The same from ppcvm's own run times, without JVM start-up. */
    public double runSpeed() {
        return plainRunTimes.median() / debuggedRunTimes.median();
    }
}
