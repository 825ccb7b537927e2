package org.ppcvm.linux.host;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.util.List;

/**
 * Host processes the guest starts: a program spawned with some of the guest's descriptors at
 * given numbers, waited for, signalled. A JVM cannot fork itself, so a guest's {@code execve}
 * (after vfork or posix_spawn) becomes a host {@code posix_spawn} of either the host program or,
 * for a PowerPC program, another ppcvm.
 *
 * <p>Thread-safe: each call uses its own memory.
 */
public final class HostProcesses {
    /** A descriptor the child gets: host descriptor {@code from} at number {@code to}. */
    public record FdMapping(int from, int to) {}

    private static final int POSIX_SPAWN_SETSIGMASK = 0x08;
    private static final int F_DUPFD_CLOEXEC = 1030;

    /** Room for glibc's x86-64 posix_spawn_file_actions_t (80 bytes) and posix_spawnattr_t (336). */
    private static final long FILE_ACTIONS_SIZE = 256;

    private static final long SPAWNATTR_SIZE = 512;
    private static final long SIGSET_SIZE = 128;

    private static final Libc.Downcall SPAWN = new Libc.Downcall(
            "posix_spawn", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS));
    private static final Libc.Downcall ACTIONS_INIT =
            new Libc.Downcall("posix_spawn_file_actions_init", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    private static final Libc.Downcall ACTIONS_ADDDUP2 = new Libc.Downcall(
            "posix_spawn_file_actions_adddup2", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));
    private static final Libc.Downcall ACTIONS_ADDCLOSE =
            new Libc.Downcall("posix_spawn_file_actions_addclose", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    private static final Libc.Downcall ACTIONS_ADDCLOSEFROM = new Libc.Downcall(
            "posix_spawn_file_actions_addclosefrom_np", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    private static final Libc.Downcall ACTIONS_DESTROY =
            new Libc.Downcall("posix_spawn_file_actions_destroy", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    private static final Libc.Downcall ATTR_INIT =
            new Libc.Downcall("posix_spawnattr_init", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    private static final Libc.Downcall ATTR_SETFLAGS =
            new Libc.Downcall("posix_spawnattr_setflags", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_SHORT));
    private static final Libc.Downcall ATTR_SETSIGMASK =
            new Libc.Downcall("posix_spawnattr_setsigmask", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
    private static final Libc.Downcall ATTR_DESTROY =
            new Libc.Downcall("posix_spawnattr_destroy", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    private static final Libc.Downcall SIGEMPTYSET =
            new Libc.Downcall("sigemptyset", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    private static final Libc.Downcall WAITPID = new Libc.Downcall(
            "waitpid",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT),
            Linker.Option.captureCallState("errno"));
    private static final Libc.Downcall KILL = new Libc.Downcall(
            "kill", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT), Linker.Option.captureCallState("errno"));
    private static final Libc.Downcall FCNTL = new Libc.Downcall(
            "fcntl",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT),
            Linker.Option.captureCallState("errno"),
            Linker.Option.firstVariadicArg(2));
    private static final Libc.Downcall CLOSE = new Libc.Downcall("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));

    private HostProcesses() {}

    private static RuntimeException failure(Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException("native call failed", t);
    }

    /**
     * Starts {@code path} with {@code argv} and {@code envp} (exactly these: the guest's), with
     * every signal unblocked and the descriptors of {@code fds} at their numbers, and no other:
     * every other descriptor of the JVM is closed in the child. Returns the host pid, or -errno.
     */
    public static long spawn(byte[] path, List<byte[]> argv, List<byte[]> envp, List<FdMapping> fds) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment capture = arena.allocate(Libc.CAPTURE_LAYOUT);
            // Move every source out of the way first (close-on-exec, above any target number), so
            // that one mapping's target cannot be another's source.
            int[] temporary = new int[fds.size()];
            for (int i = 0; i < fds.size(); i++) {
                int r = (int) FCNTL.get().invokeExact(capture, fds.get(i).from(), F_DUPFD_CLOEXEC, 1024);
                if (r < 0) {
                    int errno = Libc.errno(capture);
                    closeAll(temporary, i);
                    return -errno;
                }
                temporary[i] = r;
            }
            try {
                MemorySegment actions = arena.allocate(FILE_ACTIONS_SIZE, 16);
                check((int) ACTIONS_INIT.get().invokeExact(actions));
                MemorySegment attr = arena.allocate(SPAWNATTR_SIZE, 16);
                check((int) ATTR_INIT.get().invokeExact(attr));
                try {
                    // The child gets these descriptors and no other of the JVM's, whatever their flags.
                    java.util.BitSet targets = new java.util.BitSet();
                    for (int i = 0; i < fds.size(); i++) {
                        check((int) ACTIONS_ADDDUP2
                                .get()
                                .invokeExact(actions, temporary[i], fds.get(i).to()));
                        targets.set(fds.get(i).to());
                    }
                    int highest = targets.length();
                    for (int fd = 0; fd < highest; fd++) {
                        if (!targets.get(fd)) {
                            check((int) ACTIONS_ADDCLOSE.get().invokeExact(actions, fd));
                        }
                    }
                    check((int) ACTIONS_ADDCLOSEFROM.get().invokeExact(actions, highest));
                    MemorySegment noSignals = arena.allocate(SIGSET_SIZE, 16);
                    check((int) SIGEMPTYSET.get().invokeExact(noSignals));
                    check((int) ATTR_SETSIGMASK.get().invokeExact(attr, noSignals));
                    check((int) ATTR_SETFLAGS.get().invokeExact(attr, (short) POSIX_SPAWN_SETSIGMASK));
                    MemorySegment pid = arena.allocate(JAVA_INT);
                    int r = (int) SPAWN.get()
                            .invokeExact(
                                    pid, cString(arena, path), actions, attr, vector(arena, argv), vector(arena, envp));
                    return r != 0 ? -r : pid.get(JAVA_INT, 0);
                } finally {
                    int ignored = (int) ACTIONS_DESTROY.get().invokeExact(actions);
                    ignored = (int) ATTR_DESTROY.get().invokeExact(attr);
                }
            } finally {
                closeAll(temporary, temporary.length);
            }
        } catch (Throwable t) {
            throw failure(t);
        }
    }

    private static void check(int r) {
        if (r != 0) {
            throw new IllegalStateException("posix_spawn set-up failed with error " + r);
        }
    }

    private static void closeAll(int[] fds, int count) throws Throwable {
        for (int i = 0; i < count; i++) {
            int ignored = (int) CLOSE.get().invokeExact(fds[i]);
        }
    }

    private static MemorySegment cString(Arena arena, byte[] s) {
        MemorySegment c = arena.allocate(s.length + 1L);
        MemorySegment.copy(s, 0, c, JAVA_BYTE, 0, s.length);
        c.set(JAVA_BYTE, s.length, (byte) 0);
        return c;
    }

    /** A NULL-terminated array of C strings. */
    private static MemorySegment vector(Arena arena, List<byte[]> strings) {
        MemorySegment v = arena.allocate(ADDRESS, strings.size() + 1L);
        for (int i = 0; i < strings.size(); i++) {
            v.setAtIndex(ADDRESS, i, cString(arena, strings.get(i)));
        }
        v.setAtIndex(ADDRESS, strings.size(), MemorySegment.NULL);
        return v;
    }

    /**
     * Waits for child {@code pid} to end (blocking; retried when a host signal interrupts it).
     * Returns the host wait status, or -errno.
     */
    public static long waitFor(int pid) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment capture = arena.allocate(Libc.CAPTURE_LAYOUT);
            MemorySegment status = arena.allocate(JAVA_INT);
            while (true) {
                int r = (int) WAITPID.get().invokeExact(capture, pid, status, 0);
                if (r >= 0) {
                    return status.get(JAVA_INT, 0);
                }
                int errno = Libc.errno(capture);
                if (errno != Errno.EINTR) {
                    return -errno;
                }
            }
        } catch (Throwable t) {
            throw failure(t);
        }
    }

    /** {@code kill(pid, sig)} to a host process; 0 or -errno. */
    public static long kill(int pid, int sig) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment capture = arena.allocate(Libc.CAPTURE_LAYOUT);
            int r = (int) KILL.get().invokeExact(capture, pid, sig);
            return r < 0 ? -Libc.errno(capture) : 0;
        } catch (Throwable t) {
            throw failure(t);
        }
    }
}
