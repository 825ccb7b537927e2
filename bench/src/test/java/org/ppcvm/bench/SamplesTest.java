package org.ppcvm.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class SamplesTest {
    @Test
    void medianOfOddAndEvenCounts() {
        assertThat(new Samples(List.of(3.0, 1.0, 2.0)).median()).isEqualTo(2.0);
        assertThat(new Samples(List.of(4.0, 1.0, 3.0, 2.0)).median()).isEqualTo(2.5);
        assertThat(Samples.none().with(7.0).median()).isEqualTo(7.0);
        assertThat(Samples.none().median()).isNaN();
    }

    @Test
    void geometricMeanSkipsMissingValues() {
        assertThat(Samples.geometricMean(List.of(2.0, 8.0, Double.NaN))).isCloseTo(4.0, within(1e-12));
        assertThat(Samples.geometricMean(List.of(Double.NaN))).isNaN();
    }
}
