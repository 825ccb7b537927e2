package org.ppcvm.gdb.vm;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.ppcvm.core.debug.DebugCause;
import org.ppcvm.core.debug.DebugEvent;
import org.ppcvm.core.debug.DebugPoint;
import org.ppcvm.core.debug.DebugPoint.Breakpoint;
import org.ppcvm.core.debug.DebugPoint.Watchpoint;
import org.ppcvm.core.debug.GuestDebug;
import org.ppcvm.core.debug.Skip;
import org.ppcvm.core.debug.WatchKind;
import org.ppcvm.core.mem.Memory;
import org.ppcvm.core.mem.Perm;
import org.ppcvm.core.os.GuestStop;
import org.ppcvm.core.os.GuestThread;
import org.ppcvm.core.os.MemoryRegion;
import org.ppcvm.core.os.OsPersonality;
import org.ppcvm.core.vcpu.RunMode;
import org.ppcvm.gdb.ppc.RegisterFile;
import org.ppcvm.gdb.ppc.TargetDescription;
import org.ppcvm.gdb.session.GdbTarget;
import org.ppcvm.gdb.session.PointType;
import org.ppcvm.gdb.session.ResumeAction;
import org.ppcvm.gdb.session.StopReason;
import org.ppcvm.gdb.session.ThreadAction;

/**
 * The gdb server's target over a ppcvm guest: the threads, memory and run control of an {@link
 * OsPersonality}, and its {@link GuestDebug} for {@code Z}/{@code z} points.
 *
 * <p>{@code Z0} breakpoints are the guest-debug interface's software breakpoints (out of band
 * unless the machine was told to patch memory), {@code Z1} its hardware breakpoints, {@code Z2}
 * to {@code Z4} its watchpoints, without a count limit. Resuming never skips a point at the PC:
 * gdb removes the points it steps over itself, as it must on hardware.
 *
 * <p>A watchpoint stop reports the kind of the lowest watchpoint the access overlaps and the
 * address {@code max(access address, watchpoint start)}, since gdb ignores an address outside
 * the watched range (an {@code stw} that starts below a watched byte).
 */
public final class VmTarget implements GdbTarget {
    private static final int SIGINT = 2;
    private static final int SIGTRAP = 5;

    /** What {@code monitor info exits} counts. */
    private enum ExitKind {
        SW_BREAK("sw-break"),
        HW_BREAK("hw-break"),
        WATCH_READ("watch-read"),
        WATCH_WRITE("watch-write"),
        STEP("step"),
        SIGNAL("signal"),
        SYSCALL("syscall"),
        INTERRUPT("interrupt");

        final String label;

        ExitKind(String label) {
            this.label = label;
        }
    }

    private final OsPersonality os;
    private final GuestDebug debug;
    private final TargetDescription description;
    private final Function<String, Optional<Path>> files;
    private final Map<ExitKind, Long> exitCounts = new EnumMap<>(ExitKind.class);
    private final Object lock = new Object();
    private boolean running;
    private boolean interruptPending;
    private boolean attached;
    private StopReason detachedEnd;

    /** The thread the last stop was about: a resume without a thread of its own is about it. */
    private int lastThread;

    /**
     * @param os the guest, stopped
     * @param description the target description gdb is given (its register numbers)
     * @param files maps a target path to the host file gdb may read through {@code vFile}
     */
    public VmTarget(OsPersonality os, TargetDescription description, Function<String, Optional<Path>> files) {
        this.os = os;
        this.debug = os.threads().getFirst().vcpu().debug();
        this.description = description;
        this.files = files;
        for (ExitKind k : ExitKind.values()) {
            exitCounts.put(k, 0L);
        }
    }

    /** Marks the connections that follow as attaching to a running guest ({@code qAttached} 1). */
    public void setAttached(boolean attached) {
        this.attached = attached;
    }

    // ---- threads and state ---------------------------------------------------------------------

    @Override
    public List<Integer> threads() {
        List<Integer> ids = new ArrayList<>();
        for (GuestThread t : os.threads()) {
            ids.add(t.id());
        }
        return ids;
    }

    private GuestThread thread(int tid) {
        for (GuestThread t : os.threads()) {
            if (t.id() == tid) {
                return t;
            }
        }
        throw new IllegalStateException("no thread " + tid);
    }

    /** The first thread's id: a Linux process's pid is its initial thread's tid. */
    @Override
    public int processId() {
        return threads().getFirst();
    }

    @Override
    public String threadName(int tid) {
        return thread(tid).name();
    }

    @Override
    public RegisterFile registers(int tid) {
        return new CpuRegisters(description, os, tid, thread(tid).vcpu().cpu());
    }

    @Override
    public byte[] readMemory(long address, int length) {
        if (address < 0 || address > 0xFFFF_FFFFL || length < 0) {
            return new byte[0];
        }
        int len = (int) Math.min(length, 0x1_0000_0000L - address);
        byte[] buffer = new byte[len];
        int n = debug.readForDebugger((int) address, buffer, 0, len);
        return n == len ? buffer : java.util.Arrays.copyOf(buffer, n);
    }

    @Override
    public boolean writeMemory(long address, byte[] data) {
        if (address < 0 || address + data.length > 0x1_0000_0000L) {
            return false;
        }
        Memory memory = os.memory();
        for (long page = address >>> Memory.PAGE_SHIFT;
                page <= (address + data.length - 1) >>> Memory.PAGE_SHIFT;
                page++) {
            if (!memory.isMapped((int) (page << Memory.PAGE_SHIFT))) {
                return false;
            }
        }
        memory.writeRaw((int) address, data);
        return true;
    }

    // ---- points --------------------------------------------------------------------------------

    @Override
    public boolean insertPoint(PointType type, long address, int kind) {
        Optional<DebugPoint> point = point(type, address, kind);
        point.ifPresent(p -> {
            if (!debug.points().contains(p)) {
                debug.add(p);
            }
        });
        return point.isPresent();
    }

    @Override
    public boolean removePoint(PointType type, long address, int kind) {
        Optional<DebugPoint> point = point(type, address, kind);
        point.ifPresent(p -> {
            while (debug.points().contains(p)) {
                debug.remove(p);
            }
        });
        return point.isPresent();
    }

    /** The guest-debug point for a {@code Z} packet, empty when the guest cannot have it. */
    private static Optional<DebugPoint> point(PointType type, long address, int kind) {
        if (address < 0 || address > 0xFFFF_FFFFL) {
            return Optional.empty();
        }
        int at = (int) address;
        try {
            return Optional.of(
                    switch (type) {
                        case SOFTWARE_BREAKPOINT -> new Breakpoint(at, false);
                        case HARDWARE_BREAKPOINT -> new Breakpoint(at, true);
                        case WRITE_WATCHPOINT -> new Watchpoint(at, kind, WatchKind.WRITE);
                        case READ_WATCHPOINT -> new Watchpoint(at, kind, WatchKind.READ);
                        case ACCESS_WATCHPOINT -> new Watchpoint(at, kind, WatchKind.ACCESS);
                    });
        } catch (IllegalArgumentException e) {
            // Unaligned breakpoint, empty or wrapping watchpoint.
            return Optional.empty();
        }
    }

    // ---- running -------------------------------------------------------------------------------

    @Override
    public StopReason resume(List<ThreadAction> actions) {
        ThreadAction chosen = null;
        int tid = 0;
        // The thread that steps, or failing that one given a signal, or the one that last stopped,
        // is the one the run is about; in all-stop mode a continue runs every thread.
        for (ThreadAction a : actions) {
            if (!a.thread().isAllThreads() && threads().contains(a.thread().tid())) {
                if (chosen == null || weight(a.action()) > weight(chosen.action())) {
                    chosen = a;
                    tid = a.thread().tid();
                }
            }
        }
        if (chosen == null) {
            tid = threads().contains(lastThread) ? lastThread : threads().getFirst();
            for (ThreadAction a : actions) {
                if (a.appliesTo(tid)) {
                    chosen = a;
                    break;
                }
            }
        }
        if (chosen == null) {
            // gdb resumed no live thread: nothing runs, the thread is still where it was.
            return StopReason.Signalled.of(tid, 0);
        }
        RunMode mode;
        int signal;
        switch (chosen.action()) {
            case ResumeAction.Continue c -> {
                mode = RunMode.CONTINUE;
                signal = c.signal();
            }
            case ResumeAction.Step s -> {
                mode = RunMode.STEP;
                signal = s.signal();
            }
            case ResumeAction.RangeStep r -> {
                mode = RunMode.range((int) r.start(), (int) r.end());
                signal = 0;
            }
        }
        synchronized (lock) {
            if (interruptPending) {
                interruptPending = false;
                count(ExitKind.INTERRUPT);
                return StopReason.Signalled.of(tid, SIGINT);
            }
            running = true;
        }
        int resumed = tid;
        GuestStop stop;
        try {
            stop = os.resume(resumed, mode, Skip.NONE, signal);
        } finally {
            synchronized (lock) {
                running = false;
                interruptPending = false;
                os.cancelStopRequest();
            }
        }
        return report(stop);
    }

    /**
     * Runs the guest without a debugger, delivering its signals as Linux would, until it ends
     * (true; {@link #lastDetachedStop()} says how) or {@link #interrupt()} stops it (false).
     */
    public boolean runDetached() {
        int tid = threads().getFirst();
        synchronized (lock) {
            if (interruptPending) {
                interruptPending = false;
                return false;
            }
            running = true;
        }
        try {
            GuestStop stop = os.resume(tid, RunMode.CONTINUE, Skip.NONE, 0);
            while (true) {
                switch (stop) {
                    case GuestStop.Interrupted i -> {
                        return false;
                    }
                    case GuestStop.Exited e -> {
                        detachedEnd = report(e);
                        return true;
                    }
                    case GuestStop.Killed k -> {
                        detachedEnd = report(k);
                        return true;
                    }
                    case GuestStop.Signal sig ->
                        stop = os.resume(sig.thread(), RunMode.CONTINUE, Skip.NONE, sig.signal());
                    // Points went at detach; a kernel-side watch stop cannot happen either.
                    case GuestStop.Debug d -> stop = os.resume(d.thread(), RunMode.CONTINUE, Skip.NONE, 0);
                    case GuestStop.SyscallEntry e -> stop = os.resume(e.thread(), RunMode.CONTINUE, Skip.NONE, 0);
                    case GuestStop.SyscallExit e -> stop = os.resume(e.thread(), RunMode.CONTINUE, Skip.NONE, 0);
                }
            }
        } finally {
            synchronized (lock) {
                running = false;
                interruptPending = false;
                os.cancelStopRequest();
            }
        }
    }

    /** How the guest ended while no debugger was attached. */
    public StopReason lastDetachedStop() {
        if (detachedEnd == null) {
            throw new IllegalStateException("the guest has not ended");
        }
        return detachedEnd;
    }

    /** How much an action says about which thread a resume is for: a step most, a plain continue least. */
    private static int weight(ResumeAction action) {
        return switch (action) {
            case ResumeAction.Step s -> 2;
            case ResumeAction.RangeStep r -> 2;
            case ResumeAction.Continue c -> c.signal() != 0 ? 1 : 0;
        };
    }

    private StopReason report(GuestStop stop) {
        StopReason reason = reasonFor(stop);
        if (reason instanceof StopReason.Signalled s) {
            lastThread = s.tid();
        }
        return reason;
    }

    private StopReason reasonFor(GuestStop stop) {
        return switch (stop) {
            case GuestStop.Debug d -> {
                count(exitKind(d.event().cause()));
                yield debugStop(d.thread(), d.event());
            }
            case GuestStop.Signal s -> {
                count(ExitKind.SIGNAL);
                yield StopReason.Signalled.of(s.thread(), s.signal());
            }
            case GuestStop.Interrupted i -> {
                count(ExitKind.INTERRUPT);
                yield StopReason.Signalled.of(i.thread(), SIGINT);
            }
            case GuestStop.SyscallEntry e -> {
                count(ExitKind.SYSCALL);
                yield StopReason.Signalled.because(e.thread(), SIGTRAP, new StopReason.SyscallEntry(e.number()));
            }
            case GuestStop.SyscallExit e -> {
                count(ExitKind.SYSCALL);
                yield StopReason.Signalled.because(e.thread(), SIGTRAP, new StopReason.SyscallReturn(e.number()));
            }
            case GuestStop.Exited e -> new StopReason.Exited(e.status());
            case GuestStop.Killed k -> new StopReason.Killed(k.signal());
        };
    }

    private static StopReason debugStop(int tid, DebugEvent event) {
        return switch (event.cause()) {
            case SW_BREAKPOINT -> StopReason.Signalled.because(tid, SIGTRAP, new StopReason.SoftwareBreak());
            case HW_BREAKPOINT -> StopReason.Signalled.because(tid, SIGTRAP, new StopReason.HardwareBreak());
            case STEP -> StopReason.Signalled.of(tid, SIGTRAP);
            case WATCH_READ, WATCH_WRITE -> {
                Watchpoint lowest = (Watchpoint) event.points().getFirst();
                long address = Math.max(
                        Integer.toUnsignedLong(event.accessAddress()), Integer.toUnsignedLong(lowest.address()));
                StopReason.WatchKind kind = switch (lowest.kind()) {
                    case WRITE -> StopReason.WatchKind.WRITE;
                    case READ -> StopReason.WatchKind.READ;
                    case ACCESS -> StopReason.WatchKind.ACCESS;
                };
                yield StopReason.Signalled.because(tid, SIGTRAP, new StopReason.Watch(kind, address));
            }
        };
    }

    private static ExitKind exitKind(DebugCause cause) {
        return switch (cause) {
            case SW_BREAKPOINT -> ExitKind.SW_BREAK;
            case HW_BREAKPOINT -> ExitKind.HW_BREAK;
            case WATCH_READ -> ExitKind.WATCH_READ;
            case WATCH_WRITE -> ExitKind.WATCH_WRITE;
            case STEP -> ExitKind.STEP;
        };
    }

    private void count(ExitKind kind) {
        exitCounts.merge(kind, 1L, Long::sum);
    }

    @Override
    public void catchSyscalls(java.util.function.IntPredicate numbers) {
        os.catchSystemCalls(numbers);
    }

    @Override
    public void interrupt() {
        synchronized (lock) {
            interruptPending = true;
            if (running) {
                os.requestStop();
            }
        }
    }

    @Override
    public void clearInterrupt() {
        synchronized (lock) {
            interruptPending = false;
        }
    }

    // ---- process -------------------------------------------------------------------------------

    @Override
    public byte[] auxv() {
        return os.auxv().orElse(new byte[0]);
    }

    @Override
    public Optional<String> execFile() {
        return os.executablePath();
    }

    @Override
    public Optional<Long> loadOffset() {
        return Optional.of(Integer.toUnsignedLong(os.loadBias()));
    }

    @Override
    public Optional<Path> hostFile(String targetPath) {
        return files.apply(targetPath);
    }

    @Override
    public Optional<byte[]> kernelFile(String targetPath) {
        return os.kernelFile(targetPath);
    }

    @Override
    public Optional<String> kernelLink(String targetPath) {
        return os.kernelLink(targetPath);
    }

    @Override
    public boolean attached() {
        return attached;
    }

    @Override
    public void detach() {
        debug.clear();
        debug.setSingleStep(false);
    }

    @Override
    public void kill() {
        debug.clear();
        os.kill();
    }

    // ---- monitor -------------------------------------------------------------------------------

    @Override
    public String monitor(String command) {
        String[] words = command.trim().split("\\s+");
        String line = String.join(" ", words);
        return switch (line) {
            case "help", "" -> """
                    ppcvm monitor commands:
                      help          this list
                      info debug    the breakpoints and watchpoints set, one slot each
                      info exits    debug exits so far, by kind
                      info mem      the guest's mapped memory and its permissions
                    """;
            case "info debug" -> infoDebug();
            case "info exits" -> infoExits();
            case "info mem" -> infoMem();
            default -> "Unknown monitor command '" + line + "'; 'monitor help' lists the commands.\n";
        };
    }

    private String infoDebug() {
        List<DebugPoint> points = debug.points();
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(
                "%d point(s), no limit (software breakpoints: %s)%n",
                points.size(),
                debug.softwareBreakpoints().name().toLowerCase(Locale.ROOT).replace('_', '-')));
        if (!points.isEmpty()) {
            sb.append(String.format("%-5s %-12s %-10s %s%n", "slot", "type", "address", "length"));
        }
        for (int slot = 0; slot < points.size(); slot++) {
            DebugPoint p = points.get(slot);
            String type;
            int length;
            switch (p) {
                case Breakpoint b -> {
                    type = b.hardware() ? "hw-break" : "sw-break";
                    length = 4;
                }
                case Watchpoint w -> {
                    type = switch (w.kind()) {
                        case WRITE -> "watch-write";
                        case READ -> "watch-read";
                        case ACCESS -> "watch-access";
                    };
                    length = w.length();
                }
            }
            sb.append(String.format("%-5d %-12s 0x%08x %d%n", slot, type, p.address(), length));
        }
        return sb.toString();
    }

    private String infoExits() {
        StringBuilder sb = new StringBuilder();
        long total = 0;
        for (Map.Entry<ExitKind, Long> e : exitCounts.entrySet()) {
            sb.append(String.format("%-12s %d%n", e.getKey().label, e.getValue()));
            total += e.getValue();
        }
        sb.append(String.format("%-12s %d%n", "total", total));
        return sb.toString();
    }

    private String infoMem() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%-10s %-10s %s%n", "start", "end", "perm"));
        for (MemoryRegion r : os.memoryMap()) {
            if (r.permissions() < 0 || !os.memory().isMapped(r.start())) {
                continue;
            }
            int p = r.permissions();
            sb.append(String.format(
                    "0x%08x 0x%08x %c%c%c%n",
                    r.start(),
                    Integer.toUnsignedLong(r.start()) + r.length(),
                    (p & Perm.READ) != 0 ? 'r' : '-',
                    (p & Perm.WRITE) != 0 ? 'w' : '-',
                    (p & Perm.EXEC) != 0 ? 'x' : '-'));
        }
        return sb.toString();
    }
}
