package dev.cfn.cli.db;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** Latencies of one operation in nanoseconds, summarised as percentiles in microseconds. */
final class LatencySamples {
    private final long[] nanos;
    private int size;

    LatencySamples(int capacity) {
        this.nanos = new long[capacity];
    }

    void add(long elapsedNanos) {
        nanos[size++] = elapsedNanos;
    }

    /** The p-th percentile (0 to 100, nearest rank) in microseconds. */
    double percentileMicros(double p) {
        long[] sorted = Arrays.copyOf(nanos, size);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * size);
        return sorted[Math.max(0, Math.min(size - 1, rank - 1))] / 1_000.0;
    }

    double meanMicros() {
        return Arrays.stream(nanos, 0, size).average().orElse(0) / 1_000.0;
    }

    Map<String, Object> summary() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("samples", size);
        m.put("p50_us", round(percentileMicros(50)));
        m.put("p95_us", round(percentileMicros(95)));
        m.put("p99_us", round(percentileMicros(99)));
        m.put("mean_us", round(meanMicros()));
        return m;
    }

    private static double round(double micros) {
        return Math.round(micros * 10) / 10.0;
    }
}
