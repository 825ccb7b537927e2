package org.ppcvm.cli;

import java.io.PrintStream;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ppcvm.core.debug.DebugCause;
import org.ppcvm.core.debug.DebugEvent;
import org.ppcvm.core.debug.DebugPoint;
import org.ppcvm.core.debug.DebugPoint.Breakpoint;
import org.ppcvm.core.debug.DebugPoint.Watchpoint;
import org.ppcvm.core.debug.GuestDebug;
import org.ppcvm.core.debug.Skip;
import org.ppcvm.core.debug.WatchKind;
import org.ppcvm.core.os.GuestStop;
import org.ppcvm.core.vcpu.RunMode;
import org.ppcvm.elf.Symbol;
import org.ppcvm.elf.SymbolTable;
import org.ppcvm.linux.LinuxProcess;

/**
 * The command-line face of the guest-debug interface: sets the points the options ask for, runs
 * the process under their control, prints one line per debug exit and continues as a debugger
 * would, stepping over the point without removing it.
 */
final class DebugFace {
    /** A location the user wrote that cannot be resolved; the message is one line. */
    static final class BadLocation extends Exception {
        private static final long serialVersionUID = 1L;

        BadLocation(String message) {
            super(message);
        }
    }

    enum Format {
        TEXT,
        JSON
    }

    private final LinuxProcess process;
    private final PrintStream out;
    private final Format format;
    private final Map<DebugPoint, Integer> slots = new LinkedHashMap<>();
    private int nextSlot;

    DebugFace(LinuxProcess process, PrintStream out, Format format) {
        this.process = process;
        this.out = out;
        this.format = format;
    }

    // ---- Locations --------------------------------------------------------------------------------

    /** A LOC: an ELF symbol, symbol+offset, or an address (0x hex or decimal). */
    static Symbol resolve(String loc, SymbolTable symbols) throws BadLocation {
        String text = loc.trim();
        if (text.isEmpty()) {
            throw new BadLocation("empty location");
        }
        if (Character.isDigit(text.charAt(0))) {
            return new Symbol("", (int) parseNumber(text, loc), 0, Symbol.STT_NOTYPE, 0, 1);
        }
        String name = text;
        long offset = 0;
        int plus = text.indexOf('+');
        if (plus > 0) {
            name = text.substring(0, plus);
            offset = parseNumber(text.substring(plus + 1), loc);
        }
        if (symbols.isEmpty()) {
            throw new BadLocation("cannot resolve '" + loc + "': the program has no symbol table");
        }
        String symbol = name;
        Symbol s = symbols.find(symbol)
                .orElseThrow(() -> new BadLocation("unknown symbol '" + symbol + "' in '" + loc + "'"));
        return new Symbol(s.name(), s.value() + (int) offset, s.size(), s.type(), s.bind(), s.shndx());
    }

    private static long parseNumber(String text, String loc) throws BadLocation {
        try {
            long v = text.startsWith("0x") || text.startsWith("0X")
                    ? Long.parseLong(text.substring(2), 16)
                    : Long.parseLong(text);
            if (v < 0 || v > 0xFFFF_FFFFL) {
                throw new BadLocation("address in '" + loc + "' is outside the 32-bit address space");
            }
            return v;
        } catch (NumberFormatException e) {
            throw new BadLocation("cannot parse '" + text + "' in location '" + loc + "'");
        }
    }

    void addBreakpoint(String loc, boolean hardware) throws BadLocation {
        int address = resolve(loc, process.symbols()).value();
        if ((address & 3) != 0) {
            throw new BadLocation("breakpoint location '" + loc + "' is not word aligned");
        }
        add(new Breakpoint(address, hardware), hardware);
    }

    /** LOC[:LEN]; LEN defaults to the symbol's size, or 4 for an address or a sizeless symbol. */
    void addWatchpoint(String spec, WatchKind kind) throws BadLocation {
        String loc = spec;
        Integer length = null;
        int colon = spec.lastIndexOf(':');
        if (colon > 0) {
            loc = spec.substring(0, colon);
            long len = parseNumber(spec.substring(colon + 1), spec);
            if (len <= 0 || len > 1 << 30) {
                throw new BadLocation("bad length in '" + spec + "'");
            }
            length = (int) len;
        }
        Symbol s = resolve(loc, process.symbols());
        int len = length != null ? length : s.size() > 0 ? s.size() : 4;
        try {
            add(new Watchpoint(s.value(), len, kind), true);
        } catch (IllegalArgumentException e) {
            throw new BadLocation(e.getMessage());
        }
    }

    private void add(DebugPoint point, boolean usesSlot) {
        if (usesSlot) {
            slots.putIfAbsent(point, nextSlot++);
        }
        process.vcpu().debug().add(point);
    }

    // ---- Running ------------------------------------------------------------------------------------

    /** Runs to the end, stepping {@code steps} instructions first; returns the exit status. */
    int run(long steps) {
        long stepsLeft = steps;
        GuestStop pending = null;
        while (true) {
            GuestStop stop;
            if (pending != null) {
                stop = pending;
                pending = null;
            } else {
                stop = resume(stepsLeft > 0 ? RunMode.STEP : RunMode.CONTINUE, Skip.NONE);
            }
            switch (stop) {
                case GuestStop.Exited e -> {
                    return e.status();
                }
                case GuestStop.Killed k -> {
                    return 128 + k.signal();
                }
                case GuestStop.Interrupted i -> {}
                case GuestStop.Signal s -> throw new IllegalStateException("resume delivers signals");
                // The command line catches no system call.
                case GuestStop.SyscallEntry e -> {}
                case GuestStop.SyscallExit e -> {}
                case GuestStop.Debug d
                when d.event().cause() == DebugCause.STEP -> {
                    stepsLeft--;
                    report(d.event(), null, null);
                }
                case GuestStop.Debug d -> pending = reportAndStepOver(d.event(), stepsLeft > 0);
            }
        }
    }

    /**
     * Reports a breakpoint or watchpoint and steps over it, returning where that step stopped: the
     * step itself when {@code stepping} (it is one of the steps asked for), else a stop to resume
     * from. A write watchpoint's line shows the watched bytes before and after the access, so that
     * access is completed here first.
     */
    private GuestStop reportAndStepOver(DebugEvent event, boolean stepping) {
        GuestStop after;
        if (event.cause() != DebugCause.WATCH_WRITE && event.cause() != DebugCause.WATCH_READ) {
            report(event, null, null);
            after = resume(RunMode.STEP, Skip.after(event));
        } else {
            Watchpoint watched = (Watchpoint) event.points().getFirst();
            byte[] before = read(watched);
            if (event.cause() == DebugCause.WATCH_READ) {
                report(event, before, null);
                after = resume(RunMode.STEP, Skip.after(event));
            } else {
                after = resume(RunMode.STEP, Skip.after(event));
                report(event, before, read(watched));
            }
        }
        boolean plainStep = after instanceof GuestStop.Debug d && d.event().cause() == DebugCause.STEP;
        // After a plain step there is nothing to report unless steps were asked for: an
        // Interrupted stop just resumes.
        return plainStep && !stepping ? new GuestStop.Interrupted(process.mainThread()) : after;
    }

    /** Resumes the process, delivering every signal it stops with as Linux would without a debugger. */
    private GuestStop resume(RunMode mode, Skip skip) {
        GuestStop stop = process.resume(process.mainThread(), mode, skip, 0);
        while (stop instanceof GuestStop.Signal s) {
            stop = process.resume(s.thread(), mode, Skip.NONE, s.signal());
        }
        return stop;
    }

    private byte[] read(Watchpoint w) {
        byte[] bytes = new byte[w.length()];
        process.vcpu().debug().readForDebugger(w.address(), bytes, 0, bytes.length);
        return bytes;
    }

    // ---- Printing ------------------------------------------------------------------------------------

    private static String kind(DebugCause cause) {
        return switch (cause) {
            case SW_BREAKPOINT -> "sw-break";
            case HW_BREAKPOINT -> "hw-break";
            case WATCH_READ -> "watch-read";
            case WATCH_WRITE -> "watch-write";
            case STEP -> "step";
        };
    }

    private String where(int address) {
        return process.symbols().describe(address).map(s -> " <" + s + ">").orElse("");
    }

    private static String hex(byte[] bytes) {
        return "0x" + HexFormat.of().formatHex(bytes);
    }

    private String slotText(DebugEvent event) {
        if (event.cause() == DebugCause.STEP || event.cause() == DebugCause.SW_BREAKPOINT) {
            return "-";
        }
        return event.points().stream()
                .map(slots::get)
                .filter(java.util.Objects::nonNull)
                .min(Integer::compare)
                .map(String::valueOf)
                .orElse("-");
    }

    private void report(DebugEvent event, byte[] before, byte[] after) {
        if (format == Format.JSON) {
            out.println(json(event, before, after));
            return;
        }
        StringBuilder line = new StringBuilder("debug-exit kind=").append(kind(event.cause()));
        if (event.cause() != DebugCause.STEP) {
            line.append(" slot=").append(slotText(event));
        }
        line.append(String.format(" pc=0x%08x", event.pc())).append(where(event.pc()));
        if (event.cause() == DebugCause.WATCH_READ || event.cause() == DebugCause.WATCH_WRITE) {
            line.append(String.format(" addr=0x%08x", event.accessAddress()))
                    .append(where(event.accessAddress()))
                    .append(" len=")
                    .append(event.accessLength());
            if (after != null) {
                line.append(" old=").append(hex(before)).append(" new=").append(hex(after));
            } else if (before != null) {
                line.append(" value=").append(hex(before));
            }
        }
        out.println(line);
    }

    private String json(DebugEvent event, byte[] before, byte[] after) {
        StringBuilder j = new StringBuilder("{");
        j.append("\"kind\":\"").append(kind(event.cause())).append('"');
        j.append(",\"cause\":\"").append(event.cause()).append('"');
        j.append(",\"exception\":").append(event.exception());
        j.append(",\"slot\":").append(slotText(event).equals("-") ? "null" : slotText(event));
        j.append(",\"pc\":").append(Integer.toUnsignedLong(event.pc()));
        process.symbols()
                .describe(event.pc())
                .ifPresent(
                        s -> j.append(",\"pcSymbol\":\"").append(jsonEscape(s)).append('"'));
        j.append(",\"address\":").append(Integer.toUnsignedLong(event.address()));
        j.append(",\"accessAddress\":").append(Integer.toUnsignedLong(event.accessAddress()));
        j.append(",\"accessLength\":").append(event.accessLength());
        j.append(",\"points\":[");
        for (int i = 0; i < event.points().size(); i++) {
            DebugPoint p = event.points().get(i);
            j.append(i == 0 ? "" : ",").append(pointJson(p));
        }
        j.append(']');
        if (before != null) {
            j.append(after != null ? ",\"old\":\"" : ",\"value\":\"")
                    .append(hex(before))
                    .append('"');
        }
        if (after != null) {
            j.append(",\"new\":\"").append(hex(after)).append('"');
        }
        return j.append('}').toString();
    }

    /** A JSON string body: quotes, backslashes and control characters escaped. */
    static String jsonEscape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (ch < 0x20) {
                        out.append(String.format("\\u%04x", (int) ch));
                    } else {
                        out.append(ch);
                    }
                }
            }
        }
        return out.toString();
    }

    private static String pointJson(DebugPoint p) {
        return switch (p) {
            case Breakpoint b ->
                "{\"type\":\"breakpoint\",\"hardware\":%b,\"address\":%d}"
                        .formatted(b.hardware(), Integer.toUnsignedLong(b.address()));
            case Watchpoint w ->
                "{\"type\":\"watchpoint\",\"kind\":\"%s\",\"address\":%d,\"length\":%d}"
                        .formatted(w.kind(), Integer.toUnsignedLong(w.address()), w.length());
        };
    }

    /** The software-breakpoint mode selected on the command line. */
    static GuestDebug.SoftwareBreakpoints mode(String text) {
        return switch (text) {
            case "out-of-band" -> GuestDebug.SoftwareBreakpoints.OUT_OF_BAND;
            case "patch" -> GuestDebug.SoftwareBreakpoints.PATCH;
            default ->
                throw new IllegalArgumentException("--sw-breakpoints must be out-of-band or patch, not '" + text + "'");
        };
    }
}
