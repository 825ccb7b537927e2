package org.ppcvm.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * The results of a benchmark run, as a table for people ({@link #table()}) and as JSON ({@link
 * #toJson()}).
 *
 * @param quick whether the programs ran with their quick inputs
 * @param repetitions runs per program and runner
 * @param qemu how qemu-ppc ran (e.g. {@code qemu-ppc -cpu e500mc})
 * @param ppcvm how ppcvm ran
 * @param startup the trivial program's times
 * @param programs one result per benchmark program
 */
public record BenchmarkReport(
        boolean quick,
        int repetitions,
        String qemu,
        String ppcvm,
        StartupResult startup,
        List<ProgramResult> programs) {

    /** The column headings of {@link #table()}. */
    public static final List<String> COLUMNS = List.of(
            "program",
            "native s",
            "qemu s",
            "ppcvm s",
            "ppcvm/qemu",
            "ppcvm/native",
            "guest instructions",
            "ppcvm MIPS",
            "checksum");

    public BenchmarkReport {
        programs = List.copyOf(programs);
    }

    /** Whether every program's runs succeeded and agreed, and the start-up runs succeeded. */
    public boolean allAgree() {
        return startup.problems().isEmpty() && programs.stream().allMatch(ProgramResult::checksumsAgree);
    }

    /** The geometric mean of ppcvm's time over qemu-ppc's, over the programs whose runs agreed. */
    public double geometricMeanPpcvmOverQemu() {
        return geometricMean(ProgramResult::ppcvmOverQemu);
    }

    public double geometricMeanPpcvmOverNative() {
        return geometricMean(ProgramResult::ppcvmOverNative);
    }

    public double geometricMeanQemuOverNative() {
        return geometricMean(ProgramResult::qemuOverNative);
    }

    public double geometricMeanPpcvmMips() {
        return geometricMean(ProgramResult::ppcvmMips);
    }

    private double geometricMean(ToDoubleFunction<ProgramResult> value) {
        List<Double> values = new ArrayList<>();
        for (ProgramResult p : programs) {
            if (p.checksumsAgree()) {
                values.add(value.applyAsDouble(p));
            }
        }
        return Samples.geometricMean(values);
    }

    /** The table, the start-up times, the geometric means and the check, ready to print. */
    public String table() {
        // Names and checksums read left to right; numbers line up on the right.
        TextTable table = new TextTable(COLUMNS);
        for (ProgramResult p : programs) {
            table.row(
                    p.name(),
                    seconds(p.nativeTimes().median()),
                    seconds(p.qemuTimes().median()),
                    seconds(p.ppcvmTimes().median()),
                    ratio(p.ppcvmOverQemu()),
                    ratio(p.ppcvmOverNative()),
                    p.instructions() == 0 ? "-" : String.format(Locale.ROOT, "%,d", p.instructions()),
                    number(p.ppcvmMips()),
                    p.checksum().orElse("-") + (p.checksumsAgree() ? " ok" : " MISMATCH"));
        }
        StringBuilder out = new StringBuilder();
        out.append(String.format(
                Locale.ROOT, "%s run, median of %d; %s; %s%n%n", quick ? "quick" : "full", repetitions, qemu, ppcvm));
        out.append(table.render()).append('\n');
        out.append(String.format(
                Locale.ROOT,
                "start-up (trivial program, median of %d): native %s s, qemu %s s, ppcvm %s s"
                        + " (JVM start and ELF loading, included in every ppcvm time above)%n",
                startup.ppcvmTimes().seconds().size(),
                seconds(startup.nativeTimes().median()),
                seconds(startup.qemuTimes().median()),
                seconds(startup.ppcvmTimes().median())));
        long agreed = programs.stream().filter(ProgramResult::checksumsAgree).count();
        out.append(String.format(
                Locale.ROOT,
                "geometric means over %d program%s: ppcvm/qemu %s, ppcvm/native %s, qemu/native %s, ppcvm %s MIPS%n",
                agreed,
                agreed == 1 ? "" : "s",
                ratio(geometricMeanPpcvmOverQemu()),
                ratio(geometricMeanPpcvmOverNative()),
                ratio(geometricMeanQemuOverNative()),
                number(geometricMeanPpcvmMips())));
        if (allAgree()) {
            out.append("checksums: all agree (native, qemu, ppcvm)\n");
        } else {
            out.append("checksums: MISMATCH or FAILED run\n");
            for (String problem : startup.problems()) {
                out.append(TextTable.problem("start-up", problem));
            }
            for (ProgramResult p : programs) {
                for (String problem : p.problems()) {
                    out.append(TextTable.problem(p.name(), problem));
                }
            }
        }
        return out.toString();
    }

    /** Everything measured, every repetition included, as a JSON document. */
    public String toJson() {
        StringBuilder out = new StringBuilder();
        out.append("{\n");
        out.append("  \"quick\": ").append(quick).append(",\n");
        out.append("  \"repetitions\": ").append(repetitions).append(",\n");
        out.append("  \"qemu\": ").append(Json.string(qemu)).append(",\n");
        out.append("  \"ppcvm\": ").append(Json.string(ppcvm)).append(",\n");
        out.append("  \"allAgree\": ").append(allAgree()).append(",\n");
        out.append("  \"startup\": {\"native\": ")
                .append(Json.samples(startup.nativeTimes()))
                .append(", \"qemu\": ")
                .append(Json.samples(startup.qemuTimes()))
                .append(", \"ppcvm\": ")
                .append(Json.samples(startup.ppcvmTimes()))
                .append(", \"problems\": ")
                .append(Json.strings(startup.problems()))
                .append("},\n");
        out.append("  \"programs\": [");
        for (int i = 0; i < programs.size(); i++) {
            ProgramResult p = programs.get(i);
            out.append(i == 0 ? "\n" : ",\n");
            out.append("    {\"name\": ").append(Json.string(p.name()));
            out.append(", \"args\": ").append(Json.strings(p.args()));
            out.append(", \"checksum\": ").append(p.checksum().map(Json::string).orElse("null"));
            out.append(", \"checksumsAgree\": ").append(p.checksumsAgree());
            out.append(",\n      \"native\": ").append(Json.samples(p.nativeTimes()));
            out.append(",\n      \"qemu\": ").append(Json.samples(p.qemuTimes()));
            out.append(",\n      \"ppcvm\": ").append(Json.samples(p.ppcvmTimes()));
            out.append(",\n      \"ppcvmRun\": ").append(Json.samples(p.ppcvmRunTimes()));
            out.append(",\n      \"guestInstructions\": ").append(p.instructions());
            out.append(", \"ppcvmMips\": ").append(Json.number(p.ppcvmMips()));
            out.append(", \"ppcvmOverQemu\": ").append(Json.number(p.ppcvmOverQemu()));
            out.append(", \"ppcvmOverNative\": ").append(Json.number(p.ppcvmOverNative()));
            out.append(", \"qemuOverNative\": ").append(Json.number(p.qemuOverNative()));
            out.append(",\n      \"problems\": ")
                    .append(Json.strings(p.problems()))
                    .append('}');
        }
        out.append(programs.isEmpty() ? "],\n" : "\n  ],\n");
        out.append("  \"geometricMeans\": {\"ppcvmOverQemu\": ")
                .append(Json.number(geometricMeanPpcvmOverQemu()))
                .append(", \"ppcvmOverNative\": ")
                .append(Json.number(geometricMeanPpcvmOverNative()))
                .append(", \"qemuOverNative\": ")
                .append(Json.number(geometricMeanQemuOverNative()))
                .append(", \"ppcvmMips\": ")
                .append(Json.number(geometricMeanPpcvmMips()))
                .append("}\n");
        out.append("}\n");
        return out.toString();
    }

    private static String seconds(double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.3f", value);
    }

    private static String ratio(double value) {
        return Double.isNaN(value) || Double.isInfinite(value) ? "-" : String.format(Locale.ROOT, "%.1fx", value);
    }

    private static String number(double value) {
        return Double.isNaN(value) || Double.isInfinite(value) ? "-" : String.format(Locale.ROOT, "%.1f", value);
    }

    /** The result of the program called {@code name}, if it was in the run. */
    public Optional<ProgramResult> program(String name) {
        return programs.stream().filter(p -> p.name().equals(name)).findFirst();
    }
}
