package org.ppcvm.core.exec;

import java.util.function.IntFunction;
import org.ppcvm.core.mem.Memory;
import org.ppcvm.isa.Decoder;
import org.ppcvm.isa.Op;

/**
 * Pre-decoded instructions, a page at a time, shared by every vCPU on one {@link Memory}. A page
 * is decoded on its first execution and marked as code in memory; a write to it (self-modifying
 * code, a loader, a debugger) or a change of its mapping drops the decoding.
 */
public final class DecodedCode {
    private static final int WORDS_PER_PAGE = Memory.PAGE_SIZE / 4;

    /**
     * The decoding of one page: the row and the word of every instruction slot, and the
     * breakpoint flags of the slots (null, the common case, when the page has no breakpoint).
     */
    public record Page(Op[] ops, int[] words, byte[] stops) {}

    private final Memory memory;
    private final Page[] pages = new Page[1 << (32 - Memory.PAGE_SHIFT)];
    private IntFunction<byte[]> stopIndex = page -> null;

    public DecodedCode(Memory memory) {
        this.memory = memory;
        memory.setCodeWriteListener(page -> pages[page] = null);
    }

    /** Where the breakpoint flags of a page come from when it is decoded (the debug interface). */
    public void setStopIndex(IntFunction<byte[]> stopIndex) {
        this.stopIndex = stopIndex;
    }

    /** Drops the decoding of a page, e.g. because its breakpoints changed. */
    public void invalidate(int page) {
        pages[page] = null;
    }

    /** The decoded page holding {@code pc}; throws a fetch {@code MemoryFault} if not executable. */
    public Page page(int pc) {
        int index = pc >>> Memory.PAGE_SHIFT;
        Page page = pages[index];
        return page != null ? page : decode(index, pc);
    }

    private Page decode(int index, int pc) {
        memory.fetch(pc);
        int base = index << Memory.PAGE_SHIFT;
        Op[] ops = new Op[WORDS_PER_PAGE];
        int[] words = new int[WORDS_PER_PAGE];
        for (int i = 0; i < WORDS_PER_PAGE; i++) {
            int word = memory.fetch(base + 4 * i);
            words[i] = word;
            ops[i] = Decoder.decodeForExecution(word);
        }
        Page page = new Page(ops, words, stopIndex.apply(index));
        memory.markCode(index);
        pages[index] = page;
        return page;
    }
}
