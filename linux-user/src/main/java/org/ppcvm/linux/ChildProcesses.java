package org.ppcvm.linux;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntConsumer;
import org.ppcvm.linux.host.HostOs;
import org.ppcvm.linux.host.HostProcesses;

/**
 * The process's children: programs it started with vfork/posix_spawn and execve, which run as
 * host processes (another ppcvm for a PowerPC program), known to the guest by pids of its own.
 *
 * <p>A watcher thread per child waits for it in the host and records its Linux wait status; the
 * owner then learns of it ({@code ended}: SIGCHLD, a wake-up) and the guest reaps it with wait4 or
 * waitid. A child ppcvm killed by a guest signal cannot die of it the way a native process does (a
 * JVM exits with 128+N instead), so it writes the signal's number to a pipe first; that byte turns
 * its exit back into "killed by signal N".
 */
final class ChildProcesses {
    /** One child: its host pid, the pipe its ppcvm reports a fatal signal on (or -1), its end. */
    private static final class Child {
        final int hostPid;
        final int signalPipe;
        volatile Integer waitStatus;

        Child(int hostPid, int signalPipe) {
            this.hostPid = hostPid;
            this.signalPipe = signalPipe;
        }
    }

    private final Map<Integer, Child> children = new LinkedHashMap<>();
    private final HostOs host;
    private final IntConsumer ended;

    /** @param ended told (on a watcher thread) the guest pid of a child that ended */
    ChildProcesses(HostOs host, IntConsumer ended) {
        this.host = host;
        this.ended = ended;
    }

    /** A Linux wait status: exited with {@code code}. */
    static int exited(int code) {
        return (code & 0xFF) << 8;
    }

    /** A Linux wait status: killed by {@code signal}, with the core-dump flag. */
    static int killed(int signal, boolean core) {
        return signal | (core ? 0x80 : 0);
    }

    /** A child that already ended (a vfork child that exited without exec). */
    synchronized void addEnded(int pid, int waitStatus) {
        Child c = new Child(-1, -1);
        c.waitStatus = waitStatus;
        children.put(pid, c);
    }

    /** Starts watching a host process that runs guest pid {@code pid}. */
    synchronized void add(int pid, int hostPid, int signalPipe) {
        Child c = new Child(hostPid, signalPipe);
        children.put(pid, c);
        Thread.ofPlatform().daemon().name("guest-child-" + pid).start(() -> watch(pid, c));
    }

    private void watch(int pid, Child c) {
        long status = HostProcesses.waitFor(c.hostPid);
        int linux;
        if (status < 0) {
            linux = exited(127);
        } else if ((status & 0x7F) == 0) {
            int code = (int) (status >> 8) & 0xFF;
            int signal = c.signalPipe >= 0 ? reportedSignal(c.signalPipe) : 0;
            linux = signal != 0
                    ? killed(signal, Signal.defaultAction(signal) == Signal.DefaultAction.CORE)
                    : exited(code);
        } else {
            linux = (int) (status & 0xFF);
        }
        if (c.signalPipe >= 0) {
            host.close(c.signalPipe);
        }
        c.waitStatus = linux;
        ended.accept(pid);
    }

    private int reportedSignal(int pipe) {
        byte[] b = new byte[1];
        long n = host.read(pipe, b, 0, 1);
        return n == 1 ? b[0] & 0xFF : 0;
    }

    /** Whether the process has a child {@code pid} (any child for -1). */
    synchronized boolean has(int pid) {
        return pid == -1 ? !children.isEmpty() : children.containsKey(pid);
    }

    /** A child that matches {@code pid} (-1: any) and has ended: its pid, or 0 when none has. */
    synchronized int findEnded(int pid) {
        for (Map.Entry<Integer, Child> e : children.entrySet()) {
            if ((pid == -1 || e.getKey() == pid) && e.getValue().waitStatus != null) {
                return e.getKey();
            }
        }
        return 0;
    }

    /** The wait status of an ended child; {@code reap} forgets the child. */
    synchronized int status(int pid, boolean reap) {
        Child c = children.get(pid);
        int status = c.waitStatus;
        if (reap) {
            children.remove(pid);
        }
        return status;
    }

    /** Sends a host signal to a running child; -ESRCH when it has ended. */
    synchronized long kill(int pid, int signal) {
        Child c = children.get(pid);
        if (c == null || c.waitStatus != null || c.hostPid < 0) {
            return -org.ppcvm.linux.host.Errno.ESRCH;
        }
        return HostProcesses.kill(c.hostPid, signal);
    }
}
