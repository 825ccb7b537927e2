package org.ppcvm.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * The debug-overhead section: per program, ppcvm's time with no debug point and with a {@link
 * DebugLoad}'s points set, and the debugged speed as a percentage of the plain one.
 *
 * @param quick whether the programs ran with their quick inputs
 * @param repetitions plain/debugged pairs per program
 * @param load the points of the debugged runs
 * @param programs one result per benchmark program
 */
public record DebugOverheadReport(boolean quick, int repetitions, DebugLoad load, List<DebugOverheadResult> programs) {

    /** The title line of {@link #table()}, which a reader (or a test) can look for. */
    public static final String TITLE = "debug overhead";

    public static final List<String> COLUMNS = List.of(
            "program",
            "plain ppcvm s",
            "debugged ppcvm s",
            "speed",
            "plain run s",
            "debugged run s",
            "run speed",
            "outputs");

    public DebugOverheadReport {
        programs = List.copyOf(programs);
    }

    public boolean allAgree() {
        return programs.stream().allMatch(DebugOverheadResult::outputsAgree);
    }

    public double geometricMeanSpeed() {
        return geometricMean(DebugOverheadResult::speed);
    }

    public double geometricMeanRunSpeed() {
        return geometricMean(DebugOverheadResult::runSpeed);
    }

    private double geometricMean(ToDoubleFunction<DebugOverheadResult> value) {
        List<Double> values = new ArrayList<>();
        for (DebugOverheadResult p : programs) {
            if (p.outputsAgree()) {
                values.add(value.applyAsDouble(p));
            }
        }
        return Samples.geometricMean(values);
    }

    /** The section, ready to print. */
    public String table() {
        TextTable table = new TextTable(COLUMNS);
        for (DebugOverheadResult p : programs) {
            table.row(
                    p.name(),
                    seconds(p.plainTimes().median()),
                    seconds(p.debuggedTimes().median()),
                    percent(p.speed()),
                    seconds(p.plainRunTimes().median()),
                    seconds(p.debuggedRunTimes().median()),
                    percent(p.runSpeed()),
                    p.outputsAgree() ? "identical" : "MISMATCH");
        }
        StringBuilder out = new StringBuilder();
        out.append(String.format(
                Locale.ROOT,
                "%s (%s run, median of %d plain/debugged pairs, interleaved): debugged = %s%n",
                TITLE,
                quick ? "quick" : "full",
                repetitions,
                load.describe()));
        out.append("speed = plain time / debugged time (100% = no cost); run = ppcvm's --stats time,"
                + " without JVM start-up\n\n");
        out.append(table.render()).append('\n');
        out.append(String.format(
                Locale.ROOT,
                "geometric mean speed: %s (wall), %s (run)%n",
                percent(geometricMeanSpeed()),
                percent(geometricMeanRunSpeed())));
        if (allAgree()) {
            out.append("outputs: native, plain and debugged runs identical; no point fired\n");
        } else {
            out.append("outputs: MISMATCH or FAILED run\n");
            for (DebugOverheadResult p : programs) {
                for (String problem : p.problems()) {
                    out.append(TextTable.problem(p.name(), problem));
                }
            }
        }
        return out.toString();
    }

    public Optional<DebugOverheadResult> program(String name) {
        return programs.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    private static String seconds(double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.3f", value);
    }

    private static String percent(double value) {
        return Double.isNaN(value) || Double.isInfinite(value)
                ? "-"
                : String.format(Locale.ROOT, "%.1f%%", value * 100);
    }
}
