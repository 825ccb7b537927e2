package org.ppcvm.core.debug;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ppcvm.core.debug.DebugPoint.Breakpoint;
import org.ppcvm.core.debug.DebugPoint.Watchpoint;
import org.ppcvm.core.exec.DecodedCode;
import org.ppcvm.core.mem.AccessKind;
import org.ppcvm.core.mem.AccessObserver;
import org.ppcvm.core.mem.Memory;

/**
 * The guest-debug interface of one virtual machine (design.md §2.1): breakpoints and watchpoints
 * added and removed one at a time, reference-counted, without a count limit; single-step; the
 * software-breakpoint instruction a KVM-style client may write into guest memory.
 *
 * <p>Nothing here costs anything until a point exists. Breakpoints live in a per-page index that
 * the decoded code carries ({@link #stops(int)}): the interpreter tests one array slot per
 * instruction only on pages that have one. Watchpoints flag their pages in {@link Memory}, so
 * accesses to other pages keep the fast path; on a flagged page this observer checks the whole
 * access against every point before any byte changes and stops it with a {@link WatchpointHit}.
 *
 * <p>All methods are for the vCPU's thread (a debugger's requests reach it through a queue).
 */
public final class GuestDebug implements AccessObserver {
    /** The word the seed reserves for software breakpoints: primary opcode 0, illegal. */
    public static final int SOFTWARE_BREAKPOINT_INSTRUCTION = 0x00dd_dd00;

    /** Flags in {@link #stops(int)}: which kinds of breakpoint are at an instruction slot. */
    public static final byte STOP_SOFTWARE = 1;

    public static final byte STOP_HARDWARE = 2;

    /** How software breakpoints are kept (design.md §2.3). */
    public enum SoftwareBreakpoints {
        /** A per-page index; guest memory is never modified (ppcvm's default). */
        OUT_OF_BAND,
        /** The seed's mechanism: the breakpoint word is written into guest memory. */
        PATCH
    }

    /** What this implementation offers, for a debugger to query. */
    public record Capabilities(
            int maxBreakpoints, int maxWatchpoints, boolean singleStep, boolean stopsBeforeAccess, boolean rangeStep) {}

    public static final Capabilities CAPABILITIES =
            new Capabilities(Integer.MAX_VALUE, Integer.MAX_VALUE, true, true, true);

    private final Memory memory;
    private final DecodedCode code;
    private final Map<DebugPoint, Integer> counts = new LinkedHashMap<>();
    private final Map<Integer, byte[]> stopsByPage = new HashMap<>();
    private final List<Watchpoint> watchpoints = new ArrayList<>();
    private final Map<Integer, Integer> patchedOriginals = new HashMap<>();
    private SoftwareBreakpoints softwareBreakpoints = SoftwareBreakpoints.OUT_OF_BAND;
    private boolean singleStep;
    private Skip suppressed = Skip.NONE;
    private boolean useSoftwareBreakpoints = true;

    public GuestDebug(Memory memory, DecodedCode code) {
        this.memory = memory;
        this.code = code;
        code.setStopIndex(this::stops);
        memory.setAccessObserver(this);
    }

    // ---- Points ----------------------------------------------------------------------------------

    /** Adds one reference to {@code point}; returns true when the point became active. */
    public boolean add(DebugPoint point) {
        int count = counts.merge(point, 1, Integer::sum);
        if (count > 1) {
            return false;
        }
        switch (point) {
            case Breakpoint b -> addBreakpoint(b);
            case Watchpoint w -> {
                watchpoints.add(w);
                reflag(w);
            }
        }
        return true;
    }

    /** Drops one reference to {@code point}; returns true when it stopped being active. */
    public boolean remove(DebugPoint point) {
        Integer count = counts.get(point);
        if (count == null) {
            return false;
        }
        if (count > 1) {
            counts.put(point, count - 1);
            return false;
        }
        if (point instanceof Breakpoint b && softwareBreakpoints == SoftwareBreakpoints.PATCH && !b.hardware()) {
            unpatch(b.address());
        }
        counts.remove(point);
        switch (point) {
            case Breakpoint b -> recomputeStops(b.address() >>> Memory.PAGE_SHIFT);
            case Watchpoint w -> {
                watchpoints.remove(w);
                reflag(w);
            }
        }
        return true;
    }

    /** Removes every point. */
    public void clear() {
        for (DebugPoint p : List.copyOf(counts.keySet())) {
            while (counts.containsKey(p)) {
                remove(p);
            }
        }
    }

    /** The active points, each once, in the order they were first added. */
    public List<DebugPoint> points() {
        return List.copyOf(counts.keySet());
    }

    public boolean hasPoints() {
        return !counts.isEmpty();
    }

    private void addBreakpoint(Breakpoint b) {
        if (!b.hardware() && softwareBreakpoints == SoftwareBreakpoints.PATCH) {
            patch(b.address());
            return;
        }
        recomputeStops(b.address() >>> Memory.PAGE_SHIFT);
    }

    /** Rebuilds the stop flags of one page from the active out-of-band breakpoints. */
    private void recomputeStops(int page) {
        byte[] stops = new byte[Memory.PAGE_SIZE / 4];
        boolean any = false;
        for (DebugPoint p : counts.keySet()) {
            if (p instanceof Breakpoint b && b.address() >>> Memory.PAGE_SHIFT == page) {
                boolean patched = !b.hardware() && patchedOriginals.containsKey(b.address());
                if (!patched) {
                    stops[(b.address() & Memory.PAGE_MASK) >>> 2] |= b.hardware() ? STOP_HARDWARE : STOP_SOFTWARE;
                    any = true;
                }
            }
        }
        if (any) {
            stopsByPage.put(page, stops);
        } else {
            stopsByPage.remove(page);
        }
        code.invalidate(page);
    }

    /** The breakpoint flags of a code page's instruction slots, or null when it has none. */
    public byte[] stops(int page) {
        return stopsByPage.get(page);
    }

    // ---- Software breakpoints written into memory (the seed's mechanism) -------------------------

    /** Selects how software breakpoints are kept; only while none is set. */
    public void setSoftwareBreakpoints(SoftwareBreakpoints mode) {
        if (counts.keySet().stream().anyMatch(p -> p instanceof Breakpoint b && !b.hardware())) {
            throw new IllegalStateException("software breakpoints are set; remove them first");
        }
        this.softwareBreakpoints = mode;
    }

    public SoftwareBreakpoints softwareBreakpoints() {
        return softwareBreakpoints;
    }

    private void patch(int address) {
        byte[] original = memory.readRaw(address, 4);
        patchedOriginals.put(address, java.nio.ByteBuffer.wrap(original).getInt());
        memory.writeRaw(
                address,
                java.nio.ByteBuffer.allocate(4)
                        .putInt(SOFTWARE_BREAKPOINT_INSTRUCTION)
                        .array());
    }

    private void unpatch(int address) {
        int now = java.nio.ByteBuffer.wrap(memory.readRaw(address, 4)).getInt();
        if (now != SOFTWARE_BREAKPOINT_INSTRUCTION) {
            throw new IllegalStateException(
                    "the breakpoint word at 0x%08x was overwritten (now 0x%08x): not restoring it"
                            .formatted(address, now));
        }
        int original = patchedOriginals.remove(address);
        memory.writeRaw(
                address, java.nio.ByteBuffer.allocate(4).putInt(original).array());
    }

    /** The word a patched breakpoint replaced at {@code address}. */
    public int originalWord(int address) {
        return patchedOriginals.get(address);
    }

    /**
     * True when the debugger wrote the breakpoint word at {@code address} and software breakpoints
     * are in use (the seed's USE_SW_BP): only then does executing it exit to the debugger; else the
     * guest gets the illegal-instruction interrupt hardware gives.
     */
    public boolean ownsPatchedBreakpoint(int address) {
        return useSoftwareBreakpoints && patchedOriginals.containsKey(address);
    }

    /** The seed's USE_SW_BP control flag (on unless a debug table says otherwise). */
    public void setUseSoftwareBreakpoints(boolean on) {
        this.useSoftwareBreakpoints = on;
    }

    /**
     * Guest memory as the debugger should see it: the original words where breakpoint words were
     * patched in. Returns the number of bytes read before the first unmapped page.
     */
    public int readForDebugger(int address, byte[] dst, int off, int len) {
        int n = memory.readRaw(address, dst, off, len);
        for (Map.Entry<Integer, Integer> e : patchedOriginals.entrySet()) {
            for (int i = 0; i < 4; i++) {
                long at = Integer.toUnsignedLong(e.getKey()) + i - Integer.toUnsignedLong(address);
                if (at >= 0 && at < n) {
                    dst[off + (int) at] = (byte) (e.getValue() >>> (24 - 8 * i));
                }
            }
        }
        return n;
    }

    // ---- Single-step and suppression ---------------------------------------------------------------

    public void setSingleStep(boolean on) {
        this.singleStep = on;
    }

    public boolean singleStep() {
        return singleStep;
    }

    /**
     * Which points do not fire: the vCPU sets it for the one instruction it steps off a point
     * with (and the system call that instruction makes), then back to {@link Skip#NONE}.
     */
    public void setSuppressed(Skip skip) {
        this.suppressed = skip;
    }

    public boolean breakpointsSuppressed() {
        return suppressed != Skip.NONE;
    }

    public boolean watchpointsSuppressed() {
        return suppressed == Skip.BREAKPOINTS_AND_WATCHPOINTS;
    }

    // ---- Watchpoints -------------------------------------------------------------------------------

    /** Sets the watch flags of the pages a watchpoint covers from the points now active. */
    private void reflag(Watchpoint changed) {
        long first = Integer.toUnsignedLong(changed.address()) >>> Memory.PAGE_SHIFT;
        long last = (Integer.toUnsignedLong(changed.address()) + changed.length() - 1) >>> Memory.PAGE_SHIFT;
        for (long page = first; page <= last; page++) {
            int start = (int) (page << Memory.PAGE_SHIFT);
            boolean reads = false;
            boolean writes = false;
            for (Watchpoint w : watchpoints) {
                if (w.overlaps(start, Memory.PAGE_SIZE)) {
                    reads |= w.kind().matches(false);
                    writes |= w.kind().matches(true);
                }
            }
            memory.setWatched((int) page, reads, writes);
        }
    }

    @Override
    public void beforeAccess(int addr, int len, AccessKind kind) {
        if (watchpointsSuppressed()) {
            return;
        }
        boolean write = kind == AccessKind.WRITE;
        List<DebugPoint> hits = new ArrayList<>();
        for (Watchpoint w : watchpoints) {
            if (w.kind().matches(write) && w.overlaps(addr, len)) {
                hits.add(w);
            }
        }
        if (hits.isEmpty()) {
            return;
        }
        hits.sort(Comparator.comparingLong(p -> Integer.toUnsignedLong(p.address())));
        DebugCause cause = write ? DebugCause.WATCH_WRITE : DebugCause.WATCH_READ;
        throw new WatchpointHit(
                new DebugEvent(cause, cause.exception(), 0, hits.getFirst().address(), addr, len, hits));
    }

    // ---- Events the engine reports ------------------------------------------------------------------

    /** The event for the breakpoint(s) flagged {@code flags} at {@code pc}: hardware wins. */
    public DebugEvent breakpointEvent(int pc, byte flags) {
        boolean hardware = (flags & STOP_HARDWARE) != 0;
        DebugCause cause = hardware ? DebugCause.HW_BREAKPOINT : DebugCause.SW_BREAKPOINT;
        List<DebugPoint> points = new ArrayList<>();
        for (DebugPoint p : counts.keySet()) {
            if (p instanceof Breakpoint b && b.address() == pc && b.hardware() == hardware) {
                points.add(b);
            }
        }
        return new DebugEvent(cause, cause.exception(), pc, pc, 0, 0, points);
    }

    /** The event for a patched breakpoint word the guest reached at {@code pc}. */
    public DebugEvent patchedBreakpointEvent(int pc) {
        return new DebugEvent(
                DebugCause.SW_BREAKPOINT,
                DebugCause.SW_BREAKPOINT.exception(),
                pc,
                pc,
                0,
                0,
                List.of(new Breakpoint(pc, false)));
    }

    /** The event after a single step, with the PC on the next instruction. */
    public DebugEvent stepEvent(int pc) {
        return DebugEvent.step(pc);
    }
}
