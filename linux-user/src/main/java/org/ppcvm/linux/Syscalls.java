package org.ppcvm.linux;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.ppcvm.core.cpu.Cpu;
import org.ppcvm.core.debug.DebugEvent;
import org.ppcvm.core.debug.WatchpointHit;
import org.ppcvm.core.mem.Memory;
import org.ppcvm.core.mem.MemoryFault;
import org.ppcvm.core.mem.Perm;
import org.ppcvm.linux.UserMemory.BadAddress;
import org.ppcvm.linux.abi.GuestDirent64;
import org.ppcvm.linux.abi.GuestEventfd;
import org.ppcvm.linux.abi.GuestIoctls;
import org.ppcvm.linux.abi.GuestOpenFlags;
import org.ppcvm.linux.abi.GuestRlimit;
import org.ppcvm.linux.abi.GuestStat64;
import org.ppcvm.linux.abi.GuestStatx;
import org.ppcvm.linux.abi.GuestSysinfo;
import org.ppcvm.linux.abi.GuestTermios;
import org.ppcvm.linux.abi.GuestTime;
import org.ppcvm.linux.abi.GuestUtsname;
import org.ppcvm.linux.abi.GuestWinsize;
import org.ppcvm.linux.host.Errno;
import org.ppcvm.linux.host.HostConstants;
import org.ppcvm.linux.host.HostOs;
import org.ppcvm.linux.host.HostProcesses;
import org.ppcvm.linux.host.HostStat;
import org.ppcvm.linux.host.HostStatx;
import org.ppcvm.linux.host.HostTermios;
import org.ppcvm.linux.host.IoSlice;
import org.ppcvm.linux.host.Out;
import org.ppcvm.linux.host.Rlimit;
import org.ppcvm.linux.host.SysInfo;
import org.ppcvm.linux.host.Timespec;
import org.ppcvm.linux.host.Utsname;
import org.ppcvm.linux.host.Winsize;

/**
 * The Linux system-call interface of a 32-bit PowerPC process: number in r0, arguments in r3 to
 * r8, result in r3 with CR0[SO] set on error (r3 then holds the positive errno). 64-bit arguments
 * occupy an aligned register pair (r5/r6 or r7/r8), high word first.
 *
 * <p>Each call is a method; {@link #dispatch()} finds it by number in a table built once. An
 * unknown call returns ENOSYS and is reported once on stderr.
 */
final class Syscalls {
    @FunctionalInterface
    private interface Handler {
        long call(int a, int b, int c, int d, int e, int f) throws BadAddress;
    }

    private record Entry(String name, Handler handler) {}

    private static final Map<Integer, String> NAMES = loadNames();

    /**
     * write, writev, pwrite64, pwritev, pwritev2: EPIPE raises SIGPIPE. (The socket calls raise it
     * themselves, unless MSG_NOSIGNAL says not to.)
     */
    private static final Set<Integer> WRITES_TO_PIPES = Set.of(4, 146, 180, 321, 381);
    /** The guest's process and thread id: fixed, so that runs are reproducible. */
    static final int PID = 4242;

    /** A handler's result meaning "every register was loaded: leave r3 and CR0 alone". */
    private static final long RESTORED_ALL = Long.MIN_VALUE;

    /**
     * A handler's result meaning "a wake-up interrupted the wait: run the call again later". The
     * PC goes back to the {@code sc} with every register as it was, so the call restarts once the
     * owner (a debugger, a signal) is done, as Linux restarts an interrupted call.
     */
    static final long RESTART = Long.MIN_VALUE + 1;

    /**
     * Like {@link #RESTART}, for calls Linux does not restart after a signal handler ran
     * (ERESTARTNOHAND: poll, select, pause, sigsuspend, sleeps, sigtimedwait): with a handler the
     * call fails with EINTR instead.
     */
    static final long RESTART_NOHAND = Long.MIN_VALUE + 2;

    /**
     * A handler's result meaning "the call waits (the thread's {@link LinuxThread#wait}); whoever
     * ends the wait sets the result". The PC stays after the sc.
     */
    private static final long WAITING = Long.MIN_VALUE + 3;

    /**
     * A handler's result meaning "not ready: run the call again when the thread's wait ends". The
     * PC goes back to the sc, nothing changed.
     */
    static final long RETRY = Long.MIN_VALUE + 4;

    /** How a call that was interrupted before it completed may go on; see {@link #takeInterrupted}. */
    enum Interrupted {
        NONE,
        /** ERESTARTSYS: restarted unless a handler without SA_RESTART runs. */
        RESTART_UNLESS_HANDLER_WITHOUT_SA_RESTART,
        /** ERESTARTNOHAND: restarted unless a handler runs. */
        RESTART_UNLESS_HANDLER
    }

    /** What the system calls need from the process's scheduler: its threads and their waits. */
    interface Threads {
        /** Whether more than one thread lives: a blocking call then waits without blocking the host. */
        boolean multiThreaded();

        /** A new thread with {@code parent}'s registers, tid {@code tid}, runnable after the call. */
        LinuxThread spawn(LinuxThread parent);

        /** The live thread with this tid, or null. */
        LinuxThread find(int tid);

        /** The thread ends (exit): taken out of scheduling; the last one ends the process. */
        void exit(LinuxThread thread, int status);

        /** Ends the waits of up to {@code count} FUTEX_WAITs on {@code address} matching {@code bitset}. */
        int futexWake(int address, int count, int bitset);

        /** Wakes up to {@code wake} waiters on {@code from} and moves up to {@code requeue} others to {@code to}. */
        int futexRequeue(int from, int wake, int to, int requeue);

        /** The calling thread gives up the rest of its slice. */
        void yieldSlice();

        /**
         * A vfork child of {@code parent}'s process: a new process (pid) with copies of the
         * parent's descriptors and signal actions and {@code parent}'s registers, running in the
         * same memory; {@code parent} waits until {@link #endProcess} for the child.
         */
        LinuxThread spawnProcess(LinuxThread parent, FdTable fds);

        /** A vfork child executed a program or exited: it leaves; its parent's vfork returns its pid. */
        void endProcess(LinuxThread child);

        /** Thread-safe: a child process ended (SIGCHLD, and waiters in wait4 look again). */
        void childEnded(int pid);
    }

    /** The thread whose system call is being serviced, and its processor and signals. */
    private LinuxThread thread;

    private Cpu cpu;
    private SignalState signals;
    private final Threads threads;
    private final Memory memory;
    private final AddressSpace space;
    private final MemoryMaps maps;
    private final ProcFiles procFiles;
    private final LinuxOptions options;
    private final LoadedImage image;
    private final UserMemory user;
    private final HostOs host = new HostOs();
    /** The calling process's descriptors (the main process's, or a vfork child's own copy). */
    private FdTable fds;

    private final FdTable mainFds;
    private final ChildProcesses children;
    private final SharedFileMappings sharedMappings;
    private final Entry[] table = new Entry[512];
    /** The prctl flags the program set (by their set option), for it to read back. */
    private final Map<Integer, Integer> processFlags = new HashMap<>();

    private final Set<Integer> reportedUnknown = new HashSet<>();

    private final SignalFrames frames;
    private final IntervalTimers timers;

    private final SplittableRandom random = new SplittableRandom(0x5eed_1234_5678L);
    private Integer exitStatus;
    private DebugEvent pendingDebugEvent;

    Syscalls(
            Memory memory,
            AddressSpace space,
            LinuxOptions options,
            LoadedImage image,
            SignalFrames frames,
            IntervalTimers timers,
            MemoryMaps maps,
            Threads threads) {
        this.maps = maps;
        this.procFiles = new ProcFiles(memory, space, maps, options);
        this.frames = frames;
        this.timers = timers;
        this.threads = threads;
        this.memory = memory;
        this.space = space;
        this.options = options;
        this.image = image;
        this.user = new UserMemory(memory);
        this.mainFds = new FdTable(host, options.inheritedFds());
        this.sharedMappings = new SharedFileMappings(host, memory);
        this.fds = mainFds;
        this.children = new ChildProcesses(host, threads::childEnded);
        registerAll();
    }

    private static Map<Integer, String> loadNames() {
        Map<Integer, String> names = new TreeMap<>();
        try (InputStream in = Syscalls.class.getResourceAsStream("syscalls.txt")) {
            if (in != null) {
                for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                    String[] parts = line.trim().split(" ");
                    if (parts.length == 2 && !line.startsWith("#")) {
                        names.put(Integer.parseInt(parts[0]), parts[1]);
                    }
                }
            }
        } catch (IOException | NumberFormatException e) {
            // Names only decorate diagnostics; numbers still work without them.
        }
        return names;
    }

    private void on(int number, Handler handler) {
        table[number] = new Entry(NAMES.getOrDefault(number, "syscall_" + number), handler);
    }

    /** Services the system call {@code caller}'s vCPU stopped at; returns the exit status once the process ends. */
    Integer dispatch(LinuxThread caller) {
        thread = caller;
        cpu = caller.cpu;
        signals = caller.signals;
        fds = caller.process.fds();
        int nr = cpu.gpr[0];
        int[] r = cpu.gpr;
        Entry entry = nr >= 0 && nr < table.length ? table[nr] : null;
        thread.interrupted = Interrupted.NONE;
        long result;
        if (entry == null) {
            if (reportedUnknown.add(nr)) {
                options.diagnostics()
                        .println("ppcvm: unsupported system call " + nr + " (" + NAMES.getOrDefault(nr, "unknown")
                                + "): returning ENOSYS");
            }
            result = -Errno.ENOSYS;
        } else {
            try {
                result = entry.handler().call(r[3], r[4], r[5], r[6], r[7], r[8]);
            } catch (BadAddress | MemoryFault e) {
                result = -Errno.EFAULT;
            } catch (WatchpointHit hit) {
                // The kernel side was about to touch watched guest memory: stop at the sc, before
                // anything is visible; resuming with the points skipped performs the call.
                cpu.pc -= 4;
                DebugEvent e = hit.event();
                pendingDebugEvent = new DebugEvent(
                        e.cause(), e.exception(), cpu.pc, e.address(), e.accessAddress(), e.accessLength(), e.points());
                return null;
            }
        }
        if (options.strace()) {
            String name = entry != null ? entry.name() : NAMES.getOrDefault(nr, "syscall_" + nr);
            options.diagnostics()
                    .printf(
                            "%d %s(0x%x,0x%x,0x%x,0x%x,0x%x,0x%x) = %s%n",
                            thread.tid, name, r[3], r[4], r[5], r[6], r[7], r[8], describeResult(result));
        }
        if (exitStatus != null) {
            return exitStatus;
        }
        if (result == RESTORED_ALL || result == WAITING) {
            return null;
        }
        if (result == RETRY) {
            thread.callInProgress = true;
            thread.callPc = cpu.pc;
            return null;
        }
        if (result == RESTART || result == RESTART_NOHAND) {
            cpu.pc -= 4;
            thread.interrupted = result == RESTART
                    ? Interrupted.RESTART_UNLESS_HANDLER_WITHOUT_SA_RESTART
                    : Interrupted.RESTART_UNLESS_HANDLER;
            return null;
        }
        if (result == -Errno.EPIPE && WRITES_TO_PIPES.contains(nr)) {
            // Writing to a pipe or socket nobody reads: EPIPE, and SIGPIPE to the writer.
            signals.generate(SigInfo.user(Signal.SIGPIPE.number(), PID, (int) host.getuid()));
        }
        setResult(cpu, result);
        return null;
    }

    /** A system call's result as Linux returns it: r3, with CR0[SO] set and r3 = errno on an error. */
    static void setResult(Cpu cpu, long result) {
        if (result < 0 && result > -4096) {
            cpu.gpr[3] = (int) -result;
            cpu.cr |= 0x1000_0000;
        } else {
            cpu.gpr[3] = (int) result;
            cpu.cr &= ~0x1000_0000;
        }
    }

    /**
     * How the last call, if a wake-up interrupted it, may go on (the PC is back on its sc); once.
     * A signal handler about to run decides between restarting it and failing it with EINTR.
     */
    static Interrupted takeInterrupted(LinuxThread t) {
        Interrupted i = t.interrupted;
        t.interrupted = Interrupted.NONE;
        return i;
    }

    /**
     * A signal handler is about to run after a wake-up interrupted the last call: restarts it
     * (nothing to do, the PC is on its sc) or makes it fail with EINTR, as Linux decides for
     * ERESTARTSYS and ERESTARTNOHAND.
     */
    void beforeHandler(LinuxThread t, boolean saRestart) {
        Interrupted i = takeInterrupted(t);
        boolean restart = i == Interrupted.RESTART_UNLESS_HANDLER_WITHOUT_SA_RESTART && saRestart;
        if (i == Interrupted.NONE || restart) {
            return;
        }
        if (t.cpu.pc == t.sleepPc) {
            writeRemainingSleep(t);
        }
        t.sleepPc = -1;
        t.cpu.pc += 4;
        setResult(t.cpu, -Errno.EINTR);
    }

    private static String describeResult(long result) {
        if (result == RESTART || result == RESTART_NOHAND) {
            return "? (interrupted, will restart)";
        }
        if (result == RESTORED_ALL) {
            return "? (registers restored)";
        }
        return result < 0 && result > -4096 ? "-1 errno=" + (-result) : Long.toString(result);
    }

    /** The host's ids, which the guest's getuid() and friends also return. */
    InitialStack.Credentials credentials() {
        return new InitialStack.Credentials(
                (int) host.getuid(), (int) host.geteuid(), (int) host.getgid(), (int) host.getegid());
    }

    /** A watchpoint the last system call hit before touching guest memory, once. */
    DebugEvent takeDebugEvent() {
        DebugEvent e = pendingDebugEvent;
        pendingDebugEvent = null;
        return e;
    }

    void flushAndClose() {
        mainFds.closeAll();
    }

    private static long pair(int high, int low) {
        return (long) high << 32 | (low & 0xFFFF_FFFFL);
    }

    /** The guest's own /proc files, for a debugger too. */
    ProcFiles procFiles() {
        return procFiles;
    }

    // ---- For the calls kept in classes of their own (SocketCalls, EpollCalls, FileCalls) --------

    UserMemory user() {
        return user;
    }

    HostOs host() {
        return host;
    }

    FdTable fds() {
        return fds;
    }

    LinuxOptions options() {
        return options;
    }

    /** The thread whose system call is being serviced. */
    LinuxThread thread() {
        return thread;
    }

    boolean multiThreaded() {
        return threads.multiThreaded();
    }

    // ---- Table ---------------------------------------------------------------------------------

    private void registerAll() {
        // Process
        on(1, (a, b, c, d, e, f) -> exitThread(a));
        on(234, (a, b, c, d, e, f) -> exit(a));
        on(20, (a, b, c, d, e, f) -> thread.process.pid());
        on(207, (a, b, c, d, e, f) -> thread.tid);
        on(120, this::clone);
        // glibc tries clone3 first and falls back to clone on ENOSYS.
        on(435, (a, b, c, d, e, f) -> -Errno.ENOSYS);
        on(64, (a, b, c, d, e, f) -> thread.process.isVforkChild() ? PID : host.getppid());
        on(189, (a, b, c, d, e, f) -> vforkChild(0));
        on(11, (a, b, c, d, e, f) -> execve(a, b, c));
        on(114, (a, b, c, d, e, f) -> wait4(a, b, c, d));
        on(272, this::waitid);
        on(24, (a, b, c, d, e, f) -> host.getuid());
        on(49, (a, b, c, d, e, f) -> host.geteuid());
        on(47, (a, b, c, d, e, f) -> host.getgid());
        on(50, (a, b, c, d, e, f) -> host.getegid());
        on(232, (a, b, c, d, e, f) -> setTidAddress(a));
        on(300, (a, b, c, d, e, f) -> 0);
        // Restartable sequences are an optimisation glibc probes for; a kernel without them says
        // ENOSYS, which glibc takes quietly.
        on(387, (a, b, c, d, e, f) -> -Errno.ENOSYS);
        on(158, (a, b, c, d, e, f) -> schedYield());
        on(171, this::prctl);
        on(37, (a, b, c, d, e, f) -> kill(a, b));
        on(208, (a, b, c, d, e, f) -> tgkill(PID, a, b));
        on(250, (a, b, c, d, e, f) -> tgkill(a, b, c));
        on(221, (a, b, c, d, e, f) -> futex(a, b, c, d, e, f, false));
        on(422, (a, b, c, d, e, f) -> futex(a, b, c, d, e, f, true));
        on(223, this::schedGetaffinity);

        // Memory
        on(45, (a, b, c, d, e, f) -> space.brk(a));
        on(90, (a, b, c, d, e, f) -> mmap(a, b, c, d, e, f & 0xFFFF_FFFFL));
        on(192, (a, b, c, d, e, f) -> mmap(a, b, c, d, e, (f & 0xFFFF_FFFFL) << 12));
        on(91, (a, b, c, d, e, f) -> munmap(a, b));
        on(144, (a, b, c, d, e, f) -> msync(a, b, c));
        on(125, (a, b, c, d, e, f) -> mprotect(a, b, c));
        on(163, this::mremap);
        on(205, (a, b, c, d, e, f) -> 0);

        // Signals
        on(173, this::rtSigaction);
        on(174, this::rtSigprocmask);
        on(175, (a, b, c, d, e, f) -> rtSigpending(a, b));
        on(176, (a, b, c, d, e, f) -> rtSigtimedwait(a, b, c, d, false));
        on(421, (a, b, c, d, e, f) -> rtSigtimedwait(a, b, c, d, true));
        on(177, (a, b, c, d, e, f) -> rtSigqueueinfo(a, b, c));
        on(178, (a, b, c, d, e, f) -> rtSigsuspend(a, b));
        on(29, (a, b, c, d, e, f) -> sigsuspend(signals.blocked()));
        on(172, (a, b, c, d, e, f) -> sigreturn(true));
        on(119, (a, b, c, d, e, f) -> sigreturn(false));
        on(185, (a, b, c, d, e, f) -> sigaltstack(a, b));
        on(27, (a, b, c, d, e, f) -> alarm(a));
        on(104, (a, b, c, d, e, f) -> setitimer(a, b, c));
        on(105, (a, b, c, d, e, f) -> getitimer(a, b));
        on(249, (a, b, c, d, e, f) -> swapcontext(a, b, c));

        // Time
        on(246, (a, b, c, d, e, f) -> clockGettime(a, b, false));
        on(403, (a, b, c, d, e, f) -> clockGettime(a, b, true));
        on(247, (a, b, c, d, e, f) -> clockGetres(a, b, false));
        on(406, (a, b, c, d, e, f) -> clockGetres(a, b, true));
        on(78, this::gettimeofday);
        on(13, (a, b, c, d, e, f) -> time(a));
        on(162, (a, b, c, d, e, f) -> nanosleep(a, b, false));
        on(248, (a, b, c, d, e, f) -> clockNanosleep(a, b, c, d, false));
        on(407, (a, b, c, d, e, f) -> clockNanosleep(a, b, c, d, true));

        // Randomness
        on(359, (a, b, c, d, e, f) -> getrandom(a, b));

        // Files
        on(3, (a, b, c, d, e, f) -> read(a, b, c));
        on(4, (a, b, c, d, e, f) -> write(a, b, c));
        on(145, (a, b, c, d, e, f) -> readv(a, b, c));
        on(146, (a, b, c, d, e, f) -> writev(a, b, c));
        on(179, (a, b, c, d, e, f) -> pread(a, b, c, pair(e, f)));
        on(180, (a, b, c, d, e, f) -> pwrite(a, b, c, pair(e, f)));
        on(5, (a, b, c, d, e, f) -> openat(HostConstants.AT_FDCWD, a, b, c));
        on(286, (a, b, c, d, e, f) -> openat(a, b, c, d));
        on(6, (a, b, c, d, e, f) -> fds.close(a));
        on(19, (a, b, c, d, e, f) -> lseek(a, b, c));
        on(140, this::llseek);
        on(41, (a, b, c, d, e, f) -> dup(a, 0, false));
        on(63, (a, b, c, d, e, f) -> dup2(a, b, 0));
        on(316, (a, b, c, d, e, f) -> a == b ? -Errno.EINVAL : dup2(a, b, c));
        on(42, (a, b, c, d, e, f) -> pipe(a, 0));
        on(333, this::socketpair);
        on(317, (a, b, c, d, e, f) -> pipe(a, b));
        on(55, (a, b, c, d, e, f) -> fcntl(a, b, c));
        on(204, (a, b, c, d, e, f) -> fcntl(a, b, c));
        on(33, (a, b, c, d, e, f) -> faccessat(HostConstants.AT_FDCWD, a, b, 0));
        on(298, (a, b, c, d, e, f) -> faccessat(a, b, c, 0));
        on(439, (a, b, c, d, e, f) -> faccessat(a, b, c, d));
        on(85, (a, b, c, d, e, f) -> readlinkat(HostConstants.AT_FDCWD, a, b, c));
        on(296, (a, b, c, d, e, f) -> readlinkat(a, b, c, d));
        on(10, (a, b, c, d, e, f) -> unlinkat(HostConstants.AT_FDCWD, a, 0));
        on(292, (a, b, c, d, e, f) -> unlinkat(a, b, c));
        on(40, (a, b, c, d, e, f) -> unlinkat(HostConstants.AT_FDCWD, a, HostConstants.AT_REMOVEDIR));
        on(39, (a, b, c, d, e, f) -> mkdirat(HostConstants.AT_FDCWD, a, b));
        on(287, (a, b, c, d, e, f) -> mkdirat(a, b, c));
        on(38, (a, b, c, d, e, f) -> renameat(HostConstants.AT_FDCWD, a, HostConstants.AT_FDCWD, b));
        on(293, (a, b, c, d, e, f) -> renameat(a, b, c, d));
        on(357, (a, b, c, d, e, f) -> e != 0 ? -Errno.EINVAL : renameat(a, b, c, d));
        on(182, (a, b, c, d, e, f) -> getcwd(a, b));
        on(12, (a, b, c, d, e, f) -> host.chdir(path(a)));
        on(133, (a, b, c, d, e, f) -> fds.host(a) < 0 ? -Errno.EBADF : host.fchdir(fds.host(a)));
        on(60, (a, b, c, d, e, f) -> host.umask(a & 0777));
        on(202, (a, b, c, d, e, f) -> getdents64(a, b, c));
        on(93, (a, b, c, d, e, f) -> ftruncate(a, b));
        on(194, (a, b, c, d, e, f) -> ftruncate(a, pair(c, d)));
        on(118, (a, b, c, d, e, f) -> fds.host(a) < 0 ? -Errno.EBADF : host.fsync(fds.host(a)));
        on(54, (a, b, c, d, e, f) -> ioctl(a, b, c));
        on(9, (a, b, c, d, e, f) -> linkat(HostConstants.AT_FDCWD, a, HostConstants.AT_FDCWD, b, 0));
        on(294, (a, b, c, d, e, f) -> linkat(a, b, c, d, e));
        on(83, (a, b, c, d, e, f) -> host.symlinkat(path(a), HostConstants.AT_FDCWD, path(b)));
        on(295, (a, b, c, d, e, f) -> host.symlinkat(path(a), hostDirFd(b), path(c)));
        on(167, (a, b, c, d, e, f) -> poll(a, b, c < 0 ? -1 : c * 1_000_000L));
        on(281, (a, b, c, d, e, f) -> poll(a, b, timeoutNanos(c, false)));
        on(414, (a, b, c, d, e, f) -> poll(a, b, timeoutNanos(c, true)));
        on(142, (a, b, c, d, e, f) -> select(a, b, c, d, timevalNanos(e)));
        on(280, (a, b, c, d, e, f) -> select(a, b, c, d, timeoutNanos(e, false)));
        on(413, (a, b, c, d, e, f) -> select(a, b, c, d, timeoutNanos(e, true)));
        on(197, (a, b, c, d, e, f) -> fstat64(a, b));
        on(195, (a, b, c, d, e, f) -> fstatat64(HostConstants.AT_FDCWD, a, b, 0));
        on(196, (a, b, c, d, e, f) -> fstatat64(HostConstants.AT_FDCWD, a, b, HostConstants.AT_SYMLINK_NOFOLLOW));
        on(291, (a, b, c, d, e, f) -> fstatat64(a, b, c, d));
        on(383, this::statx);

        // System information and limits
        on(122, (a, b, c, d, e, f) -> uname(a));
        on(116, (a, b, c, d, e, f) -> sysinfo(a));
        on(76, (a, b, c, d, e, f) -> getrlimit(a, b));
        on(190, (a, b, c, d, e, f) -> getrlimit(a, b));
        on(325, this::prlimit64);
        on(43, (a, b, c, d, e, f) -> times(a));
        on(77, (a, b, c, d, e, f) -> getrusage(a, b));

        // Sockets, epoll, eventfd and more file calls
        SocketCalls sockets = new SocketCalls(this);
        on(326, (a, b, c, d, e, f) -> sockets.socket(a, b, c));
        on(327, (a, b, c, d, e, f) -> sockets.bind(a, b, c));
        on(328, (a, b, c, d, e, f) -> sockets.connect(a, b, c));
        on(329, (a, b, c, d, e, f) -> sockets.listen(a, b));
        on(330, (a, b, c, d, e, f) -> sockets.accept(a, b, c, 0));
        on(344, (a, b, c, d, e, f) -> sockets.accept(a, b, c, d));
        on(331, (a, b, c, d, e, f) -> sockets.getsockname(a, b, c));
        on(332, (a, b, c, d, e, f) -> sockets.getpeername(a, b, c));
        on(334, (a, b, c, d, e, f) -> sockets.sendto(a, b, c, d, 0, 0));
        on(335, (a, b, c, d, e, f) -> sockets.sendto(a, b, c, d, e, f));
        on(336, (a, b, c, d, e, f) -> sockets.recvfrom(a, b, c, d, 0, 0));
        on(337, (a, b, c, d, e, f) -> sockets.recvfrom(a, b, c, d, e, f));
        on(338, (a, b, c, d, e, f) -> sockets.shutdown(a, b));
        on(339, (a, b, c, d, e, f) -> sockets.setsockopt(a, b, c, d, e));
        on(340, (a, b, c, d, e, f) -> sockets.getsockopt(a, b, c, d, e));
        on(341, (a, b, c, d, e, f) -> sockets.sendmsg(a, b, c));
        on(342, (a, b, c, d, e, f) -> sockets.recvmsg(a, b, c));
        on(349, (a, b, c, d, e, f) -> sockets.sendmmsg(a, b, c, d));
        on(343, (a, b, c, d, e, f) -> sockets.recvmmsg(a, b, c, d));
        on(417, (a, b, c, d, e, f) -> sockets.recvmmsg(a, b, c, d));
        on(102, (a, b, c, d, e, f) -> sockets.socketcall(a, b));
        EpollCalls epoll = new EpollCalls(this);
        on(236, (a, b, c, d, e, f) -> epoll.create(a));
        on(315, (a, b, c, d, e, f) -> epoll.create1(a));
        on(237, (a, b, c, d, e, f) -> epoll.ctl(a, b, c, d));
        on(238, (a, b, c, d, e, f) -> epoll.wait(a, b, c, EpollCalls.millis(d), 0, 0));
        on(303, (a, b, c, d, e, f) -> epoll.wait(a, b, c, EpollCalls.millis(d), e, f));
        on(441, (a, b, c, d, e, f) -> epoll.pwait2(a, b, c, d, e, f));
        FileCalls files = new FileCalls(this);
        on(307, (a, b, c, d, e, f) -> files.eventfd2(a, 0));
        on(314, (a, b, c, d, e, f) -> files.eventfd2(a, b));
        on(360, (a, b, c, d, e, f) -> files.memfdCreate(a, b));
        on(94, (a, b, c, d, e, f) -> files.fchmod(a, b));
        on(297, (a, b, c, d, e, f) -> files.fchmodat(a, b, c));
        on(15, (a, b, c, d, e, f) -> files.fchmodat(HostConstants.AT_FDCWD, a, b));
        on(95, (a, b, c, d, e, f) -> files.fchown(a, b, c));
        on(289, (a, b, c, d, e, f) -> files.fchownat(a, b, c, d, e));
        on(181, (a, b, c, d, e, f) -> files.fchownat(HostConstants.AT_FDCWD, a, b, c, 0));
        int noFollow = HostConstants.AT_SYMLINK_NOFOLLOW;
        on(16, (a, b, c, d, e, f) -> files.fchownat(HostConstants.AT_FDCWD, a, b, c, noFollow));
        on(148, (a, b, c, d, e, f) -> files.fdatasync(a));
        on(92, (a, b, c, d, e, f) -> files.truncate(a, b));
        on(193, (a, b, c, d, e, f) -> files.truncate(a, pair(c, d)));
        on(309, (a, b, c, d, e, f) -> files.fallocate(a, b, pair(c, d), pair(e, f)));
        on(304, (a, b, c, d, e, f) -> files.utimensat(a, b, c, d, false));
        on(412, (a, b, c, d, e, f) -> files.utimensat(a, b, c, d, true));
        on(251, (a, b, c, d, e, f) -> files.utimes(a, b));
        on(99, (a, b, c, d, e, f) -> files.statfs(a, b));
        on(100, (a, b, c, d, e, f) -> files.fstatfs(a, b));
        on(252, (a, b, c, d, e, f) -> files.statfs64(a, b, c));
        on(253, (a, b, c, d, e, f) -> files.fstatfs64(a, b, c));
        on(143, (a, b, c, d, e, f) -> files.flock(a, b));
        on(186, (a, b, c, d, e, f) -> files.sendfile(a, b, c, d, false));
        on(226, (a, b, c, d, e, f) -> files.sendfile(a, b, c, d, true));
    }

    // ---- Process -------------------------------------------------------------------------------

    /** exit_group: the whole process ends (a vfork child: that child alone). */
    private long exit(int status) {
        if (thread.process.isVforkChild()) {
            return endVforkChild(ChildProcesses.exited(status));
        }
        sharedMappings.writeBackAll();
        fds.closeAll();
        exitStatus = status & 0xFF;
        return 0;
    }

    /** The main process's descriptors. */
    FdTable mainFds() {
        return mainFds;
    }

    /** A vfork child ends with a wait status: its parent's vfork returns, wait4 will find it. */
    long endVforkChild(int waitStatus) {
        children.addEnded(thread.process.pid(), waitStatus);
        fds.closeAll();
        threads.endProcess(thread);
        threads.childEnded(thread.process.pid());
        return WAITING;
    }

    /** The ending of a vfork child killed by a signal (its default action). */
    void killVforkChild(LinuxThread child, int signal) {
        dispatchContext(child);
        endVforkChild(ChildProcesses.killed(signal, Signal.defaultAction(signal) == Signal.DefaultAction.CORE));
    }

    private void dispatchContext(LinuxThread t) {
        thread = t;
        cpu = t.cpu;
        signals = t.signals;
        fds = t.process.fds();
    }

    /**
     * exit: the calling thread ends; its clear-child-tid word is zeroed and futex-woken (how
     * pthread_join learns of it). The last thread's exit ends the process.
     */
    private long exitThread(int status) {
        if (thread.process.isVforkChild() || !threads.multiThreaded()) {
            return exit(status);
        }
        clearChildTid(thread);
        threads.exit(thread, status & 0xFF);
        return WAITING;
    }

    /** CLONE_CHILD_CLEARTID at a thread's end: the word becomes 0 and one waiter is woken. */
    void clearChildTid(LinuxThread t) {
        if (t.clearChildTid == 0) {
            return;
        }
        try {
            user.writeWord(t.clearChildTid, 0);
            threads.futexWake(t.clearChildTid, 1, FUTEX_BITSET_MATCH_ANY);
        } catch (BadAddress e) {
            // Linux ignores a fault here too.
        }
        t.clearChildTid = 0;
    }

    private long setTidAddress(int address) {
        thread.clearChildTid = address;
        return thread.tid;
    }

    private long schedYield() {
        threads.yieldSlice();
        return 0;
    }

    private static final int CLONE_VM = 0x100;
    private static final int CLONE_FS = 0x200;
    private static final int CLONE_FILES = 0x400;
    private static final int CLONE_SIGHAND = 0x800;
    private static final int CLONE_VFORK = 0x4000;
    private static final int CLONE_THREAD = 0x10000;
    private static final int CLONE_SETTLS = 0x80000;
    private static final int CLONE_PARENT_SETTID = 0x100000;
    private static final int CLONE_CHILD_CLEARTID = 0x200000;
    private static final int CLONE_CHILD_SETTID = 0x1000000;

    /** The clone flags a thread needs (what pthread_create passes, beside the optional ones). */
    private static final int THREAD_FLAGS = CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD;

    private final Set<String> reportedUnsupported = new HashSet<>();

    /**
     * clone(flags, newsp, parent_tid, tls, child_tid) for a new thread of this process: the child
     * starts after the sc with the caller's registers, r3 = 0, r1 = newsp and (CLONE_SETTLS) r2 =
     * tls. A new process (fork, vfork) is not supported yet.
     */
    private long clone(int flags, int newSp, int parentTid, int tls, int childTid, int f) throws BadAddress {
        if ((flags & CLONE_THREAD) == 0 && (flags & (CLONE_VM | CLONE_VFORK)) == (CLONE_VM | CLONE_VFORK)) {
            return vforkChild(newSp);
        }
        if ((flags & CLONE_THREAD) == 0) {
            if (reportedUnsupported.add("fork")) {
                options.diagnostics()
                        .println("ppcvm: fork (a child that goes on running the same program) is not supported"
                                + " yet: returning ENOSYS; vfork, posix_spawn, system and popen work");
            }
            return -Errno.ENOSYS;
        }
        if ((flags & THREAD_FLAGS) != THREAD_FLAGS || (flags & CLONE_VFORK) != 0) {
            return -Errno.EINVAL;
        }
        if ((flags & CLONE_PARENT_SETTID) != 0) {
            user.checkWritable(parentTid, 4);
        }
        LinuxThread child = threads.spawn(thread);
        Cpu c = child.cpu;
        if (newSp != 0) {
            c.gpr[1] = newSp;
        }
        if ((flags & CLONE_SETTLS) != 0) {
            c.gpr[2] = tls;
        }
        setResult(c, 0);
        if ((flags & CLONE_PARENT_SETTID) != 0) {
            user.writeWord(parentTid, child.tid);
        }
        if ((flags & CLONE_CHILD_SETTID) != 0) {
            user.writeWord(childTid, child.tid);
        }
        if ((flags & CLONE_CHILD_CLEARTID) != 0) {
            child.clearChildTid = childTid;
        }
        return child.tid;
    }

    // ---- Child processes -----------------------------------------------------------------------

    /**
     * vfork, and posix_spawn's clone(CLONE_VM|CLONE_VFORK): a child process runs in this memory
     * (on {@code newSp}, or the caller's own stack) while the caller waits; its vfork returns 0,
     * the caller's the child's pid once the child executes a program or exits.
     */
    private long vforkChild(int newSp) {
        LinuxThread child = threads.spawnProcess(thread, fds.copy());
        if (newSp != 0) {
            child.cpu.gpr[1] = newSp;
        }
        setResult(child.cpu, 0);
        return WAITING;
    }

    /** The NULL-terminated array of strings at {@code addr} (argv, envp). */
    private List<byte[]> stringVector(int addr) throws BadAddress {
        List<byte[]> strings = new ArrayList<>();
        if (addr == 0) {
            return strings;
        }
        for (int i = 0; ; i++) {
            int p = user.readWord(addr + 4 * i);
            if (p == 0) {
                return strings;
            }
            if (strings.size() > 65536) {
                throw new BadAddress();
            }
            strings.add(user.string(p));
        }
    }

    /**
     * execve: the program runs as a host process with the descriptors not marked close-on-exec at
     * their numbers: another ppcvm when it is a 32-bit PowerPC program, the host's own program
     * otherwise (a shell, as qemu-ppc runs it). A vfork child then leaves and its parent goes on;
     * the main process waits for the program and ends with its status, as if replaced by it.
     */
    private long execve(int pathAddr, int argvAddr, int envpAddr) throws BadAddress {
        byte[] guestPath = path(pathAddr);
        List<byte[]> argv = stringVector(argvAddr);
        List<byte[]> envp = stringVector(envpAddr);
        // /proc/self/exe is the guest's program here, not the JVM that runs it.
        byte[] hostPath = new String(guestPath, StandardCharsets.UTF_8).equals("/proc/self/exe")
                ? options.programPath().getBytes(StandardCharsets.UTF_8)
                : options.lookup(guestPath);
        final int xOk = 1;
        long access = host.faccessat(HostConstants.AT_FDCWD, hostPath, xOk, 0);
        if (access < 0) {
            return access;
        }
        List<HostProcesses.FdMapping> mapping = new ArrayList<>();
        int highest = 2;
        for (int fd : fds.open()) {
            if (!fds.closeOnExec(fd)) {
                mapping.add(new HostProcesses.FdMapping(fds.host(fd), fd));
                highest = Math.max(highest, fd);
            }
        }
        byte[] program = hostPath;
        List<byte[]> args = argv;
        int[] signalPipe = null;
        if (isPowerPcElf(hostPath)) {
            if (options.childCommand().isEmpty()) {
                return -Errno.ENOEXEC;
            }
            signalPipe = new int[2];
            long p = host.pipe2(signalPipe, HostConstants.O_CLOEXEC);
            if (p < 0) {
                return p;
            }
            int reportFd = highest + 1;
            mapping.add(new HostProcesses.FdMapping(signalPipe[1], reportFd));
            args = childPpcvmCommand(hostPath, argv, mapping, reportFd);
            program = args.getFirst();
        }
        long hostPid = HostProcesses.spawn(program, args, envp, mapping);
        if (signalPipe != null) {
            host.close(signalPipe[1]);
        }
        if (hostPid < 0) {
            if (signalPipe != null) {
                host.close(signalPipe[0]);
            }
            return hostPid;
        }
        int readEnd = signalPipe != null ? signalPipe[0] : -1;
        if (thread.process.isVforkChild()) {
            children.add(thread.process.pid(), (int) hostPid, readEnd);
            fds.closeAll();
            threads.endProcess(thread);
            return WAITING;
        }
        return replacedBy((int) hostPid, readEnd);
    }

    /** The main process executed a program: it ends as that program does. */
    private long replacedBy(int hostPid, int signalPipe) {
        children.add(thread.process.pid(), hostPid, signalPipe);
        int status;
        while (children.findEnded(thread.process.pid()) == 0) {
            waitForWakeUp();
        }
        status = children.status(thread.process.pid(), true);
        fds.closeAll();
        if ((status & 0x7F) != 0) {
            exitStatus = dieBySignal(status & 0x7F);
        } else {
            exitStatus = (status >> 8) & 0xFF;
        }
        return 0;
    }

    /** Whether a file is a 32-bit big-endian PowerPC ELF (what another ppcvm runs). */
    private boolean isPowerPcElf(byte[] hostPath) {
        long fd = host.openat(HostConstants.AT_FDCWD, hostPath, HostConstants.O_CLOEXEC, 0);
        if (fd < 0) {
            return false;
        }
        byte[] header = new byte[20];
        long n = host.read((int) fd, header, 0, header.length);
        host.close((int) fd);
        final int emPpc = 20;
        return n == header.length
                && header[0] == 0x7F
                && header[1] == 'E'
                && header[2] == 'L'
                && header[3] == 'F'
                && header[4] == 1
                && header[5] == 2
                && ((header[18] & 0xFF) << 8 | (header[19] & 0xFF)) == emPpc;
    }

    /** The command line of a child ppcvm running {@code hostPath} with the guest's argv. */
    private List<byte[]> childPpcvmCommand(
            byte[] hostPath, List<byte[]> argv, List<HostProcesses.FdMapping> mapping, int reportFd) {
        List<byte[]> command = new ArrayList<>();
        for (String word : options.childCommand()) {
            command.add(HostOs.path(word));
        }
        StringBuilder inherited = new StringBuilder();
        for (HostProcesses.FdMapping m : mapping) {
            if (m.to() > 2 && m.to() != reportFd) {
                inherited.append(inherited.isEmpty() ? "" : ",").append(m.to());
            }
        }
        if (!inherited.isEmpty()) {
            command.add(HostOs.path("--guest-fds=" + inherited));
        }
        command.add(HostOs.path("--signal-fd=" + reportFd));
        options.sysroot().ifPresent(root -> command.add(HostOs.path("-L" + root)));
        if (!argv.isEmpty()) {
            command.add(HostOs.path("-0"));
            command.add(argv.getFirst());
        }
        command.add(HostOs.path("--"));
        command.add(hostPath);
        command.addAll(argv.subList(Math.min(1, argv.size()), argv.size()));
        return command;
    }

    /**
     * The default action of a fatal signal, the one place that performs it: flushes and closes
     * the guest's descriptors, then says it as a shell would (or, in a child of another ppcvm,
     * tells that parent), and gives the exit status 128+N.
     */
    int dieBySignal(int signal) {
        sharedMappings.writeBackAll();
        mainFds.closeAll();
        if (options.signalReportFd() >= 0) {
            host.write(options.signalReportFd(), new byte[] {(byte) signal}, 0, 1);
        } else {
            String message = Signal.shellMessage(signal);
            if (!message.isEmpty()) {
                options.diagnostics().println(message);
                options.diagnostics().flush();
            }
        }
        return 128 + signal;
    }

    /** wait4(pid, status, options, rusage): a child that ended, reaped. */
    private long wait4(int pid, int statusAddr, int waitOptions, int rusage) throws BadAddress {
        final int wnohang = 1;
        int which = pid == 0 || pid < -1 ? -1 : pid;
        if (!children.has(which)) {
            return -Errno.ECHILD;
        }
        int found = children.findEnded(which);
        if (found == 0) {
            return (waitOptions & wnohang) != 0 ? 0 : waitForChild();
        }
        if (statusAddr != 0) {
            user.checkWritable(statusAddr, 4);
        }
        if (rusage != 0) {
            user.copyOut(rusage, new byte[72]);
        }
        int status = children.status(found, true);
        if (statusAddr != 0) {
            user.writeWord(statusAddr, status);
        }
        return found;
    }

    /** No child has ended yet: wait (the call runs again when one does, or a signal comes). */
    private long waitForChild() {
        if (threads.multiThreaded()) {
            thread.wait = new LinuxThread.Wait.ForChild();
            return RETRY;
        }
        waitForWakeUp();
        return RESTART;
    }

    /** Whether a child ended that a wait4 or waitid could reap. */
    boolean anyChildEnded() {
        return children.findEnded(-1) != 0;
    }

    /** waitid(idtype, id, infop, options, rusage) for P_ALL and P_PID, WEXITED. */
    private long waitid(int idtype, int id, int infop, int waitOptions, int rusage, int f) throws BadAddress {
        final int pAll = 0;
        final int pPid = 1;
        final int wnohang = 1;
        final int wexited = 4;
        final int wnowait = 0x0100_0000;
        final int cldExited = 1;
        final int cldKilled = 2;
        final int cldDumped = 3;
        if ((idtype != pAll && idtype != pPid) || (waitOptions & wexited) == 0) {
            return -Errno.EINVAL;
        }
        int which = idtype == pAll ? -1 : id;
        if (!children.has(which)) {
            return -Errno.ECHILD;
        }
        int found = children.findEnded(which);
        if (found == 0) {
            if ((waitOptions & wnohang) != 0) {
                if (infop != 0) {
                    user.copyOut(infop, new byte[SigInfo.SIZE]);
                }
                return 0;
            }
            return waitForChild();
        }
        int status = children.status(found, (waitOptions & wnowait) == 0);
        int signal = status & 0x7F;
        int code = signal == 0 ? cldExited : (status & 0x80) != 0 ? cldDumped : cldKilled;
        int value = signal == 0 ? (status >> 8) & 0xFF : signal;
        if (infop != 0) {
            user.copyOut(infop, new SigInfo(17, code, new int[] {found, (int) host.getuid(), value}).encode());
        }
        if (rusage != 0) {
            user.copyOut(rusage, new byte[72]);
        }
        return 0;
    }

    /** The ids a signal this process sends carries: its pid and real uid. */
    private SigInfo sentBySelf(int sig, boolean toThread) {
        int uid = (int) host.getuid();
        return toThread ? SigInfo.tkill(sig, PID, uid) : SigInfo.user(sig, PID, uid);
    }

    /** kill() aimed at this process (the only one): a process-wide signal, for any thread to deliver. */
    private long kill(int pid, int sig) {
        if (pid == -1) {
            return -Errno.ESRCH; // every process but the caller: there is none
        }
        if (pid > 0 && pid != PID && children.has(pid)) {
            return sig == 0 ? 0 : children.kill(pid, sig);
        }
        if (pid != PID && pid != 0 && pid != -PID) {
            return -Errno.ESRCH;
        }
        if (sig < 0 || sig > 64) {
            return -Errno.EINVAL;
        }
        if (sig != 0) {
            signals.process().generate(sentBySelf(sig, false));
        }
        return 0;
    }

    /** tgkill (and tkill, with the process's own tgid): one thread of this process. */
    private long tgkill(int tgid, int tid, int sig) {
        if (tgid <= 0 || tid <= 0 || sig < 0 || sig > 64) {
            return -Errno.EINVAL;
        }
        LinuxThread target = threads.find(tid);
        if (tgid != PID || target == null) {
            return -Errno.ESRCH;
        }
        if (sig != 0) {
            target.signals.generate(sentBySelf(sig, true));
        }
        return 0;
    }

    /** PR_SET_FPEXC / PR_GET_FPEXC drive MSR[FE0,FE1] as Linux does; other options are refused. */
    /**
     * prctl: the FP exception mode (what feenableexcept sets), the thread's name, and the flags
     * programs set for themselves (parent-death signal, dumpable, no-new-privs), kept and read
     * back; a seccomp query says none. Others: EINVAL, as Linux answers an unknown option.
     */
    private long prctl(int option, int arg2, int c, int d, int e, int f) throws BadAddress {
        final int prSetPdeathsig = 1;
        final int prGetPdeathsig = 2;
        final int prGetDumpable = 3;
        final int prSetDumpable = 4;
        final int prGetFpexc = 11;
        final int prSetFpexc = 12;
        final int prSetName = 15;
        final int prGetName = 16;
        final int prGetSeccomp = 21;
        final int prSetNoNewPrivs = 38;
        final int prGetNoNewPrivs = 39;
        final int prFpExcSwEnable = 0x80;
        final int prFpExcPrecise = 3;
        switch (option) {
            case prSetName -> {
                byte[] name = user.copyIn(arg2, LinuxThread.COMM_LENGTH - 1);
                int length = 0;
                while (length < name.length && name[length] != 0) {
                    length++;
                }
                thread.name = Arrays.copyOf(name, length);
                return 0;
            }
            case prGetName -> {
                user.copyOut(arg2, Arrays.copyOf(thread.name, LinuxThread.COMM_LENGTH), 0, LinuxThread.COMM_LENGTH);
                return 0;
            }
            case prSetPdeathsig -> {
                if (arg2 != 0 && !validSignal(arg2)) {
                    return -Errno.EINVAL;
                }
                processFlags.put(prSetPdeathsig, arg2);
                return 0;
            }
            case prGetPdeathsig -> {
                user.writeWord(arg2, processFlags.getOrDefault(prSetPdeathsig, 0));
                return 0;
            }
            case prSetDumpable -> {
                if (arg2 != 0 && arg2 != 1) {
                    return -Errno.EINVAL;
                }
                processFlags.put(prSetDumpable, arg2);
                return 0;
            }
            case prGetDumpable -> {
                return processFlags.getOrDefault(prSetDumpable, 1);
            }
            case prSetNoNewPrivs -> {
                if (arg2 != 1 || c != 0 || d != 0 || e != 0) {
                    return -Errno.EINVAL;
                }
                processFlags.put(prSetNoNewPrivs, 1);
                return 0;
            }
            case prGetNoNewPrivs -> {
                return processFlags.getOrDefault(prSetNoNewPrivs, 0);
            }
            case prGetSeccomp -> {
                return 0;
            }
            case prSetFpexc -> {
                if ((arg2 & prFpExcSwEnable) != 0 || Integer.compareUnsigned(arg2, prFpExcPrecise) > 0) {
                    return -Errno.EINVAL;
                }
                int fe = ((arg2 << 10) & Cpu.MSR_FE0) | ((arg2 << 8) & Cpu.MSR_FE1);
                cpu.msr = (cpu.msr & ~(Cpu.MSR_FE0 | Cpu.MSR_FE1)) | fe;
                return 0;
            }
            case prGetFpexc -> {
                int mode = ((cpu.msr & Cpu.MSR_FE0) != 0 ? 2 : 0) | ((cpu.msr & Cpu.MSR_FE1) != 0 ? 1 : 0);
                user.writeWord(arg2, mode);
                return 0;
            }
            default -> {
                return -Errno.EINVAL;
            }
        }
    }

    static final int FUTEX_BITSET_MATCH_ANY = -1;

    /**
     * futex(uaddr, op, val, timeout, uaddr2, val3): WAIT and WAIT_BITSET (the thread waits while
     * the word holds {@code val}, until a WAKE, its timeout, or a signal), WAKE, WAKE_BITSET,
     * REQUEUE and CMP_REQUEUE. WAIT's timeout is relative, WAIT_BITSET's absolute on the clock
     * FUTEX_CLOCK_REALTIME names. The private flag changes nothing in one process. PI futexes and
     * WAKE_OP are not supported (ENOSYS).
     */
    private long futex(int uaddr, int op, int val, int timeout, int uaddr2, int val3, boolean time64)
            throws BadAddress {
        final int futexClockRealtime = 256;
        int cmd = op & 0x7F;
        return switch (cmd) {
            case 0, 9 -> {
                int bitset = cmd == 0 ? FUTEX_BITSET_MATCH_ANY : val3;
                if (bitset == 0) {
                    yield -Errno.EINVAL;
                }
                long deadline = LinuxThread.Wait.NONE;
                if (timeout != 0) {
                    Timespec t = time64
                            ? GuestTime.decodeTimespec64(user.copyIn(timeout, 16), 0)
                            : GuestTime.decodeTimespec32(user.copyIn(timeout, 8), 0);
                    if (!t.isValid() || t.seconds() < 0) {
                        yield -Errno.EINVAL;
                    }
                    long nanos = t.toNanos();
                    if (cmd == 9) {
                        Out<Timespec> now = new Out<>();
                        host.clockGettime((op & futexClockRealtime) != 0 ? 0 : 1, now);
                        nanos -= now.get().toNanos();
                    }
                    deadline = System.nanoTime() + Math.max(0, nanos);
                }
                if ((uaddr & 3) != 0) {
                    yield -Errno.EINVAL;
                }
                if (user.readWord(uaddr) != val) {
                    yield -Errno.EAGAIN;
                }
                thread.wait = new LinuxThread.Wait.Futex(uaddr, bitset, deadline);
                yield WAITING;
            }
            case 1, 10 -> {
                int bitset = cmd == 1 ? FUTEX_BITSET_MATCH_ANY : val3;
                yield bitset == 0 ? -Errno.EINVAL : threads.futexWake(uaddr, Math.max(val, 0), bitset);
            }
            case 3, 4 -> {
                if (cmd == 4 && user.readWord(uaddr) != val3) {
                    yield -Errno.EAGAIN;
                }
                // The fourth argument is the requeue count here, not a timeout.
                yield threads.futexRequeue(uaddr, Math.max(val, 0), uaddr2, Math.max(timeout, 0));
            }
            default -> -Errno.ENOSYS;
        };
    }

    private long schedGetaffinity(int pid, int len, int mask, int d, int e, int f) throws BadAddress {
        if (len < 4) {
            return -Errno.EINVAL;
        }
        user.writeWord(mask, 1);
        return 4;
    }

    // ---- Memory --------------------------------------------------------------------------------

    private static final int MAP_SHARED = 0x01;
    private static final int MAP_PRIVATE = 0x02;
    private static final int MAP_FIXED = 0x10;
    private static final int MAP_ANONYMOUS = 0x20;
    private static final int MAP_FIXED_NOREPLACE = 0x100000;

    private static int perm(int prot) {
        int perm = prot & Perm.RWX;
        return (perm & Perm.EXEC) != 0 ? perm | Perm.READ : perm;
    }

    /** Whether [addr, addr+size) lies in user space (below TASK_SIZE) without wrapping. */
    private static boolean inUserSpace(int addr, long size) {
        return Integer.toUnsignedLong(addr) + size <= Integer.toUnsignedLong(AddressSpace.STACK_TOP);
    }

    /** A length rounded up to whole pages, as an unsigned value (0 for a zero length). */
    private static long pageAlignedLength(int len) {
        return (Integer.toUnsignedLong(len) + Memory.PAGE_MASK) & ~(long) Memory.PAGE_MASK;
    }

    private long mmap(int addr, int len, int prot, int flags, int fd, long offset) throws BadAddress {
        if (len == 0 || (offset & Memory.PAGE_MASK) != 0) {
            return -Errno.EINVAL;
        }
        if ((flags & (MAP_SHARED | MAP_PRIVATE)) == 0) {
            return -Errno.EINVAL;
        }
        long size = pageAlignedLength(len);
        if (size > Integer.toUnsignedLong(AddressSpace.STACK_TOP)) {
            return -Errno.ENOMEM;
        }
        int where;
        if ((flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)) != 0) {
            if ((addr & Memory.PAGE_MASK) != 0) {
                return -Errno.EINVAL;
            }
            if (!inUserSpace(addr, size)) {
                return -Errno.ENOMEM;
            }
            if ((flags & MAP_FIXED_NOREPLACE) != 0 && !memory.isFree(addr, (int) size)) {
                return -Errno.EEXIST;
            }
            where = addr;
        } else {
            where = space.findFree(addr & ~Memory.PAGE_MASK, (int) size);
            if (where == 0) {
                return -Errno.ENOMEM;
            }
        }
        byte[] content = null;
        if ((flags & MAP_ANONYMOUS) == 0) {
            int h = fds.host(fd);
            if (h < 0) {
                return -Errno.EBADF;
            }
            // Only the part of the file that exists is read; the rest of the mapping is zero.
            Out<HostStat> st = new Out<>();
            long r = host.fstat(h, st);
            if (r < 0) {
                return r;
            }
            long available =
                    Math.max(0, Math.min(Integer.toUnsignedLong(len), st.get().size() - offset));
            content = new byte[(int) Math.min(available, HostOs.MAX_TRANSFER * 16L)];
            long n = host.pread64(h, content, 0, content.length, offset);
            if (n < 0) {
                return n;
            }
        }
        if ((flags & MAP_FIXED) != 0) {
            sharedMappings.unmap(where, size);
        }
        memory.map(where, (int) size, Perm.RW);
        if (content != null) {
            memory.writeRaw(where, content);
        }
        memory.protect(where, (int) size, perm(prot));
        if (content != null && (flags & MAP_SHARED) != 0) {
            sharedMappings.add(where, size, fds.host(fd), offset);
        }
        if (content == null) {
            maps.clear(where, size);
        } else {
            maps.map(where, size, fileOrigin(fd, where, offset, (flags & MAP_SHARED) != 0));
        }
        return where;
    }

    /** What /proc/self/maps says a mapping of guest descriptor {@code fd} maps. */
    private MemoryMaps.Origin fileOrigin(int fd, int where, long offset, boolean shared) {
        int h = fds.host(fd);
        Out<HostStat> st = new Out<>();
        long device = 0;
        long inode = 0;
        if (host.fstat(h, st) >= 0) {
            device = st.get().dev();
            inode = st.get().ino();
        }
        byte[] link = new byte[4096];
        long n = host.readlinkat(HostConstants.AT_FDCWD, HostOs.path("/proc/self/fd/" + h), link);
        String name = n > 0 ? new String(link, 0, (int) n, StandardCharsets.UTF_8) : "";
        return new MemoryMaps.Origin(name, where, offset, device, inode, shared);
    }

    /** msync(addr, len, flags): shared file pages go back to their files (all flags alike here). */
    private long msync(int addr, int len, int flags) {
        final int msAsync = 1;
        final int msInvalidate = 2;
        final int msSync = 4;
        if ((addr & Memory.PAGE_MASK) != 0
                || (flags & ~(msAsync | msInvalidate | msSync)) != 0
                || (flags & (msAsync | msSync)) == (msAsync | msSync)) {
            return -Errno.EINVAL;
        }
        long size = pageAlignedLength(len);
        if (!inUserSpace(addr, size)) {
            return -Errno.ENOMEM;
        }
        if (!allMapped(addr, size)) {
            return -Errno.ENOMEM;
        }
        sharedMappings.writeBack(addr, size);
        return 0;
    }

    private long munmap(int addr, int len) {
        long size = pageAlignedLength(len);
        if ((addr & Memory.PAGE_MASK) != 0 || len == 0 || !inUserSpace(addr, size)) {
            return -Errno.EINVAL;
        }
        sharedMappings.unmap(addr, size);
        memory.unmap(addr, (int) size);
        maps.clear(addr, size);
        return 0;
    }

    private boolean allMapped(int addr, long size) {
        for (long a = Integer.toUnsignedLong(addr); a < Integer.toUnsignedLong(addr) + size; a += Memory.PAGE_SIZE) {
            if (!memory.isMapped((int) a)) {
                return false;
            }
        }
        return true;
    }

    private long mprotect(int addr, int len, int prot) {
        if ((addr & Memory.PAGE_MASK) != 0) {
            return -Errno.EINVAL;
        }
        long size = pageAlignedLength(len);
        if (!inUserSpace(addr, size) || !allMapped(addr, size)) {
            return -Errno.ENOMEM;
        }
        memory.protect(addr, (int) size, perm(prot));
        return 0;
    }

    private long mremap(int oldAddr, int oldLen, int newLen, int flags, int newAddr, int f) {
        final int mremapMaymove = 1;
        final int mremapFixed = 2;
        long oldSize = pageAlignedLength(oldLen);
        long newSize = pageAlignedLength(newLen);
        if ((oldAddr & Memory.PAGE_MASK) != 0
                || oldSize == 0
                || newSize == 0
                || (flags & ~(mremapMaymove | mremapFixed)) != 0
                || ((flags & mremapFixed) != 0
                        && ((flags & mremapMaymove) == 0 || (newAddr & Memory.PAGE_MASK) != 0))) {
            return -Errno.EINVAL;
        }
        if (!inUserSpace(oldAddr, oldSize) || !allMapped(oldAddr, oldSize)) {
            return -Errno.EFAULT;
        }
        if ((flags & mremapFixed) == 0) {
            if (newSize <= oldSize) {
                memory.unmap(oldAddr + (int) newSize, (int) (oldSize - newSize));
                maps.clear(oldAddr + (int) newSize, oldSize - newSize);
                return oldAddr;
            }
            int tail = oldAddr + (int) oldSize;
            if (inUserSpace(oldAddr, newSize)
                    && Integer.toUnsignedLong(oldAddr) + newSize <= Integer.toUnsignedLong(AddressSpace.MMAP_TOP)
                    && memory.isFree(tail, (int) (newSize - oldSize))) {
                memory.map(tail, (int) (newSize - oldSize), memory.permissions(tail - Memory.PAGE_SIZE));
                maps.move(oldAddr, oldSize, oldAddr, newSize);
                return oldAddr;
            }
            if ((flags & mremapMaymove) == 0) {
                return -Errno.ENOMEM;
            }
        }
        int where;
        if ((flags & mremapFixed) != 0) {
            if (!inUserSpace(newAddr, newSize)) {
                return -Errno.EINVAL;
            }
            memory.unmap(newAddr, (int) newSize);
            where = newAddr;
        } else {
            where = space.findFree(0, (int) newSize);
            if (where == 0) {
                return -Errno.ENOMEM;
            }
        }
        movePages(oldAddr, oldSize, where, newSize);
        maps.move(oldAddr, oldSize, where, newSize);
        return where;
    }

    /** Moves a mapping page by page, keeping each page's contents and permissions. */
    private void movePages(int from, long oldSize, int to, long newSize) {
        long kept = Math.min(oldSize, newSize);
        int lastPerm = Perm.RW;
        memory.map(to, (int) newSize, Perm.RW);
        byte[] page = new byte[Memory.PAGE_SIZE];
        for (long off = 0; off < kept; off += Memory.PAGE_SIZE) {
            memory.readRaw(from + (int) off, page, 0, Memory.PAGE_SIZE);
            memory.writeRaw(to + (int) off, page, 0, Memory.PAGE_SIZE);
        }
        for (long off = 0; off < newSize; off += Memory.PAGE_SIZE) {
            if (off < kept) {
                lastPerm = memory.permissions(from + (int) off);
            }
            memory.protect(to + (int) off, Memory.PAGE_SIZE, lastPerm);
        }
        memory.unmap(from, (int) oldSize);
    }

    // ---- Signals -------------------------------------------------------------------------------

    private static boolean validSignal(int sig) {
        return sig >= 1 && sig <= 64;
    }

    private long rtSigaction(int sig, int act, int oldact, int sigsetsize, int e, int f) throws BadAddress {
        if (!validSignal(sig)
                || sigsetsize != 8
                || (act != 0 && (sig == SignalState.SIGKILL || sig == SignalState.SIGSTOP))) {
            return -Errno.EINVAL;
        }
        SignalState.Action fresh =
                act != 0 ? SignalState.Action.decode(user.copyIn(act, SignalState.Action.SIZE)) : null;
        if (oldact != 0) {
            user.copyOut(oldact, signals.action(sig).encode());
        }
        if (fresh != null) {
            signals.setAction(sig, fresh);
        }
        return 0;
    }

    private long rtSigprocmask(int how, int set, int oldset, int sigsetsize, int e, int f) throws BadAddress {
        if (sigsetsize != 8) {
            return -Errno.EINVAL;
        }
        long old = signals.blocked();
        if (set != 0) {
            long value = readSigset(set);
            switch (how) {
                case 0 -> signals.setBlocked(old | value);
                case 1 -> signals.setBlocked(old & ~value);
                case 2 -> signals.setBlocked(value);
                default -> {
                    return -Errno.EINVAL;
                }
            }
        }
        if (oldset != 0) {
            user.writeLong(oldset, SignalState.maskToGuest(old));
        }
        return 0;
    }

    private long readSigset(int addr) throws BadAddress {
        return SignalState.maskFromGuest(ByteBuffer.wrap(user.copyIn(addr, 8)).getLong());
    }

    /** The signals raised while blocked. */
    private long rtSigpending(int set, int sigsetsize) throws BadAddress {
        if (sigsetsize != 8) {
            return -Errno.EINVAL;
        }
        user.writeLong(set, SignalState.maskToGuest(signals.pendingMask() & signals.blocked()));
        return 0;
    }

    private long rtSigsuspend(int set, int sigsetsize) throws BadAddress {
        if (sigsetsize != 8) {
            return -Errno.EINVAL;
        }
        return sigsuspend(readSigset(set));
    }

    /**
     * Waits with {@code mask} as the blocked set until a signal can be delivered, then fails with
     * EINTR once its handler has run; the handler's frame saves the mask from before the call,
     * which its return restores. A wake-up without a signal (a debugger) restarts the call.
     */
    private long sigsuspend(long mask) {
        long before = signals.blocked();
        signals.setBlocked(mask);
        if (!signals.hasDeliverable() && threads.multiThreaded()) {
            signals.saveMaskForHandler(before);
            thread.wait = new LinuxThread.Wait.ForSignal();
            return WAITING;
        }
        if (!signals.hasDeliverable()) {
            waitForWakeUp();
        }
        if (signals.hasDeliverable()) {
            signals.saveMaskForHandler(before);
            return RESTART_NOHAND;
        }
        signals.setBlocked(before);
        return RESTART;
    }

    /**
     * Takes a pending signal of {@code set} (blocked or not), waiting for one at most {@code
     * timeout}: its number, with the siginfo written to {@code info}; EAGAIN when the time runs
     * out; EINTR after a handler for another signal ran.
     */
    private long rtSigtimedwait(int set, int info, int timeout, int sigsetsize, boolean time64) throws BadAddress {
        if (sigsetsize != 8) {
            return -Errno.EINVAL;
        }
        long wanted = readSigset(set) & ~SignalState.UNBLOCKABLE;
        long waitNanos = -1;
        if (timeout != 0) {
            Timespec t = time64
                    ? GuestTime.decodeTimespec64(user.copyIn(timeout, 16), 0)
                    : GuestTime.decodeTimespec32(user.copyIn(timeout, 8), 0);
            if (!t.isValid() || t.seconds() < 0) {
                return -Errno.EINVAL;
            }
            waitNanos = t.toNanos();
        }
        SigInfo taken = signals.dequeue(wanted);
        if (taken == null && waitNanos != 0) {
            long r = waitNanos < 0 ? waitForWakeUp() : host.nanosleep(Timespec.ofNanos(waitNanos), null);
            taken = signals.dequeue(wanted);
            if (taken == null) {
                if (r == -Errno.EINTR) {
                    return interruptedWait();
                }
                return -Errno.EAGAIN;
            }
        }
        if (taken == null) {
            return -Errno.EAGAIN;
        }
        if (info != 0) {
            user.copyOut(info, taken.encode());
        }
        return taken.signo();
    }

    /** rt_sigqueueinfo to this process: the siginfo is the caller's. */
    private long rtSigqueueinfo(int tgid, int sig, int uinfo) throws BadAddress {
        if (!validSignal(sig)) {
            return -Errno.EINVAL;
        }
        if (tgid != PID) {
            return -Errno.ESRCH;
        }
        signals.process().generate(SigInfo.decode(sig, user.copyIn(uinfo, SigInfo.SIZE)));
        return 0;
    }

    /**
     * sigreturn/rt_sigreturn, from the trampoline a handler returns to: the registers, mask and
     * alternate stack come back from the frame. A frame that cannot be read kills the process
     * with SIGSEGV, as Linux does.
     */
    private long sigreturn(boolean rt) {
        try {
            if (rt) {
                frames.rtSigreturn(cpu, signals);
            } else {
                frames.sigreturn(cpu, signals);
            }
        } catch (BadAddress e) {
            signals.force(SigInfo.kernel(11));
        }
        return RESTORED_ALL;
    }

    /** sigaltstack(ss, old_ss): {@code stack_t} is ss_sp, ss_flags, ss_size. */
    private long sigaltstack(int ss, int oldSs) throws BadAddress {
        SignalState.AltStack current = signals.altStack();
        boolean onIt = current.contains(cpu.gpr[1]);
        if (ss != 0) {
            ByteBuffer b = ByteBuffer.wrap(user.copyIn(ss, 12));
            int sp = b.getInt(0);
            int flags = b.getInt(4);
            int size = b.getInt(8);
            final int ssAutodisarm = 0x8000_0000;
            int mode = flags & ~ssAutodisarm;
            if (onIt) {
                return -Errno.EPERM;
            }
            if (mode != 0 && mode != SignalState.SS_ONSTACK && mode != SignalState.SS_DISABLE) {
                return -Errno.EINVAL;
            }
            if (mode == SignalState.SS_DISABLE) {
                signals.setAltStack(SignalState.AltStack.DISABLED);
            } else {
                if (Integer.compareUnsigned(size, SignalState.MINSIGSTKSZ) < 0) {
                    return -Errno.ENOMEM;
                }
                signals.setAltStack(new SignalState.AltStack(sp, 0, size));
            }
        }
        if (oldSs != 0) {
            int flags = !current.enabled() ? SignalState.SS_DISABLE : onIt ? SignalState.SS_ONSTACK : 0;
            user.copyOut(
                    oldSs,
                    UserMemory.bigEndian(12)
                            .putInt(0, current.sp())
                            .putInt(4, flags)
                            .putInt(8, current.size())
                            .array());
        }
        return 0;
    }

    // ---- Interval timers -----------------------------------------------------------------------

    private long alarm(int seconds) {
        IntervalTimers.Setting old =
                timers.set(IntervalTimers.REAL, Integer.toUnsignedLong(seconds) * 1_000_000_000L, 0);
        long remaining = old.valueNanos();
        long secs = remaining / 1_000_000_000L;
        // Linux rounds the time left to the nearest second, and never says 0 for a live alarm.
        if (remaining % 1_000_000_000L >= 500_000_000L || (secs == 0 && remaining > 0)) {
            secs++;
        }
        return secs;
    }

    /** struct itimerval (32-bit): it_interval then it_value, each {tv_sec, tv_usec}. */
    private long setitimer(int which, int newValue, int oldValue) throws BadAddress {
        if (which < 0 || which > 2) {
            return -Errno.EINVAL;
        }
        long valueNanos = 0;
        long intervalNanos = 0;
        if (newValue != 0) {
            ByteBuffer b = ByteBuffer.wrap(user.copyIn(newValue, 16));
            int intervalUsec = b.getInt(4);
            int valueUsec = b.getInt(12);
            if (b.getInt(0) < 0
                    || b.getInt(8) < 0
                    || intervalUsec < 0
                    || intervalUsec >= 1_000_000
                    || valueUsec < 0
                    || valueUsec >= 1_000_000) {
                return -Errno.EINVAL;
            }
            intervalNanos = b.getInt(0) * 1_000_000_000L + intervalUsec * 1000L;
            valueNanos = b.getInt(8) * 1_000_000_000L + valueUsec * 1000L;
        }
        if (oldValue != 0) {
            user.checkWritable(oldValue, 16);
        }
        IntervalTimers.Setting old = newValue != 0 ? timers.set(which, valueNanos, intervalNanos) : timers.get(which);
        if (oldValue != 0) {
            user.copyOut(oldValue, encodeItimerval(old));
        }
        return 0;
    }

    private long getitimer(int which, int value) throws BadAddress {
        if (which < 0 || which > 2) {
            return -Errno.EINVAL;
        }
        user.copyOut(value, encodeItimerval(timers.get(which)));
        return 0;
    }

    private static byte[] encodeItimerval(IntervalTimers.Setting s) {
        return UserMemory.bigEndian(16)
                .putInt(0, (int) (s.intervalNanos() / 1_000_000_000L))
                .putInt(4, (int) (s.intervalNanos() % 1_000_000_000L / 1000))
                .putInt(8, (int) (s.valueNanos() / 1_000_000_000L))
                .putInt(12, (int) (s.valueNanos() % 1_000_000_000L / 1000))
                .array();
    }

    /** The ppc32 kernel ucontext: uc_regs (a pointer to the mcontext) at 48, the mask at 52. */
    private static final int UCONTEXT_SIZE = 1184;

    private static final int UC_REGS = 48;
    private static final int UC_SIGMASK = 52;
    private static final int UC_MCONTEXT = 192;

    /**
     * swapcontext(old, new, size), which glibc's getcontext, setcontext and swapcontext use: saves
     * the registers as they are at the system call into old's mcontext, then loads new's. Loading
     * replaces every register, the result register included, as Linux's full restore does.
     */
    private long swapcontext(int oldCtx, int newCtx, int size) throws BadAddress {
        if (size < UCONTEXT_SIZE) {
            return -Errno.EINVAL;
        }
        if (oldCtx != 0) {
            user.copyOut(oldCtx + UC_MCONTEXT, MachineContext.save(cpu, cpu.gpr[3], MachineContext.TRAP_SYSCALL));
            user.writeLong(oldCtx + UC_SIGMASK, SignalState.maskToGuest(signals.blocked()));
            user.writeWord(oldCtx + UC_REGS, oldCtx + UC_MCONTEXT);
        }
        if (newCtx == 0) {
            return 0;
        }
        int mcontext = user.readWord(newCtx + UC_REGS);
        byte[] context = user.copyIn(mcontext, MachineContext.SIZE);
        signals.setBlocked(readSigset(newCtx + UC_SIGMASK));
        MachineContext.restore(cpu, context);
        return RESTORED_ALL;
    }

    // ---- Time ----------------------------------------------------------------------------------

    private long clockGettime(int clock, int tp, boolean time64) throws BadAddress {
        Out<Timespec> out = new Out<>();
        long r = host.clockGettime(clock, out);
        if (r < 0) {
            return r;
        }
        writeTimespec(tp, out.get(), time64);
        return 0;
    }

    private long clockGetres(int clock, int tp, boolean time64) throws BadAddress {
        Out<Timespec> out = new Out<>();
        long r = host.clockGetres(clock, out);
        if (r < 0 || tp == 0) {
            return r;
        }
        writeTimespec(tp, out.get(), time64);
        return 0;
    }

    private void writeTimespec(int addr, Timespec t, boolean time64) throws BadAddress {
        user.copyOut(addr, time64 ? GuestTime.encodeTimespec64(t) : GuestTime.encodeTimespec32(t));
    }

    private long gettimeofday(int tv, int tz, int c, int d, int e, int f) throws BadAddress {
        Out<Timespec> out = new Out<>();
        host.clockGettime(0, out);
        if (tv != 0) {
            user.copyOut(tv, GuestTime.encodeTimeval32(out.get()));
        }
        if (tz != 0) {
            user.copyOut(tz, new byte[8]);
        }
        return 0;
    }

    private long time(int tloc) throws BadAddress {
        Out<Timespec> out = new Out<>();
        host.clockGettime(0, out);
        int seconds = (int) out.get().seconds();
        if (tloc != 0) {
            user.writeWord(tloc, seconds);
        }
        return seconds & 0xFFFF_FFFFL;
    }

    /**
     * What a wait Linux does not restart after a handler (ERESTARTNOHAND) returns when woken: fail
     * with EINTR if a signal is there to run a handler, else restart invisibly (a debugger).
     */
    long interruptedWait() {
        return signals.hasDeliverable() ? RESTART_NOHAND : RESTART;
    }

    /** Blocks until {@link #wakeUp()}: a signal, a timer, a debugger. Returns -EINTR. */
    private long waitForWakeUp() {
        return host.poll(new int[0], new short[0], new short[0], -1);
    }

    /** clock_nanosleep: with TIMER_ABSTIME (1) the request is a deadline on {@code clock}. */
    private long clockNanosleep(int clock, int flags, int req, int rem, boolean time64) throws BadAddress {
        final int timerAbstime = 1;
        Timespec t = time64
                ? GuestTime.decodeTimespec64(user.copyIn(req, 16), 0)
                : GuestTime.decodeTimespec32(user.copyIn(req, 8), 0);
        if (!t.isValid()) {
            return -Errno.EINVAL;
        }
        if ((flags & timerAbstime) != 0) {
            Out<Timespec> now = new Out<>();
            long r = host.clockGettime(clock, now);
            if (r < 0) {
                return r;
            }
            t = Timespec.ofNanos(Math.max(0, t.toNanos() - now.get().toNanos()));
            rem = 0; // an absolute sleep has nothing left to report
        }
        return sleep(t, rem, time64);
    }

    private long nanosleep(int req, int rem, boolean time64) throws BadAddress {
        Timespec t = time64
                ? GuestTime.decodeTimespec64(user.copyIn(req, 16), 0)
                : GuestTime.decodeTimespec32(user.copyIn(req, 8), 0);
        if (!t.isValid() || t.seconds() < 0) {
            return -Errno.EINVAL;
        }
        return sleep(t, rem, time64);
    }

    /**
     * Sleeps for {@code t}. With other threads alive the thread waits while they run, and a signal
     * ends the wait with EINTR. Alone, it sleeps in the host: a wake-up interrupts it, and it
     * restarts for the time left (a debugger or an ignored signal went by) or fails with EINTR and
     * the time left in {@code rem} once a handler runs ({@link #beforeHandler}).
     */
    private long sleep(Timespec t, int rem, boolean time64) {
        int sc = cpu.pc - 4;
        long now = System.nanoTime();
        long deadline = sc == thread.sleepPc ? thread.sleepDeadlineNanos : now + t.toNanos();
        thread.sleepPc = -1;
        thread.sleepDeadlineNanos = deadline;
        thread.sleepRem = rem;
        thread.sleepRem64 = time64;
        if (threads.multiThreaded()) {
            thread.wait = new LinuxThread.Wait.Sleep(deadline);
            return WAITING;
        }
        long r = host.nanosleep(Timespec.ofNanos(Math.max(0, deadline - now)), null);
        if (r != -Errno.EINTR) {
            return r;
        }
        thread.sleepPc = sc;
        return interruptedWait();
    }

    /** The time left of an interrupted sleep, written to its {@code rem} argument. */
    void writeRemainingSleep(LinuxThread t) {
        if (t.sleepRem == 0) {
            return;
        }
        Timespec left = Timespec.ofNanos(Math.max(0, t.sleepDeadlineNanos - System.nanoTime()));
        try {
            user.copyOut(
                    t.sleepRem, t.sleepRem64 ? GuestTime.encodeTimespec64(left) : GuestTime.encodeTimespec32(left));
        } catch (BadAddress e) {
            // Linux writes rem with put_user and ignores a fault there too.
        }
    }

    /** Deterministic: the same seed gives the same bytes, so runs can be replayed. */
    private long getrandom(int buf, int len) throws BadAddress {
        byte[] bytes = new byte[(int) Math.min(Integer.toUnsignedLong(len), 1 << 20)];
        random.nextBytes(bytes);
        user.copyOut(buf, bytes);
        return bytes.length;
    }

    // ---- Files ---------------------------------------------------------------------------------

    /**
     * A size_t count from a register, as the host will transfer it: unsigned, and at most {@link
     * HostOs#MAX_TRANSFER} (Linux too caps one transfer, and callers loop over short counts).
     */
    private static int transferCount(int count) {
        return (int) Math.min(Integer.toUnsignedLong(count), HostOs.MAX_TRANSFER);
    }

    byte[] path(int addr) throws BadAddress {
        return user.string(addr);
    }

    /**
     * A path the guest looks a file up by (open, stat, access, readlink): through the sysroot,
     * as qemu-ppc's {@code -L} does, so that ld.so finds the guest's libraries.
     */
    private byte[] lookupPath(int addr) throws BadAddress {
        return options.lookup(user.string(addr));
    }

    int hostDirFd(int dirfd) {
        return dirfd == HostConstants.AT_FDCWD ? dirfd : fds.host(dirfd);
    }

    /**
     * Waits until guest {@code fd} is ready: 0 when it is. Alone, the thread blocks in the host
     * and RESTART says a wake-up came first; with other threads alive it does not block them: RETRY
     * makes it wait (without the host blocking) and run the call again once the descriptor is ready.
     */
    long awaitReady(int fd, int h, short events) {
        if (!fds.mayBlock(fd) || isNonBlocking(h)) {
            return 0;
        }
        if (threads.multiThreaded()) {
            if (host.waitFor(h, events, 0) != 0) {
                return 0;
            }
            thread.wait = new LinuxThread.Wait.Descriptor(
                    new int[] {h},
                    new short[] {events},
                    LinuxThread.Wait.NONE,
                    Interrupted.RESTART_UNLESS_HANDLER_WITHOUT_SA_RESTART);
            return RETRY;
        }
        long r = host.waitFor(h, events, -1);
        return r == -Errno.EINTR ? RESTART : 0;
    }

    /** O_NONBLOCK, read from the open file description each time: another process may change it. */
    boolean isNonBlocking(int h) {
        final int fGetfl = 3;
        long flags = host.fcntl(h, fGetfl, 0);
        return flags >= 0 && (flags & HostConstants.O_NONBLOCK) != 0;
    }

    /**
     * Polls host descriptors for the scheduler, together with the wake-up descriptor: the number
     * ready, 0 on timeout, -EINTR after {@link #wakeUp()}.
     */
    long pollHost(int[] hostFds, short[] events, short[] revents, long timeoutNanos) {
        return host.poll(hostFds, events, revents, timeoutNanos);
    }

    /** Makes a system call blocked in a wait return and restart later (thread-safe). */
    void wakeUp() {
        host.wakeUp();
    }

    private long read(int fd, int buf, int count) throws BadAddress {
        int h = fds.host(fd);
        if (h < 0) {
            return -Errno.EBADF;
        }
        if (fds.isEventFd(fd) && Integer.compareUnsigned(count, GuestEventfd.COUNTER_SIZE) < 0) {
            return -Errno.EINVAL;
        }
        long wait = awaitReady(fd, h, POLLIN);
        if (wait != 0) {
            return wait;
        }
        int len = transferCount(count);
        // The whole buffer must be writable before anything is consumed from the file.
        user.checkWritable(buf, len);
        byte[] data = new byte[len];
        long n = host.read(h, data, 0, len);
        if (n == GuestEventfd.COUNTER_SIZE && fds.isEventFd(fd)) {
            GuestEventfd.toGuest(data);
        }
        if (n > 0) {
            user.copyOut(buf, data, 0, (int) n);
        }
        return n;
    }

    private long write(int fd, int buf, int count) throws BadAddress {
        int h = fds.host(fd);
        if (h < 0) {
            return -Errno.EBADF;
        }
        if (fds.isEventFd(fd) && Integer.compareUnsigned(count, GuestEventfd.COUNTER_SIZE) < 0) {
            return -Errno.EINVAL;
        }
        long wait = awaitReady(fd, h, POLLOUT);
        if (wait != 0) {
            return wait;
        }
        int len = transferCount(count);
        byte[] data = user.copyIn(buf, len);
        if (len >= GuestEventfd.COUNTER_SIZE && fds.isEventFd(fd)) {
            GuestEventfd.toHost(data);
        }
        return host.write(h, data, 0, len);
    }

    private long pread(int fd, int buf, int count, long pos) throws BadAddress {
        int h = fds.host(fd);
        if (h < 0) {
            return -Errno.EBADF;
        }
        byte[] data = new byte[transferCount(count)];
        user.checkWritable(buf, data.length);
        long n = host.pread64(h, data, 0, data.length, pos);
        if (n > 0) {
            user.copyOut(buf, data, 0, (int) n);
        }
        return n;
    }

    private long pwrite(int fd, int buf, int count, long pos) throws BadAddress {
        int h = fds.host(fd);
        if (h < 0) {
            return -Errno.EBADF;
        }
        byte[] data = user.copyIn(buf, transferCount(count));
        return host.pwrite64(h, data, 0, data.length, pos);
    }

    private record Iovec(int base, int len) {}

    private List<Iovec> iovecs(int iov, int count) throws BadAddress {
        if (count < 0 || count > 1024) {
            throw new BadAddress();
        }
        ByteBuffer b = ByteBuffer.wrap(user.copyIn(iov, 8 * count));
        List<Iovec> list = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            list.add(new Iovec(b.getInt(), b.getInt()));
        }
        return list;
    }

    /** Linux refuses iovecs whose lengths add up past SSIZE_MAX (signed 32-bit here). */
    private static boolean validLengths(List<Iovec> iovecs) {
        long total = 0;
        for (Iovec v : iovecs) {
            total += Integer.toUnsignedLong(v.len());
        }
        return total <= Integer.MAX_VALUE;
    }

    private long readv(int fd, int iov, int count) throws BadAddress {
        if (count < 0 || count > 1024) {
            return -Errno.EINVAL;
        }
        if (!validLengths(iovecs(iov, count))) {
            return -Errno.EINVAL;
        }
        long total = 0;
        for (Iovec v : iovecs(iov, count)) {
            if (v.len() == 0) {
                continue;
            }
            long n = read(fd, v.base(), v.len());
            if (n < 0) {
                return total > 0 ? total : n;
            }
            total += n;
            if (n < v.len()) {
                break;
            }
        }
        return total;
    }

    private long writev(int fd, int iov, int count) throws BadAddress {
        if (count < 0 || count > 1024) {
            return -Errno.EINVAL;
        }
        int h = fds.host(fd);
        if (h < 0) {
            return -Errno.EBADF;
        }
        List<Iovec> iovecs = iovecs(iov, count);
        if (!validLengths(iovecs)) {
            return -Errno.EINVAL;
        }
        long wait = awaitReady(fd, h, POLLOUT);
        if (wait != 0) {
            return wait;
        }
        // One transfer carries at most MAX_TRANSFER bytes, as write() does: a short count.
        List<IoSlice> slices = new ArrayList<>();
        long room = HostOs.MAX_TRANSFER;
        for (Iovec v : iovecs) {
            int n = (int) Math.min(v.len(), room);
            slices.add(IoSlice.of(user.copyIn(v.base(), n)));
            room -= n;
        }
        return host.writev(h, slices);
    }

    private long openat(int dirfd, int pathAddr, int flags, int mode) throws BadAddress {
        Optional<byte[]> own = procFiles.contents(new String(path(pathAddr), StandardCharsets.UTF_8));
        if (own.isPresent()) {
            final int accessModes = 3;
            // Linux's /proc/PID/maps and cmdline are read-only (mode 0444).
            return (flags & accessModes) != 0 ? -Errno.EACCES : openContents(own.get(), flags);
        }
        int hdir = hostDirFd(dirfd);
        if (hdir < 0 && dirfd != HostConstants.AT_FDCWD) {
            return -Errno.EBADF;
        }
        long h = host.openat(hdir, lookupPath(pathAddr), GuestOpenFlags.toHost(flags), mode);
        if (h < 0) {
            return h;
        }
        return fds.install((int) h, 0);
    }

    /**
     * A descriptor reading {@code contents}, for a file the guest must see as its own kernel would
     * make it: an anonymous host file (memfd) with the bytes, positioned at the start.
     */
    private long openContents(byte[] contents, int flags) {
        final int mfdCloexec = 1;
        boolean closeOnExec = (GuestOpenFlags.toHost(flags) & HostConstants.O_CLOEXEC) != 0;
        long h = host.memfdCreate("ppcvm-proc".getBytes(StandardCharsets.UTF_8), closeOnExec ? mfdCloexec : 0);
        if (h < 0) {
            return h;
        }
        long written = 0;
        while (written < contents.length) {
            long n = host.write((int) h, contents, (int) written, contents.length - (int) written);
            if (n <= 0) {
                host.close((int) h);
                return n < 0 ? n : -Errno.EIO;
            }
            written += n;
        }
        host.lseek((int) h, 0, 0);
        return fds.install((int) h, 0);
    }

    private long lseek(int fd, int offset, int whence) {
        int h = fds.host(fd);
        if (h < 0) {
            return -Errno.EBADF;
        }
        long r = host.lseek(h, offset, whence);
        if (r > Integer.MAX_VALUE) {
            return -Errno.EOVERFLOW;
        }
        return r;
    }

    private long llseek(int fd, int high, int low, int result, int whence, int f) throws BadAddress {
        int h = fds.host(fd);
        if (h < 0) {
            return -Errno.EBADF;
        }
        long r = host.lseek(h, pair(high, low), whence);
        if (r < 0) {
            return r;
        }
        user.writeLong(result, r);
        return 0;
    }

    /** dup and F_DUPFD(_CLOEXEC): the lowest free guest number at or above {@code min}. */
    private long dup(int fd, int min, boolean closeOnExec) {
        int h = fds.host(fd);
        if (h < 0) {
            return -Errno.EBADF;
        }
        long d = hostDup(h, closeOnExec);
        return d < 0 ? d : fds.install((int) d, min);
    }

    /** A host duplicate with the guest's close-on-exec choice (what execve looks at). */
    private long hostDup(int h, boolean closeOnExec) {
        final int fDupfd = 0;
        final int fDupfdCloexec = 1030;
        return host.fcntl(h, closeOnExec ? fDupfdCloexec : fDupfd, 0);
    }

    private long dup2(int oldfd, int newfd, int flags) {
        int h = fds.host(oldfd);
        if (h < 0) {
            return -Errno.EBADF;
        }
        if (newfd < 0 || newfd >= FdTable.MAX_FDS) {
            return -Errno.EBADF;
        }
        if (oldfd == newfd) {
            return newfd;
        }
        long d = hostDup(h, (flags & HostConstants.O_CLOEXEC) != 0);
        if (d < 0) {
            return d;
        }
        fds.installAt(newfd, (int) d);
        return newfd;
    }

    private long pipe(int fdsAddr, int flags) throws BadAddress {
        int[] pair = new int[2];
        long r = host.pipe2(pair, GuestOpenFlags.toHost(flags));
        if (r < 0) {
            return r;
        }
        return installPair(pair, fdsAddr);
    }

    /** Gives two new host descriptors guest numbers and stores them, all or nothing. */
    private long installPair(int[] pair, int addr) throws BadAddress {
        try {
            user.checkWritable(addr, 8);
        } catch (BadAddress e) {
            host.close(pair[0]);
            host.close(pair[1]);
            throw e;
        }
        int first = fds.install(pair[0], 0);
        if (first < 0) {
            host.close(pair[1]);
            return first;
        }
        int second = fds.install(pair[1], 0);
        if (second < 0) {
            fds.close(first);
            return second;
        }
        user.copyOut(addr, UserMemory.bigEndian(8).putInt(first).putInt(second).array());
        return 0;
    }

    long socketpair(int domain, int type, int protocol, int sv, int e, int f) throws BadAddress {
        final int afUnix = 1;
        if (domain != afUnix) {
            return -Errno.EAFNOSUPPORT;
        }
        int[] pair = new int[2];
        long r = host.socketpair(domain, type, protocol, pair);
        if (r < 0) {
            return r;
        }
        return installPair(pair, sv);
    }

    private long fcntl(int fd, int cmd, int arg) {
        final int fDupfd = 0;
        final int fGetfd = 1;
        final int fSetfd = 2;
        final int fGetfl = 3;
        final int fSetfl = 4;
        final int fDupfdCloexec = 1030;
        int h = fds.host(fd);
        if (h < 0) {
            return -Errno.EBADF;
        }
        return switch (cmd) {
            case fDupfd -> dup(fd, arg, false);
            case fDupfdCloexec -> dup(fd, arg, true);
            case fGetfd, fSetfd -> host.fcntl(h, cmd, arg);
            case fGetfl -> {
                long r = host.fcntl(h, cmd, 0);
                yield r < 0 ? r : GuestOpenFlags.toGuest((int) r);
            }
            case fSetfl -> host.fcntl(h, cmd, GuestOpenFlags.toHost(arg));
            default -> -Errno.EINVAL;
        };
    }

    private long faccessat(int dirfd, int pathAddr, int mode, int flags) throws BadAddress {
        return host.faccessat(hostDirFd(dirfd), lookupPath(pathAddr), mode, flags);
    }

    private long readlinkat(int dirfd, int pathAddr, int buf, int size) throws BadAddress {
        if (size <= 0) {
            return -Errno.EINVAL;
        }
        byte[] p = lookupPath(pathAddr);
        Optional<String> own = procFiles.link(new String(path(pathAddr), StandardCharsets.UTF_8));
        byte[] target;
        if (own.isPresent()) {
            target = own.get().getBytes(StandardCharsets.UTF_8);
        } else {
            byte[] dst = new byte[Math.max(0, Math.min(size, 4096))];
            long n = host.readlinkat(hostDirFd(dirfd), p, dst);
            if (n < 0) {
                return n;
            }
            target = java.util.Arrays.copyOf(dst, (int) n);
        }
        int n = Math.min(target.length, size);
        user.copyOut(buf, target, 0, n);
        return n;
    }

    private long unlinkat(int dirfd, int pathAddr, int flags) throws BadAddress {
        return host.unlinkat(hostDirFd(dirfd), path(pathAddr), flags);
    }

    private long mkdirat(int dirfd, int pathAddr, int mode) throws BadAddress {
        return host.mkdirat(hostDirFd(dirfd), path(pathAddr), mode);
    }

    private long renameat(int olddir, int oldPath, int newdir, int newPath) throws BadAddress {
        return host.renameat(hostDirFd(olddir), path(oldPath), hostDirFd(newdir), path(newPath));
    }

    private long getcwd(int buf, int size) throws BadAddress {
        byte[] dst = new byte[Math.max(0, Math.min(size, 4096))];
        long n = host.getcwd(dst);
        if (n < 0) {
            return n;
        }
        user.copyOut(buf, dst, 0, (int) n);
        return n;
    }

    private long getdents64(int fd, int buf, int count) throws BadAddress {
        int h = fds.host(fd);
        if (h < 0) {
            return -Errno.EBADF;
        }
        byte[] data = new byte[Math.min(Math.max(count, 0), 1 << 16)];
        long n = host.getdents64(h, data, data.length);
        if (n <= 0) {
            return n;
        }
        GuestDirent64.toGuestInPlace(data, (int) n);
        user.copyOut(buf, data, 0, (int) n);
        return n;
    }

    private long linkat(int olddir, int oldPath, int newdir, int newPath, int flags) throws BadAddress {
        return host.linkat(hostDirFd(olddir), path(oldPath), hostDirFd(newdir), path(newPath), flags);
    }

    // ---- Waiting for descriptors ---------------------------------------------------------------

    private static final short POLLIN = 0x1;
    private static final short POLLOUT = 0x4;
    private static final short POLLERR = 0x8;
    private static final short POLLHUP = 0x10;
    private static final short POLLNVAL = 0x20;

    /** A relative timeout from a guest timespec pointer; -1 (wait forever) when the pointer is 0. */
    private long timeoutNanos(int addr, boolean time64) throws BadAddress {
        if (addr == 0) {
            return -1;
        }
        Timespec t = time64
                ? GuestTime.decodeTimespec64(user.copyIn(addr, 16), 0)
                : GuestTime.decodeTimespec32(user.copyIn(addr, 8), 0);
        return Math.max(0, t.toNanos());
    }

    private long timevalNanos(int addr) throws BadAddress {
        if (addr == 0) {
            return -1;
        }
        return Math.max(0, GuestTime.decodeTimeval32(user.copyIn(addr, 8), 0).toNanos());
    }

    /** poll/ppoll: struct pollfd {int fd; short events; short revents;}, the same bits on both. */
    private long poll(int fdsAddr, int nfds, long timeoutNanos) throws BadAddress {
        if (nfds < 0 || nfds > FdTable.MAX_FDS) {
            return -Errno.EINVAL;
        }
        ByteBuffer in = ByteBuffer.wrap(user.copyIn(fdsAddr, 8 * nfds));
        int[] guestFds = new int[nfds];
        short[] events = new short[nfds];
        int[] hostFds = new int[nfds];
        short[] revents = new short[nfds];
        int invalid = 0;
        for (int i = 0; i < nfds; i++) {
            guestFds[i] = in.getInt(8 * i);
            events[i] = in.getShort(8 * i + 4);
            hostFds[i] = guestFds[i] < 0 ? -1 : fds.host(guestFds[i]);
            if (guestFds[i] >= 0 && hostFds[i] < 0) {
                invalid++;
            }
        }
        long timeout = invalid > 0 || takeWaitTimedOut() ? 0 : timeoutNanos;
        long r = host.poll(hostFds, events, revents, threads.multiThreaded() ? 0 : timeout);
        if (r == 0 && timeout != 0 && threads.multiThreaded()) {
            return waitForDescriptors(hostFds, events, timeout);
        }
        if (r == -Errno.EINTR) {
            return interruptedWait();
        }
        if (r < 0) {
            return r;
        }
        long ready = 0;
        ByteBuffer out = ByteBuffer.wrap(in.array());
        for (int i = 0; i < nfds; i++) {
            short rev = guestFds[i] >= 0 && hostFds[i] < 0 ? POLLNVAL : guestFds[i] < 0 ? 0 : revents[i];
            out.putShort(8 * i + 6, rev);
            if (rev != 0) {
                ready++;
            }
        }
        user.copyOut(fdsAddr, out.array());
        return ready;
    }

    /** Whether the wait this call is retried after ended by its deadline (then it must not wait again). */
    boolean takeWaitTimedOut() {
        boolean timedOut = thread.waitTimedOut;
        thread.waitTimedOut = false;
        return timedOut;
    }

    /**
     * poll and select with other threads alive: the thread waits for the descriptors (without the
     * host blocking) until one is ready or the timeout passes, then runs the call again.
     */
    long waitForDescriptors(int[] hostFds, short[] events, long timeoutNanos) {
        long deadline = timeoutNanos < 0 ? LinuxThread.Wait.NONE : System.nanoTime() + timeoutNanos;
        thread.wait = new LinuxThread.Wait.Descriptor(
                hostFds.clone(), events.clone(), deadline, Interrupted.RESTART_UNLESS_HANDLER);
        return RETRY;
    }

    /** select/pselect6 on top of poll; fd_set is an array of big-endian 32-bit words. */
    private long select(int nfds, int readAddr, int writeAddr, int exceptAddr, long timeoutNanos) throws BadAddress {
        if (nfds < 0 || nfds > FdTable.MAX_FDS) {
            return -Errno.EINVAL;
        }
        int words = (nfds + 31) / 32;
        int[][] sets = {fdSet(readAddr, words), fdSet(writeAddr, words), fdSet(exceptAddr, words)};
        List<Integer> watched = new ArrayList<>();
        for (int fd = 0; fd < nfds; fd++) {
            if (isSet(sets[0], fd) || isSet(sets[1], fd) || isSet(sets[2], fd)) {
                if (fds.host(fd) < 0) {
                    return -Errno.EBADF;
                }
                watched.add(fd);
            }
        }
        int n = watched.size();
        int[] hostFds = new int[n];
        short[] events = new short[n];
        short[] revents = new short[n];
        for (int i = 0; i < n; i++) {
            int fd = watched.get(i);
            hostFds[i] = fds.host(fd);
            events[i] = (short) ((isSet(sets[0], fd) ? POLLIN : 0) | (isSet(sets[1], fd) ? POLLOUT : 0));
        }
        long timeout = takeWaitTimedOut() ? 0 : timeoutNanos;
        long r = host.poll(hostFds, events, revents, threads.multiThreaded() ? 0 : timeout);
        if (r == 0 && timeout != 0 && threads.multiThreaded()) {
            return waitForDescriptors(hostFds, events, timeout);
        }
        if (r == -Errno.EINTR) {
            return interruptedWait();
        }
        if (r < 0) {
            return r;
        }
        int[][] result = new int[3][words];
        long count = 0;
        for (int i = 0; i < n; i++) {
            int fd = watched.get(i);
            if (isSet(sets[0], fd) && (revents[i] & (POLLIN | POLLHUP | POLLERR)) != 0) {
                result[0][fd / 32] |= 1 << (fd % 32);
                count++;
            }
            if (isSet(sets[1], fd) && (revents[i] & (POLLOUT | POLLERR)) != 0) {
                result[1][fd / 32] |= 1 << (fd % 32);
                count++;
            }
        }
        int[] addrs = {readAddr, writeAddr, exceptAddr};
        for (int s = 0; s < 3; s++) {
            if (addrs[s] != 0) {
                ByteBuffer b = UserMemory.bigEndian(4 * words);
                for (int word : result[s]) {
                    b.putInt(word);
                }
                user.copyOut(addrs[s], b.array());
            }
        }
        return count;
    }

    private int[] fdSet(int addr, int words) throws BadAddress {
        int[] set = new int[words];
        if (addr != 0) {
            ByteBuffer b = ByteBuffer.wrap(user.copyIn(addr, 4 * words));
            for (int i = 0; i < words; i++) {
                set[i] = b.getInt();
            }
        }
        return set;
    }

    private static boolean isSet(int[] set, int fd) {
        return (set[fd / 32] & (1 << (fd % 32))) != 0;
    }

    private long ftruncate(int fd, long length) {
        int h = fds.host(fd);
        return h < 0 ? -Errno.EBADF : host.ftruncate(h, length);
    }

    private long ioctl(int fd, int request, int arg) throws BadAddress {
        int h = fds.host(fd);
        if (h < 0) {
            return -Errno.EBADF;
        }
        switch (request) {
            case GuestIoctls.TCGETS -> {
                Out<HostTermios> out = new Out<>();
                long r = host.tcgets(h, out);
                if (r >= 0) {
                    user.copyOut(arg, GuestTermios.encode(out.get()));
                }
                return r;
            }
            case GuestIoctls.TIOCGWINSZ -> {
                Out<Winsize> out = new Out<>();
                long r = host.getWinsize(h, out);
                if (r >= 0) {
                    user.copyOut(arg, GuestWinsize.encode(out.get()));
                }
                return r;
            }
            case GuestIoctls.FIONREAD -> {
                long r = host.fionread(h);
                if (r >= 0) {
                    user.writeWord(arg, (int) r);
                    return 0;
                }
                return r;
            }
            default -> {
                return -Errno.ENOTTY;
            }
        }
    }

    private long fstat64(int fd, int buf) throws BadAddress {
        int h = fds.host(fd);
        if (h < 0) {
            return -Errno.EBADF;
        }
        Out<HostStat> out = new Out<>();
        long r = host.fstat(h, out);
        if (r >= 0) {
            user.copyOut(buf, GuestStat64.encode(out.get()));
        }
        return r;
    }

    private long fstatat64(int dirfd, int pathAddr, int buf, int flags) throws BadAddress {
        Out<HostStat> out = new Out<>();
        byte[] p = lookupPath(pathAddr);
        int hdir = p.length > 0 && p[0] == '/' ? HostConstants.AT_FDCWD : hostDirFd(dirfd);
        long r = host.fstatat(hdir, p, flags, out);
        if (r >= 0) {
            user.copyOut(buf, GuestStat64.encode(out.get()));
        }
        return r;
    }

    private long statx(int dirfd, int pathAddr, int flags, int mask, int buf, int f) throws BadAddress {
        Out<HostStatx> out = new Out<>();
        long r = host.statx(hostDirFd(dirfd), lookupPath(pathAddr), flags, mask, out);
        if (r >= 0) {
            user.copyOut(buf, GuestStatx.encode(out.get()));
        }
        return r;
    }

    // ---- System information --------------------------------------------------------------------

    private long uname(int buf) throws BadAddress {
        Out<Utsname> out = new Out<>();
        long r = host.uname(out);
        if (r >= 0) {
            user.copyOut(buf, GuestUtsname.encode(out.get().withMachine(GuestUtsname.MACHINE)));
        }
        return r;
    }

    private long sysinfo(int buf) throws BadAddress {
        Out<SysInfo> out = new Out<>();
        long r = host.sysinfo(out);
        if (r >= 0) {
            user.copyOut(buf, GuestSysinfo.encode(out.get()));
        }
        return r;
    }

    private long getrlimit(int resource, int buf) throws BadAddress {
        Out<Rlimit> out = new Out<>();
        long r = host.getrlimit(resource, out);
        if (r >= 0) {
            user.copyOut(buf, GuestRlimit.encode32(out.get()));
        }
        return r;
    }

    /** CPU time of the vCPU's host thread, which is the guest's (user) time. */
    private static long cpuNanos() {
        java.lang.management.ThreadMXBean bean = java.lang.management.ManagementFactory.getThreadMXBean();
        return bean.isCurrentThreadCpuTimeSupported() ? bean.getCurrentThreadCpuTime() : 0;
    }

    private long times(int buf) throws BadAddress {
        long ticks = cpuNanos() / 10_000_000L;
        if (buf != 0) {
            user.copyOut(
                    buf,
                    UserMemory.bigEndian(16)
                            .putInt((int) ticks)
                            .putInt(0)
                            .putInt(0)
                            .putInt(0)
                            .array());
        }
        Out<Timespec> now = new Out<>();
        host.clockGettime(1, now);
        return now.get().toNanos() / 10_000_000L & 0x7FFF_FFFFL;
    }

    /** struct rusage for ppc32: two timevals then fourteen 32-bit longs (72 bytes). */
    private long getrusage(int who, int buf) throws BadAddress {
        if (who != 0 && who != -1 && who != 1) {
            return -Errno.EINVAL;
        }
        long nanos = who == -1 ? 0 : cpuNanos();
        ByteBuffer b = UserMemory.bigEndian(72);
        b.putInt((int) (nanos / 1_000_000_000L)).putInt((int) (nanos / 1000 % 1_000_000));
        user.copyOut(buf, b.array());
        return 0;
    }

    private long prlimit64(int pid, int resource, int newLimit, int oldLimit, int e, int f) throws BadAddress {
        if (pid != 0 && pid != PID) {
            return -Errno.ESRCH;
        }
        // The guest may read its limits; changing the host's own limits is not its business.
        Out<Rlimit> out = new Out<>();
        long r = host.getrlimit(resource, out);
        if (r >= 0 && oldLimit != 0) {
            user.copyOut(oldLimit, GuestRlimit.encode64(out.get()));
        }
        return r;
    }
}
