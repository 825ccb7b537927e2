package org.ppcvm.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The line format is checked against the real CLI by BenchmarkSmokeTest; these are the edge cases. */
class PpcvmStatsTest {
    @Test
    void readsTheLastStatsLineAmongGuestOutput() {
        String stderr = """
                guest says ppcvm: 1 instructions in 1.0 s (
                ppcvm: 65027659 instructions in 1,078 s (60,3 million per second)
                """;
        assertThat(PpcvmStats.parse(stderr)).contains(new PpcvmStats(65027659L, 1.078));
        assertThat(PpcvmStats.parse("no statistics\n")).isEmpty();
    }
}
