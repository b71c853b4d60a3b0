package dev.cfn.loop.bench;

import java.util.Arrays;

/** Percentiles of nanosecond samples. */
final class Stats {
    private Stats() {}

    static double p50(long[] samples) {
        return percentile(samples, 0.5);
    }

    static double percentile(long[] samples, double q) {
        long[] sorted = samples.clone();
        Arrays.sort(sorted);
        int i = (int) Math.min(sorted.length - 1, Math.floor(q * sorted.length));
        return sorted[i];
    }

    static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
