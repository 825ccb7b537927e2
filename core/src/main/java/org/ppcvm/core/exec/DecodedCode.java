package org.ppcvm.core.exec;

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

    /** The decoding of one page: the row and the word of every instruction slot. */
    public record Page(Op[] ops, int[] words) {}

    private final Memory memory;
    private final Page[] pages = new Page[1 << (32 - Memory.PAGE_SHIFT)];

    public DecodedCode(Memory memory) {
        this.memory = memory;
        memory.setCodeWriteListener(page -> pages[page] = null);
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
        Page page = new Page(ops, words);
        memory.markCode(index);
        pages[index] = page;
        return page;
    }
}
