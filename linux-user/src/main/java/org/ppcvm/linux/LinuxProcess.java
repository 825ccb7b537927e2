package org.ppcvm.linux;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.SplittableRandom;
import org.ppcvm.core.cpu.Cpu;
import org.ppcvm.core.cpu.Esr;
import org.ppcvm.core.cpu.SystemRegisters;
import org.ppcvm.core.debug.DebugEvent;
import org.ppcvm.core.debug.GuestDebug;
import org.ppcvm.core.debug.Skip;
import org.ppcvm.core.debug.WatchpointHit;
import org.ppcvm.core.exec.DecodedCode;
import org.ppcvm.core.exec.Interpreter;
import org.ppcvm.core.fpu.Fpscr;
import org.ppcvm.core.mem.Memory;
import org.ppcvm.core.mem.MemoryFault;
import org.ppcvm.core.os.GuestStop;
import org.ppcvm.core.os.GuestThread;
import org.ppcvm.core.os.KernelRegister;
import org.ppcvm.core.os.MemoryRegion;
import org.ppcvm.core.os.OsPersonality;
import org.ppcvm.core.vcpu.RunMode;
import org.ppcvm.core.vcpu.Vcpu;
import org.ppcvm.core.vcpu.VcpuExit;
import org.ppcvm.elf.ElfException;
import org.ppcvm.elf.ElfFile;
import org.ppcvm.elf.SymbolTable;
import org.ppcvm.isa.Disassembler;

/**
 * A Linux user-mode process on one vCPU: loads the executable (and its program interpreter),
 * builds the initial stack, and runs the vCPU, servicing its exits: system calls go to {@link
 * Syscalls}, interrupts become signals. Signals are delivered where Linux delivers them, on the
 * way back to user mode after a system call, an interrupt or an asynchronous event (a timer): to
 * the handler through a signal frame ({@link SignalFrames}), or by their default action, which
 * ends the process with the shell's message and status 128+N (a JVM cannot die of the guest's
 * signal as qemu-ppc does).
 */
public final class LinuxProcess implements OsPersonality {
    /** MSR for user code: problem state, FP available, external interrupts on. */
    private static final int USER_MSR = Cpu.MSR_PR | Cpu.MSR_FP | Cpu.MSR_EE | Cpu.MSR_ME;

    private final LinuxOptions options;
    private final Memory memory;
    private final Cpu cpu;
    private final Vcpu vcpu;
    private final Syscalls syscalls;
    private final SymbolTable symbols;
    private final byte[] auxv;
    private final int loadBias;

    /** The kernel's pt_regs values of the (one) thread: see {@link KernelRegister}. */
    private int trap;

    private int origR3;

    /** The faulting data address and syndrome of the last storage interrupt, for signal frames. */
    private int dar;

    private int esr;

    private final SignalState signals = new SignalState();
    private final SignalFrames frames;
    private final IntervalTimers timers;

    /** A debugger asked the run to stop ({@link #requestStop()}), as opposed to a timer. */
    private volatile boolean stopRequested;

    /** The signal a debugger was told about and has not answered yet. */
    private SigInfo reportedSignal;

    /** A signal whose frame hit a watchpoint: delivered when the debugger resumes. */
    private SigInfo interruptedDelivery;

    /** How the process ended, once it has: every later resume reports it again. */
    private GuestStop end;

    private LinuxProcess(LinuxOptions options, ElfFile elf, ElfFile interpreter) throws ElfException {
        this.options = options;
        this.memory = new Memory();
        AddressSpace space = new AddressSpace(memory);
        LoadedImage image = ElfLoader.load(elf, memory);
        space.setBrkStart(image.end());
        int entry = image.entry();
        int interpreterBase = 0;
        if (interpreter != null) {
            // Where Linux mmaps the interpreter: the highest free range below the mmap top.
            interpreterBase = space.findFree(0, ElfLoader.span(interpreter));
            if (interpreterBase == 0) {
                throw new ElfException("no room in the address space for the program interpreter");
            }
            LoadedImage loaded = ElfLoader.loadAt(interpreter, memory, interpreterBase);
            interpreterBase = loaded.bias();
            entry = loaded.entry();
        }
        this.symbols = new SymbolTable(elf.symbols(), image.bias());
        this.cpu = new Cpu(memory);
        this.loadBias = image.bias();
        SignalFrames.Trampolines trampolines = SignalFrames.installTrampolines(memory, AddressSpace.SIGNAL_TRAMPOLINES);
        this.frames = new SignalFrames(cpu, new UserMemory(memory), signals, trampolines);
        this.timers = new IntervalTimers(this::timerExpired);
        this.syscalls = new Syscalls(cpu, space, options, image, signals, frames, timers);
        byte[] random = new byte[16];
        new SplittableRandom(0x7070_6376_6d00L).nextBytes(random);
        InitialStack.Result stack = InitialStack.build(
                memory,
                AddressSpace.STACK_TOP,
                image,
                interpreterBase,
                options.argv(),
                options.envp(),
                options.program().toString(),
                random,
                syscalls.credentials());
        this.auxv = stack.auxv();
        cpu.pc = entry;
        cpu.gpr[1] = stack.sp();
        cpu.msr = USER_MSR;
        cpu.pvr = SystemRegisters.E500MC_PVR;
        DecodedCode code = new DecodedCode(memory);
        GuestDebug debug = new GuestDebug(memory, code);
        this.vcpu = new Vcpu(cpu, new Interpreter(code, debug), debug);
    }

    /**
     * Loads {@code options.program()}; a missing or unreadable file and anything that is not a
     * loadable 32-bit big-endian PowerPC executable give a {@link StartException} with one line.
     */
    public static LinuxProcess create(LinuxOptions options) throws StartException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(options.program());
        } catch (NoSuchFileException e) {
            throw new StartException(options.program() + ": no such file");
        } catch (AccessDeniedException e) {
            throw new StartException(options.program() + ": cannot read: Permission denied");
        } catch (IOException | SecurityException | OutOfMemoryError e) {
            throw new StartException(options.program() + ": cannot read: " + describe(e));
        }
        try {
            ElfFile elf = ElfFile.parse(bytes);
            ElfFile interpreter = null;
            if (elf.interpreter().isPresent()) {
                interpreter = interpreter(options, elf.interpreter().get());
            }
            return new LinuxProcess(options, elf, interpreter);
        } catch (ElfException e) {
            throw new StartException(options.program() + ": " + e.getMessage());
        }
    }

    /** The program interpreter a dynamically linked program names, looked up through the sysroot. */
    private static ElfFile interpreter(LinuxOptions options, String path) throws StartException {
        String where = options.program() + ": program interpreter " + path;
        Path host;
        try {
            host = Path.of(new String(options.lookup(path.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8));
        } catch (java.nio.file.InvalidPathException e) {
            throw new StartException(where + " is not a valid path");
        }
        if (!Files.isRegularFile(host)) {
            throw new StartException(where + " not found"
                    + (options.sysroot().isEmpty()
                            ? " (give the sysroot that holds it with -L DIR; Debian's cross libc installs /usr/powerpc-linux-gnu)"
                            : " under " + options.sysroot().get()));
        }
        try {
            ElfFile interpreter = ElfFile.parse(Files.readAllBytes(host));
            if (!interpreter.isPositionIndependent()
                    || interpreter.interpreter().isPresent()) {
                throw new StartException(where + " (" + host + ") is not a shared object");
            }
            return interpreter;
        } catch (IOException | SecurityException e) {
            throw new StartException(where + " (" + host + "): cannot read: " + describe(e));
        } catch (ElfException e) {
            throw new StartException(where + " (" + host + "): " + e.getMessage());
        }
    }

    private static String describe(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    public Cpu cpu() {
        return cpu;
    }

    public Vcpu vcpu() {
        return vcpu;
    }

    @Override
    public Memory memory() {
        return memory;
    }

    public SymbolTable symbols() {
        return symbols;
    }

    @Override
    public String name() {
        return "linux-user";
    }

    @Override
    public Optional<byte[]> auxv() {
        return Optional.of(auxv.clone());
    }

    @Override
    public Optional<String> executablePath() {
        return Optional.of(options.program().toAbsolutePath().toString());
    }

    /** The id of the process's first thread. */
    public int mainThread() {
        return Syscalls.PID;
    }

    @Override
    public List<GuestThread> threads() {
        return List.of(
                new GuestThread(Syscalls.PID, options.program().getFileName().toString(), vcpu));
    }

    @Override
    public OptionalInt signalFor(VcpuExit.Exception exception) {
        return OptionalInt.of(signalOf(exception).number());
    }

    @Override
    public List<MemoryRegion> memoryMap() {
        List<MemoryRegion> regions = new ArrayList<>();
        long start = -1;
        int perm = -1;
        for (long page = 0; page <= 1L << 20; page++) {
            int p = page < 1L << 20 ? memory.permissions((int) (page << Memory.PAGE_SHIFT)) : -1;
            if (p != perm) {
                if (perm >= 0) {
                    regions.add(new MemoryRegion(
                            (int) (start << Memory.PAGE_SHIFT), (page - start) << Memory.PAGE_SHIFT, perm));
                }
                start = page;
                perm = p;
            }
        }
        return regions;
    }

    /**
     * Makes the running vCPU return {@link VcpuExit.Interrupted} at its next check, and a system
     * call blocked in a wait return and restart later. Thread-safe: a debugger or a host signal
     * handler calls it.
     */
    @Override
    public void requestStop() {
        stopRequested = true;
        vcpu.requestExit();
        syscalls.wakeUp();
    }

    @Override
    public void cancelStopRequest() {
        stopRequested = false;
        vcpu.cancelExitRequest();
    }

    /** The timer thread's news: {@code signal} is due; the run generates it at its next check. */
    private void timerExpired(int signal) {
        signals.expired(signal);
        vcpu.requestExit();
        syscalls.wakeUp();
    }

    /** Runs the process to its end and returns its exit status (128+N when killed by signal N). */
    public int run() {
        long start = System.nanoTime();
        try {
            while (true) {
                VcpuExit exit = options.trace() ? tracedStep() : vcpu.run();
                Integer status = handle(exit);
                if (status == null) {
                    status = deliverSignals();
                }
                if (status != null) {
                    reportStats(start);
                    return status;
                }
            }
        } finally {
            timers.close();
        }
    }

    /** Delivers every signal that may be delivered now; the exit status if one ends the process. */
    private Integer deliverSignals() {
        SigInfo info;
        while ((info = signals.dequeue()) != null) {
            Integer status = deliver(info);
            if (status != null) {
                return status;
            }
        }
        finishDelivery();
        return null;
    }

    /** After delivery: no handler claimed an interrupted call, which restarts; sigsuspend's mask returns. */
    private void finishDelivery() {
        signals.restoreSavedMask();
        syscalls.takeInterrupted();
    }

    /** With --stats: the instructions executed since {@code startNanos} and their rate. */
    public void reportStats(long startNanos) {
        if (options.stats()) {
            double seconds = (System.nanoTime() - startNanos) / 1e9;
            options.diagnostics()
                    .printf(
                            "ppcvm: %d instructions in %.3f s (%.1f million per second)%n",
                            cpu.instructionCount, seconds, cpu.instructionCount / seconds / 1e6);
        }
    }

    /** One instruction, printed first as objdump would print it. */
    private VcpuExit tracedStep() {
        int pc = cpu.pc;
        String where = symbols.describe(pc).map(s -> " <" + s + ">").orElse("");
        String text;
        try {
            int word = memory.fetch(pc);
            text = String.format("%08x  %s", word, Disassembler.disassemble(word, pc, symbols::describe));
        } catch (MemoryFault f) {
            text = "(not executable)";
        }
        options.diagnostics().printf("%08x%s: %s%n", pc, where, text);
        return vcpu.step();
    }

    /**
     * Runs under a debugger's control until a debug event, a signal, a stop request or the end of
     * the process; {@code skipAtPc} steps off the point last reported ({@link Skip#after}). System
     * calls are serviced on the way, as Linux would; a step that executes {@code sc} ends after
     * the call, on the next instruction. Every signal stops the process before it is delivered,
     * as under ptrace: {@code signal} is the debugger's answer (deliver it, or 0 to discard).
     */
    @Override
    public GuestStop resume(int thread, RunMode mode, Skip skipAtPc, int signal) {
        if (thread != Syscalls.PID) {
            throw new IllegalArgumentException("no thread " + thread);
        }
        if (end != null) {
            return end;
        }
        GuestDebug debug = vcpu.debug();
        Skip skip = skipAtPc;
        SigInfo toDeliver = interruptedDelivery;
        interruptedDelivery = null;
        if (toDeliver == null && signal != 0) {
            // A debugger may deliver another signal than the one it was told about: it then
            // comes from no one (si_code SI_USER, pid 0), as a ptrace tracer's does.
            toDeliver = reportedSignal != null && reportedSignal.signo() == signal
                    ? reportedSignal
                    : SigInfo.user(signal, 0, 0);
        }
        reportedSignal = null;
        if (toDeliver != null) {
            boolean handler = signals.action(toDeliver.signo()).isHandler();
            GuestStop stop = deliverUnderDebugger(thread, toDeliver, skip);
            if (stop != null) {
                return stop;
            }
            skip = Skip.NONE;
            if (handler && !(mode instanceof RunMode.Continue)) {
                // A step that delivers a signal to a handler ends on the handler's first instruction.
                return new GuestStop.Debug(thread, debug.stepEvent(cpu.pc));
            }
        }
        while (true) {
            SigInfo next = signals.dequeue();
            if (next != null) {
                reportedSignal = next;
                return new GuestStop.Signal(thread, next.signo());
            }
            finishDelivery();
            VcpuExit exit = vcpu.run(mode, skip);
            skip = Skip.NONE;
            switch (exit) {
                case VcpuExit.Debug d -> {
                    trap = TRAP_DEBUG;
                    return new GuestStop.Debug(thread, d.event());
                }
                case VcpuExit.Interrupted i -> {
                    if (i.reason() == VcpuExit.Reason.REQUESTED && stopRequested) {
                        stopRequested = false;
                        return new GuestStop.Interrupted(thread);
                    }
                }
                case VcpuExit.SystemCall sc -> {
                    trap = TRAP_SYSTEM_CALL;
                    origR3 = cpu.gpr[3];
                    Integer status = dispatchSystemCall();
                    debug.setSuppressed(Skip.NONE);
                    if (status != null) {
                        return ended(new GuestStop.Exited(status));
                    }
                    DebugEvent hit = syscalls.takeDebugEvent();
                    if (hit != null) {
                        return new GuestStop.Debug(thread, hit);
                    }
                    if (signals.hasDeliverable()) {
                        continue; // reported at the top, before the step below
                    }
                    if (!(mode instanceof RunMode.Continue) || debug.singleStep()) {
                        if (!(mode instanceof RunMode.Range r && r.contains(cpu.pc))) {
                            return new GuestStop.Debug(thread, debug.stepEvent(cpu.pc));
                        }
                    }
                }
                case VcpuExit.Exception e -> raise(e);
                default -> {
                    Integer status = handle(exit);
                    if (status != null) {
                        return ended(new GuestStop.Exited(status));
                    }
                }
            }
        }
    }

    /**
     * Delivers a signal the debugger let through. Returns the stop to report when that ends the
     * process, or when writing the signal frame would touch a watchpoint (the frame is then built
     * when the debugger resumes); null otherwise.
     */
    private GuestStop deliverUnderDebugger(int thread, SigInfo info, Skip skip) {
        GuestDebug debug = vcpu.debug();
        debug.setSuppressed(skip);
        try {
            Integer status = deliver(info);
            if (status != null) {
                return ended(new GuestStop.Killed(info.signo()));
            }
            return null;
        } catch (WatchpointHit hit) {
            interruptedDelivery = info;
            DebugEvent e = hit.event();
            return new GuestStop.Debug(
                    thread,
                    new DebugEvent(
                            e.cause(),
                            e.exception(),
                            cpu.pc,
                            e.address(),
                            e.accessAddress(),
                            e.accessLength(),
                            e.points()));
        } finally {
            debug.setSuppressed(Skip.NONE);
        }
    }

    private GuestStop ended(GuestStop stop) {
        end = stop;
        timers.close();
        return stop;
    }

    @Override
    public void kill() {
        if (end == null) {
            syscalls.flushAndClose();
            ended(new GuestStop.Killed(Signal.SIGKILL.number()));
        }
    }

    @Override
    public int kernelRegister(int thread, KernelRegister register) {
        return switch (register) {
            case ORIG_R3 -> origR3;
            case TRAP -> trap;
        };
    }

    @Override
    public void setKernelRegister(int thread, KernelRegister register, int value) {
        switch (register) {
            case ORIG_R3 -> origR3 = value;
            case TRAP -> trap = value;
        }
    }

    @Override
    public int loadBias() {
        return loadBias;
    }

    /**
     * Delivers one signal: to its handler, through a frame on the stack, or by its default action.
     * Returns the exit status when that ends the process, else null.
     */
    private Integer deliver(SigInfo info) {
        int sig = info.signo();
        SignalState.Action action = signals.action(sig);
        if (action.handler() == SignalState.SIG_IGN) {
            return null;
        }
        if (action.handler() == SignalState.SIG_DFL) {
            return SignalState.defaultIgnored(sig) ? null : killedBy(sig);
        }
        syscalls.beforeHandler((action.flags() & SignalState.SA_RESTART) != 0);
        long saved = signals.maskForFrame();
        try {
            frames.setup(info, action, saved, new SignalFrames.Interrupted(origR3, trap, dar, esr));
        } catch (UserMemory.BadAddress e) {
            // No room for the frame: Linux's force_sigsegv, fatal unless a SIGSEGV handler can run.
            signals.restoreMask(saved);
            if (sig == 11) {
                signals.setAction(11, SignalState.Action.DEFAULT);
            }
            signals.force(SigInfo.kernel(11));
            return null;
        }
        long blockNow = action.mask() | ((action.flags() & SignalState.SA_NODEFER) != 0 ? 0 : SignalState.bit(sig));
        signals.setBlocked(signals.blocked() | blockNow);
        if ((action.flags() & SignalState.SA_RESETHAND) != 0) {
            signals.setAction(sig, SignalState.Action.DEFAULT);
        }
        return null;
    }

    /** An interrupt raised by an instruction: its signal is forced on the process (Linux's _exception). */
    private void raise(VcpuExit.Exception e) {
        trap = trapOf(e);
        origR3 = cpu.gpr[3];
        dar = e.dear();
        esr = e.esr();
        signals.force(faultInfo(e));
    }

    /** The siginfo Linux gives the signal of an interrupt: si_code and si_addr. */
    private SigInfo faultInfo(VcpuExit.Exception e) {
        Signal signal = signalOf(e);
        return switch (e.kind()) {
            case DATA_STORAGE ->
                SigInfo.fault(
                        signal.number(),
                        memory.isMapped(e.dear()) ? SigInfo.SEGV_ACCERR : SigInfo.SEGV_MAPERR,
                        e.dear());
            case INSTRUCTION_STORAGE ->
                SigInfo.fault(
                        signal.number(), memory.isMapped(cpu.pc) ? SigInfo.SEGV_ACCERR : SigInfo.SEGV_MAPERR, cpu.pc);
            case ALIGNMENT -> SigInfo.fault(signal.number(), SigInfo.BUS_ADRALN, e.dear());
            case PROGRAM -> SigInfo.fault(signal.number(), programCode(signal, e.esr()), cpu.pc);
            case FP_UNAVAILABLE, SYSTEM_CALL -> SigInfo.fault(signal.number(), SigInfo.ILL_ILLOPC, cpu.pc);
        };
    }

    private int programCode(Signal signal, int esrBits) {
        return switch (signal) {
            case SIGFPE -> fpeCode(cpu.fpscr);
            case SIGTRAP -> SigInfo.TRAP_BRKPT;
            default -> (esrBits & Esr.PPR) != 0 ? SigInfo.ILL_PRVOPC : SigInfo.ILL_ILLOPC;
        };
    }

    /** The si_code of an enabled FP exception: the first enabled, raised kind in Linux's order. */
    static int fpeCode(int fpscr) {
        if ((fpscr & Fpscr.VE) != 0 && (fpscr & Fpscr.VX) != 0) {
            return SigInfo.FPE_FLTINV;
        }
        if ((fpscr & Fpscr.OE) != 0 && (fpscr & Fpscr.OX) != 0) {
            return SigInfo.FPE_FLTOVF;
        }
        if ((fpscr & Fpscr.UE) != 0 && (fpscr & Fpscr.UX) != 0) {
            return SigInfo.FPE_FLTUND;
        }
        if ((fpscr & Fpscr.ZE) != 0 && (fpscr & Fpscr.ZX) != 0) {
            return SigInfo.FPE_FLTDIV;
        }
        if ((fpscr & Fpscr.XE) != 0 && (fpscr & Fpscr.XX) != 0) {
            return SigInfo.FPE_FLTRES;
        }
        return 0;
    }

    /** Linux's pt_regs.trap for a system call, a program check and a Book E debug interrupt. */
    static final int TRAP_SYSTEM_CALL = 0xc00;

    static final int TRAP_PROGRAM = 0x700;
    static final int TRAP_DEBUG = 0x2000;

    /** pt_regs.trap as Linux sets it on entry from user mode by this interrupt. */
    static int trapOf(VcpuExit.Exception e) {
        return switch (e.kind()) {
            case DATA_STORAGE -> 0x300;
            case INSTRUCTION_STORAGE -> 0x400;
            case ALIGNMENT -> 0x600;
            case PROGRAM -> TRAP_PROGRAM;
            case FP_UNAVAILABLE -> 0x800;
            case SYSTEM_CALL -> TRAP_SYSTEM_CALL;
        };
    }

    /** Services one exit; returns the exit status when the process ended, else null. */
    public Integer handle(VcpuExit exit) {
        return switch (exit) {
            case VcpuExit.SystemCall sc -> {
                trap = TRAP_SYSTEM_CALL;
                origR3 = cpu.gpr[3];
                yield dispatchSystemCall();
            }
            case VcpuExit.Exception e -> {
                raise(e);
                yield null;
            }
            case VcpuExit.Interrupted i -> null;
            case VcpuExit.Debug d -> null;
            case VcpuExit.InternalError e -> {
                options.diagnostics().println("ppcvm: " + e.message() + " (a ppcvm defect; please report it)");
                if (e.cause() != null && System.getenv("PPCVM_DEBUG") != null) {
                    e.cause().printStackTrace(options.diagnostics());
                }
                yield 70;
            }
            case VcpuExit.Halt h -> killedBy(Signal.SIGILL);
            case VcpuExit.Shutdown s -> killedBy(Signal.SIGKILL);
        };
    }

    /** A defect in a system call's implementation ends the run with a clear message. */
    private Integer dispatchSystemCall() {
        try {
            return syscalls.dispatch();
        } catch (RuntimeException e) {
            return handle(new VcpuExit.InternalError(
                    "internal error in system call " + cpu.gpr[0] + " at pc 0x%08x: %s".formatted(cpu.pc, e), e));
        }
    }

    /** The signal Linux sends for a Book E interrupt taken in user mode. */
    static Signal signalOf(VcpuExit.Exception e) {
        return switch (e.kind()) {
            case DATA_STORAGE, INSTRUCTION_STORAGE -> Signal.SIGSEGV;
            case ALIGNMENT -> Signal.SIGBUS;
            case PROGRAM -> {
                if ((e.esr() & Esr.FP) != 0) {
                    yield Signal.SIGFPE;
                }
                if ((e.esr() & Esr.PTR) != 0) {
                    yield Signal.SIGTRAP;
                }
                yield Signal.SIGILL;
            }
            case FP_UNAVAILABLE, SYSTEM_CALL -> Signal.SIGILL;
        };
    }

    /** The default action of a fatal signal: the shell's line on stderr, status 128+N. */
    private int killedBy(Signal signal) {
        return killedBy(signal.number());
    }

    private int killedBy(int signal) {
        syscalls.flushAndClose();
        String message = Signal.shellMessage(signal);
        if (!message.isEmpty()) {
            options.diagnostics().println(message);
            options.diagnostics().flush();
        }
        return 128 + signal;
    }
}
