package org.ppcvm.linux;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.ppcvm.core.cpu.LoadStore;
import org.ppcvm.core.mem.Memory;
import org.ppcvm.core.mem.Perm;

/**
 * Builds the process's initial stack as Linux's exec does on a 32-bit PowerPC: from the top, the
 * executable's name, the environment and argument strings, the platform strings and the 16
 * AT_RANDOM bytes, then (16-byte aligned) argc, argv[], NULL, envp[], NULL and the auxiliary
 * vector, which on PowerPC starts with two AT_IGNOREPPC entries and the cache block sizes.
 */
public final class InitialStack {
    /** Size of the writable stack mapping (Linux's default 8 MiB RLIMIT_STACK). */
    public static final int STACK_SIZE = 8 << 20;

    private InitialStack() {}

    /** The initial stack pointer and the auxiliary vector as laid out in memory. */
    public record Result(int sp, byte[] auxv) {}

    /** The process's ids, which the auxiliary vector repeats (AT_UID, AT_EUID, AT_GID, AT_EGID). */
    public record Credentials(int uid, int euid, int gid, int egid) {}

    public static Result build(
            Memory memory,
            int stackTop,
            LoadedImage image,
            int interpreterBase,
            List<String> argv,
            List<String> envp,
            String execFn,
            byte[] random16,
            Credentials ids) {
        memory.map(stackTop - STACK_SIZE, STACK_SIZE, Perm.RW);
        Writer w = new Writer(memory, stackTop - 4);
        int execFnAddr = w.string(execFn);
        List<Integer> envAddrs = new ArrayList<>();
        for (int i = envp.size() - 1; i >= 0; i--) {
            envAddrs.addFirst(w.string(envp.get(i)));
        }
        List<Integer> argAddrs = new ArrayList<>();
        for (int i = argv.size() - 1; i >= 0; i--) {
            argAddrs.addFirst(w.string(argv.get(i)));
        }
        w.p &= ~15;
        int basePlatformAddr = w.string(Auxv.E500MC_PLATFORM);
        int platformAddr = w.string(Auxv.E500MC_PLATFORM);
        int randomAddr = w.bytes(random16);

        int[][] aux = {
            {Auxv.AT_IGNOREPPC, Auxv.AT_IGNOREPPC},
            {Auxv.AT_IGNOREPPC, Auxv.AT_IGNOREPPC},
            {Auxv.AT_DCACHEBSIZE, LoadStore.CACHE_LINE},
            {Auxv.AT_ICACHEBSIZE, LoadStore.CACHE_LINE},
            {Auxv.AT_UCACHEBSIZE, 0},
            {Auxv.AT_HWCAP, Auxv.E500MC_HWCAP},
            {Auxv.AT_PAGESZ, Memory.PAGE_SIZE},
            {Auxv.AT_CLKTCK, 100},
            {Auxv.AT_PHDR, image.phdrAddress()},
            {Auxv.AT_PHENT, 32},
            {Auxv.AT_PHNUM, image.phnum()},
            {Auxv.AT_BASE, interpreterBase},
            {Auxv.AT_FLAGS, 0},
            {Auxv.AT_ENTRY, image.entry()},
            {Auxv.AT_UID, ids.uid()},
            {Auxv.AT_EUID, ids.euid()},
            {Auxv.AT_GID, ids.gid()},
            {Auxv.AT_EGID, ids.egid()},
            {Auxv.AT_SECURE, 0},
            {Auxv.AT_RANDOM, randomAddr},
            {Auxv.AT_HWCAP2, Auxv.E500MC_HWCAP2},
            {Auxv.AT_EXECFN, execFnAddr},
            {Auxv.AT_PLATFORM, platformAddr},
            {Auxv.AT_BASE_PLATFORM, basePlatformAddr},
            {Auxv.AT_NULL, 0},
        };
        int words = 1 + argv.size() + 1 + envp.size() + 1 + 2 * aux.length;
        int sp = (w.p - 4 * words) & ~15;
        ByteArrayOutputStream table = new ByteArrayOutputStream();
        ByteArrayOutputStream auxBytes = new ByteArrayOutputStream();
        putWord(table, argv.size());
        argAddrs.forEach(a -> putWord(table, a));
        putWord(table, 0);
        envAddrs.forEach(a -> putWord(table, a));
        putWord(table, 0);
        for (int[] entry : aux) {
            putWord(auxBytes, entry[0]);
            putWord(auxBytes, entry[1]);
        }
        table.writeBytes(auxBytes.toByteArray());
        memory.writeRaw(sp, table.toByteArray());
        return new Result(sp, auxBytes.toByteArray());
    }

    private static void putWord(ByteArrayOutputStream out, int value) {
        out.write(value >>> 24);
        out.write(value >>> 16);
        out.write(value >>> 8);
        out.write(value);
    }

    /** Pushes data downwards from the top of the stack. */
    private static final class Writer {
        private final Memory memory;
        private int p;

        Writer(Memory memory, int top) {
            this.memory = memory;
            this.p = top;
        }

        int string(String s) {
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            byte[] withNul = new byte[utf8.length + 1];
            System.arraycopy(utf8, 0, withNul, 0, utf8.length);
            return bytes(withNul);
        }

        int bytes(byte[] data) {
            p -= data.length;
            memory.writeRaw(p, data);
            return p;
        }
    }
}
