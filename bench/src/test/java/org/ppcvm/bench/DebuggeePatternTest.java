package org.ppcvm.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class DebuggeePatternTest {
    /** The first 16 bytes of a real 'dump binary memory' of the debuggee's buffer. */
    private static final byte[] DUMPED = HexFormat.of().parseHex("000000009e3645df3c6e8bbfdaa7d85f");

    @Test
    void matchesWhatTheGuestWrote() {
        assertThat(DebuggeePattern.word(1)).isEqualTo(0x9E36_45DF);
        for (int i = 0; i < DUMPED.length; i++) {
            assertThat(DebuggeePattern.at(i)).as("byte %d", i).isEqualTo(DUMPED[i]);
        }
        assertThat(DebuggeePattern.firstDifference(DUMPED, DUMPED.length)).isEmpty();
    }

    @Test
    void findsTheFirstWrongByteOrTheEndOfAShortDump() {
        byte[] wrong = DUMPED.clone();
        wrong[9] ^= 1;
        assertThat(DebuggeePattern.firstDifference(wrong, wrong.length)).isEqualTo(OptionalLong.of(9));
        assertThat(DebuggeePattern.firstDifference(DUMPED, 20)).isEqualTo(OptionalLong.of(16));
        assertThat(DebuggeePattern.firstDifference(DUMPED, 8)).isEqualTo(OptionalLong.of(8));
    }
}
