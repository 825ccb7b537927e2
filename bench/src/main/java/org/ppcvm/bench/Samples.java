package org.ppcvm.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * The times of the repetitions of one measurement, in seconds, in the order they were taken.
 *
 * @param seconds one value per completed repetition (none if the first one failed)
 */
public record Samples(List<Double> seconds) {

    public Samples {
        seconds = List.copyOf(seconds);
    }

    public static Samples none() {
        return new Samples(List.of());
    }

    public boolean isEmpty() {
        return seconds.isEmpty();
    }

    /** The same with {@code value} added. */
    public Samples with(double value) {
        List<Double> more = new ArrayList<>(seconds);
        more.add(value);
        return new Samples(more);
    }

    /** The median (the mean of the middle two for an even count); NaN if there are none. */
    public double median() {
        if (seconds.isEmpty()) {
            return Double.NaN;
        }
        double[] sorted =
                seconds.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /** The geometric mean of {@code values}, ignoring NaNs; NaN if none is left. */
    public static double geometricMean(List<Double> values) {
        double logSum = 0;
        int count = 0;
        for (double v : values) {
            if (!Double.isNaN(v)) {
                logSum += Math.log(v);
                count++;
            }
        }
        return count == 0 ? Double.NaN : Math.exp(logSum / count);
    }
}
