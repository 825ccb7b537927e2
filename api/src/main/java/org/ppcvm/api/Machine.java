package org.ppcvm.api;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import org.ppcvm.core.cpu.Cpu;
import org.ppcvm.core.debug.DebugEvent;
import org.ppcvm.core.debug.DebugPoint;
import org.ppcvm.core.debug.DebugPoint.Breakpoint;
import org.ppcvm.core.debug.DebugPoint.Watchpoint;
import org.ppcvm.core.debug.GuestDebug;
import org.ppcvm.core.debug.Skip;
import org.ppcvm.core.debug.WatchKind;
import org.ppcvm.core.mem.MemoryFault;
import org.ppcvm.core.os.GuestStop;
import org.ppcvm.core.vcpu.RunMode;
import org.ppcvm.linux.LinuxOptions;
import org.ppcvm.linux.LinuxProcess;
import org.ppcvm.linux.StartException;

/**
 * A PowerPC Linux program in a virtual machine, under the control of Java code: the embedding
 * API. Load a static ELF, set breakpoints and watchpoints, run or step until something happens,
 * and read or write registers and memory in between.
 *
 * <pre>{@code
 * try (Machine vm = Machine.load(Path.of("examples/hello"), List.of("hello"))) {
 *     int main = vm.symbol("main").orElseThrow();
 *     vm.addBreakpoint(main);
 *     Stop stop = vm.run();                       // Stop.Debug at main, not yet executed
 *     int argc = vm.read(Register.R3);
 *     byte[] argv0 = vm.readMemory(vm.readWord(vm.read(Register.R4)), 5);
 *     vm.removeBreakpoint(main);
 *     vm.step();                                  // one instruction
 *     Stop end = vm.run();                        // Stop.Exited(0)
 * }
 * }</pre>
 *
 * <p>Resuming from a breakpoint or watchpoint steps off it without removing it, as a debugger
 * does. The guest's standard streams are the host's. A machine is used from one thread; only
 * {@link #interrupt()} may be called from another.
 */
public final class Machine implements AutoCloseable {
    private final LinuxProcess process;
    private final GuestDebug debug;
    private DebugEvent lastEvent;
    private Stop.Exited exited;

    private Machine(LinuxProcess process) {
        this.process = process;
        this.debug = process.vcpu().debug();
    }

    /** Loads {@code program} with these arguments and an empty environment. */
    public static Machine load(Path program, List<String> argv) throws StartException {
        return load(program, argv, List.of());
    }

    /** Loads {@code program}; it has not executed anything yet. */
    public static Machine load(Path program, List<String> argv, List<String> envp) throws StartException {
        PrintStream diagnostics = System.err;
        return new Machine(
                LinuxProcess.create(new LinuxOptions(program, argv, envp, false, false, false, diagnostics)));
    }

    // ---- Running ------------------------------------------------------------------------------------

    /** Runs until a point is hit, the program ends or {@link #interrupt()} is called. */
    public Stop run() {
        return resume(RunMode.CONTINUE);
    }

    /** Executes one instruction (a system call completes within it). */
    public Stop step() {
        return resume(RunMode.STEP);
    }

    /** Steps while the PC stays in [start, end). */
    public Stop runInRange(int start, int end) {
        return resume(RunMode.range(start, end));
    }

    private Stop resume(RunMode mode) {
        if (exited != null) {
            return exited;
        }
        GuestStop stop = process.resume(process.mainThread(), mode, Skip.after(lastEvent), 0);
        // Without a debugger's say, every signal is delivered as Linux would.
        while (stop instanceof GuestStop.Signal s) {
            stop = process.resume(s.thread(), mode, Skip.NONE, s.signal());
        }
        lastEvent = null;
        return switch (stop) {
            case GuestStop.Debug d -> {
                lastEvent = d.event();
                yield new Stop.Debug(d.event());
            }
            case GuestStop.Exited e -> {
                exited = new Stop.Exited(e.status());
                yield exited;
            }
            case GuestStop.Killed k -> {
                exited = new Stop.Exited(128 + k.signal());
                yield exited;
            }
            case GuestStop.Interrupted i -> new Stop.Interrupted();
            case GuestStop.Signal s -> throw new IllegalStateException("signals are delivered above");
            case GuestStop.SyscallEntry e -> throw new IllegalStateException("no system call is caught");
            case GuestStop.SyscallExit e -> throw new IllegalStateException("no system call is caught");
        };
    }

    /** Thread-safe: makes a running {@link #run()} return {@link Stop.Interrupted} soon. */
    public void interrupt() {
        process.requestStop();
    }

    /** Instructions executed so far. */
    public long instructionCount() {
        return process.cpu().instructionCount;
    }

    // ---- Points ---------------------------------------------------------------------------------------

    public void addBreakpoint(int address) {
        debug.add(new Breakpoint(address, false));
    }

    public void removeBreakpoint(int address) {
        debug.remove(new Breakpoint(address, false));
    }

    public void addHardwareBreakpoint(int address) {
        debug.add(new Breakpoint(address, true));
    }

    public void removeHardwareBreakpoint(int address) {
        debug.remove(new Breakpoint(address, true));
    }

    /** Stops before any access of {@code kind} that overlaps [address, address+length). */
    public void addWatchpoint(int address, int length, WatchKind kind) {
        debug.add(new Watchpoint(address, length, kind));
    }

    public void removeWatchpoint(int address, int length, WatchKind kind) {
        debug.remove(new Watchpoint(address, length, kind));
    }

    /** The points set, each once. */
    public List<DebugPoint> points() {
        return debug.points();
    }

    /** The address of an ELF symbol of the program. */
    public OptionalInt symbol(String name) {
        return process.symbols().find(name).map(s -> OptionalInt.of(s.value())).orElse(OptionalInt.empty());
    }

    // ---- State ----------------------------------------------------------------------------------------

    public int read(Register r) {
        Cpu c = process.cpu();
        return switch (r) {
            case PC -> c.pc;
            case MSR -> c.msr;
            case CR -> c.cr;
            case LR -> c.lr;
            case CTR -> c.ctr;
            case XER -> c.xer;
            case FPSCR -> c.fpscr;
            default -> c.gpr[r.ordinal()];
        };
    }

    public void write(Register r, int value) {
        Cpu c = process.cpu();
        switch (r) {
            case PC -> {
                c.pc = value & ~3;
                lastEvent = null;
            }
            case MSR -> c.msr = value;
            case CR -> c.cr = value;
            case LR -> c.lr = value;
            case CTR -> c.ctr = value;
            case XER -> c.xer = value;
            case FPSCR -> c.fpscr = value;
            default -> c.gpr[r.ordinal()] = value;
        }
    }

    /** Floating-point register {@code n} as raw IEEE-754 bits. */
    public long readFpr(int n) {
        return process.cpu().fpr[n];
    }

    public void writeFpr(int n, long bits) {
        process.cpu().fpr[n] = bits;
    }

    /** Guest memory as a debugger sees it (permissions ignored, patched breakpoints hidden). */
    public byte[] readMemory(int address, int length) {
        byte[] out = new byte[length];
        int n = debug.readForDebugger(address, out, 0, length);
        if (n < length) {
            throw new IllegalArgumentException("0x%08x is not mapped".formatted(address + n));
        }
        return out;
    }

    /** A big-endian word of guest memory. */
    public int readWord(int address) {
        byte[] b = readMemory(address, 4);
        return (b[0] & 0xFF) << 24 | (b[1] & 0xFF) << 16 | (b[2] & 0xFF) << 8 | (b[3] & 0xFF);
    }

    /** Writes guest memory, permissions ignored (code written this way is seen at once). */
    public void writeMemory(int address, byte[] bytes) {
        try {
            process.memory().writeRaw(address, bytes);
        } catch (MemoryFault f) {
            throw new IllegalArgumentException("0x%08x is not mapped".formatted(f.address()));
        }
    }

    @Override
    public void close() {
        debug.clear();
    }
}
