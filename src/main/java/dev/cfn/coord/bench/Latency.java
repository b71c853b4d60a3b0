package dev.cfn.coord.bench;

import dev.cfn.bench.Samples;

/**
 * Percentiles of a set of samples, in microseconds.
 *
 * @param samples how many samples
 * @param p50Us the median
 * @param p99Us the 99th percentile
 * @param maxUs the slowest
 */
public record Latency(int samples, double p50Us, double p99Us, double maxUs) {
    /**
     * The figures of nanosecond {@code samples} (nearest rank, {@link Samples}).
     *
     * @throws IllegalStateException if there are no samples
     */
    public static Latency of(Samples samples) {
        return new Latency(
                samples.count(),
                samples.percentileMicros(50),
                samples.percentileMicros(99),
                samples.percentileMicros(100));
    }
}
