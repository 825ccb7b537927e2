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
import org.ppcvm.core.cpu.SystemRegisters;
import org.ppcvm.core.debug.DebugEvent;
import org.ppcvm.core.debug.GuestDebug;
import org.ppcvm.core.debug.Skip;
import org.ppcvm.core.debug.WatchpointHit;
import org.ppcvm.core.exec.DecodedCode;
import org.ppcvm.core.exec.ExecutionEngine;
import org.ppcvm.core.exec.Interpreter;
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
import org.ppcvm.linux.host.Errno;

/**
 * A Linux user-mode process: loads the executable (and its program interpreter), builds the
 * initial stack, and runs its threads, servicing their exits: system calls go to {@link
 * Syscalls}, interrupts become signals.
 *
 * <p>Threads ({@code clone}) run on the calling host thread, one at a time, deterministically: a
 * thread runs for {@link #SLICE} instructions or until it waits (a futex, a descriptor
 * that is not ready, a sleep), then the next runnable one in creation order takes over; a switch
 * clears the reservation, as Linux's exception exit does. A process clock (instructions run by
 * all threads) is every thread's time base. When no thread can run, the process waits in the
 * host for whatever ends a wait first: a descriptor, a deadline, a signal, a debugger.
 *
 * <p>Signals are delivered where Linux delivers them, on a thread's way back to user mode after a
 * system call, an interrupt or a switch: to the handler through a signal frame ({@link
 * SignalFrames}), or by their default action, which ends the process with the shell's message
 * and status 128+N (a JVM cannot die of the guest's signal as qemu-ppc does). Under a debugger
 * ({@link #resume}) every signal stops the process before it is delivered, as under ptrace.
 */
public final class LinuxProcess implements OsPersonality {
    /** Instructions a thread runs before the next one gets its turn (a multiple of the vCPU's quantum). */
    static final long SLICE = 4 * Vcpu.QUANTUM;

    /** MSR for user code: problem state, FP available, external interrupts on. */
    private static final int USER_MSR = Cpu.MSR_PR | Cpu.MSR_FP | Cpu.MSR_EE | Cpu.MSR_ME;

    private final LinuxOptions options;
    private final Memory memory;
    private final GuestDebug debug;
    private final ExecutionEngine engine;
    private final Syscalls syscalls;
    private final SymbolTable symbols;
    private final byte[] auxv;
    private final int loadBias;
    private final ProcessSignals processSignals = new ProcessSignals();
    private final SignalFrames frames;
    private final IntervalTimers timers;

    /** The live threads in creation order; the first is the initial one while it lives. */
    private final List<LinuxThread> threads = new ArrayList<>();

    private final LinuxThread initial;
    private final ProcessContext mainProcess;
    private int nextTid = Syscalls.PID + 1;

    /** Where the round-robin search for the next thread to run starts. */
    private int nextIndex;

    /** Instructions run by all threads: the process clock every thread's time base reads. */
    private long clock;

    /** The running thread gave up its slice (sched_yield, a wait). */
    private boolean sliceOver;

    private long waitSequence;

    /** The system calls whose entry and return stop a run under a debugger. */
    private java.util.function.IntPredicate caughtSyscalls = n -> false;

    /** A debugger asked the run to stop ({@link #requestStop()}), as opposed to a timer. */
    private volatile boolean stopRequested;

    /** How the process ended, once it has: every later resume reports it again. */
    private GuestStop end;

    private Integer exitStatus;

    /** A program interpreter and the host file it was read from. */
    private record ProgramInterpreter(ElfFile elf, Path file) {}

    private LinuxProcess(LinuxOptions options, ElfFile elf, ProgramInterpreter interpreter) throws ElfException {
        this.options = options;
        this.memory = new Memory();
        AddressSpace space = new AddressSpace(memory);
        LoadedImage image = ElfLoader.load(elf, memory);
        space.setBrkStart(image.end());
        MemoryMaps maps = new MemoryMaps();
        mapImage(maps, image, options.program());
        int entry = image.entry();
        int interpreterBase = 0;
        if (interpreter != null) {
            // Where Linux mmaps the interpreter: the highest free range below the mmap top.
            interpreterBase = space.findFree(0, ElfLoader.span(interpreter.elf()));
            if (interpreterBase == 0) {
                throw new ElfException("no room in the address space for the program interpreter");
            }
            LoadedImage loaded = ElfLoader.loadAt(interpreter.elf(), memory, interpreterBase);
            mapImage(maps, loaded, interpreter.file());
            interpreterBase = loaded.bias();
            entry = loaded.entry();
        }
        this.symbols = new SymbolTable(elf.symbols(), image.bias());
        this.loadBias = image.bias();
        SignalFrames.Trampolines trampolines = SignalFrames.installTrampolines(memory, AddressSpace.SIGNAL_TRAMPOLINES);
        this.frames = new SignalFrames(new UserMemory(memory), trampolines);
        this.timers = new IntervalTimers(this::timerExpired);
        maps.map(
                AddressSpace.STACK_TOP - InitialStack.STACK_SIZE,
                InitialStack.STACK_SIZE,
                MemoryMaps.Origin.named("[stack]", AddressSpace.STACK_TOP - InitialStack.STACK_SIZE));
        this.syscalls = new Syscalls(memory, space, options, image, frames, timers, maps, new Scheduling());
        DecodedCode code = new DecodedCode(memory);
        this.debug = new GuestDebug(memory, code);
        this.engine = new Interpreter(code, debug);
        this.mainProcess = new ProcessContext(Syscalls.PID, syscalls.mainFds(), processSignals, null);
        this.initial = newThread(Syscalls.PID, mainProcess, new Cpu(memory));
        initial.name = LinuxThread.commOf(options.program().getFileName().toString());
        Cpu cpu = initial.cpu;
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
    }

    private LinuxThread newThread(int tid, ProcessContext process, Cpu cpu) {
        LinuxThread t =
                new LinuxThread(tid, process, cpu, new Vcpu(cpu, engine, debug), new SignalState(process.signals()));
        threads.add(t);
        return t;
    }

    /** Records an image's file pages for /proc/self/maps, under the file's absolute path. */
    private static void mapImage(MemoryMaps maps, LoadedImage image, Path file) {
        long device = 0;
        long inode = 0;
        try {
            device = ((Number) Files.getAttribute(file, "unix:dev")).longValue();
            inode = ((Number) Files.getAttribute(file, "unix:ino")).longValue();
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | SecurityException e) {
            // Without them the lines say device 00:00 and inode 0, as for an anonymous mapping.
        }
        maps.mapImage(image, LinuxOptions.absolute(file), device, inode);
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
            ProgramInterpreter interpreter = null;
            if (elf.interpreter().isPresent()) {
                interpreter = interpreter(options, elf.interpreter().get());
            }
            return new LinuxProcess(options, elf, interpreter);
        } catch (ElfException e) {
            throw new StartException(options.program() + ": " + e.getMessage());
        }
    }

    /** The program interpreter a dynamically linked program names, looked up through the sysroot. */
    private static ProgramInterpreter interpreter(LinuxOptions options, String path) throws StartException {
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
            return new ProgramInterpreter(interpreter, host);
        } catch (IOException | SecurityException e) {
            throw new StartException(where + " (" + host + "): cannot read: " + describe(e));
        } catch (ElfException e) {
            throw new StartException(where + " (" + host + "): " + e.getMessage());
        }
    }

    private static String describe(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** The initial thread's processor (the embedding API and tests look at it). */
    public Cpu cpu() {
        return initial.cpu;
    }

    /** The initial thread's vCPU; its guest-debug interface is the whole process's. */
    public Vcpu vcpu() {
        return initial.vcpu;
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
        return Optional.of(options.programPath());
    }

    /** The id of the process's first thread (its pid). */
    public int mainThread() {
        return Syscalls.PID;
    }

    @Override
    public Optional<byte[]> kernelFile(String path) {
        return syscalls.procFiles().contents(path);
    }

    @Override
    public Optional<String> kernelLink(String path) {
        return syscalls.procFiles().link(path);
    }

    @Override
    public List<GuestThread> threads() {
        List<GuestThread> list = new ArrayList<>();
        for (LinuxThread t : threads) {
            if (t.process == mainProcess) {
                list.add(new GuestThread(t.tid, new String(t.name, StandardCharsets.UTF_8), t.vcpu));
            }
        }
        return list;
    }

    private LinuxThread thread(int tid) {
        for (LinuxThread t : threads) {
            if (t.tid == tid) {
                return t;
            }
        }
        throw new IllegalArgumentException("no thread " + tid);
    }

    @Override
    public OptionalInt signalFor(VcpuExit.Exception exception) {
        return OptionalInt.of(Faults.signalOf(exception).number());
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
        for (LinuxThread t : List.copyOf(threads)) {
            t.vcpu.requestExit();
        }
        syscalls.wakeUp();
    }

    @Override
    public void cancelStopRequest() {
        stopRequested = false;
        for (LinuxThread t : threads) {
            t.vcpu.cancelExitRequest();
        }
    }

    /** The timer thread's news: {@code signal} is due; a thread generates it at its next check. */
    private void timerExpired(int signal) {
        processSignals.expired(signal);
        for (LinuxThread t : List.copyOf(threads)) {
            t.vcpu.requestExit();
        }
        syscalls.wakeUp();
    }

    // ---- Running without a debugger ----------------------------------------------------------------

    /** Runs the process to its end and returns its exit status (128+N when killed by signal N). */
    public int run() {
        long start = System.nanoTime();
        try {
            while (true) {
                LinuxThread t = nextRunnable();
                Integer status;
                if (t == null) {
                    idle();
                    status = exitStatus;
                } else if (t.callPending()) {
                    // Its wait is over: the call runs again before the thread takes signals.
                    status = handle(t, resumeCall(t));
                } else {
                    status = deliverSignals(t);
                    if (status == null && t.runnable()) {
                        VcpuExit exit = options.trace() ? tracedStep(t) : runSlice(t, RunMode.CONTINUE, Skip.NONE);
                        status = handle(t, exit);
                        if (status == null && t.runnable()) {
                            status = deliverSignals(t);
                        }
                    }
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

    /** With --stats: the instructions executed since {@code startNanos} and their rate. */
    public void reportStats(long startNanos) {
        if (options.stats()) {
            double seconds = (System.nanoTime() - startNanos) / 1e9;
            long count = Math.max(clock, initial.cpu.instructionCount);
            options.diagnostics()
                    .printf(
                            "ppcvm: %d instructions in %.3f s (%.1f million per second)%n",
                            count, seconds, count / seconds / 1e6);
        }
    }

    /** One instruction, printed first as objdump would print it. */
    private VcpuExit tracedStep(LinuxThread t) {
        int pc = t.cpu.pc;
        String where = symbols.describe(pc).map(s -> " <" + s + ">").orElse("");
        String text;
        try {
            int word = memory.fetch(pc);
            text = String.format("%08x  %s", word, Disassembler.disassemble(word, pc, symbols::describe));
        } catch (MemoryFault f) {
            text = "(not executable)";
        }
        String who = threads.size() > 1 ? "[" + t.tid + "] " : "";
        options.diagnostics().printf("%s%08x%s: %s%n", who, pc, where, text);
        clock(t);
        VcpuExit exit = t.vcpu.step();
        clock = t.cpu.instructionCount;
        return exit;
    }

    // ---- Scheduling ------------------------------------------------------------------------------

    /** Sets a thread's time base to the process clock before it runs. */
    private void clock(LinuxThread t) {
        t.cpu.instructionCount = Math.max(t.cpu.instructionCount, clock);
    }

    /**
     * Runs {@code t} as {@code mode} says. With other threads alive a continue ends after a slice
     * (then the reservation goes, and the next thread's turn comes).
     */
    private VcpuExit runSlice(LinuxThread t, RunMode mode, Skip skip) {
        clock(t);
        boolean shared = threads.size() > 1;
        if (shared) {
            t.vcpu.setDeadline(t.cpu.instructionCount + SLICE);
        }
        sliceOver = false;
        VcpuExit exit = t.vcpu.run(mode, skip);
        t.vcpu.setDeadline(Long.MAX_VALUE);
        clock = t.cpu.instructionCount;
        if (exit instanceof VcpuExit.Interrupted i && i.reason() == VcpuExit.Reason.DEADLINE) {
            endSlice(t);
        }
        return exit;
    }

    /** The call a thread waited in runs again, as if its sc had just executed (which it does not again). */
    private VcpuExit resumeCall(LinuxThread t) {
        t.callInProgress = false;
        sliceOver = false;
        return new VcpuExit.SystemCall(0);
    }

    private void endSlice(LinuxThread t) {
        t.cpu.reserved = false;
        int index = threads.indexOf(t);
        nextIndex = index < 0 ? nextIndex : index + 1;
        // The others may have waited on descriptors or deadlines meanwhile.
        endWaits(0);
    }

    /**
     * The next thread to run, round robin in creation order, or null when none can run. Threads
     * waiting while a signal they can take is pending stop waiting first.
     */
    private LinuxThread nextRunnable() {
        wakeForSignals();
        int n = threads.size();
        for (int i = 0; i < n; i++) {
            LinuxThread t = threads.get(Math.floorMod(nextIndex + i, n));
            if (t.runnable()) {
                nextIndex = Math.floorMod(nextIndex + i, n);
                return t;
            }
        }
        return null;
    }

    /** No thread can run: waits in the host until a wait can end (or a wake-up), then ends those. */
    private void idle() {
        long now = System.nanoTime();
        long deadline = LinuxThread.Wait.NONE;
        for (LinuxThread t : threads) {
            if (t.wait != null) {
                deadline = Math.min(deadline, t.wait.deadline());
            }
        }
        long timeout = deadline == LinuxThread.Wait.NONE ? -1 : Math.max(0, deadline - now);
        endWaits(timeout);
    }

    /**
     * Polls the descriptors threads wait for (at most {@code timeoutNanos}; negative: until one is
     * ready or a wake-up) and ends the waits whose descriptor is ready or whose deadline passed.
     */
    private void endWaits(long timeoutNanos) {
        List<LinuxThread> waiting = new ArrayList<>();
        List<Integer> fds = new ArrayList<>();
        List<Short> events = new ArrayList<>();
        for (LinuxThread t : threads) {
            if (t.wait instanceof LinuxThread.Wait.Descriptor d) {
                for (int i = 0; i < d.hostFds().length; i++) {
                    waiting.add(t);
                    fds.add(d.hostFds()[i]);
                    events.add(d.events()[i]);
                }
            }
        }
        boolean anyWait = threads.stream().anyMatch(t -> t.wait != null);
        // A child's end wakes the poll below too.
        if (!anyWait) {
            return;
        }
        int[] fdArray = fds.stream().mapToInt(Integer::intValue).toArray();
        short[] eventArray = new short[events.size()];
        for (int i = 0; i < eventArray.length; i++) {
            eventArray[i] = events.get(i);
        }
        short[] revents = new short[fdArray.length];
        long r = syscalls.pollHost(fdArray, eventArray, revents, timeoutNanos);
        if (r > 0) {
            for (int i = 0; i < revents.length; i++) {
                if (revents[i] != 0) {
                    waiting.get(i).wait = null;
                }
            }
        }
        long now = System.nanoTime();
        for (LinuxThread t : threads) {
            if (t.wait != null && t.wait.deadline() != LinuxThread.Wait.NONE && now - t.wait.deadline() >= 0) {
                switch (t.wait) {
                    case LinuxThread.Wait.Descriptor d -> {
                        t.wait = null;
                        t.waitTimedOut = true;
                    }
                    case LinuxThread.Wait.Futex f -> t.completeWait(-Errno.ETIMEDOUT);
                    case LinuxThread.Wait.Sleep s -> t.completeWait(0);
                    case LinuxThread.Wait.ForSignal s -> {}
                    case LinuxThread.Wait.Vfork v -> {}
                    case LinuxThread.Wait.ForChild c -> {}
                }
            }
            if (t.wait instanceof LinuxThread.Wait.ForChild && syscalls.anyChildEnded()) {
                t.wait = null; // wait4 runs again and finds it
            }
        }
    }

    /** A waiting thread with a signal it can take stops waiting, as Linux's signal_wake_up makes it. */
    private void wakeForSignals() {
        for (LinuxThread t : threads) {
            if (t.wait != null && t.signals.hasDeliverable()) {
                interruptWait(t);
            }
        }
    }

    /** Ends {@code t}'s wait, or its call in progress, for a signal it is about to take. */
    private void interruptWait(LinuxThread t) {
        switch (t.wait) {
            case null -> interruptCall(t, Syscalls.Interrupted.RESTART_UNLESS_HANDLER_WITHOUT_SA_RESTART);
            case LinuxThread.Wait.Descriptor d -> {
                t.wait = null;
                interruptCall(t, d.interrupted());
            }
            case LinuxThread.Wait.Sleep s -> {
                syscalls.writeRemainingSleep(t);
                t.completeWait(-Errno.EINTR);
            }
            case LinuxThread.Wait.Futex f -> t.completeWait(-Errno.EINTR);
            case LinuxThread.Wait.ForSignal s -> t.completeWait(-Errno.EINTR);
            case LinuxThread.Wait.ForChild c -> {
                t.wait = null;
                interruptCall(t, Syscalls.Interrupted.RESTART_UNLESS_HANDLER_WITHOUT_SA_RESTART);
            }
            // A vfork parent takes its signals once the child has executed or exited.
            case LinuxThread.Wait.Vfork v -> {}
        }
    }

    /**
     * A signal interrupts the call {@code t} waits in: the PC goes back to its sc, as Linux's
     * restart does, and the signal's delivery decides between running it again and EINTR. A
     * debugger that saw the call enter sees it return first.
     */
    private static void interruptCall(LinuxThread t, Syscalls.Interrupted how) {
        if (!t.callPending()) {
            return;
        }
        t.callInProgress = false;
        t.cpu.pc -= 4;
        if (t.callCaught) {
            t.callCaught = false;
            t.syscallExitPending = t.cpu.gpr[0];
        }
        t.interrupted = how;
    }

    /** What the system calls see of the threads. */
    private final class Scheduling implements Syscalls.Threads {
        @Override
        public boolean multiThreaded() {
            return threads.size() > 1;
        }

        @Override
        public LinuxThread spawn(LinuxThread parent) {
            Cpu cpu = new Cpu(memory);
            cpu.copyRegistersFrom(parent.cpu);
            cpu.instructionCount = parent.cpu.instructionCount;
            LinuxThread child = newThread(nextTid++, parent.process, cpu);
            child.name = parent.name;
            child.signals.setBlocked(parent.signals.blocked());
            if (stopRequested) {
                child.vcpu.requestExit();
            }
            return child;
        }

        @Override
        public LinuxThread find(int tid) {
            for (LinuxThread t : threads) {
                if (t.tid == tid) {
                    return t;
                }
            }
            return null;
        }

        @Override
        public void exit(LinuxThread thread, int status) {
            thread.exited = true;
            thread.wait = null;
            thread.signals.detach();
            int index = threads.indexOf(thread);
            threads.remove(thread);
            if (index >= 0 && index < nextIndex) {
                nextIndex--;
            }
            sliceOver = true;
        }

        @Override
        public int futexWake(int address, int count, int bitset) {
            int woken = 0;
            for (LinuxThread t : waitersOn(address)) {
                if (woken == count) {
                    break;
                }
                LinuxThread.Wait.Futex f = (LinuxThread.Wait.Futex) t.wait;
                if ((f.bitset() & bitset) != 0) {
                    t.completeWait(0);
                    woken++;
                }
            }
            return woken;
        }

        @Override
        public int futexRequeue(int from, int wake, int to, int requeue) {
            int woken = futexWake(from, wake, Syscalls.FUTEX_BITSET_MATCH_ANY);
            int moved = 0;
            for (LinuxThread t : waitersOn(from)) {
                if (moved == requeue) {
                    break;
                }
                LinuxThread.Wait.Futex f = (LinuxThread.Wait.Futex) t.wait;
                t.wait = new LinuxThread.Wait.Futex(to, f.bitset(), f.deadlineNanos());
                moved++;
            }
            return woken + moved;
        }

        /** The threads waiting on a futex word, in the order they started waiting. */
        private List<LinuxThread> waitersOn(int address) {
            List<LinuxThread> list = new ArrayList<>();
            for (LinuxThread t : threads) {
                if (t.wait instanceof LinuxThread.Wait.Futex f && f.address() == address) {
                    list.add(t);
                }
            }
            list.sort((a, b) -> Long.compare(a.waitSequence, b.waitSequence));
            return list;
        }

        @Override
        public void yieldSlice() {
            sliceOver = true;
        }

        @Override
        public LinuxThread spawnProcess(LinuxThread parent, FdTable fds) {
            int pid = nextTid++;
            ProcessContext process =
                    new ProcessContext(pid, fds, parent.process.signals().copyActions(), parent);
            Cpu cpu = new Cpu(memory);
            cpu.copyRegistersFrom(parent.cpu);
            cpu.instructionCount = parent.cpu.instructionCount;
            LinuxThread child = newThread(pid, process, cpu);
            child.name = parent.name;
            child.signals.setBlocked(parent.signals.blocked());
            parent.wait = new LinuxThread.Wait.Vfork(pid);
            return child;
        }

        @Override
        public void endProcess(LinuxThread child) {
            exit(child, 0);
            LinuxThread parent = child.process.vforkParent();
            if (parent.wait instanceof LinuxThread.Wait.Vfork) {
                parent.completeWait(child.process.pid());
            }
        }

        @Override
        public void childEnded(int pid) {
            mainProcess.signals().expired(Signal.SIGCHLD.number());
            for (LinuxThread t : List.copyOf(threads)) {
                t.vcpu.requestExit();
            }
            syscalls.wakeUp();
        }
    }

    // ---- Exits of a thread ------------------------------------------------------------------------

    /** Services one exit of thread {@code t}; returns the exit status when the process ended, else null. */
    private Integer handle(LinuxThread t, VcpuExit exit) {
        Integer status = switch (exit) {
            case VcpuExit.SystemCall sc -> systemCall(t);
            case VcpuExit.Exception e -> {
                raise(t, e);
                yield null;
            }
            case VcpuExit.Interrupted i -> null;
            case VcpuExit.Debug d -> null;
            case VcpuExit.InternalError e -> internalError(e);
            case VcpuExit.Halt h -> killedBy(Signal.SIGILL.number());
            case VcpuExit.Shutdown s -> killedBy(Signal.SIGKILL.number());
        };
        if (status == null && sliceOver && threads.contains(t)) {
            endSlice(t);
        } else if (status == null && sliceOver) {
            endWaits(0);
        }
        return status;
    }

    private Integer internalError(VcpuExit.InternalError e) {
        options.diagnostics().println("ppcvm: " + e.message() + " (a ppcvm defect; please report it)");
        if (e.cause() != null && System.getenv("PPCVM_DEBUG") != null) {
            e.cause().printStackTrace(options.diagnostics());
        }
        return 70;
    }

    /** A system call of {@code t}; a defect in its implementation ends the run with a clear message. */
    private Integer systemCall(LinuxThread t) {
        t.trap = Faults.TRAP_SYSTEM_CALL;
        t.origR3 = t.cpu.gpr[3];
        Integer status;
        try {
            status = syscalls.dispatch(t);
        } catch (RuntimeException e) {
            return internalError(new VcpuExit.InternalError(
                    "internal error in system call " + t.cpu.gpr[0] + " at pc 0x%08x: %s".formatted(t.cpu.pc, e), e));
        }
        if (t.wait != null) {
            t.waitSequence = ++waitSequence;
            sliceOver = true;
        }
        if (status != null) {
            exitStatus = status;
        }
        return status;
    }

    /** An interrupt raised by an instruction: its signal is forced on the thread (Linux's _exception). */
    private void raise(LinuxThread t, VcpuExit.Exception e) {
        t.trap = Faults.trapOf(e);
        t.origR3 = t.cpu.gpr[3];
        t.dar = e.dear();
        t.esr = e.esr();
        t.signals.force(Faults.siginfo(e, t.cpu, memory));
    }

    // ---- Signal delivery ----------------------------------------------------------------------------

    /** Delivers every signal {@code t} may take now; the exit status if one ends the process. */
    private Integer deliverSignals(LinuxThread t) {
        SigInfo info;
        while ((info = t.signals.dequeue()) != null) {
            Integer status = deliver(t, info);
            if (status != null) {
                return status;
            }
        }
        finishDelivery(t);
        return null;
    }

    /** After delivery: no handler claimed an interrupted call, which restarts; sigsuspend's mask returns. */
    private static void finishDelivery(LinuxThread t) {
        t.signals.restoreSavedMask();
        Syscalls.takeInterrupted(t);
    }

    /**
     * Delivers one signal to {@code t}: to its handler, through a frame on the stack, or by its
     * default action. Returns the exit status when that ends the process, else null.
     */
    private Integer deliver(LinuxThread t, SigInfo info) {
        int sig = info.signo();
        SignalState signals = t.signals;
        SignalState.Action action = signals.action(sig);
        if (action.handler() == SignalState.SIG_IGN) {
            return null;
        }
        if (action.handler() == SignalState.SIG_DFL) {
            if (SignalState.defaultIgnored(sig)) {
                return null;
            }
            if (t.process.isVforkChild()) {
                syscalls.killVforkChild(t, sig);
                return null;
            }
            return killedBy(sig);
        }
        if (t.wait != null || t.callInProgress) {
            // A debugger's signal for a thread that waits: the wait ends as a signal's would.
            interruptWait(t);
        }
        syscalls.beforeHandler(t, (action.flags() & SignalState.SA_RESTART) != 0);
        long saved = signals.maskForFrame();
        try {
            frames.setup(t, info, action, saved);
        } catch (UserMemory.BadAddress e) {
            // No room for the frame: Linux's force_sigsegv, fatal unless a SIGSEGV handler can run.
            signals.restoreMask(saved);
            if (sig == Signal.SIGSEGV.number()) {
                signals.setAction(sig, SignalState.Action.DEFAULT);
            }
            signals.force(SigInfo.kernel(Signal.SIGSEGV.number()));
            return null;
        }
        long blockNow = action.mask() | ((action.flags() & SignalState.SA_NODEFER) != 0 ? 0 : SignalState.bit(sig));
        signals.setBlocked(signals.blocked() | blockNow);
        if ((action.flags() & SignalState.SA_RESETHAND) != 0) {
            signals.setAction(sig, SignalState.Action.DEFAULT);
        }
        return null;
    }

    /** The default action of a fatal signal: the shell's line on stderr, status 128+N. */
    private int killedBy(int signal) {
        exitStatus = syscalls.dieBySignal(signal);
        return exitStatus;
    }

    // ---- Running under a debugger -------------------------------------------------------------------

    /**
     * Runs under a debugger's control until a debug event, a signal, a stop request or the end of
     * the process. {@code tid} runs as {@code mode} says, with the points {@code skipAtPc} names
     * quiet for its first instruction ({@link Skip#after}); with a continue the other threads run
     * too, in turns. System calls are serviced on the way, as Linux would; a step that executes
     * {@code sc} ends after the call, on the next instruction. Every signal stops the process
     * before it is delivered, as under ptrace: {@code signal} is the debugger's answer for the one
     * {@code tid} last reported (deliver it, or 0 to discard it).
     */
    @Override
    public GuestStop resume(int tid, RunMode mode, Skip skipAtPc, int signal) {
        if (end != null) {
            return end;
        }
        LinuxThread stepping = thread(tid);
        Skip skip = skipAtPc;
        SigInfo toDeliver = stepping.interruptedDelivery;
        stepping.interruptedDelivery = null;
        if (toDeliver == null && signal != 0) {
            // A debugger may deliver another signal than the one it was told about: it then
            // comes from no one (si_code SI_USER, pid 0), as a ptrace tracer's does.
            toDeliver = stepping.reportedSignal != null && stepping.reportedSignal.signo() == signal
                    ? stepping.reportedSignal
                    : SigInfo.user(signal, 0, 0);
        }
        stepping.reportedSignal = null;
        if (toDeliver != null) {
            boolean handler = stepping.signals.action(toDeliver.signo()).isHandler();
            GuestStop stop = deliverUnderDebugger(stepping, toDeliver, skip);
            if (stop != null) {
                return stop;
            }
            skip = Skip.NONE;
            if (handler && !(mode instanceof RunMode.Continue)) {
                // A step that delivers a signal to a handler ends on the handler's first instruction.
                return new GuestStop.Debug(stepping.tid, debug.stepEvent(stepping.cpu.pc));
            }
        }
        boolean continuing = mode instanceof RunMode.Continue && !debug.singleStep();
        // The sc a step is inside of while its thread waits (a futex, a sleep), or -1.
        int stepInsideCall = -1;
        if (!continuing && (stepping.callPending() || (stepping.wait != null && !stepping.exited))) {
            // A step of a thread blocked in a call ends when the call returns, on the instruction
            // after its sc, as Linux reports a single-stepped system call's exit.
            stepInsideCall = stepping.cpu.pc - 4;
        }
        while (true) {
            if (stopRequested) {
                stopRequested = false;
                cancelStopRequest();
                return new GuestStop.Interrupted(stepping.tid);
            }
            if (stepInsideCall != -1
                    && stepping.runnable()
                    && !stepping.callPending()
                    && stepping.cpu.pc == stepInsideCall + 4) {
                // The call the step made has completed: the step ends after it.
                return new GuestStop.Debug(stepping.tid, debug.stepEvent(stepping.cpu.pc));
            }
            LinuxThread t = continuing || !stepping.runnable() ? nextRunnable() : stepping;
            if (t == null) {
                idle();
                continue;
            }
            if (t.syscallAtEntry >= 0 || t.callPending()) {
                // The call runs now: one the debugger saw enter (its return stops again), or one
                // that waited and runs again now that its wait is over.
                boolean caught = t.syscallAtEntry >= 0 || t.callCaught;
                int number = t.cpu.gpr[0];
                t.syscallAtEntry = -1;
                t.callCaught = false;
                t.callInProgress = false;
                Integer status = systemCall(t);
                if (status != null) {
                    return ended(new GuestStop.Exited(status));
                }
                DebugEvent hit = syscalls.takeDebugEvent();
                if (hit != null) {
                    return new GuestStop.Debug(t.tid, hit);
                }
                if (t.callInProgress) {
                    t.callCaught = caught;
                    if (t == stepping && !continuing) {
                        stepInsideCall = t.cpu.pc - 4;
                    }
                    continue;
                }
                if (caught && !t.runnable()) {
                    t.syscallExitPending = number;
                    continue;
                }
                if (caught) {
                    return new GuestStop.SyscallExit(t.tid, number);
                }
                continue; // a step inside this call ends above, once its thread may run
            }
            if (t.syscallExitPending >= 0) {
                int number = t.syscallExitPending;
                t.syscallExitPending = -1;
                return new GuestStop.SyscallExit(t.tid, number);
            }
            SigInfo next = t.signals.dequeue();
            if (next != null) {
                t.reportedSignal = next;
                return new GuestStop.Signal(t.tid, next.signo());
            }
            finishDelivery(t);
            RunMode runAs = t == stepping ? mode : RunMode.CONTINUE;
            VcpuExit exit = runSlice(t, runAs, t == stepping ? skip : t.resumeSkip);
            t.resumeSkip = Skip.NONE;
            if (t == stepping) {
                skip = Skip.NONE;
            }
            switch (exit) {
                case VcpuExit.Debug d
                when t.process != mainProcess -> {
                    // A vfork child runs in the parent's memory but is no thread gdb knows: it
                    // steps off the points instead of stopping.
                    t.resumeSkip = Skip.after(d.event());
                }
                case VcpuExit.Debug d -> {
                    t.trap = Faults.TRAP_DEBUG;
                    if (d.event().cause() == org.ppcvm.core.debug.DebugCause.STEP && t != stepping) {
                        continue; // another thread's single step under --step: keep going
                    }
                    return new GuestStop.Debug(t.tid, d.event());
                }
                case VcpuExit.Interrupted i -> {
                    if (i.reason() == VcpuExit.Reason.REQUESTED && stopRequested) {
                        stopRequested = false;
                        cancelStopRequest();
                        return new GuestStop.Interrupted(t.tid);
                    }
                }
                case VcpuExit.SystemCall sc -> {
                    if (caughtSyscalls.test(t.cpu.gpr[0])) {
                        t.trap = Faults.TRAP_SYSTEM_CALL;
                        t.origR3 = t.cpu.gpr[3];
                        t.syscallAtEntry = t.cpu.gpr[0];
                        return new GuestStop.SyscallEntry(t.tid, t.cpu.gpr[0]);
                    }
                    Integer status = systemCall(t);
                    debug.setSuppressed(Skip.NONE);
                    if (status != null) {
                        return ended(new GuestStop.Exited(status));
                    }
                    DebugEvent hit = syscalls.takeDebugEvent();
                    if (hit != null) {
                        return new GuestStop.Debug(t.tid, hit);
                    }
                    if (sliceOver) {
                        endSlice(t);
                    }
                    if (continuing || t != stepping) {
                        continue;
                    }
                    if (!t.runnable() || t.callPending()) {
                        stepInsideCall = t.cpu.pc - 4;
                        continue; // the step ends when the call does, the others run meanwhile
                    }
                    if (t.signals.hasDeliverable()) {
                        continue; // signals are reported before the step ends
                    }
                    if (!(mode instanceof RunMode.Range r && r.contains(t.cpu.pc))) {
                        return new GuestStop.Debug(t.tid, debug.stepEvent(t.cpu.pc));
                    }
                }
                case VcpuExit.Exception e -> raise(t, e);
                default -> {
                    Integer status = handle(t, exit);
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
    private GuestStop deliverUnderDebugger(LinuxThread t, SigInfo info, Skip skip) {
        debug.setSuppressed(skip);
        try {
            Integer status = deliver(t, info);
            if (status != null) {
                return ended(new GuestStop.Killed(info.signo()));
            }
            return null;
        } catch (WatchpointHit hit) {
            t.interruptedDelivery = info;
            DebugEvent e = hit.event();
            return new GuestStop.Debug(
                    t.tid,
                    new DebugEvent(
                            e.cause(),
                            e.exception(),
                            t.cpu.pc,
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
    public int kernelRegister(int tid, KernelRegister register) {
        LinuxThread t = thread(tid);
        return switch (register) {
            case ORIG_R3 -> t.origR3;
            case TRAP -> t.trap;
        };
    }

    @Override
    public void setKernelRegister(int tid, KernelRegister register, int value) {
        LinuxThread t = thread(tid);
        switch (register) {
            case ORIG_R3 -> t.origR3 = value;
            case TRAP -> {
                t.trap = value;
                if (value != Faults.TRAP_SYSTEM_CALL) {
                    leaveCall(t);
                }
            }
        }
    }

    /**
     * A debugger took a thread that waits in a system call out of it (gdb sets TRAP to -1 to call
     * a function in the thread): the wait ends and the call is left in progress, to run again
     * from the start once the debugger puts the PC and TRAP back, as Linux restarts it then.
     */
    private static void leaveCall(LinuxThread t) {
        if (t.wait == null || t.wait instanceof LinuxThread.Wait.Vfork) {
            return;
        }
        if (!t.callInProgress) {
            t.callInProgress = true;
            t.callPc = t.cpu.pc;
        }
        t.wait = null;
    }

    @Override
    public void catchSystemCalls(java.util.function.IntPredicate numbers) {
        caughtSyscalls = numbers;
    }

    @Override
    public int loadBias() {
        return loadBias;
    }
}
