package org.ppcvm.gdb.session;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.ppcvm.gdb.ppc.RegisterFile;

/**
 * A tiny in-memory machine: two threads, one mapped block of memory, scripted stops, a table of
 * host files and scripted monitor output.
 */
final class FakeTarget implements GdbTarget {
    static final long BASE = 0x10000;
    static final int SIZE = 0x100;
    static final int SIGINT = 2;

    record Point(PointType type, long address, int kind) {}

    static final class Registers implements RegisterFile {
        final Map<Integer, Integer> words = new HashMap<>();
        final Map<Integer, Long> fprs = new HashMap<>();

        @Override
        public int readWord(int regnum) {
            return words.getOrDefault(regnum, 0);
        }

        @Override
        public void writeWord(int regnum, int value) {
            words.put(regnum, value);
        }

        @Override
        public long readFpr(int regnum) {
            return fprs.getOrDefault(regnum, 0L);
        }

        @Override
        public void writeFpr(int regnum, long bits) {
            fprs.put(regnum, bits);
        }
    }

    final List<Integer> threads = new ArrayList<>(List.of(0x64, 0x65));
    final Map<Integer, Registers> registers = new HashMap<>();
    final byte[] memory = new byte[SIZE];
    final Set<Point> points = new HashSet<>();
    final Deque<StopReason> stops = new ArrayDeque<>();
    final List<List<ThreadAction>> resumes = new ArrayList<>();
    byte[] auxv = new byte[0];
    Optional<String> execFile = Optional.of("/usr/bin/prog");
    boolean attached;
    boolean detached;
    boolean killed;
    boolean refuse;
    boolean interruptPending;
    final Map<Integer, String> threadNames = new HashMap<>();
    Optional<Long> loadOffset = Optional.empty();
    final Map<String, Path> hostFiles = new HashMap<>();
    final Map<String, byte[]> kernelFiles = new HashMap<>();
    final Map<String, String> kernelLinks = new HashMap<>();
    final Map<String, String> monitorReplies = new HashMap<>();
    final List<String> monitorCommands = new ArrayList<>();
    boolean monitorFails;

    FakeTarget() {
        for (int i = 0; i < SIZE; i++) {
            memory[i] = (byte) i;
        }
        for (int tid : threads) {
            registers.put(tid, new Registers());
        }
    }

    @Override
    public List<Integer> threads() {
        return List.copyOf(threads);
    }

    @Override
    public RegisterFile registers(int tid) {
        Registers r = registers.get(tid);
        if (r == null) {
            throw new IllegalStateException("no thread " + tid);
        }
        return r;
    }

    @Override
    public byte[] readMemory(long address, int length) {
        if (address < BASE || address >= BASE + SIZE) {
            return new byte[0];
        }
        int from = (int) (address - BASE);
        return Arrays.copyOfRange(memory, from, Math.min(SIZE, from + length));
    }

    @Override
    public boolean writeMemory(long address, byte[] data) {
        if (address < BASE || address + data.length > BASE + SIZE) {
            return false;
        }
        System.arraycopy(data, 0, memory, (int) (address - BASE), data.length);
        return true;
    }

    @Override
    public boolean insertPoint(PointType type, long address, int kind) {
        if (refuse) {
            return false;
        }
        points.add(new Point(type, address, kind));
        return true;
    }

    @Override
    public boolean removePoint(PointType type, long address, int kind) {
        points.remove(new Point(type, address, kind));
        return !refuse;
    }

    /** A pending interrupt stops the next resume at once with SIGINT, before any scripted stop. */
    @Override
    public StopReason resume(List<ThreadAction> actions) {
        resumes.add(actions);
        if (interruptPending) {
            interruptPending = false;
            return StopReason.Signalled.of(threads.get(0), SIGINT);
        }
        if (stops.isEmpty()) {
            throw new IllegalStateException("no scripted stop");
        }
        return stops.removeFirst();
    }

    @Override
    public byte[] auxv() {
        return auxv.clone();
    }

    @Override
    public Optional<String> execFile() {
        return execFile;
    }

    @Override
    public boolean attached() {
        return attached;
    }

    @Override
    public void detach() {
        detached = true;
        points.clear();
    }

    @Override
    public void kill() {
        killed = true;
    }

    @Override
    public void interrupt() {
        interruptPending = true;
    }

    @Override
    public void clearInterrupt() {
        interruptPending = false;
    }

    @Override
    public String threadName(int tid) {
        return threadNames.getOrDefault(tid, "prog");
    }

    @Override
    public Optional<Long> loadOffset() {
        return loadOffset;
    }

    @Override
    public Optional<Path> hostFile(String targetPath) {
        return Optional.ofNullable(hostFiles.get(targetPath));
    }

    @Override
    public Optional<byte[]> kernelFile(String targetPath) {
        return Optional.ofNullable(kernelFiles.get(targetPath));
    }

    @Override
    public Optional<String> kernelLink(String targetPath) {
        return Optional.ofNullable(kernelLinks.get(targetPath));
    }

    /** The scripted reply, else the line an unknown command gets. */
    @Override
    public String monitor(String command) {
        monitorCommands.add(command);
        if (monitorFails) {
            throw new IllegalStateException("monitor failed");
        }
        String reply = monitorReplies.get(command);
        return reply != null ? reply : "Unknown monitor command '" + command + "'; try 'monitor help'.\n";
    }

    @Override
    public int processId() {
        return 0x64;
    }

    java.util.function.IntPredicate caughtSyscalls = n -> false;

    @Override
    public void catchSyscalls(java.util.function.IntPredicate numbers) {
        caughtSyscalls = numbers;
    }
}
