package org.ppcvm.testkit.random;

import java.util.List;

/**
 * What the harness printed at the end of one block.
 *
 * @param block the block's index, counted by the harness itself
 * @param state the registers
 * @param memoryChecksums FNV-1a (over big-endian words) of each 64-byte chunk of the scratch data
 *     area, in address order
 */
public record StateDump(int block, MachineState state, List<Integer> memoryChecksums) {

    public StateDump {
        memoryChecksums = List.copyOf(memoryChecksums);
        if (memoryChecksums.size() != Harness.MEMORY_CHUNKS) {
            throw new IllegalArgumentException("expected " + Harness.MEMORY_CHUNKS + " chunk checksums");
        }
    }
}
