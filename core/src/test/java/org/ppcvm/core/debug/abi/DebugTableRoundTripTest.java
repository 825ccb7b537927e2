package org.ppcvm.core.debug.abi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded random tables in both layouts: encoding then decoding gives the table back, and a table
 * with one bit flipped is either rejected with a {@link DebugTableException} or, when it is read,
 * encodes back to exactly the flipped bytes (nothing accepted is silently normalised).
 */
class DebugTableRoundTripTest {
    static LongStream seeds() {
        return LongStream.range(0, 200).map(i -> 0x5eed_0000L + i);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void encodeThenDecodeIsIdentity(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        for (TableLayout layout : TableLayout.values()) {
            DebugTable t = randomTable(r, layout);
            byte[] bytes = layout.encode(t);
            assertThat(bytes).as("seed %d", seed).hasSize(layout.size());
            assertThat(layout.decode(bytes)).as("seed %d", seed).isEqualTo(t);
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void aFlippedBitIsRejectedOrKeptExactly(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        for (TableLayout layout : TableLayout.values()) {
            byte[] bytes = layout.encode(randomTable(r, layout));
            int bit = r.nextInt(bytes.length * 8);
            bytes[bit / 8] ^= (byte) (0x80 >>> (bit % 8));
            DebugTable t;
            try {
                t = layout.decode(bytes);
            } catch (DebugTableException e) {
                continue;
            }
            if (t.useHardwarePoints()) {
                assertThat(layout.encode(t)).as("seed %d, bit %d", seed, bit).isEqualTo(bytes);
            }
        }
    }

    static DebugTable randomTable(SplittableRandom r, TableLayout layout) {
        int control = r.nextInt() & layout.controlBits();
        if (r.nextInt(4) != 0) {
            control |= DebugTable.USE_HW_BP;
        }
        List<TableSlot> slots = new ArrayList<>();
        if ((control & DebugTable.USE_HW_BP) != 0) {
            boolean useLength = (control & DebugTable.USE_LENGTH) != 0;
            for (int i = 0; i < layout.slotCount(); i++) {
                if (r.nextInt(3) != 0) {
                    continue;
                }
                SlotType type = SlotType.values()[r.nextInt(SlotType.values().length)];
                int address = r.nextInt();
                if (type == SlotType.BREAKPOINT) {
                    slots.add(TableSlot.breakpoint(i, address & ~3));
                } else if (!useLength) {
                    slots.add(new TableSlot(i, type, address, 0));
                } else {
                    long room = Math.min(Integer.MAX_VALUE, (1L << 32) - Integer.toUnsignedLong(address));
                    int length = r.nextBoolean() ? 1 + r.nextInt(64) : (int) r.nextLong(1, room + 1);
                    slots.add(new TableSlot(i, type, address, (int) Math.min(length, room)));
                }
            }
        }
        return new DebugTable(layout, control, slots);
    }
}
