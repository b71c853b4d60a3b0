package dev.cfn.coord.bench;

import java.util.Arrays;

/**
 * Percentiles of a set of samples, in microseconds.
 *
 * @param samples how many samples
 * @param p50Us the median
 * @param p99Us the 99th percentile
 * @param maxUs the slowest
 */
public record Latency(int samples, double p50Us, double p99Us, double maxUs) {
    /** Percentiles of nanosecond samples (nearest rank). */
    public static Latency ofNanos(long[] nanos) {
        if (nanos.length == 0) {
            throw new IllegalArgumentException("no samples");
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return new Latency(sorted.length, rank(sorted, 0.50), rank(sorted, 0.99), sorted[sorted.length - 1] / 1e3);
    }

    private static double rank(long[] sorted, double p) {
        int index = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e3;
    }
}
