package org.ppcvm.linux;

import org.ppcvm.core.mem.Memory;
import org.ppcvm.core.mem.Perm;

/**
 * The process's memory layout decisions: the program break and where anonymous and file mappings
 * go. Placement is deterministic (no randomization): mappings are found top-down below the stack,
 * as Linux's default layout does, so the same program gets the same addresses on every run.
 */
public final class AddressSpace {
    /** The top of user space for a 32-bit PowerPC process (TASK_SIZE with the 3G/1G split). */
    public static final int STACK_TOP = 0xC000_0000;

    /** Where top-down mmap allocation starts: below the stack and Linux's minimum 128 MiB gap. */
    public static final int MMAP_TOP = STACK_TOP - InitialStack.STACK_SIZE - (128 << 20);

    /**
     * The read-only page of the signal-return trampolines: just above the mmap area, in the gap
     * below the stack, where no mapping the process does not ask for at that address can land.
     */
    public static final int SIGNAL_TRAMPOLINES = MMAP_TOP;

    private final Memory memory;
    private int brkStart;
    private int brk;

    public AddressSpace(Memory memory) {
        this.memory = memory;
    }

    public Memory memory() {
        return memory;
    }

    /** Sets the initial break just past the loaded image. */
    public void setBrkStart(int imageEnd) {
        brkStart = pageAlign(imageEnd);
        brk = brkStart;
    }

    /** Where the heap (the brk area) starts. */
    public int heapStart() {
        return brkStart;
    }

    /** The end of the heap's last page (its start while the break has not moved). */
    public int heapEnd() {
        return pageAlign(brk);
    }

    public static int pageAlign(int addr) {
        return (int) ((Integer.toUnsignedLong(addr) + Memory.PAGE_MASK) & ~(long) Memory.PAGE_MASK);
    }

    /** The brk system call: moves the break if it can and returns the (possibly unchanged) break. */
    public int brk(int requested) {
        if (Integer.compareUnsigned(requested, brkStart) < 0) {
            return brk;
        }
        int oldEnd = pageAlign(brk);
        int newEnd = pageAlign(requested);
        if (Integer.compareUnsigned(newEnd, oldEnd) > 0) {
            if (Integer.compareUnsigned(newEnd, MMAP_TOP) > 0 || !memory.isFree(oldEnd, newEnd - oldEnd)) {
                return brk;
            }
            memory.map(oldEnd, newEnd - oldEnd, Perm.RW);
        } else if (Integer.compareUnsigned(newEnd, oldEnd) < 0) {
            memory.unmap(newEnd, oldEnd - newEnd);
        }
        brk = requested;
        return brk;
    }

    /**
     * Finds {@code len} bytes (page multiple) of free address space: at {@code hint} if it is free,
     * else the highest free range below {@link #MMAP_TOP}. Returns 0 when there is none.
     */
    public int findFree(int hint, int len) {
        if (hint != 0 && (hint & Memory.PAGE_MASK) == 0 && fits(hint, len) && memory.isFree(hint, len)) {
            return hint;
        }
        // One walk down from the top, counting the free pages seen in a row.
        int needed = len >>> Memory.PAGE_SHIFT;
        int lowestPage = 16;
        int run = 0;
        for (int page = (MMAP_TOP >>> Memory.PAGE_SHIFT) - 1; page >= lowestPage; page--) {
            if (memory.isMapped(page << Memory.PAGE_SHIFT)) {
                run = 0;
            } else if (++run == needed) {
                return page << Memory.PAGE_SHIFT;
            }
        }
        return 0;
    }

    private static boolean fits(int addr, int len) {
        return Integer.toUnsignedLong(addr) + Integer.toUnsignedLong(len) <= Integer.toUnsignedLong(STACK_TOP);
    }
}
