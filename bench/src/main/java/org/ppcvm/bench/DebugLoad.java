package org.ppcvm.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The debug points the debug-overhead section sets: hardware breakpoints and access watchpoints in
 * a region the benchmark programs never map nor touch, so that none ever fires and what the timing
 * shows is only what having points set costs the interpreter.
 *
 * <p>The breakpoints lie in the first quarter of the region and the watchpoints from its middle on,
 * each {@link #SPACING} bytes apart, so that they spread over several pages of both kinds.
 *
 * @param regionStart the first address of the region (page aligned)
 * @param regionLength its length in bytes
 * @param breakpoints how many {@code --hbreak}s
 * @param watchpoints how many {@code --awatch}es
 * @param watchLength the length of each watchpoint
 */
public record DebugLoad(int regionStart, int regionLength, int breakpoints, int watchpoints, int watchLength) {
    /** The distance between two points of the same kind. */
    public static final int SPACING = 0x80;

    /** 128 breakpoints and 128 8-byte watchpoints in 0x30000000-0x3000ffff. */
    public static final DebugLoad DEFAULT = new DebugLoad(0x3000_0000, 0x1_0000, 128, 128, 8);

    /** The line DebugFace prints for each point that fires. */
    static final String DEBUG_EXIT = "debug-exit";

    public DebugLoad {
        if (breakpoints < 0 || watchpoints < 0 || watchLength < 1 || watchLength > SPACING) {
            throw new IllegalArgumentException("bad debug load: " + breakpoints + " breakpoints, " + watchpoints
                    + " watchpoints of " + watchLength + " bytes");
        }
        if ((long) breakpoints * SPACING > regionLength / 2 || (long) watchpoints * SPACING > regionLength / 2) {
            throw new IllegalArgumentException("the points do not fit in the region");
        }
    }

    public long regionEnd() {
        return Integer.toUnsignedLong(regionStart) + regionLength;
    }

    /** The address of breakpoint {@code i}. */
    public int breakpoint(int i) {
        return regionStart + i * SPACING;
    }

    /** The address of watchpoint {@code i}. */
    public int watchpoint(int i) {
        return regionStart + regionLength / 2 + i * SPACING;
    }

    /** The {@code ppcvm run} options that set every point. */
    public List<String> runOptions() {
        List<String> options = new ArrayList<>();
        for (int i = 0; i < breakpoints; i++) {
            options.add("--hbreak");
            options.add(hex(breakpoint(i)));
        }
        for (int i = 0; i < watchpoints; i++) {
            options.add("--awatch");
            options.add(hex(watchpoint(i)) + ":" + watchLength);
        }
        return options;
    }

    /**
     * The options of the run that checks the region is unused: one access watchpoint over all of it
     * (any load or store there prints a debug exit) and {@code -strace} (every mapping the program
     * makes).
     */
    public List<String> checkOptions() {
        return List.of("-strace", "--awatch", hex(regionStart) + ":" + regionLength);
    }

    /** Whether {@code [start, start + length)} overlaps the region. */
    public boolean overlaps(long start, long length) {
        return length > 0 && start < regionEnd() && start + length > Integer.toUnsignedLong(regionStart);
    }

    // strace lines: "PID name(arg0,arg1,...) = result", the result in signed decimal.
    private static final Pattern SYSCALL = Pattern.compile("(?m)^\\d+ (mmap2?|mremap|brk)\\(([^)]*)\\) = (-?\\d+)");

    /**
     * Why the {@code -strace} output of a run shows the program mapping part of the region (with
     * mmap, mmap2, mremap or by moving the break), if it does.
     */
    public Optional<String> mappingInRegion(String straceOutput) {
        Matcher m = SYSCALL.matcher(straceOutput);
        long firstBreak = -1;
        long highestBreak = -1;
        while (m.find()) {
            long result = Integer.toUnsignedLong((int) Long.parseLong(m.group(3)));
            String[] args = m.group(2).split(",");
            long length = switch (m.group(1)) {
                case "mmap", "mmap2" -> argument(args, 1);
                case "mremap" -> argument(args, 2);
                default -> 0;
            };
            if (m.group(1).equals("brk")) {
                firstBreak = firstBreak < 0 ? result : Math.min(firstBreak, result);
                highestBreak = Math.max(highestBreak, result);
            } else if (result < 0xFFFF_F000L && overlaps(result, length)) {
                return Optional.of("the program maps 0x" + Long.toHexString(result) + "+0x" + Long.toHexString(length)
                        + ": " + m.group());
            }
        }
        if (firstBreak >= 0 && overlaps(firstBreak, highestBreak - firstBreak)) {
            return Optional.of("the program's heap reaches 0x" + Long.toHexString(highestBreak));
        }
        return Optional.empty();
    }

    private static long argument(String[] args, int index) {
        String text = index < args.length ? args[index].strip() : "0";
        return text.startsWith("0x") ? Long.parseUnsignedLong(text.substring(2), 16) : Long.parseLong(text);
    }

    /** A description for the report, e.g. {@code 128 --hbreak + 128 --awatch :8 in 0x30000000-0x3000ffff}. */
    public String describe() {
        return String.format(
                Locale.ROOT,
                "%d --hbreak + %d --awatch ADDR:%d in 0x%08x-0x%08x",
                breakpoints,
                watchpoints,
                watchLength,
                regionStart,
                regionEnd() - 1);
    }

    private static String hex(int address) {
        return String.format(Locale.ROOT, "0x%08x", address);
    }
}
