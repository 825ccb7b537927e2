package org.ppcvm.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The gdb command files of the gdb benchmark, one per measurement, for {@code gdb-multiarch -batch
 * -nx -x FILE debuggee}.
 *
 * <p>Every file connects to the stub (which holds the guest before its first instruction), brings
 * the guest to where the measurement starts, and times the measured commands inside gdb with
 * Python's {@code time.perf_counter()}, so that gdb's own start, the connection and the reading of
 * symbols stay out of the figure. A rate is timed in {@value #ROUNDS} equal rounds in one session:
 * the first in a fresh stub, the second in one that has warmed up (for ppcvm, a JVM whose JIT has
 * compiled the server's paths).
 *
 * <p>What the script learns it prints as {@link GdbOutput} lines, named by {@link #key(String,
 * int)} after the round: {@value #SECONDS} (the timed commands), {@value #HITS} (how often the
 * measured point had fired in all), {@value #FRAME} (the function gdb stopped in), {@value #VALUE}
 * (the watched variable then), and {@value #STARTED} just before the clock starts. The file ends
 * with {@code kill}, which ends the stub's guest.
 *
 * <p>In batch mode gdb stops reading a command file at the first error, so a failing step shows as
 * a missing line.
 */
public final class GdbScript {
    /** The rounds of a rate measurement. */
    public static final int ROUNDS = 2;

    public static final String SECONDS = "seconds";
    public static final String HITS = "hits";
    public static final String FRAME = "frame";
    public static final String VALUE = "value";
    public static final String STARTED = "started";

    private GdbScript() {}

    /** The name of {@code what}'s line in {@code round} (from 1), e.g. {@code seconds-2}. */
    public static String key(String what, int round) {
        return what + "-" + round;
    }

    /** Connects to the stub on {@code port} after the stub's own {@code setup} commands. */
    public static List<String> prelude(List<String> setup, int port) {
        List<String> lines = new ArrayList<>(List.of(
                "set pagination off", "set confirm off", "set width 0", "set height 0", "set print thread-events off"));
        lines.addAll(setup);
        lines.add("target remote 127.0.0.1:" + port);
        lines.add("python import time");
        return lines;
    }

    /** The whole file: {@code prelude}, {@code body} and {@code kill}. */
    public static String file(List<String> prelude, List<String> body) {
        List<String> lines = new ArrayList<>(prelude);
        lines.addAll(body);
        lines.add("kill");
        return String.join("\n", lines) + "\n";
    }

    /** {@code stepi steps} per round in spin()'s endless loop, with no breakpoint left to end it early. */
    public static List<String> stepi(long steps) {
        List<String> lines = new ArrayList<>(List.of("break spin", "continue", "delete"));
        for (int round = 1; round <= ROUNDS; round++) {
            timed(lines, round, List.of("stepi " + steps));
            lines.add(printFrame(round));
        }
        return lines;
    }

    /**
     * From main, continues over the calls of hit(), whose breakpoint's commands are {@code silent}
     * and {@code continue}: in round 1 to the breakpoint on halfway(), in round 2 on to the one on
     * reached().
     */
    public static List<String> breakpointHits() {
        return pointHits("break hit");
    }

    /** The same with a watchpoint on {@code watched}, which the guest writes once per iteration. */
    public static List<String> watchpointHits() {
        return pointHits("watch watched");
    }

    private static List<String> pointHits(String point) {
        List<String> lines = new ArrayList<>(List.of(
                "break main",
                "continue",
                point,
                "commands",
                "silent",
                "continue",
                "end",
                "python ppcvm_bench_point = gdb.breakpoints()[-1]",
                "break halfway",
                "break reached"));
        for (int round = 1; round <= ROUNDS; round++) {
            timed(lines, round, List.of("continue"));
            lines.add(print(key(HITS, round), "%d", "ppcvm_bench_point.hit_count"));
            lines.add(printFrame(round));
        }
        return lines;
    }

    /** From main, {@code reads} reads per round of the 4 bytes of {@code watched} through gdb's Python API. */
    public static List<String> smallReads(long reads) {
        List<String> lines = new ArrayList<>(List.of(
                "break main",
                "continue",
                "python ppcvm_bench_inferior = gdb.selected_inferior()",
                "python ppcvm_bench_address = int(gdb.parse_and_eval(\"&watched\"))"));
        for (int round = 1; round <= ROUNDS; round++) {
            timed(
                    lines,
                    round,
                    List.of("python for _ in range(" + reads
                            + "): ppcvm_bench_inferior.read_memory(ppcvm_bench_address, 4)"));
        }
        return lines;
    }

    /**
     * At reached(), once the guest has filled its buffer: dumps {@code bytes} of it, round by round
     * into {@code files} (one per round).
     */
    public static List<String> dump(long bytes, List<Path> files) {
        if (files.size() != ROUNDS) {
            throw new IllegalArgumentException("one file per round: " + files);
        }
        List<String> lines = new ArrayList<>(List.of("break reached", "continue"));
        for (int round = 1; round <= ROUNDS; round++) {
            timed(lines, round, List.of("dump binary memory " + files.get(round - 1) + " buffer buffer+" + bytes));
        }
        return lines;
    }

    /**
     * From the first instruction, continues with a watchpoint on {@code late}, which the guest
     * writes once, at the end of its run (one round).
     */
    public static List<String> lateWatchpoint() {
        List<String> lines = new ArrayList<>(List.of("watch late"));
        lateContinue(lines);
        return lines;
    }

    /**
     * From the start of run_late() (reached with a breakpoint, at full speed), continues with a
     * watchpoint on {@code late}: under a stub without hardware watchpoints gdb single-steps the
     * whole loop, which gives its stepping rate (one round).
     */
    public static List<String> lateWatchpointFromLoop() {
        List<String> lines = new ArrayList<>(List.of("break run_late", "continue", "delete", "watch late"));
        lateContinue(lines);
        return lines;
    }

    private static void lateContinue(List<String> lines) {
        timed(lines, 1, List.of("continue"));
        lines.add(print(key(VALUE, 1), "%d", "int(gdb.parse_and_eval(\"late\"))"));
        lines.add(printFrame(1));
    }

    /** Adds {@code commands} between a start and a stop of the clock. */
    private static void timed(List<String> lines, int round, List<String> commands) {
        lines.add(print(key(STARTED, round), "%d", "1"));
        lines.add("python ppcvm_bench_t0 = time.perf_counter()");
        lines.addAll(commands);
        lines.add(print(key(SECONDS, round), "%.9f", "time.perf_counter() - ppcvm_bench_t0"));
    }

    private static String printFrame(int round) {
        return print(key(FRAME, round), "%s", "gdb.selected_frame().name()");
    }

    /** A Python print of one {@link GdbOutput} line: {@code key} and {@code expression} in {@code format}. */
    static String print(String key, String format, String expression) {
        return String.format(
                Locale.ROOT, "python print(\"%s %s %s\" %% (%s))", GdbOutput.MARK, key, format, expression);
    }
}
