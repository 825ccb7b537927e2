package org.ppcvm.core.mem;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The guest's 32-bit physical (user mode: virtual) address space in 4 KiB pages, big-endian.
 *
 * <p>Each access makes one check: the page's entry in {@link #readable} or {@link #writable} is
 * non-null only when an access of that kind may proceed with no further work, and the access
 * must not cross the page. Everything else takes the slow path: unmapped or protected pages
 * (which fault), pages not yet touched (allocated zeroed on first use), pages holding decoded
 * code (whose decoding a write invalidates) and pages with a watchpoint (checked by the {@link
 * AccessObserver}).
 */
public final class Memory {
    public static final int PAGE_SHIFT = 12;
    public static final int PAGE_SIZE = 1 << PAGE_SHIFT;
    public static final int PAGE_MASK = PAGE_SIZE - 1;
    private static final int PAGES = 1 << (32 - PAGE_SHIFT);

    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    /** Page flags beyond the permissions. */
    private static final int MAPPED = 8;

    private static final int CODE = 16;
    private static final int WATCH_READ = 32;
    private static final int WATCH_WRITE = 64;

    private final byte[][] backing = new byte[PAGES][];
    private final byte[] flags = new byte[PAGES];
    private final byte[][] readable = new byte[PAGES][];
    private final byte[][] writable = new byte[PAGES][];
    private AccessObserver observer = AccessObserver.NONE;
    private CodeWriteListener codeWriteListener = page -> {};

    /** Called before a write reaches a page that holds decoded instructions. */
    @FunctionalInterface
    public interface CodeWriteListener {
        void codeWritten(int page);
    }

    // ---- Mapping --------------------------------------------------------------------------

    /** Maps [addr, addr+len) zero-filled with {@code perm}, replacing what was there. */
    public void map(int addr, int len, int perm) {
        forPages(addr, len, page -> {
            backing[page] = null;
            flags[page] = (byte) (MAPPED | perm | (flags[page] & (WATCH_READ | WATCH_WRITE)));
            invalidateCode(page);
            refresh(page);
        });
    }

    /** Unmaps [addr, addr+len); unmapped pages fault on every access. */
    public void unmap(int addr, int len) {
        forPages(addr, len, page -> {
            backing[page] = null;
            invalidateCode(page);
            flags[page] = (byte) (flags[page] & (WATCH_READ | WATCH_WRITE));
            refresh(page);
        });
    }

    /** Changes the permissions of the mapped pages in [addr, addr+len). */
    public void protect(int addr, int len, int perm) {
        forPages(addr, len, page -> {
            if ((flags[page] & MAPPED) != 0) {
                flags[page] = (byte) ((flags[page] & ~Perm.RWX) | perm);
                if ((perm & Perm.EXEC) == 0) {
                    invalidateCode(page);
                }
                refresh(page);
            }
        });
    }

    public boolean isMapped(int addr) {
        return (flags[addr >>> PAGE_SHIFT] & MAPPED) != 0;
    }

    /** The permissions of the page holding {@code addr}, or -1 when it is unmapped. */
    public int permissions(int addr) {
        int f = flags[addr >>> PAGE_SHIFT];
        return (f & MAPPED) != 0 ? f & Perm.RWX : -1;
    }

    /** True when every page of [addr, addr+len) is unmapped. */
    public boolean isFree(int addr, int len) {
        long end = Integer.toUnsignedLong(addr) + Integer.toUnsignedLong(len);
        for (long a = Integer.toUnsignedLong(addr) & ~PAGE_MASK; a < end; a += PAGE_SIZE) {
            if ((flags[(int) (a >>> PAGE_SHIFT)] & MAPPED) != 0) {
                return false;
            }
        }
        return true;
    }

    private interface PageAction {
        void apply(int page);
    }

    private static void forPages(int addr, int len, PageAction action) {
        if (len == 0) {
            return;
        }
        long first = Integer.toUnsignedLong(addr) >>> PAGE_SHIFT;
        long last = (Integer.toUnsignedLong(addr) + Integer.toUnsignedLong(len) - 1) >>> PAGE_SHIFT;
        for (long p = first; p <= Math.min(last, PAGES - 1); p++) {
            action.apply((int) p);
        }
    }

    private void refresh(int page) {
        int f = flags[page];
        byte[] data = backing[page];
        boolean plainRead = (f & MAPPED) != 0 && (f & Perm.READ) != 0 && (f & WATCH_READ) == 0;
        boolean plainWrite = (f & MAPPED) != 0 && (f & Perm.WRITE) != 0 && (f & (WATCH_WRITE | CODE)) == 0;
        readable[page] = plainRead ? data : null;
        writable[page] = plainWrite ? data : null;
    }

    // ---- Decoded code and watch flags ---------------------------------------------------------

    public void setCodeWriteListener(CodeWriteListener listener) {
        this.codeWriteListener = listener;
    }

    /** Marks a page as holding decoded instructions: the next write to it is reported first. */
    public void markCode(int page) {
        flags[page] |= CODE;
        refresh(page);
    }

    private void invalidateCode(int page) {
        if ((flags[page] & CODE) != 0) {
            flags[page] &= ~CODE;
            refresh(page); // writes take the fast path again until the page is decoded anew
            codeWriteListener.codeWritten(page);
        }
    }

    public void setAccessObserver(AccessObserver observer) {
        this.observer = observer;
    }

    /** Sends every read (or write) of the page through the {@link AccessObserver} first. */
    public void setWatched(int page, boolean watchReads, boolean watchWrites) {
        int f = flags[page] & ~(WATCH_READ | WATCH_WRITE);
        if (watchReads) {
            f |= WATCH_READ;
        }
        if (watchWrites) {
            f |= WATCH_WRITE;
        }
        flags[page] = (byte) f;
        refresh(page);
    }

    // ---- Guest loads and stores (these fault) ------------------------------------------------

    public int load8(int addr) {
        byte[] p = readable[addr >>> PAGE_SHIFT];
        if (p != null) {
            return p[addr & PAGE_MASK] & 0xFF;
        }
        return (int) loadSlow(addr, 1);
    }

    public int load16(int addr) {
        byte[] p = readable[addr >>> PAGE_SHIFT];
        int off = addr & PAGE_MASK;
        if (p != null && off <= PAGE_SIZE - 2) {
            return (short) SHORT.get(p, off) & 0xFFFF;
        }
        return (int) loadSlow(addr, 2);
    }

    public int load32(int addr) {
        byte[] p = readable[addr >>> PAGE_SHIFT];
        int off = addr & PAGE_MASK;
        if (p != null && off <= PAGE_SIZE - 4) {
            return (int) INT.get(p, off);
        }
        return (int) loadSlow(addr, 4);
    }

    public long load64(int addr) {
        byte[] p = readable[addr >>> PAGE_SHIFT];
        int off = addr & PAGE_MASK;
        if (p != null && off <= PAGE_SIZE - 8) {
            return (long) LONG.get(p, off);
        }
        return loadSlow(addr, 8);
    }

    public void store8(int addr, int value) {
        byte[] p = writable[addr >>> PAGE_SHIFT];
        if (p != null) {
            p[addr & PAGE_MASK] = (byte) value;
            return;
        }
        storeSlow(addr, 1, value);
    }

    public void store16(int addr, int value) {
        byte[] p = writable[addr >>> PAGE_SHIFT];
        int off = addr & PAGE_MASK;
        if (p != null && off <= PAGE_SIZE - 2) {
            SHORT.set(p, off, (short) value);
            return;
        }
        storeSlow(addr, 2, value);
    }

    public void store32(int addr, int value) {
        byte[] p = writable[addr >>> PAGE_SHIFT];
        int off = addr & PAGE_MASK;
        if (p != null && off <= PAGE_SIZE - 4) {
            INT.set(p, off, value);
            return;
        }
        storeSlow(addr, 4, value);
    }

    public void store64(int addr, long value) {
        byte[] p = writable[addr >>> PAGE_SHIFT];
        int off = addr & PAGE_MASK;
        if (p != null && off <= PAGE_SIZE - 8) {
            LONG.set(p, off, value);
            return;
        }
        storeSlow(addr, 8, value);
    }

    /** Fetches an instruction word; the page must be mapped executable. */
    public int fetch(int addr) {
        int page = addr >>> PAGE_SHIFT;
        int f = flags[page];
        if ((f & MAPPED) == 0 || (f & Perm.EXEC) == 0) {
            throw new MemoryFault(addr, AccessKind.FETCH, (f & MAPPED) != 0);
        }
        return (int) INT.get(page(page), addr & PAGE_MASK);
    }

    /**
     * Checks that a whole access of {@code len} bytes may proceed (every page mapped with the
     * permission, the observer consulted) without performing it. Multi-word accesses (lmw, stmw,
     * string instructions, dcbz) call this first so that a fault or a watchpoint leaves memory
     * unchanged.
     */
    public void checkAccess(int addr, int len, AccessKind kind) {
        if (len <= 0) {
            return;
        }
        int need = kind == AccessKind.WRITE ? Perm.WRITE : Perm.READ;
        int watch = kind == AccessKind.WRITE ? WATCH_WRITE : WATCH_READ;
        boolean watched = false;
        long start = Integer.toUnsignedLong(addr);
        long end = start + len;
        for (long a = start; a < end; a = (a & ~(long) PAGE_MASK) + PAGE_SIZE) {
            int page = (int) ((a >>> PAGE_SHIFT) & (PAGES - 1));
            int f = flags[page];
            if ((f & MAPPED) == 0 || (f & need) == 0) {
                throw new MemoryFault((int) a, kind, (f & MAPPED) != 0);
            }
            watched |= (f & watch) != 0;
        }
        if (watched) {
            observer.beforeAccess(addr, len, kind);
        }
    }

    private long loadSlow(int addr, int len) {
        checkAccess(addr, len, AccessKind.READ);
        long v = 0;
        for (int i = 0; i < len; i++) {
            int a = addr + i;
            v = v << 8 | (page(a >>> PAGE_SHIFT)[a & PAGE_MASK] & 0xFF);
        }
        return v;
    }

    private void storeSlow(int addr, int len, long value) {
        checkAccess(addr, len, AccessKind.WRITE);
        for (int i = 0; i < len; i++) {
            int a = addr + i;
            int page = a >>> PAGE_SHIFT;
            invalidateCode(page);
            page(page)[a & PAGE_MASK] = (byte) (value >>> (8 * (len - 1 - i)));
        }
    }

    /** The backing array of a mapped page, allocated zero-filled on first use. */
    private byte[] page(int page) {
        byte[] data = backing[page];
        if (data == null) {
            data = new byte[PAGE_SIZE];
            backing[page] = data;
            refresh(page);
        }
        return data;
    }

    // ---- Debugger and loader access (no permission checks, no faults on mapped pages) ---------

    /**
     * Copies guest memory into {@code dst} ignoring permissions, as a debugger or the kernel side
     * would; returns the number of bytes copied before the first unmapped page.
     */
    public int readRaw(int addr, byte[] dst, int dstOff, int len) {
        int done = 0;
        while (done < len) {
            int a = addr + done;
            int page = a >>> PAGE_SHIFT;
            if ((flags[page] & MAPPED) == 0) {
                break;
            }
            int off = a & PAGE_MASK;
            int n = Math.min(len - done, PAGE_SIZE - off);
            byte[] data = backing[page];
            if (data == null) {
                Arrays.fill(dst, dstOff + done, dstOff + done + n, (byte) 0);
            } else {
                System.arraycopy(data, off, dst, dstOff + done, n);
            }
            done += n;
        }
        return done;
    }

    /**
     * Copies {@code src} into guest memory ignoring permissions (loaders, debuggers); returns the
     * number of bytes written before the first unmapped page. Decoded code is invalidated.
     */
    public int writeRaw(int addr, byte[] src, int srcOff, int len) {
        int done = 0;
        while (done < len) {
            int a = addr + done;
            int page = a >>> PAGE_SHIFT;
            if ((flags[page] & MAPPED) == 0) {
                break;
            }
            int off = a & PAGE_MASK;
            int n = Math.min(len - done, PAGE_SIZE - off);
            invalidateCode(page);
            System.arraycopy(src, srcOff + done, page(page), off, n);
            done += n;
        }
        return done;
    }

    public byte[] readRaw(int addr, int len) {
        byte[] out = new byte[len];
        int n = readRaw(addr, out, 0, len);
        if (n != len) {
            throw new MemoryFault(addr + n, AccessKind.READ, false);
        }
        return out;
    }

    public void writeRaw(int addr, byte[] src) {
        int n = writeRaw(addr, src, 0, src.length);
        if (n != src.length) {
            throw new MemoryFault(addr + n, AccessKind.WRITE, false);
        }
    }

    /** Reads a NUL-terminated string of at most {@code max} bytes with guest read permission. */
    public byte[] readCString(int addr, int max) {
        byte[] buf = new byte[64];
        int n = 0;
        while (n < max) {
            int b = load8(addr + n);
            if (b == 0) {
                return Arrays.copyOf(buf, n);
            }
            if (n == buf.length) {
                buf = Arrays.copyOf(buf, buf.length * 2);
            }
            buf[n++] = (byte) b;
        }
        return Arrays.copyOf(buf, n);
    }
}
