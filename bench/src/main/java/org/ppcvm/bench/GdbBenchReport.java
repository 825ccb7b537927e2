package org.ppcvm.bench;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The results of the gdb benchmark, as a table for people ({@link #table()}) and as JSON ({@link
 * #toJson()}).
 *
 * @param quick whether the measurements had their quick sizes
 * @param repetitions sessions per measurement and stub
 * @param gdb the gdb that ran (its version line)
 * @param qemu how qemu-ppc ran
 * @param ppcvm how ppcvm ran
 * @param machine the host's cores and load, which other work may share
 * @param rates the rate measurements that ran, in {@link GdbMeasure} order
 * @param late the late watchpoint, if it ran
 */
public record GdbBenchReport(
        boolean quick,
        int repetitions,
        String gdb,
        String qemu,
        String ppcvm,
        String machine,
        List<GdbRateResult> rates,
        Optional<LateWatchResult> late) {

    /** The title line of {@link #table()}. */
    public static final String TITLE = "gdb benchmark";

    public static final List<String> COLUMNS =
            List.of("measurement", "ppcvm", "qemu", "ppcvm/qemu", "work per round (ppcvm / qemu)");

    public GdbBenchReport {
        rates = List.copyOf(rates);
    }

    /** Whether every session did what it should. */
    public boolean allOk() {
        return rates.stream().allMatch(GdbRateResult::ok)
                && late.map(LateWatchResult::ok).orElse(true);
    }

    /** The result of {@code measure}, if it ran. */
    public Optional<GdbRateResult> rate(GdbMeasure measure) {
        return rates.stream().filter(r -> r.measure() == measure).findFirst();
    }

    /** The tables and their notes, ready to print. */
    public String table() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(
                Locale.ROOT,
                "%s (%s run, median of %d session%s per stub and measurement)%n",
                TITLE,
                quick ? "quick" : "full",
                repetitions,
                repetitions == 1 ? "" : "s"));
        out.append("gdb: ").append(gdb).append('\n');
        out.append("stubs: ").append(ppcvm).append("; ").append(qemu).append('\n');
        out.append("machine: ").append(machine).append('\n');
        out.append("Times are taken inside gdb (Python's time.perf_counter around the measured commands),"
                + " without gdb's start,\nthe connection or the reading of symbols. ppcvm/qemu is ppcvm's speed"
                + " over qemu's: above 1x, ppcvm\nis faster. Each session times a rate twice: in a fresh stub, then"
                + " in the same stub warmed up.\n\n");

        out.append("first round, fresh stub (ppcvm: a JVM that has just started):\n");
        TextTable first = rows(1);
        late.ifPresent(l -> first.row(
                "watchpoint after " + count(l.instructions()) + " instructions",
                seconds(l.ppcvmSeconds().median()),
                l.qemuEstimated()
                        ? "~" + seconds(l.qemuSecondsOrEstimate()) + " (estimate)"
                        : seconds(l.qemuSecondsOrEstimate()),
                ratio(l.ratio(), l.qemuEstimated()),
                count(l.instructions()) + " instructions (qemu: software watchpoint)"));
        out.append(first.render()).append('\n');
        if (!rates.isEmpty()) {
            out.append("second round, the same session (the stub warmed up):\n");
            out.append(rows(2).render()).append('\n');
        }
        late.ifPresent(l -> appendLateNotes(out, l));
        if (allOk()) {
            out.append("checks: every session did what it should (hit counts, dumped bytes, where gdb stopped)\n");
        } else {
            out.append("checks: FAILED\n");
            for (GdbRateResult r : rates) {
                for (String problem : r.problems()) {
                    out.append(TextTable.problem(r.measure().key(), problem));
                }
            }
            late.ifPresent(l -> l.problems().forEach(problem -> out.append(TextTable.problem("late", problem))));
        }
        return out.toString();
    }

    /**
     * The header and a row per rate, for {@code round}. Names and the work read left to right;
     * figures line up on the right.
     */
    private TextTable rows(int round) {
        TextTable table = new TextTable(COLUMNS);
        for (GdbRateResult r : rates) {
            String unit = r.measure().unit() + "/s";
            table.row(
                    r.measure().title(),
                    rate(r.ppcvmRate(round), unit),
                    rate(r.qemuRate(round), unit),
                    ratio(r.ratio(round), false),
                    work(r.measure(), r.ppcvmWork(), r.qemuWork()) + (r.note().isEmpty() ? "" : " (" + r.note() + ")"));
        }
        return table;
    }

    private static void appendLateNotes(StringBuilder out, LateWatchResult l) {
        out.append(String.format(
                Locale.ROOT,
                "late watchpoint: the guest stores to the watched variable after %s instructions (ppcvm run"
                        + " --stats: %s\n  loop iterations of %.1f instructions, the store among the run's last few);"
                        + " without gdb ppcvm runs them in %s.\n",
                count(l.instructions()),
                count(l.iterations()),
                l.instructionsPerIteration(),
                seconds(l.plainRunSeconds())));
        if (l.qemuEstimated()) {
            double estimate = l.qemuSecondsOrEstimate();
            out.append(String.format(
                    Locale.ROOT,
                    "  qemu did not reach it within its cap of %d s (one session, then gdb was killed). ESTIMATE, not a"
                            + " measurement:\n  %s (%s h) = %s instructions / %s instructions/s, qemu's"
                            + " single-stepping rate under the\n  same software watchpoint, timed over %s"
                            + " instructions of the same loop (median of %d).\n",
                    l.qemuCap().toSeconds(),
                    seconds(estimate),
                    String.format(Locale.ROOT, "%.1f", estimate / 3600),
                    count(l.instructions()),
                    count(Math.round(l.qemuStepRate())),
                    count(l.qemuStepInstructions()),
                    l.qemuStepSeconds().seconds().size()));
        } else {
            out.append(String.format(
                    Locale.ROOT,
                    "  qemu reached it within its cap of %d s: its time is measured (stepping rate %s"
                            + " instructions/s).\n",
                    l.qemuCap().toSeconds(),
                    count(Math.round(l.qemuStepRate()))));
        }
        out.append('\n');
    }

    /** Everything measured, every session included, as a JSON document. */
    public String toJson() {
        StringBuilder out = new StringBuilder();
        out.append("{\n");
        out.append("  \"mode\": \"gdb\",\n");
        out.append("  \"quick\": ").append(quick).append(",\n");
        out.append("  \"repetitions\": ").append(repetitions).append(",\n");
        out.append("  \"gdb\": ").append(Json.string(gdb)).append(",\n");
        out.append("  \"qemu\": ").append(Json.string(qemu)).append(",\n");
        out.append("  \"ppcvm\": ").append(Json.string(ppcvm)).append(",\n");
        out.append("  \"machine\": ").append(Json.string(machine)).append(",\n");
        out.append("  \"allOk\": ").append(allOk()).append(",\n");
        out.append("  \"rates\": [");
        for (int i = 0; i < rates.size(); i++) {
            GdbRateResult r = rates.get(i);
            out.append(i == 0 ? "\n" : ",\n");
            out.append("    {\"name\": ").append(Json.string(r.measure().key()));
            out.append(", \"unit\": ").append(Json.string(r.measure().unit() + "/s"));
            out.append(", \"ppcvmWork\": ").append(r.ppcvmWork());
            out.append(", \"qemuWork\": ").append(r.qemuWork());
            out.append(", \"unitScale\": ").append(r.measure().scale());
            out.append(",\n      \"ppcvm\": ").append(Json.samples(r.ppcvmFirst()));
            out.append(",\n      \"qemu\": ").append(Json.samples(r.qemuFirst()));
            out.append(",\n      \"ppcvmSecondRound\": ").append(Json.samples(r.ppcvmSecond()));
            out.append(",\n      \"qemuSecondRound\": ").append(Json.samples(r.qemuSecond()));
            out.append(",\n      \"ppcvmRate\": ").append(Json.number(r.ppcvmRate(1)));
            out.append(", \"qemuRate\": ").append(Json.number(r.qemuRate(1)));
            out.append(", \"ppcvmOverQemu\": ").append(Json.number(r.ratio(1)));
            out.append(",\n      \"ppcvmSecondRoundRate\": ").append(Json.number(r.ppcvmRate(2)));
            out.append(", \"qemuSecondRoundRate\": ").append(Json.number(r.qemuRate(2)));
            out.append(", \"ppcvmOverQemuSecondRound\": ").append(Json.number(r.ratio(2)));
            out.append(", \"note\": ").append(Json.string(r.note()));
            out.append(",\n      \"problems\": ")
                    .append(Json.strings(r.problems()))
                    .append('}');
        }
        out.append(rates.isEmpty() ? "],\n" : "\n  ],\n");
        out.append("  \"lateWatchpoint\": ");
        if (late.isEmpty()) {
            out.append("null\n");
        } else {
            LateWatchResult l = late.get();
            out.append("{\"iterations\": ").append(l.iterations());
            out.append(", \"instructions\": ").append(l.instructions());
            out.append(", \"instructionsPerIteration\": ").append(Json.number(l.instructionsPerIteration()));
            out.append(", \"ppcvmPlainRunSeconds\": ").append(Json.number(l.plainRunSeconds()));
            out.append(",\n    \"ppcvm\": ").append(Json.samples(l.ppcvmSeconds()));
            out.append(",\n    \"qemuCapSeconds\": ").append(l.qemuCap().toSeconds());
            out.append(", \"qemu\": ").append(Json.samples(l.qemuSeconds()));
            out.append(", \"qemuEstimated\": ").append(l.qemuEstimated());
            out.append(",\n    \"qemuStepInstructions\": ").append(l.qemuStepInstructions());
            out.append(", \"qemuStep\": ").append(Json.samples(l.qemuStepSeconds()));
            out.append(", \"qemuStepRate\": ").append(Json.number(l.qemuStepRate()));
            out.append(",\n    \"qemuSecondsOrEstimate\": ").append(Json.number(l.qemuSecondsOrEstimate()));
            out.append(", \"qemuOverPpcvm\": ").append(Json.number(l.ratio()));
            out.append(",\n    \"problems\": ")
                    .append(Json.strings(l.problems()))
                    .append("}\n");
        }
        out.append("}\n");
        return out.toString();
    }

    /** A rate with its unit: whole numbers from 100 up, one decimal below. */
    static String rate(double value, String unit) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return "-";
        }
        return String.format(Locale.ROOT, value >= 100 ? "%,.0f %s" : "%.1f %s", value, unit);
    }

    static String ratio(double value, boolean estimate) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return "-";
        }
        String text = String.format(Locale.ROOT, value >= 100 ? "%,.0fx" : "%.2fx", value);
        return estimate ? "~" + text + " (estimate)" : text;
    }

    private static String seconds(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return "-";
        }
        return String.format(Locale.ROOT, value >= 100 ? "%,.0f s" : "%.3f s", value);
    }

    private static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    private static String work(GdbMeasure measure, long ppcvmWork, long qemuWork) {
        String unit = measure.unit();
        if (measure.scale() != 1) {
            return amount(ppcvmWork, measure.scale())
                    + (ppcvmWork == qemuWork ? "" : " / " + amount(qemuWork, measure.scale())) + " " + unit;
        }
        return count(ppcvmWork) + (ppcvmWork == qemuWork ? "" : " / " + count(qemuWork)) + " " + unit;
    }

    private static String amount(long work, long scale) {
        return work % scale == 0 ? count(work / scale) : String.format(Locale.ROOT, "%.2f", (double) work / scale);
    }
}
